"""The demo digest in Chromium from ``file://``: offline, playable, filterable, accessible."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from highlights.models import Highlight, MeetingResult
from highlights.outputs import read_result
from highlights.runner import RunOutcome

OpenPage = Callable[..., tuple[Any, Any]]  # the ``open_page`` fixture: (page, guard)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
TOLERANCE_S = 0.15  # MP3 frames are 26 ms; encoder padding stays well inside this

WAIT_FOR_MEDIA = """() => Array.from(document.querySelectorAll('audio'))
    .every(a => a.readyState >= 1 || a.error)"""

MEDIA_STATE = """() => Array.from(document.querySelectorAll('audio')).map(a => ({
    id: a.id, src: a.currentSrc, ready: a.readyState, duration: a.duration,
    error: a.error ? a.error.code : null}))"""


def _result(demo: RunOutcome) -> MeetingResult:
    return read_result(demo.folder / "highlights.json")


def _url(path: Path) -> str:
    return path.resolve().as_uri()


def _visible_cards(page: Any) -> list[str]:
    return page.eval_on_selector_all(
        "article.highlight", "cards => cards.filter(c => c.offsetParent !== null).map(c => c.id)"
    )


def _said_by(h: Highlight) -> set[str]:
    said = {s.speaker or "Unknown speaker" for s in h.statements if s.labels}
    key = h.key
    if key is not None:
        said.add(key.speaker or "Unknown speaker")
    return said or {s.speaker or "Unknown speaker" for s in h.statements}


def test_digest_requests_only_local_files_and_logs_no_errors(
    open_page: OpenPage, demo: RunOutcome
) -> None:
    page, guard = open_page(_url(demo.page))
    page.wait_for_function(WAIT_FOR_MEDIA)
    page.select_option("#filter-tag", index=1)
    page.click("a.open >> nth=0")
    page.wait_for_function("() => !document.getElementById('recording').paused")
    result = _result(demo)
    expected = {demo.page, demo.folder / "digest.css", demo.folder / "digest.js"}
    expected |= {demo.folder / str(h.clip_file) for h in result.highlights}
    expected.add(Path(str(result.audio_file)))
    assert guard.offsite == []
    assert all(url.startswith("file:") for url in guard.requests)
    requested = {Path(unquote(urlsplit(url).path)).resolve() for url in guard.requests}
    assert {p.resolve() for p in expected} <= requested
    assert guard.console_errors == [] and guard.page_errors == [] and guard.dialogs == []


def test_digest_every_clip_loads_plays_and_has_its_duration(
    open_page: OpenPage, demo: RunOutcome
) -> None:
    page, _ = open_page(_url(demo.page))
    page.wait_for_function(WAIT_FOR_MEDIA)
    media = {Path(unquote(urlsplit(m["src"]).path)): m for m in page.evaluate(MEDIA_STATE)}
    result = _result(demo)
    assert len(media) == len(result.highlights) + 1
    for h in result.highlights:
        clip = media[demo.folder / str(h.clip_file)]
        assert clip["error"] is None and clip["ready"] >= 1
        assert clip["duration"] == pytest.approx((h.end_ms - h.start_ms) / 1000, abs=TOLERANCE_S)
    recording = media[Path(str(result.audio_file))]
    assert recording["id"] == "recording" and recording["error"] is None
    assert recording["duration"] == pytest.approx(result.duration_ms / 1000, abs=TOLERANCE_S)
    played = page.evaluate(
        """async () => {
            const clips = Array.from(document.querySelectorAll('article audio'));
            for (const a of clips) { a.muted = true; await a.play(); }
            await new Promise(r => setTimeout(r, 600));
            const times = clips.map(a => a.currentTime);
            clips.forEach(a => a.pause());
            return times;
        }"""
    )
    assert len(played) == len(result.highlights)
    assert all(t > 0.1 for t in played), played


def test_open_in_recording_seeks_the_recording(open_page: OpenPage, demo: RunOutcome) -> None:
    page, _ = open_page(_url(demo.page))
    page.wait_for_function(WAIT_FOR_MEDIA)
    page.evaluate("() => { document.getElementById('recording').muted = true; }")
    for h in _result(demo).highlights:
        link = page.locator(f"#h-{h.id} a.open")
        link.click()
        page.wait_for_function(
            "start => { const r = document.getElementById('recording');"
            " return !r.paused && r.currentTime >= start; }",
            arg=h.start_ms / 1000,
            timeout=3_000,  # playing from 0 to the start instead of seeking takes longer
        )
        now = page.evaluate("() => document.getElementById('recording').currentTime")
        assert h.start_ms / 1000 <= now < h.start_ms / 1000 + 1.5
        assert page.url == _url(demo.page)  # the link was handled in the page
        assert "Playing the recording from" in page.inner_text("#recording-status")
        page.evaluate("() => document.getElementById('recording').pause()")


def test_tag_and_speaker_filters_hide_and_show_cards(open_page: OpenPage, demo: RunOutcome) -> None:
    page, _ = open_page(_url(demo.page))
    result = _result(demo)
    every = [f"h-{h.id}" for h in result.highlights]
    assert page.is_visible("#filters") and _visible_cards(page) == every
    labels = page.eval_on_selector_all("#filter-tag option", "os => os.map(o => o.value)")
    assert labels[0] == "" and set(labels[1:]) == {x for h in result.highlights for x in h.labels}
    for label in labels[1:]:
        page.select_option("#filter-tag", label)
        shown = [f"h-{h.id}" for h in result.highlights if label in h.labels]
        assert _visible_cards(page) == shown, label
        assert page.inner_text("#filter-status") == (
            f"Showing {len(shown)} of {len(every)} highlights"
        )
    page.select_option("#filter-tag", "")
    options = page.eval_on_selector_all(
        "#filter-speaker option", "os => os.map(o => [o.value, o.textContent])"
    )
    assert [name for _, name in options[1:]] == ["Dana", "Sam"]
    for value, name in options[1:]:
        page.select_option("#filter-speaker", value)
        shown = [f"h-{h.id}" for h in result.highlights if name in _said_by(h)]
        assert len(shown) > 0 and _visible_cards(page) == shown, name
    page.select_option("#filter-tag", "BLOCKER")
    page.select_option("#filter-speaker", options[1][0])
    both = [
        f"h-{h.id}" for h in result.highlights if "BLOCKER" in h.labels and "Dana" in _said_by(h)
    ]
    assert _visible_cards(page) == both and len(both) < len(every)
    page.click("#filter-reset")
    assert _visible_cards(page) == every
    assert page.inner_text("#filter-status") == f"Showing all {len(every)} highlights"


def test_digest_is_complete_without_javascript(open_page: OpenPage, demo: RunOutcome) -> None:
    page, guard = open_page(_url(demo.page), java_script_enabled=False)
    result = _result(demo)
    assert not page.is_visible("#filters")
    assert _visible_cards(page) == [f"h-{h.id}" for h in result.highlights]
    first = result.highlights[0]
    card = page.locator(f"#h-{first.id}")
    assert not card.locator(".statement").first.is_visible()
    card.locator("summary").click()
    assert card.locator(".statement").first.is_visible()
    href = card.locator("a.open").get_attribute("href") or ""
    target, _, fragment = href.partition("#")
    assert (demo.folder / unquote(target)).resolve() == Path(str(result.audio_file)).resolve()
    assert fragment == f"t={first.start_ms / 1000:.3f},{first.end_ms / 1000:.3f}"
    card.locator("a.open").click()
    page.wait_for_url(f"**/*{fragment}")
    assert guard.offsite == []


def test_digest_reaches_every_control_by_keyboard(open_page: OpenPage, demo: RunOutcome) -> None:
    page, _ = open_page(_url(demo.page))
    page.wait_for_function(WAIT_FOR_MEDIA)
    seen: list[dict[str, Any]] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        seen.append(
            page.evaluate(
                """() => { const e = document.activeElement, s = getComputedStyle(e);
                return {tag: e.tagName.toLowerCase(), id: e.id, cls: e.className,
                        outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""
            )
        )
    focused = [(s["tag"], s["id"] or s["cls"]) for s in seen]
    n = len(_result(demo).highlights)
    assert focused[0] == ("a", "skip")
    assert ("select", "filter-tag") in focused and ("select", "filter-speaker") in focused
    assert focused.count(("summary", "")) >= n
    assert len({i for i, s in enumerate(seen) if s["cls"] == "open"}) >= n
    audio = {s["id"] for s in seen if s["tag"] == "audio"}
    assert "recording" in audio and sum(1 for s in seen if s["tag"] == "audio") >= n
    for s in seen:
        if s["tag"] in ("a", "select", "summary", "button"):
            assert s["outline"] != "none" and s["width"] >= 2, s


def test_digest_fits_a_phone_screen(open_page: OpenPage, demo: RunOutcome) -> None:
    page, _ = open_page(_url(demo.page), viewport=PHONE)
    page.wait_for_function(WAIT_FOR_MEDIA)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    boxes = page.eval_on_selector_all(
        "article.highlight, article audio, #filters, .recording, .recording audio",
        "els => els.map(e => e.getBoundingClientRect()).map(r => [r.left, r.right, r.width])",
    )
    assert len(boxes) == 2 * len(_result(demo).highlights) + 3
    assert all(left >= 0 and right <= PHONE["width"] for left, right, _ in boxes), boxes
    assert min(width for _, _, width in boxes) >= 240  # players stay usable
    index, _ = open_page(_url(demo.folder.parent / "index.html"), viewport=PHONE)
    assert index.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]


def test_digest_print_stylesheet(open_page: OpenPage, demo: RunOutcome) -> None:
    page, _ = open_page(_url(demo.page))
    page.emulate_media(media="print")
    for hidden in ("#filters", ".recording", "article audio >> nth=0", "a.open >> nth=0"):
        assert not page.is_visible(hidden), hidden
    assert page.locator("details.excerpt:not([open]) .statement").first.is_visible()
    page.emulate_media(media="screen")
    assert page.is_visible("#filters")


def test_index_page_links_to_the_meeting(open_page: OpenPage, demo: RunOutcome) -> None:
    page, _ = open_page(_url(demo.folder.parent / "index.html"))
    rows = page.locator("table.meetings tbody tr")
    assert rows.count() == 1
    rows.locator("a").click()
    page.wait_for_url(_url(demo.page))
    assert page.inner_text("h1") == _result(demo).title



@pytest.mark.parametrize(
    ("which", "options"),
    [
        ("meeting", {"viewport": DESKTOP}),
        ("meeting", {"viewport": PHONE}),
        ("meeting", {"viewport": DESKTOP, "color_scheme": "dark"}),
        ("index", {"viewport": DESKTOP}),
    ],
    ids=["meeting-desktop", "meeting-phone", "meeting-dark", "index"],
)
def test_axe_finds_no_serious_violations(
    open_page: OpenPage,
    demo: RunOutcome,
    check_axe: Callable[[Any], None],
    which: str,
    options: dict[str, Any],
) -> None:
    path = demo.page if which == "meeting" else demo.folder.parent / "index.html"
    page, _ = open_page(_url(path), **options)
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
    check_axe(page)


def test_request_guard_catches_network_requests(open_page: OpenPage, tmp_path: Path) -> None:
    """The guard the other tests rely on sees (and refuses) requests leaving ``file:``."""
    page_file = tmp_path / "leaky.html"
    page_file.write_text(
        '<!doctype html><title>leaky</title><img src="http://example.invalid/x.png">'
        '<audio preload="auto" src="https://example.invalid/a.mp3"></audio>',
        encoding="utf-8",
    )
    page, guard = open_page(page_file.as_uri(), clean=False)
    page.wait_for_function("() => document.querySelector('audio').error !== null")
    assert set(guard.offsite) == {"http://example.invalid/x.png", "https://example.invalid/a.mp3"}
    assert page_file.as_uri() in guard.requests
