"""Command line: extract lines validate against the schema, eval thresholds, help everywhere."""

from __future__ import annotations

import json
from pathlib import Path

import click
import jsonschema
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.models import DocumentResult

CORPUS = Path(__file__).resolve().parent.parent / "corpus" / "dev"


@pytest.fixture(scope="module")
def dev_lines() -> list[dict]:
    result = CliRunner().invoke(main, ["extract", str(CORPUS)], catch_exceptions=False)
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_extract_prints_one_valid_line_per_document(dev_lines):
    schema = json.loads(CliRunner().invoke(main, ["schema"], catch_exceptions=False).stdout)
    assert len(dev_lines) == len(list(CORPUS.glob("*.txt")))  # README.md and *.gold.json are not inputs
    for line in dev_lines:
        jsonschema.validate(line, schema)
        DocumentResult.model_validate(line)
        assert "text" not in line["document"]


def test_extract_evidence_indexes_the_document_text(dev_lines):
    for line in dev_lines:
        text = Path(line["document"]["source"]).read_text(encoding="utf-8")
        assert line["document"]["chars"] == len(text)
        for t in line["targets"]:
            assert text[t["evidence"]["start"]:t["evidence"]["end"]] == t["evidence"]["text"]


def test_with_text_adds_the_document_text(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Không để xảy ra oan sai.", encoding="utf-8")
    line = json.loads(CliRunner().invoke(main, ["extract", "--with-text", str(path)], catch_exceptions=False).stdout)
    assert line["document"]["text"] == "Không để xảy ra oan sai."


def test_unreadable_file_still_gets_its_line(tmp_path):
    good, bad = tmp_path / "a.txt", tmp_path / "b.txt"
    good.write_text("Phấn đấu giảm 5% số vụ cháy.", encoding="utf-8")
    bad.write_bytes(b"\xff\xfe\x00\xd8 broken \xc3")
    result = CliRunner().invoke(main, ["extract", str(bad), str(good)], catch_exceptions=False)
    assert result.exit_code == 0
    lines = [json.loads(x) for x in result.stdout.splitlines()]
    assert [Path(x["document"]["source"]).name for x in lines] == ["b.txt", "a.txt"]
    assert lines[0]["errors"] and lines[0]["targets"] == []


@pytest.mark.parametrize("folder", [CORPUS, CORPUS.parent / "extra"], ids=["dev", "extra"])
def test_gold_set_evaluation_meets_the_thresholds(folder):
    """The issue's bar: F1 ≥ 0.95, all fields ≥ 0.90, events ≥ 0.90 (dev set, and the extra held-out set)."""
    from pipeline.evaluate import Report, load_gold, score_document
    from pipeline.extract import Extractor
    from pipeline.read import iter_documents

    gold = load_gold(folder)
    extractor, report = Extractor(), Report()
    for src in iter_documents([folder]):
        score_document(report, Path(src.source).name, gold[Path(src.source).name], json.loads(extractor.extract(src).to_json()))
    assert report.f1 >= 0.95
    assert report.all_fields_share >= 0.90
    assert report.event_accuracy >= 0.90


def test_eval_command_prints_the_figures():
    out = CliRunner().invoke(main, ["eval", "--gold", str(CORPUS)], catch_exceptions=False).stdout
    assert "F1" in out and "all fields correct" in out and "event-field accuracy" in out


def test_a_wrong_parent_is_named_by_its_indicator():
    """Gold and prediction number their targets differently, so the note names the parents themselves."""
    from pipeline.evaluate import Report, score_document

    def target(indicator: str, **extra) -> dict:
        return {"indicator": indicator, "indicator_key": None, "direction": "reach", "comparator": ">=",
                "value": 90, "value_max": None, "unit": "percent", "baseline_year": None, "period_year": 2024, **extra}

    gold = {"events": [], "targets": [target("tỷ lệ điều tra"), target("tỷ lệ trọng án", parent=0)]}
    pred = {"events": [], "targets": [target("tỷ lệ khác", id="x", value=5), target("tỷ lệ điều tra", id="a"),
                                      target("tỷ lệ trọng án", id="b", parent_id="x")]}
    report = Report()
    score_document(report, "d", gold, pred)
    assert any("parent: gold 'tỷ lệ điều tra' got 'tỷ lệ khác'" in note for note in report.notes)


def _commands(group: click.Group, prefix: tuple[str, ...] = ()):
    for name, cmd in group.commands.items():
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize(("path", "command"), list(_commands(main)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_every_command_has_help_with_an_example(path, command):
    assert command.help and "Example" in command.help, f"`pledge {' '.join(path)}` needs help text with an example"


def test_ingest_takes_the_input_filters(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Hội nghị ký kết giao ước thi đua năm 2023. Phấn đấu giảm 5% số vụ cháy.", encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Hội nghị ký kết giao ước thi đua năm 2024. Không để xảy ra oan sai.", encoding="utf-8")
    registry = tmp_path / "r.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--exclude", "b.txt", "--registry", str(registry),
                                       "--workers", "1"], catch_exceptions=False)
    assert result.exit_code == 0
    out = CliRunner().invoke(main, ["export", "--registry", str(registry)], catch_exceptions=False).stdout
    assert [json.loads(x)["document"]["source"].rsplit("/", 1)[-1] for x in out.splitlines()] == ["a.txt"]
