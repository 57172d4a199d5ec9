"""Errors of the library (the SQLite store)."""

from __future__ import annotations

from highlights.errors import HighlightsError


class LibraryError(HighlightsError):
    """The library file cannot be opened, migrated or written."""

    code = "H020"
