"""CSV marker files: optional header in any column order, quoted labels, ms columns."""

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
    "regions.csv": [
        (120_000, 190_000, "Budget, headcount and hiring", 2),
        (240_000, None, "Point row", 3),
        (300_000, 330_250, 'She said "ship it"', 4),
        (360_000, 420_000, "Two-line\nnote", 5),
        (480_000, None, "Last", 7),
    ],
    "points_headerless.csv": [
        (42_000, None, "Intro done", 2),
        (90_000, None, "Goal: lead a project, this year", 3),
        (95_500, None, "Unquoted, with a comma", 4),
    ],
    "regions_headerless.csv": [
        (60_000, 90_000, "Kickoff", 1),
        (120_000, None, "Zero length is a point", 2),
        (180_000, None, "Point with empty end", 3),
    ],
    "ms_columns_semicolon.csv": [
        (1_500, 2_500, "Semicolon delimited", 2),
        (3_000, None, "point", 3),
    ],
    "bom_crlf.csv": [(10_000, None, "BOM and CRLF", 2), (20_000, None, "second", 3)],
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_markers_csv_fixture(fixtures_dir: Path, name: str) -> None:
    markers = read_markers(fixtures_dir / "markers" / name)
    assert markers.format == "csv"
    assert rows(markers) == EXPECTED[name]


ERRORS: dict[str, tuple[int, str]] = {
    "garbled_time.csv": (3, "'00:0x' is not a time"),
    "no_start_column.csv": (1, "the header has no start/time column (found 'label', 'end')"),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_markers_csv_error_names_file_and_line(fixtures_dir: Path, name: str) -> None:
    line, message = ERRORS[name]
    path = fixtures_dir / "markers" / name
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert message in info.value.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Start Time,End Time,Title\n1,2,a\n", [(1_000, 2_000, "a", 2)]),
        ("note,at\nhello,00:05\n", [(5_000, None, "hello", 2)]),
        ("time\n00:05\n00:06\n", [(5_000, None, "", 2), (6_000, None, "", 3)]),
        ("time,speaker,label\n7,Ana,x\n", [(7_000, None, "x", 2)]),
        ('time,label\n7,"a, b",c\n', [(7_000, None, "a, b, c", 2)]),
        ("5,10\n20,\n", [(5_000, 10_000, "", 1), (20_000, None, "", 2)]),
        ("5,10\n20,later\n", [(5_000, None, "10", 1), (20_000, None, "later", 2)]),
        ("time\tlabel\n3\tTabbed\n", [(3_000, None, "Tabbed", 2)]),
    ],
)
def test_markers_csv_layouts(tmp_path: Path, content: str, expected: list[Row]) -> None:
    path = tmp_path / "markers.csv"
    path.write_text(content, encoding="utf-8")
    assert rows(read_markers(path)) == expected


@pytest.mark.parametrize(
    ("content", "line", "message"),
    [
        ("time,label\n,empty time\n", 2, "the row has no start time"),
        ("start_ms,label\n1.5,x\n", 2, "'1.5' is not whole milliseconds"),
        ("start,end\n00:10,00:05\n", 2, "region ends at"),
        ("start,end\n00:10,-1\n", 2, "negative end time"),
    ],
)
def test_markers_csv_bad_row(tmp_path: Path, content: str, line: int, message: str) -> None:
    path = tmp_path / "markers.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.line == line
    assert message in info.value.message
