"""The Dask worker plugin that builds the highlights pipeline once per worker process.

Imported only when a batch runs on a Dask cluster (``distributed`` is an optional extra).
"""

from __future__ import annotations

from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from highlights.batch.models import WorkerSettings
from highlights.batch.worker import warm_up

PLUGIN_NAME = "highlights-pipeline"


class PipelinePlugin(WorkerPlugin):
    """Builds the tagger when the plugin is registered, and on every worker that joins later."""

    name = PLUGIN_NAME

    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        warm_up(self.settings)
