"""The ``assemble`` stage: clips plus tagged statements become highlights.

Each highlight gets the statements inside its clip, the labels they carry, and a key
statement: the one most likely to be why someone pressed "highlight" (its tags, who said it,
and how close it ended before the marker).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence

from highlights.models import Clip, Highlight, Statement
from highlights.tagging.rules import LABELS
from highlights.windows import statement_score

LABEL_ORDER = LABELS


def highlight_id(meeting_id: str, clip: Clip) -> str:
    """Stable across re-runs: depends on the meeting and the marker, not on rules or audio."""
    w = clip.window
    key = f"{meeting_id}|{w.kind}|{w.anchor_ms}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def sort_labels(labels: set[str] | Sequence[str]) -> tuple[str, ...]:
    order = {label: i for i, label in enumerate(LABEL_ORDER)}
    return tuple(sorted(set(labels), key=lambda x: (order.get(x, len(order)), x)))


def key_score(st: Statement, anchor_ms: int, kind: str, roles: Mapping[str, str]) -> float:
    score = statement_score(st)
    if score == 0:
        return -1.0
    if st.speaker and roles.get(st.speaker) == "manager":
        score += 0.5
    if kind == "point":
        # The button is pressed after the line: reward statements ending shortly before it.
        gap = anchor_ms - st.end_ms
        if gap >= -1000:
            score += max(0.0, 2.0 - max(gap, 0) / 7_500)
        else:
            score -= min(1.5, -gap / 10_000)
    return score


def pick_key(
    statements: Sequence[Statement], anchor_ms: int, kind: str, roles: Mapping[str, str]
) -> int | None:
    best: tuple[float, int] | None = None
    for st in statements:
        score = key_score(st, anchor_ms, kind, roles)
        if score > 0 and (best is None or score > best[0]):
            best = (score, st.index)
    return best[1] if best is not None else None


def assemble(
    meeting_id: str,
    clips: Sequence[Clip],
    statements: Sequence[Statement],
    *,
    roles: Mapping[str, str] | None = None,
    clip_files: Sequence[str | None] | None = None,
) -> tuple[Highlight, ...]:
    roles = roles or {}
    out: list[Highlight] = []
    for n, clip in enumerate(clips, start=1):
        inside = tuple(
            s
            for s in statements
            if s.start_ms < clip.end_ms
            and s.end_ms > clip.start_ms
            and min(s.end_ms, clip.end_ms) - max(s.start_ms, clip.start_ms)
            >= 0.5 * (s.end_ms - s.start_ms)
        )
        labels = sort_labels({label for s in inside for label in s.labels})
        w = clip.window
        out.append(
            Highlight(
                id=highlight_id(meeting_id, clip),
                meeting_id=meeting_id,
                number=n,
                start_ms=clip.start_ms,
                end_ms=clip.end_ms,
                kind=w.kind,
                labels=labels,
                marker_labels=w.labels,
                statements=inside,
                key_statement=pick_key(inside, w.anchor_ms, w.kind, roles),
                clip_file=clip_files[n - 1] if clip_files else None,
                suggested=w.kind == "suggested",
            )
        )
    return tuple(out)
