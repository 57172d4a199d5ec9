"""The command line: help with examples, exit codes, messages naming files, JSON lines."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from highlights.cli import cli


def _commands(group: click.Group, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in sorted(group.commands.items()):
        out.append((*prefix, name))
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, (*prefix, name)))
    return out


@pytest.mark.parametrize("command", [(), *_commands(cli)])
def test_cli_every_command_has_help_with_example(command: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert "highlights" in result.output.split("Example", 1)[1]


def test_cli_usage_error_exits_2() -> None:
    result = CliRunner().invoke(cli, ["run", "--out", "x"])
    assert result.exit_code == 2
    result = CliRunner().invoke(cli, ["nonsense"])
    assert result.exit_code == 2


def test_cli_run_missing_folder_exits_1_naming_it(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["run", str(tmp_path / "absent"), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "absent" in result.stderr and "error:" in result.stderr


def test_cli_run_bad_transcript_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.srt"
    bad.write_text("1\n00:00:01,000 --> 00:00:02,000\nhi\n\n2\n00:00:0x,000 --> 00:00:03,000\nyo\n")
    result = CliRunner().invoke(
        cli, ["run", "--transcript", str(bad), "--out", str(tmp_path / "site")]
    )
    assert result.exit_code == 1
    assert f"{bad}:6" in result.stderr


def test_cli_run_garbled_marker_time(tmp_path: Path, fixtures_dir: Path) -> None:
    markers = tmp_path / "m.markers.txt"
    markers.write_text("00:00:10\nsoon-ish\n")
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--transcript",
            str(fixtures_dir / "sample" / "meeting.vtt"),
            "--markers",
            str(markers),
            "--out",
            str(tmp_path / "site"),
        ],
    )
    assert result.exit_code == 1
    assert f"{markers}:2" in result.stderr
    assert not (tmp_path / "site" / "meeting").exists()


def test_cli_run_unknown_format(tmp_path: Path) -> None:
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04 not a transcript")
    result = CliRunner().invoke(cli, ["run", "--transcript", str(odd), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "notes.docx" in result.stderr


def test_cli_run_marker_past_end_exits_1_but_writes_digest(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    markers = tmp_path / "m.markers.txt"
    markers.write_text("00:00:49\n02:00:00\n")
    sample = fixtures_dir / "sample"
    result = CliRunner().invoke(
        cli,
        [
            "run",
            "--transcript",
            str(sample / "meeting.vtt"),
            "--markers",
            str(markers),
            "--out",
            str(tmp_path / "site"),
            "--id",
            "m",
        ],
    )
    assert result.exit_code == 1
    assert "past the end" in result.stderr and "m.markers.txt:2" in result.stderr
    assert (tmp_path / "site" / "m" / "index.html").is_file()


def test_cli_tag_prints_json_lines(fixtures_dir: Path) -> None:
    result = CliRunner().invoke(
        cli,
        ["tag", str(fixtures_dir / "sample" / "meeting.vtt"), "--role", "Dana=manager", "--tagged"],
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert rows
    for row in rows:
        assert {"start_ms", "end_ms", "speaker", "text", "labels", "rules"} <= set(row)
        assert row["labels"] and row["rules"]
        assert row["start_ms"] <= row["end_ms"]
    assert any(r["role"] == "manager" for r in rows)


def test_cli_tag_bad_role_is_usage_error(fixtures_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["tag", str(fixtures_dir / "sample" / "meeting.vtt"), "--role", "Dana"]
    )
    assert result.exit_code == 2


def test_cli_demo_runs_from_another_directory(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    proc = subprocess.run(
        [sys.executable, "-m", "highlights.cli", "demo", "--out", str(out)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    page = Path(proc.stdout.strip().splitlines()[-1].split(": ", 1)[1])
    assert page.is_file() and page.name == "index.html"
    assert page.parent.parent == out.resolve()
