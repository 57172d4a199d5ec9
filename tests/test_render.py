"""The digest pages, parsed as HTML: structure, escaping, policy, no network, determinism."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from highlights.assemble import assemble
from highlights.errors import OutputError
from highlights.models import (
    Clip,
    MeetingResult,
    Participant,
    RuleHit,
    SmartParts,
    Statement,
    Window,
)
from highlights.outputs import audacity_labels, read_result, webvtt_chapters, write_exports
from highlights.render import (
    CSP,
    INDEX_CSP,
    GoalRef,
    clean_text,
    render_index,
    render_meeting,
)
from highlights.resources import templates_dir

EVIL = '<script>alert(1)</script>"onerror=alert(2) javascript:alert(3)'
CONTROLS = "a\x00b\x07c\x1bd\u202ee\u2066f\x85g"


def _result(
    tmp_path: Path,
    text: str = "This is your top priority for the promotion.",
    *,
    audio: bool = True,
    speaker: str = "Dana",
    label: str = "promo <b>",
    title: str = "1-on-1 " + EVIL,
) -> MeetingResult:
    hit = RuleHit("priority.top", "PRIORITY", "top priority", 13, 25, "says what comes first")
    late = RuleHit("blocker.blocked", "BLOCKER", "blocked", 5, 12, "names an obstacle")
    statements = (
        Statement(0, 0, "Sam", 1_000, 4_000, "Morning."),
        Statement(
            1, 1, speaker, 5_000, 9_000, text, ("PRIORITY",), (hit,), SmartParts(specific=True)
        ),
        Statement(2, 2, "Sam", 30_000, 34_000, "I am blocked on access.", ("BLOCKER",), (late,)),
    )
    clips = [
        Clip(Window(0, 10_000, 10_000, "point", (0,), (label,)), 500, 9_800, True, True),
        Clip(Window(29_000, 35_000, 35_000, "point", (1,), ()), 29_500, 34_900, True, True),
    ]
    recording = tmp_path / "rec.mp3"
    recording.write_bytes(b"")
    highlights = assemble(
        "m1",
        clips,
        statements,
        roles={speaker: "manager"},
        clip_files=["clips/01-x.mp3", "clips/02-y.mp3"] if audio else None,
    )
    return MeetingResult(
        meeting_id="m1",
        title=title,
        date="2026-03-04",
        duration_ms=60_000,
        audio_file=str(recording) if audio else None,
        transcript_source="t.vtt",
        machine_transcribed=False,
        participants=(Participant(speaker, "manager"), Participant(EVIL, "report")),
        highlights=highlights,
        statements=statements,
    )


def _render(tmp_path: Path, result: MeetingResult, **kwargs: object) -> Path:
    folder = tmp_path / "site" / result.meeting_id
    folder.mkdir(parents=True, exist_ok=True)
    return render_meeting(result, folder, **kwargs)  # type: ignore[arg-type]


def _page(tmp_path: Path, result: MeetingResult, **kwargs: object) -> BeautifulSoup:
    return BeautifulSoup(_render(tmp_path, result, **kwargs).read_text("utf-8"), "html.parser")


def _key(soup: BeautifulSoup) -> Tag:
    return _one(soup.select("article.highlight")[0], "li.is-key")


def _one(soup: BeautifulSoup | Tag, selector: str) -> Tag:
    found = soup.select(selector)
    assert len(found) == 1, (selector, found)
    return found[0]


def _csp(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = _one(soup, 'meta[http-equiv="Content-Security-Policy"]')
    directives = [d.split() for d in str(meta["content"]).split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def test_render_meeting_summary_strip(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    summary = {
        dt.get_text(): dt.find_next_sibling("dd").get_text() for dt in soup.select("dl.summary dt")
    }
    assert summary == {
        "Date": "2026-03-04",
        "Participants": f"Dana (manager), {EVIL} (report)",
        "Length": "01:00",
        "Highlights": "2",
    }
    counts = [li.get_text(" ", strip=True) for li in soup.select("ul.tag-counts li")]
    assert counts == ["Priority 1", "Blocker 1"]


def test_render_highlight_card(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    card = soup.select("article.highlight")[0]
    key = _one(card, "blockquote.key")
    assert _one(key, "p").get_text() == "This is your top priority for the promotion."
    assert _one(key, "mark.tag-priority").get_text() == "top priority"
    assert key.footer is not None and key.footer.get_text() == "— Dana (manager), 00:05"
    assert [a.get_text() for a in card.select(":scope > p.smart abbr.on")] == ["S present"]
    assert _one(card, ".marker-label").get_text() == "promo <b>"
    assert _one(card, "audio")["src"] == "clips/01-x.mp3"
    link = _one(card, "a.open")
    assert link["href"] == "../../rec.mp3#t=0.500,9.800"
    assert (link["data-start"], link.get_text()) == ("0.500", "Open in recording at 00:00")
    tags = [li.get_text(" ", strip=True) for li in card.select("ul.tags > li")]
    assert tags == ["Priority priority.top"]
    assert _one(card, ":scope > ul.tags code.rule")["title"] == "says what comes first"
    excerpt = _one(card, "details.excerpt")
    assert not excerpt.has_attr("open")
    whos = [
        li.select_one(".who").get_text(" ", strip=True) for li in excerpt.select("li.statement")
    ]
    assert whos == ["Sam", "Dana (manager)"]
    assert _one(excerpt, "li.is-key .why").get_text(" ", strip=True) == (
        "Priority priority.top — says what comes first"
    )


def test_render_recording_player_only_with_audio(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    player = _one(soup, "audio#recording")
    assert player["src"] == "../../rec.mp3" and player.find_parent("main") is None
    assert len(soup.select("a.open[data-start]")) == 2

    (tmp_path / "bare").mkdir()
    bare = _page(tmp_path / "bare", _result(tmp_path / "bare", audio=False))
    assert bare.select("audio, a.open") == []
    assert "No recording" in _one(bare, "p.note").get_text()


def test_render_filters_hidden_until_script_runs(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    form = _one(soup, "form#filters")
    assert form.has_attr("hidden")
    tags = [(o["value"], o.get_text()) for o in form.select("#filter-tag option")]
    assert tags == [("", "All tags"), ("PRIORITY", "Priority (1)"), ("BLOCKER", "Blocker (1)")]
    speakers = {o.get_text(): o["value"] for o in form.select("#filter-speaker option")}
    assert speakers == {"Anyone": "", "Dana": "0", "Sam": "1"}
    cards = soup.select("article.highlight")
    assert [(c["data-labels"], c["data-speakers"]) for c in cards] == [
        ("PRIORITY", "0"),
        ("BLOCKER", "1"),
    ]
    script = _one(soup, "script")
    assert script["src"] == "digest.js" and script.has_attr("defer") and not script.string


def test_render_escapes_hostile_text(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path, text=EVIL, speaker=EVIL, label=EVIL))
    assert [s.get("src") for s in soup.find_all("script")] == ["digest.js"]
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert _one(_key(soup), "p.text").get_text() == EVIL
    assert _one(_key(soup), ".who bdi").get_text() == EVIL
    assert [o.get_text() for o in soup.select("#filter-speaker option")][1] == EVIL
    assert _one(soup, "h1").get_text() == "1-on-1 " + EVIL
    assert soup.select(".marker-label")[0].get_text() == EVIL
    assert all(not str(a["href"]).startswith("javascript:") for a in soup.find_all("a"))


def test_render_replaces_control_characters(tmp_path: Path) -> None:
    result = _result(
        tmp_path, text=CONTROLS, speaker="Dana" + CONTROLS, label=CONTROLS, title=CONTROLS
    )
    html = _render(tmp_path, result).read_text("utf-8")
    assert not any(c in html for c in CONTROLS if not c.isalpha())
    shown = "a\ufffdb\ufffdc\ufffdd\ufffde\ufffdf\ufffdg"
    soup = BeautifulSoup(html, "html.parser")
    assert _one(soup, "h1").get_text() == shown
    assert _one(_key(soup), "p.text").get_text() == shown
    assert _one(_key(soup), ".who bdi").get_text() == "Dana" + shown
    assert clean_text(Markup("<b>\x07</b>")) == Markup("<b>\ufffd</b>")
    assert clean_text(7) == 7


def test_render_csp_allows_no_network_and_no_inline_script(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    policy = _csp(soup)
    assert policy == {
        "default-src": ["'none'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "media-src": ["'self'"],
        "base-uri": ["'none'"],
        "form-action": ["'none'"],
    }
    assert str(_one(soup, 'meta[http-equiv="Content-Security-Policy"]')["content"]) == CSP
    assert not soup.select("[style], style")
    render_index(tmp_path, [_result(tmp_path)])
    index = BeautifulSoup((tmp_path / "index.html").read_text("utf-8"), "html.parser")
    assert (
        _csp(index)["script-src"] == ["'none'"]
        and str(_one(index, 'meta[http-equiv="Content-Security-Policy"]')["content"]) == INDEX_CSP
    )
    for page in (soup, index):
        sources = {s for values in _csp(page).values() for s in values}
        assert sources <= {"'none'", "'self'"}


def test_render_writes_what_the_page_loads_beside_it(tmp_path: Path) -> None:
    out = _render(tmp_path, _result(tmp_path))
    soup = BeautifulSoup(out.read_text("utf-8"), "html.parser")
    local = [str(t["href"]) for t in soup.select("link[href]")]
    local += [str(t["src"]) for t in soup.select("script[src]")]
    assert sorted(local) == ["digest.css", "digest.js"]
    for name in local:
        assert (out.parent / name).read_text("utf-8") == (templates_dir() / name).read_text("utf-8")


def test_render_goals_on_cards(tmp_path: Path) -> None:
    result = _result(tmp_path)
    first = result.highlights[0].id
    goals = {
        first: [
            GoalRef("Lead a project <b>", "../goals/lead.html"),
            GoalRef("javascript:x", "javascript:x"),
        ]
    }
    soup = _page(tmp_path, result, goals=goals)
    cards = soup.select("article.highlight")
    links = [(a.get_text(), a["href"]) for a in cards[0].select("p.goals a")]
    assert links == [
        ("Lead a project <b>", "../goals/lead.html"),
        ("javascript:x", "javascript%3Ax"),
    ]
    assert cards[1].select("p.goals") == []
    with pytest.raises(OutputError, match="relative path"):
        _render(tmp_path, result, goals={first: [GoalRef("g", "/etc/passwd")]})


def test_render_no_network_urls(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    urls = [
        str(tag.get(attr))
        for tag in soup.find_all(["a", "link", "audio", "img", "script", "source"])
        for attr in ("href", "src")
        if tag.get(attr)
    ]
    # skip link, crumbs, stylesheet, script, two clips, two "open in recording", the recording
    assert len(urls) == 9
    assert all("://" not in url and not url.startswith("//") for url in urls), urls


def test_render_is_deterministic(tmp_path: Path) -> None:
    result = _result(tmp_path)
    (tmp_path / "a" / "m1").mkdir(parents=True)
    (tmp_path / "b" / "m1").mkdir(parents=True)
    one = render_meeting(result, tmp_path / "a" / "m1").read_text()
    two = render_meeting(result, tmp_path / "b" / "m1").read_text()
    assert one.replace("/a/", "/b/") == two


def test_render_index_lists_meetings(tmp_path: Path) -> None:
    result = _result(tmp_path)
    render_index(tmp_path, [result])
    soup = BeautifulSoup((tmp_path / "index.html").read_text(), "html.parser")
    (row,) = soup.select("table.meetings tbody tr")
    assert row.select_one("a")["href"] == "m1/index.html"
    assert row.select_one("a").get_text() == "1-on-1 " + EVIL
    assert soup.find("script") is None


def test_outputs_roundtrip_and_label_tracks(tmp_path: Path) -> None:
    result = _result(tmp_path)
    write_exports(result, tmp_path)
    assert read_result(tmp_path / "highlights.json") == result
    first, _ = audacity_labels(result).splitlines()
    start, end, label = first.split("\t")
    assert (start, end) == ("0.500000", "9.800000") and label.startswith("#1")
    vtt = webvtt_chapters(result)
    assert vtt.startswith("WEBVTT") and "00:00:00.500 --> 00:00:09.800" in vtt
