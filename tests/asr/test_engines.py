"""The engine registry and the optional faster-whisper engine: clear messages when an engine
or its model is missing, and its segments mapped to timed utterances."""

from __future__ import annotations

import sys
import types
from pathlib import Path
from typing import Any, ClassVar

import pytest

from highlights.asr.base import (
    ENGINES,
    Transcriber,
    get_transcriber,
    sentence_text,
    utterances_from_words,
)
from highlights.asr.faster_whisper_engine import FasterWhisperTranscriber
from highlights.errors import AsrError, HighlightsError
from highlights.models import Word


def test_engines_unknown_name_lists_the_known_ones() -> None:
    with pytest.raises(AsrError, match="unknown speech recognition engine 'vosk'") as info:
        get_transcriber("vosk")
    assert "faster-whisper, pocketsphinx" in str(info.value)
    assert info.value.code == "H010"
    assert isinstance(info.value, HighlightsError)


def test_engines_missing_model_folder_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-model"
    with pytest.raises(AsrError, match="model folder not found") as info:
        get_transcriber("pocketsphinx", missing)
    assert str(missing) in str(info.value)


def test_engines_default_is_pocketsphinx_and_fits_the_protocol(engine: Transcriber) -> None:
    assert engine.name == "pocketsphinx"
    assert isinstance(engine, Transcriber)
    assert set(ENGINES) >= {"pocketsphinx", "faster-whisper"}


def test_faster_whisper_not_installed_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)  # import fails as if absent
    (tmp_path / "model.bin").write_bytes(b"")
    for model in (tmp_path, None):
        with pytest.raises(AsrError) as info:
            get_transcriber("faster-whisper", model)
        message = str(info.value)
        assert "faster-whisper engine is not installed" in message
        assert "pip install 'highlights[whisper]'" in message


class _FakeWhisperModel:
    """Stands in for ``faster_whisper.WhisperModel``: replays scripted segments."""

    loaded: ClassVar[list[tuple[str, dict[str, Any]]]] = []

    def __init__(self, path: str, **kw: Any) -> None:
        self.loaded.append((path, kw))
        self.audio: Any = None

    def transcribe(self, audio: Any, **kw: Any) -> tuple[Any, None]:
        assert kw["word_timestamps"] is True
        self.audio = audio
        ns = types.SimpleNamespace
        segments = [
            ns(
                start=0.5,
                end=2.0,
                text=" Let's ship it by Friday.",
                words=[
                    ns(word=" Let's", start=0.5, end=0.8, probability=0.9),
                    ns(word=" ship", start=0.8, end=1.1, probability=0.8),
                    ns(word=" it", start=1.1, end=1.2, probability=0.95),
                    ns(word=" by", start=1.2, end=1.4, probability=0.9),
                    ns(word=" Friday.", start=1.4, end=2.0, probability=0.7),
                ],
            ),
            ns(start=2.5, end=3.0, text="  ", words=[]),
        ]
        return iter(segments), None


@pytest.fixture
def fake_faster_whisper(monkeypatch: pytest.MonkeyPatch) -> type[_FakeWhisperModel]:
    module = types.ModuleType("faster_whisper")
    module.WhisperModel = _FakeWhisperModel  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "faster_whisper", module)
    _FakeWhisperModel.loaded = []
    return _FakeWhisperModel


def test_faster_whisper_needs_a_local_model_folder(
    fake_faster_whisper: type[_FakeWhisperModel], tmp_path: Path
) -> None:
    with pytest.raises(AsrError, match="needs --asr-model DIR"):
        get_transcriber("faster-whisper")
    with pytest.raises(AsrError, match=r"no model\.bin") as info:
        get_transcriber("faster-whisper", tmp_path)
    assert str(tmp_path) in str(info.value)
    assert fake_faster_whisper.loaded == []


def test_faster_whisper_segments_become_timed_utterances(
    fake_faster_whisper: type[_FakeWhisperModel], tmp_path: Path
) -> None:
    (tmp_path / "model.bin").write_bytes(b"")
    engine = get_transcriber("faster-whisper", tmp_path)
    assert isinstance(engine, FasterWhisperTranscriber)
    path, kw = fake_faster_whisper.loaded[0]
    assert path == str(tmp_path) and kw["local_files_only"] is True and kw["device"] == "cpu"

    pcm = (b"\x00\x40" + b"\x00\xc0") * 8000  # 1 s at 16 kHz: +0.5, -0.5
    utterances = engine.transcribe(pcm, sample_rate=16_000, offset_ms=60_000)
    assert len(utterances) == 1
    u = utterances[0]
    assert u.text == "Let's ship it by Friday."
    assert (u.start_ms, u.end_ms) == (60_500, 62_000)
    assert [(w.text, w.start_ms, w.end_ms) for w in u.words][::4] == [
        ("Let's", 60_500, 60_800),
        ("Friday.", 61_400, 62_000),
    ]
    assert u.words[1].confidence == 0.8
    audio = engine._model.audio
    assert audio.dtype.name == "float32" and len(audio) == 16_000
    assert audio[0] == pytest.approx(0.5) and audio[1] == pytest.approx(-0.5)
    with pytest.raises(AsrError, match="16000 Hz"):
        engine.transcribe(pcm, sample_rate=44_100, offset_ms=0)


def test_engines_words_become_sentences_split_at_pauses() -> None:
    words = [
        Word("i'm", 0, 200),
        Word("blocked", 200, 600),
        Word("on", 650, 700),
        Word("access", 700, 1_000),
        Word("", 1_000, 1_010),
        Word("i", 1_500, 1_600),
        Word("think", 1_600, 1_900),
    ]
    utterances = utterances_from_words(words, pause_ms=400, speaker="Sam")
    assert [(u.text, u.start_ms, u.end_ms, u.speaker) for u in utterances] == [
        ("I'm blocked on access.", 0, 1_000, "Sam"),
        ("I think.", 1_500, 1_900, "Sam"),
    ]
    assert [w.text for w in utterances[1].words] == ["I", "think."]
    assert sentence_text(["is", "it", "done?"]) == "Is it done?"
    assert sentence_text([]) == ""
