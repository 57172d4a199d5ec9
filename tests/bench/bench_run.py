"""Benchmark: ``highlights run`` on long recordings, wall time and peak memory.

Builds recordings of the requested lengths by looping the bundled sample meeting (audio,
transcript with shifted cues, 5 markers spread over the recording), then runs
``highlights run`` on each in a fresh process and reports the median wall time and the peak
resident memory of the run (the largest process in its tree: Python or ffmpeg).

    python tests/bench/bench_run.py --minutes 10 60 --format mp3 --repeat 3

Not a test: timings on shared machines are noisy; quote medians.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SAMPLE = REPO / "fixtures" / "sample"
sys.path.insert(0, str(REPO))

from highlights.media.ffmpeg import ffmpeg_exe, probe  # noqa: E402

CODECS = {"mp3": ["-c:a", "libmp3lame", "-b:a", "32k"], "m4a": ["-c:a", "aac", "-b:a", "48k"]}


def build_meeting(
    folder: Path, minutes: int, fmt: str, *, name: str | None = None,
    encode: list[str] | None = None,
) -> Path:
    """A meeting folder: the sample looped to ``minutes``, transcript and 5 markers to match.

    ``encode`` replaces the default ffmpeg output options (``CODECS[fmt]``). The recording is
    written last, under its final name, so an interrupted build is redone next time.
    """
    meeting = folder / (name or f"long-{minutes}min-{fmt}")
    audio = meeting / f"meeting.{fmt}"
    if audio.exists():
        return meeting
    meeting.mkdir(parents=True, exist_ok=True)
    sample_ms = probe(SAMPLE / "meeting.mp3").duration_ms
    loops = -(-minutes * 60_000 // sample_ms)
    tmp = meeting / f".partial.{fmt}"
    subprocess.run(
        [ffmpeg_exe(), "-v", "error", "-y", "-stream_loop", str(loops - 1), "-i",
         str(SAMPLE / "meeting.mp3"), "-t", str(minutes * 60),
         *(encode if encode is not None else CODECS[fmt]), str(tmp)],
        check=True,
    )
    cues = (SAMPLE / "meeting.vtt").read_text(encoding="utf-8").split("\n\n")[1:]
    out = ["WEBVTT", ""]
    for loop in range(loops):
        for cue in cues:
            lines = cue.strip().splitlines()
            timing = next(i for i, ln in enumerate(lines) if "-->" in ln)
            start, end = (t.strip() for t in lines[timing].split("-->"))
            shift = loop * sample_ms
            out += [f"{_ts(_ms(start) + shift)} --> {_ts(_ms(end) + shift)}",
                    *lines[timing + 1 :], ""]
    (meeting / "meeting.vtt").write_text("\n".join(out), encoding="utf-8")
    total = minutes * 60_000
    marks = [total * (i + 1) // 6 for i in range(5)]
    (meeting / "meeting.markers.txt").write_text(
        "".join(f"{_ts(m)} mark {i + 1}\n" for i, m in enumerate(marks)), encoding="utf-8"
    )
    tmp.rename(audio)
    return meeting


def _ms(ts: str) -> int:
    h, m, s = ts.split(":")
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)


def _ts(ms: int) -> str:
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    return f"{h:02d}:{m:02d}:{rem / 1000:06.3f}"


def measure(cmd: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of the largest process of one run of ``cmd``."""
    code = (
        "import resource, subprocess, sys, time;"
        "t = time.perf_counter();"
        "p = subprocess.run(sys.argv[1:], capture_output=True);"
        "w = time.perf_counter() - t;"
        "sys.stderr.buffer.write(p.stderr);"
        "r = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss;"
        "print(w, r, p.returncode)"
    )
    out = subprocess.run([sys.executable, "-c", code, *cmd], capture_output=True, text=True,
                         check=True)
    wall, rss_kb, rc = out.stdout.split()
    if rc != "0":
        raise SystemExit(f"run failed ({rc}): {out.stderr}")
    return float(wall), int(rss_kb) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--minutes", type=int, nargs="+", default=[10, 60])
    parser.add_argument("--format", dest="fmt", choices=["mp3", "m4a"], default="mp3")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "hl-bench")
    args = parser.parse_args()
    print(f"ffmpeg: {ffmpeg_exe()}")
    print("| recording | wall s (median) | peak RSS MB (max) | highlights |")
    print("|---|---|---|---|")
    for minutes in args.minutes:
        meeting = build_meeting(args.work, minutes, args.fmt)
        walls, peaks = [], []
        for _ in range(args.repeat):
            cmd = [sys.executable, "-m", "highlights.cli", "run", str(meeting), "--out",
                   str(args.work / "site")]
            wall, peak = measure(cmd)
            walls.append(wall)
            peaks.append(peak)
        count = (args.work / "site" / meeting.name / "highlights.audacity.txt").read_text()
        print(f"| {minutes} min {args.fmt} | {statistics.median(walls):.2f} | {max(peaks):.0f} | "
              f"{len(count.splitlines())} |")


if __name__ == "__main__":
    main()
