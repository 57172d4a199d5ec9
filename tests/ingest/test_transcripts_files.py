"""Reading transcript files: format detection, encodings, missing, empty and unknown files."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import InputNotFoundError, TranscriptError, UnknownFormatError
from highlights.ingest.transcripts import (
    TRANSCRIPT_FORMATS,
    TRANSCRIPT_SUFFIXES,
    detect_transcript_format,
    read_transcript,
)


def test_suffixes() -> None:
    assert TRANSCRIPT_SUFFIXES == (".vtt", ".srt", ".sbv", ".json", ".txt")
    assert set(TRANSCRIPT_FORMATS) == {
        "vtt",
        "srt",
        "sbv",
        "whisper",
        "deepgram",
        "assemblyai",
        "podcast-json",
        "text",
    }


@pytest.mark.parametrize(
    ("name", "head", "expected"),
    [
        ("a.vtt", "", "vtt"),
        ("a.SRT", "", "srt"),
        ("a.sbv", "", "sbv"),
        ("a.txt", "[00:00:01] hi", "text"),
        ("a.txt", "WEBVTT\n\n00:01.000 --> 00:02.000\nhi", "vtt"),
        ("a.txt", "1\n00:00:01,000 --> 00:00:02,000\nhi", "srt"),
        ("a.txt", "0:00:01.000,0:00:02.000\nhi", "sbv"),
        ("a.json", '{"segments": [{"start": 0, "end": 1, "text": "hi"}]}', "whisper"),
        ("a.json", '{"version": "1.0.0", "segments": []}', "podcast-json"),
        ("a.json", '{"results": {"channels": []}}', "deepgram"),
        ("a.json", '{"status": "completed", "utterances": null, "words": []}', "assemblyai"),
        # a head cut short is recognised from the keys it shows
        ("a.json", '{"metadata": {"request_id": "x", "sha256": "', "deepgram"),
        ("a.json", '{"id": "x", "language_model": "assemblyai_default", "text": "He', "assemblyai"),
        (
            "a.json",
            '{"version": "1.0.0", "segments": [{"speaker": "A", "startTime": 0.5',
            "podcast-json",
        ),
        ("notes", "WEBVTT\n", "vtt"),
        ("notes", "[00:00:01] Dana: hi", "text"),
    ],
)
def test_detect_transcript_format(name: str, head: str, expected: str) -> None:
    assert detect_transcript_format(Path(name), head) == expected


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("a.json", '{"title": "x"}'),
        ("a.json", "not json"),
        ("a.html", "<cite>Travis:</cite>"),
        ("a.docx", ""),
    ],
)
def test_detect_unknown(name: str, head: str) -> None:
    with pytest.raises(UnknownFormatError) as info:
        detect_transcript_format(Path(name), head)
    assert info.value.path == name


def test_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "absent.vtt"
    with pytest.raises(InputNotFoundError) as info:
        read_transcript(path)
    assert info.value.path == str(path)


def test_folder_is_not_a_transcript(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError, match="folder"):
        read_transcript(tmp_path)


@pytest.mark.parametrize("name", ["empty.vtt", "blank.txt"])
def test_empty_files(fixtures_dir: Path, name: str) -> None:
    path = fixtures_dir / "transcripts" / name
    with pytest.raises(TranscriptError, match="no timed text found") as info:
        read_transcript(path)
    assert info.value.path == str(path)


@pytest.mark.parametrize("suffix", [".json", ".srt", ".sbv"])
def test_empty_files_of_every_suffix(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"empty{suffix}"
    path.write_bytes(b"")
    with pytest.raises(TranscriptError, match="no timed text found"):
        read_transcript(path)


def test_unknown_format_names_file(fixtures_dir: Path) -> None:
    path = fixtures_dir / "transcripts" / "unknown_format.md"
    with pytest.raises(UnknownFormatError) as info:
        read_transcript(path)
    assert info.value.path == str(path)


def test_unknown_format_argument(fixtures_dir: Path) -> None:
    with pytest.raises(UnknownFormatError, match="'docx'"):
        read_transcript(fixtures_dir / "transcripts" / "unclosed_voice_tag.vtt", format="docx")


def test_format_argument_overrides_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export.dat"
    path.write_text('{"segments": [{"start": 1.0, "end": 2.0, "text": " hi"}]}', encoding="utf-8")
    assert read_transcript(path, format="whisper").utterances[0].text == "hi"
    assert read_transcript(path, format="json").format == "whisper"
    with pytest.raises(TranscriptError, match="WEBVTT"):
        read_transcript(path, format="vtt")


def test_content_decides_for_txt_and_no_suffix(fixtures_dir: Path) -> None:
    srt = read_transcript(fixtures_dir / "transcripts" / "srt_saved_as.txt")
    assert (srt.format, srt.utterances[0].text) == ("srt", "An SRT file with a .txt suffix.")
    vtt = read_transcript(fixtures_dir / "transcripts" / "webvtt_without_suffix")
    assert (vtt.format, vtt.utterances[0].text) == ("vtt", "No suffix.")


def test_windows_1252_bytes_are_read(fixtures_dir: Path) -> None:
    (u,) = read_transcript(fixtures_dir / "transcripts" / "cp1252_encoded.srt").utterances
    assert u.text == "Café crème – naïve."


def test_utf16_with_bom_is_read(fixtures_dir: Path) -> None:
    (u,) = read_transcript(fixtures_dir / "transcripts" / "utf16_with_bom.txt").utterances
    assert (u.speaker, u.text) == ("Zoë", "Grüße aus Köln.")


def test_round_trip_through_dict(fixtures_dir: Path) -> None:
    from highlights.models import Transcript

    t = read_transcript(fixtures_dir / "transcripts" / "podcast_gap_split.json")
    assert Transcript.from_dict(t.to_dict()) == t


def test_every_real_transcript_reads_or_fails_with_a_line(realdata: Path) -> None:
    """Every real transcript either reads into sorted utterances or fails naming a line."""
    paths = [
        p
        for p in sorted((realdata / "transcripts").glob("*/*"))
        if p.suffix in TRANSCRIPT_SUFFIXES and p.name != "COPYING.txt"
    ]
    assert len(paths) >= 20
    failed = []
    for path in paths:
        try:
            t = read_transcript(path)
        except TranscriptError as exc:
            assert exc.line is not None and exc.path == str(path)
            failed.append(path.name)
            continue
        keys = [(u.start_ms, u.end_ms) for u in t.utterances]
        assert keys == sorted(keys), path
        assert all(u.text for u in t.utterances), path
    assert failed == ["invalid_timeframe.sbv", "missing_timeframe.vtt"]


def test_real_html_transcript_is_an_unknown_format(realdata: Path) -> None:
    path = realdata / "transcripts" / "podcast-namespace" / "transcripts_example.html"
    with pytest.raises(UnknownFormatError):
        read_transcript(path)
