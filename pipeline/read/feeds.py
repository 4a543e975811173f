"""JSON Lines feeds: one article per line, each its own document.

A line is a JSON object with ``text`` (plain text) or ``html`` (a page, run
through the HTML extractor), and optionally ``url``, ``title`` and
``published``.  Its document's source is ``feed.jsonl:LINE`` (1-based), its
sha256 is that of the line's bytes (without the line break), its format is
``jsonl``.  The feed is streamed line by line and the size limit applies to
each line, so a feed may be larger than ``--max-bytes``.  A malformed line
becomes a document with ``feed_line_invalid`` and the feed carries on; blank
lines are skipped; a feed with no article yields one ``empty_document``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import BinaryIO

from ..models import Issue, SourceDocument
from .base import finish_text
from .dates import parse_date
from .decode import repair_mojibake
from .errors import issue
from .html import extract_html

_CHUNK = 1 << 20


def iter_feed(stream: BinaryIO, source: str, max_bytes: int) -> Iterator[SourceDocument]:
    """Every article of the feed in ``stream``, in line order."""
    articles = 0
    lineno = 0
    whole = hashlib.sha256()
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            break
        lineno += 1
        whole.update(line)
        if len(line) > max_bytes and not line.endswith(b"\n"):
            digest = hashlib.sha256(line)
            size = len(line)
            while not line.endswith(b"\n"):
                line = stream.readline(_CHUNK)
                if not line:
                    break
                whole.update(line)
                size += len(line)
                digest.update(line.rstrip(b"\r\n") if line.endswith(b"\n") else line)
            articles += 1
            msg = f"feed line {lineno} is {size} bytes, over the limit of {max_bytes} (--max-bytes); skipped."
            yield _doc(f"{source}:{lineno}", digest.hexdigest(), "", errors=[issue("file_too_large", msg)])
            continue
        body = line.rstrip(b"\r\n")
        if lineno == 1 and body.startswith(b"\xef\xbb\xbf"):
            body = body[3:]
        if not body.strip():
            continue
        articles += 1
        yield read_feed_line(body, f"{source}:{lineno}")
    if not articles:
        msg = "the feed has no article lines." if lineno else "the file is empty (0 bytes)."
        yield _doc(source, whole.hexdigest(), "", errors=[issue("empty_document", msg)])


def read_feed_line(body: bytes, source: str) -> SourceDocument:
    """One feed line (without its line break) to a document; never raises."""
    digest = hashlib.sha256(body).hexdigest()
    try:
        item = json.loads(body.decode("utf-8"))
    except UnicodeDecodeError as exc:
        return _invalid(source, digest, f"the line is not UTF-8 (byte {exc.start}); feeds must be UTF-8 JSON.")
    except RecursionError:
        return _invalid(source, digest, "the line nests JSON too deeply to parse.")
    except ValueError as exc:
        return _invalid(source, digest, f"the line is not valid JSON: {exc}.")
    if not isinstance(item, dict):
        return _invalid(source, digest, f"the line is a JSON {type(item).__name__}, not an object with 'text' or 'html'.")
    url = item.get("url") if isinstance(item.get("url"), str) else None
    text, html = item.get("text"), item.get("html")
    errors: list[Issue] = []
    title = item.get("title") if isinstance(item.get("title"), str) else None
    published = None
    if item.get("published") not in (None, ""):
        published = parse_date(item.get("published"))
        if published is None:
            errors.append(issue("date_invalid", f"published {item.get('published')!r} is not a date; left empty."))
    encoding = "utf-8"
    if isinstance(text, str):
        text, repaired = repair_mojibake(finish_text(text))
        encoding = repaired or encoding
    elif isinstance(html, str):
        page = extract_html(html)
        text = page.text
        title = title or page.title
        published = published or page.published
        encoding = page.encoding or encoding
        errors.extend(page.issues)
    else:
        return _invalid(source, digest, "the line has no 'text' or 'html' string.", url=url)
    text = finish_text(text)
    if not text.strip():
        errors.append(issue("empty_document", "the article's text is empty."))
    title = finish_text(" ".join(title.split())) if title else None
    return _doc(source, digest, text, url=url, title=title or None, published=published, encoding=encoding, errors=errors)


def _invalid(source: str, digest: str, message: str, url: str | None = None) -> SourceDocument:
    return _doc(source, digest, "", url=url, errors=[issue("feed_line_invalid", message)])


def _doc(source: str, digest: str, text: str, **fields: object) -> SourceDocument:
    return SourceDocument(source=source, text=text, sha256=digest, format_name="jsonl", **fields)
