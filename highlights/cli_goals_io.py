"""What every ``highlights goals`` command shares — the library opened with the goals file,
changes in one transaction, re-rendering the site — and the commands that move goals data
out to files and back: ``export`` (an evidence pack), ``export-links`` and ``import-links``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import sqlite3
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from highlights.errors import GoalError, HighlightsError

if TYPE_CHECKING:
    from highlights.site import GoalsInput

F = TypeVar("F", bound=Callable[..., Any])
EXIT_FAILED = 1


def exits_on_error(func: F) -> F:
    """Turn the library's typed errors into a message and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except HighlightsError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_FAILED)

    return wrapper  # type: ignore[return-value]


def now() -> datetime:
    """The current time; tests pass a fixed one as ``obj={"now": datetime(...)}``."""
    ctx = click.get_current_context(silent=True)
    obj = ctx.find_root().obj if ctx is not None else None
    now = obj.get("now") if isinstance(obj, dict) else None
    return now if isinstance(now, datetime) else datetime.now().astimezone()


def library_options(func: F) -> F:
    func = click.option(
        "--goals", "goals_file", type=click.Path(dir_okay=False, path_type=Path),
        help="Goals file (TOML). Default: the one the library remembers.")(func)
    func = click.option(
        "--db", type=click.Path(dir_okay=False, path_type=Path),
        help="Library file. Default: SITE/highlights.db.")(func)
    return click.option(
        "--site", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
        show_default=True, help="Site folder (its pages are re-rendered after changes).")(func)


@dataclass
class GoalsLibrary:
    conn: sqlite3.Connection
    site: Path
    db: Path | None
    goals: GoalsInput
    touched: list[str] = field(default_factory=list)

    @contextlib.contextmanager
    def change(self) -> Iterator[sqlite3.Connection]:
        """One transaction: the goals file first, then the command's writes."""
        from highlights.site import apply_goals
        from highlights.store.goals import transaction

        with transaction(self.conn):
            apply_goals(self.conn, self.goals)
            yield self.conn

    def sync(self) -> None:
        """Bring in the goals file alone; re-render when that changed anything."""
        from highlights.site import apply_goals
        from highlights.store.goals import transaction

        with transaction(self.conn):
            changed = apply_goals(self.conn, self.goals)
        if changed:
            self.refresh()

    def refresh(self) -> None:
        from highlights.site import refresh_site

        if self.db is not None and not (self.site / "index.html").is_file():
            click.echo(f"note: {self.site} is not a site folder; pages not re-rendered "
                       "(pass --site)", err=True)
            return
        done = refresh_site(self.conn, self.site, touched=self.touched)
        click.echo(f"Site updated: {done.index.resolve()}")


@contextlib.contextmanager
def open_library(site: Path, db: Path | None, goals_file: Path | None) -> Iterator[GoalsLibrary]:
    """The library of ``site`` (or ``db``), which must exist, and the goals file read."""
    from highlights.site import read_goals_input
    from highlights.sitelock import lock_site
    from highlights.store import DB_NAME, connect

    path = db if db is not None else site / DB_NAME
    if not path.is_file():
        raise GoalError("no library here: make one with `highlights run ... --out SITE`, "
                        "`highlights batch` or `highlights demo`, or pass --site / --db",
                        path=path)
    # Goals commands write the library (the goals file is brought in) and re-render pages:
    # they take the site's lock, as a batch and a run do, when there is a site folder.
    is_site = (site / DB_NAME).is_file() or (site / "index.html").is_file()
    with lock_site(site) if is_site else contextlib.nullcontext():
        conn = connect(path)
        try:
            given = read_goals_input(conn, goals_file)
            for warning in given.warnings:
                click.echo(f"warning: {warning}", err=True)
            yield GoalsLibrary(conn, site, db, given)
        finally:
            conn.close()



@click.command("export")
@click.argument("goal")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md",
              show_default=True, help="Markdown, or one self-contained HTML file.")
@click.option("--out", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="File to write (default: standard output).")
@library_options
@exits_on_error
def export_pack(goal: str, fmt: str, out: Path | None, site: Path, db: Path | None,
                goals_file: Path | None) -> None:
    """Write an evidence pack for a review or promotion case.

    The goal, its reviews and every attached highlight's quote, speaker, date and time,
    with the recording file and a #t= link to trace it.

    \b
    Example:
      highlights goals export billing-migration --format html --out billing.html --site site
    """
    from highlights.goals.evidence import goal_reports
    from highlights.render import environment
    from highlights.render_goals import write_pack
    from highlights.site import templates_in_use
    from highlights.store.goals import stored_goals

    with open_library(site, db, goals_file) as lib:
        lib.sync()
        chosen = [s for s in stored_goals(lib.conn) if s.goal.id == goal]
        if not chosen:
            raise GoalError(f"unknown goal {goal!r}")
        reports = goal_reports(lib.conn, chosen, limit=0)
        if not reports:
            raise GoalError(f"goal {goal!r} is no longer in the goals file and has no "
                            "evidence or reviews")
        env = environment(templates_in_use(lib.conn, None))
        text = write_pack(reports[0], out, fmt=fmt, today=now().date(), env=env)
    if out is None:
        click.echo(text, nl=False)
    else:
        click.echo(f"Evidence pack: {out.resolve()} ({len(reports[0].evidence)} highlights)",
                   err=True)


@click.command("export-links")
@click.argument("path", type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--goal", help="Only this goal's attachments and reviews.")
@library_options
@exits_on_error
def export_links(path: Path, goal: str | None, site: Path, db: Path | None,
                 goals_file: Path | None) -> None:
    """Write every attachment and review as JSON (PATH '-' for standard output).

    \b
    Example:
      highlights goals export-links links.json --site site
    """
    from highlights.fsutil import write_text_atomic
    from highlights.goals.links import export_links as links

    with open_library(site, db, goals_file) as lib:
        data = links(lib.conn, goal)
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    if str(path) == "-":
        click.echo(text, nl=False)
        return
    write_text_atomic(path, text)
    click.echo(f"Wrote {len(data['attachments'])} attachments and {len(data['reviews'])} "
               f"reviews to {path}")


@click.command("import-links")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@library_options
@exits_on_error
def import_links(path: Path, site: Path, db: Path | None, goals_file: Path | None) -> None:
    """Read attachments and reviews from JSON written by export-links: all or nothing.

    Every item is checked first (known goal and highlight, level -2..+2, a date); the first
    problem is reported with the file and item, and then nothing is imported.

    \b
    Example:
      highlights goals import-links links.json --site site
    """
    from highlights.goals.links import apply_links, read_links
    from highlights.site import now_text

    with open_library(site, db, goals_file) as lib:
        data = read_links(path)
        with lib.change() as conn:
            counts = apply_links(conn, data, path, now=now_text(now()))
        click.echo(f"Imported {counts.attachments} attachments and {counts.reviews} "
                   f"reviews from {path}")
        lib.refresh()
