"""Hostile meetings through the real pipeline, then in Chromium: nothing runs, nothing escapes.

Each vector builds a meeting whose transcript, speaker names, marker labels, metadata or
file names carry markup, ``javascript:`` URLs, ``../`` parts or control characters; runs
``process_meeting``; and opens the page twice: once with its Content-Security-Policy
bypassed (escaping alone must hold) and once as shipped. No dialog may open, the
``window.__pwned`` sentinel must stay undefined, the only script is ``digest.js``, every
link and media source is a local file, the hostile text reads back as text, and no file
appears outside the output folder.
"""

from __future__ import annotations

import math
import struct
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from highlights.config import Pipeline, load_pipeline
from highlights.errors import UnknownFormatError
from highlights.ingest.meeting import meeting_from_folder
from highlights.models import MeetingSource, Statement
from highlights.render import clean_text
from highlights.runner import make_tagger, process_meeting
from highlights.site import run_meeting
from highlights.tagging.tagger import Tagger

OpenPage = Callable[..., tuple[Any, Any]]  # the ``open_page`` fixture: (page, guard)

PWN = "window.__pwned=1;alert(1)"
SCRIPT = f"<script>{PWN}</script>"
OPEN_TAG = f'"><svg onload={PWN}//'  # no closing ">": survives markup stripping
IMG = f'<img src=x onerror="{PWN}">'
BREAKOUT = f'x" onerror="{PWN}" x="'
JS_URL = f"javascript:{PWN}"
NUL = "\x00"
CONTROLS = "a\x00b\x07c\x1b[31md\u202egnp.exe\u2066e\x9bf"
UNSAFE = [chr(c) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0x7F, 0xA0))]
UNSAFE += ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
SHOWN_CONTROLS = "a\ufffdb\ufffdc\ufffd[31md\ufffdgnp.exe\ufffde\ufffdf"

PAGE_FACTS = """() => (document.querySelectorAll('details').forEach(d => { d.open = true; }), {
    pwned: typeof window.__pwned,
    scripts: Array.from(document.scripts).map(s => s.src),
    handlers: Array.from(document.querySelectorAll('*')).flatMap(
        e => Array.from(e.attributes).map(a => a.name).filter(n => n.startsWith('on'))),
    urls: [
        ...Array.from(document.querySelectorAll('a[href]')).map(a => a.href),
        ...Array.from(document.querySelectorAll('[src]')).map(e => e.src),
        ...Array.from(document.querySelectorAll('link[href]')).map(l => l.href),
    ],
    text: document.body.innerText,
    title: document.title,
})"""


def toml_str(text: str) -> str:
    """A TOML basic string holding ``text`` exactly (control characters as escapes)."""
    out = []
    for c in text:
        if c in '"\\' or ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return '"' + "".join(out) + '"'


def write_wav(path: Path, seconds: float = 12.0, rate: int = 16_000) -> None:
    """A short recording: bursts of a two-tone signal with pauses between them."""
    frames = bytearray()
    for i in range(int(seconds * rate)):
        t = i / rate
        on = (t % 3.0) < 2.2
        value = (
            (math.sin(2 * math.pi * 220 * t) + 0.5 * math.sin(2 * math.pi * 330 * t)) if on else 0
        )
        frames += struct.pack("<h", int(9000 * value))
    with wave.open(str(path), "wb") as fh:
        fh.setnchannels(1)
        fh.setsampwidth(2)
        fh.setframerate(rate)
        fh.writeframes(bytes(frames))


TRANSCRIPT = """[00:00:01] Dana: This is your top priority for the promotion.
[00:00:05] Sam: I will send the plan by Friday.
[00:00:30] Dana: How is the migration going?
[00:00:45] Sam: I am blocked on access to the billing database.
[00:00:52] Dana: We decided to move the launch to May.
"""
TWO_MARKERS = "00:00:06 {0}\n00:00:55 {1}\n"


@dataclass
class Vector:
    """A hostile meeting: its folder's files, and the texts the page must show literally."""

    files: dict[str, str]
    shown: list[str] = field(default_factory=list)
    folder: str = "meeting"
    audio: str | None = None


VECTORS: dict[str, Vector] = {
    "script-in-transcript-text": Vector(
        {
            "meeting.txt": f"[00:00:01] Dana: This is your top priority {SCRIPT} {OPEN_TAG}\n"
            f"[00:00:05] Sam: Sure {IMG} fine.\n",
            "meeting.markers.txt": "00:00:06 note\n",
        },
        shown=[OPEN_TAG],
    ),
    "script-in-webvtt-cue": Vector(
        {
            "meeting.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Dana>This is your top "
            "priority &lt;script&gt;window.__pwned=1;alert(1)&lt;/script&gt; &quot;&gt;&lt;svg "
            "onload=window.__pwned=1;alert(1)//\n\n"
            "00:00:05.000 --> 00:00:08.000\n<v Sam>Sure.\n",
        },
        shown=[OPEN_TAG],
    ),
    "handlers-in-speaker-names": Vector(
        {
            "meeting.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n"
            f"<v {BREAKOUT[:-4]}>This is your top priority ok.\n\n"
            "00:00:05.000 --> 00:00:08.000\n<v Sam>I will send the plan by Friday.\n",
            "meeting.toml": f'[[participants]]\nname = {toml_str(IMG)}\nrole = "manager"\n'
            f"[[participants]]\nname = {toml_str(BREAKOUT)}\nrole = {toml_str(SCRIPT)}\n",
        },
        shown=[IMG, BREAKOUT, BREAKOUT[:-4], SCRIPT],
    ),
    "javascript-urls-in-marker-labels": Vector(
        {
            "meeting.txt": TRANSCRIPT,
            "meeting.markers.txt": TWO_MARKERS.format(JS_URL, f'<a href="{JS_URL}">click</a>'),
        },
        shown=[JS_URL, f'<a href="{JS_URL}">click</a>'],
    ),
    "markup-in-title-and-date": Vector(
        {
            "meeting.txt": TRANSCRIPT,
            "meeting.toml": f"title = {toml_str('</title>' + SCRIPT)}\ndate = {toml_str(IMG)}\n",
        },
        shown=[IMG],
    ),
    "dot-dot-in-meeting-id": Vector(
        {"meeting.txt": TRANSCRIPT, "meeting.toml": 'id = "../../../escaped/../up"\n'},
    ),
    "markup-in-file-names": Vector(
        {
            "t <img src=x onerror=alert(1)> ..txt": TRANSCRIPT,
            "m.markers.txt": TWO_MARKERS.format("first", "second"),
        },
        shown=[f"<img src=x onerror={PWN}> javascript:alert(1) ..#"],
        folder=f"<img src=x onerror={PWN}> javascript:alert(1) ..#",
        audio=f'rec "onerror={PWN} javascript:alert(1) <script> ..%2e#t=9.wav',
    ),
    "unicode-control-characters": Vector(
        {
            "meeting.txt": f"[00:00:01] Dana: This is your top priority {CONTROLS} ok.\n"
            "[00:00:05] Sam: I will send the plan by Friday.\n",
            "meeting.markers.txt": f"00:00:04 {CONTROLS.replace(NUL, '')}\n",
            "meeting.toml": f"title = {toml_str(CONTROLS)}\n"
            f"[[participants]]\nname = {toml_str('Ro' + CONTROLS)}\n",
        },
        shown=[SHOWN_CONTROLS, "Ro" + SHOWN_CONTROLS],
    ),
}


@pytest.fixture(scope="session")
def pipeline() -> Pipeline:
    return load_pipeline()


@pytest.fixture(scope="session")
def tagger(pipeline: Pipeline) -> Tagger:
    return make_tagger(pipeline)


def snapshot(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in root.rglob("*")}


def build(root: Path, vector: Vector) -> MeetingSource:
    folder = root / "inbox" / vector.folder
    folder.mkdir(parents=True)
    for name, text in vector.files.items():
        (folder / name).write_text(text, encoding="utf-8")
    if vector.audio is not None:
        write_wav(folder / vector.audio)
    return meeting_from_folder(folder)


def check_page(
    page: Any, outcome_page: Path, vector: Vector, statements: Sequence[Statement]
) -> dict[str, Any]:
    facts: dict[str, Any] = page.evaluate(PAGE_FACTS)
    assert facts["pwned"] == "undefined"
    assert facts["scripts"] == [(outcome_page.parent / "digest.js").as_uri()]
    assert facts["handlers"] == []
    assert facts["urls"] and all(u.startswith("file:///") for u in facts["urls"]), facts["urls"]
    text = facts["text"] + facts["title"]
    for shown in [*vector.shown, *(clean_text(s.text) for s in statements)]:
        assert shown in text, shown
    assert not any(c in text for c in UNSAFE)
    return facts


@pytest.mark.parametrize("name", list(VECTORS))
def test_hostile_meeting_is_inert(
    name: str,
    tmp_path: Path,
    open_page: OpenPage,
    pipeline: Pipeline,
    tagger: Tagger,
) -> None:
    vector = VECTORS[name]
    source = build(tmp_path, vector)
    out = tmp_path / "site"
    before = snapshot(tmp_path)
    outcome = process_meeting(source, out, pipeline=pipeline, tagger=tagger)
    changed = {p for p, m in snapshot(tmp_path).items() if before.get(p) != m}
    assert changed and all(p.is_relative_to(out) for p in changed), changed - {out}
    assert outcome.folder.parent == out and outcome.folder.name == source.meeting_id
    assert not outcome.folder.name.startswith(".") and "/" not in source.meeting_id
    html = outcome.page.read_text(encoding="utf-8")
    assert not any(c in html for c in UNSAFE)

    for bypass_csp in (True, False):
        page, guard = open_page(outcome.page.as_uri(), bypass_csp=bypass_csp)
        if vector.audio is not None:
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('audio')).every(a => a.readyState >= 1)"
            )
        shown = [s for h in outcome.result.highlights for s in h.statements]
        facts = check_page(page, outcome.page, vector, shown)
        assert guard.dialogs == [] and guard.offsite == []

    if name == "dot-dot-in-meeting-id":
        assert outcome.folder == out / "escaped-..-up"
    if vector.audio is not None:
        recording = page.evaluate("() => document.getElementById('recording').currentSrc")
        assert recording == (tmp_path / "inbox" / vector.folder / vector.audio).as_uri()
        assert outcome.result.highlights and all(
            (outcome.folder / str(h.clip_file)).is_file() for h in outcome.result.highlights
        )
        assert set(facts["urls"]) >= {recording}


def test_marker_file_with_a_nul_byte_is_rejected_and_nothing_is_written(
    tmp_path: Path, pipeline: Pipeline, tagger: Tagger
) -> None:
    source = build(
        tmp_path,
        Vector({"meeting.txt": TRANSCRIPT, "meeting.markers.txt": f"00:00:04 {CONTROLS}\n"}),
    )
    before = snapshot(tmp_path)
    with pytest.raises(UnknownFormatError, match=r"meeting\.markers\.txt"):
        process_meeting(source, tmp_path / "site", pipeline=pipeline, tagger=tagger)
    assert {p for p, m in snapshot(tmp_path).items() if before.get(p) != m} <= {tmp_path / "site"}
    assert not any((tmp_path / "site").rglob("*.html"))


def test_csp_blocks_inline_script_the_page_did_not_ship(
    tmp_path: Path, open_page: OpenPage, pipeline: Pipeline, tagger: Tagger
) -> None:
    """Markup slipped into a page (by a careless custom template, say) still cannot run."""
    source = build(tmp_path, VECTORS["javascript-urls-in-marker-labels"])
    outcome = process_meeting(source, tmp_path / "site", pipeline=pipeline, tagger=tagger)
    injected = outcome.page.with_name("injected.html")
    html = outcome.page.read_text(encoding="utf-8")
    injected.write_text(
        html.replace("</main>", f'{SCRIPT}{IMG}<a id=js href="{JS_URL}">js</a></main>'),
        encoding="utf-8",
    )
    page, guard = open_page(injected.as_uri(), clean=False)
    page.click("#js")
    assert page.evaluate("() => typeof window.__pwned") == "undefined"
    assert guard.dialogs == [] and guard.page_errors == []
    assert any("Content Security Policy" in e for e in guard.console_errors)
    assert page.is_visible("#filters")  # the page's own script still runs

    control, control_guard = open_page(injected.as_uri(), clean=False, bypass_csp=True)
    assert control.evaluate("() => window.__pwned") == 1  # the sentinel does detect a run
    assert control_guard.dialogs and set(control_guard.dialogs) == {"1"}


def test_meeting_id_cannot_take_the_site_index_name(
    tmp_path: Path, pipeline: Pipeline, tagger: Tagger
) -> None:
    source = build(
        tmp_path, Vector({"meeting.txt": TRANSCRIPT, "meeting.toml": 'id = "index.html"\n'})
    )
    out = tmp_path / "site"
    outcome = run_meeting(source, out, pipeline=pipeline, tagger=tagger)
    assert (out / "index.html").is_file() and outcome.folder != out / "index.html"
