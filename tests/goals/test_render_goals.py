"""Goal pages, the index's goal list and evidence packs, parsed: content, escaping, policy."""

from __future__ import annotations

import base64
import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from highlights.goals.evidence import GoalReport, goal_reports
from highlights.goals.goalfile import load_goals
from highlights.goals.model import Review
from highlights.render_goals import GOAL_CSP, md_escape, page_names, write_pack
from highlights.site import refresh_site
from highlights.store.goals import attach, record_review, stored_goals, sync_goals, transaction

from .conftest import NOW

EVIL = '<script>alert(1)</script>"onerror=alert(2)'


@pytest.fixture
def site(lib: sqlite3.Connection, tmp_path: Path) -> Path:
    with transaction(lib):
        attach(lib, "billing-migration", "0304h2", note=f"metric {EVIL}", created=NOW)
        attach(lib, "billing-migration", "0311h1", note="", created=NOW)
        record_review(lib, Review("billing-migration", "2026-03-04", -1, "slow"), created=NOW)
        record_review(lib, Review("billing-migration", "2026-03-31", 1, EVIL), created=NOW)
    site = tmp_path / "site"
    refresh_site(lib, site)
    return site


def _soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def test_render_goals_page_shows_smart_scale_reviews_and_evidence(site: Path) -> None:
    soup = _soup(site / "goals" / "billing-migration.html")
    assert soup.h1 is not None and soup.h1.get_text() == "Lead the billing migration to cut-over"
    smart = {dt.get_text(" ", strip=True): div["class"] for div in soup.select(".smart-card > div")
             for dt in div.select("dt")}
    assert smart == {f"{k} {n}": ["filled"] for k, n in (
        ("S", "Specific"), ("M", "Measurable"), ("A", "Achievable"), ("R", "Relevant"),
        ("T", "Time-bound"))}
    scale = [tr.get_text(" ", strip=True) for tr in soup.select("table.scale tbody tr")]
    assert scale[0].startswith("+2 Migration live") and scale[-1].startswith("−2")
    assert [tr.th.get_text() for tr in soup.select("table.scale tr.latest")] == ["+1"]
    rows = [[td.get_text() for td in tr.select("td")]
            for tr in soup.select("table.reviews tbody tr")]
    assert [r[:2] for r in rows] == [["2026-03-04", "−1"], ["2026-03-31", "+1"]]
    assert rows[1][3] == EVIL  # escaped text, not markup
    quotes = [q.get_text() for q in soup.select(".goal-evidence blockquote.key p")]
    assert quotes == ["The invoice error rate must go from 15% to 10%.",
                      "I'm blocked on access to the staging database for the migration."]
    first = soup.select(".goal-evidence article.evidence")[0]
    assert first.select_one("audio")["src"] == "../2026-03-04-dana/clips/02.mp3"
    assert first.select_one("a.open")["href"].endswith("recordings/2026-03-04.mp3#t=10.000,18.000")
    assert first.select_one("h3 a")["href"] == "../2026-03-04-dana/index.html#h-0304h2"
    assert "METRIC matches" not in first.get_text()  # attached, so no reasons
    suggested = soup.select(".goal-suggested article.evidence")
    assert suggested and all(s.select_one(".reasons") for s in suggested)
    assert "0304h2" not in {s["id"][2:-2] for s in suggested}


def test_render_goals_chart_is_accessible_svg_without_inline_style(site: Path) -> None:
    html = (site / "goals" / "billing-migration.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    svg = soup.select_one("figure.chart svg")
    assert svg is not None and svg["role"] == "img"
    assert svg["aria-labelledby"] == "chart-title chart-desc"
    assert "2 reviews from 2026-03-04 to 2026-03-31" in soup.select_one("#chart-desc").get_text()
    circles = svg.select("circle.review")
    assert [c.title.get_text() for c in circles] == ["2026-03-04: level −1", "2026-03-31: level +1"]
    assert float(circles[0]["cy"]) > float(circles[1]["cy"])  # higher level, higher up
    assert {m["class"][1] for m in svg.select("line.mark")} == {"planned", "deadline"}
    assert not soup.select("[style]") and not soup.select("style") and not soup.select("script")
    meta = soup.select_one('meta[http-equiv="Content-Security-Policy"]')
    assert meta is not None and meta["content"] == GOAL_CSP
    assert "<script>alert" not in html


def test_render_goals_index_lists_goals_with_latest_level_and_evidence(site: Path) -> None:
    soup = _soup(site / "index.html")
    rows = {tr.a.get_text(): [td.get_text(" ", strip=True) for td in tr.select("td")]
            for tr in soup.select("table.goal-list tbody tr")}
    assert rows["Lead the billing migration to cut-over"][1:3] == [
        "+1 Migration live by the end of April with an 8% invoice error rate, 2026-03-31", "2"]
    assert rows["Mentor a junior engineer"][1:3] == ["Not reviewed yet", "0"]
    hrefs = [a["href"] for a in soup.select("table.goal-list a")]
    assert hrefs == ["goals/billing-migration.html", "goals/lead-a-project.html",
                     "goals/mentoring.html"]
    assert all((site / h).is_file() for h in hrefs)


def test_render_goals_stale_pages_are_removed(lib: sqlite3.Connection, site: Path,
                                              goals_file: Path) -> None:
    (site / "goals" / "old-goal.html").write_text("stale")
    text = goals_file.read_text()
    goals_file.write_text(text[: text.index('[[goal]]\nid = "mentoring"')])
    with transaction(lib):
        sync_goals(lib, load_goals(goals_file), str(goals_file))
    refresh_site(lib, site)
    assert sorted(p.name for p in (site / "goals").glob("*.html")) == [
        "billing-migration.html", "lead-a-project.html"]  # mentoring has nothing attached


def test_render_goals_page_names_are_safe_and_distinct() -> None:
    names = page_names(["a-b", "a--b", "index.html", "x"])
    assert names["a-b"] == "a-b" and names["a--b"].startswith("a-b-")
    assert names["index.html"] != "index" and len(set(names.values())) == 4


def _report(lib: sqlite3.Connection, goal: str = "billing-migration") -> GoalReport:
    (report,) = goal_reports(lib, [s for s in stored_goals(lib) if s.goal.id == goal])
    return report


def test_render_goals_evidence_pack_html_is_self_contained_and_traceable(
    lib: sqlite3.Connection, site: Path, tmp_path: Path
) -> None:
    from datetime import date

    out = tmp_path / "packs" / "billing.html"
    write_pack(_report(lib), out, fmt="html", today=date(2026, 4, 2))
    html = out.read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    style = soup.select_one("style")
    assert style is not None and not soup.select("link, script, [style]")
    digest = base64.b64encode(hashlib.sha256(style.string.encode()).digest()).decode()
    csp = soup.select_one('meta[http-equiv="Content-Security-Policy"]')["content"]
    assert f"style-src 'sha256-{digest}'" in csp and "default-src 'none'" in csp
    items = soup.select("ol.items > li")
    assert [i.blockquote.p.get_text() for i in items] == [
        "The invoice error rate must go from 15% to 10%.",
        "I'm blocked on access to the staging database for the migration."]
    first = items[0]
    assert "— Dana (manager)" in first.blockquote.footer.get_text()
    assert "2026-03-04" in first.h3.get_text() and "0:00:10.000–0:00:18.000" in first.h3.get_text()
    link = first.select_one(".trace a")
    assert link.get_text() == "2026-03-04.mp3"
    assert link["href"].endswith("recordings/2026-03-04.mp3#t=10.000,18.000")
    assert "Exported 2026-04-02" in html and "<script>alert" not in html


def test_render_goals_evidence_pack_markdown_escapes_text(lib: sqlite3.Connection,
                                                         site: Path) -> None:
    from datetime import date

    text = write_pack(_report(lib), None, fmt="md", today=date(2026, 4, 2))
    assert "# Evidence: Lead the billing migration to cut-over" in text
    assert "> The invoice error rate must go from 15% to 10%." in text
    assert "> — Dana (manager)" in text
    assert "0:00:10.000 to 0:00:18.000" in text
    assert re.search(r"\[2026-03-04\.mp3\]\(<[^>]*recordings/2026-03-04\.mp3#t=10\.000,18\.000>\)",
                     text)
    assert "\\<script\\>alert(1)\\</script\\>" in text  # the review note, inert
    assert "<script>" not in text


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a *b* _c_ `d`", "a \\*b\\* \\_c\\_ \\`d\\`"),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("1. first", "1\\. first"),
        ("[x](javascript:y)", "\\[x\\](javascript:y)"),
        ("a | b", "a \\| b"),
        ("line\nbreak", "line break"),
        ("&amp;", "\\&amp;"),
    ],
)
def test_render_goals_md_escape(text: str, escaped: str) -> None:
    assert md_escape(text) == escaped
