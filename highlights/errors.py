"""Typed errors. Library code raises these; only the CLI turns them into messages and exits.

Every error names the file it is about and, where it applies, the line or the time.
"""

from __future__ import annotations

from pathlib import Path


def format_ms(ms: int) -> str:
    """Render milliseconds as ``h:mm:ss.mmm`` for messages."""
    sign = "-" if ms < 0 else ""
    ms = abs(ms)
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{sign}{h}:{m:02d}:{s:02d}.{milli:03d}"


class HighlightsError(Exception):
    """Base class of every error this package raises on purpose."""

    code = "H000"

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        time_ms: int | None = None,
    ) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.time_ms = time_ms
        super().__init__(self.__str__())

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
            if self.time_ms is not None:
                where += f" at {format_ms(self.time_ms)}"
            where += ": "
        elif self.time_ms is not None:
            where = f"at {format_ms(self.time_ms)}: "
        return f"[{self.code}] {where}{self.message}"


class InputNotFoundError(HighlightsError):
    """A named input file or folder does not exist or cannot be read."""

    code = "H001"


class UnknownFormatError(HighlightsError):
    """A file's format could not be recognised."""

    code = "H002"


class TranscriptError(HighlightsError):
    """A transcript is empty or malformed."""

    code = "H003"


class MarkerError(HighlightsError):
    """A marker file is malformed, or a marker time is impossible."""

    code = "H004"


class AudioError(HighlightsError):
    """Audio could not be probed, decoded or encoded."""

    code = "H005"


class RuleError(HighlightsError):
    """A rule pack or pattern is invalid."""

    code = "H006"


class ConfigError(HighlightsError):
    """A pipeline definition is invalid."""

    code = "H007"


class MeetingError(HighlightsError):
    """A meeting folder does not hold what a meeting needs."""

    code = "H008"


class OutputError(HighlightsError):
    """An output could not be written safely."""

    code = "H009"


class AsrError(HighlightsError):
    """Speech recognition could not run: unknown or missing engine, missing model."""

    code = "H010"


class BatchError(HighlightsError):
    """A batch cannot start: a bad manifest, an unreachable scheduler, a site in use."""

    code = "H021"


class GoalError(HighlightsError):
    """A goal link that cannot be recorded: an unknown goal or highlight, a level outside the
    scale, a bad date, or a bad goal-links file."""

    code = "H013"
