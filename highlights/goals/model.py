"""Goal records: SMART goals with Goal Attainment Scale levels, and review points."""

from __future__ import annotations

from dataclasses import dataclass

from highlights.models import Record

GAS_LEVELS = (-2, -1, 0, 1, 2)
GAS_NAMES = {
    -2: "much less than expected",
    -1: "less than expected",
    0: "expected outcome",
    1: "more than expected",
    2: "much more than expected",
}
SMART_FIELDS = ("specific", "measurable", "achievable", "relevant", "time_bound")


@dataclass(frozen=True, slots=True)
class GasLevel(Record):
    level: int
    description: str


@dataclass(frozen=True, slots=True)
class Goal(Record):
    """One goal as written in the user's goals file."""

    id: str
    title: str
    owner: str = ""
    specific: str = ""
    measurable: str = ""
    achievable: str = ""
    relevant: str = ""
    time_bound: str = ""
    deadline: str = ""
    reviews: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    levels: tuple[GasLevel, ...] = ()
    line: int = 0

    def smart(self) -> dict[str, bool]:
        """Which SMART letters the goal fills in (Time-bound also by a deadline)."""
        return {
            "S": bool(self.specific.strip()),
            "M": bool(self.measurable.strip()),
            "A": bool(self.achievable.strip()),
            "R": bool(self.relevant.strip()),
            "T": bool(self.time_bound.strip() or self.deadline),
        }

    def level_text(self, level: int) -> str:
        for gas in self.levels:
            if gas.level == level:
                return gas.description
        return GAS_NAMES.get(level, "")


@dataclass(frozen=True, slots=True)
class Review(Record):
    """A review point: the goal's attainment level on a date, with an optional note."""

    goal_id: str
    date: str
    level: int
    note: str = ""


@dataclass(frozen=True, slots=True)
class Attachment(Record):
    """A highlight attached to a goal as evidence."""

    highlight_id: str
    goal_id: str
    note: str = ""
    created: str = ""
