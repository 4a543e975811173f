"""Throughput benchmark (issue 5): ``pledge bench`` and ``python bench/throughput.py``.

1. Builds a corpus of N documents of about 3 KB from the texts under
   ``corpus/`` (no network): each document takes one text's headline and
   paragraphs, swaps some paragraphs for other texts' ones, reorders them and
   the sentences of one of them, and varies the figures, the years and a
   province name, deterministically from ``--seed``.
2. Runs ``extract`` and ``ingest`` through the code the CLI runs
   (``batch.BatchRunner``, ``batch.ingest``), each in a fresh process that
   starts its workers as the CLI does, at every size of ``--sizes`` (1× and 10×
   the documents by default).
3. Runs the naive baseline — underthesea ``pos_tag`` and ``ner`` on every
   sentence of every document — on a sample of the documents (it is slow) and
   extrapolates its rate.

Every figure is printed as ``name: key=value …`` lines on stdout.  Timings
include starting the workers and loading their models; they exclude Python's
imports and building the corpus.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

TARGET_BYTES = 3000
MB = 1024 * 1024

# The targets of issue 5, checked at the end of the run.
TARGET_INGEST_DOCS_PER_S = 300
TARGET_RATIO = 40
TARGET_WORKER_RSS_MB = 400
TARGET_SCALING = 11  # 10× the documents in at most 11× the time


# -- the corpus -----------------------------------------------------------------------------------------------

@dataclass
class Corpus:
    folder: Path
    paths: list[Path]
    bytes: int
    chars: int
    sources: int


def _source_texts(source: Path) -> list[str]:
    files = sorted(p for p in source.rglob("*.txt") if p.is_file())
    texts = [unicodedata.normalize("NFC", p.read_text(encoding="utf-8")) for p in files]
    texts = [t for t in texts if t.strip()]
    if not texts:
        raise ValueError(f"no .txt documents under {source}")
    return texts


def _split(text: str) -> tuple[str, list[str]]:
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return lines[0], lines[1:]


_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
_PERCENT = re.compile(r"(?<![\d,.])(\d{1,3})(?=(?:,\d+)?\s*%)")
_COUNT = re.compile(r"(?<![\d,./-])(\d{2,4})(?=\s+(?:đối tượng|vụ|trường hợp|người|hồ sơ)\b)")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÀ-Ỹ“\"])")


def _provinces() -> list[str]:
    from .pattern_files import Patterns

    data = Patterns().load("admin/provinces.json")
    return sorted({p["name"] for p in data["legacy"]})


def _vary(text: str, rng: random.Random, provinces: Sequence[str]) -> str:
    """Other figures, years shifted together, one province swapped for another."""
    shift = rng.randint(-3, 2)
    text = _YEAR.sub(lambda m: str(min(2026, int(m.group(1)) + shift)), text)
    text = _PERCENT.sub(lambda m: str(max(1, min(100, int(m.group(1)) + rng.randint(-4, 4)))), text)
    text = _COUNT.sub(lambda m: str(max(10, int(m.group(1)) + rng.randint(-9, 9))), text)
    present = [p for p in provinces if p in text]
    if present:
        old, new = rng.choice(present), rng.choice(provinces)
        text = re.sub(rf"(?<!\w){re.escape(old)}(?!\w)", new, text)
    return text


def _document(i: int, seed: int, docs: list[tuple[str, list[str]]], provinces: Sequence[str],
              target_bytes: int) -> str:
    rng = random.Random(f"{seed}:{i}")
    title, paragraphs = docs[i % len(docs)]
    body = list(paragraphs)
    for k in range(1, len(body)):  # some paragraphs come from other texts
        if rng.random() < 0.25:
            _, other = docs[rng.randrange(len(docs))]
            if other:
                body[k] = rng.choice(other)
    middle = body[1:]
    rng.shuffle(middle)
    body = body[:1] + middle
    if len(body) > 1:  # and one paragraph has its sentences in another order
        k = rng.randrange(len(body))
        parts = _SENTENCE_END.split(body[k])
        rng.shuffle(parts)
        body[k] = " ".join(parts)
    size = int(target_bytes * rng.uniform(0.85, 1.15))
    while len("\n\n".join([title, *body]).encode()) < size:
        _, other = docs[rng.randrange(len(docs))]
        if other:
            body.insert(rng.randrange(1, len(body) + 1), rng.choice(other))
    while len(body) > 2 and len("\n\n".join([title, *body]).encode()) > size * 1.1:
        body.pop(rng.randrange(1, len(body)))
    return _vary("\n\n".join([title, *body]) + "\n", rng, provinces)


def build_corpus(source: Path, n: int, folder: Path, seed: int = 1, target_bytes: int = TARGET_BYTES) -> Corpus:
    """Write ``n`` distinct documents ``doc_000000.txt`` … into ``folder`` (document i depends only on seed and i)."""
    texts = _source_texts(source)
    docs = [_split(t) for t in texts]
    provinces = _provinces()
    folder.mkdir(parents=True, exist_ok=True)
    seen: set[str] = set()
    paths, total_bytes, total_chars = [], 0, 0
    for i in range(n):
        text = _document(i, seed, docs, provinces, target_bytes)
        digest = hashlib.sha256(text.encode()).hexdigest()
        extra = 0
        while digest in seen:  # identical content would be skipped by ingest: make it another document
            extra += 1
            text = _document(i, seed + 7919 * extra, docs, provinces, target_bytes)
            digest = hashlib.sha256(text.encode()).hexdigest()
        seen.add(digest)
        path = folder / f"doc_{i:06d}.txt"
        data = text.encode("utf-8")
        path.write_bytes(data)
        paths.append(path)
        total_bytes += len(data)
        total_chars += len(text)
    return Corpus(folder, paths, total_bytes, total_chars, len(texts))


# -- measured runs (each in a fresh process) -----------------------------------------------------------------

@dataclass
class Run:
    phase: str
    documents: int = 0
    chars: int = 0
    seconds: float = 0.0
    workers: int = 1
    main_rss: int = 0  # bytes
    worker_rss: dict[int, int] = field(default_factory=dict)
    cpu_seconds: float = 0.0  # main process and its workers, user + system
    note: str = ""
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def docs_per_s(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0

    @property
    def chars_per_s(self) -> float:
        return self.chars / self.seconds if self.seconds else 0.0

    @property
    def cpu_ms_per_doc(self) -> float:
        return 1000 * self.cpu_seconds / self.documents if self.documents else 0.0

    @property
    def max_process_rss(self) -> int:
        """The largest peak among the processes that extract (the workers, or the main process alone)."""
        return max(self.worker_rss.values()) if self.worker_rss else self.main_rss


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the workers, once shut down)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _phase_extract(folder: str, workers: int, out_file: str) -> Run:
    from .batch import BatchRunner, ExtractorConfig, peak_rss
    from .read import iter_documents

    start, cpu = time.perf_counter(), _cpu()
    with BatchRunner(ExtractorConfig(), workers) as runner, open(out_file, "w", encoding="utf-8") as out:
        for line in runner.lines(iter_documents([folder])):
            out.write(line + "\n")
    seconds = time.perf_counter() - start
    s = runner.stats
    return Run("extract", s.documents, s.chars, seconds, workers, peak_rss(), dict(s.worker_peak_rss),
               cpu_seconds=_cpu() - cpu)


def _phase_ingest(folder: str, workers: int, registry: str) -> Run:
    from .batch import BatchRunner, ExtractorConfig, ingest, peak_rss
    from .read import iter_documents
    from .registry import IngestSummary, Registry

    summary = IngestSummary()
    start, cpu = time.perf_counter(), _cpu()
    with BatchRunner(ExtractorConfig(), workers) as runner, Registry(registry) as reg:
        ingest(reg, iter_documents([folder]), runner, summary)
    seconds = time.perf_counter() - start
    s = runner.stats
    return Run("ingest", s.documents, s.chars, seconds, workers, peak_rss(), dict(s.worker_peak_rss),
               cpu_seconds=_cpu() - cpu,
               extra={"new": summary.documents["new"], "targets": summary.targets, "errors": summary.with_errors})


def _phase_baseline(paths: list[str], n_corpus: int) -> Run:
    """The naive pipeline: underthesea POS tagging and NER on every sentence of every document."""
    from underthesea import ner, pos_tag, sent_tokenize

    from .batch import peak_rss

    pos_tag("Khởi động mô hình."), ner("Khởi động mô hình.")  # load the models before the clock starts
    texts = [unicodedata.normalize("NFC", Path(p).read_text(encoding="utf-8")) for p in paths]
    sentences = 0
    start, cpu = time.perf_counter(), _cpu()
    for text in texts:
        for line in text.split("\n"):
            if line.strip():
                for sentence in sent_tokenize(line):
                    pos_tag(sentence)
                    ner(sentence)
                    sentences += 1
    seconds = time.perf_counter() - start
    return Run("baseline", len(texts), sum(map(len, texts)), seconds, 1, peak_rss(), cpu_seconds=_cpu() - cpu,
               note=f"measured on {len(texts)} of {n_corpus} documents, rate extrapolated",
               extra={"sentences": sentences})


def _child(fn: Callable[..., Run], args: tuple, conn: Any) -> None:
    try:
        conn.send(("ok", asdict(fn(*args))))
    except BaseException as exc:  # noqa: BLE001 - reported by the parent
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def in_fresh_process(fn: Callable[..., Run], *args: Any) -> Run:
    """Run a phase in a new interpreter (as a CLI run would be), so its memory figures are its own."""
    ctx = multiprocessing.get_context("spawn")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(fn, args, send))
    proc.start()
    send.close()
    status, payload = receive.recv()
    proc.join()
    if status != "ok":
        raise RuntimeError(f"{fn.__name__} failed: {payload}")
    payload["worker_rss"] = {int(k): v for k, v in payload["worker_rss"].items()}
    return Run(**payload)


# -- the whole benchmark ----------------------------------------------------------------------------------------

def _mb(n: int) -> str:
    return f"{n / MB:.0f}"


def _run_line(label: str, r: Run) -> str:
    workers = " ".join(_mb(v) for _, v in sorted(r.worker_rss.items())) or "-"
    extra = "".join(f" {k}={v}" for k, v in r.extra.items())
    return (f"{label}: workers={r.workers} documents={r.documents} chars={r.chars} seconds={r.seconds:.2f} "
            f"docs_per_s={r.docs_per_s:.1f} chars_per_s={r.chars_per_s:.0f} cpu_ms_per_doc={r.cpu_ms_per_doc:.1f} "
            f"peak_rss_mb_main={_mb(r.main_rss)} peak_rss_mb_workers={workers}{extra}")


def run(source: Path, docs: int = 2000, sizes: Sequence[int] = (1, 10), workers: int | None = None, seed: int = 1,
        baseline_docs: int = 20, phases: Sequence[str] = ("extract", "ingest"), keep: Path | None = None,
        echo: Callable[[str], None] = print) -> dict[str, Any]:
    """Run the benchmark and print its lines; returns the figures (for tests and tools)."""
    from .batch import default_workers

    workers = workers or default_workers()
    sizes = sorted(set(sizes))
    work = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="pledge-bench-"))
    runs: dict[tuple[str, int], Run] = {}
    try:
        echo(f"machine: cores={default_workers()} python={sys.version.split()[0]} workers={workers}")
        corpora: dict[int, Corpus] = {}
        for size in sizes:
            started = time.perf_counter()
            c = build_corpus(source, docs * size, work / f"x{size}", seed)
            corpora[size] = c
            echo(f"corpus {size}x: documents={len(c.paths)} bytes={c.bytes} chars={c.chars} "
                 f"avg_bytes={c.bytes / max(1, len(c.paths)):.0f} source_texts={c.sources} seed={seed} "
                 f"built_seconds={time.perf_counter() - started:.1f} folder={c.folder}")
        for size in sizes:
            folder = str(corpora[size].folder)
            if "extract" in phases:
                r = in_fresh_process(_phase_extract, folder, workers, str(work / f"extract-x{size}.jsonl"))
                runs["extract", size] = r
                echo(_run_line(f"extract {size}x", r))
            if "ingest" in phases:
                r = in_fresh_process(_phase_ingest, folder, workers, str(work / f"registry-x{size}.sqlite"))
                runs["ingest", size] = r
                echo(_run_line(f"ingest {size}x", r))
        first = corpora[sizes[0]]
        sample = [str(p) for p in first.paths[:: max(1, len(first.paths) // max(1, baseline_docs))][:baseline_docs]]
        base = in_fresh_process(_phase_baseline, sample, len(first.paths)) if baseline_docs > 0 else None
        if base is not None:
            echo(f"baseline: method=underthesea_pos_tag+ner_per_sentence sampled_documents={base.documents} "
                 f"of={len(first.paths)} extrapolated=yes sentences={base.extra['sentences']} "
                 f"seconds={base.seconds:.2f} docs_per_s={base.docs_per_s:.2f} chars_per_s={base.chars_per_s:.0f} "
                 f"cpu_ms_per_doc={base.cpu_ms_per_doc:.0f} "
                 f"peak_rss_mb={_mb(base.main_rss)} estimated_seconds_for_{len(first.paths)}="
                 f"{len(first.paths) / base.docs_per_s if base.docs_per_s else 0:.0f}")
            for phase in phases:
                r = runs.get((phase, sizes[0]))
                if r is not None and base.docs_per_s:
                    cpu_ratio = base.cpu_ms_per_doc / r.cpu_ms_per_doc if r.cpu_ms_per_doc else 0.0
                    echo(f"ratio {phase}: vs_baseline={r.docs_per_s / base.docs_per_s:.1f}x "
                         f"({r.docs_per_s:.1f} vs {base.docs_per_s:.2f} docs/s, {workers} workers vs 1 process) "
                         f"cpu_per_doc_ratio={cpu_ratio:.1f}x (load-independent: CPU ms per document, "
                         f"{base.cpu_ms_per_doc:.0f} vs {r.cpu_ms_per_doc:.1f})")
        for phase in phases:
            if len(sizes) > 1 and (phase, sizes[0]) in runs and (phase, sizes[-1]) in runs:
                a, b = runs[phase, sizes[0]], runs[phase, sizes[-1]]
                echo(f"scaling {phase}: documents_ratio={b.documents / a.documents:.1f} "
                     f"time_ratio={b.seconds / a.seconds:.2f} cpu_time_ratio={b.cpu_seconds / a.cpu_seconds:.2f} "
                     f"({sizes[0]}x {a.seconds:.1f}s, {sizes[-1]}x {b.seconds:.1f}s)")
        _check(runs, base, sizes, phases, echo)
    finally:
        if keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return {"runs": {f"{p} {s}x": asdict(r) for (p, s), r in runs.items()},
            "baseline": asdict(base) if base else None}


def _check(runs: dict[tuple[str, int], Run], base: Run | None, sizes: Sequence[int], phases: Sequence[str],
           echo: Callable[[str], None]) -> None:
    """One line per target of issue 5: met=yes|no and the figure."""
    ingest = runs.get(("ingest", sizes[0]))
    if ingest is not None:
        v = ingest.docs_per_s
        echo(f"target ingest_docs_per_s>={TARGET_INGEST_DOCS_PER_S}: met={'yes' if v >= TARGET_INGEST_DOCS_PER_S else 'no'} "
             f"value={v:.1f} workers={ingest.workers}")
        if base is not None and base.docs_per_s:
            ratio = v / base.docs_per_s
            echo(f"target ingest_vs_baseline>={TARGET_RATIO}x: met={'yes' if ratio >= TARGET_RATIO else 'no'} "
                 f"value={ratio:.1f}")
    peaks = [r.max_process_rss for r in runs.values()]
    if peaks:
        worst = max(peaks) / MB
        echo(f"target peak_rss_per_worker<={TARGET_WORKER_RSS_MB}MB: met={'yes' if worst <= TARGET_WORKER_RSS_MB else 'no'} "
             f"value={worst:.0f}")
    for phase in phases:
        if len(sizes) > 1 and (phase, sizes[0]) in runs and (phase, sizes[-1]) in runs:
            a, b = runs[phase, sizes[0]], runs[phase, sizes[-1]]
            docs_ratio = b.documents / a.documents
            allowed = TARGET_SCALING * docs_ratio / 10
            t = b.seconds / a.seconds
            echo(f"target {phase}_time_ratio<={allowed:.1f} (for {docs_ratio:.0f}x the documents): "
                 f"met={'yes' if t <= allowed else 'no'} value={t:.2f}")
