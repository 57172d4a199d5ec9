"""JSON marker files: lists, {"markers": [...]}, Podcasting 2.0 chapters."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.errors import MarkerError, UnknownFormatError
from highlights.ingest.markers import read_markers
from highlights.models import Markers

Row = tuple[int, int | None, str, int | None]


def rows(markers: Markers) -> list[Row]:
    return [(m.start_ms, m.end_ms, m.label, m.line) for m in markers.markers]


EXPECTED: dict[str, tuple[str, list[Row]]] = {
    "markers_list.json": (
        "json",
        [
            (1_235, None, "", 8),
            (12_500, None, "", 2),
            (60_000, None, "Budget", 3),
            (120_000, 150_000, "Region in a string", 4),
            (180_000, None, "Object", 5),
            (240_000, None, "Note key", 6),
            (300_000, 330_125, "Label wins", 7),
        ],
    ),
    "markers_object.json": (
        "json",
        [
            (1_000, 2_500, "Region in ms", 6),
            (4_000, 6_500, "camelCase keys", 7),
            (61_000, None, "Point in ms", 5),
        ],
    ),
    "chapters_with_end.json": (
        "podcast-chapters",
        [
            (0, 30_500, "Check-in", 2),
            (30_500, None, "Priorities", 3),
            (95_000, None, "Zero-length chapter", 4),
            (120_000, None, "", 5),
        ],
    ),
    "empty_list.json": ("json", []),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_markers_json_fixture(fixtures_dir: Path, name: str) -> None:
    fmt, expected = EXPECTED[name]
    markers = read_markers(fixtures_dir / "markers" / name)
    assert markers.format == fmt
    assert rows(markers) == expected


CHAPTER_STARTS = [0, 168, 260, 410, 3990, 4600, 5510, 5854, 6089]
CHAPTER_TITLES = [
    "Intro",
    "Hearing Aids",
    "Progress Report",
    "Namespace",
    "Just Break Up",
    "Donations",
    "The Big Players",
    "Spread the Word",
    "Outro",
]


def test_markers_json_real_podcast_chapters(realdata: Path) -> None:
    path = realdata / "markers" / "podcast-namespace" / "chapters_example.json"
    markers = read_markers(path)
    assert markers.format == "podcast-chapters"
    assert [m.start_ms for m in markers.markers] == [s * 1000 for s in CHAPTER_STARTS]
    assert [m.label for m in markers.markers] == CHAPTER_TITLES
    assert not any(m.is_region for m in markers.markers)
    assert [m.line for m in markers.markers] == [5, 9, 14, 18, 24, 29, 34, 38, 42]


def test_markers_json_real_podcast_chapters_complex(realdata: Path) -> None:
    path = realdata / "markers" / "podcast-namespace" / "chapters_exampleComplex.json"
    markers = read_markers(path).markers
    assert len(markers) == 11
    by_start = {m.start_ms: m for m in markers}
    assert by_start[4_200_000].label == "Played song by artist"
    assert by_start[4_200_000].line == 32
    # the location-only chapter has no title
    assert by_start[4_826_000].label == ""
    assert by_start[4_826_000].line == 44
    assert [m.line for m in markers] == sorted(m.line or 0 for m in markers)


def test_markers_json_round_trips_markers_to_dict(fixtures_dir: Path, tmp_path: Path) -> None:
    original = read_markers(fixtures_dir / "markers" / "regions.csv")
    path = tmp_path / "markers.json"
    path.write_text(json.dumps(original.to_dict(), indent=2), encoding="utf-8")
    again = read_markers(path)
    assert [(m.start_ms, m.end_ms, m.label) for m in again.markers] == [
        (m.start_ms, m.end_ms, m.label) for m in original.markers
    ]


ERRORS: dict[str, tuple[type[Exception], int | None, str]] = {
    "garbled_time.json": (MarkerError, 3, "'soon' is not a time"),
    "malformed.json": (MarkerError, 3, "malformed JSON: Expecting value"),
    "boolean_item.json": (MarkerError, 3, "expected a number, a string or an object, got true"),
    "object_without_time.json": (MarkerError, 2, "the object has no time/start/at key"),
    "unknown_structure.json": (UnknownFormatError, None, "this object has keys 'utterances'"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_markers_json_error_names_file_and_line(fixtures_dir: Path, name: str) -> None:
    kind, line, message = ERRORS[name]
    path = fixtures_dir / "markers" / name
    with pytest.raises(kind) as info:
        read_markers(path)
    error = info.value
    assert type(error) is kind
    assert getattr(error, "path", None) == str(path)
    assert getattr(error, "line", None) == line
    assert message in getattr(error, "message", "")


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("[\n  1,\n  NaN\n]", 3, "is not a finite number"),
        ("[\n  -0.5\n]", 2, "negative time"),
        ("[\n  null\n]", 2, "got null"),
        ('[\n  ""\n]', 2, "empty time"),
        ('{"markers": [\n {"time": [1]}\n]}', 2, "[1] is not a time"),
        ('{"markers": [\n {"time_ms": 1.5}\n]}', 2, "1.5 is not whole milliseconds"),
        ('{"markers": [\n {"start": 5, "end": 4}\n]}', 2, "region ends at"),
    ],
)
def test_markers_json_bad_item(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "markers.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.line == line
    assert message in info.value.message


def test_markers_json_duplicate_key_uses_last_list_with_its_lines(tmp_path: Path) -> None:
    path = tmp_path / "markers.json"
    path.write_text('{"markers": [1],\n "markers": [\n  2,\n  3]}', encoding="utf-8")
    assert rows(read_markers(path)) == [(2_000, None, "", 3), (3_000, None, "", 4)]


@pytest.mark.parametrize("content", ["42", '"00:01"', "{}"])
def test_markers_json_unrecognised_top_level(tmp_path: Path, content: str) -> None:
    path = tmp_path / "markers.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(UnknownFormatError):
        read_markers(path)
