"""Subtitle transcripts: WebVTT, SubRip (SRT) and YouTube SBV.

The files are split into blocks here, keeping line numbers, so that every malformed block
is reported with its line (``webvtt-py`` skips such blocks without saying where). WebVTT cue
timings are read with ``webvtt.Caption``, which accepts the short MS Teams form ``0:0:1.5``.

Speakers:

* WebVTT: a ``<v Name>`` voice span names the speaker of the text after it, closed or not;
  a cue with several voice spans gives one utterance per voice, all with the cue's times.
  A cue without a voice whose text starts ``Name: `` takes that name for itself only.
* SRT and SBV: a cue whose text starts ``Name: `` takes that name, and so do the cues after
  it until another prefix appears, as a turn usually runs over several cues
  (``Travis: When you first get`` / ``started in podcasting, it's``).

WebVTT inline timestamps (``this<00:05:04.199><c> will</c>``) give word times. Files that have
them are rolling auto-captions, where a cue repeats the last line of the cue before; that
repeated line is dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import webvtt
from webvtt.errors import MalformedCaptionError

from highlights.ingest.transcript_common import (
    clean_markup,
    clock_ms,
    split_lines,
    split_name_prefix,
    spread_words,
    transcript_error,
)
from highlights.models import Utterance, Word

_VTT_TIMING = re.compile(r"\s*([\d:.,]+)\s*-->\s*([\d:.,]+)(?:[ \t].*)?")
_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}[,.]\d{1,3}"
_SRT_TIMING = re.compile(rf"\s*({_TIME})\s*-->\s*({_TIME})(?:[ \t].*)?")
_SBV_TIME = r"\d+:\d{1,2}:\d{1,2}\.\d{1,3}"
_SBV_TIMING = re.compile(rf"\s*({_SBV_TIME})\s*,\s*({_SBV_TIME})\s*")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)*(?:[ \t]+([^>]*))?>|</v\s*>")
_INLINE_TIME = re.compile(r"<((?:\d+:)?\d{2}:\d{2}\.\d{3})>")

Line = tuple[int, str]


@dataclass(frozen=True, slots=True)
class _Cue:
    start_ms: int
    end_ms: int
    payload: tuple[str, ...]


def _blocks(lines: list[Line], starts_cue: Callable[[str], bool]) -> Iterator[list[Line]]:
    """Blocks of non-blank lines.

    A blank line (or one of only whitespace) ends a block. A cue timing line that cannot
    belong to the current block (it already has a timing line, or more than one line)
    starts the next block, taking along a cue number on the line just before it.
    """
    block: list[Line] = []
    has_timing = False
    for number, line in lines:
        if not line.strip():
            if block:
                yield block
            block, has_timing = [], False
            continue
        if block and starts_cue(line) and (has_timing or len(block) > 1):
            carried: list[Line] = []
            if len(block) > 1 and block[-1][1].strip().isdigit():
                carried = [block.pop()]
            yield block
            block, has_timing = carried, False
        block.append((number, line))
        has_timing = has_timing or starts_cue(line)
    if block:
        yield block


def _timing_index(block: list[Line], starts_cue: Callable[[str], bool]) -> int | None:
    """Where a block's timing line is: first, or second after an identifier or number."""
    if starts_cue(block[0][1]):
        return 0
    if len(block) > 1 and starts_cue(block[1][1]):
        return 1
    return None


def _ordered(start_ms: int, end_ms: int) -> tuple[int, int]:
    """A cue whose end comes before its start (a slip seen in real exports) is read with
    its two times swapped rather than refused: the text is still worth having."""
    return (end_ms, start_ms) if end_ms < start_ms else (start_ms, end_ms)


# --------------------------------------------------------------------------- WebVTT


def _vtt_times(path: Path, number: int, line: str) -> tuple[int, int]:
    match = _VTT_TIMING.fullmatch(line)
    if match is None:
        raise transcript_error(path, f"malformed cue timing line {line.strip()!r}", number)
    start, end = (t.replace(",", ".") for t in match.groups())
    try:
        caption = webvtt.Caption(start, end)
    except MalformedCaptionError as exc:
        raise transcript_error(path, f"malformed cue timing: {exc}", number) from None
    start_ms: int = caption.start_time.in_milliseconds()
    end_ms: int = caption.end_time.in_milliseconds()
    return _ordered(start_ms, end_ms)


def _vtt_cues(path: Path, lines: list[str]) -> Iterator[_Cue]:
    if not lines or not lines[0].lstrip("\ufeff").startswith("WEBVTT"):
        raise transcript_error(path, "not a WebVTT file: the first line must be WEBVTT", 1)
    numbered = list(enumerate(lines, start=1))
    body = 1
    while body < len(numbered) and numbered[body][1].strip() and "-->" not in numbered[body][1]:
        body += 1

    def is_timing(line: str) -> bool:
        return "-->" in line

    for block in _blocks(numbered[body:], is_timing):
        first = block[0][1]
        if first.startswith("NOTE") and first[4:5] in ("", " ", "\t"):
            continue
        if first.rstrip() in ("STYLE", "REGION") and not any("-->" in t for _, t in block):
            continue
        at = _timing_index(block, is_timing)
        if at is None:
            raise transcript_error(
                path, f"cue text without a timing line: {first.strip()!r}", block[0][0]
            )
        number, timing = block[at]
        start_ms, end_ms = _vtt_times(path, number, timing)
        yield _Cue(start_ms, end_ms, tuple(text for _, text in block[at + 1 :]))


def _voice_segments(raw: str) -> list[tuple[str | None, str]]:
    """Split cue text at voice spans: ``(voice, raw text)`` pairs, empty ones left out."""
    segments: list[tuple[str | None, str]] = []
    voice: str | None = None
    pos = 0
    for match in _VOICE.finditer(raw):
        segments.append((voice, raw[pos : match.start()]))
        if match.group(0).startswith("</"):
            voice = None
        else:
            voice = clean_markup(match.group(1) or "") or None
        pos = match.end()
    segments.append((voice, raw[pos:]))
    merged: list[tuple[str | None, str]] = []
    for voice, text in segments:
        if not clean_markup(text):
            continue
        if merged and merged[-1][0] == voice:
            merged[-1] = (voice, merged[-1][1] + "\n" + text)
        else:
            merged.append((voice, text))
    return merged


def _inline_words(raw: str, start_ms: int, end_ms: int) -> tuple[Word, ...]:
    """Words timed by inline ``<mm:ss.ttt>`` timestamps; none when the times are out of order."""
    parts = _INLINE_TIME.split(raw)
    if len(parts) == 1:
        return ()
    times = [start_ms]
    for stamp in parts[1::2]:
        ms = clock_ms(stamp)
        if ms is None:
            return ()
        times.append(ms)
    times.append(end_ms)
    if any(later < earlier for earlier, later in pairwise(times)):
        return ()
    words: list[Word] = []
    for i, chunk in enumerate(parts[0::2]):
        words.extend(spread_words(clean_markup(chunk), times[i], times[i + 1]))
    return tuple(words)


def read_vtt(text: str, path: Path) -> list[Utterance]:
    """Utterances of a WebVTT file (see the module docstring for speakers and words)."""
    rolling = _INLINE_TIME.search(text) is not None
    previous_last = ""
    utterances: list[Utterance] = []
    for cue in _vtt_cues(path, split_lines(text)):
        lines = list(cue.payload)
        if rolling and lines:
            last = clean_markup(lines[-1])
            if previous_last and clean_markup(lines[0]) == previous_last:
                lines = lines[1:]
            previous_last = last
        for voice, raw in _voice_segments("\n".join(lines)):
            speaker, body = voice, clean_markup(raw)
            if speaker is None:
                speaker, body = split_name_prefix(body)
            words = _inline_words(raw, cue.start_ms, cue.end_ms)
            utterances.append(Utterance(speaker, cue.start_ms, cue.end_ms, body, words))
    return utterances


# --------------------------------------------------------------------------- SRT and SBV


def _clock_times(path: Path, number: int, match: re.Match[str]) -> tuple[int, int]:
    start_ms, end_ms = clock_ms(match.group(1)), clock_ms(match.group(2))
    if start_ms is None or end_ms is None:
        raise transcript_error(path, f"invalid time in {match.group(0).strip()!r}", number)
    return _ordered(start_ms, end_ms)


def _clock_cues(path: Path, text: str, fmt: str) -> Iterator[_Cue]:
    numbered = list(enumerate(split_lines(text.lstrip("\ufeff")), start=1))
    if fmt == "srt":
        pattern, expected = _SRT_TIMING, "hh:mm:ss,mmm --> hh:mm:ss,mmm"

        def is_timing(line: str) -> bool:
            return "-->" in line

    else:
        pattern, expected = _SBV_TIMING, "h:mm:ss.mmm,h:mm:ss.mmm"

        def is_timing(line: str) -> bool:
            return _SBV_TIMING.fullmatch(line) is not None

    for block in _blocks(numbered, is_timing):
        at = _timing_index(block, is_timing)
        if at is None:
            number, line = block[0]
            if line.strip().isdigit() and len(block) > 1:
                number, line = block[1]
            raise transcript_error(
                path, f"expected a timing line {expected}, found {line.strip()!r}", number
            )
        number, timing = block[at]
        match = pattern.fullmatch(timing)
        if match is None:
            raise transcript_error(path, f"malformed timing line {timing.strip()!r}", number)
        start_ms, end_ms = _clock_times(path, number, match)
        yield _Cue(start_ms, end_ms, tuple(line for _, line in block[at + 1 :]))


def read_srt(text: str, path: Path) -> list[Utterance]:
    """Utterances of a SubRip file; ``Name:`` prefixes carry over to the cues after them."""
    return _read_clock_subtitles(_clock_cues(path, text, "srt"))


def read_sbv(text: str, path: Path) -> list[Utterance]:
    """Utterances of a YouTube SBV file; ``Name:`` prefixes carry over as in SRT."""
    return _read_clock_subtitles(_clock_cues(path, text, "sbv"))


def _read_clock_subtitles(cues: Iterator[_Cue]) -> list[Utterance]:
    utterances: list[Utterance] = []
    speaker: str | None = None
    for cue in cues:
        body = clean_markup("\n".join(cue.payload))
        if not body:
            continue
        named, body = split_name_prefix(body)
        if named is not None:
            speaker = named
        utterances.append(Utterance(speaker, cue.start_ms, cue.end_ms, body))
    return utterances
