"""The rule-matching pipeline component: every rule match as a span under ``doc.spans["tags"]``.

It gives the same spans as spaCy's ``span_ruler`` with ``phrase_matcher_attr="LOWER"`` (label =
rule label, ``span.id_`` = rule id, overlapping matches all kept), and validates patterns the
same way (``Matcher(validate=True)``), but it does not try every pattern at every token.
spaCy's Matcher starts every pattern at every token, so its cost grows with the number of
rules (about 17,000 words/s for the whole tagger with ~240 rules, against ~60,000 here).
Here each rule is filed under the words one of its required tokens needs (a LOWER/LEMMA/ORTH
value or list), and a doc runs only the matchers of the words it contains. Of a rule's word
lists, the one with the fewest very frequent words of speech (``FREQUENT``: "i", "you", "the"…)
is used, then the one with the fewest common words (spaCy's stop words, punctuation), then the
shortest, so that a rule runs on the docs that can match it and few others (spaCy starts every
pattern of a matcher at every token, so a pattern filed under "i" costs time in most docs).
When that list belongs to the first token, the rule is filed under each of its words with the
first token rewritten to that one word (rules sharing a first word share one matcher);
otherwise it is filed as a group under all the words of the list. A rule with no word list
runs on every doc.

A last pattern token that tests the ``last_word`` extension (see ``rules.py``) is not handed to
spaCy with that test: spaCy would compute the extension for every token of every doc the
matcher runs on. The test is taken off and checked on the last token of each match instead,
which gives the same spans.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from spacy.errors import MatchPatternError
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from highlights.errors import RuleError
from highlights.tagging.rules import TOKEN_EXTENSIONS, Rule

_WORD_ATTRS = ("LOWER", "LEMMA", "ORTH")
# About the sixty most frequent words of spoken English (and punctuation), as spaCy tokenises them.
_FREQUENT_WORDS = (
    "the i you and it a 's to of that n't in we is do they was yeah have what he but for be on "
    "this know well so oh got 've not are if with no she at there think yes just all can then "
    "'re like um uh okay ok right one go get 'm me my your our them . , ? ! -"
)
FREQUENT = frozenset(_FREQUENT_WORDS.split())
_Key = tuple[str, str]
_Pattern = list[dict[str, Any]]


def token_pattern(nlp: Language, pattern: _Pattern | str) -> _Pattern:
    """A rule pattern as a token pattern; a phrase matches the lower-case form of its words."""
    if isinstance(pattern, str):
        return [{"LOWER": token.lower_} for token in nlp.make_doc(pattern)]
    return pattern


def _split_last_word(pattern: _Pattern) -> tuple[_Pattern, bool | None]:
    """The pattern without a ``last_word`` test on its last token, and the value tested."""
    last = pattern[-1] if pattern else None
    extensions = last.get("_") if isinstance(last, dict) else None
    if last is None or not isinstance(extensions, dict) or "last_word" not in extensions:
        return pattern, None
    rest = {k: v for k, v in extensions.items() if k != "last_word"}
    token = {k: v for k, v in last.items() if k != "_"}
    if rest:
        token["_"] = rest
    return [*pattern[:-1], token], bool(extensions["last_word"])


def _words(token: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """The attribute and the words a required pattern token accepts, if it is a word list."""
    if token.get("OP") not in (None, "+"):
        return None
    for attr in _WORD_ATTRS:
        value = token.get(attr)
        if isinstance(value, str):
            return attr, (value,)
        if isinstance(value, dict) and set(value) == {"IN"}:
            return attr, tuple(str(v) for v in value["IN"])
    return None


_is_last_word = TOKEN_EXTENSIONS["last_word"]


class RuleMatcher:
    """Matches rules, filed under the words that trigger them."""

    def __init__(self, nlp: Language, spans_key: str = "tags") -> None:
        self.nlp = nlp
        self.vocab: Vocab = nlp.vocab
        self.spans_key = spans_key
        self._by_first: dict[_Key, Matcher] = {}
        self._by_word: dict[_Key, list[str]] = defaultdict(list)
        self._groups: dict[str, Matcher] = {}
        self._always = Matcher(self.vocab, validate=True)
        self._labels: dict[int, tuple[str, str]] = {}
        self._count = 0
        self._last_word: dict[int, bool] = {}

    def _common(self, words: tuple[str, ...]) -> int:
        """How many of ``words`` are common: stop words and punctuation."""
        stop_words = self.nlp.Defaults.stop_words
        return sum(1 for w in words if w.lower() in stop_words or not any(c.isalnum() for c in w))

    def __len__(self) -> int:
        return self._count

    def add_rules(self, rules: Iterable[Rule]) -> None:
        """Add rules; raises RuleError naming the rule's file and line for a bad pattern."""
        for rule in rules:
            try:
                self._add(rule)
            except (MatchPatternError, ValueError, KeyError, TypeError) as exc:
                raise RuleError(
                    f"rule {rule.id}: invalid pattern: {' '.join(str(exc).split())}",
                    path=rule.source,
                    line=rule.line,
                ) from exc

    def _add(self, rule: Rule) -> None:
        pattern, last_word = _split_last_word(token_pattern(self.nlp, rule.pattern))
        if not pattern:
            raise ValueError("empty pattern")
        key = self.vocab.strings.add(rule.id)
        if last_word is not None:
            self._last_word[key] = last_word
        self._labels[key] = (rule.label, rule.id)
        self._count += 1
        lists = [(i, w) for i, w in enumerate(map(_words, pattern)) if w is not None]
        if not lists:
            self._always.add(rule.id, [pattern])
            return
        index, (attr, words) = min(
            lists,
            key=lambda iw: (
                sum(1 for w in iw[1][1] if w.lower() in FREQUENT),
                self._common(iw[1][1]),
                len(iw[1][1]),
                iw[0],
            ),
        )
        first = pattern[0]
        if index == 0 and "OP" not in first:
            rest = {k: v for k, v in first.items() if k != attr}
            for word in words:
                matcher = self._by_first.get((attr, word))
                if matcher is None:
                    matcher = self._by_first[(attr, word)] = Matcher(self.vocab, validate=True)
                matcher.add(rule.id, [[{attr: word, **rest}, *pattern[1:]]])
            return
        group = json.dumps([attr, sorted(words)])
        if group not in self._groups:
            self._groups[group] = Matcher(self.vocab, validate=True)
            for word in words:
                self._by_word[(attr, word)].append(group)
        self._groups[group].add(rule.id, [pattern])

    def __call__(self, doc: Doc) -> Doc:
        present: set[_Key] = set()
        for token in doc:
            present.add(("LOWER", token.lower_))
            present.add(("LEMMA", token.lemma_))
            present.add(("ORTH", token.text))
        matchers: list[Matcher] = []
        groups: set[str] = set()
        for key in present:
            matcher = self._by_first.get(key)
            if matcher is not None:
                matchers.append(matcher)
            groups.update(self._by_word.get(key, ()))
        matchers.extend(self._groups[g] for g in sorted(groups))
        if len(self._always):
            matchers.append(self._always)
        seen: set[tuple[int, int, int]] = set()
        spans: list[Span] = []
        for matcher in matchers:
            for match_id, start, end in matcher(doc):
                if start == end or (match_id, start, end) in seen:
                    continue
                wanted = self._last_word.get(match_id)
                if wanted is not None and _is_last_word(doc[end - 1]) != wanted:
                    continue
                seen.add((match_id, start, end))
                label, rule_id = self._labels[match_id]
                spans.append(Span(doc, start, end, label=label, span_id=rule_id))
        spans.sort(key=lambda s: (s.start, s.end, s.label_, s.id_))
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("highlights_rules", default_config={"spans_key": "tags"})
def make_rule_matcher(nlp: Language, name: str, spans_key: str) -> RuleMatcher:
    return RuleMatcher(nlp, spans_key=spans_key)
