"""A negative rule cancels overlapping hits of its own label, and adds no label itself."""

from __future__ import annotations

from highlights.models import Transcript, Utterance
from highlights.tagging.rules import Rule
from highlights.tagging.tagger import Tagger


def rule(rule_id: str, label: str, pattern: str, negative: bool = False) -> Rule:
    return Rule(rule_id, label, pattern, rule_id, (), "test.jsonl", 1, negative)


def tag(tagger: Tagger, text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    (statement,) = tagger.tag(Transcript("t", "test", (Utterance("A", 0, 1000, text),)))
    return statement.labels, statement.rules


def test_negative_rule_cancels_overlapping_hit_of_its_label() -> None:
    tagger = Tagger(
        [
            rule("b.problem", "BLOCKER", "problem"),
            rule("b.no-problem", "BLOCKER", "no problem", negative=True),
            rule("m.no", "METRIC", "no"),
        ]
    )
    assert tag(tagger, "There is a problem.") == (("BLOCKER",), ("b.problem",))
    assert tag(tagger, "No problem at all.") == (("METRIC",), ("m.no",))
    assert tag(tagger, "No problem, but another problem.") == (
        ("METRIC", "BLOCKER"),
        ("m.no", "b.problem"),
    )


def test_tagger_without_rules_gives_plain_statements() -> None:
    statements = Tagger([]).tag(
        Transcript("t", "test", (Utterance("A", 0, 1000, "I'll send it. Thanks."),))
    )
    assert [(s.text, s.labels, s.hits, s.smart) for s in statements] == [
        ("I'll send it.", (), (), None),
        ("Thanks.", (), (), None),
    ]
