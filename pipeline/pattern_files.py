"""Loading the declarative files of ``patterns/``.

Knowledge of the language lives in those files; this module only finds, reads
and fingerprints them.  The fingerprint is part of the pipeline version, so a
changed wording makes ``pledge ingest`` re-extract.
"""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any


class PatternError(ValueError):
    """A pattern file is missing or malformed."""


def default_dir() -> Path:
    """The ``patterns/`` shipped with the installed package."""
    return Path(str(resources.files("pipeline.patterns")))


class Patterns:
    """Read-only access to one patterns directory, file by file."""

    def __init__(self, directory: str | Path | None = None) -> None:
        self.dir = Path(directory) if directory else default_dir()
        if not self.dir.is_dir():
            raise PatternError(f"patterns directory not found: {self.dir}")
        self._cache: dict[str, Any] = {}

    def load(self, name: str) -> Any:
        """Parsed content of ``name`` (a path relative to the directory)."""
        if name not in self._cache:
            path = self.dir / name
            try:
                self._cache[name] = json.loads(path.read_text(encoding="utf-8"))
            except FileNotFoundError as exc:
                raise PatternError(f"pattern file missing: {path}") from exc
            except json.JSONDecodeError as exc:
                raise PatternError(f"{path}:{exc.lineno}: invalid JSON: {exc.msg}") from exc
        return self._cache[name]

    def files(self) -> list[Path]:
        return sorted(p for p in self.dir.rglob("*") if p.suffix in {".json", ".jsonl"} and p.is_file())

    @cached_property
    def digest(self) -> str:
        """Content fingerprint of every pattern file, order-independent of the filesystem."""
        h = hashlib.sha256()
        for p in self.files():
            h.update(p.relative_to(self.dir).as_posix().encode())
            h.update(p.read_bytes())
        return h.hexdigest()
