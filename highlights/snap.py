"""The ``snap`` stage: move each window edge into the nearest pause of the audio.

The logic here works on a list of per-frame speech decisions, so tests can script it; the
frames come from :mod:`highlights.media.vad` on PCM decoded for the window plus a margin.
"""

from __future__ import annotations

from dataclasses import dataclass

from highlights.models import Clip, Window


@dataclass(frozen=True, slots=True)
class SnapSettings:
    frame_ms: int = 30
    min_pause_ms: int = 180
    search_ms: int = 3000
    lead_ms: int = 150
    tail_ms: int = 250
    inward_penalty: float = 2.0


@dataclass(frozen=True, slots=True)
class Pause:
    start_ms: int
    end_ms: int


def find_pauses(
    frames: list[bool], *, offset_ms: int, frame_ms: int, min_pause_ms: int
) -> list[Pause]:
    """Runs of non-speech frames at least ``min_pause_ms`` long, in absolute milliseconds.

    A run touching either end of the decoded stretch counts too (the recording may begin or
    end in silence).
    """
    pauses: list[Pause] = []
    run_start: int | None = None
    for i, speech in enumerate([*frames, True]):
        if not speech and run_start is None:
            run_start = i
        elif speech and run_start is not None:
            if (i - run_start) * frame_ms >= min_pause_ms:
                pauses.append(Pause(offset_ms + run_start * frame_ms, offset_ms + i * frame_ms))
            run_start = None
    return pauses


def _start_edge(edge: int, pauses: list[Pause], s: SnapSettings) -> tuple[int, bool]:
    best: tuple[float, int] | None = None
    for p in pauses:
        cut = max(p.start_ms, p.end_ms - s.lead_ms)
        if p.start_ms <= edge <= p.end_ms:
            return cut, True
        # Moving the start later (inward) would drop speech: it costs more than moving out.
        distance = edge - cut if cut <= edge else (cut - edge) * s.inward_penalty
        if distance <= s.search_ms and (best is None or distance < best[0]):
            best = (distance, cut)
    return (best[1], True) if best is not None else (edge, False)


def _end_edge(edge: int, pauses: list[Pause], s: SnapSettings) -> tuple[int, bool]:
    best: tuple[float, int] | None = None
    for p in pauses:
        cut = min(p.end_ms, p.start_ms + s.tail_ms)
        if p.start_ms <= edge <= p.end_ms:
            return cut, True
        distance = cut - edge if cut >= edge else (edge - cut) * s.inward_penalty
        if distance <= s.search_ms and (best is None or distance < best[0]):
            best = (distance, cut)
    return (best[1], True) if best is not None else (edge, False)


def snap_window(
    window: Window,
    frames: list[bool],
    *,
    offset_ms: int,
    duration_ms: int,
    settings: SnapSettings | None = None,
) -> Clip:
    """Snap one window's edges into pauses found in ``frames`` (which start at ``offset_ms``).

    An edge with no pause within ``search_ms`` stays where it was and is reported as not in a
    pause. The clip never leaves ``[0, duration_ms]`` and never collapses.
    """
    s = settings or SnapSettings()
    pauses = find_pauses(
        frames, offset_ms=offset_ms, frame_ms=s.frame_ms, min_pause_ms=s.min_pause_ms
    )
    start, start_ok = _start_edge(window.start_ms, pauses, s)
    end, end_ok = _end_edge(window.end_ms, pauses, s)
    start = max(0, start)
    end = min(duration_ms, end)
    if end - start < 500:
        start, end = window.start_ms, min(duration_ms, window.end_ms)
        start_ok = end_ok = False
    return Clip(
        window=window, start_ms=start, end_ms=end, start_in_pause=start_ok, end_in_pause=end_ok
    )


def unsnapped(window: Window, duration_ms: int) -> Clip:
    """A clip for a meeting without audio: the window as it is."""
    return Clip(
        window=window, start_ms=max(0, window.start_ms), end_ms=min(duration_ms, window.end_ms)
    )
