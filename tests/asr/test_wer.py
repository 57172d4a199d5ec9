"""The word error rate: normalisation and word-level edit distance."""

from __future__ import annotations

import pytest

from highlights.asr.wer import edit_distance, normalise_words, wer


def test_wer_normalise_drops_case_and_punctuation_keeps_apostrophes() -> None:
    assert normalise_words("And so, my fellow Americans: I didn’t — 'ask'!") == [
        "and",
        "so",
        "my",
        "fellow",
        "americans",
        "i",
        "didn't",
        "ask",
    ]


@pytest.mark.parametrize(
    ("ref", "hyp", "expected"),
    [
        ("a b c d", "a b c d", 0.0),
        ("a b c d", "a x c d", 0.25),  # one substitution
        ("a b c d", "a c d", 0.25),  # one deletion
        ("a b c d", "a b b c d", 0.25),  # one insertion
        ("a b", "x y z w", 2.0),  # may pass 1.0
        ("Hello, world.", "hello world", 0.0),
        ("", "", 0.0),
        ("", "words", 1.0),
    ],
)
def test_wer_counts_edits_per_reference_word(ref: str, hyp: str, expected: float) -> None:
    assert wer(ref, hyp) == pytest.approx(expected)


def test_wer_edit_distance_is_symmetric_levenshtein() -> None:
    a = ["kitten", "sitting", "on", "the", "mat"]
    b = ["sitting", "kitten", "on", "a", "mat"]
    assert edit_distance(a, b) == edit_distance(b, a) == 3
