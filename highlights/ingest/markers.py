"""Read highlight markers (the moments someone pressed "highlight") from a file.

One entry point, :func:`read_markers`, reads plain text, CSV, JSON (including Podcasting 2.0
chapters), Audacity label tracks and WebVTT, recognised by content first and by file name
second. Times become integer milliseconds from the start of the recording; ISO 8601
wall-clock times are resolved against ``recording_start``. When exactly one of a wall-clock
time and ``recording_start`` carries a time zone, the naive one is read as a wall-clock
time in the other's zone (both are taken to come from the same local clock).

Recognition, in order: a ``WEBVTT`` first line is WebVTT; a first line opening with ``[``
or ``{`` is JSON; then the name (``.json``, ``.csv``/``.tsv``, ``.vtt``); then the first
line that is not blank or a ``#`` comment: ``seconds<TAB>seconds`` is an Audacity label
track, a header naming a time/label column is CSV, a leading time is plain text. Any other
``.txt`` or marker-named file is read as plain text (so a bad line is reported by number);
anything else is an UnknownFormatError. An empty file has no markers, whatever its name.

Markers past the end of the recording are not checked here: the duration is not known to
this stage.
"""

from __future__ import annotations

import codecs
import csv
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from highlights.errors import InputNotFoundError, UnknownFormatError
from highlights.ingest.marker_common import MarkerContext
from highlights.ingest.marker_csv import is_header, read_csv
from highlights.ingest.marker_json import read_json
from highlights.ingest.marker_text import (
    AUDACITY_LINE_RE,
    is_text_marker_line,
    read_audacity,
    read_text,
)
from highlights.ingest.marker_vtt import is_webvtt, read_webvtt
from highlights.models import Marker, Markers

__all__ = ["FORMATS", "MARKER_SUFFIXES", "read_markers"]

MARKER_SUFFIXES: tuple[str, ...] = (
    "markers.txt",
    "labels.txt",
    "markers.csv",
    "markers.json",
    "chapters.json",
    "markers.vtt",
    "chapters.vtt",
)
"""Lower-case endings of file names that hold markers (``name.lower().endswith(...)``).

A bare ``.vtt`` or ``.txt`` is not listed: in a meeting folder it is as likely a transcript.
"""

FORMATS: tuple[str, ...] = ("text", "csv", "json", "audacity", "webvtt")
"""Names accepted by ``read_markers(format=...)``."""

_ALIASES = {
    "txt": "text",
    "plain": "text",
    "labels": "audacity",
    "vtt": "webvtt",
    "chapters": "json",
    "podcast-chapters": "json",
}

_SUFFIX_FORMATS = ((".json", "json"), (".csv", "csv"), (".tsv", "csv"), (".vtt", "webvtt"))


def _decode(path: Path) -> str:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError("marker file not found", path=path) from None
    except IsADirectoryError:
        raise InputNotFoundError("is a folder, not a marker file", path=path) from None
    except OSError as exc:
        message = f"cannot read the marker file: {exc.strerror}"
        raise InputNotFoundError(message, path=path) from None
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        elif b"\x00" in data:
            raise UnknownFormatError("binary data, not a marker file", path=path)
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise UnknownFormatError(
            f"not UTF-8 text (byte {exc.start}): not a marker file", path=path, line=line
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _first_content_line(text: str) -> str | None:
    for raw in text.split("\n"):
        if raw.strip() and not raw.lstrip().startswith("#"):
            return raw
    return None


def _by_suffix(path: Path) -> str | None:
    name = path.name.lower()
    return next((fmt for suffix, fmt in _SUFFIX_FORMATS if name.endswith(suffix)), None)


def _detect(path: Path, text: str) -> str:
    first = _first_content_line(text)
    if first is None:
        return _by_suffix(path) or "text"
    if is_webvtt(text):
        return "webvtt"
    if first.lstrip().startswith(("[", "{")):
        return "json"
    by_suffix = _by_suffix(path)
    if by_suffix is not None:
        return by_suffix
    if AUDACITY_LINE_RE.fullmatch(first.strip(" \n")):
        return "audacity"
    if is_header(next(csv.reader([first]))):
        return "csv"
    if is_text_marker_line(first) or path.name.lower().endswith((".txt", *MARKER_SUFFIXES)):
        return "text"
    raise UnknownFormatError(
        "not a marker file: expected plain text times, CSV, JSON, an Audacity label track "
        f"or WebVTT; the first line is {first.strip()[:60]!r}",
        path=path,
    )


def _normalise_format(name: str, path: Path) -> str:
    key = name.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in FORMATS:
        known = ", ".join(FORMATS)
        raise UnknownFormatError(f"unknown marker format {name!r} (known: {known})", path=path)
    return key


_READERS: dict[str, Callable[[str, MarkerContext], list[Marker]]] = {
    "text": read_text,
    "csv": read_csv,
    "audacity": read_audacity,
    "webvtt": read_webvtt,
}


def read_markers(
    path: str | Path,
    *,
    recording_start: datetime | None = None,
    format: str | None = None,
) -> Markers:
    """Read the markers of one file, sorted by start time (ties keep file order).

    ``format`` forces one of :data:`FORMATS` (aliases: ``txt``, ``vtt``, ``labels``,
    ``chapters``); by default the format is recognised from the content and the name.
    ``recording_start`` resolves ISO 8601 wall-clock times; without it such a time is an error.
    A file with no markers gives an empty :class:`Markers`. Identical markers are all kept.

    Raises InputNotFoundError (no such file), UnknownFormatError (not a marker file, or an
    unknown ``format``) and MarkerError (a bad line, naming the file, line and time).
    """
    p = Path(path)
    fmt = _normalise_format(format, p) if format is not None else None
    text = _decode(p)
    if fmt is None:
        fmt = _detect(p, text)
    ctx = MarkerContext(p, recording_start)
    found: list[Marker] = []
    if text.strip():
        if fmt == "json":
            fmt, found = read_json(text, ctx)
        else:
            found = _READERS[fmt](text, ctx)
    ordered = sorted(found, key=lambda m: m.start_ms)
    return Markers(source=str(path), format=fmt, markers=tuple(ordered))
