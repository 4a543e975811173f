"""Spreadsheet round trip for reviewers who work offline (openpyxl).

``export_sheet`` writes one row per target.  Editable columns have a yellow
header and unlocked yellow cells; the others are grey and locked (the sheet is
protected, without a password — it is a guard against slips, not security).
A very hidden sheet ``_exported`` keeps, per row, the target's version and the
values as exported, so ``import_sheet`` applies exactly what the reviewer
changed (a three-way comparison: a value the pipeline changed since the export
is not mistaken for a reviewer's edit).

``import_sheet`` validates every row first and applies all rows in one
transaction, or nothing: ``SheetError`` carries the row-level errors.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.worksheet.datavalidation import DataValidation

from ..registry import (ConflictError, FieldError, Registry, RegistryError, ReviewTarget, ReviewValidationError,
                        parse_field)

COLUMNS = ["target_id", "document", "evidence", "context", "indicator", "indicator_key", "direction",
           "comparator", "value", "value_max", "unit", "baseline_year", "period_year", "action", "note",
           "status", "document_id"]
FIELDS = ["indicator", "indicator_key", "direction", "comparator", "value", "value_max", "unit",
          "baseline_year", "period_year"]
EDITABLE_COLUMNS = set(FIELDS) | {"action", "note"}
ACTIONS = ("", "approve", "reject")
EDIT_FILL = PatternFill("solid", fgColor="FFF2AB")
LOCKED_FILL = PatternFill("solid", fgColor="E7E7E7")
WIDTHS = {"target_id": 22, "document": 28, "evidence": 50, "context": 60, "indicator": 40, "note": 30}
CONTEXT_CHARS = 150


@dataclass
class RowError:
    row: int
    column: str | None
    message: str

    def __str__(self) -> str:
        return f"row {self.row}" + (f", {self.column}" if self.column else "") + f": {self.message}"


class SheetError(Exception):
    """The sheet was refused as a whole; ``errors`` says which rows and why."""

    def __init__(self, errors: list[RowError]) -> None:
        self.errors = errors
        super().__init__(f"{len(errors)} problem(s); nothing was imported")


@dataclass
class ImportReport:
    rows: int = 0                 # rows read
    changed_rows: int = 0
    corrections: int = 0          # fields changed
    approved: int = 0
    rejected: int = 0
    notes: int = 0
    targets: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"rows read: {self.rows}; rows with changes: {self.changed_rows}",
                f"fields corrected: {self.corrections}; approved: {self.approved}; rejected: {self.rejected}; "
                f"notes: {self.notes}"]


# -- export ----------------------------------------------------------------------

def export_sheet(registry: Registry, path: str | Path) -> int:
    """Write every target of the registry (corrections applied); returns the row count."""
    wb = Workbook()
    ws = wb.active
    ws.title = "targets"
    hidden = wb.create_sheet("_exported")
    ws.append(COLUMNS)
    hidden.append(["target_id", "document_id", "version", "values"])
    for col, name in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col)
        cell.font = Font(bold=True)
        cell.fill = EDIT_FILL if name in EDITABLE_COLUMNS else LOCKED_FILL
        cell.comment = Comment("editable" if name in EDITABLE_COLUMNS else "locked: do not change", "pledge")
        ws.column_dimensions[cell.column_letter].width = WIDTHS.get(name, 14)
    n = 0
    for doc_id in registry.document_ids():
        row = registry.document_row(doc_id)
        assert row is not None
        text = row["text"]
        for rt in registry.review_targets(doc_id):
            t = rt.target
            ev = t["evidence"]
            context = (text[max(0, ev["start"] - CONTEXT_CHARS):ev["start"]] + "[[" + ev["text"] + "]]"
                       + text[ev["end"]:ev["end"] + CONTEXT_CHARS])
            values = {f: t.get(f) for f in FIELDS}
            ws.append([rt.key, row["title"] or row["source"], ev["text"], context, *[values[f] for f in FIELDS],
                       "", "", rt.status + (" (orphaned)" if rt.orphaned else ""), doc_id])
            hidden.append([rt.key, doc_id, rt.version, json.dumps(values, ensure_ascii=False)])
            n += 1
    for r in range(2, n + 2):
        for col, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=col)
            editable = name in EDITABLE_COLUMNS
            cell.protection = Protection(locked=not editable)
            cell.fill = EDIT_FILL if editable else LOCKED_FILL
            if name in ("evidence", "context"):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    last = max(n + 1, 2)
    for name, options in (("direction", ("decrease", "increase", "reach", "zero")),
                          ("comparator", (">=", ">", "=", "<=", "<", "between")),
                          ("action", ("approve", "reject"))):
        letter = ws.cell(row=1, column=COLUMNS.index(name) + 1).column_letter
        dv = DataValidation(type="list", formula1='"' + ",".join(options) + '"', allow_blank=True,
                            showErrorMessage=True, error=f"{name}: choose one of {', '.join(options)}")
        dv.add(f"{letter}2:{letter}{last}")
        ws.add_data_validation(dv)
    ws.freeze_panes = "B2"
    ws.protection.sheet = True
    ws.protection.formatColumns = False   # reviewers may still widen columns
    ws.protection.autoFilter = False
    ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(COLUMNS)).column_letter}{last}"
    hidden.protection.sheet = True
    hidden.sheet_state = "veryHidden"
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)
    return n


# -- import ----------------------------------------------------------------------

@dataclass
class _Planned:
    row: int
    document_id: str
    key: str
    version: int
    changes: dict[str, Any]
    action: str
    note: str | None


def _cell_text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def import_sheet(registry: Registry, path: str | Path, reviewer: str) -> ImportReport:
    """Apply a reviewed sheet: all rows or none.  Raises ``SheetError`` with row-level errors."""
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise SheetError([RowError(0, None, "a reviewer name is required (--reviewer NAME)")])
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises several unrelated types for a bad file
        raise SheetError([RowError(0, None, f"cannot read {path} as an .xlsx workbook: {exc}")]) from exc
    if "targets" not in wb.sheetnames or "_exported" not in wb.sheetnames:
        raise SheetError([RowError(0, None, "not a sheet written by `pledge review export-sheet` "
                                            "(sheets 'targets' and '_exported' are needed)")])
    ws, hidden = wb["targets"], wb["_exported"]
    rows = list(ws.iter_rows(values_only=True))
    header = [_cell_text(h) for h in rows[0]] if rows else []
    missing = [c for c in COLUMNS[:15] if c not in header]
    if missing:
        raise SheetError([RowError(1, None, f"missing column(s): {', '.join(missing)}")])
    col = {name: header.index(name) for name in header if name}
    exported: dict[str, tuple[str, int, dict[str, Any]]] = {}
    for tid, doc_id, version, values in list(hidden.iter_rows(values_only=True))[1:]:
        if tid:
            exported[str(tid)] = (str(doc_id), int(version), json.loads(values))

    report = ImportReport()
    errors: list[RowError] = []
    plans: list[_Planned] = []
    seen: dict[str, int] = {}
    current: dict[str, dict[str, ReviewTarget]] = {}
    for r, values in enumerate(rows[1:], start=2):
        cells = {name: values[i] if i < len(values) else None for name, i in col.items()}
        if all(_cell_text(v) == "" for v in cells.values()):
            continue
        report.rows += 1
        key = _cell_text(cells["target_id"])
        if key not in exported:
            errors.append(RowError(r, "target_id", f"unknown target id {key!r} (rows cannot be added in the sheet)"))
            continue
        if key in seen:
            errors.append(RowError(r, "target_id", f"target {key} already appears on row {seen[key]}"))
            continue
        seen[key] = r
        doc_id, version, before = exported[key]
        row_errors: list[RowError] = []
        changes: dict[str, Any] = {}
        for f in FIELDS:
            try:
                new = parse_field(f, cells[f])
                old = parse_field(f, before.get(f))
            except FieldError as exc:
                row_errors.append(RowError(r, f, exc.message))
                continue
            if new != old:
                changes[f] = new
        action = _cell_text(cells["action"]).lower()
        if action not in ACTIONS:
            row_errors.append(RowError(r, "action", f"{action!r} is not an action: leave it empty or write "
                                                    "approve or reject"))
        note = _cell_text(cells["note"]) or None
        if row_errors:
            errors.extend(row_errors)
            continue
        if not changes and not action and not note:
            continue
        if doc_id not in current:
            current[doc_id] = {rt.key: rt for rt in registry.review_targets(doc_id, include_removed=True)}
        rt = current[doc_id].get(key)
        if rt is None:
            errors.append(RowError(r, "target_id", f"target {key} is no longer in the registry "
                                                   "(re-extracted since the export?): export a new sheet"))
            continue
        now = {f: rt.target.get(f) for f in FIELDS}
        if rt.version != version or any(parse_field(f, now[f]) != parse_field(f, before.get(f)) for f in FIELDS):
            batches = sorted({c.batch for c in rt.corrections})[version:]
            who = sorted({c.reviewer for c in rt.corrections if c.batch in batches})
            errors.append(RowError(r, None, "this target changed in the registry since the sheet was exported"
                                   + (f" (by {', '.join(who)})" if who else " (re-extracted)")
                                   + ": export a new sheet and redo this row"))
            continue
        try:
            registry.validate_changes(rt, changes)
        except ReviewValidationError as exc:
            for f, msg in exc.errors.items():
                errors.append(RowError(r, None if f == "__all__" else f, msg))
            continue
        plans.append(_Planned(r, doc_id, key, version, changes, action, note))
    if errors:
        raise SheetError(errors)

    try:
        with registry.db.transaction():
            for p in plans:
                if p.changes:
                    registry.correct(p.document_id, p.key, p.changes, reviewer, p.version, p.note, via="sheet",
                                     then=p.action or None)
                elif p.action == "approve":
                    registry.approve(p.document_id, p.key, reviewer, p.version, p.note, via="sheet")
                elif p.action == "reject":
                    registry.reject(p.document_id, p.key, reviewer, p.version, p.note, via="sheet")
                else:
                    registry.comment(p.document_id, p.key, reviewer, p.note or "", p.version, via="sheet")
                report.changed_rows += 1
                report.corrections += len(p.changes)
                report.approved += p.action == "approve"
                report.rejected += p.action == "reject"
                report.notes += bool(p.note)
                report.targets.append(p.key)
    except (ConflictError, RegistryError) as exc:
        row = p.row  # the row being applied when the registry refused
        raise SheetError([RowError(row, None, f"{exc}; nothing was imported")]) from exc
    return report
