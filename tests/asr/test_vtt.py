"""The machine transcript kept as WebVTT: written atomically, read back by the transcript reader."""

from __future__ import annotations

from pathlib import Path

from highlights.asr.transcribe import transcript_vtt, write_vtt
from highlights.ingest.transcripts import read_transcript
from highlights.models import Transcript, Utterance, Word


def _transcript() -> Transcript:
    return Transcript(
        source="/recordings/meeting.mp3",
        format="pocketsphinx",
        utterances=(
            Utterance(None, 1_250, 3_900, "Ship it by Friday.", (Word("Ship", 1_250, 1_600),)),
            Utterance("Dana", 4_000, 4_000, "Use <b> & --> arrows."),
            Utterance("Sam", 3_725_010, 3_727_500, "An hour in."),
            Utterance(None, 3_730_000, 3_731_000, "   "),
        ),
        machine_transcribed=True,
    )


def test_vtt_round_trips_through_read_transcript(tmp_path: Path) -> None:
    path = write_vtt(_transcript(), tmp_path / "transcript.vtt")
    assert [p.name for p in tmp_path.iterdir()] == ["transcript.vtt"]  # no temp file left
    back = read_transcript(path)
    assert back.format == "vtt"
    assert [(u.speaker, u.start_ms, u.end_ms, u.text) for u in back.utterances] == [
        (None, 1_250, 3_900, "Ship it by Friday."),
        ("Dana", 4_000, 4_001, "Use <b> & --> arrows."),
        ("Sam", 3_725_010, 3_727_500, "An hour in."),
    ]


def test_vtt_text_escaped_voice_tags_and_note() -> None:
    text = transcript_vtt(_transcript())
    assert text.startswith("WEBVTT\n\nNOTE Machine-transcribed (pocketsphinx) from meeting.mp3.")
    assert "01:02:05.010 --> 01:02:07.500\n<v Sam>An hour in." in text
    assert "<v Dana>Use &lt;b&gt; &amp; --&gt; arrows." in text
    assert "/recordings" not in text  # the note names the file, not where it lives
    assert text.count(" --> ") == 3
    assert text.endswith("\n")


def test_vtt_empty_transcript_is_a_valid_file_without_cues() -> None:
    empty = Transcript(
        source="a.wav", format="pocketsphinx", utterances=(), machine_transcribed=True
    )
    assert "-->" not in transcript_vtt(empty)
    assert transcript_vtt(empty).startswith("WEBVTT\n\nNOTE ")
