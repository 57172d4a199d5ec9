"""WebVTT chapters and cues as region markers."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import MarkerError, UnknownFormatError
from highlights.ingest.markers import read_markers
from highlights.models import Markers

Row = tuple[int, int | None, str, int | None]


def rows(markers: Markers) -> list[Row]:
    return [(m.start_ms, m.end_ms, m.label, m.line) for m in markers.markers]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "chapters.vtt",
            [
                (0, 90_500, "Check-in & updates", 7),
                (90_500, 300_000, "Priorities for Q3 and hiring", 11),
                (300_000, None, "Zero-length cue", 15),
            ],
        ),
        ("header_only.vtt", []),
        ("empty.vtt", []),
    ],
)
def test_markers_webvtt_fixture(fixtures_dir: Path, name: str, expected: list[Row]) -> None:
    markers = read_markers(fixtures_dir / "markers" / name)
    assert markers.format == "webvtt"
    assert rows(markers) == expected


def test_markers_webvtt_garbled_timing(fixtures_dir: Path) -> None:
    path = fixtures_dir / "markers" / "garbled_timing.vtt"
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.path == str(path)
    assert info.value.line == 3
    assert "garbled end time: '00:00:0x'" in info.value.message


def test_markers_webvtt_missing_header(fixtures_dir: Path) -> None:
    with pytest.raises(UnknownFormatError) as info:
        read_markers(fixtures_dir / "markers" / "missing_header.vtt")
    assert "WEBVTT" in info.value.message


def test_markers_webvtt_block_without_timing(tmp_path: Path) -> None:
    path = tmp_path / "chapters.vtt"
    path.write_text("WEBVTT\n\nintro\njust text\n", encoding="utf-8")
    with pytest.raises(MarkerError) as info:
        read_markers(path)
    assert info.value.line == 3
    assert "expected a cue timing line" in info.value.message


def test_markers_webvtt_real_ami_cues(realdata: Path) -> None:
    path = realdata / "meetings" / "ami_ES2002d" / "ES2002d.derived.vtt"
    markers = read_markers(path)
    assert markers.format == "webvtt"
    assert len(markers.markers) == 1362
    assert rows(markers)[:2] == [
        (2_410, 5_700, "Okay we all all set ?", 5),
        (5_700, 6_760, "Right .", 8),
    ]
    by_line = {m.line: m for m in markers.markers}
    # the voice tag is removed, the escaped text is decoded
    assert by_line[65].label == "This is it ? <vocalsound>"
    assert (markers.markers[-1].start_ms, markers.markers[-1].end_ms) == (2_398_300, 2_400_860)
