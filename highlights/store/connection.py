"""Opening the library: WAL journal, foreign keys on, schema migrated to the newest version."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from highlights.store.errors import LibraryError
from highlights.store.schema import migrate

DB_NAME = "highlights.db"
BUSY_TIMEOUT_MS = 30_000


def connect(path: str | Path, *, migrate_schema: bool = True) -> sqlite3.Connection:
    """Open (creating it if needed) the library at ``path``.

    The connection is in autocommit mode (``isolation_level=None``): writers open their own
    transactions with ``BEGIN IMMEDIATE`` so that a transaction is exactly what they say.
    """
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    except (OSError, sqlite3.Error) as exc:
        raise LibraryError(f"cannot open the library: {exc}", path=path) from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise LibraryError(f"cannot switch the library to WAL (got {mode})", path=path)
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        if migrate_schema:
            migrate(conn, path=str(path))
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise LibraryError(f"not a usable library: {exc}", path=path) from exc
    except BaseException:
        conn.close()
        raise
    return conn
