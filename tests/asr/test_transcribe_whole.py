"""Whole-recording transcription: chunks cut at pauses, progress, and resuming from the cache
after a killed run."""

from __future__ import annotations

import array
import math
from pathlib import Path
from typing import Any

import pytest

from highlights.asr.base import ASR_RATE, Transcriber
from highlights.asr.transcribe import chunk_cache_dir, transcribe_whole
from highlights.asr.wer import wer
from highlights.media.ffmpeg import decode_pcm, probe
from highlights.models import AudioInfo


@pytest.fixture(scope="module")
def meeting(fixtures_dir: Path) -> AudioInfo:
    return probe(fixtures_dir / "sample" / "meeting.mp3")  # 173.6 s


def _rms(path: str, at_ms: int) -> float:
    samples = array.array("h", decode_pcm(path, at_ms - 30, 60))
    return math.sqrt(sum(s * s for s in samples) / max(len(samples), 1))


def test_transcribe_whole_covers_recording_in_chunks_cut_at_pauses(
    meeting: AudioInfo, counting: Any
) -> None:
    progress: list[tuple[int, int]] = []
    transcript = transcribe_whole(
        meeting, counting, chunk_ms=60_000, progress=lambda d, t: progress.append((d, t))
    )
    starts = [s for s, _ in counting.calls]
    ends = [s + d for s, d in counting.calls]
    assert starts[0] == 0 and len(starts) == 3
    assert starts[1:] == ends[:-1]  # chunks follow each other without gap or overlap
    assert abs(ends[-1] - meeting.duration_ms) < 250  # mp3 padding: stated vs decoded length
    for cut in starts[1:]:
        assert abs(cut - round(cut / 60_000) * 60_000) <= 5_000
        assert _rms(meeting.path, cut) < 300, cut  # silence at every cut
    assert progress[0] == (0, meeting.duration_ms)
    assert progress[-1] == (meeting.duration_ms, meeting.duration_ms)
    assert [d for d, _ in progress] == sorted(d for d, _ in progress)
    assert transcript.machine_transcribed and len(transcript.utterances) == 3


def test_transcribe_whole_resumes_after_kill(
    meeting: AudioInfo, tmp_path: Path, counting: Any
) -> None:
    cache = tmp_path / "cache"
    whole = type(counting)()
    uninterrupted = transcribe_whole(meeting, whole, chunk_ms=40_000)
    assert len(whole.calls) == 5

    killed = type(counting)(fail_at=3)
    with pytest.raises(KeyboardInterrupt):
        transcribe_whole(meeting, killed, chunk_ms=40_000, cache_dir=cache)
    assert killed.calls == whole.calls[:3]
    folder = chunk_cache_dir(cache, meeting, killed, 40_000)
    assert len(list(folder.glob("*.json"))) == 2  # the chunks finished before the kill
    assert not list(folder.glob(".*"))  # no half-written file

    resumed = type(counting)()
    transcript = transcribe_whole(meeting, resumed, chunk_ms=40_000, cache_dir=cache)
    assert resumed.calls == whole.calls[2:]  # resumes at the chunk the kill interrupted
    assert transcript == uninterrupted

    again = type(counting)()
    assert transcribe_whole(meeting, again, chunk_ms=40_000, cache_dir=cache) == uninterrupted
    assert again.calls == []  # all from the cache


def test_transcribe_whole_cache_is_per_engine_setting_and_survives_corruption(
    meeting: AudioInfo, tmp_path: Path, counting: Any
) -> None:
    cache = tmp_path / "cache"
    transcribe_whole(meeting, counting, chunk_ms=60_000, cache_dir=cache)
    other = type(counting)(cache_key="counting-2")
    transcribe_whole(meeting, other, chunk_ms=60_000, cache_dir=cache)
    assert len(other.calls) == 3  # another model or setting: nothing reused

    folder = chunk_cache_dir(cache, meeting, counting, 60_000)
    second = sorted(folder.glob("*.json"))[1]
    second.write_text("{ not json")
    again = type(counting)()
    transcribe_whole(meeting, again, chunk_ms=60_000, cache_dir=cache)
    assert [s for s, _ in again.calls] == [int(second.stem)]


def test_transcribe_whole_real_engine_on_jfk(
    recordings: dict[str, Any], engine: Transcriber, tmp_path: Path
) -> None:
    rec = recordings["whisper_jfk"]
    audio = probe(rec.audio)
    transcript = transcribe_whole(audio, engine, chunk_ms=5_000, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("*/*.json"))) == 2  # cut once, in the pause near 4.7 s
    heard = " ".join(u.text for u in transcript.utterances)
    # 5 s chunks give the engine less to go on than the whole 11 s: a looser bound
    assert wer(rec.reference, heard) <= 0.5, heard
    starts = [u.start_ms for u in transcript.utterances]
    assert starts == sorted(starts)
    pcm = decode_pcm(rec.audio, 0, audio.duration_ms, sample_rate=ASR_RATE)
    assert len(pcm) // (ASR_RATE * 2 // 1000) >= transcript.end_ms
