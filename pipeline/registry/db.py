"""SQLite plumbing for the registry: connections, transactions, migrations.

Schema changes are named migrations, each applied in its own transaction and
recorded in the ``migrations`` table, so a registry file always says which
schema it holds and an interrupted upgrade leaves the previous schema intact.
Corrections are append-only: triggers refuse UPDATE and DELETE on them.
"""

from __future__ import annotations

import sqlite3
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path

# (name, statements).  Never edit an applied migration: add a new one.
MIGRATIONS: list[tuple[str, list[str]]] = [
    ("0001_documents_events_units_targets", [
        """CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            source TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            pipeline_version TEXT NOT NULL,
            title TEXT,
            published TEXT,
            chars INTEGER NOT NULL,
            text TEXT NOT NULL,
            json TEXT NOT NULL,
            errors TEXT NOT NULL DEFAULT '[]',
            n_errors INTEGER NOT NULL DEFAULT 0,
            provinces TEXT NOT NULL DEFAULT '[]',
            superseded_by TEXT,
            first_ingested_at TEXT NOT NULL,
            ingested_at TEXT NOT NULL
        )""",
        "CREATE INDEX documents_source ON documents(source)",
        """CREATE TABLE events (
            document_id TEXT NOT NULL REFERENCES documents(id),
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            kind TEXT NOT NULL,
            date TEXT,
            date_end TEXT,
            place TEXT,
            organizer TEXT,
            groups TEXT NOT NULL,
            host TEXT,
            period_year INTEGER,
            json TEXT NOT NULL,
            PRIMARY KEY (document_id, id)
        )""",
        """CREATE TABLE units (
            document_id TEXT NOT NULL REFERENCES documents(id),
            event_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            kind TEXT NOT NULL,
            province TEXT,
            province_code TEXT,
            province_now TEXT,
            PRIMARY KEY (document_id, event_id, position)
        )""",
        """CREATE TABLE targets (
            document_id TEXT NOT NULL REFERENCES documents(id),
            id TEXT NOT NULL,
            position INTEGER NOT NULL,
            event_id TEXT,
            parent_id TEXT,
            indicator TEXT NOT NULL,
            indicator_key TEXT,
            direction TEXT NOT NULL,
            comparator TEXT NOT NULL,
            value NUMERIC,
            value_max NUMERIC,
            unit TEXT NOT NULL,
            baseline_year INTEGER,
            baseline TEXT,
            period_year INTEGER,
            evidence_start INTEGER NOT NULL,
            evidence_end INTEGER NOT NULL,
            evidence_text TEXT NOT NULL,
            confidence REAL NOT NULL,
            rule TEXT,
            json TEXT NOT NULL,
            PRIMARY KEY (document_id, id)
        )""",
        """CREATE TABLE ingests (
            id INTEGER PRIMARY KEY,
            started_at TEXT NOT NULL,
            pipeline_version TEXT NOT NULL
        )""",
    ]),
    ("0002_reviews", [
        # A reviewed target: the identity corrections hang on.  `anchor` is the
        # snapshot taken at the first review and never changes; `target_id`,
        # `attach` and `last_seen` follow the target through re-extractions.
        """CREATE TABLE subjects (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL,
            origin TEXT NOT NULL CHECK (origin IN ('extracted', 'added')),
            anchor TEXT NOT NULL,
            target_id TEXT,
            attach TEXT NOT NULL CHECK (attach IN ('original', 'exact', 'fuzzy', 'orphaned', 'added', 'manual')),
            last_seen TEXT,
            attached_version TEXT,
            created_at TEXT NOT NULL
        )""",
        "CREATE INDEX subjects_document ON subjects(document_id)",
        "CREATE INDEX subjects_target ON subjects(document_id, target_id)",
        # Append-only log of reviewer actions; one `batch` per saved action.
        """CREATE TABLE corrections (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            batch INTEGER NOT NULL,
            subject_id TEXT NOT NULL REFERENCES subjects(id),
            document_id TEXT NOT NULL,
            target_id TEXT,
            action TEXT NOT NULL CHECK (action IN ('approve', 'reject', 'correct', 'add', 'undo', 'comment')),
            field TEXT,
            old_value TEXT,
            new_value TEXT,
            note TEXT,
            reviewer TEXT NOT NULL,
            created_at TEXT NOT NULL,
            via TEXT NOT NULL DEFAULT 'api'
        )""",
        "CREATE INDEX corrections_subject ON corrections(subject_id, seq)",
        """CREATE TRIGGER corrections_append_only_update BEFORE UPDATE ON corrections
           BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END""",
        """CREATE TRIGGER corrections_append_only_delete BEFORE DELETE ON corrections
           BEGIN SELECT RAISE(ABORT, 'corrections are append-only'); END""",
        # Where each subject went at each ingest (also append-only).
        """CREATE TABLE reattachments (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            subject_id TEXT NOT NULL REFERENCES subjects(id),
            document_id TEXT NOT NULL,
            from_target TEXT,
            to_target TEXT,
            method TEXT NOT NULL,
            pipeline_version TEXT,
            created_at TEXT NOT NULL
        )""",
        """CREATE TRIGGER reattachments_append_only_delete BEFORE DELETE ON reattachments
           BEGIN SELECT RAISE(ABORT, 'reattachments are append-only'); END""",
    ]),
    ("0003_document_search", [
        """CREATE VIRTUAL TABLE documents_fts USING fts5(
            document_id UNINDEXED, title, source, text,
            tokenize = 'unicode61 remove_diacritics 2'
        )""",
    ]),
]


def utcnow() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


_OPEN: "weakref.WeakSet[Database]" = weakref.WeakSet()


class Database:
    """One SQLite connection in autocommit mode; transactions are explicit."""

    def __init__(self, path: str | Path, *, migrate: bool = True) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(str(path), isolation_level=None, check_same_thread=False, timeout=30)
        self.conn.row_factory = sqlite3.Row
        self.conn.execute("PRAGMA foreign_keys = ON")
        self.conn.execute("PRAGMA busy_timeout = 30000")
        if str(path) != ":memory:":
            self.conn.execute("PRAGMA journal_mode = WAL")
        self.conn.execute("PRAGMA synchronous = NORMAL")
        _OPEN.add(self)
        if migrate:
            self.migrate()

    # -- transactions -----------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``; rolled back on any exception (incl. Ctrl-C).

        Inside an open transaction it nests as a savepoint, so several actions
        can be made all-or-nothing by wrapping them in one outer transaction.
        """
        if self.conn.in_transaction:
            self._depth = getattr(self, "_depth", 0) + 1
            try:
                with self.savepoint(f"nested_{self._depth}"):
                    yield self.conn
            finally:
                self._depth -= 1
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    @contextmanager
    def savepoint(self, name: str = "doc") -> Iterator[sqlite3.Connection]:
        """A nested, individually undoable step inside a transaction."""
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute(f"ROLLBACK TO {name}")
            self.conn.execute(f"RELEASE {name}")
            raise
        self.conn.execute(f"RELEASE {name}")

    # -- migrations -------------------------------------------------------
    def applied_migrations(self) -> list[str]:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
        )
        return [r["name"] for r in self.conn.execute("SELECT name FROM migrations ORDER BY name")]

    def migrate(self) -> list[str]:
        """Apply every migration not yet recorded; returns the names applied now."""
        done = set(self.applied_migrations())
        applied = []
        for name, statements in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as conn:
                # Re-check inside the write lock: another process may have won the race.
                if conn.execute("SELECT 1 FROM migrations WHERE name = ?", (name,)).fetchone():
                    continue
                for sql in statements:
                    conn.execute(sql)
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, utcnow()))
            applied.append(name)
        return applied

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            _OPEN.discard(self)


def close_all() -> int:
    """Close every database still open (tests use this in an autouse fixture)."""
    dbs = list(_OPEN)
    for db in dbs:
        db.close()
    return len(dbs)
