"""Plain text transcripts: one utterance per line, each line starting with its time.

Accepted lines::

    [00:01:23] Dana: text          00:01:23 Dana: text         00:01:23 - Dana: text
    [1:23] text                    (1:23) text                 00:01:23.250 text
    [00:01:23 - 00:01:30] Dana: text   (an explicit end time)

A time is ``h:mm:ss`` or ``m:ss``, with an optional ``.mmm`` (or ``,mmm``) fraction. A
``Name:`` prefix of one to three capitalised words after the time names the speaker of
that line only; without one the speaker is unknown.

An utterance without an explicit end lasts until the next later start time; the last one
lasts as long as its words take at about 2.5 words a second (at least one second). A time
alone on a line ends the utterance before it and starts an empty one, which indented
lines after it can fill.

Blank lines and lines starting with ``#`` are skipped. A line starting with whitespace
continues the utterance above it. Any other line must start with a time; one that does
not is an error naming its line, as are an impossible time (``00:75:00``) and a time
earlier than the line before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from highlights.ingest.transcript_common import (
    clock_ms,
    collapse,
    estimate_duration_ms,
    split_lines,
    split_name_prefix,
    transcript_error,
)
from highlights.models import Utterance

_TIME = r"\d+:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"


def _range(tag: str) -> str:
    """A start time, optionally followed by an end time, in groups named after ``tag``."""
    return rf"(?P<{tag}start>{_TIME})(?:\s*(?:-->|-|–|—|to)\s*(?P<{tag}end>{_TIME}))?"


_TIMED_LINE = re.compile(
    rf"(?:\[\s*{_range('b')}\s*\]|\(\s*{_range('p')}\s*\)|{_range('t')}(?=\s|$))"
    r"\s*(?:[-–—|]\s+)?(?P<rest>.*)",
    re.S,
)


@dataclass(slots=True)
class _Pending:
    start_ms: int
    end_ms: int | None
    speaker: str | None
    parts: list[str] = field(default_factory=list)


def _time(path: Path, number: int, text: str) -> int:
    ms = clock_ms(text)
    if ms is None:
        raise transcript_error(path, f"invalid time {text!r}", number)
    return ms


def read_text(text: str, path: Path) -> list[Utterance]:
    """Utterances of a plain text transcript (see the module docstring for the rules)."""
    pending: list[_Pending] = []
    for number, line in enumerate(split_lines(text.lstrip("\ufeff")), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        if line[0].isspace():
            if not pending:
                raise transcript_error(
                    path, "indented line before the first line with a time", number
                )
            pending[-1].parts.append(line.strip())
            continue
        match = _TIMED_LINE.fullmatch(line.rstrip())
        if match is None:
            raise transcript_error(
                path,
                f"expected a line starting with a time such as [00:01:23], found {line.strip()!r}",
                number,
            )
        groups = match.groupdict()
        start_text = groups["bstart"] or groups["pstart"] or groups["tstart"]
        end_text = groups["bend"] or groups["pend"] or groups["tend"]
        start = _time(path, number, start_text)
        end = _time(path, number, end_text) if end_text else None
        if end is not None and end < start:
            raise transcript_error(path, "line ends before it starts", number)
        if pending and start < pending[-1].start_ms:
            raise transcript_error(path, "time is earlier than the line before", number)
        speaker, rest = split_name_prefix(collapse(groups["rest"]))
        pending.append(_Pending(start, end, speaker, [rest] if rest else []))

    utterances: list[Utterance] = []
    for i, item in enumerate(pending):
        body = collapse(" ".join(item.parts))
        end = item.end_ms
        if end is None:
            later = (p.start_ms for p in pending[i + 1 :] if p.start_ms > item.start_ms)
            end = next(later, item.start_ms + estimate_duration_ms(body))
        utterances.append(Utterance(item.speaker, item.start_ms, end, body))
    return utterances
