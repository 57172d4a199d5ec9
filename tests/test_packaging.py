"""The wheel carries pipelines, templates and the sample meeting, and works from anywhere."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(REPO),
        ],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("highlights-*.whl")
    return found


def test_packaging_wheel_contains_data(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for needed in (
        "highlights/_data/pipelines/default.toml",
        "highlights/_data/templates/meeting.html",
        "highlights/_data/templates/digest.css",
        "highlights/_data/fixtures/sample/meeting.mp3",
        "highlights/_data/fixtures/sample/meeting.toml",
    ):
        assert needed in names, needed
    assert any(n.startswith("highlights/_data/pipelines/rules/") for n in names)
    assert not any("/tests/" in n for n in names)


def test_packaging_installed_wheel_runs_demo_elsewhere(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site-packages"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target)}
    code = "import highlights, sys; print(highlights.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", code],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(target))
    proc = subprocess.run(
        [sys.executable, "-m", "highlights.cli", "demo", "--out", "digest"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (elsewhere / "digest" / "sample" / "index.html").is_file()
    assert any((elsewhere / "digest" / "sample" / "clips").iterdir())
