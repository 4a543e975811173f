"""Reviews as gold: what ``pledge eval --reviewed`` scores against.

Every approved or corrected target in the registry is a gold target, in the
gold-file shape of ``registry-format.md`` (``indicator … period_year`` and
``parent`` as an index into the same list), listing only scored targets (with
a figure, or zero targets).  Reviewer-added targets count (they are corrected).

Reviews cover part of a document only, so predictions are restricted to the
reviewed part: a predicted target counts only when its evidence overlaps the
evidence of some reviewed target (approved, corrected *or rejected*).  A
prediction of a rejected target is thus a false positive; a prediction in a
passage nobody reviewed is not scored.  Events are not reviewed, so the gold
has no events.

The documents are re-extracted from the text stored in the registry, so no
input paths are needed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from ..models import SourceDocument
from ..registry import Registry, ReviewTarget

GOLD_FIELDS = ("indicator", "indicator_key", "direction", "comparator", "value", "value_max", "unit",
               "baseline_year", "period_year")
GOLD_STATUSES = ("approved", "corrected")
REVIEWED_STATUSES = ("approved", "corrected", "rejected")


def _is_scored(t: Mapping[str, Any]) -> bool:
    return t.get("value") is not None or t.get("direction") == "zero"


def gold_targets(reviewed: Iterable[ReviewTarget]) -> list[dict[str, Any]]:
    """Gold-file targets from reviewed ones (``parent`` = index in the returned list)."""
    chosen = [rt.target for rt in reviewed if rt.status in GOLD_STATUSES and _is_scored(rt.target)]
    index = {t["id"]: i for i, t in enumerate(chosen)}
    out = []
    for t in chosen:
        g = {f: t.get(f) for f in GOLD_FIELDS}
        if t.get("parent_id") in index:
            g["parent"] = index[t["parent_id"]]
        out.append(g)
    return out


def reviewed_gold(registry: Registry) -> dict[str, dict[str, Any]]:
    """Per document id: ``{"source", "events": [], "targets": [...]}``; documents without gold are left out."""
    out = {}
    for doc_id in registry.document_ids():
        targets = gold_targets(registry.review_targets(doc_id))
        if targets:
            row = registry.document_row(doc_id)
            assert row is not None
            out[doc_id] = {"source": row["source"], "events": [], "targets": targets}
    return out


def reviewed_spans(registry: Registry, document_id: str) -> list[tuple[int, int]]:
    """Evidence spans of every reviewed (approved, corrected, rejected) target of the document."""
    return [(int(rt.target["evidence"]["start"]), int(rt.target["evidence"]["end"]))
            for rt in registry.review_targets(document_id) if rt.status in REVIEWED_STATUSES]


def restrict(predicted: Iterable[Mapping[str, Any]], spans: list[tuple[int, int]]) -> list[Mapping[str, Any]]:
    """Predicted targets whose evidence overlaps a reviewed span."""
    def overlaps(t: Mapping[str, Any]) -> bool:
        s, e = int(t["evidence"]["start"]), int(t["evidence"]["end"])
        return any(s < b and a < e for a, b in spans)
    return [t for t in predicted if overlaps(t)]


def source_document(registry: Registry, document_id: str) -> SourceDocument:
    """The stored document as the read stage gave it, ready to re-extract."""
    row = registry.document_row(document_id)
    if row is None:
        raise LookupError(document_id)
    doc = json.loads(row["json"])["document"]
    return SourceDocument(source=row["source"], text=row["text"], sha256=row["sha256"],
                          format_name=doc.get("format_name", "text"), encoding=doc.get("encoding"),
                          title=row["title"], published=row["published"], url=doc.get("url"))


def reviewed_pairs(registry: Registry, extractor: Any) -> Iterator[tuple[str, dict[str, Any], dict[str, Any]]]:
    """``(name, gold, predicted)`` per reviewed document, for ``evaluate.score_document``.

    ``extractor`` is an ``Extractor`` (its ``extract(SourceDocument)`` is called
    on the stored text); predictions are restricted to the reviewed passages.
    """
    for doc_id, gold in reviewed_gold(registry).items():
        pred = json.loads(extractor.extract(source_document(registry, doc_id)).to_json())
        pred["targets"] = restrict(pred.get("targets", []), reviewed_spans(registry, doc_id))
        pred["events"] = []
        yield f"{gold['source']} ({doc_id})", gold, pred
