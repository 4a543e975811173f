"""One extracted document as the registry's rows, built where it was extracted.

Turning a ``DocumentResult`` into rows (a JSON text for the document and for
every event and target, a tuple for every table) needs nothing but the result,
so ``pledge ingest`` has its worker processes do it.  The one process that
writes the registry then only runs SQL: that process sets the ceiling of an
ingest however many workers extract, and rows cross between processes far more
cheaply than pydantic models do.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from ..models import DocumentResult


def dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


@dataclass(frozen=True)
class DocumentRows:
    """What ``Registry.store`` writes for one document; plain data, cheap to pickle."""

    id: str
    source: str
    text: str                       # the document text ("" when the result came without it)
    document: dict[str, Any]        # the ``documents`` columns that come from the result
    events: list[tuple[Any, ...]]   # ``events`` rows after document_id
    units: list[tuple[Any, ...]]    # ``units`` rows after document_id
    targets: list[tuple[Any, ...]]  # ``targets`` rows after document_id; the last column is the target's JSON
    errors: int                     # how many errors the document has

    @classmethod
    def of(cls, result: DocumentResult) -> "DocumentRows":
        doc = result.document
        provinces = sorted({p for e in result.events for u in e.units for p in (u.province, u.province_now) if p})
        document = dict(
            sha256=doc.sha256, title=doc.title, published=doc.published.isoformat() if doc.published else None,
            chars=doc.chars, json=result.model_dump_json(exclude={"document": {"text"}}),
            errors=dump([e.model_dump() for e in result.errors]), n_errors=len(result.errors),
            provinces=dump(provinces),
        )
        events, units = [], []
        for pos, ev in enumerate(result.events):
            e = ev.model_dump(mode="json")
            events.append((ev.id, pos, ev.kind, e["date"], e["date_end"], ev.place, ev.organizer, dump(ev.groups),
                           ev.host, ev.period_year, dump(e)))
            units.extend((ev.id, upos, u.name, u.kind, u.province, u.province_code, u.province_now)
                         for upos, u in enumerate(ev.units))
        targets = [(t.id, pos, t.event_id, t.parent_id, t.indicator, t.indicator_key, t.direction, t.comparator,
                    t.value, t.value_max, t.unit, t.baseline_year, t.baseline, t.period_year, t.evidence.start,
                    t.evidence.end, t.evidence.text, t.confidence, t.rule, t.model_dump_json())
                   for pos, t in enumerate(result.targets)]
        return cls(id=doc.id, source=doc.source, text=doc.text or "", document=document,
                   events=events, units=units, targets=targets, errors=len(result.errors))

    @property
    def target_ids(self) -> list[str]:
        return [row[0] for row in self.targets]

    def target_dicts(self) -> list[dict[str, Any]]:
        """The targets in their contract shape (``Target.model_dump(mode="json")``), read back from their JSON."""
        return [json.loads(row[-1]) for row in self.targets]
