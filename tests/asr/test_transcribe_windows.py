"""Window-only transcription: only the windows (plus margin) are decoded and transcribed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import highlights.asr.transcribe as transcribe_mod
from highlights.asr.base import ASR_RATE, Transcriber
from highlights.asr.transcribe import decode_spans, transcribe_meeting, transcribe_windows
from highlights.asr.wer import wer
from highlights.config import load_pipeline
from highlights.ingest.markers import read_markers
from highlights.media.ffmpeg import decode_pcm, probe
from highlights.models import AudioInfo, Window


def _w(start: int, end: int) -> Window:
    return Window(start_ms=start, end_ms=end, anchor_ms=start, kind="point")


def test_decode_spans_add_margin_merge_overlaps_and_stay_inside_recording() -> None:
    windows = [_w(50_000, 60_000), _w(1_000, 5_000), _w(62_000, 70_000), _w(95_000, 99_000)]
    assert decode_spans(windows, 4_000, 100_000) == [
        (0, 9_000),
        (46_000, 74_000),
        (91_000, 100_000),
    ]
    assert decode_spans([], 4_000, 100_000) == []


@pytest.fixture
def decode_spy(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """Record every stretch decoded through the ffmpeg seam, decoding it for real."""
    seen: list[tuple[int, int]] = []

    def spy(path: str | Path, start_ms: int, duration_ms: int, **kw: Any) -> bytes:
        seen.append((start_ms, duration_ms))
        return decode_pcm(path, start_ms, duration_ms, **kw)

    monkeypatch.setattr(transcribe_mod, "decode_pcm", spy)
    return seen


def test_transcribe_windows_decodes_only_the_windows(
    fixtures_dir: Path, decode_spy: list[tuple[int, int]], counting: Any
) -> None:
    audio = probe(fixtures_dir / "sample" / "meeting.mp3")
    windows = [_w(30_000, 40_000), _w(100_000, 110_000), _w(108_000, 112_000)]
    transcript = transcribe_windows(audio, windows, counting, 2_000)
    assert decode_spy == [(28_000, 14_000), (98_000, 16_000)]
    assert counting.calls == decode_spy  # every decoded stretch transcribed once, whole
    assert sum(d for _, d in decode_spy) < audio.duration_ms / 4
    assert transcript.machine_transcribed
    assert transcript.format == "counting"
    assert [u.start_ms for u in transcript.utterances] == [28_000, 98_000]


def test_transcribe_meeting_with_markers_follows_marker_windows(
    fixtures_dir: Path, decode_spy: list[tuple[int, int]], counting: Any
) -> None:
    sample = fixtures_dir / "sample"
    audio = probe(sample / "meeting.mp3")
    markers = read_markers(sample / "meeting.markers.txt").markers
    pipeline = load_pipeline()
    progress: list[tuple[int, int]] = []
    transcribe_meeting(
        audio,
        markers,
        counting,
        windows=pipeline.windows,
        margin_ms=pipeline.snap.margin_ms,
        progress=lambda done, total: progress.append((done, total)),
    )
    before, after = pipeline.windows.before_ms, pipeline.windows.after_ms
    margin = pipeline.snap.margin_ms
    lo = min(m.start_ms for m in markers) - before - margin
    hi = max(m.start_ms for m in markers) + after + margin
    assert decode_spy and all(lo <= s and s + d <= hi for s, d in decode_spy)
    decoded = sum(d for _, d in decode_spy)
    assert decoded == hi - lo  # the sample's windows overlap into one stretch
    assert progress[-1] == (decoded, decoded)


def test_transcribe_windows_real_engine_hears_only_the_window(
    recordings: dict[str, Any], engine: Transcriber, decode_spy: list[tuple[int, int]]
) -> None:
    rec = recordings["whisper_jfk"]
    audio = probe(rec.audio)
    # "ask not what your country can do for you" is about 5.0-7.7 s
    transcript = transcribe_windows(audio, [_w(5_300, 7_400)], engine, 300)
    assert decode_spy == [(5_000, 2_700)]
    words = [w for u in transcript.utterances for w in u.words]
    assert words and all(w.start_ms >= 5_000 and w.end_ms <= 7_700 for w in words)
    heard = " ".join(u.text for u in transcript.utterances)
    assert wer("what your country can do for you", heard) <= 0.5, heard
    assert transcript.machine_transcribed


def test_transcribe_windows_gives_engine_16k_mono(fixtures_dir: Path) -> None:
    seen: list[int] = []

    class Probe:
        name = "probe"
        cache_key = "probe"

        def transcribe(self, pcm: bytes, *, sample_rate: int, offset_ms: int) -> tuple[()]:
            seen.extend([sample_rate, len(pcm)])
            return ()

    audio: AudioInfo = probe(fixtures_dir / "sample" / "meeting.mp3")
    transcript = transcribe_windows(audio, [_w(10_000, 11_000)], Probe(), 0)
    assert seen == [ASR_RATE, ASR_RATE * 2]
    assert transcript.utterances == ()
