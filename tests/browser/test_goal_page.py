"""The demo's goal page in Chromium from ``file://``: offline, clips load, chart, accessible."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from highlights.site import DemoOutcome

OpenPage = Callable[..., tuple[Any, Any]]  # the ``open_page`` fixture: (page, guard)
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
WAIT_FOR_MEDIA = """() => Array.from(document.querySelectorAll('audio'))
    .every(a => a.readyState >= 1 || a.error)"""

def _goal_page(demo: DemoOutcome) -> Path:
    return next(p for p in demo.site.goal_pages if p.name == "billing-migration.html")


def test_goal_page_loads_only_local_files_and_every_clip(
    open_page: OpenPage, goals_demo: DemoOutcome
) -> None:
    page, guard = open_page(_goal_page(goals_demo).as_uri())
    page.wait_for_function(WAIT_FOR_MEDIA)
    media = page.evaluate("""() => Array.from(document.querySelectorAll('audio')).map(a => ({
        src: a.currentSrc, ready: a.readyState, error: a.error ? a.error.code : null}))""")
    assert len(media) == 4  # three attached, one suggested
    for m in media:
        assert m["error"] is None and m["ready"] >= 1, m
        assert Path(unquote(urlsplit(m["src"]).path)).parent.name == "clips"
    assert guard.offsite == [] and all(url.startswith("file:") for url in guard.requests)
    assert guard.console_errors == [] and guard.page_errors == []
    box = page.locator("figure.chart svg").bounding_box()
    assert box is not None and box["width"] > 300 and box["height"] > 100
    assert page.locator("figure.chart circle.review").count() == 2
    link = page.locator(".goal-evidence h3 a").first
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("/sample/index.html#h-ed90b39bda39")


def test_goal_page_fits_a_phone_screen(open_page: OpenPage, goals_demo: DemoOutcome) -> None:
    page, _ = open_page(_goal_page(goals_demo).as_uri(), viewport=PHONE)
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"]


@pytest.mark.parametrize(
    ("which", "options"),
    [
        ("goal", {"viewport": DESKTOP}),
        ("goal", {"viewport": PHONE}),
        ("goal", {"viewport": DESKTOP, "color_scheme": "dark"}),
        ("index", {"viewport": DESKTOP}),
    ],
    ids=["goal-desktop", "goal-phone", "goal-dark", "index-with-goals"],
)
def test_goal_page_axe_finds_no_serious_violations(
    open_page: OpenPage,
    goals_demo: DemoOutcome,
    check_axe: Callable[[Any], None],
    which: str,
    options: dict[str, Any],
) -> None:
    path = _goal_page(goals_demo) if which == "goal" else goals_demo.site.index
    page, _ = open_page(path.as_uri(), **options)
    check_axe(page)
