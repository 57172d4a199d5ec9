"""JSON transcripts: real Deepgram, AssemblyAI, whisper and Podcasting 2.0 files, and fixtures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.errors import TranscriptError, UnknownFormatError
from highlights.ingest.transcripts import read_transcript
from highlights.models import Transcript

# (folder, name) -> (format, utterances, words, first start, last end, speakers)
REAL_JSON: dict[tuple[str, str], tuple[str, int, int, int, int, tuple[str, ...]]] = {
    ("deepgram-python-captions", "assemblyai_transcription.json"): (
        "assemblyai",
        1,
        60,
        170,
        25_140,
        ("Speaker A",),
    ),
    ("deepgram-python-captions", "assemblyai_utterances.json"): (
        "assemblyai",
        1,
        60,
        170,
        25_140,
        ("Speaker A",),
    ),
    ("deepgram-python-captions", "dg_speakers.json"): (
        "deepgram",
        22,
        226,
        3_040,
        163_105,
        ("Speaker 0", "Speaker 1", "Speaker 2"),
    ),
    ("deepgram-python-captions", "dg_speakers_no_utterances.json"): (
        "deepgram",
        15,
        226,
        3_040,
        163_105,
        ("Speaker 0", "Speaker 1", "Speaker 2"),
    ),
    ("deepgram-python-captions", "dg_transcription.json"): ("deepgram", 2, 62, 80, 25_440, ()),
    ("deepgram-python-captions", "dg_utterances.json"): ("deepgram", 6, 62, 80, 25_440, ()),
    ("deepgram-python-captions", "dg_whisper_transcription.json"): (
        "deepgram",
        1,
        59,
        60,
        25_560,
        (),
    ),
    ("deepgram-python-captions", "whisper_timestamped.json"): ("whisper", 4, 59, 120, 25_320, ()),
    ("podcast-namespace", "transcripts_example.json"): (
        "podcast-json",
        2,
        5,
        500,
        3_000,
        ("Darth Vader", "Luke"),
    ),
}


def _source_words(path: Path) -> int:
    """How many words the file itself lists, counted the way each service nests them."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if "results" in data:
        return sum(len(c["alternatives"][0]["words"]) for c in data["results"]["channels"])
    if "version" in data:
        return sum(len(s["body"].split()) for s in data["segments"])
    if "segments" in data:
        return sum(len(s["words"]) for s in data["segments"])
    return len(data["words"])


def _check_words(t: Transcript) -> None:
    for u in t.utterances:
        starts = [w.start_ms for w in u.words]
        assert starts == sorted(starts)
        assert all(w.start_ms <= w.end_ms for w in u.words)
        assert all(u.start_ms <= w.start_ms for w in u.words)


def test_every_real_json_file_is_classified(realdata: Path) -> None:
    found = {(p.parent.name, p.name) for p in sorted((realdata / "transcripts").glob("*/*.json"))}
    assert found == set(REAL_JSON)


@pytest.mark.parametrize("key", sorted(REAL_JSON))
def test_real_json_transcripts(realdata: Path, key: tuple[str, str]) -> None:
    fmt, count, words, first_start, last_end, speakers = REAL_JSON[key]
    path = realdata / "transcripts" / key[0] / key[1]
    t = read_transcript(path)
    assert t.format == fmt
    assert len(t.utterances) == count
    assert sum(len(u.words) for u in t.utterances) == words == _source_words(path)
    assert t.utterances[0].start_ms == first_start
    assert t.end_ms == last_end
    assert t.speakers == speakers
    assert t.machine_transcribed == (fmt != "podcast-json")
    _check_words(t)


def test_real_deepgram_utterances_and_word_grouping_agree(realdata: Path) -> None:
    folder = realdata / "transcripts" / "deepgram-python-captions"
    given = read_transcript(folder / "dg_speakers.json")
    grouped = read_transcript(folder / "dg_speakers_no_utterances.json")
    assert " ".join(u.text for u in given.utterances) == " ".join(
        u.text for u in grouped.utterances
    )
    first = given.utterances[1]
    assert (first.speaker, first.start_ms, first.end_ms) == ("Speaker 0", 4_640, 7_585)
    assert first.text == "Jessica, Christina, we are so proud of you."
    assert first.words[0].text == "Jessica,"
    assert first.words[0].confidence == pytest.approx(0.8234066)
    opening = grouped.utterances[0]
    assert opening.speaker == "Speaker 0"
    assert opening.text.startswith("And, Jessica, Christina, we are so proud of you.")


def test_real_deepgram_without_speakers_splits_sentences(realdata: Path) -> None:
    folder = realdata / "transcripts" / "deepgram-python-captions"
    t = read_transcript(folder / "dg_transcription.json")
    assert [u.text.split()[0] for u in t.utterances] == ["Yeah.", "As"]
    assert t.utterances[1].text.endswith("opportunities that we have today.")
    whisper = read_transcript(folder / "dg_whisper_transcription.json")
    assert whisper.utterances[0].text.startswith("yeah as much as it's worth celebrating")


def test_real_assemblyai_milliseconds(realdata: Path) -> None:
    folder = realdata / "transcripts" / "deepgram-python-captions"
    given = read_transcript(folder / "assemblyai_utterances.json")
    grouped = read_transcript(folder / "assemblyai_transcription.json")
    assert given.utterances == grouped.utterances
    first_word = given.utterances[0].words[0]
    assert (first_word.text, first_word.start_ms, first_word.end_ms) == ("Yeah.", 170, 718)


def test_real_whisper_segments(realdata: Path) -> None:
    t = read_transcript(
        realdata / "transcripts" / "deepgram-python-captions" / "whisper_timestamped.json"
    )
    first = t.utterances[0]
    assert (first.start_ms, first.end_ms) == (120, 7_620)
    assert first.text == (
        "Yeah, as much as it's worth celebrating the first spacewalk with an all-female team,"
    )
    assert (first.words[0].text, first.words[0].start_ms, first.words[0].end_ms) == (
        "Yeah,",
        120,
        380,
    )
    assert first.words[0].confidence == pytest.approx(0.74)


def test_real_podcast_json_merges_one_word_segments(realdata: Path) -> None:
    t = read_transcript(realdata / "transcripts" / "podcast-namespace" / "transcripts_example.json")
    vader, luke = t.utterances
    assert (vader.speaker, vader.start_ms, vader.end_ms, vader.text) == (
        "Darth Vader",
        500,
        2_500,
        "I am your father.",
    )
    assert [w.start_ms for w in vader.words] == [500, 1_000, 1_500, 2_250]
    assert (luke.speaker, luke.text, luke.start_ms) == ("Luke", "Nooooo", 2_750)


# --------------------------------------------------------------------------- own fixtures


def _fixture(fixtures_dir: Path, name: str) -> Path:
    return fixtures_dir / "transcripts" / name


def test_whisperx_words_without_times_are_left_out(fixtures_dir: Path) -> None:
    t = read_transcript(_fixture(fixtures_dir, "whisperx_words_without_times.json"))
    assert t.format == "whisper"
    first, second = t.utterances
    assert (first.speaker, first.start_ms, first.end_ms, first.text) == (
        "SPEAKER_00",
        31,
        2_500,
        "We ship on 3 May.",
    )
    assert [w.text for w in first.words] == ["We", "ship", "on", "May."]
    assert first.words[0].confidence == pytest.approx(0.91)
    assert second.speaker == "SPEAKER_01"


def test_whisper_segment_list_is_sorted(fixtures_dir: Path) -> None:
    t = read_transcript(_fixture(fixtures_dir, "whisper_segment_list.json"))
    assert [u.start_ms for u in t.utterances] == [0, 1_500]
    assert t.utterances[0].text == "Earlier segment listed later."


def test_deepgram_paragraphs_without_speakers(fixtures_dir: Path) -> None:
    t = read_transcript(_fixture(fixtures_dir, "deepgram_paragraphs_no_speakers.json"))
    assert [(u.speaker, u.start_ms, u.end_ms, u.text) for u in t.utterances] == [
        (None, 0, 1_600, "Hello there. How are you?"),
        (None, 5_000, 6_200, "Fine, thanks. See you."),
    ]


def test_deepgram_channels_name_speakers(fixtures_dir: Path) -> None:
    t = read_transcript(_fixture(fixtures_dir, "deepgram_two_channels.json"))
    assert [(u.speaker, u.text) for u in t.utterances] == [
        ("Channel 1", "hello"),
        ("Channel 0", "hi"),
    ]


def test_podcast_json_splits_on_speaker_and_pause(fixtures_dir: Path) -> None:
    t = read_transcript(_fixture(fixtures_dir, "podcast_gap_split.json"))
    assert [(u.speaker, u.start_ms, u.end_ms, u.text) for u in t.utterances] == [
        ("Ana", 0, 1_000, "First thought."),
        ("Ana", 3_000, 4_000, "After a pause"),
        ("Ben", 4_200, 4_600, "Reply"),
        (None, 5_000, 5_500, "Unattributed"),
    ]
    assert [w.text for w in t.utterances[1].words] == ["After", "a", "pause"]


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("invalid_json.json", 3, "invalid JSON"),
        ("whisper_missing_start.json", None, "segments[1].start"),
        ("assemblyai_error_status.json", None, "unable to download audio"),
    ],
)
def test_malformed_json_fixtures(
    fixtures_dir: Path, name: str, line: int | None, words: str
) -> None:
    path = _fixture(fixtures_dir, name)
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert words in info.value.message


def test_invalid_json_of_unknown_kind_still_names_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{\n  "foo": [1,\n  2,,\n}\n', encoding="utf-8")
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert (info.value.path, info.value.line) == (str(path), 3)


def test_wrong_json_types_name_the_element(tmp_path: Path) -> None:
    path = tmp_path / "odd.json"
    path.write_text('{"segments": [{"start": 0, "end": 1, "text": 5}]}', encoding="utf-8")
    with pytest.raises(TranscriptError, match=r"segments\[0\]\.text: expected text"):
        read_transcript(path)


def test_unknown_json_keys(fixtures_dir: Path) -> None:
    path = _fixture(fixtures_dir, "unknown_keys.json")
    with pytest.raises(UnknownFormatError) as info:
        read_transcript(path)
    assert info.value.path == str(path)
