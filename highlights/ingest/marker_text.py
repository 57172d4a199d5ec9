"""Line-based marker formats: plain text notes and Audacity label tracks.

Plain text, one marker per line (blank lines and lines starting with ``#`` are skipped)::

    00:01:23 Budget            a point, label after whitespace
    1:05 - Hiring              label after " - ", "," ";" "|" or ": "
    83.5                       plain seconds, no label
    00:01:23,500 Demo          comma decimal (only in the colon form)
    00:10:00 - 00:12:30 Plan   a region; "-->" and en/em dashes work too
    2026-03-04T10:15:30Z Goal  an absolute ISO 8601 time (a space may replace the T)

A dash between two times makes a region only when both times are written alike (both
with colons, both plain seconds, or both ISO); ``00:10 - 5 tips`` is a point labelled
``5 tips``. ``-->`` always makes a region.

Audacity label tracks: ``start<TAB>end<TAB>label`` in seconds; a line starting with a
backslash carries the label's frequency range and is skipped, as are blank lines and
lines starting with ``#``.
"""

from __future__ import annotations

import re

from highlights.ingest.marker_common import MarkerContext
from highlights.models import Marker
from highlights.timecodes import ISO_DATETIME_PATTERN, is_datetime, parse_seconds

_TIME_RE = re.compile(
    rf"(?:{ISO_DATETIME_PATTERN}|-?\d+(?::\d+)+(?:[.,]\d+)?|-?\d+(?:\.\d+)?)"
    r"(?=$|\s|[-–—,;|]|:(?:\s|$))"
)
_DATE_START_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_REGION_SEP_RE = re.compile(r"\s*(-->|[-–—])\s*")
_LABEL_SEP_RE = re.compile(r"^\s*(?:[-–—,;|:](?:\s+|$)|[,;|])?\s*")
_AUDACITY_NUM = r"-?\d+(?:[.,]\d+)?"
AUDACITY_LINE_RE = re.compile(rf"{_AUDACITY_NUM}\t{_AUDACITY_NUM}(?:\t.*)?")
"""A line of an Audacity label track."""


def is_text_marker_line(line: str) -> bool:
    """True when ``line`` starts with something shaped like a time (used to sniff a format)."""
    return _TIME_RE.match(line.strip()) is not None


def _style(token: str) -> str:
    if is_datetime(token):
        return "iso"
    return "clock" if ":" in token else "seconds"


def parse_text_line(text: str, line: int, ctx: MarkerContext) -> Marker:
    """One marker from one line of text: ``time [label]`` or ``time - time [label]``."""
    s = text.strip()
    first = _TIME_RE.match(s)
    if first is not None and _DATE_START_RE.match(s) and not is_datetime(first.group()):
        first = None
    if first is None:
        word = s.split()[0] if s.split() else s
        if not any(c.isdigit() for c in word):
            raise ctx.error(f"expected a time at the start of the line, got {word!r}", line)
        ctx.time(word, line)  # raises with the reason when the word is not a time
        raise ctx.error(f"garbled time {word!r}", line)
    start = ctx.time(first.group(), line)
    end: int | None = None
    rest = s[first.end() :]
    sep = _REGION_SEP_RE.match(rest)
    if sep is not None:
        second = _TIME_RE.match(rest, sep.end())
        if sep.group(1) == "-->":
            if second is None:
                raise ctx.error(f"expected an end time after '-->' in {s!r}", line)
        elif second is not None and _style(second.group()) != _style(first.group()):
            second = None
        if second is not None:
            end = ctx.time(second.group(), line, what="end time")
            rest = rest[second.end() :]
    label = _LABEL_SEP_RE.sub("", rest, count=1)
    return ctx.marker(start, end, label, line)


def read_text(text: str, ctx: MarkerContext) -> list[Marker]:
    """Markers of a plain text file."""
    markers: list[Marker] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        s = raw.strip()
        if not s or s.startswith("#"):
            continue
        markers.append(parse_text_line(s, number, ctx))
    return markers


def _audacity_seconds(field: str, line: int, ctx: MarkerContext, what: str) -> int:
    try:
        ms = parse_seconds(field)
    except ValueError as exc:
        raise ctx.error(f"garbled {what}: {exc}", line) from None
    return ctx.checked(ms, line, what=what)


def read_audacity(text: str, ctx: MarkerContext) -> list[Marker]:
    """Markers of an Audacity label track; a label whose start equals its end is a point."""
    markers: list[Marker] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip() or raw.startswith(("\\", "#")):
            continue
        parts = raw.split("\t", 2)
        if len(parts) < 2:
            raise ctx.error(
                f"expected start<TAB>end<TAB>label (seconds), got {raw.strip()!r}", number
            )
        start = _audacity_seconds(parts[0], number, ctx, "start time")
        end = _audacity_seconds(parts[1], number, ctx, "end time")
        label = parts[2] if len(parts) > 2 else ""
        markers.append(ctx.marker(start, end, label, number))
    return markers
