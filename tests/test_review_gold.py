"""Reviews as gold for `pledge eval --reviewed`."""

from __future__ import annotations

from click.testing import CliRunner

import pipeline.cli
from conftest import SAMPLE_TARGETS, SAMPLE_TEXT, build_result
from pipeline.cli import main
from pipeline.extract import Extractor
from pipeline.review.gold import reviewed_gold, reviewed_pairs, source_document


class V1Extractor(Extractor):
    def extract(self, src):
        return build_result(src.text, SAMPLE_TARGETS, source=src.source)


def review(reg, doc):
    k = [rt.key for rt in reg.review_targets(doc)]
    reg.approve(doc, k[0], "lan", 0)
    reg.correct(doc, k[2], {"value": 75}, "lan", 0)          # the extractor says 57: a wrong field
    reg.reject(doc, k[3], "lan", 0)                         # predicted again: a false positive
    start = SAMPLE_TEXT.index("giảm 10%")
    reg.add_target(doc, start, start + len("giảm 10% số vụ tai nạn giao thông"),
                   {"indicator": "số vụ tai nạn giao thông", "direction": "decrease", "value": 10}, "lan")  # a miss
    return k


def test_gold_has_the_gold_file_shape(stored):
    reg, doc = stored
    review(reg, doc)
    gold = reviewed_gold(reg)
    assert list(gold) == [doc]
    assert gold[doc]["source"] == "sample.txt" and gold[doc]["events"] == []
    targets = gold[doc]["targets"]
    assert [t["value"] for t in targets] == [5, 75, 10]
    assert set(targets[0]) == {"indicator", "indicator_key", "direction", "comparator", "value", "value_max",
                               "unit", "baseline_year", "period_year"}


def test_predictions_are_scored_only_in_reviewed_passages(stored):
    reg, doc = stored
    review(reg, doc)
    assert source_document(reg, doc).text == SAMPLE_TEXT
    [(name, gold, pred)] = list(reviewed_pairs(reg, V1Extractor()))
    assert doc in name
    # the unreviewed intake target is not scored; the rejected one is
    assert [t["value"] for t in pred["targets"]] == [5, 57, 0]


def test_eval_reviewed_cli(stored, registry_path, monkeypatch):
    reg, doc = stored
    review(reg, doc)
    monkeypatch.setattr(pipeline.cli, "Extractor", V1Extractor)
    r = CliRunner().invoke(main, ["eval", "--reviewed", "--registry", str(registry_path), "-v"],
                           catch_exceptions=False)
    assert r.exit_code == 0
    assert "targets: gold 3, predicted 3, matched 1" in r.stdout
    assert "MISS" in r.stdout and "FALSE POSITIVE" in r.stdout
    bad = CliRunner().invoke(main, ["eval", "--reviewed", "--gold", "corpus/dev"])
    assert bad.exit_code != 0 and "either --gold DIR or --reviewed" in bad.output
