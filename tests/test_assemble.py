"""Assembling highlights: statements inside each clip, labels, key statement, stable ids."""

from __future__ import annotations

from highlights.assemble import assemble, highlight_id, pick_key
from highlights.models import Clip, RuleHit, Statement, Window


def st(
    i: int, start: int, end: int, labels: tuple[str, ...] = (), speaker: str = "Sam"
) -> Statement:
    hits = tuple(RuleHit(f"{lab.lower()}.x", lab, "x", 0, 1) for lab in labels)
    return Statement(i, i, speaker, start, end, f"text {i}", labels, hits)


def clip(start: int, end: int, anchor: int, kind: str = "point") -> Clip:
    return Clip(Window(start, end, anchor, kind), start, end, True, True)


def test_assemble_takes_statements_mostly_inside_clip() -> None:
    statements = [
        st(0, 0, 9_000),
        st(1, 9_500, 12_000),
        st(2, 12_500, 20_000),
        st(3, 19_000, 40_000),
    ]
    (h,) = assemble("m", [clip(8_000, 21_000, 20_000)], statements)
    assert [s.index for s in h.statements] == [1, 2]


def test_assemble_labels_sorted_in_taxonomy_order() -> None:
    statements = [st(0, 0, 5_000, ("METRIC",)), st(1, 5_000, 9_000, ("PRIORITY", "DEADLINE"))]
    (h,) = assemble("m", [clip(0, 10_000, 9_500)], statements)
    assert h.labels == ("PRIORITY", "DEADLINE", "METRIC")


def test_assemble_key_statement_prefers_tagged_line_just_before_marker() -> None:
    statements = [
        st(0, 0, 5_000, ("PRIORITY",)),
        st(1, 20_000, 24_000, ("PRIORITY",)),
        st(2, 24_500, 27_000),
    ]
    assert pick_key(statements, 27_500, "point", {}) == 1


def test_assemble_key_statement_prefers_manager_on_tie() -> None:
    statements = [
        st(0, 10_000, 14_000, ("PRIORITY",), "Sam"),
        st(1, 10_000, 14_000, ("PRIORITY",), "Dana"),
    ]
    assert pick_key(statements, 15_000, "point", {"Dana": "manager"}) == 1


def test_assemble_no_key_when_nothing_tagged() -> None:
    (h,) = assemble("m", [clip(0, 10_000, 9_000)], [st(0, 1_000, 5_000)])
    assert h.key_statement is None and h.key is None


def test_assemble_ids_stable_and_distinct() -> None:
    a = clip(0, 10_000, 9_000)
    b = Clip(Window(500, 12_000, 9_000, "point"), 400, 12_100)
    assert highlight_id("m", a) == highlight_id("m", b)
    assert highlight_id("m", a) != highlight_id("other", a)
    assert highlight_id("m", a) != highlight_id("m", clip(0, 10_000, 9_001))


def test_assemble_suggested_flag_and_numbering() -> None:
    hs = assemble("m", [clip(0, 5_000, 1_000, "suggested"), clip(9_000, 12_000, 11_000)], [])
    assert [(h.number, h.suggested) for h in hs] == [(1, True), (2, False)]
