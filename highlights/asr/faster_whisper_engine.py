"""An optional engine: faster-whisper with a Whisper model in a local folder.

Install it with ``pip install 'highlights[whisper]'`` and pass ``--asr faster-whisper
--asr-model DIR``, where DIR is a CTranslate2 Whisper model folder (it holds ``model.bin``).
Nothing is downloaded: a model name instead of a folder is refused. faster-whisper is
imported only when this engine is chosen.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Any

from highlights.asr.base import check_rate
from highlights.errors import AsrError
from highlights.models import Utterance, Word

INSTALL_HINT = "install it with: pip install 'highlights[whisper]'"


def _import() -> Any:
    try:
        import faster_whisper
    except ImportError as exc:
        raise AsrError(f"the faster-whisper engine is not installed; {INSTALL_HINT}") from exc
    return faster_whisper


class FasterWhisperTranscriber:
    """Offline recognition with faster-whisper on the CPU, from a local model folder."""

    name = "faster-whisper"

    def __init__(
        self,
        model: Path | None,
        *,
        language: str | None = "en",
        compute_type: str = "int8",
        beam_size: int = 5,
    ) -> None:
        fw = _import()
        if model is None:
            raise AsrError(
                "the faster-whisper engine needs --asr-model DIR: a local CTranslate2 "
                "Whisper model folder (nothing is downloaded)"
            )
        if not (model / "model.bin").is_file():
            raise AsrError(
                "not a faster-whisper model folder: no model.bin (convert a Whisper model "
                "with ct2-transformers-converter, or copy one that is)",
                path=model,
            )
        try:
            self._model = fw.WhisperModel(
                str(model), device="cpu", compute_type=compute_type, local_files_only=True
            )
        except Exception as exc:  # the library raises plain RuntimeError/ValueError/OSError
            raise AsrError(f"faster-whisper cannot load the model: {exc}", path=model) from exc
        self.model = model
        self.language = language
        self.beam_size = beam_size
        try:
            version = metadata.version("faster-whisper")
        except metadata.PackageNotFoundError:
            version = "unknown"
        self.cache_key = (
            f"faster-whisper-{version}-{model.resolve()}-{language}-{compute_type}-b{beam_size}"
        )

    def transcribe(self, pcm: bytes, *, sample_rate: int, offset_ms: int) -> tuple[Utterance, ...]:
        """Utterances heard in ``pcm``, with word times in ms from the recording start."""
        check_rate(self.name, sample_rate)
        import numpy as np

        audio = np.frombuffer(pcm[: len(pcm) - len(pcm) % 2], dtype="<i2")
        samples = audio.astype(np.float32) / 32768.0
        if not len(samples):
            return ()
        segments, _info = self._model.transcribe(
            samples,
            language=self.language,
            beam_size=self.beam_size,
            word_timestamps=True,
            condition_on_previous_text=False,
            vad_filter=False,
        )
        return tuple(
            u for u in (segment_utterance(s, offset_ms) for s in segments) if u is not None
        )


def _ms(seconds: Any, offset_ms: int) -> int:
    return offset_ms + round(float(seconds) * 1000)


def segment_utterance(segment: Any, offset_ms: int) -> Utterance | None:
    """One faster-whisper segment (``start``, ``end``, ``text``, ``words``) as an utterance."""
    words = tuple(
        Word(
            text=str(w.word).strip(),
            start_ms=_ms(w.start, offset_ms),
            end_ms=max(_ms(w.end, offset_ms), _ms(w.start, offset_ms)),
            confidence=None if w.probability is None else round(float(w.probability), 3),
        )
        for w in (segment.words or ())
        if str(w.word).strip()
    )
    text = " ".join(str(segment.text).split())
    if not text:
        return None
    start = words[0].start_ms if words else _ms(segment.start, offset_ms)
    end = max(w.end_ms for w in words) if words else _ms(segment.end, offset_ms)
    return Utterance(speaker=None, start_ms=start, end_ms=max(end, start), text=text, words=words)
