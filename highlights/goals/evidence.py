"""Per goal, what the library holds for it: reviews, attached evidence and suggestions.

This is where goals meet meetings: attachments are resolved to the highlights (and their
meetings) they name, and the highlights not yet attached are scored by
:mod:`highlights.goals.suggest`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from highlights.goals.model import Goal, Review
from highlights.goals.suggest import Candidate, Similarity, Suggestion, suggest
from highlights.models import Highlight, MeetingResult
from highlights.store.goals import StoredAttachment, StoredGoal, attachments, reviews
from highlights.store.read import load_summaries, stored_meetings

SUGGESTIONS_PER_GOAL = 10


@dataclass(frozen=True, slots=True)
class Evidence:
    """An attachment with its highlight and meeting (both None when the library no longer
    holds the highlight: its meeting was re-processed without it)."""

    attachment: StoredAttachment
    highlight: Highlight | None
    meeting: MeetingResult | None
    folder: str


@dataclass(frozen=True, slots=True)
class Suggested:
    suggestion: Suggestion
    highlight: Highlight
    meeting: MeetingResult
    folder: str


@dataclass(frozen=True, slots=True)
class GoalReport:
    """Everything a goal page, the index and an evidence pack show about one goal."""

    goal: Goal
    source: str
    in_file: bool
    reviews: tuple[Review, ...]
    evidence: tuple[Evidence, ...]
    suggested: tuple[Suggested, ...]

    @property
    def latest(self) -> Review | None:
        return self.reviews[-1] if self.reviews else None


def candidates(meetings: Sequence[MeetingResult]) -> list[Candidate]:
    return [
        Candidate(h, m.meeting_id, m.date, {p.name: p.role for p in m.participants if p.role})
        for m in meetings
        for h in m.highlights
    ]


def goal_reports(
    conn: sqlite3.Connection,
    goals: Sequence[StoredGoal],
    *,
    meetings: Sequence[MeetingResult] | None = None,
    limit: int = SUGGESTIONS_PER_GOAL,
    similarity: Similarity | None = None,
) -> list[GoalReport]:
    """A report per goal; goals outside the goals file only when something hangs off them."""
    meetings = load_summaries(conn) if meetings is None else meetings
    by_meeting = {m.meeting_id: m for m in meetings}
    folders = {mid: s.folder for mid, s in stored_meetings(conn).items()}
    by_highlight = {h.id: (h, m) for m in meetings for h in m.highlights}
    links = attachments(conn)
    attached = {(a.goal_id, a.highlight_id) for a in links}
    all_reviews = reviews(conn)
    ranked = suggest([g.goal for g in goals], candidates(meetings), exclude=attached,
                     similarity=similarity)
    out = []
    for stored in goals:
        gid = stored.goal.id
        own = [a for a in links if a.goal_id == gid]
        own_reviews = tuple(r for r in all_reviews if r.goal_id == gid)
        if not stored.in_file and not own and not own_reviews:
            continue
        evidence = []
        for a in own:
            h, m = by_highlight.get(a.highlight_id, (None, by_meeting.get(a.meeting_id)))
            evidence.append(Evidence(a, h, m if h is not None else None,
                                     folders.get(a.meeting_id, a.meeting_id)))
        evidence.sort(key=lambda e: (e.meeting.date if e.meeting else "",
                                     e.attachment.meeting_id,
                                     e.highlight.start_ms if e.highlight else 0))
        mine = [s for s in ranked if s.goal_id == gid][:limit]
        out.append(GoalReport(
            goal=stored.goal,
            source=stored.source,
            in_file=stored.in_file,
            reviews=own_reviews,
            evidence=tuple(evidence),
            suggested=tuple(
                Suggested(s, by_highlight[s.highlight_id][0], by_highlight[s.highlight_id][1],
                          folders.get(s.meeting_id, s.meeting_id))
                for s in mine
            ),
        ))
    return out
