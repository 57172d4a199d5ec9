"""Transcribe a recording, or only the stretches of it that matter, through a ``Transcriber``.

With markers only the windows around them (plus a margin) are decoded and transcribed, so
the cost follows the number of highlights, not the length of the recording. Without markers
the whole recording is transcribed in chunks cut at pauses; each chunk's result is cached as
JSON under the recording's content hash and the engine's key, so an interrupted run resumes
where it stopped. What was transcribed is kept as WebVTT, for a person to correct and reuse.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from highlights.asr.base import ASR_RATE, Transcriber
from highlights.config import WindowSettings
from highlights.fsutil import write_text_atomic
from highlights.media.ffmpeg import SAMPLE_WIDTH, decode_pcm
from highlights.media.vad import speech_frames, webrtc_is_speech
from highlights.models import AudioInfo, Marker, Transcript, Utterance, Window
from highlights.windows import windows_from_markers

#: ``progress(done_ms, total_ms)``: how much audio has been transcribed so far.
Progress = Callable[[int, int], None]

CHUNK_FORMAT = "highlights-asr-chunk/1"
VTT_NAME = "transcript.vtt"
_BYTES_PER_MS = ASR_RATE * SAMPLE_WIDTH // 1000
_VAD_FRAME_MS = 30


def decode_spans(
    windows: Sequence[Window], margin_ms: int, duration_ms: int
) -> list[tuple[int, int]]:
    """The stretches to decode: each window plus ``margin_ms`` each side, overlaps merged."""
    spans: list[tuple[int, int]] = []
    for w in sorted(windows, key=lambda w: (w.start_ms, w.end_ms)):
        start = max(0, w.start_ms - margin_ms)
        end = min(duration_ms, w.end_ms + margin_ms)
        if end <= start:
            continue
        if spans and start <= spans[-1][1]:
            spans[-1] = (spans[-1][0], max(spans[-1][1], end))
        else:
            spans.append((start, end))
    return spans


def _transcript(audio: AudioInfo, transcriber: Transcriber, utts: list[Utterance]) -> Transcript:
    return Transcript(
        source=audio.path,
        format=transcriber.name,
        utterances=tuple(sorted(utts, key=lambda u: (u.start_ms, u.end_ms))),
        machine_transcribed=True,
    )


def transcribe_windows(
    audio: AudioInfo,
    windows: Sequence[Window],
    transcriber: Transcriber,
    margin_ms: int,
    *,
    progress: Progress | None = None,
) -> Transcript:
    """Transcribe only ``windows`` (plus ``margin_ms`` each side) of the recording."""
    spans = decode_spans(windows, margin_ms, audio.duration_ms)
    total = sum(end - start for start, end in spans)
    done = 0
    utterances: list[Utterance] = []
    for start, end in spans:
        pcm = decode_pcm(audio.path, start, end - start, sample_rate=ASR_RATE)
        utterances.extend(transcriber.transcribe(pcm, sample_rate=ASR_RATE, offset_ms=start))
        done += end - start
        if progress is not None:
            progress(done, total)
    return _transcript(audio, transcriber, utterances)


def audio_digest(path: str | Path) -> str:
    """SHA-256 of a file's bytes, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chunk_cache_dir(
    cache_dir: Path, audio: AudioInfo, transcriber: Transcriber, chunk_ms: int
) -> Path:
    """Where the chunks of one recording transcribed by one engine setting are cached."""
    key = hashlib.sha256(transcriber.cache_key.encode("utf-8")).hexdigest()[:12]
    return cache_dir / f"{audio_digest(audio.path)[:24]}-{transcriber.name}-{key}-{chunk_ms}"


def _chunk_path(folder: Path, start_ms: int) -> Path:
    return folder / f"{start_ms:010d}.json"


def _load_chunk(folder: Path, start_ms: int) -> tuple[int, list[Utterance]] | None:
    """A cached chunk starting at ``start_ms``: its end and utterances; None when unusable."""
    path = _chunk_path(folder, start_ms)
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != CHUNK_FORMAT or data.get("start_ms") != start_ms:
            return None
        end = data["end_ms"]
        if not isinstance(end, int) or end <= start_ms:
            return None
        return end, [Utterance.from_dict(u) for u in data["utterances"]]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _save_chunk(folder: Path, start_ms: int, end_ms: int, utts: Sequence[Utterance]) -> None:
    data = {
        "format": CHUNK_FORMAT,
        "start_ms": start_ms,
        "end_ms": end_ms,
        "utterances": [u.to_dict() for u in utts],
    }
    write_text_atomic(_chunk_path(folder, start_ms), json.dumps(data, ensure_ascii=False) + "\n")


def pause_cut(pcm: bytes, offset_ms: int, lo_ms: int, hi_ms: int, target_ms: int) -> int:
    """A time in ``[lo_ms, hi_ms)`` to cut ``pcm`` (starting at ``offset_ms``) at.

    The middle of the longest run of non-speech frames in that stretch (the one nearest
    ``target_ms`` among equals); ``target_ms`` when there is no pause.
    """
    a = max(0, (lo_ms - offset_ms) * _BYTES_PER_MS)
    b = max(a, (hi_ms - offset_ms) * _BYTES_PER_MS)
    frames = speech_frames(
        pcm[a:b], sample_rate=ASR_RATE, frame_ms=_VAD_FRAME_MS, is_speech=webrtc_is_speech(2)
    )
    best: tuple[int, int] | None = None  # (-length, distance) of the best run
    cut = target_ms
    i = 0
    while i < len(frames):
        if frames[i]:
            i += 1
            continue
        j = i
        while j < len(frames) and not frames[j]:
            j += 1
        middle = lo_ms + (i + j) * _VAD_FRAME_MS // 2
        score = (-(j - i), abs(middle - target_ms))
        if best is None or score < best:
            best, cut = score, middle
        i = j
    return cut


def transcribe_whole(
    audio: AudioInfo,
    transcriber: Transcriber,
    *,
    chunk_ms: int = 60_000,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Transcript:
    """Transcribe the whole recording in chunks of about ``chunk_ms``, cut at pauses.

    With ``cache_dir`` every chunk's result is stored there as soon as it is done, and
    found again on the next run, so an interrupted transcription resumes at the first
    chunk not done. Only one chunk (plus a few seconds to find a pause) is decoded at a time.
    """
    if chunk_ms < 1000:
        raise ValueError("chunk_ms must be at least 1000")
    folder = None if cache_dir is None else chunk_cache_dir(cache_dir, audio, transcriber, chunk_ms)
    duration = audio.duration_ms
    search = min(5_000, chunk_ms // 4)
    utterances: list[Utterance] = []
    start = 0
    if progress is not None:
        progress(0, duration)
    while start < duration:
        cached = None if folder is None else _load_chunk(folder, start)
        if cached is not None:
            end, utts = cached
        else:
            end, utts = _transcribe_chunk(audio, transcriber, start, chunk_ms, search)
            if folder is not None:
                _save_chunk(folder, start, end, utts)
        utterances.extend(utts)
        start = end
        if progress is not None:
            progress(min(end, duration), duration)
    return _transcript(audio, transcriber, utterances)


def _transcribe_chunk(
    audio: AudioInfo, transcriber: Transcriber, start: int, chunk_ms: int, search: int
) -> tuple[int, list[Utterance]]:
    """Transcribe one chunk from ``start``; returns where it ended and its utterances."""
    duration = audio.duration_ms
    nominal = start + chunk_ms
    last = nominal + search >= duration
    length = duration - start if last else nominal + search - start
    pcm = decode_pcm(audio.path, start, length, sample_rate=ASR_RATE)
    decoded_end = start + len(pcm) // _BYTES_PER_MS
    if last or decoded_end < nominal + search:
        # the last chunk; a recording may hold a little less audio than its stated duration
        end = duration
    else:
        end = pause_cut(pcm, start, nominal - search, nominal + search, nominal)
        pcm = pcm[: (end - start) * _BYTES_PER_MS]
    utts = list(transcriber.transcribe(pcm, sample_rate=ASR_RATE, offset_ms=start))
    return end, utts


def transcribe_meeting(
    audio: AudioInfo,
    markers: Sequence[Marker],
    transcriber: Transcriber,
    *,
    windows: WindowSettings,
    margin_ms: int,
    cache_dir: Path | None = None,
    progress: Progress | None = None,
) -> Transcript:
    """A meeting's machine transcript: the marker windows only, or the whole recording.

    With markers, the windows are those the markers give before any statement is known
    (the pipeline widens them to statements once the transcript is tagged).
    """
    if markers:
        plan = windows_from_markers(markers, (), duration_ms=audio.duration_ms, settings=windows)
        return transcribe_windows(audio, plan.windows, transcriber, margin_ms, progress=progress)
    return transcribe_whole(audio, transcriber, cache_dir=cache_dir, progress=progress)


# --------------------------------------------------------------------------- WebVTT


def _vtt_time(ms: int) -> str:
    h, rem = divmod(max(0, ms), 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def _escape(text: str) -> str:
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())


def transcript_vtt(transcript: Transcript) -> str:
    """WebVTT for a transcript: one cue per utterance, ``<v Speaker>`` when the speaker is known."""
    how = "Machine-transcribed" if transcript.machine_transcribed else "Transcribed"
    blocks = [
        "WEBVTT",
        f"NOTE {how} ({_escape(transcript.format)}) from {_escape(Path(transcript.source).name)}."
        "\nCorrect it and run highlights again with this file as the transcript.",
    ]
    for u in transcript.utterances:
        text = _escape(u.text)
        if not text:
            continue
        voice = f"<v {_escape(u.speaker)}>" if u.speaker else ""
        end = max(u.end_ms, u.start_ms + 1)
        blocks.append(f"{_vtt_time(u.start_ms)} --> {_vtt_time(end)}\n{voice}{text}")
    return "\n\n".join(blocks) + "\n"


def write_vtt(transcript: Transcript, path: Path) -> Path:
    """Write ``transcript`` as WebVTT to ``path`` atomically; returns ``path``."""
    write_text_atomic(path, transcript_vtt(transcript))
    return path
