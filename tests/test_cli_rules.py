"""``highlights eval`` and ``highlights rules check/list``: output, messages and exit codes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from highlights.cli import cli

ROWS = [
    {"id": "a1", "text": "I'm blocked on access.", "labels": ["BLOCKER"], "set": "tune"},
    {"id": "a2", "text": "No problem at all.", "labels": [], "set": "tune"},
    {"id": "a3", "text": "We'll go with Postgres.", "labels": ["DECISION"], "set": "held-out"},
    {"id": "a4", "text": "The weather was lovely.", "labels": ["BLOCKER"], "set": "held-out"},
    {"id": "a5", "text": "Nice weather today.", "labels": ["DECISION"], "set": "tune"},
]


def write_rows(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture()
def labelled(tmp_path: Path) -> Path:
    return write_rows(tmp_path / "labelled.jsonl", ROWS)


def test_cli_eval_prints_tables_per_part(labelled: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(labelled)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for part in ("all (5 rows)", "set=held-out (2 rows)", "set=tune (3 rows)"):
        assert part in out
    assert "| BLOCKER | 2 | 1 | 0 | 1 | 1.00 | 0.50 | 0.67 |" in out
    assert "| DECISION | 2 | 1 | 0 | 1 | 1.00 | 0.50 | 0.67 |" in out
    assert "misses" not in out


def test_cli_eval_misses_hide_held_out_rows_unless_asked(labelled: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(labelled), "--misses"])
    assert result.exit_code == 0, result.output
    listed = re.findall(r"^(a\d) ", result.stdout, flags=re.MULTILINE)
    assert listed == ["a5"]
    assert "(1 rows of the held-out part not listed)" in result.stdout
    result = CliRunner().invoke(cli, ["eval", str(labelled), "--misses", "--held-out-misses"])
    assert re.findall(r"^(a\d) ", result.stdout, flags=re.MULTILINE) == ["a4", "a5"]


def test_cli_eval_json(labelled: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(labelled), "--json", "--misses"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["rows"] == 5 and data["labels"] == ["DECISION", "BLOCKER"]
    parts = {p["name"]: p for p in data["parts"]}
    assert set(parts) == {"all", "set=held-out", "set=tune"}
    blocker = {s["label"]: s for s in parts["all"]["scores"]}["BLOCKER"]
    assert (blocker["gold"], blocker["tp"], blocker["fp"], blocker["fn"]) == (2, 1, 0, 1)
    assert [m["id"] for m in data["misses"]] == ["a5"]
    assert data["misses"][0]["misses"] == ["DECISION"]


def test_cli_eval_user_rules_change_the_scores(labelled: Path, tmp_path: Path) -> None:
    pack = tmp_path / "mine.jsonl"
    pack.write_text(
        '{"id": "x.weather", "label": "BLOCKER", "description": "d", "pattern": "weather was"}\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["eval", str(labelled), "--rules", str(pack), "--json"])
    assert result.exit_code == 0, result.output
    scores = {s["label"]: s for s in json.loads(result.stdout)["parts"][0]["scores"]}
    assert scores["BLOCKER"]["tp"] == 2


def test_cli_eval_uses_the_row_role(tmp_path: Path) -> None:
    pack = tmp_path / "roles.jsonl"
    pack.write_text(
        '{"id": "x.slip", "label": "RISK", "description": "d", "pattern": "might slip",'
        ' "roles": ["manager"]}\n',
        encoding="utf-8",
    )
    rows = [
        {"id": "m", "text": "It might slip.", "labels": ["RISK"], "role": "manager"},
        {"id": "r", "text": "It might slip.", "labels": [], "role": "report"},
    ]
    path = write_rows(tmp_path / "roles.jsonl.labelled", rows)
    result = CliRunner().invoke(cli, ["eval", str(path), "--rules", str(pack), "--json"])
    assert result.exit_code == 0, result.output
    (risk,) = json.loads(result.stdout)["parts"][0]["scores"]
    assert (risk["tp"], risk["fp"], risk["fn"]) == (1, 0, 0)


@pytest.mark.parametrize(
    ("content", "line", "words"),
    [
        ('{"id": "a", "text": "x", "labels": []}\n{oops\n', 2, "invalid JSON"),
        ('{"id": "a", "text": "x"}\n', 1, "'labels'"),
        ('\n\n{"id": "a", "labels": ["ACTION"]}\n', 3, "'text'"),
    ],
)
def test_cli_eval_bad_labelled_file_names_file_and_line(
    tmp_path: Path, content: str, line: int, words: str
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(path)])
    assert result.exit_code == 1
    assert f"{path}:{line}: " in result.stderr and words in result.stderr


def test_cli_eval_missing_file_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 1
    assert "absent.jsonl" in result.stderr


def test_cli_eval_bad_rule_pack_exits_1(labelled: Path, fixtures_dir: Path) -> None:
    bad = fixtures_dir / "rules" / "bad_pattern.jsonl"
    result = CliRunner().invoke(cli, ["eval", str(labelled), "--rules", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:2: " in result.stderr


def test_cli_rules_check_good_packs(fixtures_dir: Path) -> None:
    user = fixtures_dir / "rules" / "user_pack.jsonl"
    result = CliRunner().invoke(cli, ["rules", "check", str(user)])
    assert result.exit_code == 0, result.output
    assert f"{user}: OK, 2 rules (PRIORITY 1, RISK 1)" in result.stdout
    assert "replaces bundled rule(s): priority.urgent" in result.stdout
    assert result.stderr == ""


def test_cli_rules_check_bundled_packs_are_ok() -> None:
    from highlights.tagging.rules import default_rule_paths

    paths = [str(p) for p in default_rule_paths()]
    result = CliRunner().invoke(cli, ["rules", "check", *paths])
    assert result.exit_code == 0, result.output
    assert result.stdout.count(": OK, ") == len(paths)
    assert "replaces" not in result.stdout


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("bad_pattern.jsonl", 2, "LOWR"),
        ("bad_json.jsonl", 3, "invalid JSON"),
        ("duplicate_id.jsonl", 3, "duplicate rule id"),
        ("unknown_key.jsonl", 2, "unknown key"),
    ],
)
def test_cli_rules_check_bad_pack_names_file_and_line(
    fixtures_dir: Path, name: str, line: int, words: str
) -> None:
    path = fixtures_dir / "rules" / name
    result = CliRunner().invoke(cli, ["rules", "check", str(path)])
    assert result.exit_code == 1
    (first, *_) = result.stderr.splitlines()
    assert first.startswith(f"{path}:{line}: ") and words in first


def test_cli_rules_check_reports_every_error_and_goes_on(fixtures_dir: Path) -> None:
    bad = fixtures_dir / "rules" / "several_errors.jsonl"
    good = fixtures_dir / "rules" / "user_pack.jsonl"
    result = CliRunner().invoke(cli, ["rules", "check", str(bad), str(good)])
    assert result.exit_code == 1
    errors = [
        ln for ln in result.stderr.splitlines() if re.match(rf"{re.escape(str(bad))}:\d+: ", ln)
    ]
    assert [int(ln.split(":")[1]) for ln in errors] == [2, 4, 5, 6]
    assert "warning: rule x.quiet has no description" in errors[-1]
    assert f"{bad}: 3 errors" in result.stderr
    assert f"{good}: OK, 2 rules" in result.stdout


def test_cli_rules_check_missing_file_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["rules", "check", str(tmp_path / "nope.jsonl")])
    assert result.exit_code == 1
    assert "nope.jsonl: cannot read rule pack" in result.stderr


def test_cli_rules_check_without_files_is_usage_error() -> None:
    assert CliRunner().invoke(cli, ["rules", "check"]).exit_code == 2


def test_cli_rules_list_filters_by_label() -> None:
    result = CliRunner().invoke(cli, ["rules", "list", "--label", "priority"])
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in result.stdout.splitlines()]
    assert rows and all(r[1].startswith("PRIORITY") and r[2] for r in rows)
    assert any(r[0] == "priority.you-can-drop" and "roles=manager" in r[1] for r in rows)
    assert any("negative" in r[1] for r in rows)


def test_cli_rules_list_json_with_user_pack(fixtures_dir: Path) -> None:
    user = fixtures_dir / "rules" / "user_pack.jsonl"
    result = CliRunner().invoke(cli, ["rules", "list", "--rules", str(user), "--json"])
    assert result.exit_code == 0, result.output
    rules = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rules["priority.urgent"]["source"] == str(user)
    assert rules["risk.might-slip"]["roles"] == ["manager"]
    assert {"id", "label", "pattern", "description", "line"} <= set(rules["action.i-will"])
