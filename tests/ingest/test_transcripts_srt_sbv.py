"""SubRip and SBV transcripts: real files (webvtt-py, Podcasting 2.0) and edge-case fixtures."""

from __future__ import annotations

from itertools import groupby
from pathlib import Path

import pytest

from highlights.ingest.transcripts import read_transcript

from .conftest import assert_transcript_error

# (folder, name) -> (format, utterances, first start, last end)
REAL_VALID: dict[tuple[str, str], tuple[str, int, int, int]] = {
    ("webvtt-py", "sample.srt"): ("srt", 5, 500, 23_880),
    ("podcast-namespace", "transcripts_example.srt"): ("srt", 222, 179, 754_769),
    # its last cue runs from 0:00:17.484 back to 0:00:16.543: read with the times swapped
    ("webvtt-py", "sample.sbv"): ("sbv", 5, 378, 17_484),
}
# (folder, name) -> (line reported, words in the message)
REAL_MALFORMED: dict[tuple[str, str], tuple[int, str]] = {
    ("webvtt-py", "invalid_timeframe.sbv"): (7, "0:00:13.f89"),
}


def test_every_real_srt_and_sbv_file_is_classified(realdata: Path) -> None:
    found = {
        (p.parent.name, p.name)
        for suffix in ("*.srt", "*.sbv")
        for p in sorted((realdata / "transcripts").glob(f"*/{suffix}"))
    }
    assert found == set(REAL_VALID) | set(REAL_MALFORMED)


@pytest.mark.parametrize("key", sorted(REAL_VALID))
def test_real_srt_counts_and_times(realdata: Path, key: tuple[str, str]) -> None:
    fmt, count, first_start, last_end = REAL_VALID[key]
    t = read_transcript(realdata / "transcripts" / key[0] / key[1])
    assert t.format == fmt
    assert len(t.utterances) == count
    assert t.utterances[0].start_ms == first_start
    assert t.end_ms == last_end
    keys = [(u.start_ms, u.end_ms) for u in t.utterances]
    assert keys == sorted(keys)
    assert all(u.text and u.start_ms <= u.end_ms for u in t.utterances)


@pytest.mark.parametrize("key", sorted(REAL_MALFORMED))
def test_real_malformed_sbv_names_file_and_line(realdata: Path, key: tuple[str, str]) -> None:
    line, words = REAL_MALFORMED[key]
    path = realdata / "transcripts" / key[0] / key[1]
    assert_transcript_error(path, line, words)


def test_real_srt_name_prefixes_carry_over(realdata: Path) -> None:
    t = read_transcript(realdata / "transcripts" / "podcast-namespace" / "transcripts_example.srt")
    first, second = t.utterances[:2]
    assert (first.speaker, first.text) == (
        "Travis",
        "When you first get started in podcasting, it's",
    )
    assert (second.speaker, second.text) == (
        "Travis",
        "almost guaranteed that you're going to make a handful of rookie",
    )
    turns = [
        (speaker, next(group).start_ms // 1000)
        for speaker, group in groupby(t.utterances, key=lambda u: u.speaker)
    ]
    # the turns of the same episode's HTML transcript (<cite>Name:</cite> <time>m:ss</time>)
    assert turns == [
        ("Travis", 0),
        ("Sarah", 53),
        ("Travis", 1 * 60 + 42),
        ("Gilon", 3 * 60 + 39),
        ("Travis", 4 * 60 + 23),
        ("Gilon", 5 * 60 + 22),
        ("Travis", 6 * 60 + 16),
        ("Sarah", 9 * 60 + 22),
        ("Gilon", 10 * 60 + 17),
        ("Travis", 11 * 60 + 31),
    ]
    assert all(u.speaker is not None for u in t.utterances)
    assert not any(u.text.startswith(("Travis:", "Sarah:", "Gilon:")) for u in t.utterances)


def test_real_srt_plain_cues(realdata: Path) -> None:
    t = read_transcript(realdata / "transcripts" / "webvtt-py" / "sample.srt")
    assert [u.text for u in t.utterances] == [f"Caption text #{i}" for i in range(1, 6)]
    assert t.speakers == ()


# --------------------------------------------------------------------------- own fixtures


def test_srt_name_prefix_markup_and_carry_over(fixtures_dir: Path) -> None:
    t = read_transcript(fixtures_dir / "transcripts" / "srt_name_prefix.srt")
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Travis", "When you first get started in podcasting, it's"),
        ("Travis", "almost guaranteed that you're going to make mistakes."),
        ("Sarah Jane Smith", "Creating good audio is really key & cheap."),
        ("Sarah Jane Smith", "It matters."),
        ("Sarah Jane Smith", "So here's the thing: keep going."),
    ]
    assert [(u.start_ms, u.end_ms) for u in t.utterances][:2] == [(179, 2399), (2400, 4799)]


def test_srt_without_blank_lines(fixtures_dir: Path) -> None:
    t = read_transcript(fixtures_dir / "transcripts" / "srt_without_blank_lines.srt")
    assert [(u.start_ms, u.end_ms, u.text) for u in t.utterances] == [
        (1000, 2000, "First cue."),
        (2500, 3000, "Second cue, in 2024"),
        (3000, 4000, "Third cue."),
    ]


def test_sbv_multiline_with_speakers(fixtures_dir: Path) -> None:
    t = read_transcript(fixtures_dir / "transcripts" / "sbv_multiline.sbv")
    assert t.format == "sbv"
    assert [(u.speaker, u.start_ms, u.end_ms, u.text) for u in t.utterances] == [
        ("Dana", 500, 2000, "First line of the first caption."),
        ("Dana", 2000, 4250, "carried over to Dana."),
        ("Lee", 60_000, 61_000, "Second speaker."),
    ]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("srt_missing_timing.srt", 6, "Second cue has no timing."),
        ("srt_bad_time.srt", 6, "00:00:61,000"),
        ("sbv_text_without_timing.sbv", 4, "Stray text."),
    ],
)
def test_malformed_srt_and_sbv_fixtures(
    fixtures_dir: Path, name: str, line: int, words: str
) -> None:
    path = fixtures_dir / "transcripts" / name
    assert_transcript_error(path, line, words)
