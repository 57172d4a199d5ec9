"""Manifests: a CSV file or JSON lines naming each meeting's id, metadata and files.

CSV (a header row is required)::

    id,date,title,participants,audio,transcript,markers,recording_start
    2026-03-04-dana,2026-03-04,Weekly 1-on-1,Dana=manager; Sam=report,dana.m4a,dana.vtt,dana.txt,

JSON lines: one object per line with the same keys; ``participants`` may also be a list of
``"Name=role"`` strings or of ``{"name": ..., "role": ...}`` objects. A ``.json`` file may hold
a list of such objects. Paths are relative to the manifest's folder. Only ``id`` and one of
``audio`` / ``transcript`` are required. A bad row is reported with its line and the other
rows go on; an unreadable manifest or an unknown column stops the batch before it starts.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

from highlights.batch.models import Found, Problem
from highlights.errors import BatchError, HighlightsError
from highlights.fsutil import safe_name
from highlights.ingest.meeting import meeting_from_files
from highlights.models import MeetingSource, Participant

MANIFEST_SUFFIXES = (".csv", ".jsonl", ".ndjson", ".json")
COLUMNS = (
    "id",
    "date",
    "title",
    "participants",
    "audio",
    "transcript",
    "markers",
    "recording_start",
)


def read_manifest(path: Path) -> tuple[list[Found], list[Problem]]:
    """The meetings a manifest names, and its rows that could not become meetings."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise BatchError(f"cannot read the manifest: {exc}", path=path) from exc
    rows = _csv_rows(text, path) if path.suffix.lower() == ".csv" else _json_rows(text, path)
    found: list[Found] = []
    problems: list[Problem] = []
    for line, row in rows:
        where = f"{path}:{line}"
        try:
            found.append(Found(_source(row, path.parent), "manifest", where))
        except HighlightsError as exc:
            problems.append(Problem(where, str(exc), _text(row.get("id")) or None))
    return found, problems


def _csv_rows(text: str, path: Path) -> list[tuple[int, dict[str, Any]]]:
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise BatchError("the manifest is empty (a header row is needed)", path=path)
    names = [h.strip().lower() for h in header]
    _check_columns(names, path, 1)
    out = []
    for row in reader:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            out.append((reader.line_num, {"_error": f"{len(row)} cells, header has {len(names)}"}))
            continue
        out.append((reader.line_num, dict(zip(names, row, strict=False))))
    return out


def _json_rows(text: str, path: Path) -> list[tuple[int, dict[str, Any]]]:
    stripped = text.lstrip()
    if path.suffix.lower() == ".json" and stripped.startswith("["):
        try:
            items = json.loads(text)
        except json.JSONDecodeError as exc:
            raise BatchError(f"invalid JSON: {exc.msg}", path=path, line=exc.lineno) from exc
        numbered = list(enumerate(items, start=1))
    else:
        numbered = []
        for n, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip() or raw.lstrip().startswith("#"):
                continue
            try:
                numbered.append((n, json.loads(raw)))
            except json.JSONDecodeError as exc:
                numbered.append((n, {"_error": f"invalid JSON: {exc.msg}"}))
    out = []
    for n, item in numbered:
        if not isinstance(item, dict):
            out.append((n, {"_error": "each entry must be a JSON object"}))
            continue
        _check_columns([str(k).lower() for k in item], path, n)
        out.append((n, {str(k).lower(): v for k, v in item.items()}))
    return out


def _check_columns(names: list[str], path: Path, line: int) -> None:
    for name in names:
        if name not in COLUMNS:
            raise BatchError(
                f"unknown column {name!r} (known: {', '.join(COLUMNS)})", path=path, line=line
            )


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def participants(value: Any) -> tuple[Participant, ...]:
    """``"Dana=manager; Sam"``, or a list of such strings or of ``{"name", "role"}`` objects."""
    items: list[Any]
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        items = [p for p in value.split(";") if p.strip()]
    elif isinstance(value, list):
        items = value
    else:
        raise BatchError("participants must be text or a list")
    out = []
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            out.append(Participant(item["name"].strip(), _text(item.get("role"))))
        elif isinstance(item, str) and item.strip():
            name, _, role = item.partition("=")
            out.append(Participant(name.strip(), role.strip()))
        else:
            raise BatchError(f"cannot read participant {item!r} (use Name=role)")
    return tuple(out)


def _source(row: dict[str, Any], base: Path) -> MeetingSource:
    if "_error" in row:
        raise BatchError(str(row["_error"]))
    mid = _text(row.get("id"))
    if not mid:
        raise BatchError("no id")

    def path(key: str) -> Path | None:
        value = _text(row.get(key))
        return base / value if value else None

    source = meeting_from_files(
        audio=path("audio"),
        transcript=path("transcript"),
        markers=path("markers"),
        meeting_id=mid,
    )
    return replace(
        source,
        meeting_id=safe_name(mid),
        title=_text(row.get("title")) or mid,
        date=_text(row.get("date")),
        recording_start=_text(row.get("recording_start")) or None,
        participants=participants(row.get("participants")),
    )
