"""Fingerprints change with inputs, metadata and settings, and nothing else."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from highlights.batch.fingerprint import file_digest, meeting_fingerprint, settings_version
from highlights.config import load_pipeline
from highlights.ingest.meeting import meeting_from_files

from .conftest import stem_meeting


def test_fingerprint_changes_with_content_metadata_and_settings(tmp_path: Path) -> None:
    vtt, markers = stem_meeting(tmp_path, "m")
    source = meeting_from_files(transcript=vtt, markers=markers, meeting_id="m")
    base = meeting_fingerprint(source, "v1")
    assert meeting_fingerprint(source, "v1") == base
    assert meeting_fingerprint(source, "v2") != base
    assert meeting_fingerprint(replace(source, title="Other"), "v1") != base
    markers.write_text(markers.read_text() + "00:02:00 more\n")
    assert meeting_fingerprint(source, "v1") != base


def test_fingerprint_changes_digest_cache_by_size_and_mtime(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("one")
    cache: dict[tuple[str, int, int], str] = {}
    first = file_digest(path, cache)
    assert list(cache.values()) == [first]
    path.write_text("two")  # same size, new mtime
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000))
    assert file_digest(path, cache) != first


def test_fingerprint_changes_settings_version_follows_rules_and_pipeline(tmp_path: Path) -> None:
    pipeline = load_pipeline()
    base = settings_version(pipeline)
    assert settings_version(pipeline) == base
    extra = tmp_path / "extra.jsonl"
    extra.write_text('{"id": "x.mine", "label": "ACTION", "pattern": "ping me"}\n')
    assert settings_version(pipeline, [extra]) != base
    widened = replace(pipeline, windows=replace(pipeline.windows, before_ms=30_000))
    assert settings_version(widened) != base
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "index.html").write_text("mine")
    assert settings_version(pipeline, templates=templates) != base
