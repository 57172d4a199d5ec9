"""Shared by the tagging tests: one default tagger, labels of one line, F1 floors and checks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from highlights.models import Transcript, Utterance
from highlights.tagging.evaluate import Evaluation
from highlights.tagging.tagger import Tagger


@pytest.fixture(scope="session")
def tagger() -> Tagger:
    """The bundled rules; tagging does not change a tagger, so tests can share one."""
    return Tagger.default()


def labels_of(tagger: Tagger, text: str) -> set[str]:
    """Every label on the statements of ``text`` said as one utterance."""
    transcript = Transcript("t", "test", (Utterance("A", 0, 2000, text),))
    return {label for s in tagger.tag(transcript) for label in s.labels}


def assert_f1_floor(result: Evaluation, part: str, label: str, floor: float) -> None:
    """The F1 of ``label`` in ``part`` of an evaluation is at least its recorded floor."""
    (found,) = [p for p in result.parts if p.name == part]
    (s,) = [s for s in found.scores if s.label == label]
    assert s.f1 + 1e-9 >= floor, (
        f"{part} {label}: F1 {s.f1:.3f} < floor {floor} "
        f"(precision {s.precision:.2f}, recall {s.recall:.2f})"
    )


def part_floors(name: str) -> list[tuple[str, str, float]]:
    """``(part, label, floor)`` for every floor in ``<name>_floor.json`` beside this file."""
    path = Path(__file__).with_name(f"{name}_floor.json")
    floors: dict[str, dict[str, float]] = json.loads(path.read_text(encoding="utf-8"))["f1"]
    return [
        (part, label, floors[part][label])
        for part in sorted(floors)
        for label in sorted(floors[part])
    ]
