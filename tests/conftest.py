"""Shared test fixtures: paths to the bundled fixtures and to the real files beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "fixtures"
REALDATA = Path(os.environ.get("HIGHLIGHTS_REALDATA", REPO.parent / "shared" / "realdata"))


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture(scope="session")
def realdata() -> Path:
    """The folder of real files written by others; tests using it skip cleanly when absent."""
    if not REALDATA.is_dir():
        pytest.skip(f"real data folder not found at {REALDATA}")
    return REALDATA
