"""Typed contexts of the goal pages and evidence packs, built from :class:`GoalReport`.

No I/O: :mod:`highlights.render_goals` renders these through the templates (``goal.html``,
``pack.html``, ``pack.md``) and writes the files. Links are relative to the folder the page
or pack is written to.
"""

from __future__ import annotations

import base64
import hashlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from urllib.parse import quote

from highlights import __version__
from highlights.errors import format_ms
from highlights.goals.chart import Chart, review_chart, signed
from highlights.goals.evidence import GoalReport
from highlights.goals.model import GAS_LEVELS, GAS_NAMES, Goal, Review
from highlights.goals.suggest import best_statement
from highlights.models import Highlight, MeetingResult
from highlights.render import STYLESHEET, Segment, clock, segments, speaker_name

GOAL_CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
    "media-src 'self'; base-uri 'none'; form-action 'none'"
)
"""A goal page's policy: no script at all; styles, images and clips from the site only."""
SMART_NAMES = (("S", "Specific", "specific"), ("M", "Measurable", "measurable"),
               ("A", "Achievable", "achievable"), ("R", "Relevant", "relevant"),
               ("T", "Time-bound", "time_bound"))


@dataclass(frozen=True, slots=True)
class SmartView:
    letter: str
    name: str
    text: str
    filled: bool


@dataclass(frozen=True, slots=True)
class LevelView:
    level: int
    sign: str
    description: str
    latest: bool


@dataclass(frozen=True, slots=True)
class ReviewRow:
    date: str
    level: int
    sign: str
    meaning: str
    note: str


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """A highlight on a goal page: attached evidence, or a suggestion with its reasons."""

    highlight_id: str
    meeting_id: str
    meeting_title: str
    meeting_href: str
    date: str
    number: int
    time_range: str
    clip_href: str | None
    recording_href: str | None
    quote: tuple[Segment, ...]
    speaker: str
    role: str
    labels: tuple[str, ...]
    note: str = ""
    attached: str = ""
    missing: bool = False
    score: float = 0.0
    reasons: tuple[str, ...] = ()
    command: str = ""


@dataclass(frozen=True, slots=True)
class GoalPage:
    csp: str
    stylesheet: str
    title: str
    goal_id: str
    owner: str
    deadline: str
    source: str
    in_file: bool
    smart: tuple[SmartView, ...]
    levels: tuple[LevelView, ...]
    own_levels: bool
    """True when the goals file describes the levels; else the generic scale is shown."""
    reviews: tuple[ReviewRow, ...]
    latest: ReviewRow | None
    planned: tuple[tuple[str, bool], ...]
    """Planned review dates, each with whether a review was recorded on it."""
    chart: Chart | None
    chart_desc: str
    evidence: tuple[EvidenceView, ...]
    suggested: tuple[EvidenceView, ...]
    version: str
    index_href: str = "../index.html"



def _rel(target: str | None, start: Path) -> str | None:
    if target is None:
        return None
    rel = Path(os.path.relpath(Path(target).resolve(), start.resolve())).as_posix()
    return quote(rel, safe="/")


def meaning(goal: Goal, level: int) -> str:
    return goal.level_text(level)


def review_row(goal: Goal, r: Review) -> ReviewRow:
    return ReviewRow(r.date, r.level, signed(r.level), meaning(goal, r.level), r.note)


def _quote(h: Highlight, goal: Goal | None = None) -> tuple[tuple[Segment, ...], str]:
    """The key statement — for a suggestion (``goal``), the statement sharing most with the
    goal — or else the whole excerpt, as marked segments, with its speaker."""
    key = best_statement(goal, h) if goal is not None else h.key
    if key is not None:
        return segments(key.text, key.hits), speaker_name(key)
    text = " ".join(s.text for s in h.statements)
    who = h.statements[0] if h.statements else None
    return (Segment(text),), speaker_name(who) if who else ""


def evidence_view(
    h: Highlight,
    meeting: MeetingResult,
    folder: str,
    page_dir: Path,
    *,
    for_goal: Goal | None = None,
) -> EvidenceView:
    """A highlight as a goal page shows it; ``for_goal`` quotes the statement that shares
    most with that goal (for suggestions) instead of the key statement."""
    quote_segments, speaker = _quote(h, for_goal)
    roles = {p.name: p.role for p in meeting.participants if p.role}
    recording = _rel(meeting.audio_file, page_dir)
    return EvidenceView(
        highlight_id=h.id,
        meeting_id=meeting.meeting_id,
        meeting_title=meeting.title or meeting.meeting_id,
        meeting_href=quote(f"../{folder}/index.html", safe="/") + f"#h-{quote(h.id)}",
        date=meeting.date,
        number=h.number,
        time_range=f"{clock(h.start_ms)}–{clock(h.end_ms)}",
        clip_href=quote(f"../{folder}/{h.clip_file}", safe="/") if h.clip_file else None,
        recording_href=(f"{recording}#t={h.start_ms / 1000:.3f},{h.end_ms / 1000:.3f}"
                        if recording else None),
        quote=quote_segments,
        speaker=speaker,
        role=roles.get(speaker, ""),
        labels=h.labels,
    )


def chart_description(goal: Goal, rows: Sequence[ReviewRow]) -> str:
    parts = []
    if rows:
        last = rows[-1]
        parts.append(
            f"{len(rows)} review{'s' if len(rows) != 1 else ''} from {rows[0].date} to "
            f"{last.date}: " + ", ".join(f"{r.sign} on {r.date}" for r in rows)
            + f". Latest: {last.sign} ({last.meaning})."
        )
    else:
        parts.append("No reviews recorded yet.")
    if goal.reviews:
        parts.append("Planned reviews: " + ", ".join(goal.reviews) + ".")
    if goal.deadline:
        parts.append(f"Deadline: {goal.deadline}.")
    return " ".join(parts)


def goal_page(report: GoalReport, page_dir: Path) -> GoalPage:
    """The goal page's context; ``page_dir`` is ``SITE/goals`` (links are relative to it)."""
    g = report.goal
    rows = tuple(review_row(g, r) for r in report.reviews)
    latest = rows[-1] if rows else None
    done = {r.date for r in report.reviews}
    evidence = []
    for e in report.evidence:
        a = e.attachment
        if e.highlight is None or e.meeting is None:
            evidence.append(EvidenceView(
                highlight_id=a.highlight_id, meeting_id=a.meeting_id, meeting_title=a.meeting_id,
                meeting_href=quote(f"../{e.folder}/index.html", safe="/"), date="", number=0,
                time_range="", clip_href=None, recording_href=None, quote=(), speaker="",
                role="", labels=(), note=a.note, attached=a.created[:10], missing=True))
        else:
            view = evidence_view(e.highlight, e.meeting, e.folder, page_dir)
            evidence.append(replace(view, note=a.note, attached=a.created[:10]))
    suggested = tuple(
        replace(evidence_view(s.highlight, s.meeting, s.folder, page_dir, for_goal=g),
                score=s.suggestion.score, reasons=s.suggestion.reasons,
                command=f"highlights goals attach {s.highlight.id} {g.id}")
        for s in report.suggested
    )
    own = {lv.level: lv.description for lv in g.levels}
    chart = (review_chart(report.reviews, g.reviews, g.deadline)
             if rows or g.reviews or g.deadline else None)
    return GoalPage(
        csp=GOAL_CSP,
        stylesheet=STYLESHEET,
        title=g.title,
        goal_id=g.id,
        owner=g.owner,
        deadline=g.deadline,
        source=Path(report.source).name if report.source else "",
        in_file=report.in_file,
        smart=tuple(SmartView(letter, name, getattr(g, field) or (
            f"deadline {g.deadline}" if letter == "T" and g.deadline else ""),
            g.smart()[letter]) for letter, name, field in SMART_NAMES),
        levels=tuple(
            LevelView(lv, signed(lv), own.get(lv, GAS_NAMES[lv]),
                      latest is not None and latest.level == lv)
            for lv in sorted(GAS_LEVELS, reverse=True)
        ),
        own_levels=bool(own),
        reviews=rows,
        latest=latest,
        planned=tuple((d, d in done) for d in g.reviews),
        chart=chart,
        chart_desc=chart_description(g, rows),
        evidence=tuple(evidence),
        suggested=suggested,
        version=__version__,
    )


@dataclass(frozen=True, slots=True)
class PackItem:
    quote: str
    speaker: str
    role: str
    date: str
    meeting_title: str
    meeting_id: str
    highlight_id: str
    number: int
    start: str
    end: str
    recording: str
    """The recording's file name (the transcript's, for a meeting without one)."""
    recording_href: str
    labels: tuple[str, ...]
    note: str
    attached: str
    missing: bool = False
    trace: str = "Recording"
    """What ``recording`` names: "Recording", or "Transcript" when there is no recording."""


@dataclass(frozen=True, slots=True)
class PackPage:
    csp: str
    style: str
    title: str
    goal_id: str
    owner: str
    deadline: str
    source: str
    smart: tuple[SmartView, ...]
    levels: tuple[LevelView, ...]
    reviews: tuple[ReviewRow, ...]
    items: tuple[PackItem, ...]
    exported: str
    version: str


def pack_page(report: GoalReport, out_dir: Path, *, today: date, style: str = "") -> PackPage:
    """The evidence pack's context; recording links are relative to ``out_dir``."""
    page = goal_page(report, out_dir)
    items = []
    for e in report.evidence:
        a, h, m = e.attachment, e.highlight, e.meeting
        if h is None or m is None:
            items.append(PackItem("", "", "", "", a.meeting_id, a.meeting_id, a.highlight_id,
                                  0, "", "", "", "", (), a.note, a.created[:10], missing=True))
            continue
        segs, speaker = _quote(h)
        source = m.audio_file or m.transcript_source or ""
        href = _rel(m.audio_file, out_dir)
        items.append(PackItem(
            quote="".join(s.text for s in segs),
            speaker=speaker,
            role={p.name: p.role for p in m.participants}.get(speaker, ""),
            date=m.date,
            meeting_title=m.title or m.meeting_id,
            meeting_id=m.meeting_id,
            highlight_id=h.id,
            number=h.number,
            start=format_ms(h.start_ms),
            end=format_ms(h.end_ms),
            recording=Path(source).name if source else "",
            recording_href=(f"{href}#t={h.start_ms / 1000:.3f},{h.end_ms / 1000:.3f}"
                            if href else ""),
            labels=h.labels,
            note=a.note,
            attached=a.created[:10],
            trace="Recording" if m.audio_file else "Transcript",
        ))
    digest = base64.b64encode(hashlib.sha256(style.encode("utf-8")).digest()).decode("ascii")
    return PackPage(
        csp=(f"default-src 'none'; style-src 'sha256-{digest}'; base-uri 'none'; "
             "form-action 'none'"),
        style=style,
        title=page.title,
        goal_id=page.goal_id,
        owner=page.owner,
        deadline=page.deadline,
        source=page.source,
        smart=page.smart,
        levels=page.levels,
        reviews=page.reviews,
        items=tuple(items),
        exported=today.isoformat(),
        version=__version__,
    )


