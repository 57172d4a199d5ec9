"""Batches: many meetings at once, in parallel, resumable, stored in the library.

``discover`` finds meetings in an inbox, ``run_batch`` fingerprints them, processes the new
and changed ones on a process pool or a Dask cluster, stores each in the library as it comes
back and renders the site index once at the end.
"""

from highlights.batch.discover import discover
from highlights.batch.driver import BatchConfig, Plan, run_batch
from highlights.batch.models import (
    BatchError,
    BatchReport,
    Discovery,
    Done,
    Found,
    Problem,
    WorkerSettings,
)

__all__ = [
    "BatchConfig",
    "BatchError",
    "BatchReport",
    "Discovery",
    "Done",
    "Found",
    "Plan",
    "Problem",
    "WorkerSettings",
    "discover",
    "run_batch",
]
