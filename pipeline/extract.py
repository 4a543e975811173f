"""The pipeline: one ``SourceDocument`` in, one ``DocumentResult`` out.

Stages run in one direction: read → normalise → segment → nlp → units/events →
targets.  Everything expensive (pattern files, matchers, underthesea models) is
built once per ``Extractor`` and reused for every document.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from . import __version__
from .models import Document, DocumentResult, SourceDocument
from .pattern_files import Patterns


def document_id(text: str) -> str:
    """Stable id derived from the content, never from the path."""
    return "doc_" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


class Extractor:
    """Builds every stage once; ``extract`` is then cheap and side-effect free."""

    def __init__(self, patterns_dir: str | Path | None = None) -> None:
        self.patterns = Patterns(patterns_dir)

    @property
    def version(self) -> str:
        """Code version plus pattern fingerprint: a changed wording is a new pipeline."""
        return f"{__version__}+{self.patterns.digest[:12]}"

    def extract(self, src: SourceDocument) -> DocumentResult:
        document = Document(
            id=document_id(src.text), source=src.source, sha256=src.sha256, title=src.title,
            published=src.published, chars=len(src.text), text=src.text, format_name=src.format_name,
            encoding=src.encoding, url=src.url,
        )
        return DocumentResult(document=document, errors=list(src.errors))
