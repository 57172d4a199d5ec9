"""Audacity label tracks: tab-separated seconds, point labels, overlapping regions."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from highlights.errors import MarkerError
from highlights.ingest.markers import read_markers
from highlights.models import Markers

Row = tuple[int, int | None, str, int | None]


def rows(markers: Markers) -> list[Row]:
    return [(m.start_ms, m.end_ms, m.label, m.line) for m in markers.markers]


def test_markers_audacity_overlapping(fixtures_dir: Path) -> None:
    markers = read_markers(fixtures_dir / "markers" / "audacity_overlapping.txt")
    assert markers.format == "audacity"
    assert rows(markers) == [
        (1_000, 4_500, "Region one", 1),
        (2_250, 3_100, "Overlaps region one", 2),
        # line 3 is the frequency range of line 2 and is skipped
        (6_761, None, "Point label, rounds half up", 4),
        (7_123, None, "Point rounds down", 5),
        (8_123, 10_000, "", 6),
        (10_000, 12_000, "Label\twith a tab", 7),
    ]


@pytest.mark.parametrize(
    ("name", "line", "time_ms", "message"),
    [
        ("audacity_negative.txt", 1, -1_500, "negative start time"),
        ("audacity_garbled.txt", 2, None, "garbled end time: 'x' is not a number of seconds"),
    ],
)
def test_markers_audacity_error_names_line(
    fixtures_dir: Path, name: str, line: int, time_ms: int | None, message: str
) -> None:
    path = fixtures_dir / "markers" / name
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert info.value.time_ms == time_ms
    assert message in info.value.message


def test_markers_audacity_forced_format_rejects_line_without_tab(tmp_path: Path) -> None:
    path = tmp_path / "x.labels.txt"
    path.write_text("1.5\t2.5\tok\n3.5 no tab\n", encoding="utf-8")
    with pytest.raises(MarkerError) as info:
        read_markers(path, format="audacity")
    assert info.value.line == 2
    assert "start<TAB>end<TAB>label" in info.value.message


AMI = Path("meetings") / "ami_ES2002d" / "ES2002d.extractive.audacity.txt"


def test_markers_audacity_real_ami_regions(realdata: Path) -> None:
    path = realdata / AMI
    markers = read_markers(path)
    assert markers.format == "audacity"
    assert len(markers.markers) == 168
    assert all(m.is_region for m in markers.markers)
    first, last = markers.markers[0], markers.markers[-1]
    assert (first.start_ms, first.end_ms, first.line) == (6_760, 10_670, 1)
    assert first.label == "B: Well this is the uh final detailed design meeting ."
    assert (last.start_ms, last.end_ms, last.label, last.line) == (
        2_355_940,
        2_357_150,
        "A: It becomes tangible .",
        168,
    )
    by_line = {m.line: m for m in markers.markers}
    # line 47 lies inside line 46: overlapping regions are kept as they are
    assert (by_line[46].start_ms, by_line[46].end_ms) == (423_200, 424_940)
    assert (by_line[47].start_ms, by_line[47].end_ms, by_line[47].label) == (
        424_420,
        424_780,
        "A: No .",
    )


def test_markers_audacity_real_ami_exact_ms(realdata: Path) -> None:
    path = realdata / AMI
    expected = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        start, end, _ = line.split("\t", 2)
        expected[number] = (int(Decimal(start) * 1000), int(Decimal(end) * 1000))
    got = {m.line: (m.start_ms, m.end_ms) for m in read_markers(path).markers}
    assert got == expected
