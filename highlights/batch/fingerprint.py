"""Fingerprints: what a meeting's results were made from, to skip meetings that are unchanged.

A meeting's fingerprint hashes the content of its input files, its metadata and the settings
version: the package version, the tagging algorithm version, the spaCy release, the pipeline
settings, every rule and the templates. Changing any of them re-processes the meeting.

File content hashes are cached by (path, size, modification time) so that re-running a batch
over a large archive reads only files that changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, MutableMapping, Sequence
from dataclasses import asdict
from importlib.metadata import version
from pathlib import Path

from highlights import __version__
from highlights.config import Pipeline
from highlights.errors import InputNotFoundError
from highlights.models import MeetingSource
from highlights.resources import templates_dir
from highlights.tagging.rules import ALGORITHM_VERSION, load_rules

FORMAT = 1
CHUNK = 1 << 20

# (path, size, mtime_ns) -> sha256 hex digest
DigestCache = MutableMapping[tuple[str, int, int], str]


def file_digest(path: str | Path, cache: DigestCache | None = None) -> str:
    """SHA-256 of a file's content, through ``cache`` when its size and mtime are known."""
    path = Path(path)
    try:
        st = path.stat()
    except OSError as exc:
        raise InputNotFoundError(f"cannot read: {exc.strerror}", path=path) from exc
    key = (str(path), st.st_size, st.st_mtime_ns)
    if cache is not None and key in cache:
        return cache[key]
    h = hashlib.sha256()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                h.update(chunk)
    except OSError as exc:
        raise InputNotFoundError(f"cannot read: {exc.strerror}", path=path) from exc
    digest = h.hexdigest()
    if cache is not None:
        cache[key] = digest
    return digest


def _tree_digest(folders: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            h.update(path.relative_to(folder).as_posix().encode("utf-8") + b"\0")
            h.update(file_digest(path).encode("ascii"))
    return h.hexdigest()


def settings_version(
    pipeline: Pipeline, extra_rules: Sequence[Path] = (), templates: Path | None = None
) -> str:
    """One hash of everything besides the inputs that shapes a meeting's results and pages."""
    rules = load_rules([*pipeline.rule_paths, *extra_rules])
    settings = asdict(pipeline)
    for key in ("name", "source", "rule_paths"):
        settings.pop(key, None)
    template_dirs = [templates_dir()] + ([templates] if templates is not None else [])
    payload = {
        "format": FORMAT,
        "highlights": __version__,
        "algorithm": ALGORITHM_VERSION,
        "spacy": ".".join(version("spacy").split(".")[:2]),
        "pipeline": settings,
        "rules": sorted((r.to_json() for r in rules), key=lambda r: str(r["id"])),
        "templates": _tree_digest(template_dirs),
    }
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()


def meeting_fingerprint(
    source: MeetingSource, settings: str, cache: DigestCache | None = None
) -> str:
    """The fingerprint of one meeting: its metadata, its files' content and the settings."""
    files = {
        role: file_digest(path, cache)
        for role in ("audio", "transcript", "markers")
        if (path := getattr(source, role)) is not None
    }
    payload = {"settings": settings, "source": source.to_dict(), "files": files}
    encoded = json.dumps(payload, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(encoded.encode("utf-8")).hexdigest()
