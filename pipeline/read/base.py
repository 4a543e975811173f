"""What every format reader returns, and the one place text is finished."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field

from ..models import Issue

_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass
class Extracted:
    """A reader's result for one document: main text plus what the format says about it."""

    text: str
    title: str | None = None
    published: dt.date | None = None
    encoding: str | None = None
    issues: list[Issue] = field(default_factory=list)


def finish_text(text: str) -> str:
    """The document text: NFC, with lone surrogates (invalid in UTF-8 output) made U+FFFD."""
    if not text.isascii():
        text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)
