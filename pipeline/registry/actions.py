"""Reviewer actions on the registry, and the queries the review app needs.

Every action is one transaction taken with ``BEGIN IMMEDIATE``: the version
check and the append happen under the write lock, so of two reviewers saving
the same target the later one gets ``ConflictError`` — never a silent
overwrite.  Nothing here updates or deletes a correction.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from . import anchor as anchors
from .core import RegistryCore, RegistryError, ReviewTarget, TargetNotFound
from .corrections import (EDITABLE, Correction, active_batches, changed_fields, friendly_errors,
                          validate_target)


class ConflictError(RegistryError):
    """The target changed since the reviewer loaded it; ``current`` is how it is now."""

    def __init__(self, message: str, current: ReviewTarget | None = None, newer: Sequence[Correction] = ()) -> None:
        super().__init__(message)
        self.current = current
        self.newer = list(newer)


class ReviewValidationError(RegistryError):
    """Reviewer input the models refuse: ``errors`` maps field → message."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        self.errors = dict(errors)
        super().__init__("; ".join(f"{k}: {v}" if k != "__all__" else v for k, v in self.errors.items()))


@dataclass
class DocumentSummary:
    id: str
    source: str
    title: str | None
    published: str | None
    provinces: list[str]
    n_errors: int
    counts: Counter = field(default_factory=Counter)  # status → targets; plus 'orphaned'

    @property
    def total(self) -> int:
        return sum(v for k, v in self.counts.items() if k != "orphaned")

    @property
    def to_review(self) -> int:
        return self.counts["extracted"]


@dataclass
class Action:
    """One row to append: ``(action, field, old, new)``."""

    action: str
    field: str | None = None
    old: Any = None
    new: Any = None


def pinned(target: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields of ``target``: what an approval vouches for."""
    return {k: target.get(k) for k in EDITABLE}


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False)


class Registry(RegistryCore):
    """The registry with reviewer actions.  ``reviewer`` is recorded on every action."""

    # -- the generic append ------------------------------------------------
    def _append(
        self, document_id: str, key: str, reviewer: str, version: int | None,
        actions: Sequence[Action] | Callable[[ReviewTarget], Sequence[Action]],
        note: str | None = None, via: str = "api",
    ) -> ReviewTarget:
        """Check the version and append one batch, all under the write lock.

        ``actions`` may be a function of the target as it is inside the
        transaction (so values pinned or validated are exactly the saved ones).
        """
        reviewer = (reviewer or "").strip()
        if not reviewer:
            raise ReviewValidationError({"reviewer": "a reviewer name is required"})
        with self.db.transaction():
            rt = self.review_target(document_id, key)
            self._check_version(rt, version)
            rows = actions(rt) if callable(actions) else actions
            if not rows:
                return rt
            sid = rt.subject_id or self._new_subject(rt)
            self._insert(sid, document_id, rt.target.get("id"), reviewer, rows, note, via)
        return self.review_target(document_id, sid)

    def _check_version(self, rt: ReviewTarget, version: int | None) -> None:
        if version is None or int(version) == rt.version:
            return
        batches = sorted({c.batch for c in rt.corrections})
        seen = batches[: int(version)] if 0 <= int(version) <= len(batches) else []
        newer = [c for c in rt.corrections if c.batch not in seen]
        who = sorted({c.reviewer for c in newer}) or ["someone"]
        raise ConflictError(
            f"this target was changed by {', '.join(who)} after you opened it "
            f"(version {rt.version}, yours {version}); your change was not saved — review theirs and try again",
            rt, newer,
        )

    def _new_subject(self, rt: ReviewTarget) -> str:
        anchor = anchors.Anchor.of(rt.target)
        sid = anchors.subject_id(rt.document_id, anchor, "extracted", salt=rt.target["id"])
        self.conn.execute(
            """INSERT INTO subjects (id, document_id, origin, anchor, target_id, attach, last_seen,
               attached_version, created_at) VALUES (?,?,?,?,?,?,?,
               (SELECT pipeline_version FROM documents WHERE id = ?), ?)""",
            (sid, rt.document_id, "extracted", anchor.to_json(), rt.target["id"], "original",
             json.dumps(rt.extracted, ensure_ascii=False), rt.document_id, self.clock()),
        )
        return sid

    def _insert(self, sid: str, document_id: str, target_id: str | None, reviewer: str,
                actions: Sequence[Action], note: str | None, via: str) -> int:
        c = self.conn
        batch = c.execute("SELECT COALESCE(MAX(batch), 0) + 1 FROM corrections").fetchone()[0]
        now = self.clock()
        for a in actions:
            c.execute(
                """INSERT INTO corrections (batch, subject_id, document_id, target_id, action, field, old_value,
                   new_value, note, reviewer, created_at, via) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""",
                (batch, sid, document_id, target_id, a.action, a.field, _dump(a.old), _dump(a.new),
                 (note or "").strip() or None, reviewer, now, via),
            )
        return batch

    # -- the actions ---------------------------------------------------------
    def approve(self, document_id: str, key: str, reviewer: str, version: int | None = None,
                note: str | None = None, via: str = "api") -> ReviewTarget:
        """Mark the target's (possibly corrected) values as right; those values are pinned."""
        return self._append(document_id, key, reviewer, version,
                            lambda rt: [Action("approve", None, None, pinned(rt.target))], note, via)

    def reject(self, document_id: str, key: str, reviewer: str, version: int | None = None,
               note: str | None = None, via: str = "api") -> ReviewTarget:
        """Mark the target as not a target (kept in export with status 'rejected')."""
        return self._append(document_id, key, reviewer, version, [Action("reject")], note, via)

    def comment(self, document_id: str, key: str, reviewer: str, note: str, version: int | None = None,
                via: str = "api") -> ReviewTarget:
        if not (note or "").strip():
            raise ReviewValidationError({"note": "the note is empty"})
        return self._append(document_id, key, reviewer, version, [Action("comment")], note, via)

    def correct(
        self, document_id: str, key: str, changes: Mapping[str, Any], reviewer: str, version: int | None = None,
        note: str | None = None, via: str = "api", then: str | None = None,
    ) -> ReviewTarget:
        """Change fields (typed values, see ``corrections.parse_field``); validated by the models.

        ``then`` = "approve" / "reject" appends that review in the same batch.
        Raises ``ReviewValidationError`` (nothing saved) or ``ConflictError``.
        """
        unknown = set(changes) - set(EDITABLE)
        if unknown:
            raise ReviewValidationError({k: "this field cannot be edited" for k in sorted(unknown)})
        if then not in (None, "approve", "reject"):
            raise ReviewValidationError({"then": f"{then!r} is not approve or reject"})

        def build(rt: ReviewTarget) -> list[Action]:
            self.validate_changes(rt, changes)
            actions = [Action("correct", f, old, new) for f, (old, new) in changed_fields(rt.target, changes).items()]
            if then == "approve":
                actions.append(Action("approve", None, None, pinned({**rt.target, **changes})))
            elif then:
                actions.append(Action(then))
            return actions
        return self._append(document_id, key, reviewer, version, build, note, via)

    def validate_changes(self, rt: ReviewTarget, changes: Mapping[str, Any]) -> dict[str, Any]:
        """The target with ``changes`` applied, validated; ``ReviewValidationError`` otherwise."""
        candidate = {**rt.target, **changes}
        errors: dict[str, str] = {}
        try:
            validate_target(candidate)
        except ValidationError as exc:
            errors.update(friendly_errors(exc))
        events = {r["id"] for r in self.conn.execute("SELECT id FROM events WHERE document_id = ?",
                                                     (rt.document_id,))}
        if candidate.get("event_id") and candidate["event_id"] not in events:
            errors.setdefault("event_id", f"no event {candidate['event_id']} in this document")
        if candidate.get("parent_id"):
            ids = {r.target["id"] for r in self.review_targets(rt.document_id)}
            if candidate["parent_id"] == candidate.get("id"):
                errors.setdefault("parent_id", "a target cannot be its own parent")
            elif candidate["parent_id"] not in ids:
                errors.setdefault("parent_id", f"no target {candidate['parent_id']} in this document")
        if errors:
            raise ReviewValidationError(errors)
        return candidate

    def add_target(
        self, document_id: str, start: int, end: int, fields: Mapping[str, Any], reviewer: str,
        note: str | None = None, via: str = "api",
    ) -> ReviewTarget:
        """Add a target the extractor missed, with its evidence ``text[start:end]``."""
        row = self.document_row(document_id)
        if row is None:
            raise TargetNotFound(f"no document {document_id}")
        text = row["text"]
        if not (0 <= start < end <= len(text)):
            raise ReviewValidationError({"evidence": f"the evidence span {start}–{end} is not inside the text"})
        unknown = set(fields) - set(EDITABLE)
        if unknown:
            raise ReviewValidationError({k: "this field cannot be edited" for k in sorted(unknown)})
        evidence = {"start": start, "end": end, "text": text[start:end]}
        draft = {"indicator": "", "direction": "reach", "comparator": ">=", "unit": "percent", "units": [], **fields,
                 "evidence": evidence, "confidence": 1.0, "status": "corrected", "rule": "review:added"}
        anchor = anchors.Anchor.of(draft)
        sid = anchors.subject_id(document_id, anchor, "added")
        draft["id"] = "tgt_" + hashlib.sha256(sid.encode()).hexdigest()[:16]
        stub = ReviewTarget(sid, document_id, draft, None, "corrected", 0, "added", sid)
        target = self.validate_changes(stub, {})
        target = validate_target(target).model_dump(mode="json")
        reviewer = (reviewer or "").strip()
        if not reviewer:
            raise ReviewValidationError({"reviewer": "a reviewer name is required"})
        with self.db.transaction():
            existing = self.conn.execute("SELECT id FROM subjects WHERE id = ?", (sid,)).fetchone()
            if existing:
                if any(rt.subject_id == sid for rt in self.review_targets(document_id)):
                    raise ConflictError("this target was already added", self.review_target(document_id, sid))
            else:
                self.conn.execute(
                    """INSERT INTO subjects (id, document_id, origin, anchor, target_id, attach, last_seen,
                       attached_version, created_at) VALUES (?,?,?,?,?,?,?,?,?)""",
                    (sid, document_id, "added", anchor.to_json(), None, "added", None, None, self.clock()),
                )
            self._insert(sid, document_id, target["id"], reviewer, [Action("add", None, None, target)], note, via)
        return self.review_target(document_id, sid)

    def undo(self, document_id: str, key: str, batch: int, reviewer: str, version: int | None = None,
             note: str | None = None, via: str = "api") -> ReviewTarget:
        """Cancel an earlier action (a whole batch) on this target; appended, never deleted."""
        rt = self.review_target(document_id, key)
        batches = {c.batch: c for c in rt.corrections}
        if int(batch) not in batches:
            raise ReviewValidationError({"batch": f"action {batch} is not on this target"})
        if batches[int(batch)].action == "comment":
            raise ReviewValidationError({"batch": "a note cannot be undone"})
        if int(batch) not in active_batches(rt.corrections):
            raise ReviewValidationError({"batch": f"action {batch} is already undone"})
        return self._append(document_id, key, reviewer, version, [Action("undo", None, None, int(batch))], note, via)

    def attach(self, document_id: str, subject_id: str, target_id: str, reviewer: str) -> ReviewTarget:
        """Re-attach an orphaned reviewed target to a current target by hand."""
        with self.db.transaction():
            s = self.conn.execute("SELECT * FROM subjects WHERE id = ? AND document_id = ?",
                                  (subject_id, document_id)).fetchone()
            if s is None:
                raise TargetNotFound(f"no reviewed target {subject_id} in {document_id}")
            t = self.conn.execute("SELECT json FROM targets WHERE document_id = ? AND id = ?",
                                  (document_id, target_id)).fetchone()
            if t is None:
                raise TargetNotFound(f"no target {target_id} in {document_id}")
            taken = self.conn.execute("SELECT id FROM subjects WHERE document_id = ? AND target_id = ? AND id != ?",
                                      (document_id, target_id, subject_id)).fetchone()
            if taken:
                raise ConflictError(f"target {target_id} already carries reviewed target {taken['id']}")
            self.conn.execute("UPDATE subjects SET target_id = ?, attach = 'manual', last_seen = ? WHERE id = ?",
                              (target_id, t["json"], subject_id))
            self.conn.execute(
                """INSERT INTO reattachments (subject_id, document_id, from_target, to_target, method,
                   pipeline_version, created_at) VALUES (?,?,?,?,?,?,?)""",
                (subject_id, document_id, s["target_id"], target_id, f"manual:{reviewer}", None, self.clock()),
            )
        return self.review_target(document_id, subject_id)

    # -- queries -------------------------------------------------------------
    def history(self, subject_id: str) -> tuple[list[Correction], list[Mapping[str, Any]]]:
        """Every correction on the reviewed target, and where each ingest attached it."""
        rows = [Correction.from_row(r) for r in self.conn.execute(
            "SELECT * FROM corrections WHERE subject_id = ? ORDER BY seq", (subject_id,))]
        moves = self.conn.execute("SELECT * FROM reattachments WHERE subject_id = ? ORDER BY seq",
                                  (subject_id,)).fetchall()
        return rows, moves

    def documents(self, status: str | None = None, province: str | None = None, q: str | None = None,
                  include_superseded: bool = False) -> list[DocumentSummary]:
        """Documents with per-status target counts, filtered.

        ``status``: one of the contract statuses (documents with at least one
        such target), ``to_review`` (same as 'extracted') or ``orphaned``.
        ``q``: full-text search (accents optional) over title, source and text.
        """
        sql = "SELECT id, source, title, published, provinces, n_errors FROM documents d WHERE 1=1"
        args: list[Any] = []
        if not include_superseded:
            sql += " AND superseded_by IS NULL"
        if province:
            sql += " AND EXISTS (SELECT 1 FROM json_each(d.provinces) WHERE value = ?)"
            args.append(province)
        if q and q.strip():
            match = " ".join('"' + tok.replace('"', '""') + '"' for tok in q.split())
            sql += " AND id IN (SELECT document_id FROM documents_fts WHERE documents_fts MATCH ?)"
            args.append(match)
        out = []
        for r in self.conn.execute(sql + " ORDER BY source, id", args).fetchall():
            s = DocumentSummary(r["id"], r["source"], r["title"], r["published"], json.loads(r["provinces"]),
                                r["n_errors"])
            for rt in self.review_targets(r["id"]):
                s.counts[rt.status] += 1
                if rt.orphaned:
                    s.counts["orphaned"] += 1
            out.append(s)
        if status == "to_review":
            status = "extracted"
        if status:
            out = [s for s in out if s.counts[status] > 0]
        return out

    def provinces(self) -> list[str]:
        return [r[0] for r in self.conn.execute(
            """SELECT DISTINCT j.value FROM documents d, json_each(d.provinces) j
               WHERE d.superseded_by IS NULL ORDER BY j.value""")]

    def orphans(self) -> list[ReviewTarget]:
        """Reviewed targets whose target the current pipeline no longer finds."""
        docs = [r["document_id"] for r in self.conn.execute(
            "SELECT DISTINCT document_id FROM subjects WHERE attach = 'orphaned' ORDER BY document_id")]
        return [rt for d in docs for rt in self.review_targets(d) if rt.orphaned]

    def counts(self) -> Counter:
        """Targets per status over the whole registry (plus 'orphaned')."""
        total: Counter = Counter()
        for s in self.documents():
            total.update(s.counts)
        return total
