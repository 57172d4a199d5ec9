"""Measure a tagger against hand-labelled statements (JSONL rows with ``text`` and ``labels``).

Each row is tagged as one utterance, by a speaker with the row's ``role`` when it has one;
the labels of all statements cut from it count for it. Scores are given for all rows and
for every part of the set: the values of ``set`` (e.g. ``tune`` / ``held-out``) and of
``stratum`` (e.g. ``random`` / ``cue``). Misses and false hits of rows whose ``set`` is
``held-out`` are counted but not listed unless asked for, so that rules are not tuned to
single held-out sentences.

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

from highlights.errors import HighlightsError
from highlights.models import Transcript, Utterance
from highlights.tagging.rules import default_rule_paths, label_sort_key, load_rules
from highlights.tagging.tagger import Tagger

HELD_OUT = "held-out"
PART_KEYS: tuple[str, ...] = ("set", "stratum")


class LabelledDataError(HighlightsError):
    """A labelled statements file is malformed."""

    code = "H012"


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and rates of one label."""

    label: str
    tp: int
    fp: int
    fn: int

    @property
    def gold(self) -> int:
        return self.tp + self.fn

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

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "gold": self.gold,
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Part:
    """The scores of one part of a labelled set ("all", "set=tune", "stratum=cue")."""

    name: str
    rows: int
    scores: tuple[Score, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "rows": self.rows, "scores": [s.to_dict() for s in self.scores]}


@dataclass(frozen=True, slots=True)
class Miss:
    """A row whose found labels differ from its gold labels."""

    row_id: str
    text: str
    extra: tuple[str, ...]
    missed: tuple[str, ...]
    held_out: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.row_id,
            "text": self.text,
            "false_hits": list(self.extra),
            "misses": list(self.missed),
        }


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Everything measured on one labelled file."""

    path: str
    rows: int
    words: int
    seconds: float
    labels: tuple[str, ...]
    parts: tuple[Part, ...]
    misses: tuple[Miss, ...]

    def listed_misses(self, held_out: bool = False) -> list[Miss]:
        """The misses to show: held-out rows only when ``held_out`` is true."""
        return [m for m in self.misses if held_out or not m.held_out]

    def to_dict(self, *, misses: bool = False, held_out: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "path": self.path,
            "rows": self.rows,
            "words": self.words,
            "seconds": round(self.seconds, 3),
            "labels": list(self.labels),
            "parts": [p.to_dict() for p in self.parts],
        }
        if misses:
            out["misses"] = [m.to_dict() for m in self.listed_misses(held_out)]
        return out


def load_labelled(path: Path) -> list[dict[str, Any]]:
    """The rows of a labelled JSONL file; raises LabelledDataError naming file and line."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise LabelledDataError(f"cannot read labelled file: {exc}", path=path) from exc
    rows: list[dict[str, Any]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise LabelledDataError(f"invalid JSON: {exc.msg}", path=path, line=number) from exc
        if not isinstance(row, dict):
            raise LabelledDataError("a row must be a JSON object", path=path, line=number)
        if not isinstance(row.get("text"), str):
            raise LabelledDataError("a row needs 'text' (a string)", path=path, line=number)
        labels = row.get("labels")
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise LabelledDataError(
                "a row needs 'labels' (a list of label names)", path=path, line=number
            )
        role = row.get("role")
        if role is not None and not isinstance(role, str):
            raise LabelledDataError("'role' must be a string", path=path, line=number)
        rows.append(row)
    if not rows:
        raise LabelledDataError("no labelled rows", path=path)
    return rows


def predict(
    tagger: Tagger, texts: Sequence[str], roles: Sequence[str | None] | None = None
) -> list[set[str]]:
    """The labels the tagger gives each text, each text tagged as one utterance.

    ``roles`` (one per text, or None) is the role of each text's speaker.
    """
    speakers = [f"row{i}" for i in range(len(texts))]
    utterances = tuple(
        Utterance(speaker=s, start_ms=i * 1000, end_ms=i * 1000 + 999, text=t)
        for i, (s, t) in enumerate(zip(speakers, texts, strict=True))
    )
    role_map = None
    if roles is not None:
        role_map = {s: r for s, r in zip(speakers, roles, strict=True) if r}
    found: list[set[str]] = [set() for _ in texts]
    for statement in tagger.tag(Transcript("eval", "jsonl", utterances), role_map):
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


def evaluate(tagger: Tagger, path: Path) -> Evaluation:
    """Tag every row of a labelled file and score the result per label and per part."""
    rows = load_labelled(path)
    started = time.perf_counter()
    found = predict(tagger, [r["text"] for r in rows], [r.get("role") for r in rows])
    elapsed = time.perf_counter() - started
    gold = [set(r["labels"]) for r in rows]
    labels = tuple(sorted({label for g in gold for label in g}, key=label_sort_key))

    parts = [Part("all", len(rows), tuple(score(gold, found, labels)))]
    for key in PART_KEYS:
        values = sorted({str(r[key]) for r in rows if r.get(key) is not None})
        if len(values) < 2:
            continue
        for value in values:
            picked = [i for i, r in enumerate(rows) if str(r.get(key)) == value]
            scores = score([gold[i] for i in picked], [found[i] for i in picked], labels)
            parts.append(Part(f"{key}={value}", len(picked), tuple(scores)))

    misses = []
    for i, (row, g, f) in enumerate(zip(rows, gold, found, strict=True)):
        extra = tuple(sorted((f - g) & set(labels), key=label_sort_key))
        missed = tuple(sorted(g - f, key=label_sort_key))
        if extra or missed:
            row_id = str(row.get("id", f"line{i + 1}"))
            misses.append(Miss(row_id, row["text"], extra, missed, row.get("set") == HELD_OUT))
    words = sum(len(r["text"].split()) for r in rows)
    return Evaluation(str(path), len(rows), words, elapsed, labels, tuple(parts), tuple(misses))


def format_table(scores: Sequence[Score]) -> str:
    """A Markdown table of the scores."""
    lines = [
        "| label | gold | tp | fp | fn | precision | recall | F1 |",
        "|---|---:|" + "---:|" * 6,
    ]
    for s in scores:
        lines.append(
            f"| {s.label} | {s.gold} | {s.tp} | {s.fp} | {s.fn} "
            f"| {s.precision:.2f} | {s.recall:.2f} | {s.f1:.2f} |"
        )
    return "\n".join(lines)


def format_report(result: Evaluation, *, misses: bool = False, held_out: bool = False) -> str:
    """The evaluation as text: one Markdown table per part, then the misses if asked for."""
    out: list[str] = []
    for part in result.parts:
        out.append(f"{part.name} ({part.rows} rows)")
        out.append(format_table(part.scores))
        out.append("")
    out.append(f"{result.rows} rows, {result.words} words tagged in {result.seconds:.2f} s")
    if misses:
        listed = result.listed_misses(held_out)
        hidden = len(result.misses) - len(listed)
        out.append("")
        out.append("misses (+ false hit, - missed):")
        for m in listed:
            out.append(f"{m.row_id} +{list(m.extra)} -{list(m.missed)} | {m.text}")
        if hidden:
            out.append(f"({hidden} rows of the held-out part not listed)")
    return "\n".join(out)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("path", type=Path, help="labelled JSONL file")
    parser.add_argument("--rules", type=Path, nargs="*", help="rule packs (default: bundled)")
    parser.add_argument("--misses", action="store_true", help="print false positives/negatives")
    args = parser.parse_args(argv)
    tagger = Tagger(load_rules(args.rules or default_rule_paths()))
    print(format_report(evaluate(tagger, args.path), misses=args.misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
