"""Command line: ``pledge extract | ingest | export | schema | eval | review``.

Library errors become CLI errors only here, at the edge.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .extract import Extractor
from .models import json_schema
from .read import iter_documents

DEFAULT_REGISTRY = Path("outputs/registry.sqlite")

patterns_option = click.option(
    "--patterns", "patterns_dir", type=click.Path(file_okay=False, exists=True, path_type=Path),
    default=None, help="Use another copy of the patterns/ directory.",
)
registry_option = click.option(
    "--registry", "registry_path", type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_REGISTRY, show_default=True, help="SQLite registry file.",
)


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
def extract(paths: tuple[str, ...], with_text: bool, patterns_dir: Path | None) -> None:
    """Print one JSON line per document (never writes to the registry).

    Example: pledge extract corpus/dev/000_a3e9784d6cdf9c0f.txt
    """
    extractor = Extractor(patterns_dir)
    out = sys.stdout
    for src in iter_documents(paths):
        out.write(extractor.extract(src).to_json(with_text=with_text) + "\n")
        out.flush()


@main.command()
def schema() -> None:
    """Print the JSON Schema of one `pledge extract` line.

    Example: pledge schema > outputs/schema.json
    """
    click.echo(json.dumps(json_schema(), ensure_ascii=False, indent=2))
