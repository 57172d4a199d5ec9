"""Goal suggestions: ranked, explained, and silent when nothing relates."""

from __future__ import annotations

import pytest

from highlights.goals.model import Goal
from highlights.goals.suggest import Candidate, content_lemmas, suggest
from highlights.models import Highlight, RuleHit, Statement

GOAL = Goal(
    id="migration", title="Lead the billing migration", owner="Sam",
    specific="Own the billing migration to cut-over", measurable="Error rate from 15% to 10%",
    time_bound="By April", keywords=("billing", "error rate"),
)


def highlight(
    hid: str, text: str, labels: tuple[str, ...] = (), speaker: str = "Dana"
) -> Highlight:
    hits = tuple(RuleHit(f"{x.lower()}.r", x, "", 0, 1) for x in labels)
    st = Statement(0, 0, speaker, 0, 1000, text, labels, hits)
    return Highlight(hid, "m", 1, 0, 1000, "point", labels, (), (st,), 0)


def test_suggest_ranks_related_highlight_first_and_explains() -> None:
    cands = [
        Candidate(highlight("a", "Lunch was nice today."), "m", roles={"Dana": "manager"}),
        Candidate(highlight("b", "The billing migrations should cut the error rate to 10%.",
                            ("METRIC",)), "m", roles={"Dana": "manager", "Sam": "report"}),
        Candidate(highlight("c", "We talked about the migration briefly."), "m"),
    ]
    out = suggest([GOAL], cands)
    # "a" shares nothing; "c" shares one word only, below the threshold
    assert [s.highlight_id for s in out] == ["b"]
    best = out[0]
    joined = "; ".join(best.reasons)
    assert "mentions 'billing', 'error rate'" in joined
    assert "METRIC matches the goal's measure" in joined
    assert "said by manager" in joined and "Sam was in the meeting" in joined


def test_suggest_excludes_attached_pairs() -> None:
    cands = [Candidate(highlight("b", "billing error rate"), "m")]
    assert suggest([GOAL], cands, exclude={("migration", "b")}) == []


def test_suggest_lemmas_match_inflections() -> None:
    assert {"migration", "review"} <= content_lemmas("Migrations were reviewed")
    assert "the" not in content_lemmas("the the the")


def test_suggest_similarity_adds_closeness_in_meaning() -> None:
    cand = Candidate(highlight("s", "We will cut the invoice faults a lot."), "m")
    assert suggest([GOAL], [cand]) == []  # one keyword-free word shared: too little
    (found,) = suggest([GOAL], [cand], similarity=lambda goal, text: 0.8)
    assert "close in meaning (0.80)" in found.reasons
    assert suggest([GOAL], [cand], similarity=lambda goal, text: 0.3) == []


def test_suggest_semantic_model_unavailable_is_a_typed_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import importlib

    from highlights.goals import semantic

    def missing(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setattr(importlib, "import_module", missing)
    with pytest.raises(semantic.SemanticUnavailable, match="sentence-transformers"):
        semantic.load_similarity("all-MiniLM-L6-v2")
