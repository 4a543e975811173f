"""The throughput benchmark (issue 5) builds its corpus deterministically and prints parseable lines.

Timings are never asserted here: machines are noisy; the benchmark reports them.
"""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from pipeline.bench import build_corpus
from pipeline.cli import main

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def test_corpus_is_deterministic_distinct_and_about_3kb(tmp_path):
    a = build_corpus(CORPUS, 40, tmp_path / "a", seed=3)
    b = build_corpus(CORPUS, 40, tmp_path / "b", seed=3)
    c = build_corpus(CORPUS, 40, tmp_path / "c", seed=4)
    texts = [p.read_text(encoding="utf-8") for p in a.paths]
    assert texts == [p.read_text(encoding="utf-8") for p in b.paths]
    assert texts != [p.read_text(encoding="utf-8") for p in c.paths]
    assert len(set(texts)) == 40
    assert 2400 <= a.bytes / 40 <= 3600
    bigger = build_corpus(CORPUS, 60, tmp_path / "d", seed=3)  # the 1x corpus is the start of a larger one
    assert [p.read_text(encoding="utf-8") for p in bigger.paths[:40]] == texts


def test_a_small_benchmark_run_prints_every_figure(tmp_path):
    result = CliRunner().invoke(main, ["bench", "--docs", "3", "--sizes", "1,2", "--workers", "1", "--baseline-docs",
                                       "1", "--corpus", str(CORPUS), "--keep", str(tmp_path / "work")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    names = [line.split(":", 1)[0] for line in lines]
    for name in ("corpus 1x", "corpus 2x", "extract 1x", "ingest 1x", "extract 2x", "ingest 2x", "baseline",
                 "ratio ingest", "scaling ingest"):
        assert name in names, result.stdout
    fields = dict(re.findall(r"(\w+)=(\S+)", lines[names.index("ingest 1x")]))
    assert fields["documents"] == "3" and float(fields["docs_per_s"]) > 0 and int(fields["peak_rss_mb_main"]) > 0
    assert "extrapolated=yes" in lines[names.index("baseline")]
    assert sum(1 for n in names if n.startswith("target ")) >= 4
