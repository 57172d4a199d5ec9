"""Inboxes built from the bundled sample meeting: folders, shared stems, transcript-only."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import pytest

SAMPLE = Path(__file__).resolve().parents[2] / "fixtures" / "sample"
T = TypeVar("T")


def folder_meeting(inbox: Path, meeting_id: str, *, audio: bool = True) -> Path:
    """A meeting folder named ``meeting_id`` holding a copy of the sample."""
    folder = inbox / meeting_id
    folder.mkdir(parents=True)
    names = ["meeting.vtt", "meeting.markers.txt"] + (["meeting.mp3"] if audio else [])
    for name in names:
        shutil.copy(SAMPLE / name, folder / name)
    toml = (SAMPLE / "meeting.toml").read_text(encoding="utf-8")
    if not audio:
        toml = toml.replace('audio = "meeting.mp3"\n', "")
    toml = toml.replace('date = "2026-03-04"', f'date = "{meeting_id[:10]}"')
    (folder / "meeting.toml").write_text(toml, encoding="utf-8")
    return folder


def stem_meeting(inbox: Path, stem: str, *, audio: bool = False) -> list[Path]:
    """``stem.vtt`` + ``stem.markers.txt`` (+ ``stem.mp3``) side by side in ``inbox``."""
    inbox.mkdir(parents=True, exist_ok=True)
    pairs = [("meeting.vtt", ".vtt"), ("meeting.markers.txt", ".markers.txt")]
    if audio:
        pairs.append(("meeting.mp3", ".mp3"))
    out = []
    for src, suffix in pairs:
        shutil.copy(SAMPLE / src, inbox / f"{stem}{suffix}")
        out.append(inbox / f"{stem}{suffix}")
    return out


class InlineExecutor(Executor):
    """Runs each task at submit time, in this process (fast tests of the driver)."""

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as exc:
            future.set_exception(exc)
        return future


@contextmanager
def inline() -> Iterator[Executor]:
    yield InlineExecutor()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    """Two transcript-only folders, two transcript-only stems and one with audio."""
    root = tmp_path / "inbox"
    folder_meeting(root, "2026-03-04-dana", audio=False)
    folder_meeting(root, "2026-03-11-dana", audio=False)
    folder_meeting(root, "2026-03-18-dana", audio=True)
    stem_meeting(root / "sam", "2026-03-05-sam")
    stem_meeting(root / "sam", "2026-03-12-sam")
    return root
