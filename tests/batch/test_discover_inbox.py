"""Discovery: meeting folders, files sharing a stem, what is ambiguous, what is skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

from highlights.batch import discover

from .conftest import SAMPLE, folder_meeting, stem_meeting


def ids(root: Path, **kw: object) -> list[str]:
    return [f.source.meeting_id for f in discover([root], **kw).found]  # type: ignore[arg-type]


def test_discover_inbox_folders_and_stems(inbox: Path) -> None:
    found = discover([inbox])
    assert found.problems == ()
    by_id = {f.source.meeting_id: f for f in found.found}
    assert sorted(by_id) == [
        "2026-03-04-dana",
        "2026-03-05-sam",
        "2026-03-11-dana",
        "2026-03-12-sam",
        "2026-03-18-dana",
    ]
    assert by_id["2026-03-04-dana"].origin == "folder"
    stem = by_id["2026-03-05-sam"]
    assert stem.origin == "stem"
    assert stem.source.markers is not None and stem.source.markers.endswith(".markers.txt")
    assert stem.source.date == "2026-03-05"  # from the id
    assert Path(stem.source.transcript or "").is_absolute()
    assert by_id["2026-03-18-dana"].source.audio is not None


def test_discover_inbox_single_meeting_folder_as_inbox(tmp_path: Path) -> None:
    folder = folder_meeting(tmp_path, "2026-03-04-dana")
    assert ids(folder) == ["2026-03-04-dana"]


def test_discover_inbox_generic_names_without_toml_are_one_folder_meeting(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "2026-04-01-lee"
    folder.mkdir()
    shutil.copy(SAMPLE / "meeting.vtt", folder / "meeting.vtt")
    shutil.copy(SAMPLE / "meeting.markers.txt", folder / "meeting.markers.txt")
    found = discover([tmp_path])
    assert [(f.source.meeting_id, f.origin) for f in found.found] == [("2026-04-01-lee", "folder")]


def test_discover_inbox_differently_named_files_are_one_folder_meeting(tmp_path: Path) -> None:
    folder = tmp_path / "week-1"
    folder.mkdir()
    shutil.copy(SAMPLE / "meeting.vtt", folder / "transcript.vtt")
    shutil.copy(SAMPLE / "meeting.markers.txt", folder / "highlights.txt")
    assert ids(tmp_path) == ["week-1"]


def test_discover_inbox_marker_file_without_partner_is_reported(tmp_path: Path) -> None:
    stem_meeting(tmp_path, "2026-03-05-sam")
    shutil.copy(SAMPLE / "meeting.markers.txt", tmp_path / "2026-03-06-kim.markers.txt")
    found = discover([tmp_path])
    assert [f.source.meeting_id for f in found.found] == ["2026-03-05-sam"]
    (problem,) = found.problems
    assert "2026-03-06-kim" in problem.where
    assert "no recording or transcript" in problem.reason


def test_discover_inbox_duplicate_ids_are_ambiguous_and_skipped(tmp_path: Path) -> None:
    folder_meeting(tmp_path / "a", "2026-03-04-dana", audio=False)
    folder_meeting(tmp_path / "b", "2026-03-04-dana", audio=False)
    stem_meeting(tmp_path, "2026-03-05-sam")
    found = discover([tmp_path])
    assert [f.source.meeting_id for f in found.found] == ["2026-03-05-sam"]
    (problem,) = found.problems
    assert "found 2 times" in problem.reason
    assert str(tmp_path / "a") in problem.where and str(tmp_path / "b") in problem.where


def test_discover_inbox_skips_site_and_hidden_folders(tmp_path: Path) -> None:
    stem_meeting(tmp_path, "2026-03-05-sam")
    site = tmp_path / "site"
    stem_meeting(site, "2026-01-01-old")
    stem_meeting(tmp_path / ".trash", "2026-01-02-old")
    assert ids(tmp_path, exclude=[site]) == ["2026-03-05-sam"]


def test_discover_inbox_bad_meeting_toml_is_a_problem_not_a_stop(tmp_path: Path) -> None:
    folder_meeting(tmp_path, "2026-03-04-dana", audio=False)
    bad = folder_meeting(tmp_path, "2026-03-11-dana", audio=False)
    (bad / "meeting.toml").write_text("title = [unclosed\n")
    found = discover([tmp_path])
    assert [f.source.meeting_id for f in found.found] == ["2026-03-04-dana"]
    (problem,) = found.problems
    assert "meeting.toml" in problem.reason


def test_discover_inbox_missing_inbox_is_a_problem(tmp_path: Path) -> None:
    found = discover([tmp_path / "absent"])
    assert found.found == ()
    assert found.problems[0].reason == "inbox not found"


def test_discover_inbox_skips_digest_sites_inside_the_inbox(tmp_path: Path) -> None:
    stem_meeting(tmp_path, "2026-03-05-sam")
    old_site = tmp_path / "old-site"
    stem_meeting(old_site / "nested", "2026-01-01-old")
    (old_site / "highlights.db").write_bytes(b"")
    output = tmp_path / "loose" / "2026-01-02-out"
    stem_meeting(output, "chapters")
    (output / "highlights.json").write_text("{}")
    (output / "index.html").write_text("<html></html>")
    found = discover([tmp_path])
    assert [f.source.meeting_id for f in found.found] == ["2026-03-05-sam"]
    assert found.problems == ()
