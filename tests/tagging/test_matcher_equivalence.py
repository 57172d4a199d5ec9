"""The anchored rule matcher finds exactly the spans spaCy's span_ruler finds."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from highlights.tagging.matcher import RuleMatcher
from highlights.tagging.nlp import SPANS_KEY, build_nlp
from highlights.tagging.rules import Rule, default_rule_paths, load_rules
from highlights.tagging.sentences import clean_text

Found = list[set[tuple[str, str, int, int]]]

CORPUS = [
    "This is your top priority for the promotion, so focus on the migration first.",
    "If you do one thing this quarter, let's park the dashboard and ship the export.",
    "It ties into the team's OKR and customers keep asking for it.",
    "I'll send the plan by Friday; can you review Priya's PR before the next meeting?",
    "Agreed, we drop the beta and we'll go with Postgres.",
    "From 15% to 10% within six weeks, 8 out of 10 users, ten tickets, two point five.",
    "I'm blocked on access and I keep getting pulled into incidents, not a problem though.",
    "Great job on the demo; one thing to work on is your estimates.",
    "My goal is to lead a project this year, that's a stretch goal.",
    "Sam will draft it at 10:30 on the 15th of March, in Q3, $500, 5k, 2.5x, 1-on-1.",
    "we should have a draft by EOD Thursday end of day I think",
    "Send me the plan. Yes, write it up and share it. Make sure the rota is updated.",
    "I was out on Monday, the staging server is down and we're short two engineers.",
    "Let's not rush it; the reliability work comes before new features, push it to Q3.",
]


def span_ruler_nlp(rules: tuple[Rule, ...]) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("highlights_lower_lemma")
    ruler = nlp.add_pipe(
        "span_ruler",
        config={"spans_key": SPANS_KEY, "phrase_matcher_attr": "LOWER", "validate": True},
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        nlp.initialize()
        ruler.add_patterns([{"label": r.label, "pattern": r.pattern, "id": r.id} for r in rules])
    return nlp


def found(nlp: Language, texts: list[str]) -> Found:
    return [
        {(s.label_, s.id_, s.start, s.end) for s in doc.spans[SPANS_KEY]} for doc in nlp.pipe(texts)
    ]


@pytest.fixture(scope="module")
def pipelines() -> tuple[Language, Language]:
    rules = load_rules(default_rule_paths())
    return build_nlp(rules), span_ruler_nlp(rules)


def test_same_spans_as_span_ruler(pipelines: tuple[Language, Language]) -> None:
    ours, reference = pipelines
    assert found(ours, CORPUS) == found(reference, CORPUS)
    assert sum(len(spans) for spans in found(ours, CORPUS)) > 40


def test_same_spans_on_real_meetings(pipelines: tuple[Language, Language], realdata: Path) -> None:
    path = realdata / "labeled" / "dev.jsonl"
    if not path.exists():
        pytest.skip(f"{path} not found")
    with path.open(encoding="utf-8") as handle:
        texts = [clean_text(json.loads(line)["text"]) for line in handle if line.strip()]
    ours, reference = pipelines
    assert found(ours, texts) == found(reference, texts)


def test_same_spans_on_the_labelled_sets(
    pipelines: tuple[Language, Language], fixtures_dir: Path
) -> None:
    texts: list[str] = []
    for path in sorted((fixtures_dir / "labelled").glob("*.jsonl")):
        with path.open(encoding="utf-8") as handle:
            texts += [clean_text(json.loads(line)["text"]) for line in handle if line.strip()]
    assert len(texts) > 1500
    ours, reference = pipelines
    assert found(ours, texts) == found(reference, texts)


def test_rules_are_filed_under_their_least_frequent_words() -> None:
    def rule(rule_id: str, pattern: list[dict[str, object]]) -> Rule:
        return Rule(rule_id, "ACTION", pattern, rule_id, (), "test.jsonl", 1)

    nlp = build_nlp(
        (
            rule("t.i-will-send", [{"LOWER": "i"}, {"LOWER": {"IN": ["will", "'ll"]}}]),
            rule("t.i-send", [{"LOWER": "i"}, {"LOWER": "send"}]),
            rule("t.we-send", [{"LOWER": "we"}, {"LOWER": {"IN": ["send", "ship"]}}]),
        )
    )
    matcher = nlp.get_pipe("highlights_rules")
    assert isinstance(matcher, RuleMatcher)
    filed = {w for (_, w) in matcher._by_first} | {w for (_, w) in matcher._by_word}
    # "i" and "we" are among the most frequent words of speech: the rules wait for the others.
    assert filed == {"will", "'ll", "send", "ship"}
    docs = list(nlp.pipe(["I'll send it.", "I think so.", "We ship on Friday."]))
    assert [sorted(s.id_ for s in d.spans[SPANS_KEY]) for d in docs] == [
        ["t.i-will-send"],
        [],
        ["t.we-send"],
    ]
