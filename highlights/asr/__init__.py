"""Offline speech recognition for meetings that have a recording but no transcript.

``get_transcriber`` picks an engine behind the ``Transcriber`` seam (PocketSphinx by default,
its model shipped in its wheel; faster-whisper when installed, with a local model).
``transcribe_windows`` transcribes only the stretches around highlights, ``transcribe_whole``
a whole recording in resumable chunks, and ``write_vtt`` keeps the result as WebVTT.
"""

from __future__ import annotations

from highlights.asr.base import ASR_RATE, DEFAULT_ENGINE, ENGINES, Transcriber, get_transcriber
from highlights.asr.transcribe import (
    VTT_NAME,
    Progress,
    transcribe_meeting,
    transcribe_whole,
    transcribe_windows,
    write_vtt,
)
from highlights.asr.wer import wer

__all__ = [
    "ASR_RATE",
    "DEFAULT_ENGINE",
    "ENGINES",
    "VTT_NAME",
    "Progress",
    "Transcriber",
    "get_transcriber",
    "transcribe_meeting",
    "transcribe_whole",
    "transcribe_windows",
    "wer",
    "write_vtt",
]
