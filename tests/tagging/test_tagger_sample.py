"""The bundled sample 1-on-1: every line with expected labels gets at least those labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from highlights.models import Transcript, Utterance
from highlights.tagging.tagger import Tagger


def script(fixtures_dir: Path) -> dict[str, Any]:
    path = fixtures_dir / "sample" / "script.json"
    if not path.exists():
        pytest.skip(f"{path} not found")
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def test_expected_labels_are_found(fixtures_dir: Path) -> None:
    lines = script(fixtures_dir)["lines"]
    transcript = Transcript(
        "sample",
        "script",
        tuple(Utterance(x["speaker"], x["start_ms"], x["end_ms"], x["text"]) for x in lines),
    )
    found: dict[int, set[str]] = {}
    for statement in Tagger.default().tag(transcript):
        found.setdefault(statement.utterance_index, set()).update(statement.labels)
    missing = {
        x["text"]: sorted(set(x["expected_labels"]) - found.get(i, set()))
        for i, x in enumerate(lines)
        if set(x["expected_labels"]) - found.get(i, set())
    }
    assert missing == {}
    unlabelled = [i for i, x in enumerate(lines) if not x["expected_labels"]]
    extra = [i for i in unlabelled if found.get(i)]
    assert len(extra) <= 1, [lines[i]["text"] for i in extra]
