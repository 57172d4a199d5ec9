"""WebVTT transcripts: real exports (webvtt-py, Podcasting 2.0, AMI) and edge-case fixtures."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from highlights.ingest.transcripts import read_transcript
from highlights.models import Transcript

from .conftest import assert_transcript_error

# name -> (utterances, first start, last end, speakers in order of appearance)
REAL_VTT: dict[str, tuple[int, int, int, tuple[str, ...]]] = {
    "captions_with_bom.vtt": (4, 500, 21_580, ()),
    "comments.vtt": (3, 135_000, 150_000, ()),
    "cue_tags.vtt": (3, 16_500, 21_500, ()),
    "metadata_headers.vtt": (2, 500, 11_890, ()),
    "netflix_chicas_del_cable.vtt": (865, 7_960, 3_148_600, ("Digo",)),
    "sample.vtt": (16, 500, 64_300, ()),
    "styles.vtt": (1, 0, 10_000, ()),
    "teams_timeframe.vtt": (2, 0, 1_130, ("Yuri Bakulin", "Adrian Petrescu")),
    "using_identifiers.vtt": (6, 500, 27_280, ()),
    "youtube_dl.vtt": (3, 286_070, 305_069, ()),
}
# name -> (line reported, words in the message)
MALFORMED_VTT: dict[str, tuple[int, str]] = {
    "missing_timeframe.vtt": (6, "without a timing line"),
}


def _well_formed(t: Transcript) -> None:
    keys = [(u.start_ms, u.end_ms) for u in t.utterances]
    assert keys == sorted(keys)
    for u in t.utterances:
        assert u.text and u.text == u.text.strip() and "  " not in u.text
        assert 0 <= u.start_ms <= u.end_ms
        starts = [w.start_ms for w in u.words]
        assert starts == sorted(starts)
        assert all(u.start_ms <= w.start_ms <= w.end_ms <= u.end_ms for w in u.words)


def test_every_real_vtt_file_is_classified(realdata: Path) -> None:
    names = {p.name for p in sorted((realdata / "transcripts" / "webvtt-py").glob("*.vtt"))}
    assert names == set(REAL_VTT) | set(MALFORMED_VTT)


@pytest.mark.parametrize("name", sorted(REAL_VTT))
def test_real_vtt_counts_times_and_speakers(realdata: Path, name: str) -> None:
    count, first_start, last_end, speakers = REAL_VTT[name]
    t = read_transcript(realdata / "transcripts" / "webvtt-py" / name)
    assert t.format == "vtt"
    assert t.source == str(realdata / "transcripts" / "webvtt-py" / name)
    assert len(t.utterances) == count
    assert t.utterances[0].start_ms == first_start
    assert t.end_ms == last_end
    assert t.speakers == speakers
    _well_formed(t)


@pytest.mark.parametrize("name", sorted(MALFORMED_VTT))
def test_real_malformed_vtt_names_file_and_line(realdata: Path, name: str) -> None:
    line, words = MALFORMED_VTT[name]
    path = realdata / "transcripts" / "webvtt-py" / name
    assert_transcript_error(path, line, words)


def test_real_vtt_text_is_plain(realdata: Path) -> None:
    folder = realdata / "transcripts" / "webvtt-py"
    assert [u.text for u in read_transcript(folder / "sample.vtt").utterances][:2] == [
        "Caption text #1",
        "Caption text #2",
    ]
    assert read_transcript(folder / "styles.vtt").utterances[0].text == "- Hello world."
    comments = read_transcript(folder / "comments.vtt").utterances
    assert comments[0].text == "- Ta en kopp varmt te. - Det är inte varmt."
    assert all("NOTE" not in u.text for u in comments)
    netflix = read_transcript(folder / "netflix_chicas_del_cable.vtt").utterances
    assert netflix[0].text == "[Alba] En 1928,"
    assert netflix[1].text == "las mujeres éramos algo así como adornos"


def test_real_teams_times_and_overlap(realdata: Path) -> None:
    t = read_transcript(realdata / "transcripts" / "webvtt-py" / "teams_timeframe.vtt")
    first, second = t.utterances
    assert (first.speaker, first.start_ms, first.end_ms, first.text) == (
        "Yuri Bakulin",
        0,
        570,
        "There you go.",
    )
    assert (second.speaker, second.start_ms, second.end_ms) == ("Adrian Petrescu", 210, 1130)
    assert second.start_ms < first.end_ms


def test_real_inline_timestamps_give_words(realdata: Path) -> None:
    cues = read_transcript(realdata / "transcripts" / "webvtt-py" / "cue_tags.vtt").utterances
    assert [u.text for u in cues] == [
        "When the moon hits your eye",
        "Like a big-a pizza pie",
        "That's amore",
    ]
    hits = cues[0].words[3]
    assert (hits.text, hits.start_ms) == ("hits", 17_500)
    assert [(w.text, w.start_ms, w.end_ms) for w in cues[2].words] == [
        ("That's", 20_500, 21_000),
        ("amore", 21_000, 21_500),
    ]


def test_real_youtube_rolling_captions_are_not_repeated(realdata: Path) -> None:
    cues = read_transcript(realdata / "transcripts" / "webvtt-py" / "youtube_dl.vtt").utterances
    assert [u.text for u in cues] == ["yeah", "what", "this will happen is I'm telling"]
    words = cues[2].words
    assert [w.text for w in words] == ["this", "will", "happen", "is", "I'm", "telling"]
    assert [w.start_ms for w in words] == [304_080, 304_199, 304_379, 304_620, 304_860, 305_069]


def test_real_podcast_vtt_unclosed_voices_and_entities(realdata: Path) -> None:
    t = read_transcript(realdata / "transcripts" / "podcast-namespace" / "transcripts_example.vtt")
    assert [u.speaker for u in t.utterances] == ["Sarah"] * 5 + ["Gillian"] * 2
    assert t.utterances[2].text == "include in one? Welcome to Podcasting Q&A, where you learn"
    assert t.utterances[0].text == "In today's episode, you'll learn whether or not you"
    assert (t.utterances[-1].start_ms, t.utterances[-1].end_ms) == (21_450, 25_350)
    _well_formed(t)


def test_real_ami_meeting_reads_fast_and_whole(realdata: Path) -> None:
    path = realdata / "meetings" / "ami_ES2002d" / "ES2002d.derived.vtt"
    began = time.perf_counter()
    t = read_transcript(path)
    assert time.perf_counter() - began < 1.0
    assert len(t.utterances) == 1362
    assert set(t.speakers) == {
        "Project Manager",
        "Industrial Designer",
        "User Interface",
        "Marketing Expert",
    }
    counts = {s: sum(u.speaker == s for u in t.utterances) for s in t.speakers}
    assert counts["Project Manager"] == 485
    assert counts["User Interface"] == 115
    first = t.utterances[0]
    assert (first.start_ms, first.end_ms, first.text) == (2_410, 5_700, "Okay we all all set ?")
    assert t.end_ms == 2_400_860
    assert t.utterances[-1].text == "Yeah , yeah if the meeting's over then yeah I guess so ."
    assert "<vocalsound>" in {u.text for u in t.utterances}
    _well_formed(t)


# --------------------------------------------------------------------------- own fixtures


def _fixture(fixtures_dir: Path, name: str) -> Transcript:
    return read_transcript(fixtures_dir / "transcripts" / name)


def test_unclosed_voice_tag(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "unclosed_voice_tag.vtt")
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Sarah", "Welcome to the weekly sync, Dana."),
        ("Dana Scully", "Thanks & hello."),
        ("Sarah", "Let's start with the migration plan."),
    ]
    assert [(u.start_ms, u.end_ms) for u in t.utterances] == [
        (1000, 3500),
        (3500, 5000),
        (5000, 7250),
    ]


def test_teams_short_times_with_identifiers(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "teams_short_times.vtt")
    assert [(u.start_ms, u.end_ms) for u in t.utterances] == [
        (0, 2570),
        (1210, 4130),
        (3_723_500, 3_725_250),
    ]
    assert t.speakers == ("Yuri Bakulin", "Adrian Petrescu")
    assert all("a1b2c3d4" not in u.text for u in t.utterances)


def test_several_voices_in_one_cue(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "multiple_voices_in_cue.vtt")
    assert [(u.speaker, u.start_ms, u.text) for u in t.utterances] == [
        ("Ana", 10_000, "Can you send the plan?"),
        ("Ben", 10_000, "Yes, by Friday."),
        ("Ana", 12_000, "Great. Thanks."),
    ]


def test_name_prefix_without_voice_applies_to_its_cue_only(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "name_prefix_in_cue.vtt")
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Dana", "I finished the review."),
        (None, "and sent the notes."),
        (None, "the goal: ship by May."),
        ("Speaker 2", "Sounds good."),
    ]


def test_markup_stripped_entities_unescaped_empty_cues_dropped(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "markup_and_entities.vtt")
    assert [u.text for u in t.utterances] == [
        "Bold and italic coloured <not a tag> & R&D done",
        "underlined last",
    ]
    assert [u.start_ms for u in t.utterances] == [0, 3000]


def test_bom_and_crlf(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "bom_crlf.vtt")
    assert [(u.speaker, u.text, u.end_ms) for u in t.utterances] == [
        ("Kim", "Windows line ends.", 2000),
        ("Kim", "Second cue.", 3000),
    ]


def test_comma_decimal_times(fixtures_dir: Path) -> None:
    (u,) = _fixture(fixtures_dir, "comma_decimal_times.vtt").utterances
    assert (u.start_ms, u.end_ms) == (1250, 2500)


def test_inline_times_out_of_order_give_no_words(fixtures_dir: Path) -> None:
    (u,) = _fixture(fixtures_dir, "inline_times_out_of_order.vtt").utterances
    assert u.text == "first second third"
    assert u.words == ()


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("missing_header.vtt", 1, "WEBVTT"),
        ("malformed_cue_timing.vtt", 6, "00:00:0x.000"),
        ("only_notes.vtt", None, "no timed text found"),
        ("empty.vtt", None, "no timed text found"),
    ],
)
def test_malformed_vtt_fixtures(
    fixtures_dir: Path, name: str, line: int | None, words: str
) -> None:
    path = fixtures_dir / "transcripts" / name
    error = assert_transcript_error(path, line, words)
    assert str(path) in str(error)


def test_vtt_cue_ending_before_start_is_read_with_times_swapped(fixtures_dir: Path) -> None:
    t = _fixture(fixtures_dir, "cue_ends_before_start.vtt")
    assert all(u.start_ms <= u.end_ms for u in t.utterances)
