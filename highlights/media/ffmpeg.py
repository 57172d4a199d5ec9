"""The one place that runs ffmpeg: probing recordings and decoding stretches of them.

ffmpeg is taken from ``HIGHLIGHTS_FFMPEG``, else the static binary shipped in the
``imageio-ffmpeg`` wheel, else the one on PATH. The bundled binary comes first: its version is
pinned with the package, so every machine decodes alike, and being static it starts in about
10 ms where a distribution's dynamically linked ffmpeg takes about 50 ms, which adds up to
half a second a meeting over the dozen ffmpeg runs of a long recording. No ffprobe is
needed: probing reads the stream header ffmpeg prints, and decoding seeks with ``-ss`` before
``-i`` so only the requested stretch is decoded.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from highlights.errors import AudioError, InputNotFoundError
from highlights.models import AudioInfo

SAMPLE_WIDTH = 2  # signed 16-bit little-endian PCM everywhere

_DURATION = re.compile(r"Duration:\s*(\d+):(\d\d):(\d\d(?:\.\d+)?)")
_AUDIO_STREAM = re.compile(r"Stream #\d+:\d+.*?: Audio: ([^,\s]+)[^,]*, (\d+) Hz, ([^,]+)")
_PROGRESS_TIME = re.compile(r"time=(\d+):(\d\d):(\d\d(?:\.\d+)?)")


@functools.lru_cache(maxsize=1)
def ffmpeg_exe() -> str:
    """Path of the ffmpeg binary to run."""
    env = os.environ.get("HIGHLIGHTS_FFMPEG")
    if env:
        return env
    try:
        import imageio_ffmpeg

        return str(imageio_ffmpeg.get_ffmpeg_exe())
    except (ImportError, RuntimeError):  # pragma: no cover - a dependency of the package
        pass
    found = shutil.which("ffmpeg")
    if found:
        return found
    raise AudioError(  # pragma: no cover - a dependency of the package
        "no ffmpeg: imageio-ffmpeg has no binary for this platform and none is on PATH; "
        "install ffmpeg or set HIGHLIGHTS_FFMPEG"
    )


def _hms_to_ms(h: str, m: str, s: str) -> int:
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)


def _channels(layout: str) -> int:
    layout = layout.strip()
    named = {"mono": 1, "stereo": 2, "2.1": 3, "quad": 4, "5.0": 5, "5.1": 6, "7.1": 8}
    if layout in named:
        return named[layout]
    match = re.match(r"(\d+) channels", layout)
    if match:
        return int(match.group(1))
    return 2 if "(side)" in layout or "(back)" in layout else 1


def _check_readable(path: Path) -> None:
    if not path.exists():
        raise InputNotFoundError("audio file not found", path=path)
    if not path.is_file():
        raise InputNotFoundError("audio path is not a file", path=path)
    if path.stat().st_size == 0:
        raise AudioError("audio file is empty", path=path)


def probe(path: str | Path) -> AudioInfo:
    """Read a recording's duration, sample rate and channels without decoding it.

    When the container does not state a duration, the file is decoded to nothing (streamed,
    never held in memory) to measure it.
    """
    path = Path(path)
    _check_readable(path)
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path)],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    header = proc.stderr
    stream = _AUDIO_STREAM.search(header)
    if stream is None:
        reason = _last_error_line(header) or "no audio stream found"
        raise AudioError(f"cannot read audio: {reason}", path=path)
    codec, rate, layout = stream.group(1), int(stream.group(2)), stream.group(3)
    duration = _DURATION.search(header)
    if duration is not None:
        duration_ms = _hms_to_ms(*duration.groups())
    else:
        duration_ms = _measure_duration(path)
    if duration_ms <= 0:
        raise AudioError("audio has no duration", path=path)
    return AudioInfo(
        path=str(path),
        duration_ms=duration_ms,
        sample_rate=rate,
        channels=_channels(layout),
        codec=codec,
    )


def _measure_duration(path: Path) -> int:
    proc = subprocess.run(
        [ffmpeg_exe(), "-hide_banner", "-nostdin", "-i", str(path), "-vn", "-f", "null", "-"],
        capture_output=True,
        text=True,
        errors="replace",
        check=False,
    )
    times = _PROGRESS_TIME.findall(proc.stderr)
    if proc.returncode != 0 or not times:
        raise AudioError(
            f"cannot measure duration: {_last_error_line(proc.stderr) or 'decode failed'}",
            path=path,
        )
    return _hms_to_ms(*times[-1])


def _last_error_line(stderr: str) -> str:
    lines = [ln.strip() for ln in stderr.strip().splitlines() if ln.strip()]
    for line in reversed(lines):
        if "at least one output file" in line:
            continue
        return line.split(": ", 1)[-1] if line.startswith(("/", ".")) else line
    return ""


def decode_pcm(
    path: str | Path,
    start_ms: int,
    duration_ms: int,
    *,
    sample_rate: int = 16_000,
    channels: int = 1,
) -> bytes:
    """Decode ``duration_ms`` of audio from ``start_ms`` as s16le PCM.

    Input seeking (``-ss`` before ``-i``) makes ffmpeg skip to the stretch instead of decoding
    from the start; the result is sample-exact. The returned bytes may be shorter than asked
    near the end of the recording.
    """
    path = Path(path)
    _check_readable(path)
    start_ms = max(0, start_ms)
    if duration_ms <= 0:
        return b""
    cmd = [
        ffmpeg_exe(),
        "-hide_banner",
        "-nostdin",
        "-v",
        "error",
        "-ss",
        f"{start_ms / 1000:.3f}",
        "-i",
        str(path),
        "-t",
        f"{duration_ms / 1000:.3f}",
        "-vn",
        "-ac",
        str(channels),
        "-ar",
        str(sample_rate),
        "-f",
        "s16le",
        "-acodec",
        "pcm_s16le",
        "-y",
    ]
    # Into a file, not a pipe: ffmpeg runs to the end without waiting on a reader, and the
    # PCM is read in one call instead of thousands of pipe-sized handoffs.
    with tempfile.TemporaryDirectory(prefix="highlights-pcm-") as tmp:
        out = Path(tmp) / "window.pcm"
        proc = subprocess.run([*cmd, str(out)], capture_output=True, check=False)
        data = out.read_bytes() if proc.returncode == 0 and out.is_file() else b""
    if proc.returncode != 0:
        message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise AudioError(
            f"cannot decode audio: {message[-1] if message else 'ffmpeg failed'}",
            path=path,
            time_ms=start_ms,
        )
    frame = SAMPLE_WIDTH * channels
    return data[: len(data) - len(data) % frame]
