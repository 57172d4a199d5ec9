"""Goal links as JSON: a round trip, and imports that are all or nothing."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from highlights.errors import GoalError
from highlights.goals.goalfile import load_goals
from highlights.goals.links import export_links, import_links, links_json
from highlights.goals.model import Review
from highlights.store import connect, save_meeting
from highlights.store.goals import attach, record_review, sync_goals, transaction

from .conftest import MEETINGS, NOW, dump


def _linked(lib: sqlite3.Connection) -> None:
    with transaction(lib):
        attach(lib, "billing-migration", "0304h1", note="promotion <b>", created=NOW)
        attach(lib, "billing-migration", "0311h1", note="", created="2026-03-11T10:00:00+00:00")
        attach(lib, "mentoring", "0311h2", note="Priya", created=NOW)
        record_review(lib, Review("billing-migration", "2026-03-04", -1, "blocked"), created=NOW)
        record_review(lib, Review("billing-migration", "2026-03-31", 1), created=NOW)


def test_links_round_trip_into_a_fresh_library(
    lib: sqlite3.Connection, tmp_path: Path, goals_file: Path
) -> None:
    _linked(lib)
    path = tmp_path / "links.json"
    path.write_text(links_json(lib), encoding="utf-8")
    other = connect(tmp_path / "other.db")
    for m in MEETINGS:
        save_meeting(other, m, "fp")
    with transaction(other):
        sync_goals(other, load_goals(goals_file), str(goals_file))
    counts = import_links(other, path, now="ignored")
    assert (counts.attachments, counts.reviews) == (3, 2)
    assert export_links(other) == export_links(lib)
    before = dump(other)
    import_links(other, path, now="ignored")  # the same file again changes nothing
    assert dump(other) == before


def _write(tmp_path: Path, data: Any) -> Path:
    path = tmp_path / "links.json"
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


GOOD_A = {"goal": "billing-migration", "highlight": "0304h1"}
GOOD_R = {"goal": "billing-migration", "date": "2026-03-31", "level": 0}


def _file(attachments: list[Any] | None = None, reviews: list[Any] | None = None) -> Any:
    return {"format": "highlights-goal-links", "version": 1,
            "attachments": [GOOD_A, *(attachments or [])], "reviews": [GOOD_R, *(reviews or [])]}


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (_file([{"goal": "ghost", "highlight": "0304h1"}]), "attachments[1]: unknown goal 'ghost'"),
        (_file([{"goal": "mentoring", "highlight": "zzz"}]),
         "attachments[1]: unknown highlight 'zzz'"),
        (_file([{"goal": "mentoring", "highlight": "0304h1", "meeting": "2026-03-11-dana"}]),
         "attachments[1]: highlight '0304h1' belongs to meeting '2026-03-04-dana'"),
        (_file([GOOD_A]), "attachments[1]: same goal and highlight as attachments[0]"),
        (_file([{"goal": "mentoring", "highlight": "0304h1", "colour": "red"}]),
         "attachments[1]: unknown field 'colour'"),
        (_file([{"goal": "mentoring", "highlight": "0304h1", "created": "yesterday"}]),
         "attachments[1]: created 'yesterday' is not an ISO 8601 time"),
        (_file(reviews=[{"goal": "mentoring", "date": "2026-04-01", "level": 3}]),
         "reviews[1]: review level 3 is outside -2"),
        (_file(reviews=[{"goal": "mentoring", "date": "2026-04-01", "level": "high"}]),
         "reviews[1]: 'level' must be a whole number"),
        (_file(reviews=[{"goal": "mentoring", "date": "April", "level": 0}]),
         "reviews[1]: review date 'April' is not a date"),
        (_file(reviews=[{"goal": "ghost", "date": "2026-04-01", "level": 0}]),
         "reviews[1]: unknown goal 'ghost'"),
        (_file(reviews=[GOOD_R]), "reviews[1]: same goal and date as reviews[0]"),
        ({"format": "something else"}, "not a goal-links file"),
        ('{"format": "highlights-goal-links",\n "version": 1,\n "attachments": [,]}',
         "links.json:3: invalid JSON"),
    ],
)
def test_links_bad_import_names_file_and_item_and_changes_nothing(
    lib: sqlite3.Connection, tmp_path: Path, data: Any, needle: str
) -> None:
    path = _write(tmp_path, data)
    before = dump(lib)
    with pytest.raises(GoalError) as err:
        import_links(lib, path, now=NOW)
    assert str(path) in str(err.value) and needle in str(err.value)
    assert dump(lib) == before
