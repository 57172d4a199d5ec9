"""Atomic file writing and safe names: outputs are never left half-written."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import unicodedata
from pathlib import Path

from highlights.errors import OutputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
# Names a site folder uses for itself: a meeting folder must never take one of them.
RESERVED_NAMES = frozenset({"index.html", "digest.css", "digest.js", "highlights.db",
                            "highlights.db-wal", "highlights.db-shm", "goals", "clips"})


def safe_name(text: str, *, fallback: str = "meeting") -> str:
    """A file-name-safe slug: no path separators, no dot-dot, no control characters."""
    norm = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(c for c in norm if not unicodedata.combining(c) and c.isprintable())
    slug = _UNSAFE.sub("-", ascii_text).strip("-._")
    slug = re.sub(r"-{2,}", "-", slug)[:80]
    if slug.lower() in RESERVED_NAMES:
        slug = f"{fallback}-{slug}"
    return slug or fallback


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def write_bytes_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, then rename over ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_umask())
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OutputError(f"cannot write: {exc.strerror or exc}", path=path) from exc


def replace_dir(staging: Path, final: Path) -> None:
    """Put a fully written ``staging`` folder in place of ``final`` (which may exist)."""
    backup = final.with_name(f".{final.name}.old")
    if backup.exists():
        shutil.rmtree(backup)
    try:
        if final.exists():
            os.replace(final, backup)
        os.replace(staging, final)
    except OSError as exc:
        if backup.exists() and not final.exists():
            os.replace(backup, final)
        raise OutputError(
            f"cannot replace output folder: {exc.strerror or exc}", path=final
        ) from exc
    if backup.exists():
        shutil.rmtree(backup, ignore_errors=True)
