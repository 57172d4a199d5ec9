"""WindowAudio: resampling for the VAD."""

from __future__ import annotations

import math

import numpy as np

from highlights.media.pcm import WindowAudio


def _tone(rate: int, hz: float, seconds: float, amplitude: int = 8000) -> bytes:
    t = np.arange(int(rate * seconds)) / rate
    return (amplitude * np.sin(2 * math.pi * hz * t)).astype("<i2").tobytes()


def test_pcm_halving_keeps_a_speech_band_tone() -> None:
    pcm = _tone(32_000, 440.0, 1.0)
    half = np.frombuffer(WindowAudio(pcm, 0, 32_000).resampled(16_000), dtype="<i2")
    assert len(half) == 16_000
    expected = np.frombuffer(_tone(16_000, 440.0, 1.0), dtype="<i2").astype(float)
    # averaging sample pairs delays the tone by half a 32 kHz sample, nothing more
    corr = np.corrcoef(half.astype(float), expected)[0, 1]
    assert corr > 0.999
    assert abs(np.abs(half).max() - 8000) < 100


def test_pcm_halving_cannot_overflow_at_full_scale() -> None:
    pcm = np.array([32767, 32767, -32768, -32768, 32767, -32768], dtype="<i2").tobytes()
    half = np.frombuffer(WindowAudio(pcm, 0, 32_000).resampled(16_000), dtype="<i2")
    assert half.tolist() == [32766, -32768, -1]


def test_pcm_halving_removes_energy_at_the_new_nyquist() -> None:
    # a tone at 16 kHz (the old Nyquist) would alias; pairs average it away
    pcm = np.tile(np.array([8000, -8000], dtype="<i2"), 16_000).tobytes()
    half = np.frombuffer(WindowAudio(pcm, 0, 32_000).resampled(16_000), dtype="<i2")
    assert np.abs(half).max() == 0


def test_pcm_halving_drops_an_odd_last_sample_and_keeps_time() -> None:
    pcm = np.array([100, 300, 500, 700, 900], dtype="<i2").tobytes()
    audio = WindowAudio(pcm, 1_000, 32_000)
    assert np.frombuffer(audio.resampled(16_000), dtype="<i2").tolist() == [200, 600]
    assert audio.resampled(32_000) == pcm


def test_pcm_other_ratios_use_the_general_resampler() -> None:
    pcm = _tone(44_100, 440.0, 0.5)
    out = WindowAudio(pcm, 0, 44_100).resampled(16_000)
    assert abs(len(out) // 2 - 8_000) <= 1
