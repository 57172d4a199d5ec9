"""Snapping window edges into pauses, with scripted speech frames."""

from __future__ import annotations

from highlights.models import Window
from highlights.snap import SnapSettings, find_pauses, snap_window

FRAME = 30


def frames_from(spec: str) -> list[bool]:
    """'s' speech, '.' silence; one character per 30 ms frame."""
    return [c == "s" for c in spec]


def test_snap_find_pauses_respects_minimum_length() -> None:
    frames = frames_from("sss....sss..sss" + "." * 10)
    pauses = find_pauses(frames, offset_ms=1000, frame_ms=FRAME, min_pause_ms=100)
    assert [(p.start_ms, p.end_ms) for p in pauses] == [(1090, 1210), (1450, 1750)]


def test_snap_moves_edges_outward_into_nearest_pauses() -> None:
    # speech 0-900, pause 900-1500, speech 1500-3000, pause 3000-3600, speech after
    spec = "s" * 30 + "." * 20 + "s" * 50 + "." * 20 + "s" * 30
    w = Window(start_ms=1600, end_ms=2900, anchor_ms=2900, kind="point")
    clip = snap_window(
        w,
        frames_from(spec),
        offset_ms=0,
        duration_ms=10_000,
        settings=SnapSettings(lead_ms=150, tail_ms=250, min_pause_ms=180),
    )
    assert clip.start_in_pause and clip.end_in_pause
    assert clip.start_ms == 1500 - 150
    assert clip.end_ms == 3000 + 250


def test_snap_edge_already_in_pause_stays_in_that_pause() -> None:
    spec = "s" * 30 + "." * 20 + "s" * 50 + "." * 20 + "s" * 30
    w = Window(start_ms=1000, end_ms=3100, anchor_ms=3000, kind="point")
    clip = snap_window(w, frames_from(spec), offset_ms=0, duration_ms=10_000)
    assert 900 <= clip.start_ms <= 1500
    assert 3000 <= clip.end_ms <= 3600


def test_snap_prefers_outward_pause_over_slightly_closer_inward_one() -> None:
    # pauses at 0-600 (outward, 1000 ms away) and 1900-2500 (inward, ~800 ms away)
    spec = "." * 20 + "s" * 43 + "." * 20 + "s" * 60
    w = Window(start_ms=1600, end_ms=4000, anchor_ms=4000, kind="point")
    clip = snap_window(w, frames_from(spec), offset_ms=0, duration_ms=10_000)
    assert clip.start_ms < 1600


def test_snap_without_pause_keeps_edge_and_says_so() -> None:
    w = Window(start_ms=1000, end_ms=5000, anchor_ms=5000, kind="point")
    clip = snap_window(w, frames_from("s" * 300), offset_ms=0, duration_ms=10_000)
    assert (clip.start_ms, clip.end_ms) == (1000, 5000)
    assert not clip.start_in_pause and not clip.end_in_pause


def test_snap_honours_frame_offset_and_recording_bounds() -> None:
    spec = "." * 10 + "s" * 100 + "." * 10
    w = Window(start_ms=5400, end_ms=8200, anchor_ms=8000, kind="point")
    clip = snap_window(w, frames_from(spec), offset_ms=5000, duration_ms=8400)
    assert clip.start_ms >= 5000
    assert clip.end_ms <= 8400
