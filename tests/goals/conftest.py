"""A small library for the goal tests: two hand-built meetings and the sample goals file."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from highlights.goals.goalfile import load_goals
from highlights.models import Highlight, MeetingResult, Participant, RuleHit, Statement
from highlights.store import connect, save_meeting
from highlights.store.goals import sync_goals, transaction

NOW = "2026-04-01T09:00:00+00:00"


def statement(index: int, text: str, labels: tuple[str, ...] = (), speaker: str = "Dana"
              ) -> Statement:
    hits = tuple(RuleHit(f"{x.lower()}.r", x, text.split()[0], 0, len(text.split()[0]),
                         f"a {x} rule") for x in labels)
    return Statement(index, index, speaker, index * 10_000, index * 10_000 + 8_000, text,
                     labels, hits)


def meeting(meeting_id: str, day: str, lines: list[tuple[str, tuple[str, ...], str]],
            audio: str | None = None) -> MeetingResult:
    """Highlight ids are the meeting's date digits and the number: ``0304h1``."""
    statements = tuple(statement(i, t, labels, who) for i, (t, labels, who) in enumerate(lines))
    highlights = tuple(
        Highlight(
            id=f"{day[5:7]}{day[8:10]}h{n}",
            meeting_id=meeting_id,
            number=n,
            start_ms=st.start_ms,
            end_ms=st.end_ms,
            kind="point",
            labels=st.labels,
            marker_labels=(),
            statements=(st,),
            key_statement=st.index,
            clip_file=f"clips/{n:02d}.mp3" if audio else None,
        )
        for n, st in enumerate(statements, start=1)
    )
    return MeetingResult(meeting_id, f"1-on-1 {day}", day, 60_000, audio, None, False,
                         (Participant("Dana", "manager"), Participant("Sam", "report")),
                         highlights, statements)


MEETINGS = (
    meeting("2026-03-04-dana", "2026-03-04", [
        ("The billing migration is the project for your promotion.", ("PRIORITY",), "Dana"),
        ("The invoice error rate must go from 15% to 10%.", ("METRIC",), "Dana"),
        ("Lunch was nice.", (), "Sam"),
    ], audio="/recordings/2026-03-04.mp3"),
    meeting("2026-03-11-dana", "2026-03-11", [
        ("I'm blocked on access to the staging database for the migration.", ("BLOCKER",),
         "Sam"),
        ("Can you review Priya's PR on the export service?", ("ACTION",), "Dana"),
    ]),
)


def dump(conn: sqlite3.Connection) -> list[str]:
    """Everything the library holds, as SQL: equal dumps mean nothing changed."""
    return list(conn.iterdump())


@pytest.fixture
def goals_file(tmp_path: Path, fixtures_dir: Path) -> Path:
    path = tmp_path / "goals.toml"
    shutil.copy(fixtures_dir / "sample" / "goals.toml", path)
    return path


@pytest.fixture
def lib(tmp_path: Path, goals_file: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(tmp_path / "site" / "highlights.db")
    for m in MEETINGS:
        save_meeting(conn, m, "fp")
    with transaction(conn):
        sync_goals(conn, load_goals(goals_file), str(goals_file))
    yield conn
    conn.close()
