"""The default engine: PocketSphinx, with the US English model shipped in its wheel.

Nothing is downloaded: ``pip install pocketsphinx`` brings the acoustic model, language model
and dictionary. The PCM is cut into stretches of speech by PocketSphinx's endpointer (a
voice activity detector); each stretch is decoded as one utterance and its word segmentation
gives word times. Words are then grouped into utterances at pauses.

A model folder (``--asr-model DIR``) is laid out like the bundled one: an acoustic model
folder (holding ``mdef``), or the folder itself being one, plus one language model
(``*.lm.bin``, ``*.lm``, ``*.arpa``) and one pronunciation dictionary (``*.dict``, ``*.dic``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

from highlights.asr.base import ASR_RATE, check_rate, utterances_from_words
from highlights.errors import AsrError
from highlights.models import Utterance, Word

#: Words further apart than this start a new utterance.
PAUSE_MS = 400

_VARIANT = re.compile(r"\(\d+\)$")  # "read(2)": the second pronunciation of "read"
_NOT_WORDS = ("<", "[", "+")  # <s>, </s>, <sil>, [NOISE], ++BREATH++
_LM_SUFFIXES = (".lm.bin", ".lm", ".arpa", ".lm.dmp")
_DICT_SUFFIXES = (".dict", ".dic")


def _import() -> Any:
    try:
        import pocketsphinx
    except ImportError as exc:
        raise AsrError(
            "pocketsphinx is not installed; install it with: pip install 'pocketsphinx>=5'"
        ) from exc
    return pocketsphinx


def _version() -> str:
    try:
        return metadata.version("pocketsphinx")
    except metadata.PackageNotFoundError:  # pragma: no cover - imported from a source tree
        return "unknown"


def model_files(folder: Path) -> dict[str, str]:
    """The ``hmm``, ``lm`` and ``dict`` settings of a model folder (``AsrError`` if incomplete)."""
    if (folder / "mdef").is_file():
        hmm = folder
    else:
        found = sorted(p for p in folder.iterdir() if (p / "mdef").is_file())
        if len(found) != 1:
            raise AsrError(
                "expected one acoustic model folder (holding mdef) in the pocketsphinx model "
                f"folder, found {len(found)}",
                path=folder,
            )
        hmm = found[0]
    settings = {"hmm": str(hmm)}
    for key, suffixes, what in (
        ("lm", _LM_SUFFIXES, "language model (*.lm.bin, *.lm, *.arpa)"),
        ("dict", _DICT_SUFFIXES, "dictionary (*.dict, *.dic)"),
    ):
        files = sorted(p for p in folder.iterdir() if p.name.lower().endswith(suffixes))
        if len(files) > 1:
            # several, as in the bundled model (en-us.lm.bin, en-us-phone.lm.bin): the one
            # named after the acoustic model
            named = [p for p in files if p.name.lower().startswith(f"{hmm.name.lower()}.")]
            files = named or files
        if len(files) != 1:
            names = ", ".join(p.name for p in files) or "none"
            raise AsrError(
                f"expected one {what} in the pocketsphinx model folder, found: {names}",
                path=folder,
            )
        settings[key] = str(files[0])
    return settings


class PocketsphinxTranscriber:
    """Offline recognition with PocketSphinx; ``model`` None uses the model in the wheel."""

    name = "pocketsphinx"

    def __init__(self, model: Path | None = None, *, pause_ms: int = PAUSE_MS) -> None:
        ps = _import()
        settings = model_files(model) if model is not None else {}
        try:
            self._decoder = ps.Decoder(loglevel="FATAL", samprate=ASR_RATE, **settings)
        except (RuntimeError, ValueError) as exc:
            raise AsrError(f"pocketsphinx cannot load its model: {exc}", path=model) from exc
        self._endpointer = ps.Endpointer
        self._frame_ms = 1000 / float(self._decoder.config["frate"])
        self.pause_ms = pause_ms
        self.model = model
        where = "bundled" if model is None else str(model.resolve())
        version = _version()
        self.cache_key = f"pocketsphinx-{version}-{where}-pause{pause_ms}"

    def transcribe(self, pcm: bytes, *, sample_rate: int, offset_ms: int) -> tuple[Utterance, ...]:
        """Utterances heard in ``pcm``, with word times in ms from the recording start."""
        check_rate(self.name, sample_rate)
        words: list[Word] = []
        for start_s, speech in self._speech(pcm, sample_rate):
            base = offset_ms + round(start_s * 1000)
            words.extend(self._decode(speech, base))
        return tuple(utterances_from_words(words, pause_ms=self.pause_ms))

    def _speech(self, pcm: bytes, sample_rate: int) -> Iterator[tuple[float, bytes]]:
        """Stretches of speech in ``pcm``: (start in seconds from its start, their PCM)."""
        endpointer = self._endpointer(sample_rate=sample_rate)
        size = endpointer.frame_bytes
        pcm = pcm[: len(pcm) - len(pcm) % 2]
        parts: list[bytes] = []
        start = 0.0
        for i in range(0, len(pcm), size):
            last = i + size >= len(pcm)
            frame = pcm[i : i + size]
            speech = endpointer.end_stream(frame) if last else endpointer.process(frame)
            if speech is None:
                continue
            if not parts:
                start = float(endpointer.speech_start)
            parts.append(bytes(speech))
            if last or not endpointer.in_speech:
                yield start, b"".join(parts)
                parts = []

    def _decode(self, speech: bytes, base_ms: int) -> list[Word]:
        decoder = self._decoder
        # Feature extraction keeps noise and cepstral statistics between utterances: reset
        # it, so that a stretch decodes the same whatever was decoded before it.
        decoder.reinit_feat()
        decoder.start_utt()
        decoder.process_raw(speech, full_utt=True)
        decoder.end_utt()
        words = []
        for seg in decoder.seg():
            token = str(seg.word)
            if token.startswith(_NOT_WORDS):
                continue
            words.append(
                Word(
                    text=_VARIANT.sub("", token),
                    start_ms=base_ms + round(seg.start_frame * self._frame_ms),
                    end_ms=base_ms + round((seg.end_frame + 1) * self._frame_ms),
                    confidence=round(float(seg.prob), 3),
                )
            )
        return words
