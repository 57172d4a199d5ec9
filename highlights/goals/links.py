"""Goal links as JSON: every attachment and review, to keep, move or share.

```json
{
  "format": "highlights-goal-links",
  "version": 1,
  "attachments": [
    {"goal": "billing-migration", "highlight": "ed90b39bda39", "meeting": "2026-03-04-dana",
     "note": "Dana ties it to the promotion", "created": "2026-03-04T11:02:00+00:00"}
  ],
  "reviews": [
    {"goal": "billing-migration", "date": "2026-03-31", "level": 0, "note": "Live on staging"}
  ]
}
```

``meeting``, ``note`` and ``created`` are optional (``created`` defaults to the time of the
import). Importing is all or nothing: every item is checked against the library first — a
known goal, a known highlight (of that meeting, when one is named), a level from -2 to +2, a
date — and the first problem is reported with the file and the item (``attachments[2]``);
only a file without problems is written, in one transaction. An attachment or a review that
is already there is updated, so importing the same file twice changes nothing.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from highlights.errors import GoalError, InputNotFoundError
from highlights.goals.model import Review
from highlights.store.goals import (
    attachments,
    check_review,
    goal_exists,
    record_review,
    resolve_highlight,
    reviews,
    transaction,
)

FORMAT = "highlights-goal-links"
VERSION = 1
_ATTACHMENT_KEYS = {"goal", "highlight", "meeting", "note", "created"}
_REVIEW_KEYS = {"goal", "date", "level", "note", "created"}


@dataclass(frozen=True, slots=True)
class ImportCounts:
    attachments: int
    reviews: int


def export_links(conn: sqlite3.Connection, goal_id: str | None = None) -> dict[str, Any]:
    """Every attachment and review (of one goal, with ``goal_id``) as a JSON-ready dict."""
    created = dict(
        ((str(r[0]), str(r[1])), str(r[2]))
        for r in conn.execute("SELECT goal_id, date, created FROM reviews")
    )
    return {
        "format": FORMAT,
        "version": VERSION,
        "attachments": [
            {"goal": a.goal_id, "highlight": a.highlight_id, "meeting": a.meeting_id,
             "note": a.note, "created": a.created}
            for a in sorted(attachments(conn, goal_id=goal_id),
                            key=lambda a: (a.goal_id, a.created, a.highlight_id))
        ],
        "reviews": [
            {"goal": r.goal_id, "date": r.date, "level": r.level, "note": r.note,
             "created": created.get((r.goal_id, r.date), "")}
            for r in reviews(conn, goal_id)
        ],
    }


def links_json(conn: sqlite3.Connection, goal_id: str | None = None) -> str:
    return json.dumps(export_links(conn, goal_id), ensure_ascii=False, indent=2) + "\n"


def _text(item: dict[str, Any], key: str, where: str, path: Path, *,
          required: bool = True) -> str | None:
    value = item.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        raise GoalError(f"{where}: {key!r} must be {'non-empty ' if required else ''}text",
                        path=path)
    return value


def _created(item: dict[str, Any], where: str, path: Path, default: str) -> str:
    value = _text(item, "created", where, path, required=False)
    if not value:
        return default
    try:
        datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise GoalError(f"{where}: created {value!r} is not an ISO 8601 time",
                        path=path) from None
    return value


def _items(data: dict[str, Any], key: str, path: Path) -> list[dict[str, Any]]:
    items = data.get(key, [])
    if not isinstance(items, list):
        raise GoalError(f"{key!r} must be a list", path=path)
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            raise GoalError(f"{key}[{i}] must be an object", path=path)
        known = _ATTACHMENT_KEYS if key == "attachments" else _REVIEW_KEYS
        unknown = sorted(set(item) - known)
        if unknown:
            raise GoalError(f"{key}[{i}]: unknown field {unknown[0]!r} (known: "
                            f"{', '.join(sorted(known))})", path=path)
    return items


def read_links(path: str | Path) -> dict[str, Any]:
    """Read a goal-links file and check its shape (not yet against a library)."""
    path = Path(path)
    if not path.is_file():
        raise InputNotFoundError("goal-links file not found", path=path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise GoalError(f"not UTF-8 text: {exc.reason}", path=path) from exc
    except json.JSONDecodeError as exc:
        raise GoalError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise GoalError(f"not a goal-links file: expected an object with \"format\": "
                        f"\"{FORMAT}\"", path=path)
    if data.get("version") != VERSION:
        raise GoalError(f"goal-links version {data.get('version')!r} is not supported "
                        f"(expected {VERSION})", path=path)
    unknown = sorted(set(data) - {"format", "version", "attachments", "reviews"})
    if unknown:
        raise GoalError(f"unknown field {unknown[0]!r}", path=path)
    return data


def import_links(conn: sqlite3.Connection, path: str | Path, *, now: str) -> ImportCounts:
    """Check every item of a goal-links file against the library, then write them all in one
    transaction. Raises :class:`GoalError` naming the file and the item; nothing is written
    then."""
    data = read_links(path)
    with transaction(conn):
        return apply_links(conn, data, Path(path), now=now)


def apply_links(
    conn: sqlite3.Connection, data: dict[str, Any], path: Path, *, now: str
) -> ImportCounts:
    """Inside the caller's transaction: check and write the items of ``data`` (as read by
    :func:`read_links` from ``path``); the first problem raises :class:`GoalError`."""
    found = _items(data, "attachments", path)
    given = _items(data, "reviews", path)
    seen: dict[tuple[str, str], str] = {}
    for i, item in enumerate(found):
        where = f"attachments[{i}]"
        goal = str(_text(item, "goal", where, path))
        ref = str(_text(item, "highlight", where, path))
        meeting = _text(item, "meeting", where, path, required=False)
        note = _text(item, "note", where, path, required=False) or ""
        created = _created(item, where, path, now)
        if not goal_exists(conn, goal):
            raise GoalError(f"{where}: unknown goal {goal!r}", path=path)
        try:
            hid, mid = resolve_highlight(conn, ref)
        except GoalError as exc:
            raise GoalError(f"{where}: {exc.message}", path=path) from None
        if meeting and meeting != mid:
            raise GoalError(f"{where}: highlight {ref!r} belongs to meeting {mid!r}, "
                            f"not {meeting!r}", path=path)
        if (goal, hid) in seen:
            raise GoalError(f"{where}: same goal and highlight as {seen[(goal, hid)]}",
                            path=path)
        seen[(goal, hid)] = where
        conn.execute(
            "INSERT INTO attachments (goal_id, meeting_id, highlight_id, note, created) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (goal_id, highlight_id) DO UPDATE SET "
            "note = excluded.note, created = excluded.created",
            (goal, mid, hid, note, created),
        )
    dates: dict[tuple[str, str], str] = {}
    for i, item in enumerate(given):
        where = f"reviews[{i}]"
        level = item.get("level")
        if not isinstance(level, int) or isinstance(level, bool):
            raise GoalError(f"{where}: 'level' must be a whole number from -2 to +2",
                            path=path)
        review = Review(
            goal_id=str(_text(item, "goal", where, path)),
            date=str(_text(item, "date", where, path)),
            level=level,
            note=_text(item, "note", where, path, required=False) or "",
        )
        key = (review.goal_id, review.date)
        try:
            check_review(review)
            if key in dates:
                raise GoalError(f"same goal and date as {dates[key]}")
            dates[key] = where
            record_review(conn, review, created=_created(item, where, path, now))
        except GoalError as exc:
            raise GoalError(f"{where}: {exc.message}", path=path) from None
    return ImportCounts(len(found), len(given))
