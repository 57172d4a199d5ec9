"""Screenshots of the demo digest for the README: desktop and phone width, and a goal page.

Runs the bundled sample meeting into a temporary folder, opens its page in the system
Chromium and writes ``fixtures/screenshots/digest.png`` (1280 px wide) and
``digest-phone.png`` (390 px wide, at twice the pixel density); then ``goal.png``, the demo's
goal page (1280 px wide, the whole page).

    python tests/browser/make_screenshots.py [--out fixtures/screenshots]
"""

from __future__ import annotations

import argparse
import tempfile
from datetime import datetime, timezone
from pathlib import Path

from conftest import REPO, start_chromium

from highlights.ingest.meeting import meeting_from_folder
from highlights.resources import sample_meeting_dir
from highlights.runner import process_meeting
from highlights.site import run_demo

SHOTS = (
    ("digest.png", {"width": 1280, "height": 1000}, 1),
    ("digest-phone.png", {"width": 390, "height": 844}, 2),
)
MEDIA_READY = "() => Array.from(document.querySelectorAll('audio')).every(a => a.readyState >= 1)"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "fixtures" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        outcome = process_meeting(meeting_from_folder(sample_meeting_dir()), Path(tmp) / "site")
        driver, browser = start_chromium()
        try:
            for name, viewport, scale in SHOTS:
                context = browser.new_context(
                    viewport=viewport, device_scale_factor=scale, color_scheme="light"
                )
                page = context.new_page()
                page.goto(outcome.page.as_uri())
                page.wait_for_function(MEDIA_READY)
                page.screenshot(path=str(args.out / name))
                context.close()
                print(args.out / name)
            demo = run_demo(Path(tmp) / "goals-site", now=datetime.now(timezone.utc))
            goal = next(p for p in demo.site.goal_pages if p.name == "billing-migration.html")
            context = browser.new_context(viewport=SHOTS[0][1], color_scheme="light")
            page = context.new_page()
            page.goto(goal.as_uri())
            page.wait_for_function(MEDIA_READY)
            page.screenshot(path=str(args.out / "goal.png"), full_page=True)
            context.close()
            print(args.out / "goal.png")
        finally:
            browser.close()
            driver.stop()


if __name__ == "__main__":
    main()
