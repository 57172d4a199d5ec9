"""The ``export`` stage: write one audio file per clip. The only module that writes audio.

A clip is cut from the PCM already decoded for its window (mono, 32 kHz for full-band
recordings: the whole speech band at a quarter of the cost of stereo 44.1 kHz), or decoded
with input seeking when no window audio is at hand; it becomes a pydub ``AudioSegment``,
gets short fades and is encoded through pydub.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from highlights.errors import AudioError
from highlights.media.ffmpeg import SAMPLE_WIDTH, decode_pcm, ffmpeg_exe
from highlights.media.pcm import WindowAudio
from highlights.models import AudioInfo, Clip

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; the binary is set explicitly below.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

FADE_MS = 20


def clip_rate(audio: AudioInfo) -> int:
    """The rate clips are cut at: 32 kHz for full-band recordings, 16 kHz below that."""
    return 32_000 if audio.sample_rate > 16_000 else 16_000


def clip_segment(
    audio: AudioInfo, clip: Clip, window: WindowAudio | None = None
) -> AudioSegment:
    """The clip's audio as a mono pydub segment, from ``window`` when it covers the clip."""
    if window is not None and window.covers(clip.start_ms, clip.end_ms):
        seg = window.segment()[clip.start_ms - window.offset_ms : clip.end_ms - window.offset_ms]
    else:
        rate = clip_rate(audio)
        pcm = decode_pcm(audio.path, clip.start_ms, clip.end_ms - clip.start_ms, sample_rate=rate)
        seg = AudioSegment(data=pcm, sample_width=SAMPLE_WIDTH, frame_rate=rate, channels=1)
    if len(seg) == 0:
        raise AudioError("clip decoded to nothing", path=audio.path, time_ms=clip.start_ms)
    fade = min(FADE_MS, len(seg) // 4)
    return seg.fade_in(fade).fade_out(fade)


def export_clip(
    audio: AudioInfo,
    clip: Clip,
    out_path: Path,
    *,
    fmt: str = "mp3",
    bitrate: str = "64k",
    window: WindowAudio | None = None,
) -> Path:
    """Encode ``clip`` of ``audio`` to ``out_path`` atomically."""
    seg = clip_segment(audio, clip, window)
    AudioSegment.converter = ffmpeg_exe()
    tmp = out_path.with_name(f".{out_path.name}.encoding")
    try:
        # LAME's fastest algorithm: at speech bitrates the difference is not audible.
        extra = ["-compression_level", "9"] if fmt == "mp3" else []
        handle = seg.export(str(tmp), format=fmt, bitrate=bitrate, parameters=extra)
        handle.close()
        os.replace(tmp, out_path)
    except AudioError:
        raise
    except Exception as exc:
        raise AudioError(f"cannot encode clip: {exc}", path=out_path) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out_path
