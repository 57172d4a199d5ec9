"""Shared by the ingest tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import TranscriptError
from highlights.ingest.transcripts import read_transcript


def assert_transcript_error(path: Path, line: int | None, words: str) -> TranscriptError:
    """Reading ``path`` fails with one error naming the file, the line and ``words``."""
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert info.value.path == str(path)
    assert info.value.line == line
    assert words in info.value.message
    return info.value
