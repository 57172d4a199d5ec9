"""Suggest which highlights are evidence for which goals, and say why.

Scoring is lexical and explainable: goal keywords found in the highlight, content words
(lemmas) shared between the goal and the highlight's statements, tag evidence (a METRIC
when the goal has a measure, a DEADLINE when it is time-bound, a PRIORITY or RELEVANCE
statement), who said it, and whether the goal's owner took part in the meeting. An optional
``similarity`` (see :mod:`highlights.goals.semantic`) adds closeness in meaning; without it
the scoring needs nothing beyond spaCy's lookup tables.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from highlights.goals.model import Goal
from highlights.models import Highlight, Statement

_WORD = re.compile(r"[a-z0-9][a-z0-9%'-]*")
MIN_SCORE = 2.0
SEMANTIC_MIN = 0.5
SEMANTIC_WEIGHT = 3.0

Similarity = Callable[[str, str], float]
"""(goal text, highlight text) -> closeness in meaning from 0 to 1."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    goal_id: str
    highlight_id: str
    meeting_id: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Candidate:
    """A highlight with the meeting facts the scoring needs."""

    highlight: Highlight
    meeting_id: str
    date: str = ""
    roles: Mapping[str, str] | None = None


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    generic = {"yeah", "okay", "like", "really", "thing", "things", "end", "run", "good", "time",
               "week", "day", "way", "lot", "bit", "get", "got", "make", "want", "need", "know",
               "think", "sure", "great", "right", "start", "work"}
    return frozenset(STOP_WORDS) | generic


@functools.lru_cache(maxsize=1)
def _lemma_table() -> Any:
    from spacy.lookups import load_lookups

    return load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup")


@functools.lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    found = _lemma_table().get(word)
    return str(found) if found else word


@functools.lru_cache(maxsize=65536)
def content_lemmas(text: str) -> frozenset[str]:
    """The lemmas of a text's content words (remembered: every goal meets every highlight)."""
    stop = _stop_words()
    words = _WORD.findall(text.lower())
    return frozenset(_lemma(w) for w in words if w not in stop and len(w) > 2)


@functools.lru_cache(maxsize=65536)
def _normal(text: str) -> str:
    return " " + " ".join(_WORD.findall(text.lower())) + " "


def goal_text(goal: Goal) -> str:
    return " ".join([goal.title, goal.specific, goal.measurable, goal.relevant, *goal.keywords])


def best_statement(goal: Goal, h: Highlight) -> Statement | None:
    """The statement of ``h`` sharing most with the goal (keywords count double); the key
    statement on a tie or when none shares anything."""
    words = content_lemmas(goal_text(goal))

    def overlap(st: Statement) -> int:
        norm = _normal(st.text)
        keys = sum(1 for k in goal.keywords if k.strip() and _normal(k) in norm)
        return 2 * keys + len(words & content_lemmas(st.text))

    best = max(h.statements, key=lambda st: (overlap(st), st.index == h.key_statement),
               default=None)
    return best if best is not None and overlap(best) > 0 else h.key


def score_pair(
    goal: Goal, cand: Candidate, *, similarity: Similarity | None = None
) -> Suggestion | None:
    h = cand.highlight
    text = " ".join(s.text for s in h.statements)
    if not text.strip():
        return None
    reasons: list[str] = []
    score = 0.0
    norm = _normal(text)
    keywords = [k for k in goal.keywords if k.strip() and _normal(k) in norm]
    if keywords:
        score += 2.0 * len(keywords)
        reasons.append("mentions " + ", ".join(f"'{k}'" for k in keywords))
    goal_words = content_lemmas(goal_text(goal))
    shared = sorted(goal_words & content_lemmas(text) - {_lemma(k.lower()) for k in keywords})
    if shared:
        score += min(3.0, 1.0 * len(shared))
        reasons.append("shares " + ", ".join(f"'{w}'" for w in shared[:5]))
    if similarity is not None:
        close = similarity(goal_text(goal), text)
        if close >= SEMANTIC_MIN:
            score += SEMANTIC_WEIGHT * close
            reasons.append(f"close in meaning ({close:.2f})")
    if score == 0:
        return None
    labels = set(h.labels)
    if "METRIC" in labels and goal.measurable:
        score += 1.5
        reasons.append("METRIC matches the goal's measure")
    if "DEADLINE" in labels and (goal.time_bound or goal.deadline):
        score += 1.0
        reasons.append("DEADLINE matches the goal's time frame")
    if labels & {"PRIORITY", "RELEVANCE", "GOAL"}:
        score += 0.5
        reasons.append("sets a priority or says why it matters")
    roles = cand.roles or {}
    key = h.key
    if key is not None and key.speaker and roles.get(key.speaker) == "manager":
        score += 0.5
        reasons.append("said by manager")
    if goal.owner and goal.owner in roles:
        score += 0.5
        reasons.append(f"{goal.owner} was in the meeting")
    if score < MIN_SCORE:
        return None
    return Suggestion(goal.id, h.id, cand.meeting_id, round(score, 2), tuple(reasons))


def suggest(
    goals: Sequence[Goal],
    candidates: Iterable[Candidate],
    *,
    exclude: set[tuple[str, str]] | None = None,
    limit: int | None = None,
    similarity: Similarity | None = None,
) -> list[Suggestion]:
    """Ranked highlight ↔ goal pairs, best first; ``exclude`` holds (goal, highlight) pairs."""
    exclude = exclude or set()
    cands = list(candidates)
    out = [
        s
        for g in goals
        for c in cands
        if (g.id, c.highlight.id) not in exclude
        and (s := score_pair(g, c, similarity=similarity)) is not None
    ]
    out.sort(key=lambda s: (-s.score, s.goal_id, s.meeting_id, s.highlight_id))
    return out[:limit] if limit else out
