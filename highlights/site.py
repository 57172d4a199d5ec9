"""A site and its library together: storing runs, reading the goals file, re-rendering.

``highlights run``, ``batch``, ``demo`` and the ``goals`` commands all keep the same two
things in step: the library (``SITE/highlights.db``) and the pages rendered from it — the
site index, the goal pages under ``SITE/goals/`` and the meeting pages whose highlights are
attached to goals (their cards link to the goals).

The goals file is named once (``--goals FILE``); the library remembers its path and a
snapshot of its goals, so later commands read the same file again, or the snapshot when the
file is gone.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from highlights.batch.fingerprint import meeting_fingerprint, settings_version
from highlights.config import Pipeline
from highlights.errors import HighlightsError
from highlights.goals.evidence import GoalReport, goal_reports
from highlights.goals.goalfile import load_goals
from highlights.goals.links import apply_links, read_links
from highlights.goals.model import Goal
from highlights.goals.suggest import Similarity
from highlights.models import MeetingResult, MeetingSource
from highlights.outputs import JSON_NAME, read_result
from highlights.render import environment, render_index, render_meeting
from highlights.render_goals import goal_refs, goal_rows, page_names, render_goal_pages
from highlights.store import (
    DB_NAME,
    load_digests,
    load_summaries,
    save_digests,
    save_meeting,
    stored_meetings,
)

if TYPE_CHECKING:
    from highlights.runner import RunOutcome

from highlights.store.goals import (
    get_setting,
    set_setting,
    stored_goals,
    sync_goals,
    transaction,
)

GOALS_SETTING = "goals_file"
TEMPLATES_SETTING = "templates"


@dataclass(frozen=True, slots=True)
class GoalsInput:
    """The goals to bring into the library: read from a file, or None to keep its snapshot."""

    goals: tuple[Goal, ...] | None
    source: str | None
    warnings: tuple[str, ...] = ()


def read_goals_input(conn: sqlite3.Connection, goals_file: Path | None) -> GoalsInput:
    """Read ``goals_file``, else the goals file the library remembers.

    A bad file raises :class:`~highlights.goals.goalfile.GoalFileError` (file and line)
    before anything is written. A remembered file that is gone leaves the snapshot in use,
    with a warning.
    """
    if goals_file is not None:
        return GoalsInput(load_goals(goals_file), str(Path(goals_file).resolve()))
    stored = get_setting(conn, GOALS_SETTING)
    if stored is None:
        return GoalsInput(None, None)
    if Path(stored).is_file():
        return GoalsInput(load_goals(stored), stored)
    return GoalsInput(None, stored, (f"goals file {stored} not found: using its goals as the "
                                     "library last read them",))


def apply_goals(conn: sqlite3.Connection, given: GoalsInput) -> bool:
    """Inside the caller's transaction: store the goals read; True when anything changed."""
    if given.goals is None or given.source is None:
        return False
    return sync_goals(conn, given.goals, given.source)


def store_result(
    conn: sqlite3.Connection, source: MeetingSource, result: MeetingResult, settings: str
) -> str:
    """Store one processed meeting with the fingerprint a batch would give it; returns it."""
    cache = load_digests(conn)
    known = dict(cache)
    fingerprint = meeting_fingerprint(source, settings, cache)
    save_meeting(conn, result, fingerprint, folder=result.meeting_id)
    fresh = {k: v for k, v in cache.items() if known.get(k) != v}
    if fresh:
        save_digests(conn, fresh)
    return fingerprint


def index_results(
    conn: sqlite3.Connection, site: Path, meetings: Sequence[MeetingResult] | None = None
) -> list[MeetingResult]:
    """The meetings the site index lists: the library's (whose pages exist), plus meeting
    folders written by an older ``highlights run`` that the library does not hold."""
    meetings = load_summaries(conn) if meetings is None else meetings
    results = [r for r in meetings if (site / r.meeting_id / "index.html").is_file()]
    known = {r.meeting_id for r in results}
    for path in sorted(site.glob(f"*/{JSON_NAME}")):
        folder = path.parent.name
        if folder.startswith(".") or folder in known:
            continue
        with contextlib.suppress(ValueError, KeyError, TypeError, HighlightsError):
            results.append(read_result(path))
    return results


def templates_in_use(conn: sqlite3.Connection, templates: Path | None) -> Path | None:
    """``templates``, else the template folder of the last run or batch (when it still is)."""
    if templates is not None:
        return templates
    stored = get_setting(conn, TEMPLATES_SETTING)
    return Path(stored) if stored and Path(stored).is_dir() else None


@dataclass(frozen=True, slots=True)
class Refreshed:
    index: Path
    goal_pages: tuple[Path, ...]
    reports: tuple[GoalReport, ...]


def refresh_site(
    conn: sqlite3.Connection,
    site: Path,
    *,
    templates: Path | None = None,
    touched: Iterable[str] = (),
    similarity: Similarity | None = None,
) -> Refreshed:
    """Re-render the goal pages, the site index, and the pages of meetings whose highlights
    are attached to goals or that are ``touched`` (an attachment was just removed)."""
    templates = templates_in_use(conn, templates)
    env = environment(templates)
    meetings = load_summaries(conn)
    by_id = {m.meeting_id: m for m in meetings}
    reports = goal_reports(conn, stored_goals(conn), meetings=meetings, similarity=similarity)
    names = page_names([r.goal.id for r in reports])
    pages = render_goal_pages(site, reports, env=env)
    refs = goal_refs(reports, names)
    stored = stored_meetings(conn)
    for mid in sorted(set(refs) | set(touched)):
        meeting = by_id.get(mid)
        folder = site / (stored[mid].folder if mid in stored else mid)
        if meeting is None or not (folder / "index.html").is_file():
            continue
        render_meeting(meeting, folder, env=env, goals=refs.get(mid, {}))
    index = render_index(site, index_results(conn, site, meetings), env=env,
                         goals=goal_rows(reports, names))
    return Refreshed(index, tuple(pages), tuple(reports))


class SiteSession:
    """One ``highlights run`` (or ``demo``) writing to a site: meetings are stored as they
    are processed; :meth:`finish` brings in the goals and re-renders the pages."""

    def __init__(self, conn: sqlite3.Connection, site: Path, goals: GoalsInput,
                 settings: str, templates: Path | None) -> None:
        self.conn = conn
        self.site = site
        self.goals = goals
        self.settings = settings
        self.templates = templates

    def store(self, source: MeetingSource, result: MeetingResult) -> None:
        store_result(self.conn, source, result, self.settings)

    def finish(self, *, links: Path | None = None, now: str = "") -> Refreshed:
        """Store the goals (and the goal links of ``links``, all or nothing), remember the
        templates, and re-render the site."""
        data = read_links(links) if links is not None else None
        with transaction(self.conn):
            apply_goals(self.conn, self.goals)
            set_setting(self.conn, TEMPLATES_SETTING,
                        str(self.templates.resolve()) if self.templates else None)
            if data is not None and links is not None:
                apply_links(self.conn, data, links, now=now)
        return refresh_site(self.conn, self.site, templates=self.templates)


@contextlib.contextmanager
def open_session(
    site: Path,
    *,
    db: Path | None = None,
    goals_file: Path | None = None,
    pipeline: Pipeline,
    rules: Sequence[Path] = (),
    templates: Path | None = None,
) -> Iterator[SiteSession]:
    """Lock the site (as a batch does), open its library and read the goals file — a bad one
    raises before anything is processed."""
    from highlights.sitelock import open_site

    if goals_file is not None:
        load_goals(goals_file)  # a bad file stops here, before the site is even created
    with open_site(site, db if db is not None else site / DB_NAME) as conn:
        goals = read_goals_input(conn, goals_file)
        yield SiteSession(conn, site, goals, settings_version(pipeline, rules, templates),
                          templates)


def now_text(now: datetime) -> str:
    """A time for the library: ISO 8601 to the second, with its offset."""
    return now.isoformat(timespec="seconds")


DEMO_LINKS = "goal-links.json"


@dataclass(frozen=True, slots=True)
class DemoOutcome:
    page: Path
    result: MeetingResult
    site: Refreshed


def run_demo(out: Path, *, goals_file: Path | None = None, now: datetime) -> DemoOutcome:
    """The bundled sample meeting into ``out`` with a library, the sample goals file and —
    with those goals — a few attachments and reviews (``goal-links.json``), so that the goal
    pages have evidence and a review chart to show."""
    from highlights.config import load_pipeline
    from highlights.ingest.meeting import meeting_from_folder
    from highlights.resources import sample_meeting_dir
    from highlights.runner import process_meeting

    sample = sample_meeting_dir()
    bundled = sample / "goals.toml"
    goals_file = goals_file or bundled
    source = meeting_from_folder(sample)
    pipeline = load_pipeline()
    with open_session(out, goals_file=goals_file, pipeline=pipeline) as session:
        outcome = process_meeting(source, out, pipeline=pipeline)
        session.store(source, outcome.result)
        same = goals_file.resolve() == bundled.resolve()
        done = session.finish(links=sample / DEMO_LINKS if same else None, now=now_text(now))
    return DemoOutcome(outcome.page, outcome.result, done)


def run_meeting(source: MeetingSource, out: Path, **options: Any) -> RunOutcome:
    """One meeting into the site ``out`` as ``highlights run`` does it: processed, stored in
    the site's library, and the index (and goal pages) rendered. ``options`` go to
    :func:`highlights.runner.process_meeting`."""
    from highlights.config import load_pipeline
    from highlights.runner import process_meeting

    pipeline = options.pop("pipeline", None) or load_pipeline()
    with open_session(out, pipeline=pipeline) as session:
        outcome = process_meeting(source, out, pipeline=pipeline, **options)
        session.store(source, outcome.result)
        session.finish()
    return outcome
