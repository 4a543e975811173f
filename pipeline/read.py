"""Read stage: raw bytes in, NFC document text out.

The document text is the input decoded to Unicode and NFC-normalised, nothing
else changed: every evidence offset downstream indexes exactly this string.
A file that cannot be read still yields a ``SourceDocument`` carrying an error,
so a batch never stops on one bad input.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path

from .models import Issue, SourceDocument

SUPPORTED_SUFFIXES = (".txt",)


def read_bytes(data: bytes, source: str) -> list[SourceDocument]:
    """Decode one input's bytes into document(s); never raises on bad bytes."""
    digest = hashlib.sha256(data).hexdigest()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        issue = Issue(code="decode_error", message=f"not valid UTF-8 at byte {exc.start}: {exc.reason}")
        return [SourceDocument(source=source, text="", sha256=digest, errors=[issue])]
    return [SourceDocument(source=source, text=unicodedata.normalize("NFC", text), sha256=digest, encoding="utf-8")]


def read_path(path: str | Path) -> list[SourceDocument]:
    """Read one file; an unreadable file becomes a document with a ``read_error``."""
    source = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        issue = Issue(code="read_error", message=f"cannot read file: {exc.strerror or exc}")
        return [SourceDocument(source=source, text="", sha256=hashlib.sha256(b"").hexdigest(), errors=[issue])]
    return read_bytes(data, source)


def expand_paths(paths: Iterable[str | Path]) -> Iterator[Path]:
    """Files as given, and every supported file under a folder, in sorted order."""
    for p in map(Path, paths):
        if p.is_dir():
            yield from sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            yield p


def iter_documents(paths: Iterable[str | Path]) -> Iterator[SourceDocument]:
    """Every document of every input, in input order."""
    for path in expand_paths(paths):
        yield from read_path(path)
