"""Manifests: CSV and JSON lines naming meetings, relative paths, bad rows reported by line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from highlights.batch import BatchError, discover
from highlights.batch.manifest import participants
from highlights.models import Participant

from .conftest import SAMPLE


@pytest.fixture
def files(tmp_path: Path) -> Path:
    rec = tmp_path / "recordings"
    rec.mkdir()
    shutil.copy(SAMPLE / "meeting.vtt", rec / "dana.vtt")
    shutil.copy(SAMPLE / "meeting.markers.txt", rec / "dana-marks.txt")
    shutil.copy(SAMPLE / "meeting.vtt", rec / "sam.vtt")
    return tmp_path


def test_manifest_rows_csv(files: Path) -> None:
    manifest = files / "meetings.csv"
    manifest.write_text(
        "id,date,title,participants,transcript,markers\n"
        "2026-03-04-dana,2026-03-04,Weekly,Dana=manager; Sam=report,"
        "recordings/dana.vtt,recordings/dana-marks.txt\n"
        "sam-1,2026-03-05,,Sam,recordings/sam.vtt,\n"
    )
    found = discover([manifest])
    assert found.problems == ()
    dana, sam = found.found
    assert dana.where == f"{manifest}:2" and dana.origin == "manifest"
    dana_and_sam = (Participant("Dana", "manager"), Participant("Sam", "report"))
    assert dana.source.participants == dana_and_sam
    assert dana.source.markers == str((files / "recordings" / "dana-marks.txt").resolve())
    assert (sam.source.title, sam.source.date, sam.source.markers) == ("sam-1", "2026-03-05", None)


def test_manifest_rows_jsonl(files: Path) -> None:
    manifest = files / "meetings.jsonl"
    rows = [
        {"id": "a", "transcript": "recordings/dana.vtt", "participants": [
            {"name": "Dana", "role": "manager"}, "Sam=report"]},
        {"id": "b", "transcript": "recordings/sam.vtt", "recording_start": "2026-03-05T10:00:00Z"},
    ]
    manifest.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    a, b = discover([manifest]).found
    assert a.source.participants[1] == Participant("Sam", "report")
    assert b.source.recording_start == "2026-03-05T10:00:00Z"


def test_manifest_rows_bad_rows_reported_by_line_others_kept(files: Path) -> None:
    manifest = files / "meetings.csv"
    manifest.write_text(
        "id,transcript\n"
        ",recordings/dana.vtt\n"
        "gone,recordings/absent.vtt\n"
        "sam,recordings/sam.vtt\n"
    )
    found = discover([manifest])
    assert [f.source.meeting_id for f in found.found] == ["sam"]
    where = {p.where: p.reason for p in found.problems}
    assert "no id" in where[f"{manifest}:2"]
    assert "absent.vtt" in where[f"{manifest}:3"]


def test_manifest_rows_unknown_column_stops_before_work(files: Path) -> None:
    manifest = files / "meetings.csv"
    manifest.write_text("id,transcrpit\nsam,recordings/sam.vtt\n")
    with pytest.raises(BatchError, match="unknown column 'transcrpit'"):
        discover([manifest])


def test_manifest_rows_participants_forms() -> None:
    assert participants("Dana=manager;Sam") == (Participant("Dana", "manager"), Participant("Sam"))
    assert participants(None) == ()
    with pytest.raises(BatchError):
        participants(3)
