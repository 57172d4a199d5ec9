"""Sets of ways to voice one or two labels, with near misses: well-formed, split, F1 floors.

Each ``fixtures/labelled/*_phrasings.jsonl`` holds statements written and labelled blind to the
rules: for each kind of statement, seven ways of saying it and four near misses. Rows whose
number is 2 modulo 3 are held out and only ever scored as a whole. The floors in
``phrasings_floor.json`` are rounded down from the F1 measured when the rules were written.
Regenerate with ``highlights eval fixtures/labelled/<name>.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.tagging.evaluate import HELD_OUT, Evaluation, evaluate, load_labelled
from highlights.tagging.tagger import Tagger

from .conftest import assert_f1_floor

FLOORS: dict[str, dict[str, dict[str, float]]] = json.loads(
    (Path(__file__).with_name("phrasings_floor.json")).read_text(encoding="utf-8")
)["f1"]
# file name -> (id prefix, the labels it annotates)
SETS = {
    "blocker_phrasings": ("B", {"BLOCKER"}),
    "priority_relevance_phrasings": ("P", {"PRIORITY", "RELEVANCE"}),
    "action_decision_phrasings": ("A", {"ACTION", "DECISION"}),
    "meeting_blocker_phrasings": ("M", {"BLOCKER"}),
}


@pytest.fixture(scope="module")
def results(fixtures_dir: Path, tagger: Tagger) -> dict[str, Evaluation]:
    return {name: evaluate(tagger, fixtures_dir / "labelled" / f"{name}.jsonl") for name in SETS}


@pytest.mark.parametrize("name", sorted(SETS))
def test_rows_are_well_formed_and_split(fixtures_dir: Path, name: str) -> None:
    prefix, labels = SETS[name]
    rows = load_labelled(fixtures_dir / "labelled" / f"{name}.jsonl")
    assert [r["id"] for r in rows] == [f"{prefix}{i:03d}" for i in range(len(rows))]
    for row in rows:
        assert set(row["labels"]) <= labels, row["id"]
        assert row["set"] == (HELD_OUT if int(row["id"][1:]) % 3 == 2 else "tune"), row["id"]
    assert sum(1 for r in rows if not r["labels"]) >= len(rows) // 4, "needs near misses"


CASES = [(n, p, lab) for n in sorted(FLOORS) for p in sorted(FLOORS[n]) for lab in FLOORS[n][p]]


@pytest.mark.parametrize(("name", "part", "label"), CASES)
def test_f1_floor(results: dict[str, Evaluation], name: str, part: str, label: str) -> None:
    assert_f1_floor(results[name], part, label, FLOORS[name][part][label])
