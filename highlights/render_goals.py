"""The ``render`` stage for goals: goal pages, index rows, and evidence packs.

Beside :mod:`highlights.render`, the only module that writes HTML. Goal pages live at
``SITE/goals/<goal>.html`` and follow the meeting pages' rules: the same template loader and
escaping, and a Content-Security-Policy with no network and nothing inline — the review
chart is inline SVG drawn with presentation attributes and classes of ``digest.css``, never
``style=``. A goal page runs no script. The pages' contexts are built by
:mod:`highlights.goals.views`.

An evidence pack (:func:`write_pack`) is one document to share: Markdown, or HTML that
carries its stylesheet inline, allowed by its own policy through the stylesheet's hash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from urllib.parse import quote

from jinja2 import Environment

from highlights.fsutil import safe_name, write_text_atomic
from highlights.goals.chart import signed
from highlights.goals.evidence import GoalReport
from highlights.goals.views import GOAL_CSP, goal_page, meaning, pack_page
from highlights.render import STYLESHEET, GoalRef, GoalRow, clean_text, environment

__all__ = [
    "GOALS_DIR",
    "GOAL_CSP",
    "goal_refs",
    "goal_rows",
    "md_escape",
    "page_names",
    "render_goal_pages",
    "write_pack",
]

GOALS_DIR = "goals"


def page_names(goal_ids: Sequence[str]) -> dict[str, str]:
    """A distinct, file-name-safe page name (without ``.html``) for every goal id."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for gid in goal_ids:
        name = safe_name(gid, fallback="goal")
        if name.lower() in taken:
            name = f"{name}-{hashlib.sha1(gid.encode('utf-8')).hexdigest()[:8]}"
        taken.add(name.lower())
        names[gid] = name
    return names


def goal_rows(reports: Sequence[GoalReport], names: Mapping[str, str]) -> tuple[GoalRow, ...]:
    """The index's goal list, with links relative to the site folder."""
    out = []
    for r in reports:
        last = r.latest
        out.append(GoalRow(
            href=quote(f"{GOALS_DIR}/{names[r.goal.id]}.html", safe="/"),
            id=r.goal.id,
            title=r.goal.title,
            latest_level=last.level if last else None,
            latest=(f"{signed(last.level)} {meaning(r.goal, last.level)}, {last.date}"
                    if last else ""),
            evidence_count=len(r.evidence),
            deadline=r.goal.deadline,
            in_file=r.in_file,
        ))
    return tuple(out)


def goal_refs(
    reports: Sequence[GoalReport], names: Mapping[str, str]
) -> dict[str, dict[str, list[GoalRef]]]:
    """meeting id -> highlight id -> the goals it is attached to (links from meeting pages)."""
    out: dict[str, dict[str, list[GoalRef]]] = {}
    for r in reports:
        ref = GoalRef(r.goal.title, f"../{GOALS_DIR}/{names[r.goal.id]}.html")
        for e in r.evidence:
            a = e.attachment
            out.setdefault(a.meeting_id, {}).setdefault(a.highlight_id, []).append(ref)
    return out


def render_goal_pages(
    site: Path, reports: Sequence[GoalReport], *, env: Environment | None = None
) -> list[Path]:
    """Write ``SITE/goals/<goal>.html`` for every report (and the stylesheet beside them);
    remove goal pages of goals no longer reported."""
    env = env or environment()
    folder = site / GOALS_DIR
    names = page_names([r.goal.id for r in reports])
    written = []
    template = env.get_template("goal.html")
    for r in reports:
        out = folder / f"{names[r.goal.id]}.html"
        write_text_atomic(out, template.render(page=goal_page(r, folder)))
        written.append(out)
    if folder.is_dir():
        for stale in folder.glob("*.html"):
            if stale not in written:
                stale.unlink(missing_ok=True)
    if written:
        loader = env.loader
        assert loader is not None
        write_text_atomic(folder / STYLESHEET, loader.get_source(env, STYLESHEET)[0])
    return written


# ----------------------------------------------------------------------------- evidence pack


class MdRaw(str):
    """Markdown written on purpose (a link target): not escaped."""

    __slots__ = ()


_MD_SPECIAL = frozenset("\\`*_[]<>|~&")
_MD_LEADING = re.compile(r"^( *)([#+=>-]|\d+(?=[.)]))")


def md_escape(value: object) -> object:
    """Jinja ``finalize`` for Markdown: every printed string is literal text on one line.

    Backslash-escapes the characters that make emphasis, code, links, HTML, tables and
    entities, and a start that would make a heading, list or quote.
    """
    if not isinstance(value, str) or isinstance(value, MdRaw):
        return value
    text = re.sub(r"\s+", " ", str(clean_text(value)))
    text = "".join("\\" + c if c in _MD_SPECIAL else c for c in text)
    match = _MD_LEADING.match(text)
    if match is None:
        return text
    at = match.end() if match.group(2).isdigit() else match.start(2)
    return text[:at] + "\\" + text[at:]


def _md_environment(env: Environment) -> Environment:
    md = env.overlay(autoescape=False, finalize=md_escape)
    md.filters["raw"] = MdRaw
    return md


def write_pack(
    report: GoalReport,
    out: Path | None,
    *,
    fmt: str,
    today: date,
    env: Environment | None = None,
) -> str:
    """Render the evidence pack as ``fmt`` ("md" or "html"); write it to ``out`` (atomically)
    unless ``out`` is None. Returns the text."""
    env = env or environment()
    out_dir = out.parent if out is not None else Path.cwd()
    if fmt == "md":
        text = _md_environment(env).get_template("pack.md").render(
            page=pack_page(report, out_dir, today=today))
    elif fmt == "html":
        loader = env.loader
        assert loader is not None
        style = loader.get_source(env, "pack.css")[0]
        page = pack_page(report, out_dir, today=today, style=style)
        text = env.get_template("pack.html").render(page=page)
    else:
        raise ValueError(f"unknown evidence pack format {fmt!r}")
    if out is not None:
        write_text_atomic(out, text)
    return text
