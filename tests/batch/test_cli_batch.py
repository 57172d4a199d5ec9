"""``highlights batch``: a real process pool, progress lines, summary and exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from highlights.cli import cli
from highlights.store import connect, table_counts


def test_cli_batch_processes_reports_and_exits_1_on_a_bad_meeting(
    inbox: Path, tmp_path: Path
) -> None:
    (inbox / "sam" / "2026-03-19-sam.vtt").write_text("WEBVTT\n\n00:00:05.000 --> 0x\nhi\n")
    site = tmp_path / "site"
    result = CliRunner().invoke(cli, ["batch", str(inbox), "--out", str(site), "--workers", "2"])
    assert result.exit_code == 1, result.output
    err = result.stderr
    assert "Found 6 meetings (3 folders, 3 stem groups): 6 to process, 0 unchanged" in err
    assert "[6/6 " in err and "2026-03-18-dana: 5 highlights" in err  # plain lines: no tty
    assert "Done in" in result.stdout
    assert "5 processed, 0 skipped as unchanged, 1 failed." in result.stdout
    failed = [ln for ln in err.splitlines() if ln.startswith("failed:")]
    assert len(failed) == 1 and "2026-03-19-sam.vtt" in failed[0]
    assert table_counts(connect(site / "highlights.db"))["meetings"] == 5

    (inbox / "sam" / "2026-03-19-sam.vtt").unlink()
    again = CliRunner().invoke(cli, ["batch", str(inbox), "--out", str(site), "--no-progress"])
    assert again.exit_code == 0, again.output
    assert "0 processed, 5 skipped as unchanged, 0 failed." in again.stdout
    assert "[1/" not in again.stderr


def test_cli_batch_db_option_and_dry_run(inbox: Path, tmp_path: Path) -> None:
    db = tmp_path / "lib" / "meetings.db"
    site = tmp_path / "site"
    result = CliRunner().invoke(
        cli, ["batch", str(inbox), "--out", str(site), "--db", str(db), "--dry-run"]
    )
    assert result.exit_code == 0, result.output
    assert "5 to process" in result.stderr
    assert db.is_file() and not (site / "highlights.db").exists()
    assert not (site / "index.html").exists()


def test_cli_batch_usage_errors_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(cli, ["batch", str(tmp_path)]).exit_code == 2
    assert CliRunner().invoke(cli, ["batch", "--out", str(tmp_path)]).exit_code == 2
    bad = ["batch", str(tmp_path), "--out", str(tmp_path / "s"), "--workers", "0"]
    assert CliRunner().invoke(cli, bad).exit_code == 2


def test_cli_batch_bad_manifest_exits_1_naming_it(tmp_path: Path) -> None:
    manifest = tmp_path / "m.csv"
    manifest.write_text("id,recording_file\nx,y.mp3\n")
    result = CliRunner().invoke(cli, ["batch", str(manifest), "--out", str(tmp_path / "s")])
    assert result.exit_code == 1
    assert f"{manifest}:1" in result.stderr and "recording_file" in result.stderr
