"""The goals file: loading, structural errors with file and line, and the SMART linter."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from highlights.goals.goalfile import GoalFileError, check_goals, load_goals


def test_goalfile_sample_loads(fixtures_dir: Path) -> None:
    goals = load_goals(fixtures_dir / "sample" / "goals.toml")
    assert [g.id for g in goals] == ["billing-migration", "lead-a-project", "mentoring"]
    first = goals[0]
    assert first.deadline == "2026-04-30"
    assert first.reviews == ("2026-03-04", "2026-03-31", "2026-04-30")
    assert [lv.level for lv in first.levels] == [-2, -1, 0, 1, 2]
    assert first.smart() == {"S": True, "M": True, "A": True, "R": True, "T": True}
    assert first.line == 4


@pytest.mark.parametrize(
    ("name", "line", "needle"),
    [
        ("toml_syntax_error.toml", 3, "invalid TOML"),
        ("unknown_field.toml", 4, "unknown field 'colour'"),
        ("duplicate_id.toml", 6, "duplicate goal id 'a'"),
        ("missing_title.toml", 1, "has no title"),
        ("level_outside_scale.toml", 7, "outside -2"),
        ("bad_deadline.toml", 4, "must be a date"),
    ],
)
def test_goalfile_bad_files_name_file_and_line(
    fixtures_dir: Path, name: str, line: int, needle: str
) -> None:
    path = fixtures_dir / "goals" / name
    with pytest.raises(GoalFileError) as err:
        load_goals(path)
    assert err.value.line == line
    assert needle in str(err.value) and str(path) in str(err.value)


def test_goalfile_check_finds_missing_and_weak_parts(fixtures_dir: Path) -> None:
    path = fixtures_dir / "goals" / "weak_parts.toml"
    found = {(f.goal_id, f.letter, f.message.split(":")[0], f.line)
             for f in check_goals(path, today=date(2026, 3, 1))}
    assert ("walk", "M", "weak", 5) in found
    assert ("walk", "T", "weak", 8) in found
    assert ("walk", "S", "weak", 4) in found
    assert any(g == "past" and m.startswith("deadline 2025-01-31") for g, _, m, _ in found)
    assert any(g == "past" and m.startswith("attainment scale lacks") for g, _, m, _ in found)
    assert not any(g == "past" and letter == "M" and m == "weak" for g, letter, m, _ in found)


def test_goalfile_check_clean_goal_has_no_findings(fixtures_dir: Path) -> None:
    findings = check_goals(fixtures_dir / "sample" / "goals.toml", today=date(2026, 3, 4))
    assert {f.goal_id for f in findings} == {"mentoring"}


def test_goalfile_deadline_past_depends_on_today(fixtures_dir: Path) -> None:
    path = fixtures_dir / "sample" / "goals.toml"
    later = check_goals(path, today=date(2026, 5, 1))
    assert any(f.goal_id == "billing-migration" and "passed" in f.message for f in later)
