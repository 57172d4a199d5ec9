"""The ``export`` stage: write one audio file per clip. The only module that writes audio.

Clips are decoded with input seeking (only the clip's stretch), turned into pydub
``AudioSegment`` values from the PCM, given short fades and encoded through pydub.
"""

from __future__ import annotations

import os
import warnings
from pathlib import Path

from highlights.errors import AudioError
from highlights.media.ffmpeg import SAMPLE_WIDTH, decode_pcm, ffmpeg_exe
from highlights.models import AudioInfo, Clip

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; the binary is set explicitly below.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

FADE_MS = 20
MAX_EXPORT_RATE = 48_000


def clip_segment(audio: AudioInfo, clip: Clip) -> AudioSegment:
    """The clip's audio as a pydub segment (source rate, at most stereo)."""
    channels = min(2, max(1, audio.channels))
    rate = min(audio.sample_rate, MAX_EXPORT_RATE)
    pcm = decode_pcm(
        audio.path, clip.start_ms, clip.end_ms - clip.start_ms, sample_rate=rate, channels=channels
    )
    if not pcm:
        raise AudioError("clip decoded to nothing", path=audio.path, time_ms=clip.start_ms)
    seg = AudioSegment(data=pcm, sample_width=SAMPLE_WIDTH, frame_rate=rate, channels=channels)
    fade = min(FADE_MS, len(seg) // 4)
    return seg.fade_in(fade).fade_out(fade)


def export_clip(
    audio: AudioInfo, clip: Clip, out_path: Path, *, fmt: str = "mp3", bitrate: str = "64k"
) -> Path:
    """Encode ``clip`` of ``audio`` to ``out_path`` atomically."""
    seg = clip_segment(audio, clip)
    AudioSegment.converter = ffmpeg_exe()
    tmp = out_path.with_name(f".{out_path.name}.encoding")
    try:
        handle = seg.export(str(tmp), format=fmt, bitrate=bitrate)
        handle.close()
        os.replace(tmp, out_path)
    except AudioError:
        raise
    except Exception as exc:
        raise AudioError(f"cannot encode clip: {exc}", path=out_path) from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out_path
