"""Which inputs to read: files, folders (recursive), glob patterns and ``-`` (stdin).

* A file named on the command line is always read (whatever its extension;
  unknown extensions are sniffed), except ``*.gold.json`` answer files, which
  are never inputs.
* A folder is walked recursively in sorted order; hidden files and folders
  (``.git``) are skipped and only supported extensions are taken
  (:data:`SUPPORTED_SUFFIXES`).
* A path that does not exist but contains ``* ? [`` is expanded as a glob
  (``**`` spans folders), with the same rules as a folder walk.
* ``--include``/``--exclude`` globs filter what folders and globs yield: a
  pattern without ``/`` matches the file name (``*.html``), a pattern with
  ``/`` matches the path relative to the folder walked (``2023/**/*.txt``);
  an excluded folder is not entered.  A file must match some ``--include``
  (when given) and no ``--exclude``.
"""

from __future__ import annotations

import glob as globlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path

STDIN = Path("-")
FORMATS_BY_SUFFIX = {
    ".txt": "text", ".text": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".docx": "docx",
    ".pdf": "pdf",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
}
SUPPORTED_SUFFIXES = tuple(FORMATS_BY_SUFFIX)
GOLD_SUFFIX = ".gold.json"
_GLOB_CHARS = re.compile(r"[*?\[]")


def format_for_path(path: str | Path) -> str | None:
    """The format an extension names, or None (then the content is sniffed)."""
    return FORMATS_BY_SUFFIX.get(Path(path).suffix.lower())


def is_gold(path: str | Path) -> bool:
    return str(path).lower().endswith(GOLD_SUFFIX)


@lru_cache(maxsize=256)
def _glob_regex(pattern: str) -> re.Pattern[str]:
    """Translate a glob (``*``, ``?``, ``[…]``, ``**``) to a regex over ``/``-separated paths."""
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif c == "*":
            out.append("[^/]*")
            i += 1
        elif c == "?":
            out.append("[^/]")
            i += 1
        elif c == "[":
            end = pattern.find("]", i + 2)
            if end == -1:
                out.append(re.escape(c))
                i += 1
            else:
                body = pattern[i + 1:end]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = end + 1
        else:
            out.append(re.escape(c))
            i += 1
    return re.compile("".join(out) + r"\Z")


def matches(relative: str, patterns: Sequence[str]) -> bool:
    """Does the ``/``-separated ``relative`` path match any pattern (see the module doc)?"""
    name = relative.rsplit("/", 1)[-1]
    for pattern in patterns:
        pattern = pattern.replace(os.sep, "/").lstrip("/") if "/" in pattern or os.sep in pattern else pattern
        target = relative if "/" in pattern else name
        if _glob_regex(pattern).match(target):
            return True
    return False


def wanted(relative: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    """A file found by a walk or a glob: supported, not an answer file, and through the filters."""
    name = relative.rsplit("/", 1)[-1]
    if name.startswith(".") or is_gold(name) or Path(name).suffix.lower() not in FORMATS_BY_SUFFIX:
        return False
    if include and not matches(relative, include):
        return False
    return not (exclude and matches(relative, exclude))


def walk(root: Path, include: Sequence[str] = (), exclude: Sequence[str] = ()) -> Iterator[Path]:
    """Supported files under ``root``, sorted by their path relative to it."""
    found: list[tuple[tuple[str, ...], Path]] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        dirnames[:] = [
            d for d in sorted(dirnames) if not d.startswith(".") and not (exclude and matches(prefix + d, exclude))
        ]
        for f in filenames:
            rel = prefix + f
            if wanted(rel, include, exclude):
                found.append((tuple(rel.split("/")), Path(dirpath) / f))
    for _, path in sorted(found):
        yield path


def expand_paths(
    paths: Iterable[str | Path], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> Iterator[Path]:
    """Every input to read, in the order given; ``Path("-")`` stands for stdin.

    A path that names nothing is yielded as is, so that reading it reports a
    ``read_error`` document rather than silently dropping it.
    """
    include, exclude = tuple(include), tuple(exclude)
    for given in paths:
        text = str(given)
        if text == "-":
            yield STDIN
            continue
        path = Path(text)
        if path.is_dir():
            yield from walk(path, include, exclude)
        elif not path.exists() and _GLOB_CHARS.search(text):
            hits = sorted(globlib.glob(text, recursive=True))
            if not hits:
                yield path
            for hit in hits:
                hit_path = Path(hit)
                if hit_path.is_dir():
                    yield from walk(hit_path, include, exclude)
                elif wanted(hit_path.as_posix(), include, exclude):
                    yield hit_path
        elif not is_gold(path):
            yield path
