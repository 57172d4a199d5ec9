"""Records of a batch: what discovery found, the tasks sent to workers and what came back."""

from __future__ import annotations

from dataclasses import dataclass

from highlights.errors import BatchError as BatchError  # defined beside the other errors
from highlights.models import MeetingResult, MeetingSource


@dataclass(frozen=True, slots=True)
class Found:
    """A meeting discovered in an inbox; ``origin`` is "folder", "stem" or "manifest"."""

    source: MeetingSource
    origin: str
    where: str


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not become a meeting, or a meeting that failed, with one reason."""

    where: str
    reason: str
    meeting_id: str | None = None


@dataclass(frozen=True, slots=True)
class Discovery:
    found: tuple[Found, ...]
    problems: tuple[Problem, ...]


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """What a worker needs to build its pipeline and tagger once, and to render pages."""

    pipeline: str | None = None
    rules: tuple[str, ...] = ()
    templates: str | None = None
    # Windows of one meeting decoded and encoded at a time. A batch spreads meetings over its
    # workers, one CPU each: running meetings side by side scales better than splitting one
    # meeting's windows over CPUs (its tagging and rendering cannot be split).
    media_threads: int = 1


@dataclass(frozen=True, slots=True)
class Task:
    """One meeting to process: its inputs, where its folder goes, and its fingerprint."""

    source: MeetingSource
    site: str
    fingerprint: str
    settings: WorkerSettings


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    """What a worker sends back: the results, or one reason the meeting failed."""

    meeting_id: str
    fingerprint: str
    result: MeetingResult | None
    error: str | None
    seconds: float
    worker: str


@dataclass(frozen=True, slots=True)
class Done:
    """A meeting finished in this batch (stored, or failed with ``error``)."""

    meeting_id: str
    highlights: int
    seconds: float
    warnings: tuple[str, ...] = ()
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True, slots=True)
class BatchReport:
    processed: tuple[Done, ...]
    skipped: tuple[str, ...]
    failed: tuple[Problem, ...]
    index: str | None
    seconds: float
    warnings: tuple[str, ...] = ()
    """About the batch as a whole (a remembered goals file that is gone)."""
