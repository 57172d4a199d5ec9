"""Quality floor on the hand-labelled real meeting statements (skips when they are absent).

The floors in ``dev_floor.json`` are the per-label F1 measured when the rules were written,
rounded down; a rule change that lowers one fails here. Regenerate the table with
``highlights eval ../shared/realdata/labeled/dev.jsonl``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.tagging.evaluate import Evaluation, Score, evaluate, score
from highlights.tagging.tagger import Tagger

from .conftest import assert_f1_floor

FLOORS: dict[str, float] = json.loads(
    (Path(__file__).with_name("dev_floor.json")).read_text(encoding="utf-8")
)["f1"]


@pytest.fixture(scope="module")
def dev_result(realdata: Path, tagger: Tagger) -> Evaluation:
    path = realdata / "labeled" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    return evaluate(tagger, path)


@pytest.mark.parametrize("label", sorted(FLOORS))
def test_dev_f1_floor(dev_result: Evaluation, label: str) -> None:
    assert_f1_floor(dev_result, "all", label, FLOORS[label])


def test_score_arithmetic() -> None:
    gold = [{"A"}, {"A", "B"}, set(), {"B"}]
    found = [{"A"}, {"B"}, {"A"}, set()]
    a, b = score(gold, found, ["A", "B"])
    assert (a.tp, a.fp, a.fn) == (1, 1, 1)
    assert (b.tp, b.fp, b.fn) == (1, 0, 1)
    assert (a.precision, a.recall, a.f1) == (0.5, 0.5, 0.5)
    assert Score("C", 0, 0, 0).f1 == 0.0
