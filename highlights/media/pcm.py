"""Decoded stretches of a recording, kept as 16-bit mono PCM with their place in time."""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np

with warnings.catch_warnings():
    # pydub warns at import when ffmpeg is not on PATH; it is never asked to find one.
    warnings.simplefilter("ignore", RuntimeWarning)
    from pydub import AudioSegment

SAMPLE_WIDTH = 2


@dataclass(frozen=True, slots=True)
class WindowAudio:
    """Mono s16le PCM of a recording from ``offset_ms`` on, at ``sample_rate``."""

    pcm: bytes
    offset_ms: int
    sample_rate: int

    @property
    def end_ms(self) -> int:
        return self.offset_ms + len(self.pcm) * 1000 // (SAMPLE_WIDTH * self.sample_rate)

    def covers(self, start_ms: int, end_ms: int) -> bool:
        return self.offset_ms <= start_ms and end_ms <= self.end_ms

    def segment(self) -> AudioSegment:
        return AudioSegment(data=self.pcm, sample_width=SAMPLE_WIDTH,
                            frame_rate=self.sample_rate, channels=1)

    def resampled(self, sample_rate: int) -> bytes:
        """The same stretch at another rate (for the VAD, which wants 16 kHz).

        Halving (32 kHz to 16 kHz) averages each pair of samples: a low-pass and decimation
        in one step, ten times cheaper than a general resampler, in 16-bit arithmetic so no
        wider copy of the window is ever made (each half is shifted before adding, which
        cannot overflow and is at most one step below the exact mean).
        """
        if sample_rate == self.sample_rate:
            return self.pcm
        if self.sample_rate == 2 * sample_rate:
            samples = np.frombuffer(self.pcm, dtype="<i2")
            usable = len(samples) // 2 * 2
            halved = samples[0:usable:2] >> 1
            halved += samples[1:usable:2] >> 1
            return halved.tobytes()
        return bytes(self.segment().set_frame_rate(sample_rate).raw_data)
