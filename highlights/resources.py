"""Where the bundled data (pipelines, rule packs, templates, sample meeting) lives.

In an installed wheel the data folders sit inside the package (``highlights/_data``); in a
source checkout they are the top-level folders beside the package.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent


def _data_dir(name: str) -> Path:
    installed = _PACKAGE / "_data" / name
    if installed.is_dir():
        return installed
    return _CHECKOUT / name


def pipelines_dir() -> Path:
    return _data_dir("pipelines")


def rules_dir() -> Path:
    return pipelines_dir() / "rules"


def templates_dir() -> Path:
    return _data_dir("templates")


def sample_meeting_dir() -> Path:
    """The bundled sample meeting used by ``highlights demo``."""
    return _data_dir("fixtures") / "sample"
