"""``--workers N`` (issue 5): output in input order, one error line per bad document, same registry."""

from __future__ import annotations

import json
import multiprocessing
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.batch import BatchRunner, ExtractorConfig
from pipeline.cli import main
from pipeline.extract import Extractor
from pipeline.read import iter_documents

DEV = Path(__file__).resolve().parent.parent / "corpus" / "dev"
forked = pytest.mark.skipif("fork" not in multiprocessing.get_all_start_methods(),
                            reason="the patched extractor reaches the workers only through fork")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """About forty documents: the dev texts, each also with another headline, and an unreadable file."""
    folder = tmp_path_factory.mktemp("inputs")
    k = 0
    for copy in range(3):
        for path in sorted(DEV.glob("*.txt")):
            text = path.read_text(encoding="utf-8")
            if copy:
                text = f"Bản tin số {copy}: {text}"
            (folder / f"{k:03d}_{path.name}").write_text(text, encoding="utf-8")
            k += 1
    (folder / f"{k:03d}_broken.txt").write_bytes(b"\xff\xfe\x00 not \x81 text \xc3")
    return folder


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_extract_with_two_workers_keeps_input_order(inputs):
    code1, one, _ = _run("extract", str(inputs), "--workers", "1")
    code2, two, _ = _run("extract", str(inputs), "--workers", "2")
    assert code1 == code2 == 0
    assert two == one
    sources = [json.loads(line)["document"]["source"] for line in two.splitlines()]
    assert sources == sorted(sources) and len(sources) == len(list(inputs.iterdir()))


def test_runner_results_match_the_extractor_in_order(inputs):
    docs = list(iter_documents([inputs]))
    extractor = Extractor()
    expected = [extractor.extract(src).to_json() for src in docs]
    with BatchRunner(ExtractorConfig(), workers=2, chunksize=3) as runner:
        assert [r.to_json() for r in runner.results(docs)] == expected
        assert runner.stats.documents == len(docs)
        assert runner.stats.worker_peak_rss and all(v > 0 for v in runner.stats.worker_peak_rss.values())


def _boom_on_marked(self, src):  # patched in: raises outside the extractor's own error handler
    if "BOOM" in src.text:
        raise RuntimeError("boom")
    return _original_extract(self, src)


def _exit_on_marked(self, src):  # patched in: the worker process dies on this document
    if "CRASH" in src.text:
        os._exit(3)
    return _original_extract(self, src)


_original_extract = Extractor.extract


def _marked_inputs(folder: Path, inputs: Path, marker: str) -> Path:
    folder.mkdir()
    for k, path in enumerate(sorted(inputs.glob("*.txt"))[:20]):
        text = path.read_bytes()
        if k in (5, 13):
            text = marker.encode() + b" " + text
        (folder / path.name).write_bytes(text)
    return folder


@forked
@pytest.mark.parametrize("patch, marker, code", [(_boom_on_marked, "BOOM", "extraction_error"),
                                                 (_exit_on_marked, "CRASH", "worker_crashed")])
def test_a_failing_document_becomes_its_error_line(tmp_path, inputs, monkeypatch, patch, marker, code):
    folder = _marked_inputs(tmp_path / "in", inputs, marker)
    monkeypatch.setattr(Extractor, "extract", patch)
    status, out, _ = _run("extract", str(folder), "--workers", "2")
    assert status == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 20
    assert [line["document"]["source"] for line in lines] == [str(p) for p in sorted(folder.glob("*.txt"))]
    failed = [k for k, line in enumerate(lines) if any(e["code"] == code for e in line["errors"])]
    assert failed == [5, 13]
    assert all(not lines[k]["targets"] for k in failed)
    assert sum(1 for k, line in enumerate(lines) if line["targets"] and k not in failed) >= 15


def _source_and_pid(result) -> tuple[str, int]:
    return result.document.source, os.getpid()


def test_map_finishes_each_result_in_the_process_that_extracted_it(inputs):
    docs = list(iter_documents([inputs]))
    with BatchRunner(ExtractorConfig(), workers=2, chunksize=3) as runner:
        out = list(runner.map(docs, _source_and_pid))
    assert [source for source, _ in out] == [d.source for d in docs]
    assert os.getpid() not in {pid for _, pid in out}


def test_ingest_with_two_workers_stores_what_one_worker_stores(tmp_path, inputs):
    exported = []
    for workers in ("1", "2"):
        registry = tmp_path / f"r{workers}.sqlite"
        status, _, err = _run("ingest", str(inputs), "--registry", str(registry), "--workers", workers)
        assert status == 0
        assert f"documents: {len(list(inputs.iterdir()))} new" in err
        status, out, _ = _run("export", "--registry", str(registry))
        exported.append(sorted(out.splitlines()))
        status, _, err = _run("ingest", str(inputs), "--registry", str(registry), "--workers", workers)
        assert f"0 new, 0 updated, {len(list(inputs.iterdir()))} skipped" in err
    assert exported[0] == exported[1]


def test_progress_bar_only_on_a_terminal(capsys, inputs):
    from pipeline.batch import progress_bar

    with progress_bar() as bar:  # pytest's stderr is not a terminal: silent
        bar.update()
    assert capsys.readouterr().err == ""
    bar = progress_bar(enabled=True)
    bar.update(3)
    bar.close()
    assert "3 docs" in capsys.readouterr().err
    status, _, err = _run("extract", str(inputs), "--workers", "2")
    assert status == 0 and err == ""  # nothing but JSON lines, and nothing on stderr, when not on a terminal
