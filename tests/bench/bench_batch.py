"""Benchmark: long recordings and batches, beside a naive whole-file baseline in the same run.

For each length (10, 60, 180 minutes) and format (mp3, m4a) it builds a recording by looping
the bundled sample meeting — at 44.1 kHz stereo by default, what phones and meeting apps
record — with a timed transcript shifted to match and 5 markers spread over it, then reports:

- ``highlights run`` in a fresh process (spaCy pipeline built on the way): wall time, peak RSS;
- a warm worker (pipeline already built, as in a batch): seconds per meeting, peak RSS;
- the naive baseline: pydub ``AudioSegment.from_file`` of the whole file, slice the same
  5 windows, export each: wall time, peak RSS.

Peak RSS is the largest process of the run's tree (Python or ffmpeg). Then it runs
``highlights batch`` over N copies of one recording with 1 and with 2 workers, alternately,
``--repeat`` times each, and reports the median throughput (meetings per minute, whole command
including worker start-up).

    python tests/bench/bench_batch.py                       # everything (about 10 minutes)
    python tests/bench/bench_batch.py --minutes 10 60 --formats mp3 --skip-batch

Not a test: timings on shared machines are noisy; quote medians.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import bench_run  # noqa: E402
from bench_run import REPO, _ms, measure  # noqa: E402

sys.path.insert(0, str(REPO))

from highlights.media.ffmpeg import ffmpeg_exe  # noqa: E402

CODECS = {
    "mp3": ["-c:a", "libmp3lame", "-b:a", "128k"],
    "m4a": ["-c:a", "aac", "-b:a", "128k"],
}

WARM = """
import json, resource, sys, time
from pathlib import Path
from highlights.batch.models import Task, WorkerSettings
from highlights.batch.worker import acquire_state, release_state, run_task
from highlights.ingest.meeting import meeting_from_folder
# a worker of `highlights batch`: one meeting at a time, pinned to one CPU
import os
os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
settings = WorkerSettings()
release_state(acquire_state(settings))
task = Task(meeting_from_folder(Path(sys.argv[1])), sys.argv[2], "bench", settings)
times = []
for _ in range(int(sys.argv[3]) + 1):
    started = time.perf_counter()
    outcome = run_task(task)
    assert outcome.error is None, outcome.error
    times.append(time.perf_counter() - started)
peak = max(resource.getrusage(r).ru_maxrss for r in (resource.RUSAGE_SELF,
                                                      resource.RUSAGE_CHILDREN))
print(json.dumps({"times": times[1:], "peak_kb": peak}))
"""

NAIVE = """
import sys
from pathlib import Path
from pydub import AudioSegment
from highlights.media.ffmpeg import ffmpeg_exe
AudioSegment.converter = ffmpeg_exe()
out = Path(sys.argv[2])
audio = AudioSegment.from_file(sys.argv[1])
for i, mark in enumerate(int(m) for m in sys.argv[3].split(",")):
    clip = audio[max(0, mark - 20_000) : mark + 5_000]
    clip.export(str(out / f"{i}.mp3"), format="mp3", bitrate="64k").close()
"""


def build_meeting(work: Path, minutes: int, fmt: str, rate: int, channels: int) -> Path:
    """The run benchmark's looped sample meeting, recorded at ``rate`` Hz and ``channels``."""
    return bench_run.build_meeting(
        work, minutes, fmt, name=f"rec-{minutes}min-{fmt}-{rate // 1000}k{channels}ch",
        encode=["-ar", str(rate), "-ac", str(channels), *CODECS[fmt]],
    )


def marks_of(meeting: Path) -> list[int]:
    lines = (meeting / "meeting.markers.txt").read_text(encoding="utf-8").splitlines()
    return [_ms(line.split()[0]) for line in lines if line.strip()]


def bench_recording(meeting: Path, work: Path, repeat: int, naive: bool) -> dict[str, float]:
    site = work / "site"
    cold_walls, cold_peaks = [], []
    for _ in range(repeat):
        wall, peak = measure([sys.executable, "-m", "highlights.cli", "run", str(meeting),
                              "--out", str(site)])
        cold_walls.append(wall)
        cold_peaks.append(peak)
    warm = subprocess.run(
        [sys.executable, "-c", WARM, str(meeting), str(work / "site-warm"), str(repeat)],
        capture_output=True, text=True, check=True,
    )
    warm_data = json.loads(warm.stdout.strip().splitlines()[-1])
    row = {
        "cold_s": statistics.median(cold_walls),
        "cold_mb": max(cold_peaks),
        "warm_s": statistics.median(warm_data["times"]),
        "warm_mb": warm_data["peak_kb"] / 1024,
    }
    if naive:
        out = work / "naive"
        out.mkdir(exist_ok=True)
        marks = ",".join(str(m) for m in marks_of(meeting))
        audio = meeting / f"meeting.{_fmt(meeting)}"
        wall, peak = measure([sys.executable, "-c", NAIVE, str(audio), str(out), marks])
        row["naive_s"], row["naive_mb"] = wall, peak
    return row


def _fmt(meeting: Path) -> str:
    return next(p.suffix[1:] for p in meeting.iterdir() if p.stem == "meeting"
                and p.suffix in (".mp3", ".m4a"))


def bench_batch(meeting: Path, work: Path, count: int, workers: int) -> tuple[float, str]:
    """Wall seconds of ``highlights batch`` over ``count`` copies of ``meeting``."""
    inbox = work / f"inbox-{count}"
    if not inbox.exists():
        for i in range(count):
            copy = inbox / f"2026-01-{i + 1:02d}-copy"
            copy.mkdir(parents=True)
            for f in meeting.iterdir():
                (copy / f.name).hardlink_to(f)
    site = work / f"batch-site-{workers}"
    shutil.rmtree(site, ignore_errors=True)
    started = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-m", "highlights.cli", "batch", str(inbox), "--out", str(site),
         "--workers", str(workers), "--no-progress"],
        capture_output=True, text=True,
    )
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"batch failed: {proc.stderr}")
    return wall, proc.stdout.splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=int, nargs="*", default=[10, 60, 180])
    parser.add_argument("--formats", nargs="+", choices=sorted(CODECS), default=["mp3", "m4a"])
    parser.add_argument("--rate", type=int, default=44_100)
    parser.add_argument("--channels", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-batch", action="store_true")
    parser.add_argument("--batch-meetings", type=int, default=8)
    parser.add_argument("--batch-minutes", type=int, default=60)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "hl-bench")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"ffmpeg: {ffmpeg_exe()}; recordings {args.rate} Hz, {args.channels} channel(s), "
          f"128 kb/s; 5 markers; medians of {args.repeat}")
    print()
    print("| recording | `run` cold s | cold peak MB | warm worker s | warm peak MB "
          "| naive s | naive peak MB | speed-up (warm) | memory ratio |")
    print("|---|---|---|---|---|---|---|---|---|")
    for fmt in args.formats:
        for minutes in args.minutes:
            meeting = build_meeting(args.work, minutes, fmt, args.rate, args.channels)
            r = bench_recording(meeting, args.work, args.repeat, not args.skip_naive)
            naive = (
                f"{r['naive_s']:.1f} | {r['naive_mb']:.0f} | {r['naive_s'] / r['warm_s']:.1f}× | "
                f"{r['naive_mb'] / max(r['cold_mb'], r['warm_mb']):.1f}×"
                if "naive_s" in r else "– | – | – | –"
            )
            print(f"| {minutes} min {fmt} | {r['cold_s']:.2f} | {r['cold_mb']:.0f} | "
                  f"{r['warm_s']:.2f} | {r['warm_mb']:.0f} | {naive} |", flush=True)
    if args.skip_batch:
        return
    meeting = build_meeting(args.work, args.batch_minutes, args.formats[0], args.rate,
                            args.channels)
    print()
    print(f"Batch of {args.batch_meetings} × {args.batch_minutes} min {args.formats[0]} "
          "(whole `highlights batch` command):")
    print()
    print(f"| workers | wall s (median of {args.repeat}) | meetings / min | vs 1 worker |")
    print("|---|---|---|---|")
    walls: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(args.repeat):  # alternated, so a busy spell of the machine hits both
        for workers in walls:
            walls[workers].append(bench_batch(meeting, args.work, args.batch_meetings,
                                              workers)[0])
    base = args.batch_meetings / statistics.median(walls[1]) * 60
    for workers, runs in walls.items():
        wall = statistics.median(runs)
        rate = args.batch_meetings / wall * 60
        print(f"| {workers} | {wall:.1f} ({', '.join(f'{w:.1f}' for w in runs)}) | "
              f"{rate:.1f} | {rate / base:.2f}× |", flush=True)


if __name__ == "__main__":
    main()
