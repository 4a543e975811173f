"""Command line: ``pledge extract | ingest | export | schema | eval | review``.

Library errors become CLI errors only here, at the edge.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import click

from .extract import Extractor
from .models import json_schema
from .read import DEFAULT_MAX_BYTES, iter_documents

DEFAULT_REGISTRY = Path("outputs/registry.sqlite")

patterns_option = click.option(
    "--patterns", "patterns_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None, help="Use another copy of the patterns/ directory.",
)
workers_option = click.option(
    "--workers", type=click.IntRange(min=0), default=0, show_default="all cores",
    help="Extract on this many processes (1: in this process).  Output stays in input order.",
)
registry_option = click.option(
    "--registry", "registry_path", type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REGISTRY, show_default=True, help="SQLite registry file.",
)


class ByteSize(click.ParamType):
    """A size in bytes: ``20971520``, ``20MB``, ``512k``, ``1.5G`` (binary units: 1 MB = 1024 × 1024 bytes)."""

    name = "size"
    _UNITS = {"": 1, "b": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        if isinstance(value, int):
            return value
        m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([kmg]?)(?:i?b)?\s*", str(value), re.I)
        if not m:
            self.fail(f"{value!r} is not a size such as 20MB, 512k or 1048576", param, ctx)
        return int(float(m.group(1)) * self._UNITS[m.group(2).lower()])


def input_options(f):  # noqa: ANN001, ANN201 - a click decorator
    """``--include``/``--exclude``/``--max-bytes`` for commands that read inputs.

    The command receives ``include``, ``exclude`` (tuples of globs) and
    ``max_bytes`` (int); pass them on as
    ``iter_documents(paths, include, exclude, max_bytes=max_bytes)``.
    """
    f = click.option(
        "--max-bytes", type=ByteSize(), default=DEFAULT_MAX_BYTES, show_default="20MB",
        help="Skip (with a file_too_large error line) any input or feed line larger than this.",
    )(f)
    f = click.option(
        "--exclude", multiple=True, metavar="GLOB",
        help="Skip files (and folders) found under a folder that match, e.g. --exclude 'drafts/**'. Repeatable.",
    )(f)
    f = click.option(
        "--include", multiple=True, metavar="GLOB",
        help="Only read files found under a folder that match, e.g. --include '*.html'. Repeatable.",
    )(f)
    return f


@click.group()
@click.version_option(package_name="pledge-registry")
def main() -> None:
    """Turn Vietnamese emulation-pledge texts into a pledge registry.

    Example: pledge extract corpus/dev > outputs/dev.jsonl
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--with-text", is_flag=True, help="Include the document text in each line.")
@patterns_option
@input_options
@workers_option
def extract(paths: tuple[str, ...], with_text: bool, patterns_dir: Path | None, include: tuple[str, ...],
            exclude: tuple[str, ...], max_bytes: int, workers: int) -> None:
    """Print one JSON line per document (never writes to the registry).

    PATHS are files, folders (read recursively), globs, or - for stdin.

    Example: pledge extract corpus/dev/000_a3e9784d6cdf9c0f.txt

    Example: pledge extract crawl/ --include '*.html' --exclude 'old/**'

    Example: pledge extract archive/ --workers 4 > outputs/archive.jsonl
    """
    from .batch import BatchRunner, ExtractorConfig, as_path, progress_bar, worker_count

    out = sys.stdout
    config = ExtractorConfig(as_path(patterns_dir), factory=Extractor)
    with BatchRunner(config, worker_count(workers)) as runner, progress_bar() as bar:
        for line in runner.lines(iter_documents(paths, include, exclude, max_bytes=max_bytes), with_text=with_text):
            out.write(line + "\n")
            out.flush()
            bar.update()


@main.command()
@click.option("--docs", default=2000, show_default=True, type=click.IntRange(min=1),
              help="Documents in the 1x corpus (about 3 KB each).")
@click.option("--sizes", default="1,10", show_default=True,
              help="Corpus sizes to run, as multiples of --docs (shows how time grows).")
@workers_option
@click.option("--seed", default=1, show_default=True, type=int, help="Seed of the corpus variations.")
@click.option("--corpus", "source", default="corpus", show_default=True,
              type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of .txt texts the benchmark corpus is made from.")
@click.option("--baseline-docs", default=20, show_default=True, type=click.IntRange(min=0),
              help="Documents the naive baseline is measured on (it is slow; its rate is extrapolated).")
@click.option("--phases", default="extract,ingest", show_default=True, help="Which commands to time.")
@click.option("--keep", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Build the corpus, output and registries in this folder and keep them.")
def bench(docs: int, sizes: str, workers: int, seed: int, source: Path, baseline_docs: int, phases: str,
          keep: Path | None) -> None:
    """Measure extract and ingest throughput against a naive baseline (prints key=value lines).

    Example: pledge bench --docs 2000 --sizes 1,10 --workers 2

    Example: pledge bench --docs 50 --sizes 1,2 --baseline-docs 2   (a quick run for CI)
    """
    from .bench import run

    try:
        size_list = [int(s) for s in sizes.split(",") if s.strip()]
    except ValueError:
        raise click.BadParameter(f"{sizes!r} is not a list of whole numbers such as 1,10", param_hint="--sizes") from None
    phase_list = [p.strip() for p in phases.split(",") if p.strip()]
    if not size_list or min(size_list) < 1 or not set(phase_list) <= {"extract", "ingest"}:
        raise click.UsageError("--sizes takes multiples >= 1; --phases takes extract and/or ingest")
    run(source, docs=docs, sizes=size_list, workers=workers or None, seed=seed, baseline_docs=baseline_docs,
        phases=phase_list, keep=keep, echo=click.echo)


@main.command()
def schema() -> None:
    """Print the JSON Schema of one `pledge extract` line.

    Example: pledge schema > outputs/schema.json
    """
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))


# -- registry: ingest, export, review -------------------------------------------

@main.command()
@click.argument("paths", nargs=-1, required=True)
@registry_option
@patterns_option
@input_options
@workers_option
@click.option("--dask", "dask_address", metavar="SCHEDULER_ADDRESS", default=None,
              help="Extract on this Dask cluster (pip install 'pledge-registry[dask]'); --workers is then ignored.")
@click.option("--shards", "shards_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="With --dask: folder for the workers' result shards, reachable from the workers and from here "
                   "[default: REGISTRY.shards next to the registry].")
def ingest(paths: tuple[str, ...], registry_path: Path, patterns_dir: Path | None, include: tuple[str, ...],
           exclude: tuple[str, ...], max_bytes: int, workers: int, dask_address: str | None,
           shards_dir: Path | None) -> None:
    """Extract documents and store them in the registry.

    A document already stored with the same content and pipeline version is
    skipped; a new pipeline version (code or patterns/) re-extracts it and
    re-attaches its reviewer corrections.  The summary goes to stderr.

    Example: pledge ingest corpus/dev --registry outputs/registry.sqlite

    Example: pledge ingest archive/ --workers 4

    Example: pledge ingest crawl/ --include '*.html' --exclude 'drafts/**'

    Example: pledge ingest /shared/archive --dask tcp://10.0.0.5:8786 --shards /shared/shards
    """
    from .batch import BatchRunner, ExtractorConfig, as_path, ingest as ingest_documents, progress_bar, worker_count
    from .registry import IngestSummary, Registry

    if dask_address:
        from .distributed import DaskUnavailable, require_dask

        try:
            require_dask()
        except DaskUnavailable as exc:
            raise click.ClickException(str(exc)) from None
    summary = IngestSummary()
    config = ExtractorConfig(as_path(patterns_dir), factory=Extractor)
    documents = iter_documents(paths, include, exclude, max_bytes=max_bytes)
    with BatchRunner(config, worker_count(workers)) as runner, Registry(registry_path) as reg, progress_bar() as bar:
        try:
            if dask_address:
                from .distributed import ingest_on_dask

                shards = shards_dir or registry_path.with_name(registry_path.name + ".shards")
                ingest_on_dask(reg, documents, dask_address, config, summary, shards,
                               on_outcome=lambda _: bar.update())
            else:
                ingest_documents(reg, documents, runner, summary, on_outcome=lambda _: bar.update())
        except KeyboardInterrupt:
            click.echo("interrupted: the documents of the batch in progress were not stored", err=True)
            raise
        finally:
            bar.close()
            for line in summary.lines():
                click.echo(line, err=True)


@main.command()
@registry_option
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "csv"]), default="jsonl", show_default=True,
              help="jsonl/json: one DocumentResult per document; csv: one row per target.")
@click.option("--out", "out_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write to this file instead of stdout.")
def export(registry_path: Path, fmt: str, out_path: Path | None) -> None:
    """Write the registry with reviewer corrections applied.

    Example: pledge export --format csv --out outputs/targets.csv
    """
    from .registry import Registry
    from .registry.export import write_export

    if not registry_path.exists():
        raise click.ClickException(f"no registry at {registry_path}: run `pledge ingest PATH...` first")
    with Registry(registry_path) as reg:
        if out_path is None:
            n = write_export(reg, fmt, sys.stdout)
        else:
            out_path.parent.mkdir(parents=True, exist_ok=True)
            with open(out_path, "w", encoding="utf-8", newline="") as fh:
                n = write_export(reg, fmt, fh)
    click.echo(f"exported {n} documents ({fmt})", err=True)


@main.group(invoke_without_command=True)
@registry_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but 127.0.0.1 exposes the app to your network.")
@click.option("--port", default=8765, show_default=True, type=int, help="Port to listen on.")
@click.pass_context
def review(ctx: click.Context, registry_path: Path, host: str, port: int) -> None:
    """Review extracted targets in a local web app (or offline, in a spreadsheet).

    Without a subcommand, starts the review app on http://127.0.0.1:8765.

    Example: pledge review --registry outputs/registry.sqlite
    """
    ctx.obj = {"registry_path": registry_path}
    if ctx.invoked_subcommand is not None:
        return
    from .review.app import serve

    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"warning: listening on {host}: anyone who can reach it can change the registry", err=True)
    click.echo(f"reviewing {registry_path} on http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    serve(registry_path, host, port)


def _review_registry(ctx: click.Context, registry_path: Path) -> Path:
    """``--registry`` given after the subcommand wins over the one given to ``review``."""
    if ctx.get_parameter_source("registry_path") == click.core.ParameterSource.DEFAULT:
        return (ctx.obj or {}).get("registry_path", registry_path)
    return registry_path


@review.command("export-sheet")
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
@registry_option
@click.pass_context
def review_export_sheet(ctx: click.Context, sheet: Path, registry_path: Path) -> None:
    """Write every target to an .xlsx sheet for offline review.

    Yellow columns are editable (fields, action, note); grey ones are locked.

    Example: pledge review export-sheet outputs/review.xlsx
    """
    from .registry import Registry
    from .review.sheet import export_sheet

    path = _review_registry(ctx, registry_path)
    if not path.exists():
        raise click.UsageError(f"no registry at {path}: run `pledge ingest PATH...` first")
    with Registry(path) as reg:
        n = export_sheet(reg, sheet)
    click.echo(f"wrote {n} targets to {sheet}", err=True)


@review.command("import-sheet")
@click.argument("sheet", type=click.Path(dir_okay=False, exists=True, path_type=Path))
@click.option("--reviewer", required=True, help="Your name, recorded on every correction.")
@registry_option
@click.pass_context
def review_import_sheet(ctx: click.Context, sheet: Path, reviewer: str, registry_path: Path) -> None:
    """Apply a reviewed sheet: every row is checked first, then all rows or none are applied.

    Example: pledge review import-sheet outputs/review.xlsx --reviewer "Nguyễn Lan"
    """
    from .registry import Registry
    from .review.sheet import SheetError, import_sheet

    path = _review_registry(ctx, registry_path)
    if not path.exists():
        raise click.UsageError(f"no registry at {path}")
    with Registry(path) as reg:
        try:
            report = import_sheet(reg, sheet, reviewer)
        except SheetError as exc:
            for err in exc.errors:
                click.echo(str(err), err=True)
            raise click.ClickException(str(exc)) from None
    for line in report.lines():
        click.echo(line, err=True)


@main.command("eval")
@click.option("--gold", "gold_dir", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Folder of *.gold.json files.")
@click.option("--reviewed", is_flag=True,
              help="Score against the approved and corrected targets in the registry instead of gold files.")
@registry_option
@click.argument("paths", nargs=-1)
@click.option("--verbose", "-v", is_flag=True, help="List each miss, false positive and wrong field.")
@patterns_option
def evaluate_cmd(gold_dir: Path | None, reviewed: bool, registry_path: Path, paths: tuple[str, ...], verbose: bool,
                 patterns_dir: Path | None) -> None:
    """Score the extractor against gold files: precision, recall, F1, per-field accuracy.

    PATHS default to the documents the gold files name, in the gold folder.
    With --reviewed, the gold is every approved or corrected target in the
    registry; the stored texts are re-extracted and only predictions in
    reviewed passages are scored.

    \b
    Example: pledge eval --gold corpus/dev -v
    Example: pledge eval --reviewed --registry outputs/registry.sqlite
    """
    from .evaluate import Report, load_gold, score_document

    if reviewed == (gold_dir is not None):
        raise click.UsageError("give either --gold DIR or --reviewed")
    if reviewed:
        from .registry import Registry
        from .review.gold import reviewed_pairs

        if not registry_path.exists():
            raise click.UsageError(f"no registry at {registry_path}")
        report = Report()
        with Registry(registry_path) as reg:
            for name, gold_doc, pred in reviewed_pairs(reg, Extractor(patterns_dir)):
                score_document(report, name, gold_doc, pred)
        if not report.gold:
            click.echo("no approved or corrected targets in the registry yet", err=True)
        for line in (report.notes if verbose else []) + report.lines():
            click.echo(line)
        return
    assert gold_dir is not None
    gold = load_gold(gold_dir)
    if not gold:
        raise click.UsageError(f"no *.gold.json files in {gold_dir}")
    inputs = list(paths) or [str(gold_dir / name) for name in gold]
    extractor = Extractor(patterns_dir)
    report = Report()
    seen = set()
    for src in iter_documents(inputs):
        name = Path(src.source).name
        if name not in gold:
            continue
        seen.add(name)
        pred = json.loads(extractor.extract(src).to_json())
        score_document(report, name, gold[name], pred)
    for name in sorted(set(gold) - seen):
        score_document(report, name, gold[name], {"targets": [], "events": []})
        report.notes.append(f"{name}: document not found among the inputs")
    if verbose:
        for note in report.notes:
            click.echo(note)
    for line in report.lines():
        click.echo(line)
