"""JSON transcripts: whisper / whisperX, Deepgram, AssemblyAI and Podcasting 2.0.

Times are seconds in whisper, Deepgram and Podcasting 2.0 files and milliseconds in
AssemblyAI files. A JSON file has no line numbers once parsed, so structural errors name
the element instead (``segments[3].start``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

from highlights.errors import TranscriptError
from highlights.ingest.transcript_common import (
    SpokenWord,
    collapse,
    group_words,
    is_number,
    seconds_to_ms,
    spread_words,
    transcript_error,
)
from highlights.models import Utterance, Word

JSON_FORMATS = ("whisper", "deepgram", "assemblyai", "podcast-json")

ToMs = Callable[[float], int]


def load_json(text: str, path: Path) -> Any:
    """Parse JSON text, reporting a syntax error with its line."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise transcript_error(
            path, f"invalid JSON: {exc.msg} (column {exc.colno})", exc.lineno
        ) from None
    except RecursionError:
        raise transcript_error(path, "invalid JSON: nested too deeply") from None


def json_format(data: Any) -> str | None:
    """Which transcript format parsed JSON data is in, or None when it is none of them."""
    if isinstance(data, list):
        if data and all(isinstance(s, dict) and "start" in s and "text" in s for s in data):
            return "whisper"
        return None
    if not isinstance(data, dict):
        return None
    results = data.get("results")
    if isinstance(results, dict) and ("channels" in results or "utterances" in results):
        return "deepgram"
    segments = data.get("segments")
    if isinstance(segments, list):
        first = next((s for s in segments if isinstance(s, dict)), None)
        if "version" in data or (first is not None and ("startTime" in first or "body" in first)):
            return "podcast-json"
        if first is None or "start" in first:
            return "whisper"
    if "utterances" in data or isinstance(data.get("words"), list):
        return "assemblyai"
    return None


# --------------------------------------------------------------------------- field access


class _Fields:
    """Typed access to JSON values, raising ``TranscriptError`` naming the element."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, where: str, message: str) -> TranscriptError:
        return transcript_error(self.path, f"{where}: {message}")

    def obj(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, found {type(value).__name__}")
        return value

    def items(self, value: Any, where: str) -> list[Any]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(where, f"expected a list, found {type(value).__name__}")
        return value

    def text(self, value: Any, where: str) -> str:
        if value is None:
            return ""
        if not isinstance(value, str):
            raise self.fail(where, f"expected text, found {type(value).__name__}")
        return collapse(value)

    def time(self, item: dict[str, Any], key: str, where: str, to_ms: ToMs) -> int:
        value: Any = item.get(key)
        if not is_number(value) or value < 0:
            raise self.fail(f"{where}.{key}", f"expected a time of zero or more, found {value!r}")
        return to_ms(value)

    def span(
        self, item: dict[str, Any], keys: tuple[str, str], where: str, to_ms: ToMs
    ) -> tuple[int, int]:
        start = self.time(item, keys[0], where, to_ms)
        end = self.time(item, keys[1], where, to_ms)
        if end < start:
            raise self.fail(where, "ends before it starts")
        return start, end


def _ms(value: float) -> int:
    """Whole milliseconds of a millisecond value, halves rounded up."""
    return math.floor(value + 0.5)


def _confidence(item: dict[str, Any], *keys: str) -> float | None:
    for key in keys:
        value: Any = item.get(key)
        if is_number(value):
            return float(value)
    return None


def _words(
    items: list[Any], text_keys: tuple[str, ...], to_ms: ToMs, conf_keys: tuple[str, ...]
) -> list[tuple[Any, Word]]:
    """Timed words of a word list, each with its source item; untimed words are left out."""
    words: list[tuple[Any, Word]] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        text = next((item[k] for k in text_keys if isinstance(item.get(k), str)), "")
        text = collapse(text)
        start: Any = item.get("start")
        end: Any = item.get("end")
        if not text or not is_number(start) or not is_number(end):
            continue
        start_ms, end_ms = to_ms(start), to_ms(end)
        if start_ms < 0 or end_ms < start_ms:
            continue
        words.append((item, Word(text, start_ms, end_ms, _confidence(item, *conf_keys))))
    return words


def _speaker(value: Any, prefix: str = "Speaker ") -> str | None:
    """A speaker label: ``prefix`` followed by the id (``Speaker 0``, ``Speaker A``)."""
    if isinstance(value, bool) or not isinstance(value, (int, str)) or value == "":
        return None
    return f"{prefix}{value}"


# --------------------------------------------------------------------------- whisper


def read_whisper(data: Any, path: Path) -> list[Utterance]:
    """Utterances of whisper / whisperX output: one per segment, words when timed."""
    f = _Fields(path)
    segments = f.items(
        data if isinstance(data, list) else f.obj(data, "the top level").get("segments"), "segments"
    )
    utterances: list[Utterance] = []
    for i, raw in enumerate(segments):
        where = f"segments[{i}]"
        seg = f.obj(raw, where)
        start, end = f.span(seg, ("start", "end"), where, seconds_to_ms)
        items = f.items(seg.get("words"), f"{where}.words")
        words = _words(
            items, ("word", "text"), seconds_to_ms, ("probability", "confidence", "score")
        )
        speaker = seg.get("speaker")
        utterances.append(
            Utterance(
                speaker=(speaker or None) if isinstance(speaker, str) else _speaker(speaker),
                start_ms=start,
                end_ms=end,
                text=f.text(seg.get("text"), f"{where}.text"),
                words=tuple(w for _, w in words),
            )
        )
    return utterances


# --------------------------------------------------------------------------- Deepgram


def read_deepgram(data: Any, path: Path) -> list[Utterance]:
    """Utterances of a Deepgram response.

    ``results.utterances`` when present; otherwise the words of each channel's first
    alternative, grouped by speaker change and pauses, and, without speakers, by paragraph
    (or sentence when there are no paragraphs). Speakers are ``Speaker 0``…; with several
    channels and no diarization, ``Channel 0``….
    """
    f = _Fields(path)
    results = f.obj(f.obj(data, "the top level").get("results"), "results")
    channels = f.items(results.get("channels"), "results.channels")
    multichannel = len(channels) > 1
    raw_utterances = f.items(results.get("utterances"), "results.utterances")
    if raw_utterances:
        utterances: list[Utterance] = []
        for i, raw in enumerate(raw_utterances):
            where = f"results.utterances[{i}]"
            item = f.obj(raw, where)
            start, end = f.span(item, ("start", "end"), where, seconds_to_ms)
            items = f.items(item.get("words"), f"{where}.words")
            words = _words(items, ("punctuated_word", "word"), seconds_to_ms, ("confidence",))
            speaker = _speaker(item.get("speaker"))
            if speaker is None and multichannel:
                speaker = _speaker(item.get("channel"), "Channel ")
            text = f.text(item.get("transcript"), f"{where}.transcript")
            utterances.append(Utterance(speaker, start, end, text, tuple(w for _, w in words)))
        return utterances

    grouped: list[Utterance] = []
    for c, raw_channel in enumerate(channels):
        where = f"results.channels[{c}]"
        alternatives = f.items(
            f.obj(raw_channel, where).get("alternatives"), f"{where}.alternatives"
        )
        if not alternatives:
            continue
        alt = f.obj(alternatives[0], f"{where}.alternatives[0]")
        items = f.items(alt.get("words"), f"{where}.alternatives[0].words")
        words = _words(items, ("punctuated_word", "word"), seconds_to_ms, ("confidence",))
        spoken = []
        for item, word in words:
            speaker = _speaker(item.get("speaker"))
            if speaker is None and multichannel:
                speaker = f"Channel {c}"
            spoken.append(SpokenWord(speaker, word))
        diarized = any(item.get("speaker") is not None for item, _ in words)
        breaks = [] if diarized else _paragraph_starts(alt.get("paragraphs"))
        grouped.extend(
            group_words(spoken, breaks_ms=breaks, split_sentences=not diarized and not breaks)
        )
    return grouped


def _paragraph_starts(value: Any) -> list[int]:
    if not isinstance(value, dict) or not isinstance(value.get("paragraphs"), list):
        return []
    starts = []
    for paragraph in value["paragraphs"]:
        if isinstance(paragraph, dict) and is_number(paragraph.get("start")):
            starts.append(seconds_to_ms(paragraph["start"]))
    return starts[1:]


# --------------------------------------------------------------------------- AssemblyAI


def read_assemblyai(data: Any, path: Path) -> list[Utterance]:
    """Utterances of an AssemblyAI transcript (times in milliseconds).

    ``utterances`` when not null; otherwise ``words`` grouped by speaker change and pauses
    (and by sentence when there are no speakers). Speakers are ``Speaker A``….
    """
    f = _Fields(path)
    top = f.obj(data, "the top level")
    status = top.get("status")
    if status is not None and status != "completed":
        detail = top.get("error")
        raise transcript_error(
            path, f"AssemblyAI transcript is {status!r}" + (f": {detail}" if detail else "")
        )
    raw_utterances = f.items(top.get("utterances"), "utterances")
    if raw_utterances:
        utterances: list[Utterance] = []
        for i, raw in enumerate(raw_utterances):
            where = f"utterances[{i}]"
            item = f.obj(raw, where)
            start, end = f.span(item, ("start", "end"), where, _ms)
            words = _words(
                f.items(item.get("words"), f"{where}.words"), ("text",), _ms, ("confidence",)
            )
            speaker = _speaker(item.get("speaker"))
            text = f.text(item.get("text"), f"{where}.text")
            utterances.append(Utterance(speaker, start, end, text, tuple(w for _, w in words)))
        return utterances
    words = _words(f.items(top.get("words"), "words"), ("text",), _ms, ("confidence",))
    spoken = []
    for item, word in words:
        spoken.append(SpokenWord(_speaker(item.get("speaker")), word))
    diarized = any(s.speaker is not None for s in spoken)
    return group_words(spoken, split_sentences=not diarized)


# --------------------------------------------------------------------------- Podcasting 2.0


def read_podcast_json(data: Any, path: Path) -> list[Utterance]:
    """Utterances of a Podcasting 2.0 JSON transcript.

    Consecutive segments of the same speaker are merged into one utterance, split where
    the pause between them is longer than 1.5 s. Each segment's words share its time.
    """
    f = _Fields(path)
    segments = f.items(f.obj(data, "the top level").get("segments"), "segments")
    spoken: list[SpokenWord] = []
    for i, raw in enumerate(segments):
        where = f"segments[{i}]"
        seg = f.obj(raw, where)
        start, end = f.span(seg, ("startTime", "endTime"), where, seconds_to_ms)
        speaker = f.text(seg.get("speaker"), f"{where}.speaker") or None
        body = f.text(seg.get("body"), f"{where}.body")
        spoken.extend(SpokenWord(speaker, w) for w in spread_words(body, start, end))
    return group_words(spoken)
