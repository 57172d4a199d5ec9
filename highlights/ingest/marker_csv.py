"""CSV marker files: ``time[,end][,label]``, with or without a header row.

A header is recognised by its names, in any order and any case: a start column
(``start``, ``time``, ``at``, ``start time``, ``timestamp``, ``timecode``, ``begin``), an
optional end column (``end``, ``end time``, ``stop``, ``until``) and an optional label column
(``label``, ``title``, ``note``, ``text``, ``comment``, ``description``, ``name``); other
columns are ignored. A name ending in ``ms`` (``start_ms``, ``end_ms``) holds integer
milliseconds. Without a header, the first column is the time; the second is an end time
when every row's second cell is a time or empty, and the label otherwise; the label runs to
the end of the row: cells after it (an unquoted label with commas) are joined back with
", "; with a header, the same holds when the label is the last column. Time cells may be
relative or ISO 8601 absolute times. Rows whose first cell starts with ``#`` are skipped.
The delimiter is a comma, or a semicolon or tab when the first row has one of those and
no comma.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from highlights.ingest.marker_common import (
    END_NAMES,
    LABEL_NAMES,
    START_NAMES,
    MarkerContext,
    field_key,
)
from highlights.models import Marker
from highlights.timecodes import is_datetime, parse_timecode


def is_header(cells: list[str]) -> bool:
    """True when ``cells`` look like the header row of a marker CSV file."""
    if not cells or cells[0].strip()[:1].isdigit():
        return False
    keys = [field_key(c)[0] for c in cells]
    return any(k in START_NAMES + END_NAMES + LABEL_NAMES for k in keys)


@dataclass(frozen=True, slots=True)
class _Columns:
    start: int
    end: int | None
    label: int | None
    start_ms: bool = False
    end_ms: bool = False
    join_extra: bool = False


def _columns_from_header(cells: list[str], line: int, ctx: MarkerContext) -> _Columns:
    start = end = label = None
    start_ms = end_ms = False
    for index, cell in enumerate(cells):
        key, in_ms = field_key(cell)
        if key in START_NAMES and start is None:
            start, start_ms = index, in_ms
        elif key in END_NAMES and end is None:
            end, end_ms = index, in_ms
        elif key in LABEL_NAMES and label is None:
            label = index
    if start is None:
        found = ", ".join(repr(c) for c in cells)
        raise ctx.error(f"the header has no start/time column (found {found})", line)
    return _Columns(start, end, label, start_ms, end_ms, label == len(cells) - 1)


def _cell_is_time(cell: str) -> bool:
    if not cell.strip() or is_datetime(cell):
        return True
    try:
        parse_timecode(cell)
    except ValueError:
        return False
    return True


def _positional(rows: list[tuple[int, list[str]]], ctx: MarkerContext) -> _Columns:
    if max(len(cells) for _, cells in rows) == 1:
        return _Columns(0, None, None)
    if all(len(c) < 2 or _cell_is_time(c[1]) for _, c in rows):
        return _Columns(0, 1, 2, join_extra=True)
    return _Columns(0, None, 1, join_extra=True)


def _delimiter(text: str) -> str:
    first = next((ln for ln in text.split("\n") if ln.strip()), "")
    if "," not in first:
        if ";" in first:
            return ";"
        if "\t" in first:
            return "\t"
    return ","


def _time_cell(cell: str, in_ms: bool, line: int, ctx: MarkerContext, what: str) -> int:
    if not in_ms:
        return ctx.time(cell, line, what=what)
    try:
        return ctx.checked(int(cell.strip()), line, what=what)
    except ValueError:
        message = f"garbled {what}: {cell.strip()!r} is not whole milliseconds"
        raise ctx.error(message, line) from None


def _rows(text: str, ctx: MarkerContext) -> list[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text), delimiter=_delimiter(text), skipinitialspace=True)
    rows: list[tuple[int, list[str]]] = []
    previous = 0
    try:
        for cells in reader:
            line, previous = previous + 1, reader.line_num
            if not any(c.strip() for c in cells) or cells[0].lstrip().startswith("#"):
                continue
            rows.append((line, cells))
    except csv.Error as exc:
        raise ctx.error(f"malformed CSV: {exc}", reader.line_num) from None
    return rows


def read_csv(text: str, ctx: MarkerContext) -> list[Marker]:
    """Markers of a CSV file."""
    rows = _rows(text, ctx)
    if not rows:
        return []
    first_line, first_cells = rows[0]
    if is_header(first_cells):
        columns = _columns_from_header(first_cells, first_line, ctx)
        rows = rows[1:]
    else:
        columns = _positional(rows, ctx)
    markers: list[Marker] = []
    for line, cells in rows:
        if columns.start >= len(cells) or not cells[columns.start].strip():
            raise ctx.error("the row has no start time", line)
        start = _time_cell(cells[columns.start], columns.start_ms, line, ctx, "time")
        end: int | None = None
        if columns.end is not None and columns.end < len(cells) and cells[columns.end].strip():
            end = _time_cell(cells[columns.end], columns.end_ms, line, ctx, "end time")
        label = ""
        if columns.label is not None and columns.label < len(cells):
            parts = cells[columns.label :] if columns.join_extra else [cells[columns.label]]
            label = ", ".join(p.strip() for p in parts)
        markers.append(ctx.marker(start, end, label, line))
    return markers
