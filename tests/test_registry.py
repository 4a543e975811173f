"""SQLite registry: migrations, idempotent ingest, re-extraction, corrections, export."""

from __future__ import annotations

import csv
import io
import json
import pickle
import sqlite3

import pytest
from click.testing import CliRunner

from conftest import SAMPLE_TARGETS_V2, SAMPLE_TEXT, build_result
from pipeline.cli import main
from pipeline.models import DocumentResult
from pipeline.registry import (ConflictError, IngestSummary, Registry, ReviewValidationError, TargetNotFound,
                               parse_field)
from pipeline.registry.db import MIGRATIONS
from pipeline.registry.export import CSV_COLUMNS, write_export
from pipeline.registry.rows import DocumentRows


def keys(reg: Registry, doc_id: str) -> list[str]:
    return [rt.key for rt in reg.review_targets(doc_id)]


# -- schema ------------------------------------------------------------------

def test_migrations_are_named_recorded_and_applied_once(registry_path):
    with Registry(registry_path) as reg:
        assert reg.db.applied_migrations() == [name for name, _ in MIGRATIONS]
        assert reg.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Registry(registry_path) as reg:
        assert reg.db.migrate() == []
    assert registry_path.parent.is_dir()


def test_corrections_are_append_only(stored):
    reg, doc = stored
    reg.approve(doc, keys(reg, doc)[0], "lan", 0)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        reg.conn.execute("UPDATE corrections SET reviewer = 'x'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        reg.conn.execute("DELETE FROM corrections")


# -- ingest --------------------------------------------------------------------

def test_same_content_and_version_is_skipped(registry):
    result = build_result()
    assert registry.store(result, "v1").action == "new"
    assert registry.store(result, "v1").action == "skipped"
    assert registry.is_current(result.document.id, "v1")
    assert registry.store(result, "v2").action == "updated"
    n = registry.conn.execute("SELECT COUNT(*) FROM targets").fetchone()[0]
    assert n == len(result.targets)


def test_new_version_replaces_extracted_rows(stored):
    reg, doc = stored
    reg.store(build_result(specs=SAMPLE_TARGETS_V2, salt="v2"), "v2")
    rows = reg.conn.execute("SELECT evidence_text FROM targets WHERE document_id = ? ORDER BY position",
                            (doc,)).fetchall()
    assert [r[0] for r in rows] == [p for p, _ in SAMPLE_TARGETS_V2]
    assert reg.document_row(doc)["pipeline_version"] == "v2"
    assert reg.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] == 1
    assert reg.conn.execute("SELECT COUNT(*) FROM units").fetchone()[0] == 2


def test_store_is_atomic_per_document(registry, monkeypatch):
    def boom(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(registry, "_insert_extracted", boom)
    with pytest.raises(RuntimeError):
        registry.store(build_result(), "v1")
    assert registry.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 0


def test_store_many_batches_and_keeps_documents_whole(registry):
    texts = [SAMPLE_TEXT + f"\nBài {i}.\n" for i in range(5)]
    bad = build_result(texts[2], source="bad.txt")
    bad.targets.append(bad.targets[0])  # duplicate target id: refused alone
    results = [build_result(t, source=f"{i}.txt") for i, t in enumerate(texts)]
    results[2] = bad
    outcomes = registry.store_many(results, "v1", batch_size=2)
    assert [o.action for o in outcomes] == ["new", "new", "failed", "new", "new"]
    assert "twice" in outcomes[2].message
    assert registry.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == 4

    def interrupted():
        yield build_result(SAMPLE_TEXT + "x", source="x.txt")
        yield build_result(SAMPLE_TEXT + "y", source="y.txt")
        yield build_result(SAMPLE_TEXT + "z", source="z.txt")
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        registry.store_many(interrupted(), "v1", batch_size=2)
    sources = {r[0] for r in registry.conn.execute("SELECT source FROM documents")}
    assert {"x.txt", "y.txt"} <= sources and "z.txt" not in sources  # the open batch left nothing behind
    n_targets = registry.conn.execute("SELECT COUNT(*) FROM targets WHERE document_id IN "
                                      "(SELECT id FROM documents WHERE source = 'y.txt')").fetchone()[0]
    assert n_targets == 4


def test_rows_built_in_another_process_store_what_the_result_stores(tmp_path):
    result = build_result()
    rows = pickle.loads(pickle.dumps(DocumentRows.of(result)))  # as a worker process sends them
    tables = []
    for name, item in (("result", result), ("rows", rows)):
        with Registry(tmp_path / f"{name}.sqlite", clock=lambda: "2026-01-01T00:00:00Z") as reg:
            assert reg.store(item, "v1").targets == len(result.targets)
            tables.append({t: reg.conn.execute(f"SELECT * FROM {t}").fetchall()
                           for t in ("documents", "events", "units", "targets")})
    assert tables[0] == tables[1] and tables[0]["targets"]


# -- reviewer actions ----------------------------------------------------------

def test_each_action_sets_status_and_records_who(stored):
    reg, doc = stored
    k = keys(reg, doc)
    assert reg.approve(doc, k[0], "lan", 0).status == "approved"
    assert reg.reject(doc, k[3], "minh", 0, note="not a pledge").status == "rejected"
    rt = reg.correct(doc, k[2], {"value": 75}, "lan", 0, note="typo")
    assert (rt.status, rt.target["value"], rt.version) == ("corrected", 75, 1)
    assert reg.review_target(doc, k[1]).status == "extracted"
    start = SAMPLE_TEXT.index("giảm 10% số vụ tai nạn giao thông")
    added = reg.add_target(doc, start, start + len("giảm 10% số vụ tai nạn giao thông"),
                           {"indicator": "số vụ tai nạn giao thông", "indicator_key": "traffic.accidents",
                            "direction": "decrease", "value": 10}, "lan")
    assert added.status == "corrected" and added.origin == "added"
    assert added.target["evidence"]["text"] == SAMPLE_TEXT[start:start + len("giảm 10% số vụ tai nạn giao thông")]
    history, _ = reg.history(rt.subject_id)
    c = [h for h in history if h.action == "correct"][0]
    assert (c.reviewer, c.field, c.old_value, c.new_value, c.note) == ("lan", "value", 57, 75, "typo")
    assert c.created_at


def test_undo_restores_the_previous_state_and_can_be_undone(stored):
    reg, doc = stored
    k = keys(reg, doc)[2]
    rt = reg.correct(doc, k, {"value": 75, "comparator": ">="}, "lan", 0)
    batch = rt.corrections[-1].batch
    rt = reg.undo(doc, k, batch, "minh", 1)
    assert (rt.status, rt.target["value"], rt.target["comparator"]) == ("extracted", 57, ">")
    undo_batch = rt.corrections[-1].batch
    rt = reg.undo(doc, k, undo_batch, "lan", 2)
    assert (rt.status, rt.target["value"]) == ("corrected", 75)
    with pytest.raises(ReviewValidationError):
        reg.undo(doc, k, undo_batch, "lan", 3)  # already undone


def test_undo_of_an_addition_removes_the_target(stored):
    reg, doc = stored
    rt = reg.add_target(doc, 0, 10, {"indicator": "x", "value": 3}, "lan")
    undone = reg.undo(doc, rt.key, rt.corrections[0].batch, "lan", 1)
    assert undone.removed and rt.key not in keys(reg, doc)
    redone = reg.undo(doc, rt.key, undone.corrections[-1].batch, "lan", 2)
    assert not redone.removed and rt.key in keys(reg, doc)
    with pytest.raises(TargetNotFound):
        reg.review_target(doc, "tgt_nope")


def test_stale_version_is_a_conflict_not_an_overwrite(stored):
    reg, doc = stored
    k = keys(reg, doc)[2]
    reg.correct(doc, k, {"value": 75}, "lan", 0)
    with pytest.raises(ConflictError) as exc:
        reg.correct(doc, k, {"value": 76}, "minh", 0)
    assert "lan" in str(exc.value)
    assert exc.value.current.target["value"] == 75
    assert [c.reviewer for c in exc.value.newer] == ["lan"]
    assert reg.review_target(doc, k).target["value"] == 75


def test_invalid_corrections_are_refused_with_field_messages(stored):
    reg, doc = stored
    k = keys(reg, doc)[2]
    with pytest.raises(ReviewValidationError) as exc:
        reg.correct(doc, k, {"direction": "sideways"}, "lan", 0)
    assert "direction" in exc.value.errors
    with pytest.raises(ReviewValidationError) as exc:
        reg.correct(doc, k, {"comparator": "between"}, "lan", 0)
    assert "value_max" in exc.value.errors["__all__"]
    with pytest.raises(ReviewValidationError):
        reg.correct(doc, k, {"parent_id": "tgt_nope"}, "lan", 0)
    with pytest.raises(ReviewValidationError):
        reg.approve(doc, k, "  ", 0)
    assert reg.review_target(doc, k).version == 0


@pytest.mark.parametrize("raw, value", [("7,5", 7.5), ("7.5", 7.5), ("90", 90), ("1.150.000", 1150000),
                                        ("", None), (12, 12), (2.0, 2)])
def test_parse_number(raw, value):
    assert parse_field("value", raw) == value


def test_parse_errors_name_the_field():
    with pytest.raises(ValueError, match="not a number"):
        parse_field("value", "năm")
    with pytest.raises(ValueError, match="not a year"):
        parse_field("period_year", "23")
    assert parse_field("units", "A; B\nC") == ["A", "B", "C"]


# -- re-extraction -------------------------------------------------------------

def review_everything(reg: Registry, doc: str) -> None:
    k = keys(reg, doc)
    reg.approve(doc, k[0], "lan", 0)
    reg.correct(doc, k[1], {"units": ["Công an tỉnh Nghệ An"], "baseline_year": 2022}, "minh", 0)
    reg.correct(doc, k[2], {"value": 75}, "lan", 0)
    reg.approve(doc, k[3], "lan", 0)
    start = SAMPLE_TEXT.index("giảm 10%")
    reg.add_target(doc, start, start + len("giảm 10% số vụ tai nạn giao thông"),
                   {"indicator": "số vụ tai nạn giao thông", "direction": "decrease", "value": 10}, "lan")


def test_reextraction_reattaches_every_correction_or_reports_it(stored):
    reg, doc = stored
    review_everything(reg, doc)
    n_corrections = reg.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0]
    outcome = reg.store(build_result(specs=SAMPLE_TARGETS_V2, salt="v2"), "v2")
    assert outcome.action == "updated"
    assert outcome.reattached == 3 and len(outcome.orphaned) == 1
    by_phrase = {rt.target["evidence"]["text"]: rt for rt in reg.review_targets(doc)}
    assert by_phrase["giảm ít nhất 5% số vụ phạm pháp hình sự"].status == "approved"
    intake = by_phrase["tiếp nhận 100% tố giác, tin báo về tội phạm"]
    # corrected fields stay; a field nobody corrected follows the new pipeline
    assert (intake.status, intake.target["units"], intake.target["baseline_year"]) == \
        ("corrected", ["Công an tỉnh Nghệ An"], 2022)
    assert intake.target["indicator_key"] is None
    assert by_phrase["tỷ lệ điều tra, khám phá án đạt trên 75%"].target["value"] == 75
    orphan = by_phrase["không để xảy ra oan sai"]
    assert orphan.orphaned and orphan.status == "approved"
    assert by_phrase["giảm 10% số vụ tai nạn giao thông"].origin == "added"
    assert reg.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0] == n_corrections
    assert [o.key for o in reg.orphans()] == [orphan.key]
    lines = "\n".join(IngestSummary.of([outcome]).lines())
    assert "orphaned: 1" in lines and orphan.subject_id in lines

    # back to v1: the orphan finds its target again
    again = reg.store(build_result(), "v1")
    assert again.reattached == 4 and again.orphaned == []
    assert reg.orphans() == []


def test_a_new_pipeline_that_finds_an_added_target_does_not_duplicate_it(stored):
    reg, doc = stored
    start = SAMPLE_TEXT.index("giảm 10%")
    phrase = "giảm 10% số vụ tai nạn giao thông"
    added = reg.add_target(doc, start, start + len(phrase), {"indicator": "số vụ tai nạn giao thông",
                                                              "direction": "decrease", "value": 10}, "lan")
    specs = list(build_result_specs()) + [(phrase, dict(indicator="số vụ tai nạn giao thông",
                                                        direction="decrease", comparator=">=", value=10,
                                                        unit="percent"))]
    reg.store(build_result(specs=specs), "v3")
    rts = [rt for rt in reg.review_targets(doc) if rt.target["evidence"]["text"] == phrase]
    assert len(rts) == 1 and rts[0].key == added.key and rts[0].extracted is not None


def build_result_specs():
    from conftest import SAMPLE_TARGETS

    return SAMPLE_TARGETS


def test_changed_text_of_a_source_supersedes_and_carries_reviews(stored):
    reg, doc = stored
    k = keys(reg, doc)
    reg.correct(doc, k[2], {"value": 75}, "lan", 0)
    new_text = "Tin mới cập nhật.\n" + SAMPLE_TEXT
    outcome = reg.store(build_result(new_text), "v1")
    assert outcome.superseded == [doc]
    assert reg.document_ids() == [outcome.document_id]
    rt = [r for r in reg.review_targets(outcome.document_id) if r.status == "corrected"][0]
    assert rt.target["value"] == 75 and not rt.orphaned
    assert new_text[rt.target["evidence"]["start"]:rt.target["evidence"]["end"]] == rt.target["evidence"]["text"]


# -- export --------------------------------------------------------------------

def test_export_applies_corrections_in_every_format(stored):
    reg, doc = stored
    review_everything(reg, doc)
    reg.reject(doc, keys(reg, doc)[1], "lan", 1)
    out = io.StringIO()
    assert write_export(reg, "jsonl", out) == 1
    result = DocumentResult.model_validate_json(out.getvalue().splitlines()[0])
    statuses = [t.status for t in result.targets]
    assert statuses == ["approved", "rejected", "corrected", "approved", "corrected"]
    assert result.targets[2].value == 75
    assert result.document.text is None

    out = io.StringIO()
    write_export(reg, "json", out)
    assert [DocumentResult.model_validate(d).document.id for d in json.loads(out.getvalue())] == [doc]

    out = io.StringIO()
    write_export(reg, "csv", out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 5
    assert rows[2]["value"] == "75" and rows[2]["status"] == "corrected"
    assert rows[0]["event_groups"] == "Cụm thi đua số 5"
    assert rows[0]["event_units"] == "Công an tỉnh Thanh Hóa; Công an tỉnh Nghệ An"
    assert rows[0]["evidence_text"] == SAMPLE_TEXT[int(rows[0]["evidence_start"]):int(rows[0]["evidence_end"])]


def test_export_keeps_approved_orphans_and_drops_rejected_ones(stored):
    reg, doc = stored
    k = keys(reg, doc)
    reg.approve(doc, k[3], "lan", 0)
    reg.reject(doc, k[0], "lan", 0)
    specs = [s for s in build_result_specs() if s[0] not in ("không để xảy ra oan sai",)][1:]
    reg.store(build_result(specs=specs), "v2")
    out = io.StringIO()
    write_export(reg, "jsonl", out)
    result = DocumentResult.model_validate_json(out.getvalue())
    texts = [t.evidence.text for t in result.targets]
    assert "không để xảy ra oan sai" in texts
    assert not any("phạm pháp" in t for t in texts)
    assert [w.code for w in result.warnings] == ["orphaned_review"]


# -- CLI -----------------------------------------------------------------------

def test_cli_ingest_is_idempotent_and_export_writes_files(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(SAMPLE_TEXT, encoding="utf-8")
    missing = str(tmp_path / "missing.txt")  # unreadable: stored with a read error, the run goes on
    reg = tmp_path / "out" / "reg.sqlite"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(corpus), missing, "--registry", str(reg)], catch_exceptions=False)
    assert first.exit_code == 0
    assert "2 new" in first.stderr and "1 with errors" in first.stderr
    second = runner.invoke(main, ["ingest", str(corpus), missing, "--registry", str(reg)], catch_exceptions=False)
    assert "0 new, 0 updated, 2 skipped" in second.stderr
    for fmt in ("jsonl", "json", "csv"):
        out = tmp_path / f"export.{fmt}"
        res = runner.invoke(main, ["export", "--registry", str(reg), "--format", fmt, "--out", str(out)],
                            catch_exceptions=False)
        assert res.exit_code == 0 and out.stat().st_size > 0
    lines = (tmp_path / "export.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2
    assert all(DocumentResult.model_validate_json(line) for line in lines)


def test_cli_export_without_registry_is_a_usage_error(tmp_path):
    res = CliRunner().invoke(main, ["export", "--registry", str(tmp_path / "none.sqlite")])
    assert res.exit_code != 0 and "pledge ingest" in res.output


def test_an_approval_pins_the_values_the_reviewer_saw(stored):
    reg, doc = stored
    k = keys(reg, doc)[0]
    reg.approve(doc, k, "lan", 0)
    changed = [(p, {**f, "baseline_year": 2021}) if f["indicator_key"] == "crime.cases" else (p, f)
               for p, f in build_result_specs()]
    reg.store(build_result(specs=changed, salt="v9"), "v9")
    rt = [r for r in reg.review_targets(doc) if r.target["indicator_key"] == "crime.cases"][0]
    assert (rt.status, rt.target["baseline_year"], rt.extracted["baseline_year"]) == ("approved", 2022, 2021)


def test_registry_and_review_commands_have_help_with_an_example():
    from pipeline.cli import main as group

    commands = [group.commands[n] for n in ("ingest", "export", "review", "eval")]
    commands += list(group.commands["review"].commands.values())
    for cmd in commands:
        assert cmd.help and "Example:" in cmd.help, cmd.name


def test_a_source_that_returns_to_an_earlier_text_takes_its_reviews_back(stored):
    reg, doc = stored
    k = keys(reg, doc)
    reg.correct(doc, k[2], {"value": 75}, "lan", 0)
    newer = reg.store(build_result("Tin mới.\n" + SAMPLE_TEXT), "v1")
    back = reg.store(build_result(), "v1")
    assert back.action == "updated" and back.superseded == [newer.document_id]
    assert reg.document_ids() == [doc]
    assert reg.review_target(doc, k[2]).target["value"] == 75


def test_an_orphan_whose_evidence_left_the_text_is_only_a_warning(stored):
    reg, doc = stored
    k = keys(reg, doc)
    reg.approve(doc, k[3], "lan", 0)
    new_text = SAMPLE_TEXT.replace("không để xảy ra oan sai", "giữ vững ổn định")
    specs = [s for s in build_result_specs() if "oan sai" not in s[0]]
    outcome = reg.store(build_result(new_text, specs), "v1")
    assert outcome.superseded == [doc] and len(outcome.orphaned) == 1
    out = io.StringIO()
    write_export(reg, "jsonl", out)
    result = DocumentResult.model_validate_json(out.getvalue())
    assert all(new_text[t.evidence.start:t.evidence.end] == t.evidence.text for t in result.targets)
    assert [w.code for w in result.warnings] == ["orphaned_review_unplaced"]
    assert [o.status for o in reg.orphans()] == ["approved"]  # kept, listed in the app
