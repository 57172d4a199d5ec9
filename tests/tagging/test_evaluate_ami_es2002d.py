"""AMI ES2002d statements outside the dev set: well-formed, disjoint from it, F1 floors per part.

``fixtures/labelled/ami_es2002d.jsonl`` was sampled by ``fixtures/labelled/sample_es2002d.py``
and labelled by meaning, following the dev set's guide, before the rules were run on it. Of the
200 sampled rows those with an odd number are held out and only ever scored as a whole; the
rest of the meeting's eligible acts follow as tuning rows. The floors in
``ami_es2002d_floor.json`` are the F1 per label and part measured when the rules were written,
rounded down. Regenerate with ``highlights eval fixtures/labelled/ami_es2002d.jsonl``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.tagging.evaluate import HELD_OUT, Evaluation, evaluate, load_labelled
from highlights.tagging.rules import LABELS
from highlights.tagging.tagger import Tagger

from .conftest import assert_f1_floor, part_floors

PARTS = {"tune", HELD_OUT, "guide-example"}


@pytest.fixture(scope="module")
def path(fixtures_dir: Path) -> Path:
    return fixtures_dir / "labelled" / "ami_es2002d.jsonl"


@pytest.fixture(scope="module")
def result(path: Path, tagger: Tagger) -> Evaluation:
    return evaluate(tagger, path)


def test_rows_are_well_formed_and_split(path: Path) -> None:
    rows = load_labelled(path)
    assert [r["id"] for r in rows] == [f"E{i:03d}" for i in range(len(rows))]
    assert len(rows) >= 400
    for row in rows:
        number = int(row["id"][1:])
        assert set(row["labels"]) <= set(LABELS[:7]), row["id"]
        assert row["labels"] == sorted(row["labels"], key=LABELS.index), row["id"]
        assert row["set"] in PARTS, row["id"]
        sampled = {"random", "cue"} if number < 200 else {"rest"}
        assert row["stratum"] in sampled, row["id"]
        if row["set"] != "guide-example":
            held = number < 200 and number % 2 == 1
            assert row["set"] == (HELD_OUT if held else "tune"), row["id"]
        assert f"{row['speaker']}: {row['text']}" in row["context"], row["id"]


def test_rows_are_not_in_the_dev_set(path: Path, realdata: Path) -> None:
    dev = load_labelled(realdata / "labeled" / "dev.jsonl")
    dev_texts = {" ".join(r["text"].lower().split()) for r in dev}
    dev_starts = {round(r["start"], 2) for r in dev if r["meeting"] == "ES2002d"}
    for row in load_labelled(path):
        assert " ".join(row["text"].lower().split()) not in dev_texts, row["id"]
        assert row["start"] not in dev_starts, row["id"]


@pytest.mark.parametrize(("part", "label", "floor"), part_floors("ami_es2002d"))
def test_f1_floor(result: Evaluation, part: str, label: str, floor: float) -> None:
    assert_f1_floor(result, part, label, floor)
