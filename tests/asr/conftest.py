"""Fixtures for the speech recognition tests: the real recordings with their reference text,
the default engine (loaded once), and a scripted transcriber that counts its calls."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from highlights.asr.base import Transcriber, get_transcriber
from highlights.models import Utterance, Word

BOUNDS = Path(__file__).with_name("wer_bounds.json")


@dataclass(frozen=True)
class Recording:
    name: str
    audio: Path
    reference: str
    bound: float


def stm_text(path: Path) -> str:
    """The words of an STM transcript, its utterances in time order."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split(None, 5)
        if len(parts) == 6 and not line.startswith(";;"):
            rows.append((float(parts[3]), parts[5]))
    return " ".join(text for _, text in sorted(rows))


def wer_bounds() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(BOUNDS.read_text())["recordings"]
    return data


@pytest.fixture(scope="session")
def recordings(realdata: Path) -> dict[str, Recording]:
    audio = realdata / "audio"
    refs = {
        "whisper_jfk": (
            audio / "whisper_jfk" / "jfk.flac",
            (audio / "whisper_jfk" / "jfk.txt").read_text(encoding="utf-8"),
        ),
        "pyannote_sample": (
            audio / "pyannote_sample" / "sample.wav",
            stm_text(audio / "pyannote_sample" / "sample.stm"),
        ),
    }
    bounds = wer_bounds()
    return {
        name: Recording(name, path, ref, float(str(bounds[name]["bound"])))
        for name, (path, ref) in refs.items()
    }


@pytest.fixture(scope="session")
def engine() -> Transcriber:
    """The default engine with the model from its wheel (loaded once per test session)."""
    return get_transcriber()


@dataclass
class CountingTranscriber:
    """A scripted engine: one utterance per call, naming the stretch it was given.

    ``calls`` records ``(offset_ms, duration_ms)`` per call; ``fail_at`` makes the call with
    that number (from 1) raise, as a killed run would stop.
    """

    name: str = "counting"
    cache_key: str = "counting-1"
    fail_at: int | None = None
    calls: list[tuple[int, int]] = field(default_factory=list)

    def transcribe(self, pcm: bytes, *, sample_rate: int, offset_ms: int) -> tuple[Utterance, ...]:
        duration = len(pcm) * 1000 // (sample_rate * 2)
        self.calls.append((offset_ms, duration))
        if self.fail_at is not None and len(self.calls) == self.fail_at:
            raise KeyboardInterrupt("killed")
        text = f"stretch at {offset_ms}"
        word = Word(text=text, start_ms=offset_ms, end_ms=offset_ms + duration)
        return (Utterance(None, offset_ms, offset_ms + duration, text, (word,)),)


@pytest.fixture
def counting() -> CountingTranscriber:
    return CountingTranscriber()
