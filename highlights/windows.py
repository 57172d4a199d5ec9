"""The ``windows`` stage: from markers (or tagged statements) to stretches of the meeting.

A point marker is pressed after the line that mattered, so its window reaches further back
than forward. Windows are widened to the whole statements (or speaker turns) they touch,
merged when they overlap or nearly touch, and capped. Region markers keep their region.
Without markers, the strongest PRIORITY / RELEVANCE / DECISION statements are proposed as
suggested highlights.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from highlights.config import WindowSettings
from highlights.errors import format_ms
from highlights.models import Marker, Statement, Window

SUGGEST_LABELS = {
    "PRIORITY": 3.0,
    "RELEVANCE": 2.5,
    "DECISION": 2.5,
    "GOAL": 1.5,
    "DEADLINE": 1.0,
    "METRIC": 1.0,
    "ACTION": 0.5,
    "BLOCKER": 1.0,
}


@dataclass(frozen=True, slots=True)
class WindowPlan:
    windows: tuple[Window, ...]
    warnings: tuple[str, ...]


def _touching(statements: Sequence[Statement], start: int, end: int) -> list[Statement]:
    return [s for s in statements if s.start_ms < end and s.end_ms > start]


def _turn_bounds(statements: Sequence[Statement], st: Statement) -> tuple[int, int]:
    i = statements.index(st)
    lo = hi = i
    while lo > 0 and statements[lo - 1].speaker == st.speaker:
        lo -= 1
    while hi + 1 < len(statements) and statements[hi + 1].speaker == st.speaker:
        hi += 1
    return statements[lo].start_ms, statements[hi].end_ms


def _widen(window: Window, statements: Sequence[Statement], s: WindowSettings) -> Window:
    if s.widen == "none" or not statements:
        return window
    hit = _touching(statements, window.start_ms, window.end_ms)
    if not hit:
        return window
    # Edges move to the bounds of the statements touched: outward when an edge cuts a
    # statement, inward when it lies in a stretch where nobody speaks.
    if s.widen == "turn":
        start = _turn_bounds(statements, hit[0])[0]
        end = _turn_bounds(statements, hit[-1])[1]
    else:
        start, end = hit[0].start_ms, hit[-1].end_ms
    if end - start > s.cap_ms:
        # Widening would pass the cap: keep the widening on the side of the anchor only.
        start = max(start, window.anchor_ms - s.cap_ms + (window.end_ms - window.anchor_ms))
        end = min(end, start + s.cap_ms)
    return replace(window, start_ms=start, end_ms=end)


def _cap(window: Window, s: WindowSettings) -> Window:
    if window.end_ms - window.start_ms <= s.cap_ms or window.kind == "region":
        return window
    total = s.before_ms + s.after_ms or 1
    back = s.cap_ms * s.before_ms // total
    start = max(window.start_ms, window.anchor_ms - back)
    end = min(window.end_ms, start + s.cap_ms)
    return replace(window, start_ms=start, end_ms=end, capped=True)


def _boundary(prev: Window, w: Window, statements: Sequence[Statement], after_ms: int) -> int:
    """Where one marker's moment ends and the next one's begins.

    The earlier press closes the earlier moment: the boundary sits a little after it (at most
    ``after_ms``, at most a quarter of the way to the next press), moved to the nearest end
    of a statement so that neither clip cuts a sentence in two.
    """
    gap = w.anchor_ms - prev.anchor_ms
    target = prev.anchor_ms + min(after_ms, max(0, gap) // 4)
    ends = [s.end_ms for s in statements if prev.anchor_ms - 5_000 <= s.end_ms < w.anchor_ms]
    if ends:
        target = min(ends, key=lambda e: abs(e - target))
    return max(prev.start_ms + 1, min(target, w.end_ms - 1))


def _union(prev: Window, w: Window) -> Window:
    kind = prev.kind if prev.kind == w.kind else "point"
    return Window(
        start_ms=min(prev.start_ms, w.start_ms),
        end_ms=max(prev.end_ms, w.end_ms),
        anchor_ms=prev.anchor_ms,
        kind=kind,
        marker_indexes=prev.marker_indexes + w.marker_indexes,
        labels=tuple(dict.fromkeys(prev.labels + w.labels)),
        capped=prev.capped or w.capped,
    )


def _merge(
    windows: list[Window], s: WindowSettings, statements: Sequence[Statement] = ()
) -> list[Window]:
    """Merge overlapping windows; split overlapping windows of separate presses instead.

    Two presses within ``double_press_ms`` mark one moment and merge. Regions that overlap
    or nearly touch merge while the union stays within the cap. Otherwise an overlap between
    the windows of two presses is split at a statement boundary just after the earlier press.
    """
    merged: list[Window] = []
    for w in sorted(windows, key=lambda w: (w.start_ms, w.end_ms)):
        if not merged:
            merged.append(w)
            continue
        prev = merged[-1]
        union = max(prev.end_ms, w.end_ms) - min(prev.start_ms, w.start_ms)
        close = w.start_ms <= prev.end_ms + s.merge_gap_ms
        regions = prev.kind != "point" and w.kind != "point"
        double_press = (
            "point" in (prev.kind, w.kind)
            and abs(w.anchor_ms - prev.anchor_ms) <= s.double_press_ms
        )
        if (
            close
            and (double_press or regions)
            and union <= max(s.cap_ms, prev.end_ms - prev.start_ms, w.end_ms - w.start_ms)
        ):
            merged[-1] = _union(prev, w)
            continue
        if w.start_ms < prev.end_ms:
            if prev.kind == "region":
                w = replace(w, start_ms=prev.end_ms)
            elif w.kind == "region":
                prev = replace(prev, end_ms=max(prev.anchor_ms, w.start_ms))
            else:
                cut = _boundary(prev, w, statements, s.after_ms)
                prev, w = replace(prev, end_ms=cut), replace(w, start_ms=cut)
            merged[-1] = prev
        if w.end_ms > w.start_ms:
            merged.append(w)
    return merged


def windows_from_markers(
    markers: Sequence[Marker],
    statements: Sequence[Statement],
    *,
    duration_ms: int,
    settings: WindowSettings,
    source: str = "markers",
) -> WindowPlan:
    """Windows for every marker inside the recording; markers past its end are reported."""
    warnings: list[str] = []
    raw: list[Window] = []
    for i, m in enumerate(markers):
        where = f"{source}:{m.line}" if m.line is not None else source
        if m.start_ms >= duration_ms:
            warnings.append(
                f"{where}: marker at {format_ms(m.start_ms)} is past the end of the "
                f"recording ({format_ms(duration_ms)}); skipped"
            )
            continue
        labels = (m.label,) if m.label else ()
        if m.end_ms is not None:
            end = min(m.end_ms, duration_ms)
            if end <= m.start_ms:
                end = min(duration_ms, m.start_ms + 1000)
            raw.append(Window(m.start_ms, end, m.start_ms, "region", (i,), labels))
            continue
        w = Window(
            start_ms=max(0, m.start_ms - settings.before_ms),
            end_ms=min(duration_ms, m.start_ms + settings.after_ms),
            anchor_ms=m.start_ms,
            kind="point",
            marker_indexes=(i,),
            labels=labels,
        )
        w = _widen(w, statements, settings)
        raw.append(_cap(w, settings))
    windows = [
        replace(w, end_ms=min(w.end_ms, duration_ms)) for w in _merge(raw, settings, statements)
    ]
    return WindowPlan(tuple(windows), tuple(warnings))


def statement_score(st: Statement) -> float:
    """How strongly a statement suggests itself as a highlight."""
    return sum(SUGGEST_LABELS.get(label, 0.0) for label in st.labels) + 0.1 * len(st.hits)


def suggested_windows(
    statements: Sequence[Statement], *, duration_ms: int, settings: WindowSettings
) -> WindowPlan:
    """Without markers: windows around the strongest PRIORITY / RELEVANCE / DECISION statements."""
    core = {"PRIORITY", "RELEVANCE", "DECISION"}
    candidates = [s for s in statements if core & set(s.labels)]
    ranked = sorted(candidates, key=lambda s: (-statement_score(s), s.start_ms))
    chosen = sorted(ranked[: settings.max_suggested], key=lambda s: s.start_ms)
    raw = []
    for st in chosen:
        start, end = st.start_ms, st.end_ms
        i = statements.index(st)
        # Include the statement before for context, within the cap.
        if i > 0 and end - statements[i - 1].start_ms <= settings.cap_ms:
            start = statements[i - 1].start_ms
        raw.append(Window(start, min(end, duration_ms), st.start_ms, "suggested"))
    return WindowPlan(tuple(_merge(raw, settings, statements)), ())
