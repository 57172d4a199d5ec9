"""The same batch on a Dask cluster (a LocalCluster here): plugin-built pipelines, one writer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from highlights.batch.executors import dask_executor
from highlights.batch.models import BatchError, WorkerSettings
from highlights.batch.worker import built_states
from highlights.cli import cli
from highlights.store import connect, table_counts

distributed = pytest.importorskip("distributed")

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
    ) as local:
        yield local


def test_batch_dask_plugin_builds_pipeline_once_per_worker(cluster: Any) -> None:
    address = cluster.scheduler_address
    with distributed.Client(address) as probe:
        with dask_executor(address, WorkerSettings()):
            built = probe.run(built_states)
        assert sorted(built.values()) == [1, 1]
        with dask_executor(address, WorkerSettings()):  # registered again: nothing new built
            assert sorted(probe.run(built_states).values()) == [1, 1]


def test_batch_dask_cli_scheduler_processes_and_resumes(
    cluster: Any, inbox: Path, tmp_path: Path
) -> None:
    site = tmp_path / "site"
    args = ["batch", str(inbox), "--out", str(site), "--scheduler", cluster.scheduler_address]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert f"Processing on Dask at {cluster.scheduler_address}" in result.stderr
    assert "5 processed, 0 skipped as unchanged, 0 failed." in result.stdout
    assert table_counts(connect(site / "highlights.db"))["meetings"] == 5
    assert (site / "2026-03-18-dana" / "index.html").is_file()
    again = CliRunner().invoke(cli, args)
    assert "0 processed, 5 skipped as unchanged" in again.stdout


def test_batch_dask_unreachable_scheduler_is_a_batch_error() -> None:
    with (
        pytest.raises(BatchError, match="cannot reach the Dask scheduler"),
        dask_executor("tcp://127.0.0.1:9", WorkerSettings(), timeout_s=1),
    ):
        pass
