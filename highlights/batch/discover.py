"""Finding the meetings of an inbox: meeting folders, files sharing a stem, or a manifest.

A folder tree is walked from the inbox:

- a folder with a ``meeting.toml`` is one meeting (its id is the folder's name, or ``id`` in
  the file) and is not walked further;
- files that share a stem (the name up to its first dot: ``2026-03-04-dana.m4a``,
  ``2026-03-04-dana.vtt``, ``2026-03-04-dana.markers.txt``, optional ``2026-03-04-dana.toml``)
  are one meeting each, with the stem as its id;
- otherwise a folder holding at most one recording, one transcript and one marker file is one
  meeting (the README's ``meeting.mp3`` / ``meeting.vtt`` / ``meeting.markers.txt`` layout).

Hidden folders and digest sites (a folder holding ``highlights.db``, or a meeting's output
folder) are not walked. A ``.csv``, ``.jsonl`` or ``.json`` inbox is a manifest (see
``manifest.py``). What cannot
become a meeting, and meeting ids found more than once, are reported as problems before any
work starts; a duplicated id is processed for none of its sources.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from pathlib import Path

from highlights.batch.manifest import MANIFEST_SUFFIXES, read_manifest
from highlights.batch.models import Discovery, Found, Problem
from highlights.errors import HighlightsError
from highlights.ingest.meeting import (
    AUDIO_SUFFIXES,
    IGNORED_STEMS,
    MARKER_HINTS,
    TEXT_SUFFIXES,
    meeting_from_files,
    meeting_from_folder,
)
from highlights.models import MeetingSource

METADATA_SUFFIX = ".toml"
FOLDER_METADATA = "meeting.toml"
GENERIC_STEM = "meeting"
SITE_MARKS = ("highlights.db", ".highlights.lock")  # a digest site's root
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def stem_of(path: Path) -> str:
    """The name up to its first dot: ``dana.markers.txt`` -> ``dana``."""
    return path.name.split(".", 1)[0]


def kind_of(path: Path) -> str | None:
    """"audio", "transcript", "markers", "metadata" or None (not a meeting input)."""
    name = path.name.lower()
    if name.startswith(".") or any(name.startswith(s) for s in IGNORED_STEMS):
        return None
    suffix = path.suffix.lower()
    if suffix in AUDIO_SUFFIXES:
        return "audio"
    if suffix == METADATA_SUFFIX:
        return "metadata"
    if suffix in TEXT_SUFFIXES:
        is_marker = suffix == ".csv" or any(hint in name for hint in MARKER_HINTS)
        return "markers" if is_marker else "transcript"
    return None


def discover(inboxes: Sequence[Path], *, exclude: Iterable[Path] = ()) -> Discovery:
    """Every meeting under ``inboxes`` (folders or manifests), and what went wrong finding them.

    ``exclude`` holds folders not to walk into (the output site, when it is inside an inbox).
    """
    skip = {p.resolve() for p in exclude}
    found: list[Found] = []
    problems: list[Problem] = []
    for inbox in inboxes:
        if inbox.is_file() and inbox.suffix.lower() in MANIFEST_SUFFIXES:
            rows, bad = read_manifest(inbox)
            found.extend(replace(f, source=absolute(f.source)) for f in rows)
            problems.extend(bad)
        elif inbox.is_dir():
            _walk(inbox, skip, found, problems)
        elif inbox.exists():
            problems.append(
                Problem(str(inbox), "not a folder nor a manifest (.csv, .jsonl, .json)")
            )
        else:
            problems.append(Problem(str(inbox), "inbox not found"))
    return _unique(found, problems)


def _unique(found: list[Found], problems: list[Problem]) -> Discovery:
    by_id: dict[str, list[Found]] = defaultdict(list)
    for f in found:
        by_id[f.source.meeting_id].append(f)
    kept: list[Found] = []
    for mid, same in by_id.items():
        if len(same) == 1:
            kept.append(same[0])
            continue
        places = ", ".join(f.where for f in same)
        problems.append(
            Problem(places, f"meeting id {mid!r} found {len(same)} times; rename one", mid)
        )
    kept.sort(key=lambda f: f.source.meeting_id)
    return Discovery(tuple(kept), tuple(problems))


def _walk(folder: Path, skip: set[Path], found: list[Found], problems: list[Problem]) -> None:
    if folder.resolve() in skip:
        return
    try:
        entries = sorted(folder.iterdir())
    except OSError as exc:
        problems.append(Problem(str(folder), f"cannot list the folder: {exc.strerror}"))
        return
    if any((folder / name).is_file() for name in SITE_MARKS) or _is_output(folder):
        return
    if (folder / FOLDER_METADATA).is_file():
        _add(found, problems, str(folder), "folder", lambda: meeting_from_folder(folder))
        return
    files = [p for p in entries if p.is_file() and kind_of(p) is not None]
    if files:
        groups: dict[str, list[Path]] = defaultdict(list)
        for p in files:
            groups[stem_of(p)].append(p)
        if _by_stem(files, groups):
            for stem, members in sorted(groups.items()):
                _add_stem(stem, members, folder, found, problems)
        else:
            _add(found, problems, str(folder), "folder", lambda: meeting_from_folder(folder))
    for sub in entries:
        if sub.is_dir() and not sub.name.startswith((".", "_")):
            _walk(sub, skip, found, problems)


def _is_output(folder: Path) -> bool:
    """A meeting folder of a digest site (written by highlights, not an input)."""
    return (folder / "highlights.json").is_file() and (folder / "index.html").is_file()


def _by_stem(files: list[Path], groups: dict[str, list[Path]]) -> bool:
    """Whether the files of a folder are meetings by stem rather than one folder meeting."""
    kinds = [kind_of(p) for p in files]
    several = any(kinds.count(k) > 1 for k in ("audio", "transcript", "markers", "metadata"))
    shared = [stem for stem, members in groups.items() if len(members) > 1]
    if several:
        return True
    return bool(shared) and shared != [GENERIC_STEM]


def _add_stem(
    stem: str, members: list[Path], folder: Path, found: list[Found], problems: list[Problem]
) -> None:
    where = str(folder / f"{stem}.*")
    by_kind: dict[str, list[Path]] = defaultdict(list)
    for p in members:
        by_kind[str(kind_of(p))].append(p)
    for kind, paths in by_kind.items():
        if len(paths) > 1:
            names = ", ".join(p.name for p in paths)
            problems.append(Problem(where, f"more than one {kind} file for the stem: {names}"))
            return
    if "audio" not in by_kind and "transcript" not in by_kind:
        names = ", ".join(p.name for p in members)
        problems.append(
            Problem(where, f"no recording or transcript shares the stem {stem!r} ({names})")
        )
        return

    def first(kind: str) -> Path | None:
        return by_kind[kind][0] if by_kind.get(kind) else None

    _add(
        found,
        problems,
        where,
        "stem",
        lambda: meeting_from_files(
            audio=first("audio"),
            transcript=first("transcript"),
            markers=first("markers"),
            metadata=first("metadata"),
            meeting_id=stem,
        ),
    )


def _add(
    found: list[Found],
    problems: list[Problem],
    where: str,
    origin: str,
    make: Callable[[], MeetingSource],
) -> None:
    try:
        source = make()
    except HighlightsError as exc:
        problems.append(Problem(where, str(exc)))
        return
    found.append(Found(absolute(source), origin, where))


def absolute(source: MeetingSource) -> MeetingSource:
    """Input paths made absolute (workers may run elsewhere), and a date taken from a leading
    ``YYYY-MM-DD`` of the meeting id when no date was given."""
    date = source.date
    if not date and (m := _DATE.match(source.meeting_id)):
        date = m.group(1)
    return replace(
        source,
        audio=str(Path(source.audio).resolve()) if source.audio else None,
        transcript=str(Path(source.transcript).resolve()) if source.transcript else None,
        markers=str(Path(source.markers).resolve()) if source.markers else None,
        date=date,
    )
