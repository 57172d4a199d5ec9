"""Options shared by several commands, declared once."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

FILE = click.Path(dir_okay=False, path_type=Path)
FOLDER = click.Path(file_okay=False, path_type=Path)


def pipeline_option(f: F) -> F:
    return click.option(
        "--pipeline",
        "pipeline_path",
        type=FILE,
        help="Pipeline definition (TOML); default: the bundled one.",
    )(f)


def rules_option(f: F) -> F:
    return click.option(
        "--rules",
        "rules",
        multiple=True,
        type=FILE,
        help="Extra rule pack (JSONL); a rule with an existing id replaces it.",
    )(f)


def templates_option(f: F) -> F:
    return click.option(
        "--templates",
        type=FOLDER,
        help="Folder of templates overriding the bundled ones.",
    )(f)


def goals_option(f: F) -> F:
    return click.option(
        "--goals",
        "goals_file",
        type=FILE,
        help="Goals file (TOML); remembered by the library. Default: the one it remembers.",
    )(f)


def db_option(default_hint: str) -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(
            "--db",
            type=FILE,
            help=f"Library file (SQLite). Default: {default_hint}.",
        )(f)

    return decorate


def out_option(what: str, dest: str = "out") -> Callable[[F], F]:
    def decorate(f: F) -> F:
        return click.option(
            "--out",
            dest,
            type=FOLDER,
            required=True,
            help=f"Site folder to write {what} into (created if missing).",
        )(f)

    return decorate


def processing_options(f: F) -> F:
    """--pipeline, --rules, --templates and --goals, as ``run`` and ``batch`` take them."""
    return pipeline_option(rules_option(templates_option(goals_option(f))))
