"""Many documents: extraction on several processes, results in input order.

``BatchRunner`` is what ``pledge extract`` and ``pledge ingest`` (and the
benchmark) run documents through.  With one worker it extracts in the calling
process; with more it starts a process pool whose workers each build one
``Extractor`` (the initializer) and take documents in chunks.  Results come back
in input order, with a bounded number of chunks in flight, so memory stays flat
however long the input is.

A document never stops the batch: an exception inside the extractor becomes an
``extraction_error`` on that document's line (as in ``Extractor.extract``), and
a worker process that dies (a crash in native code, the OOM killer) costs only
the document it was on, which gets a ``worker_crashed`` error.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import chain, islice
from operator import methodcaller
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .extract import Extractor, document_id
from .models import Document, DocumentResult, Issue, SourceDocument

if TYPE_CHECKING:
    from .registry import IngestSummary, Registry

PARENT_CHECK_SECONDS = 1.0  # how often a worker looks whether the process that started it is still there


@dataclass(frozen=True)
class ExtractorConfig:
    """How to build an ``Extractor``; picklable, so worker processes can build the same one.

    ``factory`` is the extractor class (the CLI passes the one it imported, so a
    test can swap it); it must be importable by name in a worker process.
    """

    patterns_dir: str | None = None
    use_tagger: bool = True
    prefilter: bool = True
    factory: type[Extractor] = Extractor

    def build(self) -> Extractor:
        return self.factory(self.patterns_dir, use_tagger=self.use_tagger, prefilter=self.prefilter)


def default_workers() -> int:
    """All the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def peak_rss() -> int:
    """Peak resident memory of this process so far, in bytes."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def failed_result(src: SourceDocument, code: str, message: str) -> DocumentResult:
    """The line of a document whose extraction failed: its identity, its read errors and this error."""
    document = Document(id=document_id(src.text, src.sha256, src.source), source=src.source, sha256=src.sha256,
                        title=src.title, published=src.published, chars=len(src.text), text=src.text,
                        format_name=src.format_name, encoding=src.encoding, url=src.url)
    return DocumentResult(document=document, errors=[*src.errors, Issue(code=code, message=message)])


def safe_extract(extractor: Extractor, src: SourceDocument) -> DocumentResult:
    """``extractor.extract``, with anything it lets escape turned into an error on the document's line."""
    try:
        return extractor.extract(src)
    except Exception as exc:  # noqa: BLE001 - one document must not end the batch
        return failed_result(src, "extraction_error", f"{type(exc).__name__}: {exc}")


WARM_UP_TEXT = ("Các đơn vị ký kết giao ước thi đua năm 2024.\n"
                "Phấn đấu kéo giảm ít nhất 5% số vụ tai nạn giao thông; không để xảy ra oan sai.\n")


def warm_up(extractor: Extractor) -> None:
    """Load every lazily loaded model (sentence splitter, tagger) now: forked workers then share them."""
    extractor.extract(SourceDocument(source="warm-up", text=WARM_UP_TEXT, sha256=""))
    if extractor.tagger is not None:
        extractor.tagger.load()


# -- worker processes ----------------------------------------------------------------------------------

_worker: tuple[ExtractorConfig, Extractor] | None = None  # this process's extractor (a forked worker inherits it)


def _extractor_for(config: ExtractorConfig) -> Extractor:
    global _worker
    if _worker is None or _worker[0] != config:
        _worker = (config, config.build())
    return _worker[1]


def _init_worker(config: ExtractorConfig) -> None:
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()
    _extractor_for(config)


def _exit_with_parent(parent: int) -> None:
    """A worker whose parent was killed (kill -9) would wait for work forever, holding its memory: it leaves."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)


Finish = Callable[[DocumentResult], Any]  # what a worker makes of a result before sending it back; picklable


def _result(result: DocumentResult) -> DocumentResult:
    return result


def _run_chunk(config: ExtractorConfig, chunk: list[SourceDocument], finish: Finish) -> tuple[list[Any], int, int]:
    """Extract and finish a chunk in a worker; with the worker's pid and peak memory."""
    extractor = _extractor_for(config)
    return [finish(safe_extract(extractor, src)) for src in chunk], os.getpid(), peak_rss()


def _start_method() -> str | None:
    """fork where it is safe and cheap (Linux): workers inherit the loaded modules and patterns."""
    if sys.platform.startswith("linux") and "fork" in multiprocessing.get_all_start_methods():
        return "fork"
    return None


# -- the runner ---------------------------------------------------------------------------------------------

@dataclass
class BatchStats:
    documents: int = 0
    chars: int = 0
    worker_peak_rss: dict[int, int] = field(default_factory=dict)  # pid → bytes

    def note_worker(self, pid: int, rss: int) -> None:
        self.worker_peak_rss[pid] = max(rss, self.worker_peak_rss.get(pid, 0))


class BatchRunner:
    """Runs documents through ``workers`` extractors; use as a context manager.

    >>> with BatchRunner(ExtractorConfig(), workers=2) as runner:   # doctest: +SKIP
    ...     for line in runner.lines(iter_documents(["corpus/dev"])):
    ...         print(line)
    """

    def __init__(self, config: ExtractorConfig | None = None, workers: int | None = None, chunksize: int = 8,
                 in_flight: int = 4) -> None:
        self.config = config or ExtractorConfig()
        self.workers = max(1, workers or default_workers())
        self.chunksize = max(1, chunksize)
        self.max_pending = max(2, in_flight * self.workers)  # chunks submitted and not yet taken back
        self.stats = BatchStats()
        self._pool: ProcessPoolExecutor | None = None
        self._local: Extractor | None = None

    # -- set-up ---------------------------------------------------------------------------------------------
    @property
    def extractor(self) -> Extractor:
        """This runner's extractor, built on first use (patterns read now); forked workers inherit it."""
        global _worker
        if self._local is None:
            self._local = self.config.build()
            _worker = (self.config, self._local)
        return self._local

    @property
    def version(self) -> str:
        return self.extractor.version

    def start(self) -> "BatchRunner":
        """Start the worker processes (done on demand, when the input has more than a few chunks)."""
        if self.workers > 1 and self._pool is None:
            method = _start_method()
            if method == "fork":  # built and warmed up once here, inherited by every worker
                warm_up(self.extractor)
            ctx = multiprocessing.get_context(method)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=ctx, initializer=_init_worker,
                                             initargs=(self.config,))
            list(self._pool.map(_noop, range(self.workers)))  # the processes exist from here on
        return self

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> "BatchRunner":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- running ---------------------------------------------------------------------------------------------
    def results(self, sources: Iterable[SourceDocument]) -> Iterator[DocumentResult]:
        """One ``DocumentResult`` per source, in input order."""
        return self.map(sources, _result)

    def lines(self, sources: Iterable[SourceDocument], with_text: bool = False) -> Iterator[str]:
        """One ``pledge extract`` JSON line per source (without a newline), in input order."""
        return self.map(sources, methodcaller("to_json", with_text=with_text))

    def map(self, sources: Iterable[SourceDocument], finish: Finish) -> Iterator[Any]:
        """``finish(result)`` per source, in input order, computed in the process that extracted it.

        ``finish`` turns a result into what the caller needs (a JSON line,
        registry rows), so that work is shared out with the extraction and only
        its output crosses between processes.  It must be picklable (a
        module-level function, ``operator.methodcaller``).
        """
        counted = self._count(sources)
        if self.workers > 1:  # a pool only pays for itself beyond a chunk per worker
            head = list(islice(counted, self.chunksize * self.workers + 1))
            if len(head) > self.chunksize * self.workers:
                yield from self._parallel(chain(head, counted), finish)
                return
            counted = iter(head)
        extractor = self.extractor
        for src in counted:
            yield finish(safe_extract(extractor, src))

    def _parallel(self, sources: Iterator[SourceDocument], finish: Finish) -> Iterator[Any]:
        self.start()
        pending: deque[list[Any]] = deque()  # [chunk, future]
        for chunk in _chunks(sources, self.chunksize):
            pending.append([chunk, self._submit(chunk, finish)])
            while len(pending) >= self.max_pending:
                yield from self._take(pending, finish)
        while pending:
            yield from self._take(pending, finish)

    def _count(self, sources: Iterable[SourceDocument]) -> Iterator[SourceDocument]:
        for src in sources:
            self.stats.documents += 1
            self.stats.chars += len(src.text)
            yield src

    def _submit(self, chunk: list[SourceDocument], finish: Finish) -> Future:
        assert self._pool is not None
        return self._pool.submit(_run_chunk, self.config, chunk, finish)

    def _take(self, pending: deque[list[Any]], finish: Finish) -> list[Any]:
        chunk, future = pending.popleft()
        try:
            out, pid, rss = future.result()
        except BrokenProcessPool:
            return self._after_crash(chunk, pending, finish)
        self.stats.note_worker(pid, rss)
        return out

    def _new_pool(self) -> None:
        """Replace a pool whose worker died."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None
        self.start()

    def _after_crash(self, chunk: list[SourceDocument], pending: deque[list[Any]], finish: Finish) -> list[Any]:
        """A worker died on this chunk: redo it one document at a time, alone on a new pool, to find the
        document that kills it; then submit again the chunks that were lost with the old pool."""
        self._new_pool()
        out: list[Any] = []
        for src in chunk:
            try:
                part, pid, rss = self._submit([src], finish).result()
                self.stats.note_worker(pid, rss)
                out.extend(part)
            except BrokenProcessPool:
                self._new_pool()
                out.append(finish(failed_result(src, "worker_crashed", "the extraction process died on this document")))
        for item in pending:
            future = item[1]
            if not (future.done() and not future.cancelled() and future.exception() is None):
                item[1] = self._submit(item[0], finish)
        return out


def _noop(_: int) -> None:
    return None


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


# -- ingest ----------------------------------------------------------------------------------------------------

def ingest(reg: "Registry", sources: Iterable[SourceDocument], runner: BatchRunner, summary: "IngestSummary",
           on_outcome: Callable[[Any], None] | None = None) -> None:
    """``pledge ingest``: extract what is not stored yet (same content and pipeline version) and store it.

    The workers turn their results into registry rows; registry writes go
    through ``Registry.store_many``: batches of documents per transaction (WAL
    mode), each document atomic.  ``on_outcome`` sees every outcome, skipped
    documents included (the progress bar counts them).
    """
    from .registry.rows import DocumentRows

    version = runner.version
    reg.log_ingest(version)
    outcome = reporter(summary, on_outcome)
    rows = runner.map(unstored(reg, sources, version, outcome), DocumentRows.of)
    reg.store_many(rows, version, on_outcome=outcome)


def reporter(summary: "IngestSummary", on_outcome: Callable[[Any], None] | None) -> Callable[[Any], None]:
    """One callback that counts an outcome in the summary and passes it on."""
    def outcome(o: Any) -> None:
        summary.add(o)
        if on_outcome is not None:
            on_outcome(o)
    return outcome


def unstored(reg: "Registry", sources: Iterable[SourceDocument], version: str,
             outcome: Callable[[Any], None]) -> Iterator[SourceDocument]:
    """The sources not stored yet with this content and pipeline version; the others are reported skipped."""
    from .registry import StoreOutcome

    for src in sources:
        doc_id = document_id(src.text, src.sha256, src.source)
        if reg.is_current(doc_id, version):
            outcome(StoreOutcome(doc_id, src.source, "skipped", errors=len(src.errors)))
            continue
        yield src


def progress_bar(enabled: bool | None = None, unit: str = " docs") -> Any:
    """A tqdm bar on stderr when stderr is a terminal (or when ``enabled``), else a silent stand-in."""
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        return _Silent()
    from tqdm import tqdm

    tqdm.monitor_interval = 0  # no monitor thread: worker processes may be forked after the bar starts
    return tqdm(file=sys.stderr, unit=unit, dynamic_ncols=True, mininterval=0.5)


class _Silent:
    def update(self, n: int = 1) -> None:
        return None

    def close(self) -> None:
        return None

    def __enter__(self) -> "_Silent":
        return self

    def __exit__(self, *exc: object) -> None:
        return None


def worker_count(value: int | None) -> int:
    """``--workers``: None or 0 means all cores."""
    return default_workers() if not value else value


def as_path(value: str | Path | None) -> str | None:
    return str(value) if value is not None else None
