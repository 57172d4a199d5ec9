"""Real-browser fixtures: Debian's Chromium driven by Playwright for Python.

One browser per test session; each test opens its pages in a fresh context whose every
request passes a guard that records it and aborts anything that is not a ``file:`` URL.
When Chromium, Playwright or axe-core is missing the browser tests skip with the reason,
unless the ``CI`` environment variable is set: then they fail.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import pytest

from highlights.ingest.meeting import meeting_from_folder
from highlights.resources import sample_meeting_dir
from highlights.runner import RunOutcome
from highlights.site import DemoOutcome, run_meeting

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Playwright, Route

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("HIGHLIGHTS_CHROMIUM", "/usr/bin/chromium"))
AXE = Path(
    os.environ.get(
        "HIGHLIGHTS_AXE", REPO / ".venv" / "node" / "node_modules" / "axe-core" / "axe.min.js"
    )
)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def unavailable(reason: str) -> NoReturn:
    """Skip (locally) or fail (when ``CI`` is set) because the browser setup is incomplete."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason}; CI is set, so the browser tests must run", pytrace=False)
    pytest.skip(reason)


def start_chromium() -> tuple[Playwright, Browser]:
    """Start Playwright and launch the system Chromium, headless."""
    from playwright.sync_api import sync_playwright

    driver = sync_playwright().start()
    try:
        browser = driver.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
    except Exception:
        driver.stop()
        raise
    return driver, browser


@dataclass
class Guard:
    """What a page did: every request, the ones refused, console errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def route(self, route: Route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith("file:"):
            route.continue_()
        else:
            self.offsite.append(url)
            route.abort()


OpenPage = Callable[..., tuple["Page", Guard]]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
    if not CHROMIUM.is_file():
        unavailable(f"Chromium not found at {CHROMIUM} (apt-get install chromium)")
    driver, browser = start_chromium()
    yield browser
    browser.close()
    driver.stop()


@pytest.fixture(scope="session")
def axe_source() -> str:
    if not AXE.is_file():
        unavailable(f"axe-core not found at {AXE} (make setup installs it with npm)")
    return AXE.read_text(encoding="utf-8")


AXE_RUN = """async () => {
    const r = await axe.run(document, {resultTypes: ['violations'], preload: false});
    return {
        passes: r.passes.map(p => p.id),
        violations: r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length,
            targets: v.nodes.slice(0, 3).map(n => n.target.join(' '))})),
    };
}"""


@pytest.fixture(scope="session")
def check_axe(axe_source: str) -> Callable[[Page], None]:
    """Runs axe-core in a page: its key rules ran, and nothing serious or critical failed."""

    def check(page: Page) -> None:
        page.evaluate(axe_source)  # through the DevTools protocol: the page's CSP does not apply
        report = page.evaluate(AXE_RUN)
        assert {"color-contrast", "document-title", "landmark-one-main"} <= set(report["passes"])
        serious = [v for v in report["violations"] if v["impact"] in ("serious", "critical")]
        assert serious == [], serious

    return check


@pytest.fixture(scope="session")
def demo(tmp_path_factory: pytest.TempPathFactory) -> RunOutcome:
    """The bundled sample meeting, run through the whole pipeline once per session."""
    site = tmp_path_factory.mktemp("demo") / "site"
    return run_meeting(meeting_from_folder(sample_meeting_dir()), site)


@pytest.fixture(scope="session")
def goals_demo(tmp_path_factory: pytest.TempPathFactory) -> DemoOutcome:
    """``highlights demo``: the sample meeting with its goals file, attachments and reviews."""
    from datetime import datetime, timezone

    from highlights.site import run_demo

    site = tmp_path_factory.mktemp("goals-demo") / "site"
    return run_demo(site, now=datetime(2026, 4, 2, tzinfo=timezone.utc))


@pytest.fixture
def open_page(chromium: Browser) -> Iterator[OpenPage]:
    """Open a URL in a fresh, guarded browser context: ``open_page(url, **context_options)``.

    At teardown every page must have made no request outside ``file:``, logged no console
    error, thrown nothing and opened no dialog (``clean=False`` lifts this for one page).
    """
    opened: list[tuple[Any, Guard, bool]] = []

    def _open(url: str, *, clean: bool = True, **options: Any) -> tuple[Page, Guard]:
        options.setdefault("viewport", DESKTOP)
        context = chromium.new_context(**options)
        guard = Guard()
        context.route("**/*", guard.route)
        page = context.new_page()
        page.on(
            "console",
            lambda m: guard.console_errors.append(m.text) if m.type == "error" else None,
        )
        page.on("pageerror", lambda e: guard.page_errors.append(str(e)))
        page.on("dialog", lambda d: (guard.dialogs.append(d.message), d.dismiss()))
        opened.append((context, guard, clean))
        page.goto(url)
        return page, guard

    yield _open
    for context, guard, clean in opened:
        context.close()
        if clean:
            assert guard.offsite == [], "requests outside file:"
            assert guard.console_errors == [], "console errors"
            assert guard.page_errors == [], "uncaught page errors"
            assert guard.dialogs == [], "dialogs opened"
