"""The registry: extracted documents in, reviewed documents out.

``Registry.store`` writes one ``DocumentResult`` in one transaction and then
re-attaches the document's reviewed targets (see ``anchor``); corrections
themselves are never touched by an ingest.  Reading goes through
``review_targets``, which folds the corrections into effective targets; export
and the review app both use it, so they cannot disagree.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..models import DocumentResult
from . import anchor as anchors
from .corrections import Correction, Folded, fold
from .db import Database, utcnow
from .rows import DocumentRows
from .rows import dump as _dump

DEFAULT_PATH = Path("outputs/registry.sqlite")


class RegistryError(Exception):
    """A document or request the registry cannot accept (message is for people)."""


class TargetNotFound(RegistryError, LookupError):
    """No target with that key in that document (e.g. re-extracted since the page was loaded)."""


@dataclass
class StoreOutcome:
    """What ``store`` did with one document."""

    document_id: str
    source: str
    action: Literal["new", "updated", "skipped", "failed"]
    errors: int = 0
    targets: int = 0
    reattached: int = 0                 # reviewed targets attached to a target again
    reattached_corrections: int = 0
    orphaned: list[str] = field(default_factory=list)  # subject ids that found no target
    orphaned_corrections: int = 0
    superseded: list[str] = field(default_factory=list)  # older documents of the same source
    message: str | None = None


@dataclass
class ReviewTarget:
    """One target as a reviewer sees it: effective values plus review state."""

    key: str                        # extracted target id, or subject id when there is no extracted target
    document_id: str
    target: dict[str, Any]          # contract shape, corrections applied, ``status`` set
    extracted: dict[str, Any] | None  # as the current pipeline extracted it (None: added or orphaned)
    status: str
    version: int                    # number of reviewer actions saved on it (edit-conflict check)
    origin: str = "extracted"       # 'extracted' | 'added'
    subject_id: str | None = None
    attach: str | None = None       # None: never reviewed; 'orphaned': its target is gone
    corrections: list[Correction] = field(default_factory=list)
    corrected_fields: set[str] = field(default_factory=set)
    removed: bool = False           # a reviewer-added target whose addition was undone (not exported)

    @property
    def orphaned(self) -> bool:
        return self.attach == "orphaned"

    @property
    def start(self) -> int:
        return int(self.target["evidence"]["start"])


def _rows(result: DocumentResult | DocumentRows) -> DocumentRows:
    return result if isinstance(result, DocumentRows) else DocumentRows.of(result)


class RegistryCore:
    """A registry file: storing and reading.  Review actions are added by ``Registry``."""

    def __init__(self, path: str | Path = DEFAULT_PATH, *, clock: Callable[[], str] = utcnow) -> None:
        self.db = Database(path)
        self.conn = self.db.conn
        self.path = self.db.path
        self.clock = clock

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "RegistryCore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing extracted documents ----------------------------------------
    def store(self, result: DocumentResult | DocumentRows, pipeline_version: str, *,
              text: str | None = None) -> StoreOutcome:
        """Store one document atomically; skip it when this content+version is already in."""
        with self.db.transaction():
            return self._store(_rows(result), pipeline_version, text)

    def store_many(
        self, results: Iterable[DocumentResult | DocumentRows], pipeline_version: str, *, batch_size: int = 64,
        on_outcome: Callable[[StoreOutcome], None] | None = None,
    ) -> list[StoreOutcome]:
        """Store many documents, ``batch_size`` per transaction, each document atomic.

        A document the registry refuses (``RegistryError``) is rolled back alone
        and reported as ``failed``; any other exception (or Ctrl-C) rolls back
        the current batch only — earlier batches stay committed.  ``results``
        may come as rows already (``DocumentRows``, built by the workers).

        The batch's full-text rows go in last, together, outside the per-document
        savepoints: SQLite's FTS5 writes its pending terms out at every savepoint
        release, and many small writes make it merge its index over and over, a
        cost that grows with the registry.
        """
        outcomes: list[StoreOutcome] = []
        batch: list[DocumentRows] = []

        def flush() -> None:
            done = []
            search_rows: list[tuple[str, str, str, str]] = []
            with self.db.transaction():
                for rows in batch:
                    n = len(search_rows)
                    try:
                        with self.db.savepoint():
                            done.append(self._store(rows, pipeline_version, None, search_rows))
                    except RegistryError as exc:
                        del search_rows[n:]
                        done.append(StoreOutcome(rows.id, rows.source, "failed", errors=rows.errors,
                                                 message=str(exc)))
                self._index_for_search(search_rows)
            batch.clear()
            for o in done:
                outcomes.append(o)
                if on_outcome:
                    on_outcome(o)

        for res in results:
            batch.append(_rows(res))
            if len(batch) >= batch_size:
                flush()
        if batch:
            flush()
        return outcomes

    def _store(self, rows: DocumentRows, version: str, text: str | None,
               search_rows: list[tuple[str, str, str, str]] | None = None) -> StoreOutcome:
        """Store one document (the caller holds the transaction); its full-text row goes to
        ``search_rows`` for the caller to insert, or is inserted now when that is None."""
        text = text if text is not None else rows.text
        c = self.conn
        row = c.execute("SELECT pipeline_version, superseded_by FROM documents WHERE id = ?", (rows.id,)).fetchone()
        outcome = StoreOutcome(rows.id, rows.source, "new", errors=rows.errors, targets=len(rows.targets))
        if row and row["pipeline_version"] == version and row["superseded_by"] is None:
            outcome.action = "skipped"
            return outcome
        ids = rows.target_ids
        if len(set(ids)) != len(ids):
            dup = next(i for i in ids if ids.count(i) > 1)
            raise RegistryError(f"{rows.source}: target id {dup} occurs twice in one document")
        values = dict(rows.document, id=rows.id, source=rows.source, pipeline_version=version, text=text,
                      now=self.clock())
        if row:
            outcome.action = "updated"
            c.execute(
                """UPDATE documents SET source=:source, sha256=:sha256, pipeline_version=:pipeline_version,
                   title=:title, published=:published, chars=:chars, text=:text, json=:json, errors=:errors,
                   n_errors=:n_errors, provinces=:provinces, superseded_by=NULL, ingested_at=:now WHERE id=:id""",
                values,
            )
            for table in ("events", "units", "targets"):
                c.execute(f"DELETE FROM {table} WHERE document_id = ?", (rows.id,))
            c.execute("DELETE FROM documents_fts WHERE document_id = ?", (rows.id,))
        else:
            c.execute(
                """INSERT INTO documents (id, source, sha256, pipeline_version, title, published, chars, text,
                   json, errors, n_errors, provinces, first_ingested_at, ingested_at)
                   VALUES (:id, :source, :sha256, :pipeline_version, :title, :published, :chars, :text,
                   :json, :errors, :n_errors, :provinces, :now, :now)""",
                values,
            )
        search_row = (rows.id, rows.document["title"] or "", rows.source, text)
        if search_rows is None:
            self._index_for_search([search_row])
        else:
            search_rows.append(search_row)
        self._insert_extracted(rows)
        if not row or row["superseded_by"]:
            outcome.superseded = self._supersede(rows.id, rows.source, text)
        self._reattach(rows, version, outcome)
        return outcome

    def _index_for_search(self, rows: list[tuple[str, str, str, str]]) -> None:
        self.conn.executemany("INSERT INTO documents_fts (document_id, title, source, text) VALUES (?, ?, ?, ?)", rows)

    def _insert_extracted(self, rows: DocumentRows) -> None:
        c = self.conn
        doc = (rows.id,)
        c.executemany(
            """INSERT INTO events (document_id, id, position, kind, date, date_end, place, organizer, groups,
               host, period_year, json) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
            [doc + r for r in rows.events],
        )
        c.executemany(
            """INSERT INTO units (document_id, event_id, position, name, kind, province, province_code,
               province_now) VALUES (?,?,?,?,?,?,?,?)""",
            [doc + r for r in rows.units],
        )
        c.executemany(
            """INSERT INTO targets (document_id, id, position, event_id, parent_id, indicator, indicator_key,
               direction, comparator, value, value_max, unit, baseline_year, baseline, period_year,
               evidence_start, evidence_end, evidence_text, confidence, rule, json)
               VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)""",
            [doc + r for r in rows.targets],
        )

    def _supersede(self, document_id: str, source: str, text: str) -> list[str]:
        """A new text for a known source: retire the old document, carry its reviews over."""
        c = self.conn
        old_ids = [r["id"] for r in c.execute(
            "SELECT id FROM documents WHERE source = ? AND id != ? AND superseded_by IS NULL", (source, document_id))]
        for old in old_ids:
            c.execute("UPDATE documents SET superseded_by = ? WHERE id = ?", (document_id, old))
            for s in c.execute("SELECT * FROM subjects WHERE document_id = ?", (old,)).fetchall():
                seen = json.loads(s["last_seen"]) if s["last_seen"] else None
                base = anchors.Anchor.of(seen) if seen else anchors.Anchor.from_json(s["anchor"])
                moved = anchors.relocate(base, text)
                if seen is not None and moved is not None:
                    seen["evidence"] = {"start": moved.start, "end": moved.end, "text": moved.text}
                c.execute("UPDATE subjects SET document_id = ?, last_seen = ? WHERE id = ?",
                          (document_id, _dump(seen) if seen else None, s["id"]))
                c.execute(
                    """INSERT INTO reattachments (subject_id, document_id, from_target, to_target, method,
                       pipeline_version, created_at) VALUES (?,?,?,?,?,?,?)""",
                    (s["id"], document_id, s["target_id"], None, f"moved_from:{old}", None, self.clock()),
                )
        return old_ids

    def _reattach(self, document: DocumentRows, version: str, outcome: StoreOutcome) -> None:
        c = self.conn
        document_id = document.id
        subs = c.execute("SELECT * FROM subjects WHERE document_id = ?", (document_id,)).fetchall()
        if not subs:
            return
        rows = self._corrections_by_subject(document_id)
        targets = {t["id"]: t for t in document.target_dicts()}
        candidates = {tid: anchors.Anchor.of(t) for tid, t in targets.items()}
        known: dict[str, list[anchors.Anchor]] = {}
        for s in subs:
            base = json.loads(s["last_seen"]) if s["last_seen"] else None
            folded = fold(base if s["origin"] == "extracted" else None, rows[s["id"]])
            if s["origin"] == "added" and folded.target is None:
                continue  # addition undone: nothing to attach
            known[s["id"]] = [anchors.Anchor.from_json(s["anchor"])]
            if base:
                known[s["id"]].append(anchors.Anchor.of(base))
            if folded.target:
                known[s["id"]].append(anchors.Anchor.of(folded.target))
        result = anchors.assign(known, candidates, priority=[s["id"] for s in subs if s["origin"] == "extracted"])
        now = self.clock()
        for s in subs:
            if s["id"] not in known:
                continue
            match = result[s["id"]]
            n_corr = sum(1 for r in rows[s["id"]] if r.action != "comment")
            if match:
                tid, tier = match
                attach, seen = tier, _dump(targets[tid])
                if s["origin"] == "extracted":
                    outcome.reattached += 1
                    outcome.reattached_corrections += n_corr
            elif s["origin"] == "extracted":
                tid, attach, seen = None, "orphaned", s["last_seen"]
                outcome.orphaned.append(s["id"])
                outcome.orphaned_corrections += n_corr
            else:
                tid, attach, seen = None, "added", s["last_seen"]
            c.execute("UPDATE subjects SET target_id = ?, attach = ?, last_seen = ?, attached_version = ? WHERE id = ?",
                      (tid, attach, seen, version, s["id"]))
            if tid != s["target_id"] or attach != s["attach"]:
                c.execute(
                    """INSERT INTO reattachments (subject_id, document_id, from_target, to_target, method,
                       pipeline_version, created_at) VALUES (?,?,?,?,?,?,?)""",
                    (s["id"], document_id, s["target_id"], tid, attach, version, now),
                )

    def is_current(self, document_id: str, pipeline_version: str) -> bool:
        """True when this document is stored with this pipeline version (an ingest would skip it)."""
        row = self.conn.execute("SELECT 1 FROM documents WHERE id = ? AND pipeline_version = ? AND superseded_by IS NULL",
                                (document_id, pipeline_version)).fetchone()
        return row is not None

    def log_ingest(self, pipeline_version: str) -> int:
        """Record that an ingest run started (the review app shows the latest)."""
        with self.db.transaction():
            cur = self.conn.execute("INSERT INTO ingests (started_at, pipeline_version) VALUES (?, ?)",
                                    (self.clock(), pipeline_version))
        return int(cur.lastrowid)

    # -- reading ------------------------------------------------------------
    def _corrections_by_subject(self, document_id: str | None = None) -> defaultdict[str, list[Correction]]:
        sql = "SELECT c.* FROM corrections c"
        args: tuple = ()
        if document_id is not None:
            sql += " JOIN subjects s ON s.id = c.subject_id WHERE s.document_id = ?"
            args = (document_id,)
        out: defaultdict[str, list[Correction]] = defaultdict(list)
        for r in self.conn.execute(sql + " ORDER BY c.seq", args):
            out[r["subject_id"]].append(Correction.from_row(r))
        return out

    def document_row(self, document_id: str) -> Mapping[str, Any] | None:
        return self.conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()

    def document_ids(self, include_superseded: bool = False) -> list[str]:
        sql = "SELECT id FROM documents"
        if not include_superseded:
            sql += " WHERE superseded_by IS NULL"
        return [r["id"] for r in self.conn.execute(sql + " ORDER BY source, id")]

    def extracted_targets(self, document_id: str) -> list[dict[str, Any]]:
        return [json.loads(r["json"]) for r in self.conn.execute(
            "SELECT json FROM targets WHERE document_id = ? ORDER BY position", (document_id,))]

    def review_targets(self, document_id: str, include_removed: bool = False) -> list[ReviewTarget]:
        """Every target of the document with corrections applied, in extraction order.

        Reviewer-added targets and orphaned reviewed targets (their target is no
        longer extracted) follow, by evidence position.  ``include_removed`` adds
        reviewer-added targets whose addition was undone (so it can be redone).
        """
        subs = self.conn.execute("SELECT * FROM subjects WHERE document_id = ?", (document_id,)).fetchall()
        rows = self._corrections_by_subject(document_id) if subs else defaultdict(list)
        attached = {s["target_id"]: s for s in subs if s["target_id"]}
        out: list[ReviewTarget] = []
        for t in self.extracted_targets(document_id):
            s = attached.get(t["id"])
            if s is None:
                out.append(ReviewTarget(t["id"], document_id, {**t, "status": "extracted"}, t, "extracted", 0))
                continue
            if s["origin"] == "added":
                f = fold(None, rows[s["id"]])
                if f.target is None:  # the addition was undone: the extracted target stands alone
                    out.append(ReviewTarget(t["id"], document_id, {**t, "status": "extracted"}, t, "extracted", 0))
                    continue
                out.append(self._rt(s["id"], document_id, f, t, s, rows[s["id"]]))
            else:
                out.append(self._rt(t["id"], document_id, fold(t, rows[s["id"]]), t, s, rows[s["id"]]))
        extra = []
        for s in subs:
            if s["target_id"]:
                continue
            base = json.loads(s["last_seen"]) if s["origin"] == "extracted" and s["last_seen"] else None
            f = fold(base, rows[s["id"]])
            if f.target is not None:
                extra.append(self._rt(s["id"], document_id, f, None, s, rows[s["id"]]))
            elif include_removed:
                last_add = [r.new_value for r in rows[s["id"]] if r.action == "add"][-1]
                f.target = {**last_add, "status": "corrected"}
                rt = self._rt(s["id"], document_id, f, None, s, rows[s["id"]])
                rt.removed = True
                extra.append(rt)
        out.extend(sorted(extra, key=lambda r: (r.start, r.key)))
        return out

    @staticmethod
    def _rt(key: str, document_id: str, f: Folded, extracted: dict | None, s: Mapping[str, Any],
            rows: list[Correction]) -> ReviewTarget:
        assert f.target is not None
        return ReviewTarget(key, document_id, f.target, extracted, f.status, f.version, s["origin"], s["id"],
                            s["attach"], list(rows), f.corrected_fields)

    def review_target(self, document_id: str, key: str) -> ReviewTarget:
        """One target by its key (target id or reviewed-target id)."""
        for rt in self.review_targets(document_id, include_removed=True):
            if key in (rt.key, rt.subject_id):
                return rt
        raise TargetNotFound(f"no target {key} in document {document_id} (it may have been re-extracted: reload)")

    def pipeline_versions(self) -> dict[str, int]:
        return {r[0]: r[1] for r in self.conn.execute(
            "SELECT pipeline_version, COUNT(*) FROM documents GROUP BY pipeline_version")}
