"""Writing a meeting's results into the library: one transaction per meeting."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Mapping
from datetime import datetime, timezone

from highlights.models import MeetingResult, Statement
from highlights.store.errors import LibraryError


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="microseconds")


def save_meeting(
    conn: sqlite3.Connection,
    result: MeetingResult,
    fingerprint: str,
    *,
    folder: str | None = None,
    processed_at: str | None = None,
) -> None:
    """Store ``result`` in ONE transaction, replacing whatever the library held for it.

    The meeting row is updated in place (never deleted), so rows that hang off it and are
    not results — goal attachments — stay; its participants, statements, tags, rule hits and
    highlights are replaced. Either all of it lands or none of it does.
    """
    mid = result.meeting_id
    indexes = {s.index for s in result.statements}
    for h in result.highlights:
        missing = [s.index for s in h.statements if s.index not in indexes]
        if missing:
            raise LibraryError(
                f"highlight {h.id} of meeting {mid} holds statements {missing} "
                "that are not among the meeting's statements"
            )
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(
            """
            INSERT INTO meetings (id, title, date, duration_ms, audio_file, transcript_source,
                machine_transcribed, warnings, folder, fingerprint, processed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, date = excluded.date,
                duration_ms = excluded.duration_ms, audio_file = excluded.audio_file,
                transcript_source = excluded.transcript_source,
                machine_transcribed = excluded.machine_transcribed,
                warnings = excluded.warnings, folder = excluded.folder,
                fingerprint = excluded.fingerprint, processed_at = excluded.processed_at
            """,
            (
                mid,
                result.title,
                result.date,
                result.duration_ms,
                result.audio_file,
                result.transcript_source,
                int(result.machine_transcribed),
                json.dumps(list(result.warnings), ensure_ascii=False),
                folder if folder is not None else mid,
                fingerprint,
                processed_at or _now(),
            ),
        )
        for table in ("highlights", "statements", "participants"):
            conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (mid,))
        conn.executemany(
            "INSERT INTO participants (meeting_id, position, name, role) VALUES (?, ?, ?, ?)",
            [(mid, i, p.name, p.role) for i, p in enumerate(result.participants)],
        )
        _insert_statements(conn, mid, result.statements)
        conn.executemany(
            """
            INSERT INTO highlights (id, meeting_id, number, start_ms, end_ms, kind, labels,
                marker_labels, key_statement, clip_file, suggested)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                (
                    h.id,
                    mid,
                    h.number,
                    h.start_ms,
                    h.end_ms,
                    h.kind,
                    " ".join(h.labels),
                    json.dumps(list(h.marker_labels), ensure_ascii=False),
                    h.key_statement,
                    h.clip_file,
                    int(h.suggested),
                )
                for h in result.highlights
            ],
        )
        conn.executemany(
            "INSERT INTO highlight_statements (highlight_id, meeting_id, statement_idx) "
            "VALUES (?, ?, ?)",
            [(h.id, mid, s.index) for h in result.highlights for s in h.statements],
        )
        conn.execute("COMMIT")
    except sqlite3.Error as exc:
        conn.execute("ROLLBACK")
        raise LibraryError(f"cannot store meeting {mid}: {exc}") from exc
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _insert_statements(
    conn: sqlite3.Connection, mid: str, statements: tuple[Statement, ...]
) -> None:
    conn.executemany(
        """
        INSERT INTO statements (meeting_id, idx, utterance_index, speaker, start_ms, end_ms,
            text, labels, smart)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            (
                mid,
                s.index,
                s.utterance_index,
                s.speaker,
                s.start_ms,
                s.end_ms,
                s.text,
                " ".join(s.labels),
                s.smart.letters() if s.smart is not None else None,
            )
            for s in statements
        ],
    )
    conn.executemany(
        "INSERT INTO tags (meeting_id, statement_idx, label) VALUES (?, ?, ?)",
        [(mid, s.index, label) for s in statements for label in dict.fromkeys(s.labels)],
    )
    conn.executemany(
        """
        INSERT INTO rule_hits (meeting_id, statement_idx, position, rule_id, label, text,
            start_char, end_char, description)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        """,
        [
            (mid, s.index, i, h.rule_id, h.label, h.text, h.start_char, h.end_char, h.description)
            for s in statements
            for i, h in enumerate(s.hits)
        ],
    )


def save_digests(conn: sqlite3.Connection, digests: Mapping[tuple[str, int, int], str]) -> None:
    """Remember input files' content hashes (one row per path, the newest wins)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.executemany(
            "INSERT INTO file_digests (path, size, mtime_ns, sha256) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (path) DO UPDATE SET size = excluded.size, "
            "mtime_ns = excluded.mtime_ns, sha256 = excluded.sha256",
            [(path, size, mtime, digest) for (path, size, mtime), digest in digests.items()],
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
