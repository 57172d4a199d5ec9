"""The README's goals section: its goals file loads and lints clean, its links file reads."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from highlights.goals.goalfile import check_goals, load_goals
from highlights.goals.links import read_links

README = Path(__file__).resolve().parents[2] / "README.md"


def _blocks(lang: str) -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("\n## Goals\n"):text.index("\n## Development\n")]
    return re.findall(rf"```{lang}\n(.*?)```", section, flags=re.DOTALL)


def test_readme_goals_file_example_loads_and_lints_clean(tmp_path: Path) -> None:
    (example,) = _blocks("toml")
    path = tmp_path / "goals.toml"
    path.write_text(example, encoding="utf-8")
    goals = load_goals(path)
    assert [g.id for g in goals] == ["billing-migration", "walk"]
    assert all(all(g.smart().values()) for g in goals)
    assert [lv.level for lv in goals[0].levels] == [-2, -1, 0, 1, 2]
    assert check_goals(path, today=date(2026, 3, 1)) == []


def test_readme_goal_links_example_reads(tmp_path: Path) -> None:
    (example,) = _blocks("json")
    path = tmp_path / "links.json"
    path.write_text(example, encoding="utf-8")
    data = read_links(path)
    assert len(data["attachments"]) == 1 and data["reviews"][0]["level"] == 0
