"""Reading the library back into the pipeline's records."""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from dataclasses import dataclass

from highlights.models import Highlight, MeetingResult, Participant, RuleHit, SmartParts, Statement

_IN_HIGHLIGHT = (
    "EXISTS (SELECT 1 FROM highlight_statements hs WHERE hs.meeting_id = s.meeting_id "
    "AND hs.statement_idx = s.idx)"
)


@dataclass(frozen=True, slots=True)
class StoredMeeting:
    """What the library knows about a meeting besides its results."""

    meeting_id: str
    fingerprint: str
    folder: str
    processed_at: str


def stored_meetings(conn: sqlite3.Connection) -> dict[str, StoredMeeting]:
    rows = conn.execute("SELECT id, fingerprint, folder, processed_at FROM meetings ORDER BY id")
    return {r[0]: StoredMeeting(*r) for r in rows}


def table_counts(conn: sqlite3.Connection) -> dict[str, int]:
    """Rows per table (meetings, highlights, statements, ...)."""
    names = [
        r[0]
        for r in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    return {n: int(conn.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]) for n in names}


def _smart(letters: str | None) -> SmartParts | None:
    if letters is None:
        return None
    return SmartParts(
        specific="S" in letters,
        measurable="M" in letters,
        relevant="R" in letters,
        time_bound="T" in letters,
    )


def _split(text: str) -> tuple[str, ...]:
    return tuple(text.split())


def _statements(
    conn: sqlite3.Connection, where: str, params: tuple[str, ...]
) -> dict[str, dict[int, Statement]]:
    hits: dict[tuple[str, int], list[RuleHit]] = defaultdict(list)
    for r in conn.execute(
        "SELECT s.meeting_id, s.idx, h.rule_id, h.label, h.text, h.start_char, h.end_char, "
        "h.description FROM rule_hits h JOIN statements s "
        "ON s.meeting_id = h.meeting_id AND s.idx = h.statement_idx "
        f"WHERE {where} ORDER BY s.meeting_id, s.idx, h.position",
        params,
    ):
        hits[(r[0], r[1])].append(RuleHit(*r[2:]))
    out: dict[str, dict[int, Statement]] = defaultdict(dict)
    for r in conn.execute(
        "SELECT s.meeting_id, s.idx, s.utterance_index, s.speaker, s.start_ms, s.end_ms, "
        f"s.text, s.labels, s.smart FROM statements s WHERE {where} "
        "ORDER BY s.meeting_id, s.idx",
        params,
    ):
        out[r[0]][r[1]] = Statement(
            index=r[1],
            utterance_index=r[2],
            speaker=r[3],
            start_ms=r[4],
            end_ms=r[5],
            text=r[6],
            labels=_split(r[7]),
            hits=tuple(hits.get((r[0], r[1]), ())),
            smart=_smart(r[8]),
        )
    return out


def _results(
    conn: sqlite3.Connection, meeting_id: str | None, *, all_statements: bool
) -> list[MeetingResult]:
    mwhere, mparams = ("WHERE id = ?", (meeting_id,)) if meeting_id else ("", ())
    fwhere = "meeting_id = ?" if meeting_id else "1 = 1"
    swhere = "s.meeting_id = ?" if meeting_id else "1 = 1"
    if not all_statements:
        swhere += f" AND {_IN_HIGHLIGHT}"
    statements = _statements(conn, swhere, mparams)
    people: dict[str, list[Participant]] = defaultdict(list)
    for r in conn.execute(
        f"SELECT meeting_id, name, role FROM participants WHERE {fwhere} "
        "ORDER BY meeting_id, position",
        mparams,
    ):
        people[r[0]].append(Participant(r[1], r[2]))
    inside: dict[str, list[int]] = defaultdict(list)
    for r in conn.execute(
        f"SELECT highlight_id, statement_idx FROM highlight_statements WHERE {fwhere} "
        "ORDER BY highlight_id, statement_idx",
        mparams,
    ):
        inside[r[0]].append(r[1])
    highlights: dict[str, list[Highlight]] = defaultdict(list)
    for r in conn.execute(
        "SELECT id, meeting_id, number, start_ms, end_ms, kind, labels, marker_labels, "
        f"key_statement, clip_file, suggested FROM highlights WHERE {fwhere} "
        "ORDER BY meeting_id, number",
        mparams,
    ):
        own = statements.get(r[1], {})
        highlights[r[1]].append(
            Highlight(
                id=r[0],
                meeting_id=r[1],
                number=r[2],
                start_ms=r[3],
                end_ms=r[4],
                kind=r[5],
                labels=_split(r[6]),
                marker_labels=tuple(json.loads(r[7])),
                statements=tuple(own[i] for i in inside.get(r[0], ())),
                key_statement=r[8],
                clip_file=r[9],
                suggested=bool(r[10]),
            )
        )
    results = []
    for r in conn.execute(
        "SELECT id, title, date, duration_ms, audio_file, transcript_source, "
        f"machine_transcribed, warnings FROM meetings {mwhere} ORDER BY id",
        mparams,
    ):
        results.append(
            MeetingResult(
                meeting_id=r[0],
                title=r[1],
                date=r[2],
                duration_ms=r[3],
                audio_file=r[4],
                transcript_source=r[5],
                machine_transcribed=bool(r[6]),
                participants=tuple(people.get(r[0], ())),
                highlights=tuple(highlights.get(r[0], ())),
                statements=(
                    tuple(statements.get(r[0], {}).values()) if all_statements else ()
                ),
                warnings=tuple(json.loads(r[7])),
            )
        )
    return results


def load_meeting(conn: sqlite3.Connection, meeting_id: str) -> MeetingResult | None:
    """A meeting's full results as stored, or None when the library does not hold it."""
    found = _results(conn, meeting_id, all_statements=True)
    return found[0] if found else None


def load_summaries(conn: sqlite3.Connection) -> list[MeetingResult]:
    """Every meeting with its highlights (and the statements inside them) but without the
    rest of its transcript's statements: what a site index shows, at a fraction of the memory.
    """
    return _results(conn, None, all_statements=False)


def orphan_attachments(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """Attachments (id, meeting id, highlight id) whose highlight the library no longer holds."""
    rows = conn.execute(
        "SELECT a.id, a.meeting_id, a.highlight_id FROM attachments a "
        "LEFT JOIN highlights h ON h.id = a.highlight_id WHERE h.id IS NULL ORDER BY a.id"
    )
    return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def load_digests(conn: sqlite3.Connection) -> dict[tuple[str, int, int], str]:
    """Known content hashes of input files, keyed by (path, size, mtime_ns)."""
    rows = conn.execute("SELECT path, size, mtime_ns, sha256 FROM file_digests")
    return {(str(r[0]), int(r[1]), int(r[2])): str(r[3]) for r in rows}
