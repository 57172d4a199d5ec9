"""The ``render`` stage: the static digest site. The only module that writes HTML.

Templates come from a ``ChoiceLoader``: a user's template folder first (to override one
page), the bundled ``templates/`` after. Autoescape is on, undefined names are errors, and
every expression's text passes through :func:`clean_text` (control and bidi-override
characters become U+FFFD). Each page renders a typed context (the dataclasses below).

A meeting page is complete without script. ``digest.js``, copied beside the page like
``digest.css``, adds the tag and speaker filters and makes "open in recording" links seek the
page's full-recording player. The Content-Security-Policy allows nothing from the network
and no inline script: script, styles and media only from the page's own origin.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from highlights import __version__
from highlights.assemble import LABEL_ORDER, sort_labels
from highlights.errors import OutputError, format_ms
from highlights.fsutil import write_text_atomic
from highlights.models import Highlight, MeetingResult, RuleHit, Statement
from highlights.resources import templates_dir

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
    "media-src 'self'; base-uri 'none'; form-action 'none'"
)
"""The meeting page's policy: no network, no inline script or style, no plugins or frames."""
INDEX_CSP = (
    "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; "
    "base-uri 'none'; form-action 'none'"
)
"""The site index runs no script at all."""
STYLESHEET = "digest.css"
SCRIPT = "digest.js"

# C0 controls except tab, line feed and carriage return; DEL and C1 controls; the bidi
# embedding, override and isolate controls (they can make text read differently than it
# is stored); lone surrogates (not encodable as UTF-8).
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)
REPLACEMENT = "\ufffd"


def clean_text(value: Any) -> Any:
    """Jinja ``finalize``: replace unsafe characters in every string the templates print."""
    if isinstance(value, str):
        cleaned = _UNSAFE_CHARS.sub(REPLACEMENT, value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    label: str | None = None
    rule: str | None = None


@dataclass(frozen=True, slots=True)
class HitView:
    label: str
    rule_id: str
    description: str
    text: str


@dataclass(frozen=True, slots=True)
class RuleView:
    """A rule that fired somewhere in a highlight, with what it looks for."""

    id: str
    description: str


@dataclass(frozen=True, slots=True)
class TagView:
    """One label of a highlight and the rules that gave it."""

    label: str
    rules: tuple[RuleView, ...]


@dataclass(frozen=True, slots=True)
class GoalRef:
    """A goal a highlight is attached to; ``href`` is a path relative to the meeting page."""

    title: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class StatementView:
    index: int
    speaker: str
    role: str
    time: str
    start_ms: int
    segments: tuple[Segment, ...]
    labels: tuple[str, ...]
    hits: tuple[HitView, ...]
    smart: str
    smart_missing: str
    is_key: bool


@dataclass(frozen=True, slots=True)
class HighlightView:
    id: str
    number: int
    kind: str
    suggested: bool
    time_range: str
    duration: str
    start_ms: int
    clip_href: str | None
    recording_href: str | None
    labels: tuple[str, ...]
    marker_labels: tuple[str, ...]
    key: StatementView | None
    statements: tuple[StatementView, ...]
    start: str = ""
    """Start in seconds (``28.088``): where "open in recording" seeks the page's player."""
    tags: tuple[TagView, ...] = ()
    speaker_ids: tuple[int, ...] = ()
    """Indexes into ``MeetingPage.speakers``: who said the key or a tagged statement."""
    goals: tuple[GoalRef, ...] = ()


@dataclass(frozen=True, slots=True)
class MeetingPage:
    csp: str
    stylesheet: str
    title: str
    meeting_id: str
    date: str
    duration: str
    participants: tuple[str, ...]
    machine_transcribed: bool
    has_audio: bool
    transcript_only: bool
    tag_counts: tuple[tuple[str, int], ...]
    highlights: tuple[HighlightView, ...]
    warnings: tuple[str, ...]
    version: str
    script: str = SCRIPT
    recording_src: str | None = None
    """The full recording, relative to the page, for the page's ``<audio id="recording">``."""
    speakers: tuple[str, ...] = ()
    """Speakers offered by the "said by" filter, participants first."""
    label_filters: tuple[tuple[str, int], ...] = ()
    """Labels offered by the tag filter, with how many highlights carry each."""


@dataclass(frozen=True, slots=True)
class MeetingRow:
    href: str
    title: str
    date: str
    participants: str
    highlight_count: int
    tag_counts: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class GoalRow:
    """A goal on the site index: its page, latest review and how much evidence it has."""

    href: str
    id: str
    title: str
    latest_level: int | None
    latest: str
    """The latest review as text (``+1 more than expected, 2026-03-31``), or ``""``."""
    evidence_count: int
    deadline: str = ""
    in_file: bool = True


@dataclass(frozen=True, slots=True)
class IndexPage:
    csp: str
    stylesheet: str
    title: str
    meetings: tuple[MeetingRow, ...]
    version: str
    goals: tuple[GoalRow, ...] = ()


def environment(user_templates: Path | None = None) -> Environment:
    loaders = []
    if user_templates is not None:
        loaders.append(FileSystemLoader(str(user_templates)))
    loaders.append(FileSystemLoader(str(templates_dir())))
    env = Environment(
        loader=ChoiceLoader(loaders),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        finalize=clean_text,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


def segments(text: str, hits: Sequence[RuleHit]) -> tuple[Segment, ...]:
    """Split a statement's text into plain and marked runs (first match wins an overlap)."""
    out: list[Segment] = []
    pos = 0
    for hit in sorted(hits, key=lambda h: (h.start_char, -h.end_char)):
        start, end = max(hit.start_char, pos), min(hit.end_char, len(text))
        if start >= end:
            continue
        if start > pos:
            out.append(Segment(text[pos:start]))
        out.append(Segment(text[start:end], hit.label, hit.rule_id))
        pos = end
    if pos < len(text):
        out.append(Segment(text[pos:]))
    return tuple(out)


def _smart(st: Statement) -> tuple[str, str]:
    if st.smart is None:
        return "", ""
    have = st.smart.letters()
    return have, "".join(c for c in "SMRT" if c not in have)


def speaker_name(st: Statement) -> str:
    return st.speaker or "Unknown speaker"


def statement_view(st: Statement, roles: dict[str, str], key: int | None) -> StatementView:
    have, missing = _smart(st)
    return StatementView(
        index=st.index,
        speaker=speaker_name(st),
        role=roles.get(st.speaker or "", ""),
        time=clock(st.start_ms),
        start_ms=st.start_ms,
        segments=segments(st.text, st.hits),
        labels=st.labels,
        hits=tuple(HitView(h.label, h.rule_id, h.description, h.text) for h in st.hits),
        smart=have,
        smart_missing=missing,
        is_key=st.index == key,
    )


def _href(target: str | None, page_dir: Path) -> str | None:
    if target is None:
        return None
    rel = Path(os.path.relpath(Path(target).resolve(), page_dir.resolve())).as_posix()
    return quote(rel, safe="/")


def goal_href(path: str) -> str:
    """A link to a goal page: a relative path, percent-encoded so it can carry no scheme."""
    if path.startswith(("/", "\\")) or "\\" in path:
        raise OutputError(f"goal link must be a relative path with '/' separators: {path!r}")
    return quote(path, safe="/#")


def clock(ms: int) -> str:
    """``mm:ss`` below an hour, ``h:mm:ss`` from an hour on (seconds rounded down)."""
    text = format_ms(ms)[:-4]
    return text[2:] if text.startswith("0:") else text


def highlight_speakers(h: Highlight) -> tuple[str, ...]:
    """Who said the key statement or a tagged one (everyone in the excerpt when none is)."""
    said = [s for s in h.statements if s.labels or s.index == h.key_statement]
    return tuple(dict.fromkeys(speaker_name(s) for s in said or h.statements))


def highlight_tags(h: Highlight) -> tuple[TagView, ...]:
    rules: dict[str, dict[str, str]] = {}
    for st in h.statements:
        for hit in st.hits:
            rules.setdefault(hit.label, {}).setdefault(hit.rule_id, hit.description)
    return tuple(
        TagView(label, tuple(RuleView(i, d) for i, d in rules.get(label, {}).items()))
        for label in sort_labels([*h.labels, *rules])
    )


def highlight_view(
    h: Highlight,
    roles: dict[str, str],
    recording_href: str | None,
    *,
    speakers: Sequence[str] = (),
    goals: Sequence[GoalRef] = (),
) -> HighlightView:
    key = h.key
    index = {name: i for i, name in enumerate(speakers)}
    return HighlightView(
        id=h.id,
        number=h.number,
        kind=h.kind,
        suggested=h.suggested,
        time_range=f"{clock(h.start_ms)}–{clock(h.end_ms)}",
        duration=f"{(h.end_ms - h.start_ms) / 1000:.0f} s",
        start_ms=h.start_ms,
        clip_href=quote(h.clip_file, safe="/") if h.clip_file else None,
        recording_href=(
            f"{recording_href}#t={h.start_ms / 1000:.3f},{h.end_ms / 1000:.3f}"
            if recording_href
            else None
        ),
        labels=h.labels,
        marker_labels=h.marker_labels,
        key=statement_view(key, roles, h.key_statement) if key else None,
        statements=tuple(statement_view(s, roles, h.key_statement) for s in h.statements),
        start=f"{h.start_ms / 1000:.3f}",
        tags=highlight_tags(h),
        speaker_ids=tuple(index[s] for s in highlight_speakers(h) if s in index),
        goals=tuple(GoalRef(g.title, goal_href(g.href) if g.href else None) for g in goals),
    )


def tag_counts(highlights: Sequence[Highlight]) -> tuple[tuple[str, int], ...]:
    counts = Counter(label for h in highlights for s in h.statements for label in s.labels)
    return tuple((label, counts[label]) for label in sort_labels(list(counts)))


def label_filters(highlights: Sequence[Highlight]) -> tuple[tuple[str, int], ...]:
    counts = Counter(label for h in highlights for label in set(h.labels))
    return tuple((label, counts[label]) for label in sort_labels(list(counts)))


def meeting_page(
    result: MeetingResult,
    page_dir: Path,
    *,
    goals: Mapping[str, Sequence[GoalRef]] | None = None,
) -> MeetingPage:
    """The meeting page's context. ``goals`` maps a highlight id to the goals it is attached to."""
    roles = {p.name: p.role for p in result.participants if p.role}
    people = tuple(f"{p.name} ({p.role})" if p.role else p.name for p in result.participants)
    recording = _href(result.audio_file, page_dir)
    heard = {s for h in result.highlights for s in highlight_speakers(h)}
    speakers = tuple(
        dict.fromkeys(
            [p.name for p in result.participants if p.name in heard]
            + [s for h in result.highlights for s in highlight_speakers(h)]
        )
    )
    goals = goals or {}
    return MeetingPage(
        csp=CSP,
        stylesheet=STYLESHEET,
        title=result.title or result.meeting_id,
        meeting_id=result.meeting_id,
        date=result.date,
        duration=clock(result.duration_ms),
        participants=people,
        machine_transcribed=result.machine_transcribed,
        has_audio=result.audio_file is not None,
        transcript_only=result.audio_file is None,
        tag_counts=tag_counts(result.highlights),
        highlights=tuple(
            highlight_view(h, roles, recording, speakers=speakers, goals=goals.get(h.id, ()))
            for h in result.highlights
        ),
        warnings=result.warnings,
        version=__version__,
        script=SCRIPT,
        recording_src=recording,
        speakers=speakers,
        label_filters=label_filters(result.highlights),
    )


def _asset(env: Environment, name: str) -> str:
    loader = env.loader
    assert loader is not None
    source, _, _ = loader.get_source(env, name)
    return source


def _stylesheet(env: Environment) -> str:
    return _asset(env, STYLESHEET)


def render_meeting(
    result: MeetingResult,
    page_dir: Path,
    *,
    env: Environment | None = None,
    page_dir_final: Path | None = None,
    goals: Mapping[str, Sequence[GoalRef]] | None = None,
) -> Path:
    """Write ``index.html``, the stylesheet and the script for one meeting into ``page_dir``.

    ``page_dir_final`` is where the folder will live once in place (links to the recording
    are made relative to it) when ``page_dir`` is a staging folder. ``goals`` maps a
    highlight id to the goals it is attached to.
    """
    env = env or environment()
    context = meeting_page(result, page_dir_final or page_dir, goals=goals)
    html = env.get_template("meeting.html").render(page=context, labels=LABEL_ORDER)
    for name in (STYLESHEET, SCRIPT):
        write_text_atomic(page_dir / name, _asset(env, name))
    out = page_dir / "index.html"
    write_text_atomic(out, html)
    return out


def render_index(
    site: Path,
    results: Sequence[MeetingResult],
    *,
    env: Environment | None = None,
    goals: Sequence[GoalRow] | None = None,
) -> Path:
    """Write the site's ``index.html`` listing the given meetings (and ``goals``, with links
    to their pages)."""
    env = env or environment()
    rows = tuple(
        MeetingRow(
            href=quote(f"{r.meeting_id}/index.html", safe="/"),
            title=r.title or r.meeting_id,
            date=r.date,
            participants=", ".join(p.name for p in r.participants),
            highlight_count=len(r.highlights),
            tag_counts=tag_counts(r.highlights),
        )
        for r in sorted(results, key=lambda r: (r.date, r.meeting_id), reverse=True)
    )
    page = IndexPage(INDEX_CSP, STYLESHEET, "Meeting highlights", rows, __version__,
                     tuple(goals or ()))
    write_text_atomic(site / STYLESHEET, _stylesheet(env))
    out = site / "index.html"
    write_text_atomic(out, env.get_template("index.html").render(page=page))
    return out


def context_dict(page: MeetingPage | IndexPage) -> dict[str, object]:
    return asdict(page)
