"""The ``highlights goals`` commands: lint a goals file, list goals, suggest, attach, detach,
review, export an evidence pack, and export or import goal links as JSON.

The shared parts (the library with its goals file) and the commands that write or read
files (``export``, ``export-links``, ``import-links``) are in :mod:`highlights.cli_goals_io`.
Every command but ``check`` works on a library (``--site SITE``, default ``.``, or ``--db``)
and on the goals file named with ``--goals`` or remembered by the library. A command that
changes the library does it in one transaction together with bringing in the goals file,
then re-renders the site's goal pages, index and affected meeting pages.
"""

from __future__ import annotations

import json
import sys
from datetime import datetime
from pathlib import Path

import click

from highlights.cli_goals_io import (
    exits_on_error,
    export_links,
    export_pack,
    import_links,
    library_options,
    now,
    open_library,
)
from highlights.errors import GoalError

EXIT_OK, EXIT_FAILED = 0, 1


@click.group("goals")
def goals() -> None:
    """Link highlights to SMART goals: check, list, suggest, attach, review, export.

    Goals live in a TOML file you keep in version control (see `highlights goals check`).
    The library remembers the file named with --goals on run, batch, demo or any goals
    command.

    \b
    Example:
      highlights goals check goals.toml
      highlights goals suggest --site site --goals goals.toml
      highlights goals attach 12dda981d915 billing-migration --site site
    """


@goals.command()
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--today", type=click.DateTime(["%Y-%m-%d"]),
              help="Judge deadlines against this date (default: today).")
@exits_on_error
def check(path: Path, today: datetime | None) -> None:
    """Lint a goals file: missing or weak SMART parts and past deadlines, with file:line.

    Prints one finding per line and exits 1 when there are any; a file that cannot be
    read (TOML syntax, unknown field, duplicate id, missing title, level outside -2..+2)
    is an error naming the file and line.

    Each [[goal]] table has an id and a title, and may have owner, specific, measurable,
    achievable, relevant, time_bound, deadline (a date), reviews (a list of dates),
    keywords (a list of words and aliases) and a [goal.levels] table from -2 to 2.

    \b
    Example:
      highlights goals check goals.toml
    """
    from highlights.goals.goalfile import check_goals, load_goals

    found = check_goals(path, today=today.date() if today else now().date())
    count = len(load_goals(path))
    for finding in found:
        click.echo(str(finding))
    if found:
        hit = len({f.goal_id for f in found})
        click.echo(f"{len(found)} finding{'s' if len(found) != 1 else ''} in {hit} of "
                   f"{count} goal{'s' if count != 1 else ''}", err=True)
        sys.exit(EXIT_FAILED)
    click.echo(f"OK: {path}: {count} goal{'s' if count != 1 else ''}, no findings")


@goals.command("list")
@library_options
@click.option("--json", "as_json", is_flag=True, help="One JSON object per goal.")
@exits_on_error
def list_goals(site: Path, db: Path | None, goals_file: Path | None, as_json: bool) -> None:
    """List the goals with SMART parts, latest review and evidence count.

    \b
    Example:
      highlights goals list --site site --goals goals.toml
    """
    from highlights.goals.chart import signed
    from highlights.goals.evidence import goal_reports
    from highlights.store.goals import stored_goals

    with open_library(site, db, goals_file) as lib:
        lib.sync()
        reports = goal_reports(lib.conn, stored_goals(lib.conn), limit=0)
    if not reports:
        click.echo("No goals: name a goals file with --goals FILE.", err=True)
    for r in reports:
        smart = "".join(k if v else "-" for k, v in r.goal.smart().items())
        last = r.latest
        if as_json:
            click.echo(json.dumps({
                "id": r.goal.id, "title": r.goal.title, "smart": smart,
                "deadline": r.goal.deadline, "in_file": r.in_file,
                "latest": last.to_dict() if last else None, "evidence": len(r.evidence),
            }, ensure_ascii=False))
            continue
        gone = "" if r.in_file else "  (not in the goals file)"
        click.echo(f"{r.goal.id}  [{smart}]  {r.goal.title}{gone}")
        click.echo(f"    latest: {f'{signed(last.level)} on {last.date}' if last else 'none'}"
                   f"; evidence: {len(r.evidence)}"
                   + (f"; deadline {r.goal.deadline}" if r.goal.deadline else ""))


@goals.command()
@library_options
@click.option("--goal", "only", multiple=True, metavar="GOAL", help="Only this goal (repeatable).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True,
              help="Show at most this many pairs.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per suggestion.")
@click.option("--semantic", metavar="MODEL",
              help="Also score closeness in meaning with a sentence-transformers model "
              "already on this machine (never downloaded); skipped with a warning when "
              "unavailable.")
@exits_on_error
def suggest(site: Path, db: Path | None, goals_file: Path | None, only: tuple[str, ...],
            limit: int, as_json: bool, semantic: str | None) -> None:
    """Rank highlights that look like evidence for a goal, and say why.

    Scores shared keywords and word lemmas, tags that fit the goal (a METRIC for a goal with
    a measure, a DEADLINE for a time-bound one), who said it and who was there. Pairs
    already attached are left out.

    \b
    Example:
      highlights goals suggest --site site --goals goals.toml --limit 5
    """
    from highlights.goals.evidence import candidates
    from highlights.goals.suggest import Similarity, best_statement
    from highlights.goals.suggest import suggest as rank
    from highlights.store import load_summaries
    from highlights.store.goals import attachments, stored_goals

    similarity: Similarity | None = None
    if semantic:
        from highlights.goals.semantic import SemanticUnavailable, load_similarity

        try:
            similarity = load_similarity(semantic)
        except SemanticUnavailable as exc:
            click.echo(f"warning: {exc}; suggesting by words and tags only", err=True)
    with open_library(site, db, goals_file) as lib:
        lib.sync()
        known = {s.goal.id: s.goal for s in stored_goals(lib.conn) if s.in_file or only}
        for gid in only:
            if gid not in known:
                raise GoalError(f"unknown goal {gid!r}")
        chosen = [g for g in known.values() if not only or g.id in only]
        meetings = load_summaries(lib.conn)
        done = {(a.goal_id, a.highlight_id) for a in attachments(lib.conn)}
    found = rank(chosen, candidates(meetings), exclude=done, limit=limit, similarity=similarity)
    highlights = {h.id: h for m in meetings for h in m.highlights}
    if not found and not as_json:
        click.echo("No suggestions.", err=True)
    for s in found:
        h = highlights[s.highlight_id]
        said = best_statement(known[s.goal_id], h) or (h.statements[0] if h.statements else None)
        if as_json:
            click.echo(json.dumps({
                "goal": s.goal_id, "highlight": s.highlight_id, "meeting": s.meeting_id,
                "number": h.number, "score": s.score, "reasons": list(s.reasons),
                "quote": said.text if said else "", "speaker": said.speaker if said else None,
            }, ensure_ascii=False))
            continue
        click.echo(f"{s.goal_id}  <-  {s.meeting_id}#{h.number} ({s.highlight_id})  "
                   f"score {s.score:g}")
        if said is not None:
            click.echo(f"    \"{said.text}\" — {said.speaker or 'unknown speaker'}")
        click.echo(f"    why: {'; '.join(s.reasons)}")
        click.echo(f"    attach: highlights goals attach {s.highlight_id} {s.goal_id}")


@goals.command()
@click.argument("highlight")
@click.argument("goal")
@click.option("--note", help="Why this is evidence for the goal.")
@library_options
@exits_on_error
def attach(highlight: str, goal: str, note: str | None, site: Path, db: Path | None,
           goals_file: Path | None) -> None:
    """Attach a highlight (its id, or MEETING#NUMBER) to a goal as evidence.

    Attachments survive re-processing of the meeting (highlight ids are stable). Attaching
    again only replaces the note.

    \b
    Example:
      highlights goals attach 12dda981d915 billing-migration --note "the target metric"
      highlights goals attach 2026-03-04-dana#3 billing-migration --site site
    """
    from highlights.site import now_text
    from highlights.store.goals import attach as add

    with open_library(site, db, goals_file) as lib:
        with lib.change() as conn:
            found, new = add(conn, goal, highlight, note=note, created=now_text(now()))
        click.echo(f"{'Attached' if new else 'Already attached'}: {found.meeting_id} "
                   f"highlight {found.highlight_id} -> {found.goal_id}"
                   + (" (note updated)" if not new and note is not None else ""))
        lib.refresh()


@goals.command()
@click.argument("highlight")
@click.argument("goal")
@library_options
@exits_on_error
def detach(highlight: str, goal: str, site: Path, db: Path | None,
           goals_file: Path | None) -> None:
    """Remove a highlight from a goal's evidence.

    \b
    Example:
      highlights goals detach 12dda981d915 billing-migration --site site
    """
    from highlights.store.goals import detach as remove

    with open_library(site, db, goals_file) as lib:
        with lib.change() as conn:
            gone = remove(conn, goal, highlight)
        click.echo(f"Detached: {gone.meeting_id} highlight {gone.highlight_id} from "
                   f"{gone.goal_id}")
        lib.touched.append(gone.meeting_id)
        lib.refresh()


@goals.command()
@click.argument("goal")
@click.option("--level", type=click.IntRange(-2, 2), required=True,
              help="Goal Attainment Scale level: -2, -1, 0 (expected), 1 or 2.")
@click.option("--note", default="", help="What the review found.")
@click.option("--date", "when", type=click.DateTime(["%Y-%m-%d"]),
              help="Review date (default: today). A second review on a date replaces it.")
@library_options
@exits_on_error
def review(goal: str, level: int, note: str, when: datetime | None, site: Path,
           db: Path | None, goals_file: Path | None) -> None:
    """Record a review point: the goal's attainment level on a date.

    \b
    Example:
      highlights goals review billing-migration --level 0 --note "live on staging"
      highlights goals review billing-migration --level -1 --date 2026-03-31 --site site
    """
    from highlights.goals.chart import signed
    from highlights.goals.model import Review
    from highlights.site import now_text
    from highlights.store.goals import record_review

    at = now()
    day = (when.date() if when else at.date()).isoformat()
    with open_library(site, db, goals_file) as lib:
        with lib.change() as conn:
            new = record_review(conn, Review(goal, day, level, note), created=now_text(at))
        click.echo(f"{'Recorded' if new else 'Replaced'} review of {goal} on {day}: "
                   f"level {signed(level)}")
        lib.refresh()


goals.add_command(export_pack)
goals.add_command(export_links)
goals.add_command(import_links)
