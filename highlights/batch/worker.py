"""What runs in a worker process: build the pipeline once, then process meetings.

The spaCy pipeline (the ``Tagger``) is the main fixed cost of a meeting, so each worker
process builds it once — in the process pool's initializer, or in a Dask worker plugin — and
keeps it for every meeting it is sent. Tasks carry their settings; a worker whose pipeline
was built for other settings (or not built at all) builds it on the first task.

A worker writes the meeting's folder atomically and returns the results as records; it never
touches the library, which only the main process writes.
"""

from __future__ import annotations

import contextlib
import os
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from highlights.batch.models import Task, TaskOutcome, WorkerSettings
from highlights.errors import HighlightsError

if TYPE_CHECKING:
    from multiprocessing.sharedctypes import Synchronized

    from highlights.config import Pipeline
    from highlights.tagging.tagger import Tagger

WATCH_INTERVAL_S = 0.1
ORPHAN_EXIT_CODE = 70


@dataclass(slots=True)
class WorkerState:
    settings: WorkerSettings
    pipeline: Pipeline
    tagger: Tagger
    built_in_s: float


# Built pipelines not in use right now. A process running tasks on several threads (a Dask
# worker with --nthreads above 1) builds one per thread that needs it, never sharing one.
_FREE: list[WorkerState] = []
_LOCK = threading.Lock()


def build_state(settings: WorkerSettings) -> WorkerState:
    """Load the pipeline and build its tagger (the expensive part: spaCy)."""
    from highlights.config import load_pipeline
    from highlights.runner import make_tagger

    started = time.perf_counter()
    pipeline = load_pipeline(settings.pipeline)
    tagger = make_tagger(pipeline, [Path(p) for p in settings.rules])
    return WorkerState(settings, pipeline, tagger, time.perf_counter() - started)


def acquire_state(settings: WorkerSettings) -> WorkerState:
    """A built pipeline for ``settings``, taken out of this process's free list or built."""
    with _LOCK:
        _FREE[:] = [s for s in _FREE if s.settings == settings]
        if _FREE:
            return _FREE.pop()
    return build_state(settings)


def release_state(state: WorkerState) -> None:
    with _LOCK:
        _FREE.append(state)


def built_states() -> int:
    """How many built pipelines this process holds unused (for tests and diagnostics)."""
    with _LOCK:
        return len(_FREE)


def init_process_worker(
    settings: WorkerSettings,
    batch_pid: int,
    cpus: tuple[int, ...] = (),
    started: Synchronized[int] | None = None,
) -> None:
    """Process pool initializer: pin to a CPU, exit when the batch process dies, build the tagger.

    A batch killed outright (SIGKILL) cannot stop its pool; the watchdog thread makes each
    worker leave on its own instead of finishing work nobody will collect, once the batch
    process ``batch_pid`` is gone (a fork server, the parent of forked workers, stays as long
    as they do). With ``cpus``, the n-th worker to start (``started`` counts them) keeps to
    the n-th CPU, and so do the ffmpeg processes it runs.
    """
    if cpus and started is not None:
        with started.get_lock():
            index = started.value
            started.value += 1
        with contextlib.suppress(OSError):  # a CPU taken away meanwhile: run unpinned
            os.sched_setaffinity(0, {cpus[index % len(cpus)]})
    thread = threading.Thread(
        target=_watch_batch,
        args=(batch_pid, os.getppid()),
        name="highlights-watchdog",
        daemon=True,
    )
    thread.start()
    warm_up(settings)


def _watch_batch(batch_pid: int, parent_pid: int) -> None:
    while True:
        if os.getppid() != parent_pid or not _alive(batch_pid):
            os._exit(ORPHAN_EXIT_CODE)
        time.sleep(WATCH_INTERVAL_S)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process: it exists
        pass
    return True


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def run_task(task: Task) -> TaskOutcome:
    """Process one meeting; any failure becomes a one-line reason instead of an exception."""
    from highlights.runner import process_meeting

    started = time.perf_counter()
    mid = task.source.meeting_id
    try:
        state = acquire_state(task.settings)
        try:
            outcome = process_meeting(
                task.source,
                Path(task.site),
                pipeline=state.pipeline,
                tagger=state.tagger,
                templates=Path(task.settings.templates) if task.settings.templates else None,
                media_threads=task.settings.media_threads,
            )
        finally:
            release_state(state)
    except HighlightsError as exc:
        return _failed(task, str(exc), started)
    except Exception as exc:  # one bad meeting must not stop the batch
        return _failed(task, f"internal error: {type(exc).__name__}: {exc}", started)
    return TaskOutcome(
        meeting_id=mid,
        fingerprint=task.fingerprint,
        result=outcome.result,
        error=None,
        seconds=time.perf_counter() - started,
        worker=worker_name(),
    )


def _failed(task: Task, reason: str, started: float) -> TaskOutcome:
    return TaskOutcome(
        meeting_id=task.source.meeting_id,
        fingerprint=task.fingerprint,
        result=None,
        error=reason,
        seconds=time.perf_counter() - started,
        worker=worker_name(),
    )


def warm_up(settings: WorkerSettings) -> str:
    """Build a pipeline ahead of the first task (none when one is built already).

    A failure is left for ``run_task``, which meets it again and reports it per meeting.
    """
    with _LOCK:
        ready = any(s.settings == settings for s in _FREE)
    if not ready:
        # A failure here is reported by run_task, with the meeting it concerns.
        with contextlib.suppress(Exception):
            release_state(build_state(settings))
    return worker_name()
