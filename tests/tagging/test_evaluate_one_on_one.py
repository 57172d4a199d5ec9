"""The hand-written 1-on-1 statements: well-formed, split as documented, and F1 floors per part.

``fixtures/labelled/one_on_one.jsonl`` was labelled by meaning before the rules were run on
it; a fixed third (ids whose number is 2 modulo 3) is held out and only ever scored as a
whole. The floors in ``one_on_one_floor.json`` are the F1 per label and part measured when
the rules were written, rounded down. Regenerate with
``highlights eval fixtures/labelled/one_on_one.jsonl``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.tagging.evaluate import HELD_OUT, Evaluation, evaluate, load_labelled
from highlights.tagging.rules import LABELS
from highlights.tagging.tagger import Tagger

from .conftest import assert_f1_floor, part_floors

SEVEN = set(LABELS[:7])


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "labelled" / "one_on_one.jsonl"


@pytest.fixture(scope="module")
def result(path: Path) -> Evaluation:
    return evaluate(Tagger.default(), path)


def test_one_on_one_rows_are_well_formed(path: Path) -> None:
    rows = load_labelled(path)
    assert len(rows) >= 150
    assert [r["id"] for r in rows] == [f"O{i:03d}" for i in range(len(rows))]
    for row in rows:
        assert set(row["labels"]) <= SEVEN, row["id"]
        assert row["labels"] == sorted(row["labels"], key=LABELS.index), row["id"]
        assert row["role"] in {"manager", "report"}, row["id"]
        assert row["speaker"] == {"manager": "M", "report": "R"}[row["role"]], row["id"]
        assert row["style"] in {"written", "asr"}, row["id"]
    assert sum(1 for r in rows if not r["labels"]) >= 50, "needs many hard negatives"
    for label in SEVEN:
        assert sum(1 for r in rows if label in r["labels"]) >= 10, label


def test_one_on_one_held_out_is_the_fixed_third(path: Path) -> None:
    rows = load_labelled(path)
    for row in rows:
        expected = HELD_OUT if int(row["id"][1:]) % 3 == 2 else "tune"
        assert row["set"] == expected, row["id"]


@pytest.mark.parametrize(("part", "label", "floor"), part_floors("one_on_one"))
def test_one_on_one_f1_floor(result: Evaluation, part: str, label: str, floor: float) -> None:
    assert_f1_floor(result, part, label, floor)


def test_held_out_misses_are_not_listed_by_default(result: Evaluation) -> None:
    assert all(not m.held_out for m in result.listed_misses())
    held = [m for m in result.listed_misses(held_out=True) if m.held_out]
    assert all(int(m.row_id[1:]) % 3 == 2 for m in held)
