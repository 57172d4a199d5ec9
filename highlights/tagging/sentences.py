"""From utterances to the text chunks the pipeline splits into statements, with their times.

An utterance becomes one chunk, or several when its word timings show a pause of at least
``pause_split_ms`` (ASR output often has no punctuation to split on). Chunk text is cleaned:
disfluency markup (``<vocalsound>``, ``<disfmarker>``, ``{laugh}``, ``[inaudible]``) and
fillers (``um``, ``uh``...) are removed, and a word said twice in a row ("I I think", "the the
plan") is kept once, so they neither break nor trigger a rule, and the statement shows the
same cleaned text the rules saw. Backchannels that answer something ("mm-hmm", "uh-huh",
"oh") are words, not fillers, and stay.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from highlights.models import Utterance

FILLERS: frozenset[str] = frozenset(
    {"um", "umm", "uhm", "uh", "uhh", "er", "erm", "eh", "hmm", "hm", "mm", "mmm", "ah"}
)

_MARKUP = re.compile(r"<[^<>]*>|\{[^{}]*\}|\[[^\[\]]*\]")
_FILLER = re.compile(
    r"(?<![\w'’-])(?:"
    + "|".join(sorted(FILLERS, key=len, reverse=True))
    + r")(?![\w'’-])(?:\s*,)?",
    re.IGNORECASE,
)
_COMMA_BEFORE_PUNCT = re.compile(r",(\s*[,.!?;])")
_STOP_BEFORE_PUNCT = re.compile(r"([.!?;])(?:\s+[.!?,;])+")
_QUOTES = str.maketrans({"’": "'", "‘": "'"})
_LEADING_PUNCT = re.compile(r"^[\s,;:.!?]+")
_SPACES = re.compile(r"\s+")
_WORD_CHARS = re.compile(r"[^\w'’-]+")
# A clitic written apart, as ICSI transcripts do ("I 'm", "we 've", "do n't"): the tokenizer
# only knows it attached ("I'm" gives "I" + "'m", "I 'm" gives "I" + "'" + "m").
_SPLIT_CLITIC = re.compile(r"(?<=\w) ('(?:m|ve|s|re|ll|d)|n't)(?![\w'’-])", re.IGNORECASE)
# A word (letters, maybe an apostrophe) said again right after itself: "the the", "I I".
_REPEAT = re.compile(r"(?<![\w'’-])([^\W\d_][\w']*)(?:\s+\1)+(?![\w'’-])", re.IGNORECASE)


def clean_text(text: str) -> str:
    """Text without markup, fillers and repeated words, whitespace collapsed, no stray
    leading punctuation.

    HTML entities are decoded first (``&lt;pause&gt;`` is markup too), curly apostrophes
    become straight ones, so "I’ll" and "I'll" match the same rules, and clitics written apart
    are attached ("I 'm" becomes "I'm", "ca n't" becomes "can't").
    """
    text = _MARKUP.sub(" ", html.unescape(text).translate(_QUOTES))
    text = _FILLER.sub(" ", text)
    text = _SPACES.sub(" ", text)
    text = _SPLIT_CLITIC.sub(r"\1", text)
    text = _REPEAT.sub(r"\1", text)
    previous = None
    while previous != text:
        previous = text
        text = _COMMA_BEFORE_PUNCT.sub(r"\1", text)
        text = _STOP_BEFORE_PUNCT.sub(r"\1", text)
    text = _SPACES.sub(" ", text)
    return _LEADING_PUNCT.sub("", text).strip()


def is_filler(word: str) -> bool:
    """True for a word that is only a filler or only markup ("um,", "<pause>")."""
    unmarked = _MARKUP.sub("", html.unescape(word))
    return _WORD_CHARS.sub("", unmarked).lower() in FILLERS or not unmarked.strip()


@dataclass(frozen=True, slots=True)
class Chunk:
    """Cleaned text of (part of) one utterance, and how its characters map to time.

    ``words`` holds ``(start_char, end_char, start_ms, end_ms)`` per timed word; it is empty
    when the utterance has no word timings, and times are then spread over the characters.
    """

    utterance_index: int
    speaker: str | None
    text: str
    start_ms: int
    end_ms: int
    words: tuple[tuple[int, int, int, int], ...] = ()

    def times(self, start_char: int, end_char: int) -> tuple[int, int]:
        """Start and end (ms) of the characters ``start_char:end_char`` of the text."""
        if self.words:
            inside = [w for w in self.words if w[0] < end_char and w[1] > start_char]
            if inside:
                return min(w[2] for w in inside), max(w[3] for w in inside)
        length = max(len(self.text), 1)
        duration = max(self.end_ms - self.start_ms, 0)
        start = self.start_ms + (duration * max(start_char, 0)) // length
        end = self.start_ms + -((-duration * min(end_char, length)) // length)
        return start, max(start, min(end, self.start_ms + duration))


def utterance_chunks(index: int, utterance: Utterance, pause_split_ms: int) -> list[Chunk]:
    """The chunks of one utterance: split at pauses when it has word timings."""
    if utterance.words:
        return _timed_chunks(index, utterance, pause_split_ms)
    text = clean_text(utterance.text)
    if not text:
        return []
    end_ms = max(utterance.end_ms, utterance.start_ms)
    return [Chunk(index, utterance.speaker, text, utterance.start_ms, end_ms)]


def _is_repeat(previous: str, word: str) -> bool:
    """True when ``word`` only says ``previous`` again ("the" after "the")."""
    return _REPEAT.fullmatch(f"{previous} {word}") is not None


def _timed_chunks(index: int, utterance: Utterance, pause_split_ms: int) -> list[Chunk]:
    groups: list[list[tuple[str, int, int]]] = []
    current: list[tuple[str, int, int]] = []
    previous_end: int | None = None
    first_ms = utterance.start_ms
    last_ms = max(utterance.end_ms, utterance.start_ms)
    for word in utterance.words:
        if previous_end is not None and word.start_ms - previous_end >= pause_split_ms and current:
            groups.append(current)
            current = []
        previous_end = word.end_ms if previous_end is None else max(previous_end, word.end_ms)
        if is_filler(word.text):
            continue
        text = clean_text(word.text) or word.text.strip()
        start = min(max(word.start_ms, first_ms), last_ms)
        end = min(max(word.end_ms, start), last_ms)
        if current and _is_repeat(current[-1][0], text):
            said, first_start, first_end = current[-1]
            current[-1] = (said, first_start, max(first_end, end))
            continue
        current.append((text, start, end))
    if current:
        groups.append(current)

    chunks: list[Chunk] = []
    for group in groups:
        parts: list[str] = []
        spans: list[tuple[int, int, int, int]] = []
        offset = 0
        for text, start, end in group:
            spans.append((offset, offset + len(text), start, end))
            parts.append(text)
            offset += len(text) + 1
        chunks.append(
            Chunk(
                utterance_index=index,
                speaker=utterance.speaker,
                text=" ".join(parts),
                start_ms=spans[0][2],
                end_ms=max(s[3] for s in spans),
                words=tuple(spans),
            )
        )
    return chunks
