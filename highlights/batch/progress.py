"""Progress of a batch: a bar on a terminal, one plain line per meeting otherwise.

Both show meetings done / total, the meeting that just finished, the time elapsed and an
estimate of the time left. They write to the stream they are given (the CLI passes stderr).
"""

from __future__ import annotations

import time
from typing import Any, Protocol, TextIO

from tqdm import tqdm  # type: ignore[import-untyped,unused-ignore]

from highlights.batch.models import Done


def clock(seconds: float) -> str:
    seconds = max(0, round(seconds))
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def describe(item: Done) -> str:
    if item.error is not None:
        return f"{item.meeting_id}: failed"
    n = item.highlights
    text = f"{item.meeting_id}: {n} highlight{'s' if n != 1 else ''} in {item.seconds:.1f} s"
    if item.warnings:
        text += f" ({len(item.warnings)} warning{'s' if len(item.warnings) != 1 else ''})"
    return text


class Progress(Protocol):
    def start(self, total: int) -> None: ...

    def done(self, item: Done) -> None: ...

    def close(self) -> None: ...


class NoProgress:
    def start(self, total: int) -> None:
        pass

    def done(self, item: Done) -> None:
        pass

    def close(self) -> None:
        pass


class LineProgress:
    """``[3/8 0:07, ~0:12 left] 2026-03-04-dana: 5 highlights in 2.4 s``"""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.total = 0
        self.count = 0
        self.started = time.perf_counter()

    def start(self, total: int) -> None:
        self.total = total
        self.count = 0
        self.started = time.perf_counter()

    def done(self, item: Done) -> None:
        self.count += 1
        elapsed = time.perf_counter() - self.started
        left = elapsed / self.count * (self.total - self.count)
        eta = f", ~{clock(left)} left" if self.count < self.total else ""
        self.stream.write(
            f"[{self.count}/{self.total} {clock(elapsed)}{eta}] {describe(item)}\n"
        )
        self.stream.flush()

    def close(self) -> None:
        pass


class BarProgress:
    """A tqdm bar: done / total, the last meeting, elapsed < remaining, meetings per second."""

    def __init__(self, stream: TextIO) -> None:
        self.stream = stream
        self.bar: Any = None

    def start(self, total: int) -> None:
        self.bar = tqdm(
            total=total,
            unit="meeting",
            file=self.stream,
            dynamic_ncols=True,
            bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}] {postfix}",
            desc="meetings",
        )

    def done(self, item: Done) -> None:
        if self.bar is not None:
            self.bar.set_postfix_str(describe(item), refresh=False)
            self.bar.update(1)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
        self.bar = None


def make_progress(stream: TextIO, *, bar: bool | None = None, quiet: bool = False) -> Progress:
    """A bar when ``stream`` is a terminal (or ``bar`` says so), plain lines otherwise."""
    if quiet:
        return NoProgress()
    if bar is None:
        bar = stream.isatty()
    return BarProgress(stream) if bar else LineProgress(stream)
