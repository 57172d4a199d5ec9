"""Helpers shared by the transcript readers: text cleaning, times, speaker prefixes, words.

Every reader turns its source into a list of ``Utterance`` records with these helpers;
``highlights.ingest.transcripts`` sorts them into a ``Transcript``.
"""

from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from highlights.errors import TranscriptError
from highlights.models import Utterance, Word

#: Words further apart than this start a new utterance when words are grouped.
GAP_MS = 1500

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_TAG = re.compile(r"<[^>]*>")
_ASS_OVERRIDE = re.compile(r"\{\\[^}]*\}")
_SPACE = re.compile(r"\s+")
_CLOCK = re.compile(r"(?:(\d+):)?(\d+):(\d{1,2})(?:[.,](\d{1,3}))?")
_NAME_PREFIX = re.compile(r"(?P<name>[^\W\d_][\w'’.-]*(?: [\w'’.-]+){0,2}):\s+(?P<rest>\S.*)", re.S)
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


def split_lines(text: str) -> list[str]:
    """Lines of ``text``, split on CR, LF and CRLF only."""
    lines = _LINE_BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()
    return lines


def collapse(text: str) -> str:
    """Collapse runs of whitespace into one space and trim the ends."""
    return _SPACE.sub(" ", text).strip()


def clean_markup(text: str) -> str:
    """Plain text of subtitle markup: tags and ``{\\an8}`` overrides removed, entities unescaped.

    Tags are removed before entities are unescaped, so ``&lt;b&gt;`` stays as the text ``<b>``.
    """
    text = _ASS_OVERRIDE.sub("", _TAG.sub("", text))
    return collapse(html.unescape(text))


def split_name_prefix(text: str) -> tuple[str | None, str]:
    """Split a ``Name: text`` speaker prefix off a cue or line.

    A name is one to three words, the first a capitalised word, the others capitalised
    words or numbers (``Dana``, ``Dana Scully``, ``Speaker 1``), followed by a colon and
    a space. Anything else is left as text: ``(None, text)``.
    """
    match = _NAME_PREFIX.fullmatch(text)
    if match is None:
        return None, text
    name = match.group("name")
    words = name.split(" ")
    if not words[0][0].isupper():
        return None, text
    if not all(w[0].isupper() or w.isdigit() for w in words[1:]):
        return None, text
    return name, match.group("rest").strip()


def clock_ms(text: str) -> int | None:
    """Milliseconds of a clock time ``[h:]m:ss[.mmm]`` (``,`` also separates the fraction).

    With hours, minutes must be below 60; seconds are always below 60. The fraction is a
    decimal fraction (``1:02.5`` is 62.5 s). Returns None when the text is not such a time.
    """
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        return None
    hours_s, minutes_s, seconds_s, fraction = match.groups()
    hours = int(hours_s) if hours_s is not None else 0
    minutes, seconds = int(minutes_s), int(seconds_s)
    if seconds > 59 or (hours_s is not None and (minutes > 59 or len(minutes_s) > 2)):
        return None
    milli = int((fraction or "0").ljust(3, "0"))
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + milli


def seconds_to_ms(seconds: float) -> int:
    """Round a number of seconds to whole milliseconds, halves away from zero, as written."""
    value = Decimal(repr(float(seconds))).scaleb(3)
    return int(value.to_integral_value(rounding=ROUND_HALF_UP))


def is_number(value: object) -> bool:
    """True for a finite int or float that is not a bool."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value)
    except OverflowError:
        return False


def spread_words(text: str, start_ms: int, end_ms: int) -> list[Word]:
    """Words of ``text`` sharing ``start_ms``–``end_ms`` evenly, in order."""
    tokens = text.split()
    span = max(end_ms - start_ms, 0)
    n = len(tokens)
    return [
        Word(token, start_ms + span * i // n, start_ms + span * (i + 1) // n)
        for i, token in enumerate(tokens)
    ]


def estimate_duration_ms(text: str) -> int:
    """How long saying ``text`` takes at about 2.5 words a second, at least one second."""
    return max(1000, round(len(text.split()) / 2.5 * 1000))


@dataclass(frozen=True, slots=True)
class SpokenWord:
    """A word with the speaker who said it, before words are grouped into utterances."""

    speaker: str | None
    word: Word


def group_words(
    words: Iterable[SpokenWord],
    *,
    breaks_ms: Sequence[int] = (),
    split_sentences: bool = False,
    gap_ms: int = GAP_MS,
) -> list[Utterance]:
    """Group words into utterances.

    A new utterance starts when the speaker changes, when the silence before a word is
    longer than ``gap_ms``, when a word starts at or after the next time in ``breaks_ms``
    (paragraph starts), and, with ``split_sentences``, after a word that ends a sentence.
    """
    breaks = sorted(breaks_ms)
    next_break = 0
    utterances: list[Utterance] = []
    current: list[SpokenWord] = []

    def flush() -> None:
        if current:
            utterances.append(
                Utterance(
                    speaker=current[0].speaker,
                    start_ms=current[0].word.start_ms,
                    end_ms=max(w.word.end_ms for w in current),
                    text=collapse(" ".join(w.word.text for w in current)),
                    words=tuple(w.word for w in current),
                )
            )
            current.clear()

    for spoken in words:
        start = spoken.word.start_ms
        crossed = False
        while next_break < len(breaks) and start >= breaks[next_break]:
            next_break += 1
            crossed = True
        if current:
            last = current[-1]
            if (
                crossed
                or spoken.speaker != last.speaker
                or start - last.word.end_ms > gap_ms
                or (split_sentences and _SENTENCE_END.search(last.word.text) is not None)
            ):
                flush()
        current.append(spoken)
    flush()
    return utterances


def transcript_error(path: Path, message: str, line: int | None = None) -> TranscriptError:
    """A ``TranscriptError`` about ``path`` (and ``line`` when known)."""
    return TranscriptError(message, path=path, line=line)
