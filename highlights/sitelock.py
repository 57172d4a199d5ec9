"""The site's write lock, and opening a site's library for writing.

One command at a time writes a site: a batch, a run, the demo or a goals command. The lock is
an advisory lock on ``SITE/.highlights.lock``; whoever holds it may also clear what a killed
writer left behind (staging folders, replaced folders, temporary files).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from highlights.errors import BatchError
from highlights.store import connect

LOCK_NAME = ".highlights.lock"


@contextlib.contextmanager
def open_site(site: Path, db: Path) -> Iterator[sqlite3.Connection]:
    """Lock the site, clear what a killed batch left behind, and open the library."""
    site.mkdir(parents=True, exist_ok=True)
    with lock_site(site):
        clear_leftovers(site)
        conn = connect(db)
        try:
            yield conn
        finally:
            conn.close()


@contextlib.contextmanager
def lock_site(site: Path) -> Iterator[None]:
    """Hold the site's write lock; raises ``BatchError`` at once when another command has it."""
    path = site / LOCK_NAME
    with path.open("a+") as fh:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - Windows: no advisory lock
            yield
            return
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise BatchError(
                "another highlights command (a batch, a run or a goals command) is writing "
                "to this site; wait for it to finish",
                path=path.parent,
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def clear_leftovers(site: Path) -> list[Path]:
    """Remove staging folders, replaced folders and temporary files of interrupted writes."""
    removed = []
    for pattern in (".*.staging-*", ".*.old", ".*.tmp"):
        for path in site.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    return removed
