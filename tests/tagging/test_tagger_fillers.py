"""Fillers and disfluency markup neither break a rule nor trigger one; clitics written apart
(as in ICSI transcripts) count as attached."""

from __future__ import annotations

import pytest

from highlights.models import Transcript, Utterance, Word
from highlights.tagging.tagger import Tagger


@pytest.mark.parametrize(
    ("text", "labels", "shown"),
    [
        ("I'll um send the <disfmarker> plan.", ("ACTION",), "I'll send the plan."),
        (
            "We'll uh <pause> go with {vocalsound} Postgres.",
            ("DECISION",),
            "We'll go with Postgres.",
        ),
        ("I'm um , blocked on <vocalsound> access.", ("BLOCKER",), "I'm blocked on access."),
        ("Um uh hmm <vocalsound> erm [laughter].", (), None),
        ("Uh , by <disfmarker> uh Friday .", ("DEADLINE",), "by Friday ."),
    ],
)
def test_fillers_do_not_break_or_trigger(
    tagger: Tagger, text: str, labels: tuple[str, ...], shown: str | None
) -> None:
    statements = tagger.tag(Transcript("t", "test", (Utterance("A", 0, 3000, text),)))
    if shown is None:
        assert statements == ()
        return
    (statement,) = statements
    assert statement.labels == labels
    assert statement.text == shown


def test_filler_words_with_timings_are_dropped(tagger: Tagger) -> None:
    words = tuple(
        Word(w, i * 400, i * 400 + 300)
        for i, w in enumerate(["I'll", "um,", "<vocalsound>", "send", "uh", "it", "tomorrow."])
    )
    u = Utterance("A", 0, 2800, " ".join(w.text for w in words), words)
    (statement,) = tagger.tag(Transcript("t", "asr", (u,)))
    assert statement.text == "I'll send it tomorrow."
    assert statement.labels == ("ACTION", "DEADLINE")
    assert (statement.start_ms, statement.end_ms) == (0, 2700)


@pytest.mark.parametrize(
    ("text", "labels", "shown"),
    [
        (
            "I 'm gonna have to check with legal .",
            ("ACTION",),
            "I'm gonna have to check with legal .",
        ),
        ("we 've been waiting on the vendor .", ("BLOCKER",), "we've been waiting on the vendor ."),
        ("I ca n't access the server .", ("BLOCKER",), "I can't access the server ."),
        ("Dave 's program , he said 'do it' .", (), "Dave's program , he said 'do it' ."),
    ],
)
def test_clitics_written_apart_are_attached(
    tagger: Tagger, text: str, labels: tuple[str, ...], shown: str
) -> None:
    (statement,) = tagger.tag(Transcript("t", "icsi", (Utterance("A", 0, 3000, text),)))
    assert statement.labels == labels
    assert statement.text == shown
