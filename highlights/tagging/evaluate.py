"""Measure a tagger against hand-labelled statements (JSONL rows with ``text`` and ``labels``).

Each row is tagged as one utterance; the labels of all statements cut from it count for it.

    python -m highlights.tagging.evaluate ../shared/realdata/labeled/dev.jsonl [--misses]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from highlights.models import Transcript, Utterance
from highlights.tagging.rules import default_rule_paths, label_sort_key, load_rules
from highlights.tagging.tagger import Tagger


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates of one label."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_labelled(path: Path) -> list[dict[str, Any]]:
    """The rows of a labelled JSONL file."""
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def predict(tagger: Tagger, texts: Sequence[str]) -> list[set[str]]:
    """The labels the tagger gives each text, each text tagged as one utterance."""
    utterances = tuple(
        Utterance(speaker=None, start_ms=i * 1000, end_ms=i * 1000 + 999, text=t)
        for i, t in enumerate(texts)
    )
    found: list[set[str]] = [set() for _ in texts]
    for statement in tagger.tag(Transcript("eval", "jsonl", utterances)):
        found[statement.utterance_index].update(statement.labels)
    return found


def score(
    gold: Sequence[set[str]], found: Sequence[set[str]], labels: Sequence[str]
) -> list[Score]:
    """Per-label true/false positives and false negatives."""
    out = []
    for label in labels:
        tp = sum(1 for g, f in zip(gold, found, strict=True) if label in g and label in f)
        fp = sum(1 for g, f in zip(gold, found, strict=True) if label not in g and label in f)
        fn = sum(1 for g, f in zip(gold, found, strict=True) if label in g and label not in f)
        out.append(Score(label, tp, fp, fn))
    return out


def format_table(scores: Sequence[Score]) -> str:
    """A Markdown table of the scores."""
    lines = [
        "| label | gold | tp | fp | fn | precision | recall | F1 |",
        "|---|---:|" + "---:|" * 6,
    ]
    for s in scores:
        lines.append(
            f"| {s.label} | {s.tp + s.fn} | {s.tp} | {s.fp} | {s.fn} "
            f"| {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |"
        )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="labelled JSONL file")
    parser.add_argument("--rules", type=Path, nargs="*", help="rule packs (default: bundled)")
    parser.add_argument("--misses", action="store_true", help="print false positives/negatives")
    args = parser.parse_args(argv)

    rows = load_labelled(args.path)
    tagger = Tagger(load_rules(args.rules or default_rule_paths()))
    started = time.perf_counter()
    found = predict(tagger, [r["text"] for r in rows])
    elapsed = time.perf_counter() - started
    gold = [set(r["labels"]) for r in rows]
    labels = sorted({label for g in gold for label in g}, key=label_sort_key)
    for name, keep in (("all", None), ("random", "random"), ("cue", "cue")):
        picked = [i for i, r in enumerate(rows) if keep is None or r.get("stratum") == keep]
        if not picked:
            continue
        print(f"\n{name} ({len(picked)} rows)")
        print(format_table(score([gold[i] for i in picked], [found[i] for i in picked], labels)))
    words = sum(len(r["text"].split()) for r in rows)
    print(f"\n{len(rows)} rows, {words} words tagged in {elapsed:.2f} s")
    if args.misses:
        for row, g, f in zip(rows, gold, found, strict=True):
            extra, missed = sorted(f - g), sorted((g - f) & set(labels))
            if extra or missed:
                print(f"{row.get('id', '')} +{extra} -{missed} | {row['text']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
