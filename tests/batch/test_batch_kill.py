"""A real ``highlights batch`` process killed with SIGKILL, again and again, then re-run.

Proves: every meeting ends up stored exactly once (a meeting stored before a kill is never
stored again, none is missing, no duplicate rows), no staging folders or temporary files are
left in the site, every meeting's page exists, and the orphaned worker processes go away.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from highlights.store import table_counts

from .conftest import folder_meeting, stem_meeting

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and process groups"),
]

IDS = [f"2026-03-{d:02d}-dana" for d in (2, 9, 16)] + [f"2026-03-{d:02d}-sam" for d in (3, 10, 17)]


def make_inbox(root: Path) -> None:
    for mid in IDS[:3]:
        folder_meeting(root, mid, audio=True)
    for mid in IDS[3:]:
        stem_meeting(root / "sam", mid)


def start(inbox: Path, site: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-m", "highlights.cli", "batch", str(inbox), "--out", str(site),
           "--workers", "2", "--no-progress"]
    return subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )


def stored(db: Path) -> dict[str, str]:
    """meeting id -> processed_at, read without disturbing a writer."""
    if not db.exists():
        return {}
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return dict(conn.execute("SELECT id, processed_at FROM meetings").fetchall())
        finally:
            conn.close()
    except sqlite3.OperationalError:  # not created yet
        return {}


def wait_for(db: Path, proc: subprocess.Popen[bytes], count: int, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while len(stored(db)) < count:
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "batch made no progress"
        time.sleep(0.02)


def kill_and_reap(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL the batch process only; its workers must notice and leave by themselves."""
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    deadline = time.monotonic() + 20
    while True:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            return
        if time.monotonic() > deadline:
            os.killpg(proc.pid, signal.SIGKILL)
            pytest.fail("worker processes outlived the killed batch")
        time.sleep(0.05)


def leftovers(site: Path) -> list[Path]:
    return [
        p
        for p in site.rglob("*")
        if ".staging-" in p.name or p.name.endswith((".old", ".tmp", ".encoding"))
    ]


def test_batch_kill_at_any_moment_then_rerun_stores_each_meeting_once(tmp_path: Path) -> None:
    inbox, site = tmp_path / "inbox", tmp_path / "site"
    make_inbox(inbox)
    db = site / "highlights.db"
    history: dict[str, str] = {}

    def check_history() -> None:
        now = stored(db)
        for mid, when in history.items():
            assert now.get(mid) == when, f"{mid} was stored again after a kill"
        history.update(now)

    # Killed while the workers are starting, before anything is stored.
    proc = start(inbox, site)
    time.sleep(1.0)
    kill_and_reap(proc)
    check_history()
    # Killed as soon as the first meeting lands in the library, then after two more. Two
    # workers can store two meetings between two looks at the library: stop waiting three
    # short of the end, so the kill always lands before the last meeting is stored.
    for target in (len(history) + 1, len(history) + 3):
        proc = start(inbox, site)
        wait_for(db, proc, min(target, len(IDS) - 3))
        kill_and_reap(proc)
        check_history()
    assert 0 < len(history) < len(IDS)

    proc = start(inbox, site)
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err.decode()
    summary = out.decode()
    left = len(IDS) - len(history)
    assert f"{left} processed, {len(history)} skipped as unchanged, 0 failed." in summary
    check_history()
    assert sorted(history) == sorted(IDS)

    conn = sqlite3.connect(db)
    counts = table_counts(conn)
    assert counts["meetings"] == len(IDS)
    assert counts["highlights"] == 5 * len(IDS)  # five markers in every sample copy
    per_meeting = conn.execute("SELECT COUNT(*) FROM statements GROUP BY meeting_id").fetchall()
    assert len({n for (n,) in per_meeting}) == 1  # identical copies: identical row counts
    assert leftovers(site) == []
    for mid in IDS:
        assert (site / mid / "index.html").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert all(f"{mid}/index.html" in index for mid in IDS)
