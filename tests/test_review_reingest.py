"""Re-ingesting with changed patterns: every correction re-attaches or is reported, none is lost."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import pipeline.cli
from conftest import SAMPLE_TARGETS, SAMPLE_TARGETS_V2, SAMPLE_TEXT, build_result
from pipeline.cli import main
from pipeline.extract import Extractor
from pipeline.models import DocumentResult
from pipeline.registry import Registry

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "corpus" / "dev"


def ingest(runner, paths, registry, patterns):
    r = runner.invoke(main, ["ingest", *map(str, paths), "--registry", str(registry), "--patterns", str(patterns)],
                      catch_exceptions=False)
    assert r.exit_code == 0, r.output
    return r.stderr


def subjects(registry):
    with Registry(registry) as reg:
        return {r["id"]: dict(r) for r in reg.conn.execute("SELECT * FROM subjects")}


def count_corrections(registry):
    with Registry(registry) as reg:
        return reg.conn.execute("SELECT COUNT(*) FROM corrections").fetchone()[0]


def check_everything_attached_or_reported(summary: str, registry) -> tuple[int, int]:
    subs = subjects(registry)
    extracted = {k: s for k, s in subs.items() if s["origin"] == "extracted"}
    orphaned = {k for k, s in extracted.items() if s["attach"] == "orphaned"}
    attached = {k for k, s in extracted.items() if s["attach"] in ("exact", "fuzzy", "original", "manual")}
    assert orphaned | attached == set(extracted)  # nothing in between
    m = re.search(r"reviewed targets re-attached: (\d+).*\n.*reviewed targets orphaned: (\d+)", summary)
    assert m and int(m.group(1)) == len(attached) and int(m.group(2)) == len(orphaned)
    for sid in orphaned:
        assert sid in summary  # each orphan is named in the ingest summary
    with Registry(registry) as reg:
        assert {rt.key for rt in reg.orphans()} == orphaned
        for s in attached:
            doc = extracted[s]["document_id"]
            assert reg.review_target(doc, s).extracted is not None
    return len(attached), len(orphaned)


class StubExtractor(Extractor):
    """The real extractor's version (with the patterns fingerprint), hand-made targets.

    With a ``stub_v2.json`` in the patterns folder it behaves like a changed
    pipeline: other ids and spans, a fixed value, the order changed, a target lost.
    """

    def extract(self, src):
        v2 = (self.patterns.dir / "stub_v2.json").exists()
        return build_result(src.text, SAMPLE_TARGETS_V2 if v2 else SAMPLE_TARGETS, source=src.source,
                            salt="v2" if v2 else "v1")


def test_changed_patterns_reattach_or_report_every_correction(tmp_path, monkeypatch):
    monkeypatch.setattr(pipeline.cli, "Extractor", StubExtractor)
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    doc_file = tmp_path / "a.txt"
    doc_file.write_text(SAMPLE_TEXT, encoding="utf-8")
    registry = tmp_path / "reg.sqlite"
    runner = CliRunner()
    ingest(runner, [doc_file], registry, patterns)
    with Registry(registry) as reg:
        doc = reg.document_ids()[0]
        k = [rt.key for rt in reg.review_targets(doc)]
        reg.approve(doc, k[0], "lan", 0)
        reg.correct(doc, k[1], {"baseline_year": 2022}, "minh", 0)
        reg.correct(doc, k[2], {"value": 75}, "lan", 0)
        reg.approve(doc, k[3], "lan", 0)
    before = count_corrections(registry)

    (patterns / "stub_v2.json").write_text("{}", encoding="utf-8")  # a new pipeline version
    summary = ingest(runner, [doc_file], registry, patterns)
    assert "1 updated" in summary
    assert check_everything_attached_or_reported(summary, registry) == (3, 1)
    assert count_corrections(registry) == before

    out = runner.invoke(main, ["export", "--registry", str(registry)], catch_exceptions=False).stdout
    result = DocumentResult.model_validate_json(out.splitlines()[0])
    by_text = {t.evidence.text: t for t in result.targets}
    assert by_text["tỷ lệ điều tra, khám phá án đạt trên 75%"].value == 75
    assert by_text["tiếp nhận 100% tố giác, tin báo về tội phạm"].baseline_year == 2022
    assert by_text["không để xảy ra oan sai"].status == "approved"  # orphaned but approved: kept

    (patterns / "stub_v2.json").unlink()  # back to the first patterns: the orphan comes home
    summary = ingest(runner, [doc_file], registry, patterns)
    assert check_everything_attached_or_reported(summary, registry) == (4, 0)


def _richest_dev_documents(n: int) -> list[Path]:
    extractor = Extractor()
    from pipeline.read import iter_documents

    counts = []
    for src in iter_documents([DEV]):
        counts.append((len(extractor.extract(src).targets), src.source))
    counts.sort(reverse=True)
    return [Path(s) for c, s in counts[:n] if c >= 3]


def test_real_extractor_with_edited_patterns_loses_no_correction(tmp_path):
    docs = _richest_dev_documents(3)
    if not docs:
        pytest.skip("the extractor finds no targets in corpus/dev yet")
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    registry = tmp_path / "reg.sqlite"
    runner = CliRunner()
    ingest(runner, docs, registry, patterns)
    with Registry(registry) as reg:
        for doc in reg.document_ids():
            rts = reg.review_targets(doc)
            reg.approve(doc, rts[0].key, "lan", 0)
            t = rts[1].target
            reg.correct(doc, rts[1].key, {"indicator": t["indicator"] + " (sửa)", "period_year": 2031}, "minh", 0)
            reg.reject(doc, rts[2].key, "lan", 0)
            ev = rts[-1].target["evidence"]
            reg.add_target(doc, ev["start"], ev["end"], {"indicator": "chỉ tiêu bổ sung", "value": 1}, "lan")
    before = count_corrections(registry)

    # Edit the patterns: drop the first taxonomy keys (indicator keys change, lists split differently).
    tax_path = patterns / "taxonomy.json"
    taxonomy = json.loads(tax_path.read_text(encoding="utf-8"))
    taxonomy["keys"] = taxonomy["keys"][3:]
    tax_path.write_text(json.dumps(taxonomy, ensure_ascii=False, indent=1), encoding="utf-8")

    summary = ingest(runner, docs, registry, patterns)
    assert f"{len(docs)} updated" in summary
    attached, orphaned = check_everything_attached_or_reported(summary, registry)
    assert attached + orphaned == 3 * len(docs)
    assert count_corrections(registry) == before
    with Registry(registry) as reg:
        for doc in reg.document_ids():
            rts = reg.review_targets(doc)
            assert sum(rt.origin == "added" for rt in rts) == 1
            corrected = [rt for rt in rts if rt.target.get("period_year") == 2031]
            assert len(corrected) == 1 and corrected[0].target["indicator"].endswith("(sửa)")
