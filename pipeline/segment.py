"""Segment stage: paragraphs, sentences and clauses as document offsets.

Lines are split first (headlines, numbered items and signature lines of official
documents carry no final full stop), then underthesea's ``sent_tokenize`` splits
each line.  Its sentences are located back in the text so every boundary is an
exact document offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from underthesea import sent_tokenize

_LINE = re.compile(r"[^\n]+")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    paragraph: int  # index of the paragraph (line) the segment belongs to


def sentences(text: str) -> list[Segment]:
    """Sentences of ``text`` in order, each inside one line."""
    out: list[Segment] = []
    for number, line in enumerate(_LINE.finditer(text)):
        if not line.group(0).strip():
            continue
        for start, end in _locate(line.group(0), sent_tokenize(line.group(0))):
            out.append(Segment(line.start() + start, line.start() + end, number))
    return out


def _locate(line: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Find each tokenizer sentence in ``line``, tolerant to re-spacing.

    Sentences cover the line without gaps: a piece that cannot be found is
    merged into its neighbour rather than dropped.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        pattern = r"\s*".join(re.escape(w) for w in words)
        m = re.compile(pattern).search(line, cursor)
        if m is None:
            continue
        spans.append((m.start(), m.end()))
        cursor = m.end()
    if not spans:
        stripped = line.strip()
        start = line.find(stripped[:1]) if stripped else 0
        return [(start, start + len(stripped))] if stripped else []
    # close gaps so no text falls between sentences
    merged = [(min(spans[0][0], len(line) - len(line.lstrip())), spans[0][1])]
    for s, e in spans[1:]:
        merged.append((s, e))
    last_s, _ = merged[-1]
    merged[-1] = (last_s, len(line.rstrip()))
    return merged


def clause_bounds(tokens: list[str]) -> list[int]:
    """Token indices where a new clause starts (after ';' and list bullets)."""
    return [i + 1 for i, t in enumerate(tokens) if t == ";"]
