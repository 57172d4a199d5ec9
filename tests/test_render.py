"""The digest pages, parsed as HTML: structure, escaping, no network, determinism."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup

from highlights.assemble import assemble
from highlights.models import Clip, MeetingResult, Participant, RuleHit, Statement, Window
from highlights.outputs import audacity_labels, read_result, webvtt_chapters, write_exports
from highlights.render import render_index, render_meeting

EVIL = '<script>alert(1)</script>"onerror=alert(2) javascript:alert(3)'


def _result(
    tmp_path: Path, text: str = "This is your top priority for the promotion."
) -> MeetingResult:
    hit = RuleHit("priority.top", "PRIORITY", "top priority", 13, 25, "says what comes first")
    statements = (
        Statement(0, 0, "Sam", 1_000, 4_000, "Morning."),
        Statement(1, 1, "Dana", 5_000, 9_000, text, ("PRIORITY",), (hit,)),
    )
    clip = Clip(Window(0, 10_000, 10_000, "point", (0,), ("promo <b>",)), 500, 9_800, True, True)
    audio = tmp_path / "rec.mp3"
    audio.write_bytes(b"")
    highlights = assemble(
        "m1", [clip], statements, roles={"Dana": "manager"}, clip_files=["clips/01-x.mp3"]
    )
    return MeetingResult(
        meeting_id="m1",
        title="1-on-1 " + EVIL,
        date="2026-03-04",
        duration_ms=60_000,
        audio_file=str(audio),
        transcript_source="t.vtt",
        machine_transcribed=False,
        participants=(Participant("Dana", "manager"), Participant(EVIL, "report")),
        highlights=highlights,
        statements=statements,
    )


def _page(tmp_path: Path, result: MeetingResult) -> BeautifulSoup:
    folder = tmp_path / "site" / result.meeting_id
    folder.mkdir(parents=True)
    out = render_meeting(result, folder)
    return BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")


def test_render_meeting_page_structure(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp is not None and "default-src 'none'" in csp["content"]
    (card,) = soup.select("article.highlight")
    assert card.select_one("audio")["src"] == "clips/01-x.mp3"
    link = card.select_one("a.open")["href"]
    assert link.startswith("../../rec.mp3#t=0.500,9.800")
    key = card.select_one("blockquote.key")
    assert "top priority" in key.get_text() and "Dana (manager)" in key.get_text()
    assert key.select_one("mark.tag-priority").get_text() == "top priority"
    rules = [c.get_text() for c in card.select("code.rule")]
    assert rules == ["priority.top"]
    assert [li.get_text() for li in card.select("ul.tags li")] == ["Priority"]


def test_render_escapes_hostile_text(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path, text=EVIL))
    assert soup.find("script") is None
    assert not any(attr.startswith("on") for tag in soup.find_all(True) for attr in tag.attrs)
    assert EVIL in soup.get_text()
    assert all(not a["href"].startswith("javascript:") for a in soup.find_all("a"))


def test_render_no_network_urls(tmp_path: Path) -> None:
    soup = _page(tmp_path, _result(tmp_path))
    for tag in soup.find_all(["a", "link", "audio", "img", "script", "source"]):
        for attr in ("href", "src"):
            value = tag.get(attr)
            if value:
                assert "://" not in value, value


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
    assert soup.find("script") is None


def test_outputs_roundtrip_and_label_tracks(tmp_path: Path) -> None:
    result = _result(tmp_path)
    write_exports(result, tmp_path)
    assert read_result(tmp_path / "highlights.json") == result
    (line,) = audacity_labels(result).splitlines()
    start, end, label = line.split("\t")
    assert (start, end) == ("0.500000", "9.800000") and label.startswith("#1")
    vtt = webvtt_chapters(result)
    assert vtt.startswith("WEBVTT") and "00:00:00.500 --> 00:00:09.800" in vtt
