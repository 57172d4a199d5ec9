"""The driver, with tasks run in this process: resumable, idempotent, one bad meeting alone."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from concurrent.futures import Executor, Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup

from highlights.batch import BatchConfig, BatchReport, discover, run_batch
from highlights.batch.driver import execute, plan_batch
from highlights.batch.models import BatchError, WorkerSettings
from highlights.batch.worker import run_task
from highlights.sitelock import LOCK_NAME, clear_leftovers, open_site
from highlights.store import connect, load_meeting, stored_meetings, table_counts

from .conftest import inline


def run(inbox: Path, site: Path, **kw: Any) -> BatchReport:
    return run_batch(discover([inbox]), BatchConfig(site=site, **kw), executor=inline)


def library(site: Path) -> sqlite3.Connection:
    return connect(site / "highlights.db")


def test_batch_driver_processes_then_skips_unchanged(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = run(inbox, site)
    assert len(first.processed) == 5 and first.failed == () and first.skipped == ()
    counts = table_counts(library(site))
    again = run(inbox, site)
    assert again.processed == () and len(again.skipped) == 5
    assert table_counts(library(site)) == counts


def test_batch_driver_changed_meeting_is_replaced(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run(inbox, site)
    conn = library(site)
    before = load_meeting(conn, "2026-03-05-sam")
    assert before is not None
    markers = inbox / "sam" / "2026-03-05-sam.markers.txt"
    markers.write_text(markers.read_text() + "00:02:40 one more\n")
    report = run(inbox, site)
    assert [d.meeting_id for d in report.processed] == ["2026-03-05-sam"]
    after = load_meeting(conn, "2026-03-05-sam")
    assert after is not None
    assert len(after.highlights) == len(before.highlights) + 1
    kept = {h.id for h in before.highlights}
    assert kept <= {h.id for h in after.highlights}  # ids stable across re-runs
    assert table_counts(conn)["meetings"] == 5


def test_batch_driver_force_keeps_highlight_ids(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run(inbox, site)
    ids = {r[0] for r in library(site).execute("SELECT id FROM highlights")}
    report = run(inbox, site, force=True)
    assert len(report.processed) == 5
    assert {r[0] for r in library(site).execute("SELECT id FROM highlights")} == ids


def test_batch_driver_bad_meeting_fails_alone_with_reason(inbox: Path, tmp_path: Path) -> None:
    bad = inbox / "sam" / "2026-03-19-sam.vtt"
    bad.write_text("not a transcript at all\n")
    report = run(inbox, tmp_path / "site")
    assert len(report.processed) == 5
    (failure,) = report.failed
    assert failure.meeting_id == "2026-03-19-sam"
    assert str(bad) in failure.reason and "\n" not in failure.reason
    assert "2026-03-19-sam" not in stored_meetings(library(tmp_path / "site"))


def test_batch_driver_index_lists_library_meetings(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    report = run(inbox, site)
    assert report.index == str(site / "index.html")
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in soup.find_all("a", href=True)}
    for mid in ("2026-03-04-dana", "2026-03-05-sam", "2026-03-18-dana"):
        assert f"{mid}/index.html" in hrefs
        assert (site / mid / "index.html").is_file()
    text = soup.get_text(" ")
    assert "Dana" in text and "2026-03-18" in text


def test_batch_driver_deleted_page_is_processed_again(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run(inbox, site)
    (site / "2026-03-04-dana" / "index.html").unlink()
    report = run(inbox, site)
    assert [d.meeting_id for d in report.processed] == ["2026-03-04-dana"]


def test_batch_driver_dry_run_plans_only(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    seen = []
    report = run_batch(
        discover([inbox]), BatchConfig(site=site), on_plan=seen.append, dry_run=True
    )
    assert len(seen[0].tasks) == 5 and report.processed == ()
    assert not (site / "2026-03-04-dana").exists()


def test_batch_driver_site_in_use_is_refused(tmp_path: Path) -> None:
    site = tmp_path / "site"
    with open_site(site, site / "highlights.db"), pytest.raises(BatchError, match="another"):
        run_batch(discover([]), BatchConfig(site=site))
    assert (site / LOCK_NAME).exists()


def test_batch_driver_clears_leftovers_of_killed_writes(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / ".m.staging-123" / "clips").mkdir(parents=True)
    (site / ".m.old").mkdir()
    (site / ".index.html.abc.tmp").write_text("half")
    (site / "m").mkdir()
    assert len(clear_leftovers(site)) == 3
    assert [p.name for p in site.iterdir()] == ["m"]


class BreaksOnce(Executor):
    """The first pool breaks for every task (a worker died); later pools run them inline."""

    made = 0

    def __init__(self) -> None:
        BreaksOnce.made += 1
        self.broken = BreaksOnce.made == 1

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        if self.broken:
            future.set_exception(BrokenProcessPool("a worker died"))
        else:
            future.set_result(fn(*args, **kwargs))
        return future


@contextmanager
def breaks_once() -> Iterator[Executor]:
    yield BreaksOnce()


@pytest.mark.parametrize(("restarts", "ok"), [(1, True), (0, False)])
def test_batch_driver_broken_pool_is_restarted(
    inbox: Path, tmp_path: Path, restarts: int, ok: bool
) -> None:
    BreaksOnce.made = 0
    site = tmp_path / "site"
    with open_site(site, site / "highlights.db") as conn:
        plan = plan_batch(
            discover([inbox]), conn, site, settings=WorkerSettings(), version="v"
        )
        done = execute(plan.tasks, conn, breaks_once, max_restarts=restarts)
    assert len(done) == 5
    assert all(d.ok for d in done) is ok
    if not ok:
        assert done[0].error == "a worker process died processing it"
    assert run_task is not None


class _Recorder:
    """An executor factory noting when executors open and close, and what they run."""

    def __init__(self, events: list[str]) -> None:
        self.events = events

    @contextmanager
    def __call__(self) -> Iterator[Executor]:
        events = self.events

        class Recording(Executor):
            def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
                events.append(f"run {fn.__name__}")
                future: Future[Any] = Future()
                future.set_result(fn(*args, **kwargs))
                return future

        events.append("open")
        try:
            yield Recording()
        finally:
            events.append("close")


def test_batch_driver_workers_start_while_planning(
    inbox: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import highlights.batch.driver as driver

    events: list[str] = []
    fingerprint = driver.meeting_fingerprint

    def noting(source: Any, *args: Any, **kwargs: Any) -> str:
        events.append(f"plan {source.meeting_id}")
        return fingerprint(source, *args, **kwargs)

    monkeypatch.setattr(driver, "meeting_fingerprint", noting)
    found = discover([inbox])
    report = run_batch(found, BatchConfig(site=tmp_path / "site", workers=2),
                       executor=_Recorder(events))
    assert len(report.processed) == len(found.found) >= 2
    first = f"plan {found.found[0].source.meeting_id}"
    # the executor opens once the first meeting to process is planned, and is the one that
    # runs the meetings
    assert events.index("open") > events.index(first)
    assert events.count("open") == events.count("close") == 1
    assert events.count("run run_task") == len(found.found)
    assert events.index("close") > max(i for i, e in enumerate(events) if e == "run run_task")


def test_batch_driver_no_work_starts_no_workers(inbox: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    run_batch(discover([inbox]), BatchConfig(site=site), executor=inline)
    events: list[str] = []
    report = run_batch(discover([inbox]), BatchConfig(site=site), executor=_Recorder(events))
    assert report.skipped and not report.processed
    assert events == []


def test_batch_driver_early_pool_does_not_hold_up_planning() -> None:
    import threading

    from highlights.batch.driver import EarlyPool

    release = threading.Event()
    pools: list[Executor] = []

    @contextmanager
    def slow_factory() -> Iterator[Executor]:
        release.wait(timeout=30)  # a fork server still importing spaCy
        pool = _Recorder([]).__call__().__enter__()
        pools.append(pool)
        yield pool

    early = EarlyPool(slow_factory, workers=2)
    early.start()
    early.start()  # a second meeting to process starts nothing more
    assert not pools  # start() came back while the pool is still starting
    release.set()
    with early() as handed:
        assert pools == [handed]
    with early() as fresh:  # later calls (a pool broke) get new executors
        assert fresh is not handed and len(pools) == 2
    early.close()


def test_batch_driver_early_pool_failure_reaches_the_caller() -> None:
    from highlights.batch.driver import EarlyPool

    @contextmanager
    def broken() -> Iterator[Executor]:
        raise OSError("no processes left")
        yield  # pragma: no cover

    early = EarlyPool(broken, workers=1)
    early.start()
    with pytest.raises(OSError, match="no processes left"):
        early()
    early.close()
