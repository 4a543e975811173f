"""Spreadsheet round trip: export, edit offline, import all-or-nothing with row-level errors."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from conftest import SAMPLE_TARGETS, build_result
from pipeline.cli import main
from pipeline.review.sheet import COLUMNS, EDITABLE_COLUMNS, SheetError, export_sheet, import_sheet

REQUIRED = ["target_id", "document", "evidence", "context", "indicator", "indicator_key", "direction", "comparator",
            "value", "value_max", "unit", "baseline_year", "period_year", "action", "note"]


@pytest.fixture
def sheet(stored, tmp_path):
    reg, doc = stored
    path = tmp_path / "review.xlsx"
    assert export_sheet(reg, path) == 4
    return reg, doc, path


def edit(path, changes: dict[tuple[int, str], object]) -> None:
    """Set cells by (row, column name), as a reviewer would in a spreadsheet program."""
    wb = load_workbook(path)
    ws = wb["targets"]
    header = [c.value for c in ws[1]]
    for (row, name), value in changes.items():
        ws.cell(row=row, column=header.index(name) + 1, value=value)
    wb.save(path)


def n_corrections(reg) -> int:
    return reg.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0]


def test_export_marks_editable_columns_and_locks_the_others(sheet):
    _reg, _doc, path = sheet
    wb = load_workbook(path)
    ws = wb["targets"]
    header = [c.value for c in ws[1]]
    assert header[: len(REQUIRED)] == REQUIRED and header == COLUMNS
    assert ws.protection.sheet
    for col, name in enumerate(header, start=1):
        editable = name in EDITABLE_COLUMNS
        assert ws.cell(row=2, column=col).protection.locked is not editable
        assert ws.cell(row=1, column=col).fill.fgColor.rgb.endswith("FFF2AB" if editable else "E7E7E7")
        assert ws.cell(row=1, column=col).comment.text.startswith("editable" if editable else "locked")
    assert wb["_exported"].sheet_state == "veryHidden"
    row = {name: ws.cell(row=4, column=i + 1).value for i, name in enumerate(header)}
    assert row["evidence"] == SAMPLE_TARGETS[2][0] and row["value"] == 57
    assert "[[" + SAMPLE_TARGETS[2][0] + "]]" in row["context"]


def test_round_trip_applies_changes_and_reviews(sheet):
    reg, doc, path = sheet
    edit(path, {(4, "value"): 75, (4, "note"): "text says 75", (2, "action"): "approve", (5, "action"): "Reject",
                (3, "baseline_year"): "2022"})
    report = import_sheet(reg, path, "Lan")
    assert (report.changed_rows, report.corrections, report.approved, report.rejected) == (4, 2, 1, 1)
    rts = reg.review_targets(doc)
    assert [rt.status for rt in rts] == ["approved", "corrected", "corrected", "rejected"]
    assert rts[2].target["value"] == 75 and rts[1].target["baseline_year"] == 2022
    c = [c for c in rts[2].corrections if c.action == "correct"][0]
    assert (c.reviewer, c.via, c.old_value, c.new_value, c.note) == ("Lan", "sheet", 57, 75, "text says 75")


def test_one_bad_row_rejects_the_whole_sheet_with_row_errors(sheet):
    reg, _doc, path = sheet
    edit(path, {(2, "action"): "approve", (3, "value"): "nhiều", (4, "action"): "maybe",
                (5, "comparator"): "between"})
    with pytest.raises(SheetError) as exc:
        import_sheet(reg, path, "Lan")
    found = {(e.row, e.column) for e in exc.value.errors}
    assert found == {(3, "value"), (4, "action"), (5, None)}
    assert any("value_max" in e.message for e in exc.value.errors)
    assert n_corrections(reg) == 0  # the good row 2 was not applied either


def test_unknown_and_duplicated_rows_are_errors(sheet):
    reg, _doc, path = sheet
    wb = load_workbook(path)
    ws = wb["targets"]
    ws.append(["tgt_made_up"] + [None] * (len(COLUMNS) - 1))
    ws.append([ws.cell(row=2, column=1).value] + [None] * (len(COLUMNS) - 1))
    wb.save(path)
    with pytest.raises(SheetError) as exc:
        import_sheet(reg, path, "Lan")
    messages = " ".join(str(e) for e in exc.value.errors)
    assert "unknown target id" in messages and "already appears on row 2" in messages


def test_a_target_changed_since_the_export_is_a_conflict(sheet):
    reg, doc, path = sheet
    key = reg.review_targets(doc)[2].key
    reg.correct(doc, key, {"value": 76}, "Minh", 0)
    edit(path, {(4, "value"): 75, (2, "action"): "approve"})
    with pytest.raises(SheetError) as exc:
        import_sheet(reg, path, "Lan")
    assert [(e.row, "Minh" in e.message) for e in exc.value.errors] == [(4, True)]
    assert reg.review_target(doc, key).target["value"] == 76 and n_corrections(reg) == 1


def test_values_the_pipeline_changed_after_the_export_are_not_taken_for_edits(sheet):
    reg, doc, path = sheet
    specs = [(p, {**f, "value": 75}) if f["value"] == 57 else (p, f) for p, f in SAMPLE_TARGETS]
    reg.store(build_result(specs=specs), "v2")  # same ids, the value fixed by the pipeline
    edit(path, {(2, "action"): "approve"})      # row 4 (still 57 in the sheet) is untouched
    report = import_sheet(reg, path, "Lan")
    assert report.changed_rows == 1
    assert reg.review_targets(doc)[2].target["value"] == 75


def test_cli_round_trip_and_error_exit(stored, registry_path, tmp_path):
    reg, doc = stored
    path = tmp_path / "s.xlsx"
    runner = CliRunner()
    r = runner.invoke(main, ["review", "--registry", str(registry_path), "export-sheet", str(path)],
                      catch_exceptions=False)
    assert r.exit_code == 0 and "wrote 4 targets" in r.stderr
    edit(path, {(3, "value"): "abc"})
    r = runner.invoke(main, ["review", "import-sheet", str(path), "--reviewer", "Lan", "--registry",
                             str(registry_path)])
    assert r.exit_code != 0 and "row 3, value" in r.stderr and "nothing was imported" in r.stderr
    edit(path, {(3, "value"): 99})
    r = runner.invoke(main, ["review", "--registry", str(registry_path), "import-sheet", str(path),
                             "--reviewer", "Lan"], catch_exceptions=False)
    assert r.exit_code == 0 and "fields corrected: 1" in r.stderr
    assert reg.review_targets(doc)[1].target["value"] == 99
