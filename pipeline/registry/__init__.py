"""The SQLite pledge registry: extracted documents, reviewer corrections, export.

>>> with Registry("outputs/registry.sqlite") as reg:            # doctest: +SKIP
...     outcome = reg.store(result, extractor.version)
...     reg.approve(outcome.document_id, "tgt_…", reviewer="lan", version=0)

Modules: ``db`` (connections, named migrations), ``core`` (store / read),
``actions`` (review actions, queries), ``anchor`` (identity across
re-extractions), ``corrections`` (folding the append-only log), ``export``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .actions import ConflictError, DocumentSummary, Registry, ReviewValidationError
from .core import DEFAULT_PATH, RegistryError, ReviewTarget, StoreOutcome, TargetNotFound
from .corrections import Correction, FieldError, parse_field
from .db import close_all

__all__ = [
    "DEFAULT_PATH", "ConflictError", "Correction", "DocumentSummary", "FieldError", "IngestSummary", "Registry",
    "RegistryError", "ReviewTarget", "ReviewValidationError", "StoreOutcome", "TargetNotFound", "close_all",
    "parse_field",
]


@dataclass
class IngestSummary:
    """Totals over the outcomes of one ingest run (printed by ``pledge ingest``)."""

    documents: Counter = field(default_factory=Counter)  # new / updated / skipped / failed
    with_errors: int = 0
    targets: int = 0
    reattached: int = 0
    reattached_corrections: int = 0
    orphaned: list[tuple[str, str]] = field(default_factory=list)  # (document id, subject id)
    orphaned_corrections: int = 0
    superseded: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, o: StoreOutcome) -> None:
        self.documents[o.action] += 1
        self.with_errors += bool(o.errors)
        if o.action in ("new", "updated"):
            self.targets += o.targets
        self.reattached += o.reattached
        self.reattached_corrections += o.reattached_corrections
        self.orphaned += [(o.document_id, s) for s in o.orphaned]
        self.orphaned_corrections += o.orphaned_corrections
        self.superseded += len(o.superseded)
        if o.action == "failed":
            self.failures.append(f"{o.source}: {o.message}")

    @classmethod
    def of(cls, outcomes: Iterable[StoreOutcome]) -> "IngestSummary":
        s = cls()
        for o in outcomes:
            s.add(o)
        return s

    def lines(self) -> list[str]:
        d = self.documents
        out = [
            f"documents: {d['new']} new, {d['updated']} updated, {d['skipped']} skipped (same content and "
            f"pipeline version), {self.with_errors} with errors" + (f", {d['failed']} failed" if d["failed"] else ""),
            f"targets stored: {self.targets}",
            f"reviewed targets re-attached: {self.reattached} ({self.reattached_corrections} corrections)",
            f"reviewed targets orphaned: {len(self.orphaned)} ({self.orphaned_corrections} corrections kept; "
            f"see `pledge review` → Orphaned)",
        ]
        if self.superseded:
            out.append(f"documents superseded by a new text of the same source: {self.superseded}")
        out += [f"  orphaned: {doc} {sub}" for doc, sub in self.orphaned]
        out += [f"  failed: {f}" for f in self.failures]
        return out
