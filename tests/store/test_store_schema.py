"""The library file: WAL, foreign keys, versioned schema and migrations."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from highlights.store import SCHEMA_VERSION, LibraryError, connect, migrate, schema_version


def test_store_schema_new_library_is_current_wal_with_foreign_keys(tmp_path: Path) -> None:
    conn = connect(tmp_path / "site" / "highlights.db")
    assert schema_version(conn) == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    for name in ("meetings", "highlights", "statements", "tags", "goals", "attachments",
                 "reviews", "settings"):
        assert name in tables


def test_store_schema_reopening_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "highlights.db"
    connect(path).close()
    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION


def test_store_schema_newer_library_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "highlights.db"
    conn = connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(LibraryError, match="newer"):
        connect(path)


def test_store_schema_migrations_run_in_order_each_in_one_transaction(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    steps = ["CREATE TABLE a (x INTEGER);", "ALTER TABLE a ADD COLUMN y TEXT;"]
    assert migrate(conn, migrations=steps[:1]) == 1
    assert migrate(conn, migrations=steps) == 2
    assert [r[1] for r in conn.execute("PRAGMA table_info(a)")] == ["x", "y"]


def test_store_schema_failed_migration_leaves_previous_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "x.db", isolation_level=None)
    steps = ["CREATE TABLE a (x INTEGER);", "CREATE TABLE b (z INTEGER);\nNOT SQL AT ALL;"]
    with pytest.raises(sqlite3.OperationalError):
        migrate(conn, migrations=steps)
    assert schema_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"a"}


def test_store_schema_not_a_database_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "highlights.db"
    path.write_text("this is not sqlite " * 100)
    with pytest.raises(LibraryError) as info:
        connect(path)
    assert str(path) in str(info.value)


def test_store_schema_v1_library_upgrades_in_place_keeping_goal_rows(tmp_path: Path) -> None:
    from highlights.store.schema import MIGRATIONS

    path = tmp_path / "highlights.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    assert migrate(conn, migrations=MIGRATIONS[:1]) == 1
    conn.execute("INSERT INTO meetings VALUES ('m', 'T', '2026-03-04', 1000, NULL, NULL, 0, "
                 "'[]', 'm', 'fp', 'then')")
    conn.execute("INSERT INTO goals (person, title, description, due, created_at) "
                 "VALUES ('Sam', 'Lead a project', 'one project', '2026-12-31', 'then')")
    conn.execute("INSERT INTO attachments (goal_id, meeting_id, highlight_id, note, attached_at) "
                 "VALUES (1, 'm', 'abc', 'a note', '2026-03-05T10:00:00')")
    conn.close()

    conn = connect(path)
    assert schema_version(conn) == SCHEMA_VERSION == 3
    from highlights.store.goals import attachments, stored_goals

    (goal,) = stored_goals(conn)
    assert (goal.goal.id, goal.goal.title, goal.goal.owner, goal.goal.specific,
            goal.goal.deadline, goal.in_file) == (
        "1", "Lead a project", "Sam", "one project", "2026-12-31", False)
    (link,) = attachments(conn)
    assert (link.goal_id, link.highlight_id, link.meeting_id, link.note, link.created) == (
        "1", "abc", "m", "a note", "2026-03-05T10:00:00")
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'attachments'").fetchone()[0]
    assert 'REFERENCES "goals"(id)' in sql or "REFERENCES goals(id)" in sql
    with pytest.raises(sqlite3.IntegrityError):
        conn.execute("INSERT INTO reviews (goal_id, date, level, created) "
                     "VALUES ('1', '2026-04-01', 3, 'now')")
    with pytest.raises(sqlite3.IntegrityError):  # attachments need a known goal
        conn.execute("INSERT INTO attachments (goal_id, meeting_id, highlight_id, created) "
                     "VALUES ('ghost', 'm', 'abc', 'now')")


def test_store_schema_statements_inside_highlights_are_found_by_index(tmp_path: Path) -> None:
    from highlights.store.read import _IN_HIGHLIGHT

    conn = connect(tmp_path / "highlights.db")
    plan = " ".join(
        str(row[-1])
        for row in conn.execute(
            f"EXPLAIN QUERY PLAN SELECT s.idx FROM statements s WHERE {_IN_HIGHLIGHT}"
        )
    )
    assert "highlight_statements_by_statement" in plan
    assert "SCAN hs" not in plan
