"""Benchmark: tagging throughput of ``Tagger.tag`` in words per second, on one core.

Reads a real transcript (default: the 40-minute AMI ES2002d WebVTT beside the repository),
repeats its utterances until the transcript holds at least ``--words`` words, pins the
process to one CPU, builds the tagger once (not timed), then times ``Tagger.tag`` on the
whole transcript ``--runs`` times and reports the median. Words are the whitespace-separated
pieces of the utterance texts as read (fillers and markup included).

    python tests/bench/bench_tagger.py
    python tests/bench/bench_tagger.py --transcript call.vtt --words 500000 --runs 7

Not a test: timings on shared machines are noisy; quote the median.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from highlights.ingest.transcripts import read_transcript  # noqa: E402
from highlights.models import Transcript  # noqa: E402
from highlights.tagging.rules import default_rule_paths, load_rules  # noqa: E402
from highlights.tagging.tagger import Tagger  # noqa: E402

DEFAULT = REPO.parent / "shared" / "realdata" / "meetings" / "ami_ES2002d" / "ES2002d.derived.vtt"


def repeated(transcript: Transcript, min_words: int) -> Transcript:
    """The transcript's utterances repeated, shifted in time, until ``min_words`` are reached."""
    words_once = sum(len(u.text.split()) for u in transcript.utterances)
    if words_once == 0:
        raise SystemExit("the transcript has no words")
    copies = max(1, -(-min_words // words_once))
    span = transcript.end_ms + 1000
    utterances = tuple(
        replace(u, start_ms=u.start_ms + i * span, end_ms=u.end_ms + i * span, words=())
        for i in range(copies)
        for u in transcript.utterances
    )
    return replace(transcript, utterances=utterances)


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the platform allows it; say which."""
    if hasattr(os, "sched_setaffinity") and hasattr(os, "sched_getaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity here)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--transcript", type=Path, default=DEFAULT)
    parser.add_argument("--words", type=int, default=200_000, help="minimum words per run")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rules", type=Path, nargs="*", help="rule packs (default: bundled)")
    args = parser.parse_args()
    if not args.transcript.exists():
        raise SystemExit(f"{args.transcript} not found (pass --transcript)")

    core = pin_to_one_core()
    transcript = repeated(read_transcript(args.transcript), args.words)
    words = sum(len(u.text.split()) for u in transcript.utterances)
    rules = load_rules(args.rules or default_rule_paths())
    started = time.perf_counter()
    tagger = Tagger(rules)
    build_s = time.perf_counter() - started
    tagger.tag(replace(transcript, utterances=transcript.utterances[:200]))  # warm-up

    rates: list[float] = []
    statements = 0
    for _ in range(args.runs):
        started = time.perf_counter()
        statements = len(tagger.tag(transcript))
        rates.append(words / (time.perf_counter() - started))
    print(f"transcript: {args.transcript} ({len(transcript.utterances)} utterances, {words} words)")
    print(f"rules: {len(rules)}; tagger built in {build_s:.2f} s; {core}")
    print(f"statements per run: {statements}")
    print("runs (words/s): " + ", ".join(f"{r:,.0f}" for r in rates))
    print(f"median: {statistics.median(rates):,.0f} words/s")


if __name__ == "__main__":
    main()
