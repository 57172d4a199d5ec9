"""The batch driver: plan what to do, run it on an executor, store results, render the index.

Only this process writes the library, one transaction per meeting, as each meeting comes
back from a worker; the worker has already put the meeting's folder in place atomically. A
batch killed at any moment therefore leaves every meeting either stored with the fingerprint
of the inputs it was made from, or not stored (or stored with an older fingerprint): a re-run
processes exactly the meetings that are not stored as they are now.

The site is locked while a batch runs (``SITE/.highlights.lock``), so leftovers of a killed
batch (staging folders, temporary files) can be cleared safely when the next one starts.
"""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, as_completed
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from highlights.batch.executors import open_executor
from highlights.batch.fingerprint import meeting_fingerprint, settings_version
from highlights.batch.models import (
    BatchReport,
    Discovery,
    Done,
    Problem,
    Task,
    TaskOutcome,
    WorkerSettings,
)
from highlights.batch.progress import NoProgress, Progress
from highlights.batch.worker import run_task
from highlights.config import load_pipeline
from highlights.errors import HighlightsError
from highlights.models import MeetingResult
from highlights.sitelock import open_site
from highlights.store import (
    DB_NAME,
    LibraryError,
    load_digests,
    save_digests,
    save_meeting,
    stored_meetings,
)

MAX_RESTARTS = 2
ExecutorFactory = Callable[[], AbstractContextManager[Executor]]


@dataclass(frozen=True, slots=True)
class Plan:
    """The meetings to process, those unchanged since they were stored, and what failed early."""

    tasks: tuple[Task, ...]
    unchanged: tuple[str, ...]
    problems: tuple[Problem, ...]


def plan_batch(
    discovery: Discovery,
    conn: sqlite3.Connection,
    site: Path,
    *,
    settings: WorkerSettings,
    version: str,
    force: bool = False,
    on_task: Callable[[Task], None] | None = None,
) -> Plan:
    """Fingerprint every meeting found and keep those whose stored results are not current.

    ``on_task`` sees each meeting to process as soon as it is known (workers can start
    while the rest are still being fingerprinted).
    """
    stored = stored_meetings(conn)
    cache = load_digests(conn)
    known = dict(cache)
    tasks: list[Task] = []
    unchanged: list[str] = []
    problems = list(discovery.problems)
    for found in discovery.found:
        mid = found.source.meeting_id
        try:
            fp = meeting_fingerprint(found.source, version, cache)
        except HighlightsError as exc:
            problems.append(Problem(found.where, str(exc), mid))
            continue
        have = stored.get(mid)
        page = site / (have.folder if have else mid) / "index.html"
        if not force and have is not None and have.fingerprint == fp and page.is_file():
            unchanged.append(mid)
        else:
            tasks.append(Task(found.source, str(site.resolve()), fp, settings))
            if on_task is not None:
                on_task(tasks[-1])
    fresh = {k: v for k, v in cache.items() if known.get(k) != v}
    if fresh:
        save_digests(conn, fresh)
    return Plan(tuple(tasks), tuple(unchanged), tuple(problems))


def store_outcome(conn: sqlite3.Connection, outcome: TaskOutcome) -> Done:
    """Write one meeting's results to the library (one transaction), or record its failure."""
    result = outcome.result
    if outcome.error is not None or result is None:
        return Done(outcome.meeting_id, 0, outcome.seconds, error=outcome.error or "no result")
    try:
        save_meeting(conn, result, outcome.fingerprint, folder=result.meeting_id)
    except LibraryError as exc:
        return Done(outcome.meeting_id, 0, outcome.seconds, error=str(exc))
    return Done(outcome.meeting_id, len(result.highlights), outcome.seconds, result.warnings)


def execute(
    tasks: Sequence[Task],
    conn: sqlite3.Connection,
    executor: ExecutorFactory,
    *,
    progress: Progress | None = None,
    max_restarts: int = MAX_RESTARTS,
) -> list[Done]:
    """Run ``tasks`` on executors from ``executor``, storing each result as it arrives.

    When a worker process dies (the pool breaks), the meetings not yet back are sent again to
    a fresh pool, up to ``max_restarts`` times; then they fail with that reason.
    """
    progress = progress or NoProgress()
    progress.start(len(tasks))
    finished: list[Done] = []
    pending = list(tasks)
    restarts = 0
    try:
        while pending:
            lost: list[Task] = []
            with executor() as pool:
                futures = {pool.submit(run_task, t): t for t in pending}
                for future in as_completed(futures):
                    task = futures.pop(future)
                    try:
                        outcome: TaskOutcome = future.result()
                    except BrokenProcessPool:
                        lost.append(task)
                        continue
                    except Exception as exc:  # a Dask worker lost, a task that cannot pickle
                        outcome = _lost(task, f"worker error: {type(exc).__name__}: {exc}")
                    item = store_outcome(conn, outcome)
                    finished.append(item)
                    progress.done(item)
            if lost and restarts < max_restarts:
                restarts += 1
                pending = lost
                continue
            for task in lost:
                item = store_outcome(conn, _lost(task, "a worker process died processing it"))
                finished.append(item)
                progress.done(item)
            pending = []
    finally:
        progress.close()
    return finished


class EarlyPool:
    """An executor factory whose first executor is started ahead, while planning goes on.

    Workers take a second or so to start (spaCy); started on a thread of their own when
    planning finds the first meeting to process, they are ready by the time fingerprinting
    the others is done (starting a worker waits for the fork server, which must not hold up
    the fingerprinting). Later calls (after a worker process died) get fresh executors from
    ``factory``.
    """

    def __init__(self, factory: ExecutorFactory, workers: int) -> None:
        self._factory = factory
        self._workers = workers
        self._started: AbstractContextManager[Executor] | None = None
        self._pool: Executor | None = None
        self._error: BaseException | None = None
        self._thread: threading.Thread | None = None

    def start(self, _task: Task | None = None) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._start, name="highlights-pool-start")
            self._thread.start()

    def _start(self) -> None:
        from highlights.batch.worker import worker_name

        try:
            self._started = self._factory()
            self._pool = self._started.__enter__()
            for _ in range(self._workers):  # a process pool starts a worker per waiting call
                self._pool.submit(worker_name)
        except BaseException as exc:  # handed to the thread that wants the pool
            self._error = exc

    def _join(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        if self._error is not None:
            error, self._error = self._error, None
            raise error

    def __call__(self) -> AbstractContextManager[Executor]:
        self._join()
        if self._started is None or self._pool is None:
            return self._factory()
        started, pool = self._started, self._pool
        self._started = self._pool = None
        return _handed_over(started, pool)

    def close(self) -> None:
        """Shut down a started executor nobody took (planning failed or found no work)."""
        with contextlib.suppress(Exception):
            self._join()
        if self._started is not None:
            started, self._started, self._pool = self._started, None, None
            started.__exit__(None, None, None)


@contextlib.contextmanager
def _handed_over(
    started: AbstractContextManager[Executor], pool: Executor
) -> Iterator[Executor]:
    try:
        yield pool
    except BaseException as exc:
        if not started.__exit__(type(exc), exc, exc.__traceback__):
            raise
    else:
        started.__exit__(None, None, None)


def _lost(task: Task, reason: str) -> TaskOutcome:
    return TaskOutcome(task.source.meeting_id, task.fingerprint, None, reason, 0.0, "")


def index_results(conn: sqlite3.Connection, site: Path) -> list[MeetingResult]:
    """The meetings the site index lists (see :func:`highlights.site.index_results`)."""
    from highlights.site import index_results as listed

    return listed(conn, site)


def render_site(conn: sqlite3.Connection, site: Path, *, templates: Path | None = None) -> Path:
    """Re-render ``SITE/index.html``, the goal pages and the meeting pages showing goals."""
    from highlights.site import refresh_site

    return refresh_site(conn, site, templates=templates).index


@dataclass(frozen=True, slots=True)
class BatchConfig:
    """Where results go and how the work runs."""

    site: Path
    db: Path | None = None  # default: SITE/highlights.db
    workers: int = 1
    scheduler: str | None = None
    settings: WorkerSettings = field(default_factory=WorkerSettings)
    force: bool = False
    goals: Path | None = None  # default: the goals file the library remembers

    @property
    def library(self) -> Path:
        return self.db if self.db is not None else self.site / DB_NAME


def run_batch(
    discovery: Discovery,
    config: BatchConfig,
    *,
    progress: Progress | None = None,
    on_plan: Callable[[Plan], None] | None = None,
    dry_run: bool = False,
    executor: ExecutorFactory | None = None,
) -> BatchReport:
    """Plan, process and store every meeting of ``discovery``, then render the site index.

    ``on_plan`` sees the plan before any work starts; ``dry_run`` stops right after it.
    ``executor`` replaces the process pool / Dask executor the config asks for.
    """
    started = time.perf_counter()
    settings = config.settings
    pipeline = load_pipeline(settings.pipeline)
    version = settings_version(
        pipeline,
        [Path(p) for p in settings.rules],
        Path(settings.templates) if settings.templates else None,
    )
    from highlights.goals.goalfile import load_goals
    from highlights.site import TEMPLATES_SETTING, apply_goals, read_goals_input
    from highlights.store.goals import set_setting, transaction

    if config.goals is not None:
        load_goals(config.goals)  # a bad goals file stops the batch before anything is done
    with open_site(config.site, config.library) as conn:
        goals = read_goals_input(conn, config.goals)
        workers = max(1, min(config.workers, len(discovery.found)))
        factory = executor or (
            lambda: open_executor(settings, workers=workers, scheduler=config.scheduler)
        )
        # A local pool starts while planning; a cluster's workers are running already.
        early = None if dry_run or config.scheduler else EarlyPool(factory, workers)
        try:
            plan = plan_batch(
                discovery,
                conn,
                config.site,
                settings=settings,
                version=version,
                force=config.force,
                on_task=early.start if early is not None else None,
            )
            if on_plan is not None:
                on_plan(plan)
            if dry_run:
                return BatchReport((), plan.unchanged, plan.problems, None, 0.0)
            finished: list[Done] = []
            if plan.tasks:
                finished = execute(plan.tasks, conn, early or factory, progress=progress)
        finally:
            if early is not None:
                early.close()
        with transaction(conn):
            apply_goals(conn, goals)
            set_setting(conn, TEMPLATES_SETTING, settings.templates)
        index = render_site(
            conn, config.site, templates=Path(settings.templates) if settings.templates else None
        )
    failed = list(plan.problems) + [
        Problem(d.meeting_id, d.error, d.meeting_id) for d in finished if d.error is not None
    ]
    return BatchReport(
        processed=tuple(d for d in finished if d.ok),
        skipped=plan.unchanged,
        failed=tuple(failed),
        index=str(index),
        seconds=time.perf_counter() - started,
        warnings=goals.warnings,
    )
