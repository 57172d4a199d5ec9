"""Machine-readable exports of a meeting's highlights: JSON, Audacity labels, WebVTT chapters."""

from __future__ import annotations

import json
from pathlib import Path

from highlights.fsutil import write_text_atomic
from highlights.models import Highlight, MeetingResult

JSON_NAME = "highlights.json"
AUDACITY_NAME = "highlights.audacity.txt"
CHAPTERS_NAME = "chapters.vtt"


def _vtt_time(ms: int) -> str:
    h, rem = divmod(ms, 3_600_000)
    m, rem = divmod(rem, 60_000)
    s, milli = divmod(rem, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}.{milli:03d}"


def _one_line(text: str) -> str:
    return " ".join(text.replace("-->", "->").split())


def highlight_title(h: Highlight) -> str:
    key = h.key
    parts = [f"#{h.number}"]
    if h.marker_labels:
        parts.append(", ".join(h.marker_labels))
    if h.labels:
        parts.append("[" + " ".join(h.labels) + "]")
    if key is not None:
        parts.append(key.text)
    return _one_line(" ".join(parts))


def result_json(result: MeetingResult) -> str:
    data = {"format": "highlights/1", **result.to_dict()}
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def audacity_labels(result: MeetingResult) -> str:
    """Audacity label track: ``start<TAB>end<TAB>label`` in seconds, one region per highlight."""
    lines = [
        f"{h.start_ms / 1000:.6f}\t{h.end_ms / 1000:.6f}\t{highlight_title(h).replace(chr(9), ' ')}"
        for h in result.highlights
    ]
    return "".join(line + "\n" for line in lines)


def webvtt_chapters(result: MeetingResult) -> str:
    blocks = ["WEBVTT", ""]
    for h in result.highlights:
        blocks += [
            f"highlight-{h.number}",
            f"{_vtt_time(h.start_ms)} --> {_vtt_time(h.end_ms)}",
            highlight_title(h),
            "",
        ]
    return "\n".join(blocks)


def write_exports(result: MeetingResult, folder: Path) -> list[Path]:
    written = []
    for name, text in (
        (JSON_NAME, result_json(result)),
        (AUDACITY_NAME, audacity_labels(result)),
        (CHAPTERS_NAME, webvtt_chapters(result)),
    ):
        write_text_atomic(folder / name, text)
        written.append(folder / name)
    return written


def read_result(path: Path) -> MeetingResult:
    data = json.loads(path.read_text(encoding="utf-8"))
    data.pop("format", None)
    return MeetingResult.from_dict(data)
