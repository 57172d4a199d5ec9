"""Finding a meeting's inputs in a folder, from explicit files, and from meeting.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.errors import InputNotFoundError, MeetingError
from highlights.ingest.meeting import meeting_from_files, meeting_from_folder


def _touch(folder: Path, *names: str) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        (folder / name).write_text("x")


def test_meeting_folder_classifies_files(tmp_path: Path) -> None:
    _touch(tmp_path / "2026-03-04 Dana", "call.m4a", "call.vtt", "call.markers.txt", "README.md")
    src = meeting_from_folder(tmp_path / "2026-03-04 Dana")
    assert src.meeting_id == "2026-03-04-Dana"
    assert Path(src.audio or "").name == "call.m4a"
    assert Path(src.transcript or "").name == "call.vtt"
    assert Path(src.markers or "").name == "call.markers.txt"


def test_meeting_folder_real_ami(realdata: Path) -> None:
    src = meeting_from_folder(realdata / "meetings" / "ami_ES2002d")
    assert src.audio is None
    assert Path(src.transcript or "").name == "ES2002d.derived.vtt"
    assert Path(src.markers or "").name == "ES2002d.extractive.audacity.txt"


def test_meeting_folder_sample_metadata(fixtures_dir: Path) -> None:
    src = meeting_from_folder(fixtures_dir / "sample")
    assert src.title.startswith("Weekly 1-on-1")
    assert {p.name: p.role for p in src.participants} == {"Dana": "manager", "Sam": "report"}
    assert src.recording_start == "2026-03-04T10:00:00+01:00"


def test_meeting_folder_ambiguous_transcripts(tmp_path: Path) -> None:
    _touch(tmp_path / "m", "a.vtt", "b.srt")
    with pytest.raises(MeetingError, match=r"more than one transcript.*a\.vtt, b\.srt"):
        meeting_from_folder(tmp_path / "m")


def test_meeting_folder_empty(tmp_path: Path) -> None:
    _touch(tmp_path / "m", "notes.md")
    with pytest.raises(MeetingError, match="no recording and no transcript"):
        meeting_from_folder(tmp_path / "m")


def test_meeting_folder_missing(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        meeting_from_folder(tmp_path / "absent")


@pytest.mark.parametrize(
    ("toml", "needle"),
    [
        ("title = 'x'\ncolour = 'red'\n", "unknown field 'colour'"),
        ("title = \n", "invalid TOML"),
        ("participants = ['Dana']\n", "participants"),
        ("transcript = 'gone.vtt'\n", "gone.vtt"),
    ],
)
def test_meeting_bad_metadata_names_file(tmp_path: Path, toml: str, needle: str) -> None:
    _touch(tmp_path / "m", "a.vtt")
    (tmp_path / "m" / "meeting.toml").write_text(toml)
    with pytest.raises((MeetingError, InputNotFoundError)) as err:
        meeting_from_folder(tmp_path / "m")
    assert needle in str(err.value) and "meeting.toml" in str(err.value)


def test_meeting_from_files_requires_media_or_transcript(tmp_path: Path) -> None:
    _touch(tmp_path, "m.txt")
    with pytest.raises(MeetingError):
        meeting_from_files(markers=tmp_path / "m.txt")
    with pytest.raises(InputNotFoundError, match=r"x\.vtt"):
        meeting_from_files(transcript=tmp_path / "x.vtt")


def test_meeting_id_is_safe(tmp_path: Path) -> None:
    _touch(tmp_path, "..%2F<script>.vtt")
    src = meeting_from_files(transcript=tmp_path / "..%2F<script>.vtt")
    assert "/" not in src.meeting_id and "<" not in src.meeting_id and ".." not in src.meeting_id
