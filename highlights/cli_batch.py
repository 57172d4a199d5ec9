"""The ``highlights batch`` command: every meeting of an inbox, in parallel, resumable."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import click

from highlights.cli_options import db_option, out_option, processing_options
from highlights.errors import HighlightsError

EXIT_OK, EXIT_FAILED = 0, 1
ORIGINS = (("folder", "folder"), ("stem", "stem group"), ("manifest", "manifest row"))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


@click.command()
@click.argument("inboxes", nargs=-1, required=True, type=click.Path(path_type=Path))
@out_option("the digests", dest="site")
@db_option("SITE/highlights.db")
@processing_options
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    help="Worker processes on this machine. Default: one per CPU.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Run on a Dask cluster instead, e.g. tcp://10.0.0.5:8786 (needs highlights[dask]).",
)
@click.option("--force", is_flag=True, help="Process every meeting, changed or not.")
@click.option("--dry-run", is_flag=True, help="Report what was found and would run; stop.")
@click.option(
    "--progress/--no-progress",
    "show_progress",
    default=True,
    help="Show progress (a bar on a terminal, plain lines otherwise).",
)
def batch(
    inboxes: tuple[Path, ...],
    site: Path,
    db: Path | None,
    workers: int | None,
    scheduler: str | None,
    pipeline_path: Path | None,
    rules: tuple[Path, ...],
    templates: Path | None,
    goals_file: Path | None,
    force: bool,
    dry_run: bool,
    show_progress: bool,
) -> None:
    """Process every meeting in INBOX folders or manifests into one site and library.

    A meeting is a folder (recording, transcript, markers, optional meeting.toml), or files
    sharing a stem (dana.m4a, dana.vtt, dana.markers.txt, optional dana.toml), or a row of a
    manifest (.csv or .jsonl: id, date, title, participants, audio, transcript, markers).

    Results go to SITE/<meeting>/ and to the library (SITE/highlights.db). Meetings whose
    inputs and settings are unchanged since they were stored are skipped, so an interrupted
    batch is finished by running it again. Exit code 1 when any meeting failed. With
    --goals (or the goals file the library remembers) the site gets goal pages.

    \b
    Example:
      highlights batch meetings/ --out site
      highlights batch meetings.csv --out site --workers 4
      highlights batch /shared/meetings --out /shared/site --scheduler tcp://10.0.0.5:8786
      highlights batch meetings/ --out site --goals goals.toml
    """
    from highlights.batch import BatchConfig, WorkerSettings, discover, run_batch
    from highlights.batch.driver import Plan
    from highlights.batch.executors import default_workers
    from highlights.batch.progress import make_progress

    workers = workers or default_workers()
    settings = WorkerSettings(
        pipeline=str(pipeline_path.resolve()) if pipeline_path else None,
        rules=tuple(str(p.resolve()) for p in rules),
        templates=str(templates.resolve()) if templates else None,
    )
    config = BatchConfig(
        site=site,
        db=db,
        workers=workers,
        scheduler=scheduler,
        settings=settings,
        force=force,
        goals=goals_file,
    )

    def show_plan(plan: Plan) -> None:
        total = len(plan.tasks) + len(plan.unchanged)
        kinds = Counter(f.origin for f in found.found)
        origins = ", ".join(_plural(kinds[k], label) for k, label in ORIGINS if kinds[k])
        click.echo(
            f"Found {_plural(total, 'meeting')}"
            + (f" ({origins})" if origins else "")
            + f": {len(plan.tasks)} to process, "
            f"{len(plan.unchanged)} unchanged (skipped)"
            + (f", {_plural(len(plan.problems), 'problem')}" if plan.problems else ""),
            err=True,
        )
        for p in plan.problems:
            click.echo(f"  problem: {p.where}: {p.reason}", err=True)
        if plan.tasks and not dry_run:
            where = f"Dask at {scheduler}" if scheduler else _plural(config.workers, "worker")
            click.echo(f"Processing on {where}...", err=True)

    progress = make_progress(sys.stderr, quiet=not show_progress)
    try:
        found = discover(list(inboxes), exclude=[site])
        report = run_batch(found, config, progress=progress, on_plan=show_plan, dry_run=dry_run)
    except HighlightsError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    if dry_run:
        sys.exit(EXIT_FAILED if report.failed else EXIT_OK)

    click.echo(
        f"Done in {report.seconds:.1f} s: {len(report.processed)} processed, "
        f"{len(report.skipped)} skipped as unchanged, {len(report.failed)} failed."
    )
    for item in report.processed:
        for warning in item.warnings:
            click.echo(f"warning: {item.meeting_id}: {warning}", err=True)
    for problem in report.failed:
        click.echo(f"failed: {problem.where}: {problem.reason}", err=True)
    for warning in report.warnings:
        click.echo(f"warning: {warning}", err=True)
    if report.index:
        click.echo(f"Open the site: {Path(report.index).resolve()}")
    sys.exit(EXIT_FAILED if report.failed else EXIT_OK)
