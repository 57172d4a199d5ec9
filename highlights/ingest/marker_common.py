"""What every marker-format reader shares: turning time fields into checked markers.

A :class:`MarkerContext` knows the file being read and the recording start, so it can
resolve absolute times and raise errors that name the file, the line and the time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from highlights.errors import MarkerError
from highlights.models import Marker
from highlights.timecodes import (
    format_timecode,
    is_datetime,
    ms_between,
    parse_datetime,
    parse_timecode,
    seconds_to_ms,
)

_DATE_ONLY_RE = re.compile(r"\d{4}-\d{2}-\d{2}")

START_NAMES = ("start", "time", "at", "starttime", "timestamp", "timecode", "begin")
"""Names of a start-time field (CSV header, JSON key), as normalised by :func:`field_key`."""
END_NAMES = ("end", "endtime", "stop", "until")
"""Names of an end-time field."""
LABEL_NAMES = ("label", "title", "note", "notes", "text", "comment", "description", "name")
"""Names of a label field, most preferred first."""


def field_key(name: str) -> tuple[str, bool]:
    """A field name normalised for lookup, and whether it holds milliseconds.

    Case, spaces, ``_`` and ``-`` are ignored, so ``"Start Time"``, ``start_time`` and
    ``startTime`` are all ``starttime``; a trailing ``ms`` on a start or end name
    (``start_ms``, ``endTimeMs``) marks integer milliseconds.
    """
    key = re.sub(r"[\s_\-]+", "", name.strip().lower())
    if key.endswith("ms") and key[:-2] in START_NAMES + END_NAMES:
        return key[:-2], True
    return key, False


@dataclass(frozen=True, slots=True)
class MarkerContext:
    """The file being read and the recording start that absolute times are resolved against."""

    path: Path
    recording_start: datetime | None = None

    def error(self, message: str, line: int | None, time_ms: int | None = None) -> MarkerError:
        return MarkerError(message, path=self.path, line=line, time_ms=time_ms)

    def time(self, text: str, line: int, *, what: str = "time") -> int:
        """Milliseconds from the recording start for a relative or ISO 8601 absolute time."""
        s = text.strip()
        if not s:
            raise self.error(f"empty {what}", line)
        if is_datetime(s):
            return self.absolute(s, line, what=what)
        if _DATE_ONLY_RE.fullmatch(s):
            raise self.error(f"{what} {s!r} is a date without a time of day", line)
        try:
            ms = parse_timecode(s)
        except ValueError as exc:
            raise self.error(f"garbled {what}: {exc}", line) from None
        return self.checked(ms, line, what=what)

    def absolute(self, text: str, line: int, *, what: str = "time") -> int:
        """Resolve an ISO 8601 wall-clock time against the recording start."""
        try:
            when = parse_datetime(text)
        except ValueError as exc:
            raise self.error(f"garbled {what}: {exc}", line) from None
        if self.recording_start is None:
            raise self.error(
                f"{what} {text.strip()!r} is an absolute wall-clock time, but the recording "
                "start is unknown: pass --recording-start or set recording_start in the "
                "meeting metadata",
                line,
            )
        ms = ms_between(self.recording_start, when)
        if ms < 0:
            raise self.error(
                f"{what} {text.strip()!r} is {format_timecode(-ms)} before the recording "
                f"start {self.recording_start.isoformat()}",
                line,
                ms,
            )
        return ms

    def seconds(self, value: Decimal | int, line: int, *, what: str = "time") -> int:
        """Milliseconds for a number of seconds (JSON numbers)."""
        try:
            ms = seconds_to_ms(value)
        except ValueError as exc:
            raise self.error(f"garbled {what}: {exc}", line) from None
        return self.checked(ms, line, what=what)

    def checked(self, ms: int, line: int, *, what: str = "time") -> int:
        """``ms`` itself, or a MarkerError when it is negative."""
        if ms < 0:
            raise self.error(f"negative {what} {format_timecode(ms)}", line, ms)
        return ms

    def marker(self, start_ms: int, end_ms: int | None, label: str, line: int) -> Marker:
        """A point marker (no end, or end equal to start) or a region; checks the order."""
        if end_ms is not None and end_ms < start_ms:
            raise self.error(
                f"region ends at {format_timecode(end_ms)}, before it starts at "
                f"{format_timecode(start_ms)}",
                line,
                start_ms,
            )
        if end_ms == start_ms:
            end_ms = None
        return Marker(start_ms=start_ms, end_ms=end_ms, label=label.strip(), line=line)
