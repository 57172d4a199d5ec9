"""The default engine on real speech: word error rate under the recorded bound, word times,
deterministic results, and a model folder given by hand."""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest

from highlights.asr.base import ASR_RATE, Transcriber, get_transcriber
from highlights.asr.wer import wer
from highlights.errors import AsrError
from highlights.media.ffmpeg import decode_pcm, probe
from highlights.models import Utterance


def _pcm(path: Path) -> bytes:
    return decode_pcm(path, 0, probe(path).duration_ms, sample_rate=ASR_RATE)


@pytest.fixture(scope="module")
def jfk(recordings: dict[str, Any]) -> bytes:
    return _pcm(recordings["whisper_jfk"].audio)


@pytest.fixture(scope="module")
def jfk_heard(engine: Transcriber, jfk: bytes) -> tuple[Utterance, ...]:
    return engine.transcribe(jfk, sample_rate=ASR_RATE, offset_ms=0)


def test_pocketsphinx_wer_on_jfk_within_recorded_bound(
    recordings: dict[str, Any], jfk_heard: tuple[Utterance, ...]
) -> None:
    hypothesis = " ".join(u.text for u in jfk_heard)
    rec = recordings["whisper_jfk"]
    assert wer(rec.reference, hypothesis) <= rec.bound, hypothesis


def test_pocketsphinx_wer_on_pyannote_call_within_recorded_bound(
    recordings: dict[str, Any], engine: Transcriber
) -> None:
    rec = recordings["pyannote_sample"]
    utterances = engine.transcribe(_pcm(rec.audio), sample_rate=ASR_RATE, offset_ms=0)
    hypothesis = " ".join(u.text for u in utterances)
    assert wer(rec.reference, hypothesis) <= rec.bound, hypothesis


def test_pocketsphinx_words_timed_and_utterances_split_at_pauses(
    jfk_heard: tuple[Utterance, ...],
) -> None:
    assert jfk_heard, "no speech recognised"
    for u in jfk_heard:
        assert u.words and u.start_ms == u.words[0].start_ms <= u.words[-1].end_ms == u.end_ms
        assert all(w.start_ms < w.end_ms for w in u.words)
        assert " ".join(w.text for w in u.words) == u.text
        assert u.text[0].isupper() and u.text.endswith(".")
    # whisper's own test: "Americans" spans t = 1.8 s in this recording
    america = [w for u in jfk_heard for w in u.words if w.text.lower().startswith("americ")]
    assert america and america[0].start_ms <= 1800 <= america[0].end_ms
    # utterances break at the speaker's pauses (about 4.5-5.0 s and 7.7-8.2 s)
    gaps = [(a.end_ms, b.start_ms) for a, b in itertools.pairwise(jfk_heard)]
    assert any(end <= 4600 and start >= 4900 for end, start in gaps), gaps
    assert any(end <= 7700 and start >= 8150 for end, start in gaps), gaps
    assert all(u.end_ms <= 11_000 for u in jfk_heard)


def test_pocketsphinx_same_audio_same_result_at_any_offset_whatever_came_before(
    recordings: dict[str, Any], engine: Transcriber, jfk: bytes, jfk_heard: tuple[Utterance, ...]
) -> None:
    other = decode_pcm(recordings["pyannote_sample"].audio, 7000, 4000, sample_rate=ASR_RATE)
    engine.transcribe(other, sample_rate=ASR_RATE, offset_ms=7000)
    shifted = engine.transcribe(jfk, sample_rate=ASR_RATE, offset_ms=60_000)
    assert [u.text for u in shifted] == [u.text for u in jfk_heard]
    assert [w.start_ms - 60_000 for u in shifted for w in u.words] == [
        w.start_ms for u in jfk_heard for w in u.words
    ]
    assert [u.end_ms - 60_000 for u in shifted] == [u.end_ms for u in jfk_heard]


def test_pocketsphinx_silence_and_empty_input_give_no_utterances(engine: Transcriber) -> None:
    assert engine.transcribe(b"", sample_rate=ASR_RATE, offset_ms=0) == ()
    assert engine.transcribe(b"\x00\x00" * ASR_RATE * 2, sample_rate=ASR_RATE, offset_ms=0) == ()
    assert engine.transcribe(b"\x00", sample_rate=ASR_RATE, offset_ms=0) == ()


def test_pocketsphinx_other_sample_rate_is_refused(engine: Transcriber) -> None:
    with pytest.raises(AsrError, match="16000 Hz"):
        engine.transcribe(b"\x00\x00" * 800, sample_rate=8000, offset_ms=0)


def test_pocketsphinx_model_folder_given_by_hand(engine: Transcriber, jfk: bytes) -> None:
    import pocketsphinx

    bundled = Path(pocketsphinx.get_model_path("en-us"))
    by_hand = get_transcriber("pocketsphinx", bundled)
    assert by_hand.cache_key != engine.cache_key
    piece = jfk[: 4 * ASR_RATE * 2]
    expected = engine.transcribe(piece, sample_rate=ASR_RATE, offset_ms=0)
    assert expected
    assert by_hand.transcribe(piece, sample_rate=ASR_RATE, offset_ms=0) == expected


def test_pocketsphinx_incomplete_model_folder_names_what_is_missing(tmp_path: Path) -> None:
    (tmp_path / "acoustic").mkdir()
    (tmp_path / "acoustic" / "mdef").write_text("")
    (tmp_path / "words.dict").write_text("hello HH AH L OW\n")
    with pytest.raises(AsrError, match=r"language model .* found: none") as info:
        get_transcriber("pocketsphinx", tmp_path)
    assert info.value.code == "H010"
    assert str(tmp_path) in str(info.value)
