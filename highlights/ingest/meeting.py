"""Find one meeting's inputs: a folder, or explicit paths, plus optional ``meeting.toml``.

A meeting folder holds at most one recording, at most one transcript and at most one marker
file. Marker files are told from transcripts by name: ``*.markers.*``, ``*labels*``,
``*audacity*``, ``*highlights*``, ``*chapters*``. Metadata (title, date, recording start,
participants and their roles) comes from ``meeting.toml`` when present.
"""

from __future__ import annotations

import sys
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from highlights.errors import InputNotFoundError, MeetingError
from highlights.fsutil import safe_name
from highlights.models import MeetingSource, Participant

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

AUDIO_SUFFIXES = (
    ".mp3",
    ".m4a",
    ".aac",
    ".wav",
    ".ogg",
    ".opus",
    ".flac",
    ".webm",
    ".mp4",
    ".wma",
    ".aiff",
    ".aif",
    ".amr",
    ".3gp",
    ".mka",
)
TEXT_SUFFIXES = (".vtt", ".srt", ".sbv", ".json", ".txt", ".csv")
MARKER_HINTS = ("marker", "label", "audacity", "highlight", "chapter")
METADATA_NAMES = ("meeting.toml",)
IGNORED_STEMS = ("readme", "license", "licence", "source", "copying", "notice")


def _is_marker_name(path: Path) -> bool:
    name = path.name.lower()
    return any(hint in name for hint in MARKER_HINTS) or path.suffix.lower() == ".csv"


def _ignored(path: Path) -> bool:
    name = path.name.lower()
    return (
        name.startswith(".")
        or any(name.startswith(stem) for stem in IGNORED_STEMS)
        or name.endswith((".md", ".rttm", ".stm", ".py", ".html", ".png", ".jpg"))
    )


def _one(kind: str, found: list[Path], folder: Path) -> Path | None:
    if len(found) > 1:
        names = ", ".join(p.name for p in found)
        raise MeetingError(f"more than one {kind} in the meeting folder: {names}", path=folder)
    return found[0] if found else None


def read_metadata(path: Path) -> dict[str, Any]:
    try:
        data: dict[str, Any] = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MeetingError(
            f"invalid TOML: {exc}", path=path, line=getattr(exc, "lineno", None)
        ) from exc
    except OSError as exc:
        raise InputNotFoundError(f"cannot read: {exc.strerror}", path=path) from exc
    allowed = {
        "id",
        "title",
        "date",
        "recording_start",
        "participants",
        "audio",
        "transcript",
        "markers",
    }
    for key in data:
        if key not in allowed:
            raise MeetingError(
                f"unknown field {key!r} (known: {', '.join(sorted(allowed))})", path=path
            )
    people = data.get("participants", [])
    if not isinstance(people, list) or not all(
        isinstance(p, dict) and isinstance(p.get("name"), str) for p in people
    ):
        raise MeetingError("participants must be a list of tables with a name", path=path)
    start = data.get("recording_start")
    if isinstance(start, datetime):
        data["recording_start"] = start.isoformat()
    elif start is not None and not isinstance(start, str):
        raise MeetingError("recording_start must be an ISO 8601 date-time", path=path)
    if "date" in data:
        data["date"] = str(data["date"])
    return data


def meeting_from_folder(folder: str | Path) -> MeetingSource:
    """Discover the inputs of the meeting in ``folder``."""
    folder = Path(folder)
    if not folder.exists():
        raise InputNotFoundError("meeting folder not found", path=folder)
    if not folder.is_dir():
        raise MeetingError(
            "not a folder (pass files with --audio/--transcript/--markers)", path=folder
        )
    audio: list[Path] = []
    transcripts: list[Path] = []
    markers: list[Path] = []
    metadata: Path | None = None
    named: dict[str, Any] = {}
    meta_path = next((folder / n for n in METADATA_NAMES if (folder / n).is_file()), None)
    if meta_path is not None:
        metadata = meta_path
        data = read_metadata(meta_path)
        named = {k: data[k] for k in ("audio", "transcript", "markers") if k in data}
    for path in sorted(p for p in folder.iterdir() if p.is_file()):
        if path.name.lower() in METADATA_NAMES or named:
            continue
        if _ignored(path):
            continue
        suffix = path.suffix.lower()
        if suffix in AUDIO_SUFFIXES:
            audio.append(path)
        elif suffix in TEXT_SUFFIXES or suffix == ".vtt":
            (markers if _is_marker_name(path) else transcripts).append(path)
    for key, value in named.items():
        target = folder / str(value)
        if not target.is_file():
            raise InputNotFoundError(
                f"{key} file named in meeting.toml not found: {value}", path=meta_path
            )
        {"audio": audio, "transcript": transcripts, "markers": markers}[key].append(target)
    source = MeetingSource(
        meeting_id=safe_name(folder.resolve().name),
        title=folder.resolve().name,
        audio=str(p) if (p := _one("recording", audio, folder)) else None,
        transcript=str(p) if (p := _one("transcript", transcripts, folder)) else None,
        markers=str(p) if (p := _one("marker file", markers, folder)) else None,
    )
    if source.audio is None and source.transcript is None:
        raise MeetingError(
            "no recording and no transcript found in the meeting folder", path=folder
        )
    return with_metadata(source, metadata) if metadata else source


def with_metadata(source: MeetingSource, path: Path) -> MeetingSource:
    data = read_metadata(path)
    participants = tuple(
        Participant(name=str(p["name"]), role=str(p.get("role", "")))
        for p in data.get("participants", [])
    )
    return replace(
        source,
        meeting_id=safe_name(str(data["id"])) if "id" in data else source.meeting_id,
        title=str(data.get("title", source.title)),
        date=str(data.get("date", source.date)),
        recording_start=data.get("recording_start", source.recording_start),
        participants=participants or source.participants,
    )


def meeting_from_files(
    *,
    audio: str | Path | None = None,
    transcript: str | Path | None = None,
    markers: str | Path | None = None,
    metadata: str | Path | None = None,
    meeting_id: str | None = None,
) -> MeetingSource:
    """A meeting named by explicit files."""
    if audio is None and transcript is None:
        raise MeetingError("a meeting needs a recording (--audio) or a transcript (--transcript)")
    for p in (audio, transcript, markers, metadata):
        if p is not None and not Path(p).is_file():
            raise InputNotFoundError("file not found", path=p)
    first = Path(audio or transcript or "meeting")
    stem = first.name.split(".")[0] or "meeting"
    source = MeetingSource(
        meeting_id=safe_name(meeting_id or stem),
        title=stem,
        audio=str(audio) if audio else None,
        transcript=str(transcript) if transcript else None,
        markers=str(markers) if markers else None,
    )
    return with_metadata(source, Path(metadata)) if metadata else source
