"""The spaCy pipeline behind the tagger: no trained model, nothing downloaded.

``spacy.blank("en")`` + ``sentencizer`` + ``lemmatizer`` (lookup tables from the
spacy-lookups-data package, loaded offline) + a small component that lemmatises capitalised
words through their lower-case form + ``highlights_rules`` (see ``matcher.py``), which puts
every rule match under ``doc.spans["tags"]``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from highlights.tagging.matcher import RuleMatcher
from highlights.tagging.rules import Rule, register_token_extensions

SPANS_KEY = "tags"
_LOWER_LEMMA = "highlights_lower_lemma"


class _LowerLemma:
    """Sets the lemma of a capitalised word the lookup table missed ("Focus" -> "focus")."""

    def __init__(self, nlp: Language) -> None:
        self._nlp = nlp
        self._table: Any = None

    def __call__(self, doc: Doc) -> Doc:
        table = self._table
        if table is None:
            lemmatizer: Any = self._nlp.get_pipe("lemmatizer")
            table = lemmatizer.lookups.get_table("lemma_lookup")
            self._table = table
        for token in doc:
            text = token.text
            if token.lemma_ == text:
                lower = token.lower_
                if lower != text:
                    token.lemma_ = table.get(lower, lower)
        return doc


@Language.factory(_LOWER_LEMMA)
def _make_lower_lemma(nlp: Language, name: str) -> _LowerLemma:
    return _LowerLemma(nlp)


def build_nlp(rules: Sequence[Rule]) -> Language:
    """A ready pipeline matching ``rules`` (spans under ``doc.spans["tags"]``).

    Raises ``RuleError`` naming the file and line of a rule whose pattern is invalid.
    """
    register_token_extensions()
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe(_LOWER_LEMMA)
    matcher = nlp.add_pipe("highlights_rules", config={"spans_key": SPANS_KEY})
    # Loads the lemma tables from the installed spacy-lookups-data package (no network).
    nlp.initialize()
    assert isinstance(matcher, RuleMatcher)
    matcher.add_rules(rules)
    return nlp
