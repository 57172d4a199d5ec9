"""The goals feature end to end, through the real runner and the command line.

Two meetings go into a site with a goals file; the suggested highlights are attached; one
meeting is re-processed with different rules (its tags change); every attachment is still
there and still resolves; two reviews chart where they should; the goal page shows every
attached quote and the meeting cards link to it.
"""

from __future__ import annotations

import json
import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from click.testing import CliRunner, Result

from highlights.cli import cli
from highlights.goals.chart import review_chart
from highlights.goals.model import Review
from highlights.store import connect, load_meeting, orphan_attachments

NOW = datetime(2026, 4, 1, 9, 30, tzinfo=timezone.utc)
EXTRA_RULE = {"id": "risk.staging", "label": "RISK", "description": "mentions staging",
              "pattern": [{"LOWER": "staging"}]}


def invoke(*args: str) -> Result:
    result = CliRunner().invoke(cli, list(args), obj={"now": NOW})
    assert result.exit_code == 0, (args, result.output, result.stderr)
    return result


def meeting_folder(inbox: Path, fixtures: Path, meeting_id: str, *, audio: bool) -> Path:
    folder = inbox / meeting_id
    folder.mkdir(parents=True)
    for name in ["meeting.vtt", "meeting.markers.txt"] + (["meeting.mp3"] if audio else []):
        shutil.copy(fixtures / "sample" / name, folder / name)
    toml = (fixtures / "sample" / "meeting.toml").read_text(encoding="utf-8")
    toml = toml.replace('date = "2026-03-04"', f'date = "{meeting_id[:10]}"')
    if not audio:
        toml = toml.replace('audio = "meeting.mp3"\n', "")
    (folder / "meeting.toml").write_text(toml, encoding="utf-8")
    return folder


def attached(site: Path) -> set[tuple[str, str, str]]:
    conn = connect(site / "highlights.db")
    try:
        rows = conn.execute("SELECT a.goal_id, a.highlight_id, a.meeting_id FROM attachments a "
                            "JOIN highlights h ON h.id = a.highlight_id").fetchall()
        assert orphan_attachments(conn) == []
        return {(str(g), str(h), str(m)) for g, h, m in rows}
    finally:
        conn.close()


def test_goals_survive_reprocessing_and_show_on_the_goal_page(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    inbox, site = tmp_path / "inbox", tmp_path / "site"
    first = meeting_folder(inbox, fixtures_dir, "2026-03-04-dana", audio=True)
    second = meeting_folder(inbox, fixtures_dir, "2026-03-11-dana", audio=False)
    goals = tmp_path / "goals.toml"
    shutil.copy(fixtures_dir / "sample" / "goals.toml", goals)

    invoke("run", str(first), str(second), "--out", str(site), "--goals", str(goals))
    out = invoke("goals", "suggest", "--site", str(site), "--json", "--limit", "50")
    suggestions: list[dict[str, Any]] = [json.loads(line) for line in out.stdout.splitlines()]
    wanted = [s for s in suggestions if s["goal"] == "billing-migration"]
    assert {s["meeting"] for s in wanted} == {"2026-03-04-dana", "2026-03-11-dana"}
    assert all(s["reasons"] for s in wanted)
    for s in wanted:  # no --goals: the library remembers the file
        invoke("goals", "attach", s["highlight"], "billing-migration", "--site", str(site))
    invoke("goals", "attach", "2026-03-11-dana#5", "mentoring", "--site", str(site),
           "--note", "Priya's PR")
    invoke("goals", "review", "billing-migration", "--level", "-1", "--date", "2026-03-04",
           "--site", str(site))
    invoke("goals", "review", "billing-migration", "--level", "1", "--site", str(site))
    before = attached(site)
    assert len(before) == len(wanted) + 1

    conn = connect(site / "highlights.db")
    old = load_meeting(conn, "2026-03-04-dana")
    conn.close()
    rules = tmp_path / "extra.jsonl"
    rules.write_text(json.dumps(EXTRA_RULE) + "\n", encoding="utf-8")
    invoke("run", str(first), "--out", str(site), "--rules", str(rules))

    conn = connect(site / "highlights.db")
    new = load_meeting(conn, "2026-03-04-dana")
    conn.close()
    assert old is not None and new is not None
    assert any("RISK" in h.labels for h in new.highlights)
    assert [h.labels for h in new.highlights] != [h.labels for h in old.highlights]
    assert attached(site) == before  # every attachment kept, and each still resolves

    page = site / "goals" / "billing-migration.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    shown = [q.get_text() for q in soup.select(".goal-evidence blockquote.key p")]
    conn = connect(site / "highlights.db")
    stored = [load_meeting(conn, m) for m in ("2026-03-04-dana", "2026-03-11-dana")]
    conn.close()
    highlights = {h.id: h for m in stored if m is not None for h in m.highlights}
    for goal, hid, _meeting in before:
        key = highlights[hid].key
        if goal == "billing-migration":
            assert key is not None and key.text in shown, hid
    assert len(shown) == len(wanted)
    with_audio = [s for s in wanted if s["meeting"] == "2026-03-04-dana"]
    assert len(soup.select(".goal-evidence audio")) == len(with_audio)  # clips need audio

    circles = soup.select("figure.chart circle.review")
    chart = review_chart([Review("billing-migration", "2026-03-04", -1),
                          Review("billing-migration", "2026-04-01", 1)],
                         ["2026-03-04", "2026-03-31", "2026-04-30"], "2026-04-30")
    assert [(float(c["cx"]), float(c["cy"])) for c in circles] == [
        (p.x, p.y) for p in chart.points]
    rows = [[td.get_text() for td in tr.select("td")][:2]
            for tr in soup.select("table.reviews tbody tr")]
    assert rows == [["2026-03-04", "−1"], ["2026-04-01", "+1"]]

    meeting_page = site / "2026-03-04-dana" / "index.html"
    card = BeautifulSoup(meeting_page.read_text(encoding="utf-8"), "html.parser").select_one(
        f"#h-{with_audio[0]['highlight']}")
    assert card is not None
    assert [a["href"] for a in card.select("p.goals a")] == ["../goals/billing-migration.html"]
    index = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    row = index.select_one('table.goal-list a[href="goals/billing-migration.html"]')
    assert row is not None
    cells = [td.get_text(" ", strip=True) for td in row.find_parent("tr").select("td")]
    assert cells[1].startswith("+1 ") and cells[2] == str(len(wanted))


def test_goals_evidence_pack_traces_recordings_and_transcripts(
    tmp_path: Path, fixtures_dir: Path
) -> None:
    inbox, site = tmp_path / "inbox", tmp_path / "site"
    first = meeting_folder(inbox, fixtures_dir, "2026-03-04-dana", audio=True)
    second = meeting_folder(inbox, fixtures_dir, "2026-03-11-dana", audio=False)
    goals = fixtures_dir / "sample" / "goals.toml"
    invoke("run", str(first), str(second), "--out", str(site), "--goals", str(goals))
    invoke("goals", "attach", "2026-03-04-dana#3", "billing-migration", "--site", str(site))
    invoke("goals", "attach", "2026-03-11-dana#3", "billing-migration", "--site", str(site))
    out = tmp_path / "packs" / "billing.md"
    invoke("goals", "export", "billing-migration", "--out", str(out), "--site", str(site))
    text = out.read_text(encoding="utf-8")
    assert text.count("> The number that counts is the invoice error rate, from 15% to 10%.") == 2
    recording = "../inbox/2026-03-04-dana/meeting.mp3"
    assert f"Recording: [meeting.mp3](<{recording}#t=" in text
    assert "Transcript: meeting.vtt from 0:01:" in text
    assert text.index("2026-03-04 · Weekly") < text.index("2026-03-11 · Weekly")
