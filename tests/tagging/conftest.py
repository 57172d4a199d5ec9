"""Shared by the tagging tests: one default tagger for the session, and labels of one line."""

from __future__ import annotations

import pytest

from highlights.models import Transcript, Utterance
from highlights.tagging.tagger import Tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The bundled rules; tagging does not change a tagger, so tests can share one."""
    return Tagger.default()


def labels_of(tagger: Tagger, text: str) -> set[str]:
    """Every label on the statements of ``text`` said as one utterance."""
    transcript = Transcript("t", "test", (Utterance("A", 0, 2000, text),))
    return {label for s in tagger.tag(transcript) for label in s.labels}
