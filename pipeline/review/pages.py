"""Typed page contexts for the review app, and the functions that build them.

Each template receives exactly one ``page`` object of the class named after it;
``page.chrome`` carries what ``base.html`` needs on every page.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..registry import Correction, DocumentSummary, Registry, ReviewTarget
from ..registry.corrections import EDITABLE, active_batches
from .highlight import Mark, Segment, segments

STATUSES = ("extracted", "corrected", "approved", "rejected")
STATUS_FILTERS = (("", "any status"), ("to_review", "to review"), ("corrected", "corrected"),
                  ("approved", "approved"), ("rejected", "rejected"), ("orphaned", "orphaned reviews"))
DIRECTIONS = ("decrease", "increase", "reach", "zero")
COMPARATORS = (">=", ">", "=", "<=", "<", "between")
FIELD_LABELS = {
    "indicator": "Indicator (as written)", "indicator_key": "Indicator key", "direction": "Direction",
    "comparator": "Comparator", "value": "Value", "value_max": "Upper value (between)", "unit": "Unit",
    "baseline_year": "Baseline year", "baseline": "Baseline phrase", "period_year": "Period year",
    "units": "Pledging units (one per line)", "event_id": "Event", "parent_id": "Parent target",
}


@dataclass
class Chrome:
    reviewer: str | None
    csrf_token: str
    flash: str | None = None
    orphans: int = 0


@dataclass
class TargetRow:
    """A target in the document view's table."""

    rt: ReviewTarget
    index: int
    undo_batch: int | None            # the latest action that can be undone
    drift: dict[str, Any] = field(default_factory=dict)  # field → value the pipeline extracts now

    @property
    def key(self) -> str:
        return self.rt.key

    @property
    def t(self) -> dict[str, Any]:
        return self.rt.target


@dataclass
class HistoryEntry:
    batch: int
    reviewer: str
    created_at: str
    via: str
    note: str | None
    lines: list[str]
    active: bool
    undoable: bool


@dataclass
class DocumentsPage:
    chrome: Chrome
    documents: list[DocumentSummary]
    status: str
    province: str
    q: str
    provinces: list[str]
    totals: Counter
    status_filters: tuple = STATUS_FILTERS
    title: str = "Documents"


@dataclass
class DocumentPage:
    chrome: Chrome
    document: Mapping[str, Any]
    segments: list[Segment]
    rows: list[TargetRow]
    events: list[dict[str, Any]]
    errors: list[dict[str, Any]]
    counts: Counter
    selected: str | None = None
    title: str = "Document"


@dataclass
class EditPage:
    """The edit form; also the add form (``adding``) and the conflict page (``conflict``)."""

    chrome: Chrome
    document: Mapping[str, Any]
    values: dict[str, str]                 # what the inputs show (typed text)
    errors: dict[str, str] = field(default_factory=dict)
    rt: ReviewTarget | None = None
    version: int = 0
    adding: bool = False
    start: int = 0
    end: int = 0
    evidence: str = ""
    context_before: str = ""
    context_after: str = ""
    events: list[dict[str, Any]] = field(default_factory=list)
    parents: list[tuple[str, str]] = field(default_factory=list)
    conflict: str | None = None
    theirs: list[HistoryEntry] = field(default_factory=list)
    yours: dict[str, str] = field(default_factory=dict)
    note: str = ""
    fields: tuple[str, ...] = EDITABLE
    labels: Mapping[str, str] = field(default_factory=lambda: FIELD_LABELS)
    directions: tuple[str, ...] = DIRECTIONS
    comparators: tuple[str, ...] = COMPARATORS
    title: str = "Edit target"


@dataclass
class HistoryPage:
    chrome: Chrome
    document: Mapping[str, Any]
    rt: ReviewTarget
    entries: list[HistoryEntry]
    moves: list[Mapping[str, Any]]
    title: str = "History"


@dataclass
class OrphansPage:
    chrome: Chrome
    orphans: list[tuple[Mapping[str, Any], ReviewTarget, str, str]]  # document, target, context before/after
    candidates: dict[str, list[tuple[str, str]]]  # subject id → (target id, label) to re-attach to
    title: str = "Orphaned reviews"


@dataclass
class ReviewerPage:
    chrome: Chrome
    next: str
    error: str | None = None
    title: str = "Who is reviewing?"


@dataclass
class MessagePage:
    chrome: Chrome
    heading: str
    message: str
    back: str = "/"
    title: str = "Review"


# -- builders --------------------------------------------------------------

def form_value(name: str, value: Any) -> str:
    """How a model value is shown in a text input."""
    if value is None:
        return ""
    if name == "units":
        return "\n".join(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def target_values(target: Mapping[str, Any]) -> dict[str, str]:
    return {f: form_value(f, target.get(f)) for f in EDITABLE}


def describe(c: Correction) -> str:
    if c.action == "correct":
        return f"{c.field}: {json.dumps(c.old_value, ensure_ascii=False)} → {json.dumps(c.new_value, ensure_ascii=False)}"
    if c.action == "undo":
        return f"undo of action #{c.new_value}"
    if c.action == "add":
        t = c.new_value or {}
        return (f"added: {t.get('direction')} {t.get('comparator')} {t.get('value')} {t.get('unit')} "
                f"“{t.get('indicator')}”")
    return {"approve": "approved", "reject": "rejected", "comment": "note"}.get(c.action, c.action)


def history_entries(corrections: list[Correction]) -> list[HistoryEntry]:
    active = active_batches(corrections)
    entries: dict[int, HistoryEntry] = {}
    for c in corrections:
        e = entries.get(c.batch)
        if e is None:
            e = entries[c.batch] = HistoryEntry(c.batch, c.reviewer, c.created_at, c.via, c.note, [],
                                                c.batch in active, False)
            e.undoable = e.active and c.action != "comment"
        e.lines.append(describe(c))
    return list(entries.values())


def document_page(reg: Registry, chrome: Chrome, doc_id: str, selected: str | None = None) -> DocumentPage:
    row = reg.document_row(doc_id)
    if row is None:
        raise LookupError(doc_id)
    data = json.loads(row["json"])
    rts = reg.review_targets(doc_id)
    rows = []
    for i, rt in enumerate(rts):
        undoable = [e.batch for e in history_entries(rt.corrections) if e.undoable]
        drift = {}
        if rt.extracted is not None and rt.status != "extracted":
            drift = {f: rt.extracted.get(f) for f in EDITABLE if rt.extracted.get(f) != rt.target.get(f)}
        rows.append(TargetRow(rt, i + 1, undoable[-1] if undoable else None, drift))
    marks = [Mark(int(rt.target["evidence"]["start"]), int(rt.target["evidence"]["end"]), rt.key, rt.status)
             for rt in rts if not rt.orphaned]
    counts = Counter(rt.status for rt in rts)
    return DocumentPage(chrome, dict(row), segments(row["text"], marks), rows, data.get("events", []),
                        data.get("errors", []), counts, selected,
                        title=row["title"] or row["source"])


def parents_of(reg: Registry, doc_id: str, exclude: str | None = None) -> list[tuple[str, str]]:
    return [(rt.target["id"], f"{rt.target['id']} — {rt.target['indicator']}")
            for rt in reg.review_targets(doc_id) if rt.target["id"] != exclude]


def edit_page(reg: Registry, chrome: Chrome, doc_id: str, rt: ReviewTarget, **extra: Any) -> EditPage:
    row = reg.document_row(doc_id)
    assert row is not None
    text = row["text"]
    ev = rt.target["evidence"]
    data = json.loads(row["json"])
    page = EditPage(chrome, dict(row), target_values(rt.target), rt=rt, version=rt.version,
                    start=ev["start"], end=ev["end"], evidence=ev["text"],
                    context_before=text[max(0, ev["start"] - 200):ev["start"]],
                    context_after=text[ev["end"]:ev["end"] + 200], events=data.get("events", []),
                    parents=parents_of(reg, doc_id, rt.target["id"]))
    for k, v in extra.items():
        setattr(page, k, v)
    return page


def add_page(reg: Registry, chrome: Chrome, doc_id: str, start: int, end: int, **extra: Any) -> EditPage:
    row = reg.document_row(doc_id)
    if row is None:
        raise LookupError(doc_id)
    text = row["text"]
    data = json.loads(row["json"])
    events = data.get("events", [])
    values = {f: "" for f in EDITABLE}
    values.update(direction="reach", comparator=">=", unit="percent",
                  event_id=events[0]["id"] if len(events) == 1 else "")
    page = EditPage(chrome, dict(row), values, adding=True, start=start, end=end, evidence=text[start:end],
                    context_before=text[max(0, start - 200):start], context_after=text[end:end + 200],
                    events=events, parents=parents_of(reg, doc_id), title="Add a missed target")
    for k, v in extra.items():
        setattr(page, k, v)
    return page


def orphans_page(reg: Registry, chrome: Chrome) -> OrphansPage:
    items = []
    candidates: dict[str, list[tuple[str, str]]] = {}
    taken_cache: dict[str, set[str]] = {}
    for rt in reg.orphans():
        row = reg.document_row(rt.document_id)
        assert row is not None
        text, ev = row["text"], rt.target["evidence"]
        same = text[ev["start"]:ev["end"]] == ev["text"]
        before = text[max(0, ev["start"] - 120):ev["start"]] if same else ""
        after = text[ev["end"]:ev["end"] + 120] if same else ""
        items.append((dict(row), rt, before, after))
        if rt.document_id not in taken_cache:
            taken_cache[rt.document_id] = {r.key for r in reg.review_targets(rt.document_id) if r.subject_id}
        candidates[rt.key] = [
            (t["id"], f"{t['evidence']['text'][:60]} — {t['direction']} {t['value']} {t['indicator']}")
            for t in reg.extracted_targets(rt.document_id) if t["id"] not in taken_cache[rt.document_id]
        ]
    return OrphansPage(chrome, items, candidates)
