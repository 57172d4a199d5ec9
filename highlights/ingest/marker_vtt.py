"""WebVTT chapters or cues as markers: each cue is a region, its text (tags removed) the label.

The file must start with a ``WEBVTT`` line. ``NOTE``, ``STYLE`` and ``REGION`` blocks are
skipped; a cue is an optional identifier line, a ``start --> end [settings]`` line and its
text lines, which are joined with spaces after removing tags such as ``<v Speaker>`` and
decoding entities such as ``&amp;``. A marker's ``line`` is the line of its timing.
"""

from __future__ import annotations

import html
import re

from highlights.errors import UnknownFormatError
from highlights.ingest.marker_common import MarkerContext
from highlights.models import Marker

_HEADER_RE = re.compile(r"WEBVTT(?:[ \t].*)?")
_TIMING_RE = re.compile(r"(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t].*)?")
_TAG_RE = re.compile(r"<[^>]*>")
_SKIPPED_BLOCK_RE = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t].*)?")


def is_webvtt(text: str) -> bool:
    """True when ``text`` starts with a WebVTT header line."""
    return _HEADER_RE.fullmatch(text.split("\n", 1)[0].rstrip()) is not None


def _blocks(text: str) -> list[list[tuple[int, str]]]:
    blocks: list[list[tuple[int, str]]] = []
    current: list[tuple[int, str]] = []
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw.strip():
            current.append((number, raw.rstrip()))
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def _label(lines: list[tuple[int, str]]) -> str:
    text = " ".join(html.unescape(_TAG_RE.sub("", t)) for _, t in lines)
    return " ".join(text.split())


def read_webvtt(text: str, ctx: MarkerContext) -> list[Marker]:
    """Markers of a WebVTT file, one region per cue."""
    if not is_webvtt(text):
        raise UnknownFormatError("a WebVTT file must start with a 'WEBVTT' line", path=ctx.path)
    markers: list[Marker] = []
    for block in _blocks(text)[1:]:
        if _SKIPPED_BLOCK_RE.fullmatch(block[0][1]):
            continue
        at = 0 if "-->" in block[0][1] else 1
        if at >= len(block) or "-->" not in block[at][1]:
            raise ctx.error(
                f"expected a cue timing line 'start --> end', got {block[0][1].strip()!r}",
                block[0][0],
            )
        line, timing = block[at]
        match = _TIMING_RE.fullmatch(timing.strip())
        if match is None:
            raise ctx.error(f"garbled cue timing {timing.strip()!r}", line)
        start = ctx.time(match[1], line)
        end = ctx.time(match[2], line, what="end time")
        markers.append(ctx.marker(start, end, _label(block[at + 1 :]), line))
    return markers
