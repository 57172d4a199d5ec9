"""SMART parts are set for goal-like statements only, from the hits and the words."""

from __future__ import annotations

import pytest

from highlights.models import SmartParts, Transcript, Utterance
from highlights.tagging.tagger import Tagger


def smart_of(tagger: Tagger, text: str) -> SmartParts | None:
    (statement,) = tagger.tag(Transcript("t", "test", (Utterance("A", 0, 3000, text),)))
    return statement.smart


@pytest.mark.parametrize(
    ("text", "letters"),
    [
        ("I'll send the plan by Friday.", "ST"),
        ("I'll do it.", ""),
        ("Can you review Priya's PR?", "S"),
        ("Let's meet again Thursday.", ""),
        ("My goal is to lead a project this year.", "ST"),
        ("Focus on the migration first because it matters for your promotion.", "SR"),
        ("This is your top priority.", ""),
        (
            "I want to cut the invoice error rate from 15% to 10% by end of Q2 "
            "so that finance can close the quarter.",
            "SMRT",
        ),
        ("I'll close ten tickets in order to unblock the release.", "SMR"),
    ],
)
def test_smart_letters(tagger: Tagger, text: str, letters: str) -> None:
    smart = smart_of(tagger, text)
    assert smart is not None
    assert smart.letters() == letters


@pytest.mark.parametrize(
    "text", ["We'll go with Postgres.", "I'm blocked on access.", "The weather was lovely."]
)
def test_not_goal_like_has_no_smart(tagger: Tagger, text: str) -> None:
    assert smart_of(tagger, text) is None
