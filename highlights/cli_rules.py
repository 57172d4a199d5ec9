"""The ``highlights eval`` and ``highlights rules`` commands: measure and check rule packs.

Registered on the main command group in ``cli.py``. Like ``cli.py``, this module only parses
options, calls the library and turns its errors into messages and exit codes.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from highlights.errors import HighlightsError, RuleError

EXIT_OK, EXIT_FAILED = 0, 1

_RULES_OPTION = click.option(
    "--rules",
    "rules",
    multiple=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Extra rule pack (JSONL), repeatable; a rule with an existing id replaces it.",
)
_PIPELINE_OPTION = click.option(
    "--pipeline",
    "pipeline_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Pipeline definition (TOML) naming the rule packs; default: the bundled one.",
)


def _fail(exc: HighlightsError) -> None:
    click.echo(f"error: {exc}", err=True)


def _where(error: RuleError) -> str:
    """``file:line: message`` (or ``file: message``) for one rule-pack error."""
    where = error.path or "?"
    if error.line is not None:
        where += f":{error.line}"
    return f"{where}: {error.message}"


def _rule_paths(pipeline_path: Path | None, extra: Sequence[Path]) -> list[Path]:
    from highlights.config import load_pipeline

    return [*load_pipeline(pipeline_path).rule_paths, *extra]


@click.command("eval")
@click.argument("labelled", type=click.Path(dir_okay=False, path_type=Path))
@_RULES_OPTION
@_PIPELINE_OPTION
@click.option(
    "--misses/--no-misses",
    default=False,
    help="Also list every row with a missed label or a false hit.",
)
@click.option(
    "--held-out-misses",
    is_flag=True,
    help='List misses of held-out rows too (rows with "set": "held-out").',
)
@click.option("--json", "as_json", is_flag=True, help="Print the results as one JSON object.")
def eval_command(
    labelled: Path,
    rules: tuple[Path, ...],
    pipeline_path: Path | None,
    misses: bool,
    held_out_misses: bool,
    as_json: bool,
) -> None:
    """Measure the tagger on hand-labelled statements: precision, recall and F1 per label.

    LABELLED is a JSONL file, one statement a line: {"id", "text", "labels", "role"?,
    "set"?, "stratum"?} (the format of the real dev set). Each text is tagged as one
    utterance, by a speaker with its role when the row has one. Scores are printed for all
    rows and for each part of the file ("set" and "stratum" values). Misses of held-out rows
    are counted but only listed with --held-out-misses, so rules are not tuned to them.

    \b
    Example:
      highlights eval fixtures/labelled/one_on_one.jsonl
      highlights eval dev.jsonl --rules my-rules.jsonl --misses
      highlights eval dev.jsonl --json > scores.json
    """
    from highlights.tagging.evaluate import evaluate, format_report
    from highlights.tagging.rules import load_rules
    from highlights.tagging.tagger import Tagger

    try:
        tagger = Tagger(load_rules(_rule_paths(pipeline_path, rules)))
        result = evaluate(tagger, labelled)
    except HighlightsError as exc:
        _fail(exc)
        sys.exit(EXIT_FAILED)
    if as_json:
        data = result.to_dict(misses=misses, held_out=held_out_misses)
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        click.echo(format_report(result, misses=misses, held_out=held_out_misses))


@click.group("rules")
def rules_group() -> None:
    """Check and list rule packs (the JSONL patterns behind the tags).

    \b
    Example:
      highlights rules check my-rules.jsonl
      highlights rules list --label BLOCKER
    """


@rules_group.command("check")
@click.argument("packs", nargs=-1, required=True, type=click.Path(path_type=Path))
def rules_check(packs: tuple[Path, ...]) -> None:
    """Validate rule packs: report every bad line as FILE:LINE: message.

    Checks that each line is a JSON object with an id, an upper-case label and a valid
    spaCy token pattern (or phrase), that ids are unique in the pack and that only known
    keys are used. Prints OK with the number of rules per label for a good pack. Rules that
    replace bundled rules (same id) are named. Exits 1 when any pack has an error.

    \b
    Example:
      highlights rules check my-rules.jsonl
      highlights rules check pipelines/rules/*.jsonl
    """
    from highlights.tagging.rules import check_pack, default_rule_paths, label_sort_key

    bundled: dict[str, str] = {}
    for path in default_rule_paths():
        for rule in check_pack(path).rules:
            bundled.setdefault(rule.id, rule.source)
    failed = False
    for path in packs:
        report = check_pack(path)
        for error in report.errors:
            click.echo(_where(error), err=True)
        for line, message in report.warnings:
            click.echo(f"{path}:{line}: warning: {message}", err=True)
        if not report.ok:
            failed = True
            n = len(report.errors)
            click.echo(f"{path}: {n} error{'s' if n != 1 else ''}", err=True)
            continue
        counts: dict[str, int] = {}
        for rule in report.rules:
            counts[rule.label] = counts.get(rule.label, 0) + 1
        by_label = ", ".join(
            f"{label} {counts[label]}" for label in sorted(counts, key=label_sort_key)
        )
        n = len(report.rules)
        click.echo(f"{path}: OK, {n} rule{'s' if n != 1 else ''}" + (f" ({by_label})" if n else ""))
        resolved = Path(path).resolve()
        overrides = [
            r.id
            for r in report.rules
            if r.id in bundled and Path(bundled[r.id]).resolve() != resolved
        ]
        if overrides:
            click.echo(f"{path}: replaces bundled rule(s): {', '.join(overrides)}")
    sys.exit(EXIT_FAILED if failed else EXIT_OK)


@rules_group.command("list")
@_RULES_OPTION
@_PIPELINE_OPTION
@click.option("--label", "labels", multiple=True, help="Only rules of this label (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per rule.")
def rules_list(
    rules: tuple[Path, ...], pipeline_path: Path | None, labels: tuple[str, ...], as_json: bool
) -> None:
    """List the rules in use: id, label, roles, negative, description.

    The bundled packs (or those of --pipeline), then --rules packs, a rule with an existing
    id replacing the earlier one. Negative rules cancel hits of their label and add none.

    \b
    Example:
      highlights rules list --label PRIORITY
      highlights rules list --rules my-rules.jsonl --json
    """
    from highlights.tagging.rules import label_sort_key, load_rules

    try:
        loaded = load_rules(_rule_paths(pipeline_path, rules))
    except HighlightsError as exc:
        _fail(exc)
        sys.exit(EXIT_FAILED)
    wanted = {label.strip().upper() for label in labels}
    shown = [r for r in loaded if not wanted or r.label in wanted]
    shown.sort(key=lambda r: (label_sort_key(r.label), r.negative, r.id))
    for rule in shown:
        if as_json:
            row = {**rule.to_json(), "source": rule.source, "line": rule.line}
            click.echo(json.dumps(row, ensure_ascii=False))
            continue
        flags = []
        if rule.roles:
            flags.append("roles=" + ",".join(rule.roles))
        if rule.negative:
            flags.append("negative")
        extra = f" [{'; '.join(flags)}]" if flags else ""
        click.echo(f"{rule.id}\t{rule.label}{extra}\t{rule.description}")
