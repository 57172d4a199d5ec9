"""Statements of five ICSI research meetings (QMSum): well-formed, new to the dev set, F1 floors.

``fixtures/labelled/qmsum_icsi.jsonl`` was sampled by ``fixtures/labelled/sample_qmsum.py`` and
labelled by meaning, following the dev set's guide, before the rules were run on it. Of the
first 400 rows (200 random, 200 cue) those with an odd number are held out and only ever
scored as a whole; 300 more cue rows follow for tuning, then 300 fresh rows (150 random, 150
cue) drawn after the rules had been tuned on the others, all held out. The floors in
``qmsum_icsi_floor.json`` are the F1 per label and part measured when the rules were written,
rounded down. Regenerate with ``highlights eval fixtures/labelled/qmsum_icsi.jsonl``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.tagging.evaluate import HELD_OUT, Evaluation, evaluate, load_labelled
from highlights.tagging.rules import LABELS
from highlights.tagging.tagger import Tagger

from .conftest import assert_f1_floor, part_floors


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "labelled" / "qmsum_icsi.jsonl"


@pytest.fixture(scope="module")
def result(path: Path, tagger: Tagger) -> Evaluation:
    return evaluate(tagger, path)


def test_rows_are_well_formed_and_split(path: Path) -> None:
    rows = load_labelled(path)
    assert [r["id"] for r in rows] == [f"Q{i:03d}" for i in range(len(rows))]
    assert len(rows) == 1000
    strata = [(200, "random"), (400, "cue"), (700, "cue-extra"), (850, "fresh-random")]
    for number, row in enumerate(rows):
        assert set(row["labels"]) <= set(LABELS[:7]), row["id"]
        assert row["labels"] == sorted(row["labels"], key=LABELS.index), row["id"]
        stratum = next((name for end, name in strata if number < end), "fresh-cue")
        assert row["stratum"] == stratum, row["id"]
        held = stratum.startswith("fresh") or (number % 2 == 1 and number < 400)
        assert row["set"] == (HELD_OUT if held else "tune"), row["id"]
        assert row["corpus"] == "QMSum" and row["meeting"] in {f"q{m}" for m in range(5)}
        assert 1 <= len(row["context"]) <= 3, row["id"]


def test_rows_are_not_in_the_dev_set(path: Path, realdata: Path) -> None:
    dev = load_labelled(realdata / "labeled" / "dev.jsonl")
    dev_texts = {" ".join(r["text"].lower().split()) for r in dev}
    for row in load_labelled(path):
        assert " ".join(row["text"].lower().split()) not in dev_texts, row["id"]


@pytest.mark.parametrize(("part", "label", "floor"), part_floors("qmsum_icsi"))
def test_f1_floor(result: Evaluation, part: str, label: str, floor: float) -> None:
    assert_f1_floor(result, part, label, floor)
