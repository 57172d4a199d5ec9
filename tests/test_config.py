"""Pipeline definitions: the bundled default loads; bad files fail with the file named."""

from __future__ import annotations

from pathlib import Path

import pytest

from highlights.config import load_pipeline
from highlights.errors import ConfigError, InputNotFoundError


def test_config_default_pipeline_loads() -> None:
    p = load_pipeline()
    assert p.windows.before_ms > p.windows.after_ms
    assert p.windows.cap_ms == 90_000
    assert p.rule_paths and all(path.suffix == ".jsonl" for path in p.rule_paths)
    assert p.snap.margin_ms >= p.snap.settings.search_ms


def _write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "rules").mkdir(exist_ok=True)
    (tmp_path / "rules" / "x.jsonl").write_text("")
    path = tmp_path / "p.toml"
    path.write_text(text)
    return path


def test_config_settings_override_defaults(tmp_path: Path) -> None:
    p = load_pipeline(_write(tmp_path, "[windows]\nbefore_ms = 30000\ncap_ms = 60000\n"))
    assert (p.windows.before_ms, p.windows.cap_ms, p.windows.after_ms) == (30_000, 60_000, 5_000)


@pytest.mark.parametrize(
    ("text", "needle"),
    [
        ("[windows]\nbefor_ms = 1\n", "unknown setting windows.befor_ms"),
        ("[windows]\nbefore_ms = 'x'\n", "must be int"),
        ("[nope]\n", "unknown section"),
        ("[windows\n", "invalid TOML"),
        ("[pipeline]\nrules = ['missing/*.jsonl']\n", "no rule pack matches"),
        ("[windows]\nwiden = 'paragraph'\n", "widen"),
    ],
)
def test_config_bad_pipeline_names_file(tmp_path: Path, text: str, needle: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError) as err:
        load_pipeline(path)
    assert needle in str(err.value)
    assert str(path) in str(err.value)


def test_config_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputNotFoundError):
        load_pipeline(tmp_path / "none.toml")
