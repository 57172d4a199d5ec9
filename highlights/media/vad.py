"""The one place that uses webrtcvad: which frames of 16-bit mono PCM hold speech."""

from __future__ import annotations

from collections.abc import Callable

from highlights.errors import AudioError

IsSpeech = Callable[[bytes, int], bool]
"""``is_speech(frame, sample_rate)``: the signature of ``webrtcvad.Vad.is_speech``."""

VALID_RATES = (8000, 16000, 32000, 48000)
VALID_FRAME_MS = (10, 20, 30)


def webrtc_is_speech(mode: int = 2) -> IsSpeech:
    """A webrtcvad classifier with the given aggressiveness (0 least, 3 most)."""
    if mode not in (0, 1, 2, 3):
        raise AudioError(f"VAD mode must be 0, 1, 2 or 3, not {mode}")
    import webrtcvad

    vad = webrtcvad.Vad(mode)
    return vad.is_speech  # type: ignore[no-any-return]


def speech_frames(
    pcm: bytes,
    *,
    sample_rate: int = 16_000,
    frame_ms: int = 30,
    is_speech: IsSpeech,
) -> list[bool]:
    """Classify consecutive ``frame_ms`` frames of mono s16le PCM.

    A trailing partial frame is dropped.
    """
    if sample_rate not in VALID_RATES:
        raise AudioError(f"VAD needs a sample rate of {VALID_RATES}, not {sample_rate}")
    if frame_ms not in VALID_FRAME_MS:
        raise AudioError(f"VAD frames must be 10, 20 or 30 ms, not {frame_ms}")
    frame_bytes = sample_rate * frame_ms // 1000 * 2
    count = len(pcm) // frame_bytes
    return [
        bool(is_speech(pcm[i * frame_bytes : (i + 1) * frame_bytes], sample_rate))
        for i in range(count)
    ]
