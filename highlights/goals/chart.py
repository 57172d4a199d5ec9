"""The review chart's geometry: attainment level (-2 … +2) over review dates.

Pure arithmetic, no markup: :func:`review_chart` places every review as a point, every
planned review date (and the deadline) as a vertical mark, and the five levels as
horizontal grid lines. Time runs left to right over the span from the earliest to the
latest date shown; a single date sits in the middle.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from highlights.goals.model import GAS_LEVELS, Review

WIDTH = 640
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 56, 48, 16, 52


@dataclass(frozen=True, slots=True)
class ChartPoint:
    x: float
    y: float
    date: str
    level: int
    label: str


@dataclass(frozen=True, slots=True)
class ChartMark:
    """A vertical mark: a planned review date, or the deadline."""

    x: float
    date: str
    kind: str  # "planned" or "deadline"
    label: str
    tick: str


@dataclass(frozen=True, slots=True)
class ChartLevel:
    y: float
    level: int
    label: str


@dataclass(frozen=True, slots=True)
class Chart:
    width: int
    height: int
    left: int
    right: int
    top: int
    bottom: int
    levels: tuple[ChartLevel, ...]
    marks: tuple[ChartMark, ...]
    points: tuple[ChartPoint, ...]

    @property
    def polyline(self) -> str:
        """The ``points`` attribute of the line joining the reviews."""
        return " ".join(f"{p.x:g},{p.y:g}" for p in self.points)


def signed(level: int) -> str:
    """``+2``, ``+1``, ``0``, ``−1``, ``−2`` (a real minus sign)."""
    return f"+{level}" if level > 0 else ("0" if level == 0 else f"−{-level}")


def level_y(level: int) -> float:
    step = (HEIGHT - TOP - BOTTOM) / (len(GAS_LEVELS) - 1)
    return round(TOP + (max(GAS_LEVELS) - level) * step, 2)


def short_date(iso: str, *, year: bool = False) -> str:
    """``Mar 4`` (``Mar 4 2026`` with ``year``) for a tick under the chart."""
    d = date.fromisoformat(iso)
    return f"{d:%b} {d.day}" + (f" {d.year}" if year else "")


def review_chart(
    reviews: Sequence[Review], planned: Sequence[str] = (), deadline: str = ""
) -> Chart:
    """Lay out ``reviews`` (any order; one per date) with ``planned`` dates and ``deadline``."""
    shown = sorted(reviews, key=lambda r: r.date)
    days = [date.fromisoformat(d) for d in [*(r.date for r in shown), *planned]
            + ([deadline] if deadline else [])]
    first = min(days) if days else None
    span = (max(days) - first).days if first is not None and days else 0
    inner = WIDTH - LEFT - RIGHT

    def x(iso: str) -> float:
        if first is None or span == 0:
            return LEFT + inner / 2
        return round(LEFT + (date.fromisoformat(iso) - first).days / span * inner, 2)

    years = len({d.year for d in days}) > 1

    def mark(d: str, kind: str, label: str) -> ChartMark:
        return ChartMark(x(d), d, kind, label, short_date(d, year=years))

    marks = [mark(d, "planned", f"planned review {d}") for d in sorted(set(planned))]
    if deadline and deadline not in planned:
        marks.append(mark(deadline, "deadline", f"deadline {deadline}"))
    elif deadline:
        marks = [mark(m.date, "deadline", f"planned review and deadline {m.date}")
                 if m.date == deadline else m for m in marks]
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=RIGHT,
        top=TOP,
        bottom=BOTTOM,
        levels=tuple(ChartLevel(level_y(lv), lv, signed(lv)) for lv in sorted(GAS_LEVELS,
                                                                                 reverse=True)),
        marks=tuple(sorted(marks, key=lambda m: m.date)),
        points=tuple(
            ChartPoint(x(r.date), level_y(r.level), r.date, r.level,
                       f"{r.date}: level {signed(r.level)}")
            for r in shown
        ),
    )
