"""Progress: plain lines when not on a terminal, a bar on one, nothing when quiet."""

from __future__ import annotations

import io
import re

from highlights.batch.models import Done
from highlights.batch.progress import BarProgress, LineProgress, NoProgress, make_progress


class Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_batch_progress_plain_lines() -> None:
    out = io.StringIO()
    progress = make_progress(out)
    assert isinstance(progress, LineProgress)
    progress.start(2)
    progress.done(Done("2026-03-04-dana", 5, 2.44, ("marker 6 is past the end",)))
    progress.done(Done("2026-03-11-dana", 0, 0.1, error="[H003] x.vtt:1: bad"))
    first, second = out.getvalue().splitlines()
    assert re.fullmatch(
        r"\[1/2 0:\d\d, ~0:\d\d left\] 2026-03-04-dana: 5 highlights in 2\.4 s \(1 warning\)", first
    )
    assert re.fullmatch(r"\[2/2 0:\d\d\] 2026-03-11-dana: failed", second)


def test_batch_progress_bar_on_a_terminal() -> None:
    out = Tty()
    progress = make_progress(out)
    assert isinstance(progress, BarProgress)
    progress.start(2)
    progress.done(Done("m1", 1, 1.0))
    progress.done(Done("m2", 3, 1.0))
    progress.close()
    text = out.getvalue()
    assert "2/2" in text and "m2: 3 highlights" in text


def test_batch_progress_quiet() -> None:
    assert isinstance(make_progress(Tty(), quiet=True), NoProgress)
