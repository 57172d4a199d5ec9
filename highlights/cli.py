"""The ``highlights`` command line. The only module that prints for users and exits.

Exit codes: 0 everything worked; 1 some input was bad or some meeting failed (what could be
done was still written); 2 the command was used wrongly.
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import click

from highlights import __version__
from highlights.asr.base import DEFAULT_ENGINE, ENGINES
from highlights.cli_batch import batch
from highlights.cli_goals import goals
from highlights.cli_options import (
    db_option,
    out_option,
    pipeline_option,
    processing_options,
    rules_option,
)
from highlights.cli_rules import eval_command, rules_group
from highlights.config import Pipeline, load_pipeline
from highlights.errors import HighlightsError
from highlights.fsutil import safe_name
from highlights.ingest.meeting import meeting_from_files, meeting_from_folder
from highlights.models import MeetingSource

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(exc: HighlightsError) -> None:
    click.echo(f"error: {exc}", err=True)


def _warn(message: str) -> None:
    click.echo(f"warning: {message}", err=True)


def _pipeline(path: Path | None) -> Pipeline:
    return load_pipeline(path)


class _AsrProgress:
    """A progress bar on stderr for speech recognition, shown from its first report."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.bar: Any = None

    def __call__(self, done_ms: int, total_ms: int) -> None:
        if self.bar is None:
            self.bar = click.progressbar(length=total_ms, label=self.label, file=sys.stderr)
        self.bar.update(done_ms - self.bar.pos)
        if done_ms >= total_ms:
            self.bar.render_finish()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="highlights")
def cli() -> None:
    """Turn recorded 1-on-1 meetings into digests of the moments that mattered.

    \b
    Example:
      highlights demo
      highlights run meetings/2026-03-04-dana --out site
    """


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_option("the digest")
@db_option("OUT/highlights.db")
@processing_options
@click.option(
    "--audio",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Recording, when not passing a meeting folder.",
)
@click.option(
    "--transcript",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Timed transcript (VTT, SRT, SBV, whisper/Deepgram/AssemblyAI JSON, text).",
)
@click.option(
    "--markers",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Highlight markers (text, CSV, JSON, Audacity labels, WebVTT).",
)
@click.option(
    "--meta",
    type=click.Path(dir_okay=False, path_type=Path),
    help="meeting.toml with title, date, recording_start and participants.",
)
@click.option("--id", "meeting_id", help="Meeting id (default: the folder or file name).")
@click.option(
    "--recording-start",
    help="Wall-clock start of the recording (ISO 8601), to resolve absolute marker times.",
)
@click.option(
    "--asr",
    type=click.Choice(sorted(ENGINES)),
    default=DEFAULT_ENGINE,
    show_default=True,
    help="Offline speech recognition engine, used when a meeting has a recording but no "
    "transcript (only the highlight windows are transcribed when there are markers).",
)
@click.option(
    "--asr-model",
    type=click.Path(file_okay=False, path_type=Path),
    help="Local model folder for --asr (default for pocketsphinx: the model in its wheel).",
)
def run(
    paths: tuple[Path, ...],
    out: Path,
    audio: Path | None,
    transcript: Path | None,
    markers: Path | None,
    meta: Path | None,
    meeting_id: str | None,
    recording_start: str | None,
    pipeline_path: Path | None,
    rules: tuple[Path, ...],
    templates: Path | None,
    asr: str,
    asr_model: Path | None,
    db: Path | None,
    goals_file: Path | None,
) -> None:
    """Cut highlights out of one or more meetings and write their digest.

    PATHS are meeting folders, each holding a recording and/or a transcript, an optional
    marker file and an optional meeting.toml. Or name the files with --audio, --transcript
    and --markers. Each meeting is also stored in the library (OUT/highlights.db), and the
    site's goal pages are rendered from it (see `highlights goals`).

    \b
    Example:
      highlights run meetings/2026-03-04-dana --out site
      highlights run --audio call.m4a --transcript call.vtt --markers marks.txt --out site
      highlights run --audio call.mp3 --markers marks.txt --out site   # transcribed offline
      highlights run meetings/2026-03-04-dana --out site --goals goals.toml
    """
    from highlights.runner import make_tagger, parse_datetime, process_meeting
    from highlights.site import open_session

    explicit = any(p is not None for p in (audio, transcript, markers, meta))
    if paths and explicit:
        raise click.UsageError("pass meeting folders or --audio/--transcript/--markers, not both")
    if not paths and not explicit:
        raise click.UsageError("name a meeting folder, or --audio/--transcript")
    try:
        pipeline = _pipeline(pipeline_path)
        tagger = make_tagger(pipeline, rules)
        start = parse_datetime(recording_start) if recording_start else None
    except HighlightsError as exc:
        _fail(exc)
        sys.exit(EXIT_FAILED)

    sources: list[MeetingSource | HighlightsError] = []
    if explicit:
        try:
            sources.append(
                meeting_from_files(
                    audio=audio,
                    transcript=transcript,
                    markers=markers,
                    metadata=meta,
                    meeting_id=meeting_id,
                )
            )
        except HighlightsError as exc:
            sources.append(exc)
    for path in paths:
        try:
            found = meeting_from_folder(path)
            if meeting_id and len(paths) == 1:
                found = replace(found, meeting_id=safe_name(meeting_id))
            sources.append(found)
        except HighlightsError as exc:
            sources.append(exc)

    failed = 0
    try:
        with open_session(
            out, db=db, goals_file=goals_file, pipeline=pipeline, rules=rules, templates=templates
        ) as session:
            for w in session.goals.warnings:
                _warn(w)
            for src in sources:
                if isinstance(src, HighlightsError):
                    _fail(src)
                    failed += 1
                    continue
                try:
                    outcome = process_meeting(
                        src,
                        out,
                        pipeline=pipeline,
                        tagger=tagger,
                        recording_start=start,
                        templates=templates,
                        asr=asr,
                        asr_model=asr_model,
                        asr_progress=_AsrProgress(f"{src.meeting_id}: transcribing"),
                    )
                    session.store(src, outcome.result)
                except HighlightsError as exc:
                    _fail(exc)
                    failed += 1
                    continue
                for w in outcome.result.warnings:
                    _warn(w)
                if outcome.result.warnings:
                    failed += 1
                n = len(outcome.result.highlights)
                click.echo(
                    f"{src.meeting_id}: {n} highlight{'s' if n != 1 else ''} -> {outcome.page}"
                )
            site = session.finish()
    except HighlightsError as exc:  # the site is in use, a bad goals file, the library
        _fail(exc)
        sys.exit(EXIT_FAILED)
    if site.goal_pages:
        click.echo(f"Goal pages: {len(site.goal_pages)} in {site.goal_pages[0].parent}")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@cli.command()
@click.argument("transcript", type=click.Path(path_type=Path))
@rules_option
@pipeline_option
@click.option(
    "--role",
    "roles",
    multiple=True,
    metavar="NAME=ROLE",
    help="A speaker's role, e.g. --role Dana=manager (repeatable).",
)
@click.option(
    "--all/--tagged",
    "show_all",
    default=True,
    help="Print every statement (default) or only tagged ones.",
)
def tag(
    transcript: Path,
    rules: tuple[Path, ...],
    pipeline_path: Path | None,
    roles: tuple[str, ...],
    show_all: bool,
) -> None:
    """Print a transcript's statements with their tags, one JSON object per line.

    Each line has start_ms, end_ms, speaker, text, labels, rules, hits and smart.

    \b
    Example:
      highlights tag meeting.vtt --role Dana=manager --tagged
    """
    from highlights.ingest.transcripts import read_transcript
    from highlights.runner import make_tagger

    role_map: dict[str, str] = {}
    for item in roles:
        name, sep, role = item.partition("=")
        if not sep or not name.strip() or not role.strip():
            raise click.BadParameter(f"expected NAME=ROLE, got {item!r}", param_hint="--role")
        role_map[name.strip()] = role.strip()
    try:
        tagger = make_tagger(_pipeline(pipeline_path), rules)
        statements = tagger.tag(read_transcript(transcript), role_map)
    except HighlightsError as exc:
        _fail(exc)
        sys.exit(EXIT_FAILED)
    for st in statements:
        if not show_all and not st.labels:
            continue
        row = {
            "index": st.index,
            "start_ms": st.start_ms,
            "end_ms": st.end_ms,
            "speaker": st.speaker,
            "role": role_map.get(st.speaker or ""),
            "text": st.text,
            "labels": list(st.labels),
            "rules": list(st.rules),
            "hits": [h.to_dict() for h in st.hits],
            "smart": st.smart.to_dict() if st.smart else None,
        }
        click.echo(json.dumps(row, ensure_ascii=False))


@cli.command()
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("highlights-demo"),
    show_default=True,
    help="Site folder to write the demo digest into.",
)
@click.option(
    "--goals",
    "goals_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Goals file (TOML). Default: the sample's goals.toml, with a few highlights "
    "attached and reviews recorded.",
)
def demo(out: Path, goals_file: Path | None) -> None:
    """Run the bundled sample 1-on-1 end to end and print where its digest is.

    The site gets a library and goal pages for the sample's goals file
    (fixtures/sample/goals.toml), so the goals features show without writing one.

    \b
    Example:
      highlights demo --out /tmp/demo
    """
    from datetime import datetime

    from highlights.site import run_demo

    try:
        done = run_demo(out, goals_file=goals_file, now=datetime.now().astimezone())
    except HighlightsError as exc:
        _fail(exc)
        sys.exit(EXIT_FAILED)
    for w in done.result.warnings:
        _warn(w)
    n = len(done.result.highlights)
    click.echo(f"Sample meeting: {n} highlights")
    for page in done.site.goal_pages:
        click.echo(f"Goal page: {page.resolve()}")
    click.echo(f"Site index: {done.site.index.resolve()}")
    click.echo(f"Open the digest: {done.page.resolve()}")


cli.add_command(batch)
cli.add_command(eval_command)
cli.add_command(goals)
cli.add_command(rules_group)


def main() -> None:
    cli(prog_name="highlights")


if __name__ == "__main__":
    main()
