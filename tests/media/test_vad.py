"""The VAD seam against the webrtcvad oracle, and its argument checks."""

from __future__ import annotations

import json
import wave
from pathlib import Path

import pytest

from highlights.errors import AudioError
from highlights.media.vad import speech_frames, webrtc_is_speech


@pytest.mark.parametrize("mode", [0, 1, 2, 3])
def test_vad_matches_webrtcvad_oracle(realdata: Path, mode: int) -> None:
    folder = realdata / "audio" / "py-webrtcvad"
    expected = json.loads((folder / "test-audio.expected.json").read_text())
    pcm = (folder / "test-audio.raw").read_bytes()
    frames = speech_frames(pcm, sample_rate=8000, frame_ms=30, is_speech=webrtc_is_speech(mode))
    got = "".join("1" if f else "0" for f in frames)
    assert got == expected["expected_by_mode"][str(mode)]


def test_vad_finds_speech_in_leak_test_wav(realdata: Path) -> None:
    with wave.open(str(realdata / "audio" / "py-webrtcvad" / "leak-test.wav")) as w:
        pcm = w.readframes(w.getnframes())
        rate = w.getframerate()
    frames = speech_frames(pcm, sample_rate=rate, frame_ms=10, is_speech=webrtc_is_speech(3))
    assert any(frames)
    assert not all(frames)


def test_vad_drops_trailing_partial_frame() -> None:
    frame = b"\x00\x00" * 480  # 30 ms at 16 kHz
    frames = speech_frames(frame * 3 + b"\x00\x00" * 100, is_speech=lambda f, r: len(f) == 960)
    assert frames == [True, True, True]


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [({"sample_rate": 22050}, "sample rate"), ({"frame_ms": 25}, "10, 20 or 30")],
)
def test_vad_rejects_bad_settings(kwargs: dict[str, int], needle: str) -> None:
    with pytest.raises(AudioError, match=needle):
        speech_frames(b"\x00" * 1000, is_speech=lambda f, r: False, **kwargs)


def test_vad_rejects_bad_mode() -> None:
    with pytest.raises(AudioError, match="mode"):
        webrtc_is_speech(5)
