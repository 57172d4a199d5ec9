"""Pipeline definitions: TOML files under ``pipelines/`` naming rule packs and settings."""

from __future__ import annotations

import glob
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from highlights.errors import ConfigError, InputNotFoundError
from highlights.resources import pipelines_dir
from highlights.snap import SnapSettings

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True, slots=True)
class WindowSettings:
    before_ms: int = 20_000
    after_ms: int = 5_000
    widen: str = "sentence"
    cap_ms: int = 90_000
    merge_gap_ms: int = 1_000
    double_press_ms: int = 5_000
    max_suggested: int = 5


@dataclass(frozen=True, slots=True)
class ExportSettings:
    clip_format: str = "mp3"
    clip_bitrate: str = "64k"


@dataclass(frozen=True, slots=True)
class SnapConfig:
    margin_ms: int = 4_000
    vad_mode: int = 2
    settings: SnapSettings = field(default_factory=SnapSettings)


@dataclass(frozen=True, slots=True)
class Pipeline:
    name: str
    source: str
    rule_paths: tuple[Path, ...]
    windows: WindowSettings
    snap: SnapConfig
    pause_split_ms: int
    export: ExportSettings


def default_pipeline_path() -> Path:
    return pipelines_dir() / "default.toml"


def _section(data: dict[str, Any], name: str, cls: type[Any], path: Path) -> Any:
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise ConfigError(f"[{name}] must be a table", path=path)
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in known:
            raise ConfigError(f"unknown setting {name}.{key}", path=path)
        default = getattr(cls(), key)
        if type(value) is not type(default):
            raise ConfigError(
                f"{name}.{key} must be {type(default).__name__}, not {value!r}", path=path
            )
        kwargs[key] = value
    return cls(**kwargs)


def load_pipeline(path: str | Path | None = None) -> Pipeline:
    """Read a pipeline definition; ``None`` reads the bundled default."""
    path = Path(path) if path is not None else default_pipeline_path()
    if not path.is_file():
        raise InputNotFoundError("pipeline file not found", path=path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise ConfigError(f"invalid TOML: {exc}", path=path, line=line) from exc
    known_sections = {"pipeline", "windows", "snap", "tagging", "export"}
    for key in data:
        if key not in known_sections:
            raise ConfigError(f"unknown section [{key}]", path=path)
    head = data.get("pipeline", {})
    patterns = head.get("rules", ["rules/*.jsonl"])
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        raise ConfigError("pipeline.rules must be a list of paths or globs", path=path)
    rule_paths: list[Path] = []
    for pattern in patterns:
        matches = sorted(glob.glob(str(path.parent / pattern)))
        if not matches:
            raise ConfigError(f"no rule pack matches {pattern!r}", path=path)
        rule_paths.extend(Path(m) for m in matches)
    windows = _section(data, "windows", WindowSettings, path)
    if windows.widen not in ("sentence", "turn", "none"):
        raise ConfigError("windows.widen must be sentence, turn or none", path=path)
    snap_raw = dict(data.get("snap", {}))
    margin = snap_raw.pop("margin_ms", 4_000)
    vad_mode = snap_raw.pop("vad_mode", 2)
    snap_settings = _section({"snap": snap_raw}, "snap", SnapSettings, path)
    tagging = data.get("tagging", {})
    pause_split = tagging.get("pause_split_ms", 1200)
    if not isinstance(pause_split, int):
        raise ConfigError("tagging.pause_split_ms must be an integer", path=path)
    return Pipeline(
        name=str(head.get("name", path.stem)),
        source=str(path),
        rule_paths=tuple(rule_paths),
        windows=windows,
        snap=SnapConfig(margin_ms=int(margin), vad_mode=int(vad_mode), settings=snap_settings),
        pause_split_ms=pause_split,
        export=_section(data, "export", ExportSettings, path),
    )
