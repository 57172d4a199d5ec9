"""ISO 8601 wall-clock marker times, resolved against the recording start."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from highlights.errors import MarkerError
from highlights.ingest.markers import read_markers
from highlights.models import Markers

Row = tuple[int, int | None, str, int | None]
PLUS_ONE = timezone(timedelta(hours=1))


def rows(markers: Markers) -> list[Row]:
    return [(m.start_ms, m.end_ms, m.label, m.line) for m in markers.markers]


def test_markers_absolute_iso_text(fixtures_dir: Path) -> None:
    start = datetime(2026, 3, 4, 10, 0, tzinfo=PLUS_ONE)
    markers = read_markers(fixtures_dir / "markers" / "absolute_iso.txt", recording_start=start)
    assert rows(markers) == [
        (930_000, None, "Offset form", 2),
        (960_000, None, "UTC form", 3),
        # naive marker, aware start: read on the recording's clock (+01:00)
        (1_020_250, None, "Naive with a space", 4),
        (1_200_000, 1_260_000, "Absolute region", 5),
        (1_800_500, None, "Half second", 6),
    ]


def test_markers_absolute_iso_csv_naive_start_takes_marker_zone(fixtures_dir: Path) -> None:
    # naive start, aware (UTC) markers: the start is read as 10:00 UTC
    markers = read_markers(
        fixtures_dir / "markers" / "absolute_iso.csv", recording_start=datetime(2026, 3, 4, 10)
    )
    assert rows(markers) == [
        (300_000, 360_000, "UTC region", 2),
        (420_000, None, "naive marker", 3),
    ]


def test_markers_absolute_iso_csv_naive_marker_before_aware_start(fixtures_dir: Path) -> None:
    # 10:00 UTC written as 11:00+01:00; the naive 10:07 is read as 10:07+01:00, 53 min early
    path = fixtures_dir / "markers" / "absolute_iso.csv"
    start = datetime(2026, 3, 4, 11, 0, tzinfo=PLUS_ONE)
    with pytest.raises(MarkerError) as info:
        read_markers(path, recording_start=start)
    assert info.value.line == 3
    assert info.value.time_ms == -53 * 60_000
    assert "before the recording start" in info.value.message


def test_markers_absolute_without_recording_start(fixtures_dir: Path) -> None:
    path = fixtures_dir / "markers" / "absolute_iso.txt"
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    error = info.value
    assert error.path == str(path)
    assert error.line == 2
    assert "--recording-start" in error.message
    assert "meeting metadata" in error.message


def test_markers_absolute_before_recording_start(fixtures_dir: Path) -> None:
    path = fixtures_dir / "markers" / "absolute_before_start.txt"
    with pytest.raises(MarkerError) as info:
        read_markers(path, recording_start=datetime(2026, 3, 4, 10))
    assert info.value.line == 2
    assert info.value.time_ms == -1_000
    assert "00:00:01.000 before the recording start" in info.value.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('[\n  "2026-03-04T10:00:05Z"\n]', [(5_000, None, "", 2)]),
        (
            '[{"start": "2026-03-04T10:00:05Z", "end": "2026-03-04T10:00:07.5Z", "title": "t"}]',
            [(5_000, 7_500, "t", 1)],
        ),
    ],
)
def test_markers_absolute_in_json(tmp_path: Path, content: str, expected: list[Row]) -> None:
    path = tmp_path / "markers.json"
    path.write_text(content, encoding="utf-8")
    start = datetime(2026, 3, 4, 10, tzinfo=timezone.utc)
    assert rows(read_markers(path, recording_start=start)) == expected


def test_markers_absolute_garbled_date(tmp_path: Path) -> None:
    path = tmp_path / "meeting.markers.txt"
    path.write_text("2026-02-30T10:00:00 no such day\n", encoding="utf-8")
    with pytest.raises(MarkerError) as info:
        read_markers(path, recording_start=datetime(2026, 2, 1))
    assert info.value.line == 1
    assert "not a valid date and time" in info.value.message
