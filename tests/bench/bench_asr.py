"""Benchmark: real-time factor of the default speech recognition engine.

Transcribes, with PocketSphinx and the model from its wheel:

- the windows of the bundled sample meeting's 5 markers (plus the snap margin), as
  ``highlights run`` does for a meeting with markers and no transcript;
- the whole sample recording in one-minute chunks, as for a meeting without markers;
- the real recordings beside the repository (``../shared/realdata``), when present, with
  the word error rate (WER) against their reference text.

The real-time factor (RTF) is wall time divided by the length of audio transcribed: below 1
is faster than real time. Decoding with ffmpeg is included; loading the model is not (it is
reported on its own line).

    python tests/bench/bench_asr.py --repeat 3

Not a test: timings on shared machines are noisy; quote medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "sample"
REALDATA = Path(os.environ.get("HIGHLIGHTS_REALDATA", REPO.parent / "shared" / "realdata"))
sys.path.insert(0, str(REPO))

from highlights.asr.base import get_transcriber  # noqa: E402
from highlights.asr.transcribe import (  # noqa: E402
    decode_spans,
    transcribe_whole,
    transcribe_windows,
)
from highlights.asr.wer import wer  # noqa: E402
from highlights.config import load_pipeline  # noqa: E402
from highlights.ingest.markers import read_markers  # noqa: E402
from highlights.media.ffmpeg import probe  # noqa: E402
from highlights.models import AudioInfo, Transcript  # noqa: E402
from highlights.windows import windows_from_markers  # noqa: E402


def _timed(job: Callable[[], Transcript], repeat: int) -> tuple[float, Transcript]:
    """Median wall time of ``repeat`` runs of ``job``, and its last result."""
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = job()
        times.append(time.perf_counter() - start)
    assert result is not None
    return statistics.median(times), result


def stm_text(path: Path) -> str:
    """The words of an STM transcript, its utterances in time order."""
    rows = [line.split(None, 5) for line in path.read_text(encoding="utf-8").splitlines()]
    return " ".join(
        r[5] for r in sorted((r for r in rows if len(r) == 6), key=lambda r: float(r[3]))
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="runs per case (median is shown)")
    args = parser.parse_args()

    start = time.perf_counter()
    engine = get_transcriber()
    load_s = time.perf_counter() - start

    pipeline = load_pipeline()
    sample = probe(SAMPLE / "meeting.mp3")
    markers = read_markers(SAMPLE / "meeting.markers.txt").markers
    windows = windows_from_markers(
        markers, (), duration_ms=sample.duration_ms, settings=pipeline.windows
    ).windows
    margin = pipeline.snap.margin_ms
    spans = decode_spans(windows, margin, sample.duration_ms)

    def whole(audio: AudioInfo) -> Callable[[], Transcript]:
        return lambda: transcribe_whole(audio, engine, chunk_ms=60_000)

    # (name, seconds of audio transcribed, job, reference text for the WER or None)
    cases: list[tuple[str, int, Callable[[], Transcript], str | None]] = [
        (
            f"sample meeting, {len(markers)} marker windows",
            sum(end - begin for begin, end in spans),
            lambda: transcribe_windows(sample, windows, engine, margin),
            None,
        ),
        ("sample meeting, whole recording", sample.duration_ms, whole(sample), None),
    ]
    audio_dir = REALDATA / "audio"
    for name, path, reference in (
        ("whisper jfk.flac, whole", audio_dir / "whisper_jfk" / "jfk.flac", "jfk.txt"),
        ("pyannote sample.wav, whole", audio_dir / "pyannote_sample" / "sample.wav", "sample.stm"),
    ):
        if path.is_file():
            ref_path = path.with_name(reference)
            ref = stm_text(ref_path) if ref_path.suffix == ".stm" else ref_path.read_text()
            audio = probe(path)
            cases.append((name, audio.duration_ms, whole(audio), ref))

    print(f"engine: {engine.name} ({engine.cache_key}); cpu count {os.cpu_count()}")
    print(f"model load: {load_s:.2f} s")
    print(f"{'case':<38} {'audio s':>8} {'wall s':>8} {'RTF':>6} {'WER':>6}")
    for name, audio_ms, job, ref in cases:
        seconds, transcript = _timed(job, args.repeat)
        rtf = seconds / (audio_ms / 1000)
        hypothesis = " ".join(u.text for u in transcript.utterances)
        error = "" if ref is None else f"{wer(ref, hypothesis):.3f}"
        print(f"{name:<38} {audio_ms / 1000:>8.1f} {seconds:>8.2f} {rtf:>6.2f} {error:>6}")


if __name__ == "__main__":
    main()
