"""``highlights goals``: every command on a demo site, exit codes, and bad input that
changes nothing."""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from highlights.cli import cli
from highlights.site import run_demo
from highlights.store import connect

from .conftest import dump

NOW = datetime(2026, 4, 2, 8, 0, tzinfo=timezone.utc)
STRUCTURAL = ["toml_syntax_error.toml", "unknown_field.toml", "duplicate_id.toml",
              "missing_title.toml", "level_outside_scale.toml", "bad_deadline.toml"]


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("demo") / "site"
    run_demo(site, now=NOW)
    return site


@pytest.fixture
def site(demo_site: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "site"
    shutil.copytree(demo_site, copy)
    return copy


def invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), obj={"now": NOW})


def library(site: Path) -> list[str]:
    conn = connect(site / "highlights.db")
    try:
        return dump(conn)
    finally:
        conn.close()


def pages(site: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in site.rglob("*.html")}


def test_cli_goals_check_lints_with_file_and_line(fixtures_dir: Path, tmp_path: Path) -> None:
    sample = fixtures_dir / "sample" / "goals.toml"
    result = invoke("goals", "check", str(sample), "--today", "2026-03-04")
    assert result.exit_code == 1
    assert f"{sample}:38: mentoring: [M] missing: no measurable" in result.stdout
    assert "4 findings in 1 of 3 goals" in result.stderr
    clean = tmp_path / "clean.toml"
    clean.write_text(sample.read_text().split('[[goal]]\nid = "mentoring"')[0])
    result = invoke("goals", "check", str(clean), "--today", "2026-03-04")
    assert result.exit_code == 0 and result.stdout.startswith("OK: ")
    late = invoke("goals", "check", str(clean), "--today", "2026-05-01")
    assert late.exit_code == 1 and "deadline 2026-04-30 has already passed" in late.stdout


@pytest.mark.parametrize("name", STRUCTURAL)
def test_cli_goals_bad_file_is_an_error_with_file_and_line(
    fixtures_dir: Path, site: Path, name: str
) -> None:
    bad = fixtures_dir / "goals" / name
    result = invoke("goals", "check", str(bad))
    assert result.exit_code == 1 and f"{bad}:" in result.stderr
    before, shown = library(site), pages(site)
    for args in (["goals", "list"], ["goals", "attach", "ed90b39bda39", "mentoring"],
                 ["goals", "review", "mentoring", "--level", "0"]):
        result = invoke(*args, "--site", str(site), "--goals", str(bad))
        assert result.exit_code == 1, args
        assert f"{bad}:" in result.stderr and "error: [H011]" in result.stderr
    assert library(site) == before and pages(site) == shown


def test_cli_goals_run_with_bad_goals_file_changes_nothing(
    fixtures_dir: Path, site: Path
) -> None:
    bad = fixtures_dir / "goals" / "duplicate_id.toml"
    before, shown = library(site), pages(site)
    result = invoke("run", str(fixtures_dir / "sample"), "--out", str(site), "--goals", str(bad))
    assert result.exit_code == 1 and f"{bad}:6" in result.stderr
    assert library(site) == before and pages(site) == shown
    fresh = site.parent / "fresh"
    for command in ("run", "batch"):
        result = invoke(command, str(fixtures_dir / "sample"), "--out", str(fresh), "--goals",
                        str(bad))
        assert result.exit_code == 1 and f"{bad}:6" in result.stderr
        assert not fresh.exists()


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["attach", "nope", "mentoring"], "unknown highlight 'nope'"),
        (["attach", "ed90b39bda39", "ghost"], "unknown goal 'ghost'"),
        (["detach", "f9f68d4b96d1", "mentoring"], "is not attached to goal 'mentoring'"),
        (["review", "ghost", "--level", "1"], "unknown goal 'ghost'"),
        (["export", "ghost"], "unknown goal 'ghost'"),
        (["suggest", "--goal", "ghost"], "unknown goal 'ghost'"),
    ],
)
def test_cli_goals_unknown_ids_exit_1_naming_them_and_change_nothing(
    site: Path, args: list[str], needle: str
) -> None:
    before, shown = library(site), pages(site)
    result = invoke("goals", *args, "--site", str(site))
    assert result.exit_code == 1 and needle in result.stderr
    assert library(site) == before and pages(site) == shown


def test_cli_goals_review_level_outside_the_scale_is_a_usage_error(site: Path) -> None:
    before = library(site)
    result = invoke("goals", "review", "mentoring", "--level", "3", "--site", str(site))
    assert result.exit_code == 2 and "--level" in result.stderr
    assert library(site) == before


def test_cli_goals_without_a_library_says_how_to_make_one(tmp_path: Path) -> None:
    result = invoke("goals", "list", "--site", str(tmp_path))
    assert result.exit_code == 1 and "no library here" in result.stderr
    assert not (tmp_path / "highlights.db").exists()


def test_cli_goals_attach_detach_and_review_re_render_the_pages(site: Path) -> None:
    hid = "5f559e9e683b"
    result = invoke("goals", "attach", hid, "mentoring", "--note", "Priya's PR <3",
                    "--site", str(site))
    assert result.exit_code == 0 and "Attached: sample highlight 5f559e9e683b -> mentoring" \
        in result.stdout

    def card_goals() -> list[str]:
        soup = BeautifulSoup((site / "sample" / "index.html").read_text(), "html.parser")
        return [a.get_text() for a in soup.select(f"#h-{hid} p.goals a")]

    goal_page = site / "goals" / "mentoring.html"
    assert card_goals() == ["Mentor a junior engineer"]
    assert "Priya's PR <3" in BeautifulSoup(goal_page.read_text(), "html.parser").get_text()
    again = invoke("goals", "attach", "sample#5", "mentoring", "--site", str(site))
    assert again.exit_code == 0 and "Already attached" in again.stdout
    result = invoke("goals", "review", "mentoring", "--level", "-2", "--note", "not started",
                    "--site", str(site))
    assert result.exit_code == 0 and "Recorded review of mentoring on 2026-04-02: level −2" \
        in result.stdout
    soup = BeautifulSoup(goal_page.read_text(), "html.parser")
    assert len(soup.select("figure.chart circle.review")) == 1
    result = invoke("goals", "detach", hid, "mentoring", "--site", str(site))
    assert result.exit_code == 0 and card_goals() == []


def test_cli_goals_list_and_suggest(site: Path) -> None:
    result = invoke("goals", "list", "--site", str(site), "--json")
    rows = {r["id"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert rows["billing-migration"]["evidence"] == 3
    assert rows["billing-migration"]["latest"]["level"] == 0
    assert rows["mentoring"]["smart"] == "S----"
    text = invoke("goals", "list", "--site", str(site)).stdout
    assert "billing-migration  [SMART]  Lead the billing migration to cut-over" in text
    result = invoke("goals", "suggest", "--site", str(site), "--goal", "mentoring")
    assert result.exit_code == 0
    assert "mentoring  <-  sample#5 (5f559e9e683b)" in result.stdout
    assert "\"Also, can you review Priya's PR on the export service?\" — Dana" in result.stdout
    assert "why: mentions 'review', 'PR', 'export service'" in result.stdout
    assert "attach: highlights goals attach 5f559e9e683b mentoring" in result.stdout


def test_cli_goals_suggest_semantic_model_missing_falls_back_to_words(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    result = invoke("goals", "suggest", "--site", str(site), "--semantic", "no-such-model")
    assert result.exit_code == 0 and "suggesting by words and tags only" in result.stderr
    assert "why:" in result.stdout


def test_cli_goals_export_pack_md_and_html(site: Path, tmp_path: Path) -> None:
    md = invoke("goals", "export", "billing-migration", "--site", str(site))
    assert md.exit_code == 0 and md.stdout.startswith("# Evidence: Lead the billing")
    assert md.stdout.count("\n> — ") == 3
    out = tmp_path / "pack.html"
    result = invoke("goals", "export", "billing-migration", "--format", "html", "--out",
                    str(out), "--site", str(site))
    assert result.exit_code == 0 and "3 highlights" in result.stderr
    soup = BeautifulSoup(out.read_text(), "html.parser")
    assert len(soup.select("ol.items blockquote")) == 3
    assert all("#t=" in a["href"] for a in soup.select(".trace a"))


def test_cli_goals_links_export_import_round_trip(site: Path, tmp_path: Path,
                                                  demo_site: Path) -> None:
    out = tmp_path / "links.json"
    assert invoke("goals", "export-links", str(out), "--site", str(site)).exit_code == 0
    data = json.loads(out.read_text())
    assert len(data["attachments"]) == 4 and len(data["reviews"]) == 2
    conn = connect(site / "highlights.db")
    with conn:
        conn.execute("DELETE FROM attachments")
        conn.execute("DELETE FROM reviews")
    conn.close()
    result = invoke("goals", "import-links", str(out), "--site", str(site))
    assert result.exit_code == 0 and "Imported 4 attachments and 2 reviews" in result.stdout
    assert invoke("goals", "export-links", "-", "--site", str(site)).stdout == out.read_text()
    assert library(site) == library(demo_site)


def test_cli_goals_import_bad_links_names_file_and_item(site: Path, tmp_path: Path) -> None:
    bad = tmp_path / "links.json"
    bad.write_text(json.dumps({"format": "highlights-goal-links", "version": 1, "attachments": [
        {"goal": "mentoring", "highlight": "5f559e9e683b"},
        {"goal": "mentoring", "highlight": "gone"}]}))
    before, shown = library(site), pages(site)
    result = invoke("goals", "import-links", str(bad), "--site", str(site))
    assert result.exit_code == 1
    assert f"{bad}: attachments[1]: unknown highlight 'gone'" in result.stderr
    assert library(site) == before and pages(site) == shown


def test_cli_goals_missing_goals_file_uses_the_snapshot(site: Path, tmp_path: Path,
                                                        fixtures_dir: Path) -> None:
    goals = tmp_path / "goals.toml"
    shutil.copy(fixtures_dir / "sample" / "goals.toml", goals)
    assert invoke("goals", "list", "--site", str(site), "--goals", str(goals)).exit_code == 0
    goals.unlink()
    result = invoke("goals", "list", "--site", str(site))
    assert result.exit_code == 0 and f"goals file {goals} not found" in result.stderr
    assert "billing-migration" in result.stdout


def test_cli_goals_wait_for_a_batch_writing_the_site(site: Path) -> None:
    from highlights.sitelock import lock_site

    before, html = library(site), pages(site)
    with lock_site(site):  # a batch or a run is writing this site
        for args in (["goals", "list"], ["goals", "attach", "ed90b39bda39", "mentoring"]):
            result = invoke(*args, "--site", str(site))
            assert result.exit_code == 1, result.output
            assert "is writing to this site; wait for it to finish" in result.output
    assert library(site) == before and pages(site) == html
    after = invoke("goals", "attach", "ed90b39bda39", "mentoring", "--site", str(site))
    assert after.exit_code == 0, after.output
