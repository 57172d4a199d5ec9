"""The goals file: TOML the user writes and keeps in version control, and its linter.

```toml
[[goal]]
id = "billing-migration"
title = "Lead the billing migration"
owner = "Sam"
specific = "Own the billing migration from plan to cut-over"
measurable = "Invoice error rate from 15% to 10%"
achievable = "Two days a week, Priya reviews"
relevant = "Counts for the senior engineer promotion"
time_bound = "Live by the end of April 2026"
deadline = 2026-04-30
reviews = [2026-03-31, 2026-04-30]
keywords = ["billing", "migration", "invoice", "error rate"]

[goal.levels]
-2 = "Migration not started"
-1 = "Migration started, error rate unchanged"
0 = "Migration live, error rate 10%"
1 = "Migration live, error rate 8%"
2 = "Migration live, error rate 5%"
```

Structural problems (TOML syntax, unknown field, duplicate id, missing title, a level outside
−2…+2) are errors: loading raises :class:`GoalFileError` with file and line. Weak or missing
SMART parts are findings of :func:`check_goals`, like a linter's warnings.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from highlights.errors import HighlightsError, InputNotFoundError
from highlights.goals.model import GAS_LEVELS, GasLevel, Goal

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FIELDS = {"id", "title", "owner", "specific", "measurable", "achievable", "relevant",
          "time_bound", "deadline", "reviews", "keywords", "levels"}
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")
_NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty|hundred|"
                     r"half|double|twice|percent)\b", re.IGNORECASE)
_DATE_WORDS = re.compile(
    r"\d{4}-\d{2}-\d{2}|\b(by|before|until|end of|within|q[1-4]|january|february|march|april|"
    r"may|june|july|august|september|october|november|december|week|month|quarter|year|"
    r"monday|tuesday|wednesday|thursday|friday)\b",
    re.IGNORECASE,
)


class GoalFileError(HighlightsError):
    """A goals file that cannot be used."""

    code = "H011"


@dataclass(frozen=True, slots=True)
class Finding:
    """One linter finding about a goal."""

    path: str
    line: int
    goal_id: str
    letter: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.goal_id}: [{self.letter}] {self.message}"


def _goal_lines(text: str) -> list[tuple[int, int]]:
    """(header line, last line) of each ``[[goal]]`` table, 1-based."""
    lines = text.splitlines()
    heads = [i + 1 for i, ln in enumerate(lines) if ln.strip().startswith("[[goal]]")]
    return [(h, (heads[k + 1] - 1) if k + 1 < len(heads) else len(lines))
            for k, h in enumerate(heads)]


def _field_line(text: str, span: tuple[int, int], name: str) -> int:
    lines = text.splitlines()
    pattern = re.compile(rf"^\s*(\"?){re.escape(name)}\1\s*=")
    for number in range(span[0], span[1] + 1):
        if pattern.match(lines[number - 1]):
            return number
    return span[0]


def _text(value: Any, path: Path, line: int, name: str) -> str:
    if not isinstance(value, str):
        raise GoalFileError(f"{name} must be text", path=path, line=line)
    return value.strip()


def _date_text(value: Any, path: Path, line: int, name: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            pass
    raise GoalFileError(f"{name} must be a date (YYYY-MM-DD), not {value!r}", path=path,
                        line=line)


def _levels(value: Any, path: Path, text: str, span: tuple[int, int]) -> tuple[GasLevel, ...]:
    lines = text.splitlines()
    header = next((n for n in range(span[0], span[1] + 1)
                   if lines[n - 1].strip().replace(" ", "") == "[goal.levels]"), None)
    line = header or _field_line(text, span, "levels")

    def key_line(key: str) -> int:
        if header is None:
            return line
        pattern = re.compile(rf"^\s*\"?\+?{re.escape(key.lstrip('+'))}\"?\s*=")
        return next((n for n in range(header, span[1] + 1) if pattern.match(lines[n - 1])),
                    header)

    if not isinstance(value, dict):
        raise GoalFileError("levels must be a table of -2 … +2 = description", path=path,
                            line=line)
    out = []
    for key, description in value.items():
        try:
            level = int(str(key))
        except ValueError:
            raise GoalFileError(f"level {key!r} is not a number from -2 to +2", path=path,
                                line=key_line(str(key))) from None
        if level not in GAS_LEVELS:
            raise GoalFileError(f"level {key} is outside -2 … +2", path=path,
                                line=key_line(str(key)))
        out.append(GasLevel(level, _text(description, path, key_line(str(key)),
                                         f"level {key}")))
    return tuple(sorted(out, key=lambda g: g.level))


def _goal(raw: Any, path: Path, text: str, span: tuple[int, int]) -> Goal:
    if not isinstance(raw, dict):
        raise GoalFileError("each [[goal]] must be a table", path=path, line=span[0])
    for key in raw:
        if key not in FIELDS:
            raise GoalFileError(
                f"unknown field {key!r} (known: {', '.join(sorted(FIELDS))})",
                path=path, line=_field_line(text, span, key))

    def line(name: str) -> int:
        return _field_line(text, span, name)

    if "id" not in raw:
        raise GoalFileError("goal has no id", path=path, line=span[0])
    goal_id = _text(raw["id"], path, line("id"), "id")
    if not _ID.match(goal_id):
        raise GoalFileError(f"id {goal_id!r} must be letters, digits, '.', '_' or '-'",
                            path=path, line=line("id"))
    title = _text(raw.get("title", ""), path, line("title"), "title")
    if not title:
        raise GoalFileError(f"goal {goal_id!r} has no title", path=path, line=span[0])
    lists: dict[str, tuple[str, ...]] = {}
    for name in ("reviews", "keywords"):
        value = raw.get(name, [])
        if not isinstance(value, list):
            raise GoalFileError(f"{name} must be a list", path=path, line=line(name))
        if name == "reviews":
            lists[name] = tuple(sorted(_date_text(v, path, line(name), "review") for v in value))
        else:
            lists[name] = tuple(_text(v, path, line(name), "keyword") for v in value)
    return Goal(
        id=goal_id,
        title=title,
        owner=_text(raw.get("owner", ""), path, line("owner"), "owner"),
        specific=_text(raw.get("specific", ""), path, line("specific"), "specific"),
        measurable=_text(raw.get("measurable", ""), path, line("measurable"), "measurable"),
        achievable=_text(raw.get("achievable", ""), path, line("achievable"), "achievable"),
        relevant=_text(raw.get("relevant", ""), path, line("relevant"), "relevant"),
        time_bound=_text(raw.get("time_bound", ""), path, line("time_bound"), "time_bound"),
        deadline=(_date_text(raw["deadline"], path, line("deadline"), "deadline")
                  if "deadline" in raw else ""),
        reviews=lists["reviews"],
        keywords=lists["keywords"],
        levels=_levels(raw["levels"], path, text, span) if "levels" in raw else (),
        line=span[0],
    )


def load_goals(path: str | Path) -> tuple[Goal, ...]:
    """Read and validate a goals file."""
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError("goals file not found", path=path)
    text = path.read_text(encoding="utf-8-sig")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        if line is None:
            match = re.search(r"line (\d+)", str(exc))
            line = int(match.group(1)) if match else None
        raise GoalFileError(f"invalid TOML: {exc}", path=path, line=line) from exc
    for key in data:
        if key != "goal":
            raise GoalFileError(f"unknown table {key!r}: goals are [[goal]] tables", path=path,
                                line=_field_line(text, (1, len(text.splitlines())), key))
    raw_goals = data.get("goal", [])
    if not isinstance(raw_goals, list):
        raise GoalFileError("goals must be written as [[goal]] tables", path=path, line=1)
    spans = _goal_lines(text)
    if len(spans) != len(raw_goals):
        spans = [(1, len(text.splitlines()))] * len(raw_goals)
    goals: list[Goal] = []
    seen: dict[str, int] = {}
    for raw, span in zip(raw_goals, spans, strict=True):
        goal = _goal(raw, path, text, span)
        if goal.id in seen:
            raise GoalFileError(f"duplicate goal id {goal.id!r} (first at line {seen[goal.id]})",
                                path=path, line=_field_line(text, span, "id"))
        seen[goal.id] = _field_line(text, span, "id")
        goals.append(goal)
    return tuple(goals)


def check_goals(path: str | Path, *, today: date | None = None) -> list[Finding]:
    """Lint a goals file: SMART letters missing or weak, deadlines already past.

    Raises :class:`GoalFileError` for a file that cannot be loaded at all.
    """
    path = Path(path)
    goals = load_goals(path)
    text = path.read_text(encoding="utf-8-sig")
    spans = dict(zip((g.id for g in goals), _goal_lines(text), strict=False))
    today = today or date.today()
    findings: list[Finding] = []
    for g in goals:
        span = spans.get(g.id, (g.line, g.line))

        def add(letter: str, field: str, message: str, goal: Goal = g,
                where: tuple[int, int] = span) -> None:
            findings.append(Finding(str(path), _field_line(text, where, field), goal.id, letter,
                                    message))

        smart = g.smart()
        names = {"S": "specific", "M": "measurable", "A": "achievable", "R": "relevant",
                 "T": "time_bound"}
        for letter, present in smart.items():
            if not present:
                add(letter, "id", f"missing: no {names[letter]}")
        if g.measurable and not _NUMBER.search(g.measurable):
            add("M", "measurable", "weak: measurable has no number to measure against")
        if g.time_bound and not g.deadline and not _DATE_WORDS.search(g.time_bound):
            add("T", "time_bound", "weak: time_bound names no date or time frame")
        if g.deadline and date.fromisoformat(g.deadline) < today:
            add("T", "deadline", f"deadline {g.deadline} has already passed")
        if g.specific and len(g.specific.split()) < 3:
            add("S", "specific", "weak: specific is too short to say what will be done")
        if g.levels and {lv.level for lv in g.levels} != set(GAS_LEVELS):
            missing = sorted(set(GAS_LEVELS) - {lv.level for lv in g.levels})
            add("M", "levels", f"attainment scale lacks levels {missing}")
    return findings
