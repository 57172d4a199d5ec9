"""Read a timed transcript file into a ``Transcript``.

Formats: WebVTT (``vtt``), SubRip (``srt``), YouTube SBV (``sbv``), whisper / whisperX JSON
(``whisper``), Deepgram JSON (``deepgram``), AssemblyAI JSON (``assemblyai``), Podcasting 2.0
JSON (``podcast-json``) and timed plain text lines (``text``).

The format comes from the file's suffix; a ``.json`` file's format from its keys; a ``.txt``
file that holds WebVTT, SRT or SBV is read as such; a file with another suffix is recognised
from its content when it can be. Text is decoded as UTF-8 (with or without a byte order
mark), UTF-16 when it starts with a UTF-16 byte order mark, and otherwise as Windows-1252.

Utterance text is plain text: markup removed, HTML entities unescaped, whitespace collapsed.
Utterances without text are dropped; the rest are sorted by start and end time.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from webvtt.errors import MalformedCaptionError, MalformedFileError

from highlights.errors import InputNotFoundError, TranscriptError, UnknownFormatError
from highlights.ingest.transcript_json import (
    json_format,
    load_json,
    read_assemblyai,
    read_deepgram,
    read_podcast_json,
    read_whisper,
)
from highlights.ingest.transcript_subtitles import read_sbv, read_srt, read_vtt
from highlights.ingest.transcript_text import read_text
from highlights.models import Transcript, Utterance

__all__ = [
    "TRANSCRIPT_FORMATS",
    "TRANSCRIPT_SUFFIXES",
    "detect_transcript_format",
    "read_transcript",
]

#: Suffixes a meeting folder's transcript may have.
TRANSCRIPT_SUFFIXES: tuple[str, ...] = (".vtt", ".srt", ".sbv", ".json", ".txt")

#: Format names ``read_transcript`` accepts and ``detect_transcript_format`` returns.
TRANSCRIPT_FORMATS: tuple[str, ...] = (
    "vtt",
    "srt",
    "sbv",
    "whisper",
    "deepgram",
    "assemblyai",
    "podcast-json",
    "text",
)

_MACHINE_FORMATS = frozenset({"whisper", "deepgram", "assemblyai"})

_TEXT_READERS: dict[str, Callable[[str, Path], list[Utterance]]] = {
    "vtt": read_vtt,
    "srt": read_srt,
    "sbv": read_sbv,
    "text": read_text,
}
_JSON_READERS: dict[str, Callable[[Any, Path], list[Utterance]]] = {
    "whisper": read_whisper,
    "deepgram": read_deepgram,
    "assemblyai": read_assemblyai,
    "podcast-json": read_podcast_json,
}

_JSON_UNKNOWN = (
    "JSON is not a known transcript format "
    "(whisper, Deepgram, AssemblyAI or Podcasting 2.0 segments)"
)
_SRT_START = re.compile(r"\s*\d+[ \t]*(?:\r\n|\r|\n)[ \t]*[\d:,.]+\s*-->")
_SBV_START = re.compile(
    r"\s*\d+:\d{1,2}:\d{1,2}\.\d{1,3},\d+:\d{1,2}:\d{1,2}\.\d{1,3}[ \t]*(?:\r|\n)"
)
_TEXT_START = re.compile(r"\s*(?:#[^\r\n]*\s*)*[\[(]?\d+:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?\s")
_JSON_KEY_HINTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("deepgram", re.compile(r'"results"\s*:\s*\{\s*"(?:channels|utterances)"|"request_id"\s*:')),
    ("podcast-json", re.compile(r'"startTime"\s*:|"version"\s*:')),
    ("whisper", re.compile(r'"segments"\s*:')),
    ("assemblyai", re.compile(r'"(?:acoustic_model|language_model|audio_url|utterances)"\s*:')),
)


def read_transcript(path: str | Path, *, format: str | None = None) -> Transcript:
    """Read a transcript file.

    ``format`` forces a format (one of ``TRANSCRIPT_FORMATS``, or ``"json"`` for any of the
    JSON formats); without it the format is detected.

    Raises ``InputNotFoundError`` when the file is missing or unreadable,
    ``UnknownFormatError`` when its format is not recognised, and ``TranscriptError``
    (naming the file and, where it applies, the line) when it is malformed or has no
    timed text.
    """
    source = Path(path)
    if format is not None and format not in (*TRANSCRIPT_FORMATS, "json"):
        raise UnknownFormatError(
            f"unknown transcript format {format!r}; expected one of "
            + ", ".join(TRANSCRIPT_FORMATS),
            path=source,
        )
    text = _read_text(source)
    if not text.strip() and (format is not None or source.suffix.lower() in TRANSCRIPT_SUFFIXES):
        raise TranscriptError("no timed text found: the file is empty", path=source)
    fmt = format
    if fmt is None:
        # a .json file is parsed once, below, where a syntax error is reported with its line
        is_json = source.suffix.lower() == ".json"
        fmt = "json" if is_json else detect_transcript_format(source, text)
    try:
        text_reader = _TEXT_READERS.get(fmt)
        if text_reader is not None:
            utterances = text_reader(text, source)
        else:
            data = load_json(text, source)
            if fmt == "json":
                fmt = json_format(data) or "json"
            json_reader = _JSON_READERS.get(fmt)
            if json_reader is None:
                raise UnknownFormatError(_JSON_UNKNOWN, path=source)
            utterances = json_reader(data, source)
    except (
        MalformedCaptionError,
        MalformedFileError,
        ArithmeticError,
        ValueError,
        KeyError,
        TypeError,
    ) as exc:
        raise TranscriptError(
            f"cannot read {fmt} transcript: {type(exc).__name__}: {exc}", path=source
        ) from exc
    kept = sorted(
        (u for u in utterances if u.text),
        key=lambda u: (u.start_ms, u.end_ms),
    )
    if not kept:
        raise TranscriptError("no timed text found", path=source)
    return Transcript(
        source=str(path),
        format=fmt,
        utterances=tuple(kept),
        machine_transcribed=fmt in _MACHINE_FORMATS,
    )


def detect_transcript_format(path: Path, head: str) -> str:
    """The format of a transcript from its suffix and the start of its text (``head``).

    ``.vtt``, ``.srt`` and ``.sbv`` name their format. A ``.json`` file is recognised from
    its keys: from the parsed data when ``head`` is the whole file, otherwise from the keys
    seen in ``head``. A ``.txt`` file is plain text lines unless it holds WebVTT, SRT or
    SBV. Other files are recognised from their content when it is one of these formats.

    Raises ``UnknownFormatError`` naming the file when the format is not recognised.
    """
    suffix = path.suffix.lower()
    body = head.lstrip("\ufeff")
    if suffix in (".vtt", ".srt", ".sbv"):
        return suffix[1:]
    if suffix == ".json":
        found = _json_head_format(body)
        if found is None:
            raise UnknownFormatError(_JSON_UNKNOWN, path=path)
        return found
    sniffed = _sniff(body)
    if suffix == ".txt":
        return sniffed if sniffed in ("vtt", "srt", "sbv") else "text"
    if sniffed is not None:
        return sniffed
    raise UnknownFormatError(
        f"unknown transcript format (suffix {suffix or 'none'!r}); expected "
        + ", ".join(TRANSCRIPT_SUFFIXES),
        path=path,
    )


def _sniff(body: str) -> str | None:
    if body.startswith("WEBVTT"):
        return "vtt"
    if _SRT_START.match(body):
        return "srt"
    if _SBV_START.match(body):
        return "sbv"
    if body.lstrip()[:1] in ("{", "["):
        found = _json_head_format(body)
        if found is not None:
            return found
    if _TEXT_START.match(body):
        return "text"
    return None


def _json_head_format(body: str) -> str | None:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        for name, hint in _JSON_KEY_HINTS:
            if hint.search(body):
                return name
        return None
    return json_format(data)


def _read_text(path: Path) -> str:
    if path.is_dir():
        raise InputNotFoundError("is a folder, not a transcript file", path=path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputNotFoundError("transcript file not found", path=path) from None
    except OSError as exc:
        raise InputNotFoundError(
            f"cannot read transcript: {exc.strerror or exc}", path=path
        ) from None
    return decode_transcript(data)


def decode_transcript(data: bytes) -> str:
    """Text of a transcript file: UTF-8 (BOM or not), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.removeprefix(codecs.BOM_UTF8).decode("cp1252", errors="replace")
