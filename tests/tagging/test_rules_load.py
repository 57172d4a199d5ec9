"""The bundled rule packs load, validate and follow the pack conventions; user packs override."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from highlights.tagging.rules import (
    LABELS,
    Rule,
    default_rule_paths,
    label_sort_key,
    load_rules,
    pattern_problem,
)

SHIPPED = load_rules(default_rule_paths())


def test_one_pack_per_label() -> None:
    names = {p.stem for p in default_rule_paths()}
    assert names == {label.lower() for label in LABELS}


@pytest.mark.parametrize("rule", SHIPPED, ids=lambda r: r.id)
def test_shipped_rule_is_valid(rule: Rule) -> None:
    assert pattern_problem(rule.pattern) is None
    assert re.fullmatch(r"[a-z]+\.[a-z0-9-]+", rule.id)
    assert rule.id.split(".")[0] == rule.label.lower()
    assert Path(rule.source).stem == rule.label.lower()
    assert rule.description and "\n" not in rule.description


def test_shipped_ids_are_unique_across_packs() -> None:
    ids = [r.id for r in SHIPPED]
    assert len(ids) == len(set(ids))


def test_every_label_has_positive_rules() -> None:
    labels = {r.label for r in SHIPPED if not r.negative}
    assert labels == set(LABELS)


def test_user_pack_overrides_by_id_and_adds_a_label(fixtures_dir: Path) -> None:
    user = fixtures_dir / "rules" / "user_pack.jsonl"
    rules = {r.id: r for r in load_rules([*default_rule_paths(), user])}
    assert rules["priority.urgent"].pattern == [{"LOWER": "critical"}]
    assert rules["priority.urgent"].source == str(user)
    assert rules["priority.urgent"].line == 2
    assert rules["risk.might-slip"].label == "RISK"
    assert rules["risk.might-slip"].roles == ("manager",)
    assert len(rules) == len(SHIPPED) + 1


def test_later_pack_wins_regardless_of_name(tmp_path: Path) -> None:
    first = tmp_path / "b.jsonl"
    second = tmp_path / "a.jsonl"
    first.write_text('{"id": "x.a", "label": "GOAL", "pattern": "one"}\n', encoding="utf-8")
    second.write_text('{"id": "x.a", "label": "GOAL", "pattern": "two"}\n', encoding="utf-8")
    (rule,) = load_rules([first, second])
    assert rule.pattern == "two"


def test_optional_fields_default(tmp_path: Path) -> None:
    pack = tmp_path / "p.jsonl"
    pack.write_text(
        '\n# comment\n{"id": "x.a", "label": "NEW_TAG", "pattern": "hello there"}\n',
        encoding="utf-8",
    )
    (rule,) = load_rules([pack])
    assert (rule.description, rule.roles, rule.negative, rule.line) == ("", (), False, 3)


def test_label_order_follows_the_design_table() -> None:
    labels = ["GOAL", "ZEBRA", "PRIORITY", "BLOCKER", "ALPHA", "METRIC"]
    assert sorted(labels, key=label_sort_key) == [
        "PRIORITY",
        "METRIC",
        "BLOCKER",
        "GOAL",
        "ALPHA",
        "ZEBRA",
    ]
