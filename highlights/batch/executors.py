"""Where per-meeting work runs: a local process pool, or a Dask distributed cluster.

Both are ``concurrent.futures`` executors running ``worker.run_task``; the batch driver does
not know which it has.

- Process pool (default): processes forked from a fork server that has imported the pipeline
  code once (``spawn`` where there is no fork server), so no worker inherits this process's
  locks, threads or library connections, and a second worker costs no second import of
  spaCy. Each builds the tagger once in its initializer and leaves when the batch process
  is gone.
- Dask (``--scheduler ADDRESS``): ``Client.get_executor(pure=False)``; a worker plugin builds
  the tagger once per worker process as it joins. Tasks name their inputs and the site by
  path, so every worker must see the same files at the same paths (shared storage).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Executor, ProcessPoolExecutor

from highlights.batch.models import WorkerSettings
from highlights.batch.worker import init_process_worker
from highlights.errors import BatchError


def default_workers() -> int:
    """One worker per CPU this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def pinned_cpus(workers: int) -> tuple[int, ...]:
    """The CPUs to pin workers to, one each: this process's CPUs when there are enough.

    A worker runs its meeting's ffmpeg processes, whose threads hand every audio frame from
    demuxer to decoder to filter to encoder. Left to roam, those threads bounce between CPUs
    and two workers' pipelines stall each other; pinned, each worker and its ffmpeg runs keep
    to one CPU (measured: two pinned workers each decode as fast as one alone, unpinned they
    take about 40% longer). With more workers than CPUs nothing is pinned.
    """
    try:
        cpus = tuple(sorted(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return ()
    return cpus if 1 <= workers <= len(cpus) and len(cpus) > 1 else ()


def process_pool(workers: int, settings: WorkerSettings) -> ProcessPoolExecutor:
    if workers < 1:
        raise BatchError(f"--workers must be at least 1, not {workers}")
    context = worker_context()
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=context,
        initializer=init_process_worker,
        initargs=(settings, os.getpid(), pinned_cpus(workers), context.Value("i", 0)),
    )


# What the fork server imports before forking workers: everything a worker runs.
PRELOAD = ["highlights.runner", "highlights.batch.worker"]


def worker_context() -> multiprocessing.context.BaseContext:
    """A fork-server context preloading the pipeline code, else ``spawn``."""
    if "forkserver" not in multiprocessing.get_all_start_methods():  # pragma: no cover
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


@contextlib.contextmanager
def dask_executor(
    address: str, settings: WorkerSettings, *, timeout_s: float = 20.0
) -> Iterator[Executor]:
    """An executor on the Dask cluster whose scheduler is at ``address``."""
    try:
        from distributed import Client

        from highlights.batch.dask_plugin import PLUGIN_NAME, PipelinePlugin
    except ImportError as exc:
        raise BatchError(
            "--scheduler needs Dask distributed: pip install 'highlights[dask]'"
        ) from exc
    try:
        client = Client(address, timeout=f"{timeout_s}s")  # type: ignore[no-untyped-call,unused-ignore]
    except (OSError, TimeoutError) as exc:
        raise BatchError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        client.register_plugin(PipelinePlugin(settings), name=PLUGIN_NAME)
        executor = client.get_executor(pure=False)  # type: ignore[no-untyped-call,unused-ignore]
        try:
            yield executor
        except BaseException:
            executor.shutdown(wait=False)  # cancels what has not finished
            raise
        executor.shutdown(wait=True)
    finally:
        client.close()  # type: ignore[no-untyped-call,unused-ignore]


@contextlib.contextmanager
def open_executor(
    settings: WorkerSettings, *, workers: int, scheduler: str | None = None
) -> Iterator[Executor]:
    """The executor a batch runs on, shut down (waiting for running tasks) on leaving."""
    if scheduler:
        with dask_executor(scheduler, settings) as executor:
            yield executor
        return
    pool = process_pool(workers, settings)
    try:
        yield pool
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    # Every task is back: let the workers exit while the site index is rendered.
    pool.shutdown(wait=False)
