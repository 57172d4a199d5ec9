"""Plain text marker files: one time (or region) per line, optional label."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import MarkerError
from highlights.ingest.markers import read_markers
from highlights.models import Markers

Row = tuple[int, int | None, str, int | None]


def rows(markers: Markers) -> list[Row]:
    return [(m.start_ms, m.end_ms, m.label, m.line) for m in markers.markers]


EXPECTED: dict[str, list[Row]] = {
    "points_plain.txt": [
        (65_000, None, "Hiring plan", 3),
        (83_000, None, "Budget review", 2),
        (83_500, None, "", 5),
        (83_500, None, "Comma decimal like SRT", 8),
        (123_250, None, "Demo feedback", 6),
        (720_000, None, "Colon then label", 9),
        (3_723_500, None, "long meeting mark", 7),
    ],
    "regions_plain.txt": [
        (5_000, 6_000, "en dash region", 4),
        (7_000, None, "zero-length region becomes a point", 7),
        (15_000, 20_000, "", 3),
        (20_000, None, "5 tips for onboarding", 5),
        (60_000, 90_000, "Arrow region", 2),
        (600_000, 750_000, "Plan for Q3", 1),
        (1_800_000, 1_810_000, "tight dash", 6),
    ],
    "duplicates.txt": [(10_000, None, "same", 1), (10_000, None, "same", 2)],
    "comments_only.txt": [],
    "empty.txt": [],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_markers_text_fixture(fixtures_dir: Path, name: str) -> None:
    markers = read_markers(fixtures_dir / "markers" / name)
    assert markers.format == "text"
    assert markers.source == str(fixtures_dir / "markers" / name)
    assert rows(markers) == EXPECTED[name]


def test_markers_text_point_vs_region(fixtures_dir: Path) -> None:
    markers = read_markers(fixtures_dir / "markers" / "regions_plain.txt").markers
    kinds = {m.label: m.is_region for m in markers}
    assert kinds["Plan for Q3"] is True
    assert kinds["5 tips for onboarding"] is False
    assert kinds["zero-length region becomes a point"] is False


ERRORS: dict[str, tuple[int, int | None, str]] = {
    "garbled_time.txt": (3, None, "minutes in '1:75:00' must be below 60"),
    "label_before_time.txt": (2, None, "expected a time at the start of the line, got 'Budget'"),
    "date_without_time.txt": (1, None, "is a date without a time of day"),
    "region_end_before_start.txt": (2, 300_000, "region ends at 00:04:00.000, before it starts"),
    "negative_time.txt": (2, -5_000, "negative time -00:00:05.000"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_markers_text_error_names_file_and_line(fixtures_dir: Path, name: str) -> None:
    line, time_ms, message = ERRORS[name]
    path = fixtures_dir / "markers" / name
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert error.time_ms == time_ms
    assert message in error.message
    assert f"{path}:{line}" in str(error)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("00:01:23 Budget", (83_000, None, "Budget")),
        ("00:01:23\tBudget", (83_000, None, "Budget")),
        ("00:01:23 | Budget", (83_000, None, "Budget")),
        ("00:01:23;Budget", (83_000, None, "Budget")),
        ("00:01:23 — Budget", (83_000, None, "Budget")),
        ("00:01:23 -Budget", (83_000, None, "-Budget")),
        ("83,5 tips", (83_000, None, "5 tips")),
        ("00:10 --> 00:20", (10_000, 20_000, "")),
        ("10 - 00:20 mixed styles", (10_000, None, "00:20 mixed styles")),
        ("   00:00:05.5   ", (5_500, None, "")),
    ],
)
def test_markers_text_line_forms(
    tmp_path: Path, line: str, expected: tuple[int, int | None, str]
) -> None:
    path = tmp_path / "one.markers.txt"
    path.write_text(line + "\n", encoding="utf-8")
    [marker] = read_markers(path).markers
    assert (marker.start_ms, marker.end_ms, marker.label) == expected
    assert marker.line == 1


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("00:10 --> soon", "expected an end time after '-->'"),
        ("12:3a note", "'12:3a' is not a time"),
        ("00:20 - 00:10 backwards", "region ends at"),
        ("+5 plus sign", "garbled time '+5'"),
    ],
)
def test_markers_text_bad_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "bad.markers.txt"
    path.write_text("00:01 fine\n" + line + "\n", encoding="utf-8")
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.line == 2
    assert message in info.value.message
