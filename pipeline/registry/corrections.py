"""Reviewer corrections: the append-only log folded into effective targets.

Pure functions only.  A *batch* is one saved reviewer action (an approval, a
form save that changes three fields, an undo, …); the number of batches on a
reviewed target is its *version*, used to refuse a save made on a stale page.

A ``correct`` row pins one field; an ``approve`` row pins every editable field
to the values the reviewer approved, so a later re-extraction that changes them
does not silently change what a person signed off (uncorrected fields of a
merely corrected target do follow the pipeline).

Status of a reviewed target: the last active approve / reject / correct / add
decides — ``approved``, ``rejected``, ``corrected`` (for both a correction and
a reviewer-added target).  An ``undo`` batch cancels an earlier batch; undoing
an undo brings the earlier batch back.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from ..models import Target

ACTIONS = ("approve", "reject", "correct", "add", "undo", "comment")
STATUS_OF = {"approve": "approved", "reject": "rejected", "correct": "corrected", "add": "corrected"}
# Fields a reviewer may change; the rest (id, evidence, confidence, status, rule) are the registry's.
EDITABLE = (
    "indicator", "indicator_key", "direction", "comparator", "value", "value_max", "unit",
    "baseline_year", "baseline", "period_year", "units", "event_id", "parent_id",
)
REQUIRED_TEXT = {"indicator", "unit", "direction", "comparator"}
INT_FIELDS = {"baseline_year", "period_year"}
NUMBER_FIELDS = {"value", "value_max"}


@dataclass(frozen=True)
class Correction:
    """One row of the ``corrections`` table, values decoded from JSON."""

    seq: int
    batch: int
    subject_id: str
    document_id: str
    target_id: str | None
    action: str
    field: str | None
    old_value: Any
    new_value: Any
    note: str | None
    reviewer: str
    created_at: str
    via: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> "Correction":
        d = dict(row)
        for k in ("old_value", "new_value"):
            d[k] = json.loads(d[k]) if d[k] is not None else None
        return cls(**d)


@dataclass
class Folded:
    """A reviewed target after its corrections: what export and the app show."""

    target: dict[str, Any] | None       # None: an added target whose addition was undone
    status: str
    version: int
    active_batches: set[int] = field(default_factory=set)
    corrected_fields: set[str] = field(default_factory=set)


def active_batches(rows: Sequence[Correction]) -> set[int]:
    """Batches still in force once undos (and undone undos) are accounted for."""
    undoers: dict[int, list[int]] = defaultdict(list)
    batches = sorted({r.batch for r in rows})
    for r in rows:
        if r.action == "undo" and r.new_value is not None:
            undoers[int(r.new_value)].append(r.batch)
    active: dict[int, bool] = {}
    for b in reversed(batches):  # undoers are always later than what they undo
        active[b] = not any(active.get(u, False) for u in undoers[b])
    return {b for b, on in active.items() if on}


def fold(base: Mapping[str, Any] | None, rows: Sequence[Correction]) -> Folded:
    """Apply ``rows`` (in ``seq`` order) to the extracted ``base`` target."""
    rows = sorted(rows, key=lambda r: r.seq)
    active = active_batches(rows)
    target = dict(base) if base is not None else None
    status = "extracted"
    corrected: set[str] = set()
    for r in rows:
        if r.batch not in active or r.action in ("undo", "comment"):
            continue
        if r.action == "add":
            target = dict(r.new_value)
            corrected = set()
        elif r.action == "correct" and target is not None and r.field:
            target[r.field] = r.new_value
            corrected.add(r.field)
        elif r.action == "approve" and target is not None and isinstance(r.new_value, dict):
            target.update(r.new_value)  # an approval pins the values the reviewer saw
        status = STATUS_OF.get(r.action, status)
    if target is not None:
        target["status"] = status
    return Folded(target, status, len({r.batch for r in rows}), active, corrected)


# -- parsing and validating reviewer input --------------------------------

class FieldError(ValueError):
    """A value a reviewer typed that cannot be used; ``field`` says which."""

    def __init__(self, field_name: str, message: str) -> None:
        super().__init__(message)
        self.field = field_name
        self.message = message


_NUMBER = re.compile(r"[+-]?(\d+(?:[.,]\d+)?|\d{1,3}(?:\.\d{3})+(?:,\d+)?)")


def parse_number(raw: Any, name: str) -> int | float | None:
    """``"7,5"`` → 7.5, ``"1.150.000"`` → 1150000, ``"90"`` → 90, blank → None."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise FieldError(name, "must be a number")
    if isinstance(raw, (int, float)):
        return int(raw) if float(raw).is_integer() else float(raw)
    s = str(raw).strip().replace(" ", "").replace("%", "")
    if not _NUMBER.fullmatch(s):
        raise FieldError(name, f"“{raw}” is not a number (write 7.5 or 7,5)")
    if s.count(".") > 1 or re.fullmatch(r"[+-]?\d{1,3}(\.\d{3})+,\d+", s):
        s = s.replace(".", "")  # thousands separators
    number = float(s.replace(",", "."))
    return int(number) if number.is_integer() else number


def parse_year(raw: Any, name: str) -> int | None:
    value = parse_number(raw, name)
    if value is None:
        return None
    if not isinstance(value, int) or not 1900 <= value <= 2100:
        raise FieldError(name, f"“{raw}” is not a year (write e.g. 2023)")
    return value


def parse_field(name: str, raw: Any) -> Any:
    """Turn a typed value (form text, spreadsheet cell) into the model's value."""
    if name in NUMBER_FIELDS:
        return parse_number(raw, name)
    if name in INT_FIELDS:
        return parse_year(raw, name)
    if name == "units":
        if isinstance(raw, list):
            items = raw
        else:
            items = re.split(r"[;\n]", str(raw or ""))
        return [u.strip() for u in items if u and u.strip()]
    if name not in EDITABLE:
        raise FieldError(name, "this field cannot be edited")
    text = "" if raw is None else str(raw).strip()
    if not text:
        if name in REQUIRED_TEXT:
            raise FieldError(name, "is required")
        return None
    return text


def validate_target(data: Mapping[str, Any]) -> Target:
    """The target as the pydantic model accepts it, or ``ValidationError``."""
    return Target.model_validate(dict(data))


def friendly_errors(exc: ValidationError) -> dict[str, str]:
    """``{field: message}`` from a pydantic error; whole-target problems under ``"__all__"``."""
    out: dict[str, str] = {}
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if not isinstance(p, int)]
        key = loc[0] if loc else "__all__"
        msg = err.get("msg", "invalid value")
        msg = msg.removeprefix("Value error, ")
        out.setdefault(key, msg)
    return out


def changed_fields(current: Mapping[str, Any], proposed: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Editable fields whose value differs: ``{field: (old, new)}``."""
    out = {}
    for name in EDITABLE:
        if name in proposed and not _same(current.get(name), proposed[name]):
            out[name] = (current.get(name), proposed[name])
    return out


def _same(a: Any, b: Any) -> bool:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        return float(a) == float(b)
    return a == b
