"""Goals, attachments and reviews in the library: typed errors that change nothing."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from highlights.errors import GoalError
from highlights.goals.goalfile import load_goals
from highlights.goals.model import Review
from highlights.store import save_meeting
from highlights.store.goals import (
    attach,
    attachments,
    detach,
    record_review,
    reviews,
    stored_goals,
    sync_goals,
    transaction,
)

from .conftest import MEETINGS, NOW, dump


def test_goal_store_attach_by_id_or_meeting_number(lib: sqlite3.Connection) -> None:
    with transaction(lib):
        first, new = attach(lib, "billing-migration", "0304h1", note="why", created=NOW)
        again, new_again = attach(lib, "billing-migration", "2026-03-04-dana#1", note=None,
                                  created="later")
    assert new and not new_again
    assert first == again
    assert (first.meeting_id, first.note, first.created) == ("2026-03-04-dana", "why", NOW)


@pytest.mark.parametrize(
    ("goal", "highlight", "needle"),
    [
        ("no-such-goal", "0304h1", "unknown goal 'no-such-goal'"),
        ("billing-migration", "nope", "unknown highlight 'nope'"),
        ("billing-migration", "0311h2x", "unknown highlight '0311h2x'"),
        ("billing-migration", "2026-03-04-dana#9", "unknown highlight '2026-03-04-dana#9'"),
    ],
)
def test_goal_store_attach_unknown_is_an_error_naming_the_id(
    lib: sqlite3.Connection, goal: str, highlight: str, needle: str
) -> None:
    before = dump(lib)
    with pytest.raises(GoalError, match=needle), transaction(lib):
        attach(lib, goal, highlight, note=None, created=NOW)
    assert dump(lib) == before


def test_goal_store_detach(lib: sqlite3.Connection) -> None:
    with transaction(lib):
        attach(lib, "mentoring", "0311h2", note=None, created=NOW)
    before = dump(lib)
    with pytest.raises(GoalError, match="not attached"), transaction(lib):
        detach(lib, "billing-migration", "0311h2")
    assert dump(lib) == before
    with transaction(lib):
        gone = detach(lib, "mentoring", "2026-03-11-dana#2")
    assert gone.highlight_id == "0311h2" and attachments(lib) == []


def test_goal_store_reviews_replace_the_same_date_and_check_the_level(
    lib: sqlite3.Connection,
) -> None:
    with transaction(lib):
        assert record_review(lib, Review("billing-migration", "2026-03-31", -1), created=NOW)
        assert not record_review(lib, Review("billing-migration", "2026-03-31", 0, "fixed"),
                                 created=NOW)
    assert reviews(lib) == [Review("billing-migration", "2026-03-31", 0, "fixed")]
    before = dump(lib)
    for bad, needle in [(Review("billing-migration", "2026-04-30", 3), "outside -2"),
                        (Review("billing-migration", "31/04/2026", 0), "not a date"),
                        (Review("ghost", "2026-04-30", 0), "unknown goal 'ghost'")]:
        with pytest.raises(GoalError, match=needle), transaction(lib):
            record_review(lib, bad, created=NOW)
    with pytest.raises(sqlite3.IntegrityError), transaction(lib):  # the schema checks too
        lib.execute("INSERT INTO reviews (goal_id, date, level, created) "
                    "VALUES ('mentoring', '2026-01-01', -3, 'x')")
    assert dump(lib) == before


def test_goal_store_goal_removed_from_file_keeps_its_evidence(
    lib: sqlite3.Connection, goals_file: Path
) -> None:
    with transaction(lib):
        attach(lib, "mentoring", "0311h2", note=None, created=NOW)
    text = goals_file.read_text()
    goals_file.write_text(text[: text.index("[[goal]]\nid = \"mentoring\"")])
    with transaction(lib):
        assert sync_goals(lib, load_goals(goals_file), str(goals_file))
        assert not sync_goals(lib, load_goals(goals_file), str(goals_file))
    by_id = {s.goal.id: s for s in stored_goals(lib)}
    assert not by_id["mentoring"].in_file and by_id["billing-migration"].in_file
    assert [a.goal_id for a in attachments(lib)] == ["mentoring"]
    assert [s.goal.id for s in stored_goals(lib)][-1] == "mentoring"  # file goals first


def test_goal_store_attachments_survive_reprocessing(lib: sqlite3.Connection) -> None:
    with transaction(lib):
        attach(lib, "billing-migration", "0304h2", note=None, created=NOW)
    first = MEETINGS[0]
    changed = replace(first, highlights=tuple(replace(h, labels=()) for h in first.highlights))
    save_meeting(lib, changed, "fp-2")
    rows = lib.execute("SELECT a.highlight_id, h.labels FROM attachments a "
                       "JOIN highlights h ON h.id = a.highlight_id").fetchall()
    assert rows == [("0304h2", "")]
