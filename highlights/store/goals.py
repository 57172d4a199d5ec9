"""Goals, attachments, reviews and settings in the library.

Writers here run inside a transaction the caller opens with :func:`transaction`, so that a
command's whole change (the goals file's snapshot together with an attachment, or every row
of an import) lands at once or not at all. Readers need no transaction.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date

from highlights.errors import GoalError
from highlights.goals.model import GAS_LEVELS, Goal, Review


@dataclass(frozen=True, slots=True)
class StoredGoal:
    """A goal as the library holds it: its definition, where it came from, and whether the
    goals file still has it."""

    goal: Goal
    source: str
    in_file: bool


@dataclass(frozen=True, slots=True)
class StoredAttachment:
    """A highlight attached to a goal; ``meeting_id`` is the highlight's meeting."""

    goal_id: str
    highlight_id: str
    meeting_id: str
    note: str
    created: str


@contextlib.contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT``; any exception rolls everything back."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _require_transaction(conn: sqlite3.Connection) -> None:
    if not conn.in_transaction:
        raise RuntimeError("open a transaction first: with transaction(conn): ...")


# ----------------------------------------------------------------------------- settings


def get_setting(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
    return str(row[0]) if row else None


def set_setting(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    """Set (or with ``None`` remove) one setting."""
    _require_transaction(conn)
    if value is None:
        conn.execute("DELETE FROM settings WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO settings (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


# ----------------------------------------------------------------------------- goals


def sync_goals(conn: sqlite3.Connection, goals: Sequence[Goal], source: str) -> bool:
    """Make the library's goals those of the goals file ``source``; True when anything changed.

    Goals of the file are inserted or updated; goals the library holds that the file no
    longer has are kept (with their attachments and reviews) and marked ``in_file = 0``.
    """
    _require_transaction(conn)
    before = conn.execute("SELECT id, title, snapshot, source, line, position, in_file "
                          "FROM goals ORDER BY id").fetchall()
    ids = [g.id for g in goals]
    conn.execute(
        f"UPDATE goals SET in_file = 0 WHERE id NOT IN ({', '.join('?' * len(ids))})", ids
    )
    conn.executemany(
        """
        INSERT INTO goals (id, title, snapshot, source, line, position, in_file)
        VALUES (?, ?, ?, ?, ?, ?, 1)
        ON CONFLICT (id) DO UPDATE SET title = excluded.title, snapshot = excluded.snapshot,
            source = excluded.source, line = excluded.line, position = excluded.position,
            in_file = 1
        """,
        [
            (g.id, g.title, json.dumps(g.to_dict(), ensure_ascii=False, sort_keys=True),
             source, g.line, i, )
            for i, g in enumerate(goals)
        ],
    )
    set_setting(conn, "goals_file", source)
    after = conn.execute("SELECT id, title, snapshot, source, line, position, in_file "
                         "FROM goals ORDER BY id").fetchall()
    return bool(before != after)


def stored_goals(conn: sqlite3.Connection) -> list[StoredGoal]:
    """Every goal the library holds: those in the goals file first, in its order."""
    out = []
    for snapshot, source, in_file in conn.execute(
        "SELECT snapshot, source, in_file FROM goals ORDER BY in_file DESC, position, id"
    ):
        out.append(StoredGoal(Goal.from_dict(json.loads(snapshot)), str(source), bool(in_file)))
    return out


def goal_exists(conn: sqlite3.Connection, goal_id: str) -> bool:
    return conn.execute("SELECT 1 FROM goals WHERE id = ?", (goal_id,)).fetchone() is not None


# ----------------------------------------------------------------------------- highlights


def resolve_highlight(conn: sqlite3.Connection, ref: str) -> tuple[str, str]:
    """(highlight id, meeting id) of a highlight named by its id or as ``MEETING#NUMBER``."""
    row = conn.execute("SELECT id, meeting_id FROM highlights WHERE id = ?", (ref,)).fetchone()
    if row is None and "#" in ref:
        meeting, _, number = ref.rpartition("#")
        if number.isdigit():
            row = conn.execute(
                "SELECT id, meeting_id FROM highlights WHERE meeting_id = ? AND number = ?",
                (meeting, int(number)),
            ).fetchone()
    if row is None:
        raise GoalError(f"unknown highlight {ref!r}: the library holds no highlight with "
                        "that id (or MEETING#NUMBER)")
    return str(row[0]), str(row[1])


# ----------------------------------------------------------------------------- attachments


def attach(
    conn: sqlite3.Connection, goal_id: str, highlight: str, *, note: str | None, created: str
) -> tuple[StoredAttachment, bool]:
    """Attach a highlight (id or ``MEETING#NUMBER``) to a goal; returns it and whether it is
    new. Attaching again keeps the first one, replacing its note when ``note`` is given."""
    _require_transaction(conn)
    if not goal_exists(conn, goal_id):
        raise GoalError(f"unknown goal {goal_id!r}: not in the goals file or the library")
    hid, mid = resolve_highlight(conn, highlight)
    existing = conn.execute(
        "SELECT note FROM attachments WHERE goal_id = ? AND highlight_id = ?", (goal_id, hid)
    ).fetchone()
    if existing is None:
        conn.execute(
            "INSERT INTO attachments (goal_id, meeting_id, highlight_id, note, created) "
            "VALUES (?, ?, ?, ?, ?)",
            (goal_id, mid, hid, note or "", created),
        )
    elif note is not None:
        conn.execute(
            "UPDATE attachments SET note = ? WHERE goal_id = ? AND highlight_id = ?",
            (note, goal_id, hid),
        )
    (found,) = attachments(conn, goal_id=goal_id, highlight_id=hid)
    return found, existing is None


def detach(conn: sqlite3.Connection, goal_id: str, highlight: str) -> StoredAttachment:
    """Remove an attachment; the highlight may be named by id even when it is gone."""
    _require_transaction(conn)
    if not goal_exists(conn, goal_id):
        raise GoalError(f"unknown goal {goal_id!r}: not in the goals file or the library")
    found = attachments(conn, goal_id=goal_id, highlight_id=highlight)
    if not found:
        with contextlib.suppress(GoalError):
            found = attachments(conn, goal_id=goal_id,
                                highlight_id=resolve_highlight(conn, highlight)[0])
    if not found:
        raise GoalError(f"highlight {highlight!r} is not attached to goal {goal_id!r}")
    conn.execute("DELETE FROM attachments WHERE goal_id = ? AND highlight_id = ?",
                 (goal_id, found[0].highlight_id))
    return found[0]


def attachments(
    conn: sqlite3.Connection, *, goal_id: str | None = None, highlight_id: str | None = None
) -> list[StoredAttachment]:
    """Attachments, oldest first, optionally of one goal and/or one highlight."""
    where, params = [], []
    if goal_id is not None:
        where.append("goal_id = ?")
        params.append(goal_id)
    if highlight_id is not None:
        where.append("highlight_id = ?")
        params.append(highlight_id)
    sql = ("SELECT goal_id, highlight_id, meeting_id, note, created FROM attachments"
           + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY created, id")
    return [StoredAttachment(*map(str, r)) for r in conn.execute(sql, params)]


# ----------------------------------------------------------------------------- reviews


def check_review(review: Review) -> None:
    """Raise :class:`GoalError` for a level outside the scale or a date that is not a date."""
    if not isinstance(review.level, int) or review.level not in GAS_LEVELS:
        raise GoalError(f"review level {review.level!r} is outside -2 … +2")
    try:
        date.fromisoformat(review.date)
    except (TypeError, ValueError):
        raise GoalError(f"review date {review.date!r} is not a date (YYYY-MM-DD)") from None


def record_review(conn: sqlite3.Connection, review: Review, *, created: str) -> bool:
    """Record a goal's level on a date; True when new, False when it replaced that date's."""
    _require_transaction(conn)
    check_review(review)
    if not goal_exists(conn, review.goal_id):
        raise GoalError(f"unknown goal {review.goal_id!r}: not in the goals file or the library")
    replaced = conn.execute(
        "SELECT 1 FROM reviews WHERE goal_id = ? AND date = ?", (review.goal_id, review.date)
    ).fetchone()
    conn.execute(
        "INSERT INTO reviews (goal_id, date, level, note, created) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT (goal_id, date) DO UPDATE SET level = excluded.level, "
        "note = excluded.note, created = excluded.created",
        (review.goal_id, review.date, review.level, review.note, created),
    )
    return replaced is None


def reviews(conn: sqlite3.Connection, goal_id: str | None = None) -> list[Review]:
    """Reviews by goal and date."""
    sql = "SELECT goal_id, date, level, note FROM reviews"
    rows = conn.execute(sql + (" WHERE goal_id = ?" if goal_id else "") + " ORDER BY goal_id, date",
                        (goal_id,) if goal_id else ())
    return [Review(str(r[0]), str(r[1]), int(r[2]), str(r[3])) for r in rows]
