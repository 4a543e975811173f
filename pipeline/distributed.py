"""``pledge ingest --dask SCHEDULER``: extraction on a Dask cluster (optional extra ``[dask]``).

The ingesting process reads the inputs, leaves out what the registry already
holds (same content and pipeline version), and sends the rest to the cluster in
shards of documents.  Each task extracts its shard with the worker's own
``Extractor`` (built once per worker thread) and writes the lines — the
``pledge extract --with-text`` lines — to a JSONL shard file in the shard
folder; the ingesting process bulk-loads each finished shard into the registry
(``Registry.store_many``: batches per transaction, each document atomic), in
input order, and deletes it.

The shard folder must be reachable under the same path from the workers and
from the ingesting process (the same machine, or a shared file system).

A document whose extraction fails gets its error on its line, as everywhere; a
task that fails as a whole (its worker died more often than Dask retries) gives
each of its documents a ``worker_crashed`` error; the ingest goes on.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .batch import ExtractorConfig, failed_result, peak_rss, reporter, safe_extract, unstored
from .extract import Extractor
from .models import DocumentResult, SourceDocument

if TYPE_CHECKING:
    from .registry import IngestSummary, Registry

INSTALL_HINT = "pip install 'pledge-registry[dask]'"


class DaskUnavailable(RuntimeError):
    """dask.distributed is not installed."""


def require_dask() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise DaskUnavailable(f"--dask needs dask.distributed: {INSTALL_HINT}") from exc
    return distributed


# -- on the workers ------------------------------------------------------------------------------------

_local = threading.local()


def _extractor(config: ExtractorConfig) -> Extractor:
    """One extractor per worker thread (an Extractor is not shared between threads)."""
    cache = getattr(_local, "extractors", None)
    if cache is None:
        cache = _local.extractors = {}
    if config not in cache:
        cache[config] = config.build()
    return cache[config]


def extract_shard(config: ExtractorConfig, sources: list[SourceDocument], path: str) -> dict[str, Any]:
    """A Dask task: extract ``sources`` and write their lines to the shard file ``path`` (atomically)."""
    extractor = _extractor(config)
    part = f"{path}.part"
    with open(part, "w", encoding="utf-8") as fh:
        for src in sources:
            fh.write(safe_extract(extractor, src).to_json(with_text=True) + "\n")
    os.replace(part, path)
    return {"path": path, "documents": len(sources), "pid": os.getpid(), "peak_rss": peak_rss()}


# -- in the ingesting process ---------------------------------------------------------------------------

def read_shard(path: str | Path) -> Iterator[DocumentResult]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield DocumentResult.model_validate_json(line)


def ingest_on_dask(reg: "Registry", sources: Iterable[SourceDocument], scheduler: Any, config: ExtractorConfig,
                   summary: "IngestSummary", shards_dir: str | Path, shard_size: int = 100,
                   keep_shards: bool = False, on_outcome: Callable[[Any], None] | None = None) -> dict[str, Any]:
    """``pledge ingest`` with the extraction on a Dask cluster.

    ``scheduler`` is a scheduler address ("tcp://10.0.0.5:8786") or a
    ``distributed.Client``.  Returns what the run did (shards, worker memory).
    """
    distributed = require_dask()

    own_client = not isinstance(scheduler, distributed.Client)
    client = distributed.Client(scheduler) if own_client else scheduler
    version = config.build().version
    reg.log_ingest(version)
    shards_dir = Path(shards_dir).resolve()  # the workers may run in another directory
    shards_dir.mkdir(parents=True, exist_ok=True)
    run_dir = Path(tempfile.mkdtemp(prefix="ingest-", dir=shards_dir))
    stats: dict[str, Any] = {"shards": 0, "documents": 0, "worker_peak_rss": {}, "folder": str(run_dir)}

    outcome = reporter(summary, on_outcome)

    def load(shard: list[SourceDocument], future: Any) -> None:
        try:
            info = future.result()
        except Exception as exc:  # noqa: BLE001 - the task failed as a whole: its documents get the error
            results: Iterable[DocumentResult] = [
                failed_result(src, "worker_crashed", f"the Dask task failed: {type(exc).__name__}: {exc}")
                for src in shard]
            path = None
        else:
            path = info["path"]
            rss = stats["worker_peak_rss"]
            rss[info["pid"]] = max(info["peak_rss"], rss.get(info["pid"], 0))
            results = read_shard(path)
        reg.store_many(results, version, on_outcome=outcome)
        if path and not keep_shards:
            os.remove(path)

    threads = max(1, sum(client.nthreads().values()))
    pending: deque[tuple[list[SourceDocument], Any]] = deque()
    try:
        it = unstored(reg, sources, version, outcome)
        while shard := list(islice(it, shard_size)):
            path = str(run_dir / f"shard-{stats['shards']:06d}.jsonl")
            pending.append((shard, client.submit(extract_shard, config, shard, path, pure=False)))
            stats["shards"] += 1
            stats["documents"] += len(shard)
            while len(pending) >= 2 * threads:
                load(*pending.popleft())
        while pending:
            load(*pending.popleft())
    finally:
        for _, future in pending:
            future.cancel()
        if own_client:
            client.close()
        if not keep_shards:
            try:
                run_dir.rmdir()
            except OSError:
                pass
    return stats
