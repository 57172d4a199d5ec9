"""Rules limited to roles apply only to speakers with one of those roles."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.models import Transcript, Utterance
from highlights.tagging.rules import default_rule_paths, load_rules
from highlights.tagging.tagger import Tagger


@pytest.fixture(scope="module")
def tagger(fixtures_dir: Path) -> Tagger:
    rules = load_rules([*default_rule_paths(), fixtures_dir / "rules" / "user_pack.jsonl"])
    return Tagger(rules)


TRANSCRIPT = Transcript(
    "t",
    "test",
    (
        Utterance("Dana", 0, 2000, "The launch might slip."),
        Utterance("Sam", 2000, 4000, "The launch might slip."),
    ),
)


def risk_by_speaker(tagger: Tagger, roles: dict[str, str] | None) -> dict[str | None, bool]:
    return {s.speaker: "RISK" in s.labels for s in tagger.tag(TRANSCRIPT, roles)}


def test_rule_applies_to_the_role(tagger: Tagger) -> None:
    roles = {"Dana": "Manager", "Sam": "report"}
    assert risk_by_speaker(tagger, roles) == {"Dana": True, "Sam": False}


def test_speaker_with_unknown_role_gets_every_rule(tagger: Tagger) -> None:
    assert risk_by_speaker(tagger, {"Dana": "report"}) == {"Dana": False, "Sam": True}


@pytest.mark.parametrize("roles", [None, {}, {"Sam": ""}])
def test_without_roles_every_rule_applies(tagger: Tagger, roles: dict[str, str] | None) -> None:
    assert risk_by_speaker(tagger, roles) == {"Dana": True, "Sam": True}


def test_rules_without_roles_ignore_roles(tagger: Tagger) -> None:
    transcript = Transcript("t", "test", (Utterance("Sam", 0, 1000, "I'm blocked on access."),))
    (statement,) = tagger.tag(transcript, {"Sam": "report"})
    assert statement.labels == ("BLOCKER",)


def test_user_label_sorts_after_design_labels(tagger: Tagger) -> None:
    transcript = Transcript("t", "test", (Utterance("A", 0, 1000, "It might slip by Friday."),))
    (statement,) = tagger.tag(transcript)
    assert statement.labels == ("DEADLINE", "RISK")
