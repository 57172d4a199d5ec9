"""The library: a SQLite file (``SITE/highlights.db`` by default) holding every processed
meeting's results, written one meeting per transaction by a single process."""

from highlights.store.connection import DB_NAME, connect
from highlights.store.errors import LibraryError
from highlights.store.read import (
    StoredMeeting,
    load_digests,
    load_meeting,
    load_summaries,
    orphan_attachments,
    stored_meetings,
    table_counts,
)
from highlights.store.schema import SCHEMA_VERSION, migrate, schema_version
from highlights.store.write import save_digests, save_meeting

__all__ = [
    "DB_NAME",
    "SCHEMA_VERSION",
    "LibraryError",
    "StoredMeeting",
    "connect",
    "load_digests",
    "load_meeting",
    "load_summaries",
    "migrate",
    "orphan_attachments",
    "save_digests",
    "save_meeting",
    "schema_version",
    "stored_meetings",
    "table_counts",
]
