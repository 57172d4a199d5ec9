"""Plain text transcripts: timed lines, speakers, continuation lines and bad lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import TranscriptError
from highlights.ingest.transcripts import read_transcript

from .conftest import assert_transcript_error


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "meeting.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_plain_variants(fixtures_dir: Path) -> None:
    t = read_transcript(fixtures_dir / "transcripts" / "plain_variants.txt")
    assert t.format == "text"
    assert not t.machine_transcribed
    assert [(u.speaker, u.start_ms, u.end_ms, u.text) for u in t.utterances] == [
        ("Dana", 5_000, 12_000, "Let's talk about the migration."),
        ("Lee", 12_000, 20_000, "I'm blocked on access to the staging database."),
        (None, 20_000, 25_500, "No speaker on this line."),
        ("Dana", 25_500, 30_000, "Half a second past."),
        ("Lee", 30_000, 40_000, "Parentheses work too."),
        ("Dana", 40_000, 44_000, "An explicit end."),
        (None, 50_000, 60_000, "Text under a time alone."),
        ("Speaker 2", 60_000, 64_000, "one two three four five six seven eight nine ten"),
    ]


@pytest.mark.parametrize(
    ("line", "start_ms", "speaker", "text"),
    [
        ("[00:01:23] Dana: text", 83_000, "Dana", "text"),
        ("00:01:23 Dana: text", 83_000, "Dana", "text"),
        ("[1:23] text", 83_000, None, "text"),
        ("00:01:23 text", 83_000, None, "text"),
        ("01:02:03.250 Dana Scully: hi", 3_723_250, "Dana Scully", "hi"),
        ("1:02:03,5 - Lee: hi", 3_723_500, "Lee", "hi"),
        ("[00:00:07] note: lowercase is not a name", 7_000, None, "note: lowercase is not a name"),
        ("[00:00:08] Ann Lee Ray Cole: four words", 8_000, None, "Ann Lee Ray Cole: four words"),
        ("[00:00:09] Q&A: not a name", 9_000, None, "Q&A: not a name"),
        ("[00:00:10] Jean-Luc O'Brien: yes", 10_000, "Jean-Luc O'Brien", "yes"),
    ],
)
def test_one_timed_line(
    tmp_path: Path, line: str, start_ms: int, speaker: str | None, text: str
) -> None:
    (u,) = read_transcript(_write(tmp_path, line + "\n")).utterances
    assert (u.start_ms, u.speaker, u.text) == (start_ms, speaker, text)


def test_last_line_lasts_by_its_words(tmp_path: Path) -> None:
    short, long = read_transcript(
        _write(tmp_path, "00:00:01 Ok.\n00:00:10 " + " ".join(["word"] * 25) + "\n")
    ).utterances
    assert (short.start_ms, short.end_ms) == (1_000, 10_000)
    assert (long.start_ms, long.end_ms) == (10_000, 20_000)
    (single,) = read_transcript(_write(tmp_path, "[00:00:03] Yes.\n")).utterances
    assert single.end_ms == 4_000


def test_lines_sharing_a_time_end_at_the_next_later_time(tmp_path: Path) -> None:
    t = read_transcript(_write(tmp_path, "[0:05] Ana: one\n[0:05] Ben: two\n[0:09] Ana: three\n"))
    assert [(u.start_ms, u.end_ms) for u in t.utterances[:2]] == [(5_000, 9_000), (5_000, 9_000)]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("plain_bad_time.txt", 2, "00:75:00"),
        ("plain_no_time.txt", 3, "This line has no time."),
        ("plain_time_goes_back.txt", 2, "earlier"),
        ("plain_indented_first_line.txt", 1, "indented"),
        ("blank.txt", None, "no timed text found"),
    ],
)
def test_bad_plain_text(fixtures_dir: Path, name: str, line: int | None, words: str) -> None:
    path = fixtures_dir / "transcripts" / name
    assert_transcript_error(path, line, words)


def test_explicit_end_before_start_names_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "# comment\n\n[00:00:09 - 00:00:05] backwards\n")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.line == 3


def test_only_comments_is_no_timed_text(tmp_path: Path) -> None:
    with pytest.raises(TranscriptError, match="no timed text found"):
        read_transcript(_write(tmp_path, "# nothing here\n# at all\n"))
