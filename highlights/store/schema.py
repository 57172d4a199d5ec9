"""The library's schema and its migrations.

The schema version is SQLite's ``user_version``. ``MIGRATIONS[n]`` takes a library from
version ``n`` to ``n + 1``; each runs in its own transaction together with the version bump,
so a library is always at one whole version.

Tables:

- ``meetings``: one row per meeting, with the fingerprint of the inputs it was made from.
- ``participants``: who took part, in order, with roles.
- ``statements``: every tagged sentence of a meeting's transcript.
- ``tags``: one row per (statement, label), for counting and filtering.
- ``rule_hits``: which rule gave a statement a label, on which words.
- ``highlights``: one row per highlight; ``id`` is stable across re-runs of the same input.
- ``highlight_statements``: the statements inside each highlight.
- ``goals``: the user's goals, by the text id of the goals file, each with a JSON snapshot of
  its definition (``Goal.to_dict()``), the file it was read from and its position there.
  ``in_file = 0`` marks a goal that is no longer in the goals file; it is kept, with its
  attachments and reviews, never deleted.
- ``attachments``: a highlight attached to a goal as evidence, with a note and when it was
  made. ``highlight_id`` is a plain value, not a foreign key, so replacing a meeting's
  highlights on re-processing keeps every attachment; a highlight that comes back (same
  meeting, same marker) finds its attachments again.
- ``reviews``: a goal's attainment level (-2 … +2) on a review date, one per goal and date.
- ``settings``: what later commands need without repeating options: ``goals_file`` (the
  goals file last used) and ``templates`` (the template folder of the last run or batch).
- ``file_digests``: content hashes of input files by path, size and modification time, so a
  re-run does not read unchanged recordings again to fingerprint them.

Version 2 replaces the placeholder ``goals`` and ``attachments`` tables of version 1 in
place, converting their rows: a v1 goal (integer id) becomes the goal whose id is that
number as text, outside the goals file (``in_file = 0``), with its person as owner, its
description as the specific part and its due date as deadline; its attachments follow it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence

from highlights.store.errors import LibraryError

V1 = """
CREATE TABLE meetings (
    id                  TEXT PRIMARY KEY,
    title               TEXT NOT NULL,
    date                TEXT NOT NULL,
    duration_ms         INTEGER NOT NULL,
    audio_file          TEXT,
    transcript_source   TEXT,
    machine_transcribed INTEGER NOT NULL,
    warnings            TEXT NOT NULL,          -- JSON list of strings
    folder              TEXT NOT NULL,          -- the meeting's folder, relative to the site
    fingerprint         TEXT NOT NULL,
    processed_at        TEXT NOT NULL           -- ISO 8601, UTC
);

CREATE TABLE participants (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL,
    PRIMARY KEY (meeting_id, position)
);

CREATE TABLE statements (
    meeting_id      TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    idx             INTEGER NOT NULL,
    utterance_index INTEGER NOT NULL,
    speaker         TEXT,
    start_ms        INTEGER NOT NULL,
    end_ms          INTEGER NOT NULL,
    text            TEXT NOT NULL,
    labels          TEXT NOT NULL,              -- space-separated, in tag order
    smart           TEXT,                       -- SMART letters; NULL: not goal-like
    PRIMARY KEY (meeting_id, idx)
);

CREATE TABLE tags (
    meeting_id    TEXT NOT NULL,
    statement_idx INTEGER NOT NULL,
    label         TEXT NOT NULL,
    PRIMARY KEY (meeting_id, statement_idx, label),
    FOREIGN KEY (meeting_id, statement_idx)
        REFERENCES statements(meeting_id, idx) ON DELETE CASCADE
);
CREATE INDEX tags_by_label ON tags(label);

CREATE TABLE rule_hits (
    meeting_id    TEXT NOT NULL,
    statement_idx INTEGER NOT NULL,
    position      INTEGER NOT NULL,
    rule_id       TEXT NOT NULL,
    label         TEXT NOT NULL,
    text          TEXT NOT NULL,
    start_char    INTEGER NOT NULL,
    end_char      INTEGER NOT NULL,
    description   TEXT NOT NULL,
    PRIMARY KEY (meeting_id, statement_idx, position),
    FOREIGN KEY (meeting_id, statement_idx)
        REFERENCES statements(meeting_id, idx) ON DELETE CASCADE
);
CREATE INDEX rule_hits_by_rule ON rule_hits(rule_id);

CREATE TABLE highlights (
    id            TEXT PRIMARY KEY,
    meeting_id    TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    number        INTEGER NOT NULL,
    start_ms      INTEGER NOT NULL,
    end_ms        INTEGER NOT NULL,
    kind          TEXT NOT NULL,
    labels        TEXT NOT NULL,                -- space-separated, in tag order
    marker_labels TEXT NOT NULL,                -- JSON list of strings
    key_statement INTEGER,
    clip_file     TEXT,
    suggested     INTEGER NOT NULL,
    UNIQUE (meeting_id, number)
);

CREATE TABLE highlight_statements (
    highlight_id  TEXT NOT NULL REFERENCES highlights(id) ON DELETE CASCADE,
    meeting_id    TEXT NOT NULL,
    statement_idx INTEGER NOT NULL,
    PRIMARY KEY (highlight_id, statement_idx),
    FOREIGN KEY (meeting_id, statement_idx)
        REFERENCES statements(meeting_id, idx) ON DELETE CASCADE
);

CREATE TABLE goals (
    id          INTEGER PRIMARY KEY,
    person      TEXT NOT NULL,
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open',
    due         TEXT,
    created_at  TEXT NOT NULL
);

CREATE TABLE attachments (
    id           INTEGER PRIMARY KEY,
    goal_id      INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    meeting_id   TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    highlight_id TEXT NOT NULL,                 -- by value: survives re-processing
    note         TEXT NOT NULL DEFAULT '',
    attached_at  TEXT NOT NULL,
    UNIQUE (goal_id, highlight_id)
);
CREATE INDEX attachments_by_highlight ON attachments(highlight_id);

CREATE TABLE file_digests (
    path     TEXT PRIMARY KEY,
    size     INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    sha256   TEXT NOT NULL
);
"""

V2 = """
CREATE TABLE goals_v2 (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    snapshot   TEXT NOT NULL,                  -- JSON: the goal as last read
    source     TEXT NOT NULL DEFAULT '',       -- the goals file it was read from
    line       INTEGER NOT NULL DEFAULT 0,     -- its [[goal]] line in that file
    position   INTEGER NOT NULL DEFAULT 0,     -- its order in that file
    in_file    INTEGER NOT NULL DEFAULT 1      -- 0: no longer in the goals file
);

INSERT INTO goals_v2 (id, title, snapshot, source, line, position, in_file)
SELECT CAST(id AS TEXT), title,
       json_object('id', CAST(id AS TEXT), 'title', title, 'owner', person,
                   'specific', description, 'deadline', COALESCE(due, '')),
       '', 0, id, 0
FROM goals;

CREATE TABLE attachments_v2 (
    id           INTEGER PRIMARY KEY,
    goal_id      TEXT NOT NULL REFERENCES goals_v2(id) ON DELETE CASCADE,
    meeting_id   TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    highlight_id TEXT NOT NULL,                 -- by value: survives re-processing
    note         TEXT NOT NULL DEFAULT '',
    created      TEXT NOT NULL,                 -- ISO 8601
    UNIQUE (goal_id, highlight_id)
);

INSERT INTO attachments_v2 (id, goal_id, meeting_id, highlight_id, note, created)
SELECT id, CAST(goal_id AS TEXT), meeting_id, highlight_id, note, attached_at
FROM attachments;

DROP TABLE attachments;
DROP TABLE goals;
ALTER TABLE goals_v2 RENAME TO goals;
ALTER TABLE attachments_v2 RENAME TO attachments;
CREATE INDEX attachments_by_highlight ON attachments(highlight_id);
CREATE INDEX attachments_by_meeting ON attachments(meeting_id);

CREATE TABLE reviews (
    id      INTEGER PRIMARY KEY,
    goal_id TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    date    TEXT NOT NULL,                      -- YYYY-MM-DD
    level   INTEGER NOT NULL CHECK (level BETWEEN -2 AND 2),
    note    TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,                      -- ISO 8601
    UNIQUE (goal_id, date)
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""

# Version 3: index the statement side of highlight_statements. Without it, listing the
# statements inside highlights (the site index) scanned the whole table once per statement,
# and deleting a re-processed meeting's statements did the same for its cascade.
V3 = """
CREATE INDEX highlight_statements_by_statement
    ON highlight_statements(meeting_id, statement_idx);
"""

MIGRATIONS: tuple[str, ...] = (V1, V2, V3)
SCHEMA_VERSION = len(MIGRATIONS)


def schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("PRAGMA user_version").fetchone()
    return int(row[0])


def migrate(
    conn: sqlite3.Connection, *, migrations: Sequence[str] = MIGRATIONS, path: str = ""
) -> int:
    """Bring the library up to the newest schema; returns the version it is at.

    A library written by a newer ``highlights`` (a higher version than known) is refused
    rather than guessed at.
    """
    current = schema_version(conn)
    if current > len(migrations):
        raise LibraryError(
            f"library schema version {current} is newer than this highlights understands "
            f"({len(migrations)}); upgrade highlights",
            path=path or None,
        )
    for version in range(current, len(migrations)):
        conn.execute("BEGIN IMMEDIATE")
        try:
            # Re-read under the write lock: another process may have migrated meanwhile.
            if schema_version(conn) > version:
                conn.execute("ROLLBACK")
                continue
            for statement in _statements(migrations[version]):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return schema_version(conn)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (``executescript`` would commit on its own)."""
    out: list[str] = []
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                out.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        out.append(buffer.strip())
    return out
