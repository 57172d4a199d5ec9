"""Which format a marker file is read as; empty, missing and unreadable files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from highlights.errors import InputNotFoundError, MarkerError, UnknownFormatError
from highlights.ingest.markers import MARKER_SUFFIXES, read_markers

TESTS = Path(__file__).resolve().parent


@pytest.mark.parametrize(
    ("fixture", "name", "fmt"),
    [
        ("points_plain.txt", "meeting.markers.txt", "text"),
        ("points_plain.txt", "notes", "text"),
        ("audacity_overlapping.txt", "x.labels.txt", "audacity"),
        ("audacity_overlapping.txt", "track.dat", "audacity"),
        ("regions.csv", "markers.csv", "csv"),
        ("regions.csv", "exported.txt", "csv"),
        ("markers_list.json", "markers.json", "json"),
        ("markers_list.json", "markers.txt", "json"),
        ("chapters_with_end.json", "chapters.json", "podcast-chapters"),
        ("chapters.vtt", "chapters.vtt", "webvtt"),
        ("chapters.vtt", "chapters.txt", "webvtt"),
    ],
)
def test_markers_detect_format(
    fixtures_dir: Path, tmp_path: Path, fixture: str, name: str, fmt: str
) -> None:
    path = tmp_path / name
    shutil.copyfile(fixtures_dir / "markers" / fixture, path)
    markers = read_markers(path)
    assert markers.format == fmt
    assert markers.markers


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("meeting.markers.txt", True),
        ("x.labels.txt", True),
        ("markers.csv", True),
        ("Markers.JSON", True),
        ("chapters.json", True),
        ("meeting.chapters.vtt", True),
        ("meeting.vtt", False),
        ("transcript.txt", False),
        ("audio.wav", False),
    ],
)
def test_markers_suffixes(name: str, expected: bool) -> None:
    assert name.lower().endswith(MARKER_SUFFIXES) is expected


@pytest.mark.parametrize(
    ("fixture", "fmt", "count"),
    [
        ("chapters.vtt", "vtt", 3),
        ("audacity_overlapping.txt", "labels", 6),
        ("regions.csv", "CSV", 5),
    ],
)
def test_markers_explicit_format(fixtures_dir: Path, fixture: str, fmt: str, count: int) -> None:
    assert len(read_markers(fixtures_dir / "markers" / fixture, format=fmt).markers) == count


def test_markers_explicit_format_is_not_second_guessed(fixtures_dir: Path) -> None:
    with pytest.raises(MarkerError) as info:
        read_markers(fixtures_dir / "markers" / "points_plain.txt", format="json")
    assert info.value.line == 1
    assert "malformed JSON" in info.value.message


def test_markers_unknown_format_name(fixtures_dir: Path) -> None:
    with pytest.raises(UnknownFormatError) as info:
        read_markers(fixtures_dir / "markers" / "points_plain.txt", format="srt")
    assert "unknown marker format 'srt'" in info.value.message


@pytest.mark.parametrize(
    ("name", "line", "message"),
    [
        ("binary.mp3", None, "binary data"),
        ("not_utf8.txt", 1, "not UTF-8 text"),
        ("unknown_prose.md", None, "the first line is 'Notes from the meeting'"),
    ],
)
def test_markers_unreadable_is_unknown_format(
    fixtures_dir: Path, name: str, line: int | None, message: str
) -> None:
    path = fixtures_dir / "markers" / name
    with pytest.raises(UnknownFormatError) as info:
        read_markers(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in info.value.message


def test_markers_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "nope.markers.txt"
    with pytest.raises(InputNotFoundError) as info:
        read_markers(path)
    assert info.value.path == str(path)


def test_markers_folder_is_not_a_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError) as info:
        read_markers(tmp_path)
    assert "folder" in info.value.message


@pytest.mark.parametrize(
    ("name", "content", "fmt"),
    [
        ("empty.json", "", "json"),
        ("empty.csv", "\n\n", "csv"),
        ("empty.markers.txt", "  \n", "text"),
        ("empty.vtt", "", "webvtt"),
        ("empty", "", "text"),
    ],
)
def test_markers_empty_file_is_no_markers(
    tmp_path: Path, name: str, content: str, fmt: str
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    markers = read_markers(str(path))
    assert markers.format == fmt
    assert markers.markers == ()


def test_markers_utf16_with_bom(tmp_path: Path) -> None:
    path = tmp_path / "meeting.markers.txt"
    path.write_text("00:00:03 Café\r\n", encoding="utf-16")
    [marker] = read_markers(path).markers
    assert (marker.start_ms, marker.label, marker.line) == (3_000, "Café", 1)


def test_markers_sorted_by_start_keeping_file_order_for_ties(tmp_path: Path) -> None:
    path = tmp_path / "meeting.markers.txt"
    path.write_text("00:30 c\n00:10 a\n00:30 b\n00:10 a\n", encoding="utf-8")
    markers = read_markers(path).markers
    assert [(m.label, m.line) for m in markers] == [("a", 2), ("a", 4), ("c", 1), ("b", 3)]


def test_markers_every_fixture_has_a_test(fixtures_dir: Path) -> None:
    sources = "".join(p.read_text(encoding="utf-8") for p in TESTS.glob("test_markers_*.py"))
    untested = [
        p.name for p in (fixtures_dir / "markers").iterdir() if f'"{p.name}"' not in sources
    ]
    assert untested == []
