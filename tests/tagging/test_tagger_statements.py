"""Statement records: order, hits pointing into the text, labels order, version, JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.models import Statement, Transcript, Utterance
from highlights.tagging.rules import LABELS, Rule, default_rule_paths, label_sort_key, load_rules
from highlights.tagging.tagger import Tagger

TRANSCRIPT = Transcript(
    "t",
    "test",
    (
        Utterance("Dana", 0, 5000, "Um, this is your top priority. I need it by Friday, okay?"),
        Utterance(None, 5000, 9000, "I'm blocked on access, so I'll ping the platform team."),
        Utterance("Dana", 9000, 12000, "No problem. We'll go with Postgres."),
    ),
)


@pytest.fixture(scope="module")
def statements(tagger: Tagger) -> tuple[Statement, ...]:
    return tagger.tag(TRANSCRIPT)


def test_statements_in_order(statements: tuple[Statement, ...]) -> None:
    assert [s.index for s in statements] == list(range(len(statements)))
    assert [s.utterance_index for s in statements] == [0, 0, 1, 2, 2]
    assert [s.speaker for s in statements] == ["Dana", "Dana", None, "Dana", "Dana"]
    assert [s.start_ms for s in statements] == sorted(s.start_ms for s in statements)


def test_hits_point_into_the_statement_text(statements: tuple[Statement, ...]) -> None:
    rules = {r.id: r for r in load_rules(default_rule_paths())}
    for s in statements:
        for hit in s.hits:
            assert s.text[hit.start_char : hit.end_char] == hit.text
            assert hit.label == rules[hit.rule_id].label
            assert hit.description == rules[hit.rule_id].description
        assert set(s.labels) == {h.label for h in s.hits}
        assert list(s.labels) == sorted(s.labels, key=label_sort_key)
        assert set(s.labels) <= set(LABELS)


def test_labels_of_the_example(statements: tuple[Statement, ...]) -> None:
    assert [s.labels for s in statements] == [
        ("PRIORITY",),
        ("ACTION", "DEADLINE"),
        ("ACTION", "BLOCKER"),
        (),
        ("DECISION",),
    ]
    assert statements[2].rules == ("blocker.blocked", "action.i-will")


def test_statements_round_trip_through_json(statements: tuple[Statement, ...]) -> None:
    for s in statements:
        assert Statement.from_dict(json.loads(json.dumps(s.to_dict()))) == s


def test_tagging_is_deterministic(tagger: Tagger, statements: tuple[Statement, ...]) -> None:
    assert tagger.tag(TRANSCRIPT) == statements
    assert Tagger.default().tag(TRANSCRIPT) == statements


def test_empty_transcript(tagger: Tagger) -> None:
    assert tagger.tag(Transcript("t", "test", ())) == ()


def test_version_is_stable_and_tracks_rules_and_settings(tmp_path: Path) -> None:
    rules = load_rules(default_rule_paths())
    version = Tagger(rules).version
    assert version == Tagger(tuple(reversed(rules))).version
    assert len(version) == 16
    assert Tagger(rules, pause_split_ms=800).version != version
    assert Tagger(rules[1:]).version != version
    changed = Rule(rules[0].id, rules[0].label, "something else", "", (), "x.jsonl", 1)
    assert Tagger((changed, *rules[1:])).version != version
    moved = Rule(
        *(getattr(rules[0], f) for f in ("id", "label", "pattern", "description", "roles")),
        "elsewhere.jsonl",
        99,
    )
    assert Tagger((moved, *rules[1:])).version == version


def test_pause_split_must_be_positive() -> None:
    with pytest.raises(ValueError):
        Tagger((), pause_split_ms=0)
