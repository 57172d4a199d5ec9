"""Word error rate: how far a machine transcript is from a reference text.

Both texts are normalised the same way before they are compared: lower case, punctuation
removed (apostrophes inside words kept, so "didn't" stays one word), whitespace collapsed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_NOT_WORD = re.compile(r"[^\w']+")


def normalise_words(text: str) -> list[str]:
    """The words of ``text``: lower case, without punctuation."""
    words = _NOT_WORD.sub(" ", text.lower().replace("’", "'")).split()
    return [w.strip("'") for w in words if w.strip("'")]


def edit_distance(reference: Sequence[str], hypothesis: Sequence[str]) -> int:
    """Word-level Levenshtein distance: substitutions + deletions + insertions."""
    previous = list(range(len(hypothesis) + 1))
    for i, ref_word in enumerate(reference, start=1):
        current = [i]
        for j, hyp_word in enumerate(hypothesis, start=1):
            current.append(
                min(
                    previous[j] + 1,
                    current[j - 1] + 1,
                    previous[j - 1] + (ref_word != hyp_word),
                )
            )
        previous = current
    return previous[-1]


def wer(reference: str, hypothesis: str) -> float:
    """Word error rate of ``hypothesis`` against ``reference`` (0.0 is perfect; may pass 1.0).

    An empty reference gives 0.0 for an empty hypothesis and 1.0 otherwise.
    """
    ref = normalise_words(reference)
    hyp = normalise_words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    return edit_distance(ref, hyp) / len(ref)
