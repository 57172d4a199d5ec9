"""Ways obstacles are voiced in 1-on-1s, with near misses: well-formed, split, F1 floors.

``fixtures/labelled/blocker_phrasings.jsonl`` holds statements written and labelled (BLOCKER
or nothing) blind to the rules, seven ways of voicing each of 26 kinds of obstacle and four
near misses each. Rows whose number is 2 modulo 3 are held out and only ever scored as a
whole. The floors in ``blocker_phrasings_floor.json`` are rounded down from the F1 measured
when the rules were written. Regenerate with
``highlights eval fixtures/labelled/blocker_phrasings.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.tagging.evaluate import HELD_OUT, Evaluation, evaluate, load_labelled
from highlights.tagging.tagger import Tagger

from .conftest import assert_f1_floor

FLOORS: dict[str, dict[str, float]] = json.loads(
    (Path(__file__).with_name("blocker_phrasings_floor.json")).read_text(encoding="utf-8")
)["f1"]


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "labelled" / "blocker_phrasings.jsonl"


@pytest.fixture(scope="module")
def result(path: Path, tagger: Tagger) -> Evaluation:
    return evaluate(tagger, path)


def test_rows_are_well_formed_and_split(path: Path) -> None:
    rows = load_labelled(path)
    assert [r["id"] for r in rows] == [f"B{i:03d}" for i in range(len(rows))]
    assert {r["category"] for r in rows} == set(range(1, 27))
    for row in rows:
        assert row["labels"] in ([], ["BLOCKER"]), row["id"]
        assert row["set"] == (HELD_OUT if int(row["id"][1:]) % 3 == 2 else "tune"), row["id"]
    assert sum(1 for r in rows if not r["labels"]) >= 100, "needs near misses"


@pytest.mark.parametrize(
    ("part", "label"), [(part, label) for part in sorted(FLOORS) for label in sorted(FLOORS[part])]
)
def test_f1_floor(result: Evaluation, part: str, label: str) -> None:
    assert_f1_floor(result, part, label, FLOORS[part][label])
