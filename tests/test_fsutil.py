"""Safe names and atomic writes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from highlights.fsutil import safe_name, write_text_atomic


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04 Dana", "2026-03-04-Dana"),
        ("../../etc/passwd", "etc-passwd"),
        ("index.html", "meeting-index.html"),
        ("DIGEST.CSS", "meeting-DIGEST.CSS"),
        ("\u202eevil\x00", "evil"),
        ("...", "meeting"),
    ],
)
def test_fsutil_safe_name(text: str, expected: str) -> None:
    assert safe_name(text) == expected
    assert safe_name(safe_name(text)) == safe_name(text)


def test_fsutil_atomic_write_is_readable_by_others(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_text_atomic(tmp_path / "a.html", "x")
    finally:
        os.umask(old)
    mode = stat.S_IMODE((tmp_path / "a.html").stat().st_mode)
    assert mode == 0o644
    assert [p.name for p in tmp_path.iterdir()] == ["a.html"]
