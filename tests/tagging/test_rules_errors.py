"""A bad rule pack fails with a RuleError naming the file and the line."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import RuleError
from highlights.tagging.rules import Rule, check_pack, load_rules
from highlights.tagging.tagger import Tagger

# fixture file -> (line, words the message must contain)
CASES = {
    "bad_json.jsonl": (3, "invalid JSON"),
    "bad_pattern.jsonl": (2, "LOWR"),
    "bad_regex.jsonl": (2, "invalid pattern"),
    "missing_id.jsonl": (2, "missing 'id'"),
    "duplicate_id.jsonl": (3, "duplicate rule id 'x.same'"),
    "bad_label.jsonl": (1, "invalid label"),
    "unknown_key.jsonl": (2, "unknown key"),
    "empty_pattern.jsonl": (1, "invalid pattern"),
    "several_errors.jsonl": (2, "missing 'label'"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_pack_names_file_and_line(fixtures_dir: Path, name: str) -> None:
    path = fixtures_dir / "rules" / name
    line, words = CASES[name]
    with pytest.raises(RuleError) as info:
        load_rules([path])
    error = info.value
    assert error.path == str(path)
    assert error.line == line
    assert words in error.message
    assert f"{path}:{line}: " in str(error)


def test_all_bad_fixtures_are_covered(fixtures_dir: Path) -> None:
    bad = {p.name for p in (fixtures_dir / "rules").glob("*.jsonl") if p.name != "user_pack.jsonl"}
    assert bad == set(CASES)


def test_missing_pack_is_a_rule_error(tmp_path: Path) -> None:
    with pytest.raises(RuleError, match="cannot read"):
        load_rules([tmp_path / "nope.jsonl"])


def test_bad_rule_built_in_code_fails_when_the_tagger_builds() -> None:
    rule = Rule("x.bad", "GOAL", [{"LOWER": {"FOO": 1}}], "", (), "mine.jsonl", 7)
    with pytest.raises(RuleError) as info:
        Tagger([rule])
    assert (info.value.path, info.value.line) == ("mine.jsonl", 7)


def test_check_pack_reports_every_bad_line(fixtures_dir: Path) -> None:
    path = fixtures_dir / "rules" / "several_errors.jsonl"
    report = check_pack(path)
    assert not report.ok
    assert [(e.path, e.line) for e in report.errors] == [(str(path), n) for n in (2, 4, 5)]
    assert "LOWR" in report.errors[1].message
    assert "duplicate rule id 'x.ok'" in report.errors[2].message
    assert [r.id for r in report.rules] == ["x.ok", "x.fine", "x.quiet"]
    assert [line for line, _ in report.warnings] == [6]


def test_check_pack_of_a_good_pack(fixtures_dir: Path) -> None:
    report = check_pack(fixtures_dir / "rules" / "user_pack.jsonl")
    assert report.ok and report.errors == () and report.warnings == ()
    assert [r.id for r in report.rules] == ["priority.urgent", "risk.might-slip"]


def test_check_pack_of_a_missing_file(tmp_path: Path) -> None:
    report = check_pack(tmp_path / "nope.jsonl")
    assert not report.ok and "cannot read" in report.errors[0].message
