"""Hand-built meeting results for the library tests (no pipeline run needed)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from highlights.models import Highlight, MeetingResult, Participant, RuleHit, SmartParts, Statement
from highlights.store import connect


def statement(index: int, text: str, labels: tuple[str, ...] = (), **kw: object) -> Statement:
    hits = tuple(
        RuleHit(f"{label.lower()}.rule-{index}", label, text.split()[0], 0, 3, f"a {label} rule")
        for label in labels
    )
    return Statement(
        index=index,
        utterance_index=index // 2,
        speaker=str(kw.get("speaker", "Dana")),
        start_ms=index * 1000,
        end_ms=index * 1000 + 900,
        text=text,
        labels=labels,
        hits=hits,
        smart=kw.get("smart"),  # type: ignore[arg-type]
    )


def make_result(meeting_id: str = "2026-03-04-dana", *, variant: int = 0) -> MeetingResult:
    statements = (
        statement(0, "Morning Sam."),
        statement(1, "This is your top priority.", ("PRIORITY",)),
        statement(
            2,
            "Ship it by Friday, from 15% to 10%.",
            ("DEADLINE", "METRIC"),
            smart=SmartParts(specific=True, measurable=True, time_bound=True),
        ),
        statement(3, "I'm blocked on access.", ("BLOCKER",), speaker="Sam"),
        statement(4, "My goal is to lead a project.", ("GOAL",), smart=SmartParts()),
        statement(5, "Great, thanks." + " Again." * variant, speaker=None),
    )
    highlights = (
        Highlight(
            id=f"{meeting_id}-h1",
            meeting_id=meeting_id,
            number=1,
            start_ms=500,
            end_ms=3000,
            kind="point",
            labels=("PRIORITY", "DEADLINE", "METRIC"),
            marker_labels=("promotion",),
            statements=statements[1:3],
            key_statement=1,
            clip_file="clips/01-x.mp3",
        ),
        Highlight(
            id=f"{meeting_id}-h2",
            meeting_id=meeting_id,
            number=2,
            start_ms=3000,
            end_ms=5000 + variant,
            kind="suggested",
            labels=("BLOCKER",),
            marker_labels=(),
            statements=statements[3:4],
            key_statement=None,
            suggested=True,
        ),
    )
    return MeetingResult(
        meeting_id=meeting_id,
        title="Weekly 1-on-1",
        date="2026-03-04",
        duration_ms=6000,
        audio_file="/recordings/dana.mp3",
        transcript_source="/recordings/dana.vtt",
        machine_transcribed=False,
        participants=(Participant("Dana", "manager"), Participant("Sam", "report")),
        highlights=highlights[: 2 - (variant % 2)],
        statements=statements,
        warnings=("marker 3 is past the end",) if variant else (),
    )


@pytest.fixture
def db(tmp_path: Path) -> Iterator[sqlite3.Connection]:
    conn = connect(tmp_path / "highlights.db")
    yield conn
    conn.close()
