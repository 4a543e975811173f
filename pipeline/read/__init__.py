"""Read stage: inputs in, ``SourceDocument`` objects (NFC document text) out.

The document text is the input decoded to Unicode and NFC-normalised, nothing
else changed (for HTML, DOCX and PDF: the plain main text taken out of them,
then NFC): every evidence offset downstream indexes exactly this string.

Modules, one concern each: :mod:`.inputs` (paths, folders, globs, stdin
marker), :mod:`.decode` (BOM, UTF-8, detection, mojibake repair),
:mod:`.legacy` (TCVN3, VNI, VIQR tables), :mod:`.syllables` (the Vietnamese
yardstick of detection), :mod:`.html`, :mod:`.docx`, :mod:`.pdf`,
:mod:`.feeds`, :mod:`.dates`, :mod:`.errors` (the error codes).

Bad input never raises here: an unreadable, empty, binary, oversized or
undecodable input still yields a ``SourceDocument`` whose ``errors`` carry a
stable code (see :data:`pipeline.read.errors.CODES`), and a batch goes on.
Memory stays bounded: a file's size is checked with ``stat`` before it is
read, so at most ``max_bytes`` of one input are held at a time, and feeds are
streamed line by line.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

from ..models import Issue, SourceDocument
from .base import Extracted, finish_text
from .decode import decode_bytes, read_text
from .docx import read_docx
from .errors import CODES, ReadError, issue
from .feeds import iter_feed
from .html import read_html
from .inputs import STDIN, SUPPORTED_SUFFIXES, expand_paths, format_for_path
from .pdf import read_pdf

__all__ = [
    "CODES", "DEFAULT_MAX_BYTES", "FORMATS", "SUPPORTED_SUFFIXES", "decode_bytes", "expand_paths",
    "iter_documents", "iter_path", "read_bytes", "read_path", "sniff_format",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
"""Inputs (and feed lines) larger than this are not read: ``file_too_large``."""

READERS: dict[str, Callable[[bytes], Extracted]] = {
    "text": read_text, "html": read_html, "docx": read_docx, "pdf": read_pdf,
}
FORMATS = (*READERS, "jsonl")
_CHUNK = 1 << 20
_HTML_START = re.compile(rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|div|p|article)\b", re.I | re.S)


def sniff_format(data: bytes) -> str:
    """The format of bytes with no telling extension (stdin, ``notes.dat``)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "docx"
    head = data[:4096].removeprefix(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return "html"
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        first = data.removeprefix(b"\xef\xbb\xbf").lstrip().split(b"\n", 1)[0]
        try:
            item = json.loads(first)
        except (ValueError, RecursionError):
            item = None
        if isinstance(item, dict) and ({"text", "html"} & item.keys()):
            return "jsonl"
    return "text"


def read_bytes(
    data: bytes, source: str, *, format_name: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> list[SourceDocument]:
    """Decode one input's bytes into its document(s) (a feed gives one per line); never raises."""
    return list(_iter_bytes(data, source, format_name or format_for_path(source) or sniff_format(data), max_bytes))


def read_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> list[SourceDocument]:
    """Read one file (``"-"`` is stdin); an unreadable file becomes a document with an error."""
    return list(iter_path(path, max_bytes=max_bytes))


def iter_documents(
    paths: Iterable[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[SourceDocument]:
    """Every document of every input, in input order (see :func:`expand_paths`)."""
    for path in expand_paths(paths, include, exclude):
        yield from iter_path(path, max_bytes=max_bytes)


def iter_path(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> Iterator[SourceDocument]:
    """The document(s) of one path, streaming feeds; ``"-"`` reads ``stdin`` (default ``sys.stdin.buffer``)."""
    if str(path) == str(STDIN):
        yield from _iter_stream(stdin or sys.stdin.buffer, "-", None, max_bytes)
        return
    source = str(path)
    fmt = format_for_path(source)
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if fmt == "jsonl":
                yield from iter_feed(f, source, max_bytes)
                return
            if size > max_bytes:
                yield _too_large(f, b"", source, fmt, max_bytes)
                return
            yield from _iter_stream(f, source, fmt, max_bytes)
    except IsADirectoryError:
        yield _error_doc(source, fmt, "read_error", "this is a folder, not a file.")
    except OSError as exc:
        yield _error_doc(source, fmt, "read_error", f"cannot read the file: {exc.strerror or exc}.")


def _iter_stream(stream: BinaryIO, source: str, fmt: str | None, max_bytes: int) -> Iterator[SourceDocument]:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        yield _too_large(stream, data, source, fmt, max_bytes)
        return
    fmt = fmt or sniff_format(data)
    if fmt == "jsonl":
        yield from iter_feed(io.BytesIO(data), source, max_bytes)
        return
    yield from _iter_bytes(data, source, fmt, max_bytes)


def _iter_bytes(data: bytes, source: str, fmt: str, max_bytes: int) -> Iterator[SourceDocument]:
    if fmt == "jsonl":
        yield from iter_feed(io.BytesIO(data), source, max_bytes)
        return
    if len(data) > max_bytes:
        yield _too_large(io.BytesIO(b""), data, source, fmt, max_bytes)
        return
    yield _read_one(data, source, fmt)


def _read_one(data: bytes, source: str, fmt: str) -> SourceDocument:
    """The one place where a reader's failure becomes the document's error."""
    digest = hashlib.sha256(data).hexdigest()
    if not data:
        return _doc(source, digest, fmt, "", errors=[issue("empty_document", "the file is empty (0 bytes).")])
    try:
        got = READERS[fmt](data)
    except ReadError as exc:
        return _doc(source, digest, fmt, "", errors=[exc.issue()])
    except RecursionError:
        return _doc(source, digest, fmt, "", errors=[issue("internal_error", "the input is nested too deeply to read.")])
    except Exception as exc:  # noqa: BLE001 - a reader bug must not stop the batch; reported, not swallowed
        msg = f"{fmt} reader failed: {type(exc).__name__}: {exc}"
        return _doc(source, digest, fmt, "", errors=[issue("internal_error", msg)])
    text = finish_text(got.text)
    errors = list(got.issues)
    if not text.strip():
        errors.append(issue("empty_document", f"no text could be taken out of this {fmt} input."))
    title = finish_text(got.title) if got.title else None
    return _doc(source, digest, fmt, text, encoding=got.encoding, title=title, published=got.published, errors=errors)


def _too_large(stream: BinaryIO, head: bytes, source: str, fmt: str | None, max_bytes: int) -> SourceDocument:
    """Hash the rest of the input in chunks (never holding it) and report it as too large."""
    digest = hashlib.sha256(head)
    size = len(head)
    while chunk := stream.read(_CHUNK):
        digest.update(chunk)
        size += len(chunk)
    msg = (
        f"the input is {size} bytes, over the limit of {max_bytes} bytes; it was not read. "
        "Split it, or raise the limit with --max-bytes."
    )
    return _doc(source, digest.hexdigest(), fmt or "text", "", errors=[issue("file_too_large", msg)])


def _error_doc(source: str, fmt: str | None, code: str, message: str) -> SourceDocument:
    return _doc(source, hashlib.sha256(b"").hexdigest(), fmt or "text", "", errors=[issue(code, message)])


def _doc(source: str, digest: str, fmt: str, text: str, errors: list[Issue], **fields: object) -> SourceDocument:
    return SourceDocument(source=source, text=text, sha256=digest, format_name=fmt, errors=errors, **fields)
