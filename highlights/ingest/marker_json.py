"""JSON marker files, including Podcasting 2.0 chapters.

Accepted shapes:

- a list of markers: ``[83.5, "00:01:23 Budget", {"time": "1:05", "label": "Hiring"}]``;
- ``{"markers": [...]}`` (also what ``Markers.to_dict()`` writes);
- Podcasting 2.0 chapters: ``{"chapters": [{"startTime": 168, "endTime"?: 260, "title": ...}]}``.

A number is seconds; a string is read like a line of a plain text marker file (a time, an
optional region end and an optional label). An object's start is its first ``start``,
``time``, ``at``, ``startTime``, ... key, its end an ``end``/``endTime``/``stop`` key, its
label the first of ``label``, ``title``, ``note``, ... present; ``start_ms``/``end_ms`` keys
hold integer milliseconds. A chapter without a title gets an empty label. Each marker's
``line`` is the line where its list item begins.
"""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from highlights.errors import UnknownFormatError
from highlights.ingest.marker_common import (
    END_NAMES,
    LABEL_NAMES,
    START_NAMES,
    MarkerContext,
    field_key,
)
from highlights.ingest.marker_text import parse_text_line
from highlights.models import Marker

_WS_RE = re.compile(r"[ \t\n\r]*")


class _LineCounter:
    """Line numbers of character offsets, counted forward incrementally."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.offset = 0
        self.line = 1

    def at(self, offset: int) -> int:
        self.line += self.text.count("\n", self.offset, offset)
        self.offset = offset
        return self.line


def _skip(text: str, i: int) -> int:
    match = _WS_RE.match(text, i)
    return match.end() if match else i


def item_lines(text: str, key: str | None) -> list[int]:
    """Line of each item of the top-level list, or of the list under ``key`` (last wins).

    ``text`` must be valid JSON; the walk only skips values to find where items begin.
    """
    decoder = json.JSONDecoder()
    i = _skip(text, 0)
    if key is not None:
        found = -1
        i = _skip(text, i + 1)
        while text[i] != "}":
            name, i = decoder.raw_decode(text, i)
            i = _skip(text, _skip(text, i) + 1)
            if name == key:
                found = i
            _, i = decoder.raw_decode(text, i)
            i = _skip(text, i)
            if text[i] == ",":
                i = _skip(text, i + 1)
        i = found
    counter = _LineCounter(text)
    lines: list[int] = []
    i = _skip(text, i + 1)
    while text[i] != "]":
        lines.append(counter.at(i))
        _, i = decoder.raw_decode(text, i)
        i = _skip(text, i)
        if text[i] == ",":
            i = _skip(text, i + 1)
    return lines


def _time_value(value: Any, in_ms: bool, line: int, ctx: MarkerContext, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, (int, Decimal, str)):
        raise ctx.error(f"garbled {what}: {json.dumps(_plain(value))} is not a time", line)
    if isinstance(value, str):
        return ctx.time(value, line, what=what)
    if in_ms:
        number = Decimal(value)
        if not number.is_finite() or number != number.to_integral_value():
            raise ctx.error(f"garbled {what}: {value} is not whole milliseconds", line)
        return ctx.checked(int(number), line, what=what)
    return ctx.seconds(value, line, what=what)


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


def _object_marker(obj: dict[str, Any], line: int, ctx: MarkerContext) -> Marker:
    start: tuple[Any, bool] | None = None
    end: tuple[Any, bool] | None = None
    labels: dict[str, Any] = {}
    for name, value in obj.items():
        key, in_ms = field_key(name)
        if key in START_NAMES and start is None:
            start = (value, in_ms)
        elif key in END_NAMES and end is None:
            end = (value, in_ms)
        elif key in LABEL_NAMES:
            labels.setdefault(key, value)
    if start is None or start[0] is None:
        names = ", ".join(repr(k) for k in obj) or "none"
        raise ctx.error(f"the object has no time/start/at key (keys: {names})", line)
    start_ms = _time_value(start[0], start[1], line, ctx, "time")
    end_ms = None
    if end is not None and end[0] is not None:
        end_ms = _time_value(end[0], end[1], line, ctx, "end time")
    label_value = next((labels[k] for k in LABEL_NAMES if labels.get(k) is not None), "")
    label = label_value if isinstance(label_value, str) else json.dumps(_plain(label_value))
    return ctx.marker(start_ms, end_ms, label, line)


def _item_marker(item: Any, line: int, ctx: MarkerContext) -> Marker:
    if isinstance(item, dict):
        return _object_marker(item, line, ctx)
    if isinstance(item, str):
        if not item.strip():
            raise ctx.error("empty time", line)
        return parse_text_line(item, line, ctx)
    if isinstance(item, (int, Decimal)) and not isinstance(item, bool):
        return ctx.marker(ctx.seconds(item, line), None, "", line)
    shown = json.dumps(_plain(item))
    raise ctx.error(f"expected a number, a string or an object, got {shown}", line)


def read_json(text: str, ctx: MarkerContext) -> tuple[str, list[Marker]]:
    """The format name (``json`` or ``podcast-chapters``) and the markers of a JSON file."""
    try:
        data = json.loads(text, parse_float=Decimal, parse_constant=Decimal)
    except json.JSONDecodeError as exc:
        raise ctx.error(f"malformed JSON: {exc.msg} (column {exc.colno})", exc.lineno) from None
    except RecursionError:
        raise ctx.error("malformed JSON: nested too deeply", None) from None
    fmt, key = "json", None
    if isinstance(data, dict):
        if isinstance(data.get("markers"), list):
            key = "markers"
        elif isinstance(data.get("chapters"), list):
            fmt, key = "podcast-chapters", "chapters"
        else:
            raise UnknownFormatError(
                "a JSON marker file is a list, or an object with a 'markers' or 'chapters' "
                f"list; this object has keys {', '.join(repr(k) for k in data) or 'none'}",
                path=ctx.path,
            )
        items = data[key]
    elif isinstance(data, list):
        items = data
    else:
        raise UnknownFormatError(
            "a JSON marker file is a list, or an object with a 'markers' or 'chapters' list",
            path=ctx.path,
        )
    lines = item_lines(text, key)
    return fmt, [_item_marker(item, line, ctx) for item, line in zip(items, lines, strict=True)]
