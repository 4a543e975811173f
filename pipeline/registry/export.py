"""``pledge export``: the registry with reviewer corrections applied.

Every exported document is re-validated by ``DocumentResult``.  Targets carry
their review ``status``; rejected targets stay in (status ``rejected``) so a
consumer can tell "reviewed and wrong" from "not seen".  A reviewed target the
current pipeline no longer finds (orphaned) is exported when a reviewer
approved or corrected it — a person vouched for it — with a document warning
``orphaned_review`` naming it (or, when its evidence is not in the current text
any more, only the warning ``orphaned_review_unplaced``).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO, Any

from ..models import DocumentResult
from .actions import Registry

FORMATS = ("jsonl", "json", "csv")
CSV_COLUMNS = [
    "document_id", "document_source", "target_id", "event_id", "parent_id", "indicator", "indicator_key",
    "direction", "comparator", "value", "value_max", "unit", "baseline_year", "baseline", "period_year",
    "units", "confidence", "status", "rule", "evidence_start", "evidence_end", "evidence_text",
    "event_kind", "event_date", "event_date_end", "event_groups", "event_units",
]


def reviewed_result(registry: Registry, document_id: str, with_text: bool = False) -> DocumentResult:
    """One document as stored, its targets replaced by the reviewed ones."""
    row = registry.document_row(document_id)
    if row is None:
        raise LookupError(document_id)
    data: dict[str, Any] = json.loads(row["json"])
    targets = []
    warnings = list(data.get("warnings", []))
    for rt in registry.review_targets(document_id):
        if rt.orphaned:
            if rt.status not in ("approved", "corrected"):
                continue
            ev = rt.target["evidence"]
            if row["text"][ev["start"]:ev["end"]] != ev["text"]:  # its text changed and the evidence was not found
                warnings.append({"code": "orphaned_review_unplaced", "message":
                                 f"reviewed target {rt.target['id']} ({rt.status}) is no longer extracted and its "
                                 f"evidence is not in this text any more; see `pledge review` → Orphaned"})
                continue
            warnings.append({"code": "orphaned_review", "message":
                             f"reviewed target {rt.target['id']} ({rt.status}) is no longer extracted; "
                             f"exported as reviewed"})
        targets.append(rt.target)
    data["targets"] = targets
    data["warnings"] = warnings
    if with_text:
        data["document"]["text"] = row["text"]
    return DocumentResult.model_validate(data)


def iter_results(registry: Registry, with_text: bool = False) -> Iterator[DocumentResult]:
    for doc_id in registry.document_ids():
        yield reviewed_result(registry, doc_id, with_text)


def csv_rows(result: DocumentResult) -> Iterator[dict[str, Any]]:
    events = {e.id: e for e in result.events}
    for t in result.targets:
        ev = events.get(t.event_id) if t.event_id else None
        yield {
            "document_id": result.document.id, "document_source": result.document.source, "target_id": t.id,
            "event_id": t.event_id, "parent_id": t.parent_id, "indicator": t.indicator,
            "indicator_key": t.indicator_key, "direction": t.direction, "comparator": t.comparator,
            "value": t.value, "value_max": t.value_max, "unit": t.unit, "baseline_year": t.baseline_year,
            "baseline": t.baseline, "period_year": t.period_year, "units": "; ".join(t.units),
            "confidence": t.confidence, "status": t.status, "rule": t.rule,
            "evidence_start": t.evidence.start, "evidence_end": t.evidence.end, "evidence_text": t.evidence.text,
            "event_kind": ev.kind if ev else None,
            "event_date": ev.date.isoformat() if ev and ev.date else None,
            "event_date_end": ev.date_end.isoformat() if ev and ev.date_end else None,
            "event_groups": "; ".join(ev.groups) if ev else None,
            "event_units": "; ".join(u.name for u in ev.units) if ev else None,
        }


def write_export(registry: Registry, fmt: str, out: IO[str]) -> int:
    """Write every document in ``fmt``; returns the number of documents written."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    n = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
        writer.writeheader()
        for res in iter_results(registry):
            writer.writerows(csv_rows(res))
            n += 1
    elif fmt == "jsonl":
        for res in iter_results(registry):
            out.write(res.to_json() + "\n")
            n += 1
    else:
        out.write("[")
        for res in iter_results(registry):
            out.write(("," if n else "") + "\n" + res.to_json())
            n += 1
        out.write("\n]\n")
    return n
