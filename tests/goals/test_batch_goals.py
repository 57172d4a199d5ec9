"""``highlights batch --goals``: goal pages after a batch, attachments kept by a forced re-run."""

from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from highlights.cli import cli
from highlights.store import connect
from highlights.store.goals import attachments, get_setting

NOW = datetime(2026, 4, 2, tzinfo=timezone.utc)


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), obj={"now": NOW})
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result


def test_batch_goals_pages_and_attachments_across_a_forced_rerun(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    inbox, site = tmp_path / "inbox", tmp_path / "site"
    for stem in ("2026-03-04-dana", "2026-03-11-dana"):
        inbox.mkdir(exist_ok=True)
        for src, suffix in (("meeting.vtt", ".vtt"), ("meeting.markers.txt", ".markers.txt")):
            shutil.copy(fixtures_dir / "sample" / src, inbox / f"{stem}{suffix}")
    goals = tmp_path / "goals.toml"
    shutil.copy(fixtures_dir / "sample" / "goals.toml", goals)
    batch = ["batch", str(inbox), "--out", str(site), "--workers", "1", "--no-progress"]
    invoke(*batch, "--goals", str(goals))
    assert sorted(p.name for p in (site / "goals").glob("*.html")) == [
        "billing-migration.html", "lead-a-project.html", "mentoring.html"]
    invoke("goals", "attach", "2026-03-11-dana#3", "billing-migration", "--site", str(site))
    invoke(*batch, "--force")  # the library remembers the goals file
    conn = connect(site / "highlights.db")
    try:
        assert [a.meeting_id for a in attachments(conn)] == ["2026-03-11-dana"]
        assert get_setting(conn, "goals_file") == str(goals.resolve())
    finally:
        conn.close()
    card = BeautifulSoup((site / "2026-03-11-dana" / "index.html").read_text(), "html.parser")
    links = [a["href"] for a in card.select("article.highlight p.goals a")]
    assert links == ["../goals/billing-migration.html"]
    page = BeautifulSoup((site / "goals" / "billing-migration.html").read_text(), "html.parser")
    assert len(page.select(".goal-evidence article.evidence")) == 1
