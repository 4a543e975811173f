"""``pledge ingest --dask`` (issue 5) against a Dask LocalCluster: shards written by workers, bulk-loaded."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

distributed = pytest.importorskip(
    "distributed", reason="dask.distributed is not installed (pip install 'pledge-registry[dask]')")

DEV = Path(__file__).resolve().parent.parent / "corpus" / "dev"


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None) as c:
        yield c


def _run(*args: str):
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result


def _export(registry: Path) -> list[str]:
    return _run("export", "--registry", str(registry)).stdout.splitlines()


def test_dask_ingest_stores_what_a_local_ingest_stores(tmp_path, cluster):
    local, on_dask = tmp_path / "local.sqlite", tmp_path / "dask.sqlite"
    _run("ingest", str(DEV), "--registry", str(local), "--workers", "1")
    result = _run("ingest", str(DEV), "--registry", str(on_dask), "--dask", cluster.scheduler_address)
    n = len(list(DEV.glob("*.txt")))
    assert f"documents: {n} new" in result.stderr
    assert _export(on_dask) == _export(local)
    shards = on_dask.with_name(on_dask.name + ".shards")
    assert shards.is_dir() and not any(shards.rglob("*.jsonl"))  # loaded, then removed
    again = _run("ingest", str(DEV), "--registry", str(on_dask), "--dask", cluster.scheduler_address)
    assert f"0 new, 0 updated, {n} skipped" in again.stderr


def test_shards_are_extract_lines_and_can_be_kept(tmp_path, cluster):
    from pipeline.batch import ExtractorConfig
    from pipeline.distributed import ingest_on_dask, read_shard
    from pipeline.read import iter_documents
    from pipeline.registry import IngestSummary, Registry

    summary = IngestSummary()
    with Registry(tmp_path / "r.sqlite") as reg, distributed.Client(cluster.scheduler_address) as client:
        stats = ingest_on_dask(reg, iter_documents([DEV]), client, ExtractorConfig(), summary, tmp_path / "shards",
                               shard_size=5, keep_shards=True)
    files = sorted(Path(stats["folder"]).glob("shard-*.jsonl"))
    assert len(files) == stats["shards"] == 4  # 16 documents, 5 per shard
    loaded = [r for f in files for r in read_shard(f)]
    assert [r.document.source for r in loaded] == [str(p) for p in sorted(DEV.glob("*.txt"))]
    assert all(r.document.text for r in loaded)  # the registry keeps the text
    assert summary.documents["new"] == 16 and stats["worker_peak_rss"]


def test_a_failed_task_becomes_error_lines_and_the_ingest_goes_on(tmp_path, cluster, monkeypatch):
    import pipeline.distributed
    from pipeline.batch import ExtractorConfig
    from pipeline.read import iter_documents
    from pipeline.registry import IngestSummary, Registry

    real = pipeline.distributed.extract_shard

    def failing(config, sources, path):  # as if the task's worker kept dying
        if any("Cụm thi đua số 6" in s.text for s in sources):
            raise RuntimeError("worker lost")
        return real(config, sources, path)

    monkeypatch.setattr(pipeline.distributed, "extract_shard", failing)
    summary = IngestSummary()
    with Registry(tmp_path / "r.sqlite") as reg:
        pipeline.distributed.ingest_on_dask(reg, iter_documents([DEV]), cluster.scheduler_address, ExtractorConfig(),
                                            summary, tmp_path / "shards", shard_size=4)
    assert summary.documents["new"] == 16
    lines = _export(tmp_path / "r.sqlite")
    failed = [line for line in lines if "worker_crashed" in line]
    assert len(failed) == 4  # the documents of the failed shard, and only those
    assert sum(1 for line in lines if '"targets":[{' in line) >= 10


def test_without_dask_the_option_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = CliRunner().invoke(main, ["ingest", str(DEV), "--registry", str(tmp_path / "r.sqlite"),
                                       "--dask", "tcp://127.0.0.1:1"])
    assert result.exit_code != 0
    assert "pledge-registry[dask]" in result.output
