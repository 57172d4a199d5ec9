"""Saving meetings: one transaction, replaced on re-processing, read back unchanged."""

from __future__ import annotations

import sqlite3
from dataclasses import replace

import pytest

from highlights.store import (
    LibraryError,
    load_meeting,
    load_summaries,
    orphan_attachments,
    save_meeting,
    stored_meetings,
    table_counts,
)

from .conftest import make_result


def test_store_meetings_round_trip_is_exact(db: sqlite3.Connection) -> None:
    result = make_result()
    save_meeting(db, result, "fp-1")
    assert load_meeting(db, result.meeting_id) == result
    assert load_meeting(db, "absent") is None


def test_store_meetings_summaries_hold_highlight_statements_only(db: sqlite3.Connection) -> None:
    result = make_result()
    save_meeting(db, result, "fp-1")
    (summary,) = load_summaries(db)
    assert summary.highlights == result.highlights
    assert summary.statements == ()


def test_store_meetings_resave_replaces_without_duplicates(db: sqlite3.Connection) -> None:
    save_meeting(db, make_result(), "fp-1")
    save_meeting(db, make_result(), "fp-1")
    once = table_counts(db)
    changed = make_result(variant=1)
    save_meeting(db, changed, "fp-2")
    assert load_meeting(db, changed.meeting_id) == changed
    counts = table_counts(db)
    assert counts["meetings"] == 1
    assert counts["highlights"] == once["highlights"] - 1
    assert counts["statements"] == once["statements"]
    assert stored_meetings(db)[changed.meeting_id].fingerprint == "fp-2"


def test_store_meetings_keep_other_meetings(db: sqlite3.Connection) -> None:
    save_meeting(db, make_result("2026-03-04-dana"), "a")
    save_meeting(db, make_result("2026-03-11-sam"), "b")
    save_meeting(db, make_result("2026-03-04-dana", variant=2), "c")
    assert sorted(stored_meetings(db)) == ["2026-03-04-dana", "2026-03-11-sam"]
    assert load_meeting(db, "2026-03-11-sam") == make_result("2026-03-11-sam")


def _attach(db: sqlite3.Connection, meeting_id: str, highlight_id: str) -> None:
    db.execute("INSERT OR IGNORE INTO goals (id, title, snapshot) VALUES ('lead', 'Lead', '{}')")
    db.execute(
        "INSERT INTO attachments (goal_id, meeting_id, highlight_id, created) "
        "VALUES ('lead', ?, ?, 'now')",
        (meeting_id, highlight_id),
    )


def test_store_meetings_reprocessing_keeps_goal_attachments(db: sqlite3.Connection) -> None:
    result = make_result()
    save_meeting(db, result, "fp-1")
    kept, dropped = result.highlights[0].id, result.highlights[1].id
    _attach(db, result.meeting_id, kept)
    _attach(db, result.meeting_id, dropped)
    save_meeting(db, make_result(variant=1), "fp-2")  # drops the second highlight
    rows = db.execute(
        "SELECT a.highlight_id, h.number FROM attachments a "
        "LEFT JOIN highlights h ON h.id = a.highlight_id ORDER BY a.id"
    ).fetchall()
    assert rows == [(kept, 1), (dropped, None)]
    assert [o[2] for o in orphan_attachments(db)] == [dropped]
    save_meeting(db, make_result(), "fp-1")  # the highlight comes back: attachment found again
    assert orphan_attachments(db) == []


def test_store_meetings_failed_save_changes_nothing(db: sqlite3.Connection) -> None:
    result = make_result()
    save_meeting(db, result, "fp-1")
    before = table_counts(db)
    first = result.highlights[0]
    clash = replace(result, highlights=(first, replace(first, number=2)))  # same id twice
    with pytest.raises(LibraryError):
        save_meeting(db, clash, "fp-2")
    assert table_counts(db) == before
    assert load_meeting(db, result.meeting_id) == result
    assert stored_meetings(db)[result.meeting_id].fingerprint == "fp-1"


def test_store_meetings_highlight_outside_statements_is_refused(db: sqlite3.Connection) -> None:
    result = make_result()
    stray = replace(result, statements=result.statements[:1])
    with pytest.raises(LibraryError, match="not among the meeting's statements"):
        save_meeting(db, stray, "fp")
    assert table_counts(db)["meetings"] == 0
