"""SMART parts of a goal-like statement (GOAL, ACTION or PRIORITY).

- Specific: the statement names a concrete object of work — a content word (not a stop word,
  pronoun, filler or vague word such as "thing") outside the words that triggered the rule,
  outside any time frame, and not the verb right after a modal, "to" or a subject pronoun
  ("I'll *send* the plan": "plan" is the object, "send" the verb).
- Measurable: a METRIC hit.
- Relevant: a RELEVANCE hit, or a reason clause ("because", "so that", "in order to",
  "so we can", "for your promotion").
- Time-bound: a DEADLINE hit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Span

from highlights.models import RuleHit, SmartParts
from highlights.tagging.sentences import FILLERS

GOAL_LIKE: frozenset[str] = frozenset({"GOAL", "ACTION", "PRIORITY"})

_REASON = re.compile(
    r"\b(?:because|'cause|cause|so that|in order to|so (?:i|we|you|they) can"
    r"|for (?:the|your|my|his|her|their|a) promotion)\b",
    re.IGNORECASE,
)

# Words that are right before the verb of a clause: its object comes after that verb.
_BEFORE_VERB = frozenset(
    {
        "to", "will", "'ll", "shall", "should", "must", "can", "could", "would", "'d",
        "might", "may", "please", "'s", "let", "na", "wanna", "gotta", "i", "we", "you", "they",
    }
)  # fmt: skip

# Content words that do not name anything concrete.
_VAGUE = frozenset(
    {
        "thing", "stuff", "lot", "bit", "way", "kind", "sort", "time", "yeah", "yes", "okay",
        "ok", "right", "sure", "alright", "cool", "great", "good", "nice", "fine", "think",
        "guess", "mean", "know", "like", "want", "need", "feel", "maybe", "probably", "actually",
        "basically", "really", "gonna", "wanna", "let", "try", "able", "happy", "glad", "today",
        "tomorrow", "tonight", "week", "day", "month", "year", "quarter", "soon", "later", "hey",
        "sorry", "thanks", "thank", "look", "sound", "lets", "bunch", "couple", "point", "idea",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "morning",
        "afternoon", "evening", "weekend", "asap", "eod",
    }
)  # fmt: skip


def smart_parts(sent: Span, labels: Iterable[str], hits: Sequence[RuleHit]) -> SmartParts | None:
    """SMART parts of a statement, or None when it is not goal-like.

    ``hits`` carry character offsets into ``sent.text``.
    """
    label_set = set(labels)
    if not label_set & GOAL_LIKE:
        return None
    return SmartParts(
        specific=_is_specific(sent, hits),
        measurable="METRIC" in label_set,
        relevant="RELEVANCE" in label_set or _REASON.search(sent.text) is not None,
        time_bound="DEADLINE" in label_set,
    )


def _is_specific(sent: Span, hits: Sequence[RuleHit]) -> bool:
    skip = [
        (h.start_char, h.end_char) for h in hits if h.label in GOAL_LIKE or h.label == "DEADLINE"
    ]
    base = sent.start_char
    previous = ""
    for token in sent:
        lower = token.lower_
        after_slot = previous in _BEFORE_VERB
        previous = lower
        if after_slot or not token.is_alpha or token.is_stop or len(lower) < 2:
            continue
        start = token.idx - base
        if any(s <= start < e for s, e in skip):
            continue
        lemma = token.lemma_.lower()
        if lower in FILLERS or lower in _VAGUE or lemma in _VAGUE:
            continue
        return True
    return False
