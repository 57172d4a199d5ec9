"""The transcriber seam: offline speech recognition engines behind one protocol.

An engine turns 16 kHz mono s16le PCM into utterances whose words carry absolute times
(``offset_ms`` is where the PCM starts in the recording). Engines are looked up by name in
``ENGINES``; each one is imported only when it is asked for, so an optional engine that is
not installed costs nothing until someone selects it, and then fails with a clear message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Protocol, runtime_checkable

from highlights.errors import AsrError
from highlights.models import Utterance, Word

#: Sample rate of the PCM every engine takes (16-bit signed little-endian, mono).
ASR_RATE = 16_000
#: The engine used when none is named: installs from the package index with its model.
DEFAULT_ENGINE = "pocketsphinx"

_LONE_I = re.compile(r"\bi\b")


@runtime_checkable
class Transcriber(Protocol):
    """An offline speech recogniser.

    ``name`` is the engine's name as users select it. ``cache_key`` names the engine, its
    model and its settings: cached results are reused only under the same key.
    """

    name: str
    cache_key: str

    def transcribe(self, pcm: bytes, *, sample_rate: int, offset_ms: int) -> tuple[Utterance, ...]:
        """Utterances heard in ``pcm`` (mono s16le), words timed in ms from the recording start."""
        ...


EngineFactory = Callable[[Path | None], Transcriber]


def _pocketsphinx(model: Path | None) -> Transcriber:
    from highlights.asr.pocketsphinx_engine import PocketsphinxTranscriber

    return PocketsphinxTranscriber(model)


def _faster_whisper(model: Path | None) -> Transcriber:
    from highlights.asr.faster_whisper_engine import FasterWhisperTranscriber

    return FasterWhisperTranscriber(model)


#: Engines by name. An entry is a factory taking the model folder (or None for the default).
ENGINES: dict[str, EngineFactory] = {
    "pocketsphinx": _pocketsphinx,
    "faster-whisper": _faster_whisper,
}


def get_transcriber(name: str = DEFAULT_ENGINE, model: Path | None = None) -> Transcriber:
    """The engine called ``name``, loaded with the model in folder ``model`` (or its default).

    Raises ``AsrError`` for an unknown engine, a missing model folder, or an optional engine
    that is not installed.
    """
    factory = ENGINES.get(name)
    if factory is None:
        raise AsrError(
            f"unknown speech recognition engine {name!r}; expected one of "
            + ", ".join(sorted(ENGINES))
        )
    if model is not None and not Path(model).is_dir():
        raise AsrError(f"{name} model folder not found", path=model)
    return factory(None if model is None else Path(model))


def check_rate(engine: str, sample_rate: int) -> None:
    """Raise ``AsrError`` unless ``sample_rate`` is the rate engines take."""
    if sample_rate != ASR_RATE:
        raise AsrError(f"{engine} takes {ASR_RATE} Hz audio, got {sample_rate} Hz")


def sentence_text(words: Sequence[str]) -> str:
    """Words joined as a sentence: first letter and a lone "i" upper case, a final stop."""
    text = " ".join(w for w in words if w)
    if not text:
        return ""
    text = _LONE_I.sub("I", text)
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".?!" else text + "."


def split_at_pauses(words: Sequence[Word], pause_ms: int) -> list[list[Word]]:
    """Consecutive runs of ``words`` separated by silences of at least ``pause_ms``."""
    groups: list[list[Word]] = []
    for word in words:
        if groups and word.start_ms - groups[-1][-1].end_ms < pause_ms:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def sentence_words(words: Sequence[Word]) -> list[Word]:
    """``words`` written as a sentence: see ``sentence_text``; times are kept."""
    texts = sentence_text([w.text for w in words]).split(" ")
    if len(texts) != len(words):  # a word held a space: keep the words as they are
        return list(words)
    return [replace(w, text=t) for w, t in zip(words, texts, strict=True)]


def utterances_from_words(
    words: Sequence[Word], *, pause_ms: int, speaker: str | None = None
) -> list[Utterance]:
    """One utterance per run of words between pauses of at least ``pause_ms``.

    Each is written as a sentence (``sentence_text``), in its text and in its words alike.
    """
    utterances = []
    for group in split_at_pauses([w for w in words if w.text.strip()], pause_ms):
        written = sentence_words(group)
        utterances.append(
            Utterance(
                speaker=speaker,
                start_ms=written[0].start_ms,
                end_ms=max(w.end_ms for w in written),
                text=" ".join(w.text for w in written),
                words=tuple(written),
            )
        )
    return utterances
