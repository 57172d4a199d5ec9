"""The worker side: one pipeline per process reused across meetings, failures as reasons."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from highlights.batch.discover import absolute
from highlights.batch.models import Task, WorkerSettings
from highlights.batch.worker import acquire_state, built_states, release_state, run_task
from highlights.ingest.meeting import meeting_from_files, meeting_from_folder

from .conftest import folder_meeting


def test_batch_worker_pipeline_is_built_once_and_reused() -> None:
    settings = WorkerSettings()
    first = acquire_state(settings)
    release_state(first)
    again = acquire_state(settings)
    assert again is first
    release_state(again)
    assert built_states() >= 1


def test_batch_worker_writes_the_folder_but_not_the_site_index(tmp_path: Path) -> None:
    source = absolute(meeting_from_folder(folder_meeting(tmp_path / "in", "m1", audio=False)))
    site = tmp_path / "site"
    outcome = run_task(Task(source, str(site), "fp", WorkerSettings()))
    assert outcome.error is None and outcome.result is not None
    assert outcome.fingerprint == "fp" and outcome.meeting_id == "m1"
    assert len(outcome.result.highlights) == 5
    assert (site / "m1" / "index.html").is_file()
    assert not (site / "index.html").exists()


def test_batch_worker_bad_meeting_is_one_line_reason(tmp_path: Path) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\nnonsense --> x\nyo\n")
    source = meeting_from_files(transcript=bad, meeting_id="bad")
    outcome = run_task(Task(source, str(tmp_path / "site"), "fp", WorkerSettings()))
    assert outcome.result is None
    assert outcome.error is not None and f"{bad}:" in outcome.error
    assert not (tmp_path / "site" / "bad").exists()


def test_batch_worker_pool_pins_each_worker_to_its_own_cpu() -> None:
    from highlights.batch.executors import pinned_cpus, process_pool

    cpus = sorted(os.sched_getaffinity(0))
    if len(cpus) < 2:
        pytest.skip("needs two CPUs")
    assert pinned_cpus(2) == tuple(cpus)
    assert pinned_cpus(len(cpus) + 1) == ()  # more workers than CPUs: the OS places them
    with process_pool(2, WorkerSettings()) as pool:
        seen = [pool.submit(os.sched_getaffinity, 0).result() for _ in range(4)]
    assert all(len(s) == 1 and s <= set(cpus) for s in seen)
    assert os.sched_getaffinity(0) == set(cpus)  # the batch process itself is left alone


def test_batch_worker_nth_started_worker_takes_the_nth_cpu(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing

    import highlights.batch.worker as worker

    pinned: list[set[int]] = []
    monkeypatch.setattr(worker.os, "sched_setaffinity", lambda _pid, cpus: pinned.append(cpus))
    monkeypatch.setattr(worker, "warm_up", lambda settings: "")
    monkeypatch.setattr(worker.threading, "Thread", _NoThread)
    counter = multiprocessing.get_context("spawn").Value("i", 0)
    for _ in range(3):
        worker.init_process_worker(WorkerSettings(), os.getpid(), (4, 7), counter)
    worker.init_process_worker(WorkerSettings(), os.getpid(), (), counter)
    assert pinned == [{4}, {7}, {4}]


class _NoThread:
    def __init__(self, *args: object, **kwargs: object) -> None:
        pass

    def start(self) -> None:
        pass
