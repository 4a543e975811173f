"""Cut the document text into segments for highlighting overlapping evidence.

Every boundary point (span starts and ends) is sorted once; between two
consecutive points the set of covering spans is constant, so the text is
emitted as flat segments, each with the spans covering it.  Flat segments need
no nested tags, so overlapping and crossing spans are handled without
re-opening elements, and each segment's text is escaped by the template.

Carriage returns get segments of their own: an HTML parser turns ``\\r\\n``
into ``\\n``, which would shift the offsets the browser computes for a text
selection; an isolated ``\\r`` keeps its length.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# Which status colours a segment covered by several spans: the one most in need of a look.
PRIORITY = ("extracted", "corrected", "rejected", "approved")


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    key: str
    status: str


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    keys: tuple[str, ...] = ()
    status: str | None = None
    anchors: tuple[str, ...] = ()   # keys whose evidence starts here (scroll targets)

    @property
    def marked(self) -> bool:
        return bool(self.keys)


def segments(text: str, marks: Sequence[Mark]) -> list[Segment]:
    """Flat segments covering ``text`` exactly once, in order."""
    n = len(text)
    marks = [m for m in marks if 0 <= m.start < m.end <= n]
    points = {0, n}
    for m in marks:
        points.update((m.start, m.end))
    for i, ch in enumerate(text):
        if ch == "\r":
            points.update((i, i + 1))
    cuts = sorted(points)
    starts: dict[int, list[Mark]] = {}
    for m in sorted(marks, key=lambda m: (m.start, -(m.end - m.start), m.key)):
        starts.setdefault(m.start, []).append(m)
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        if a == b:
            continue
        covering = [m for m in marks if m.start <= a and b <= m.end]
        covering.sort(key=lambda m: (m.start, -(m.end - m.start), m.key))
        keys = tuple(m.key for m in covering)
        status = None
        if covering:
            status = min((m.status for m in covering), key=lambda s: PRIORITY.index(s) if s in PRIORITY else 99)
        anchors = tuple(dict.fromkeys(m.key for m in starts.pop(a, [])))
        out.append(Segment(a, b, text[a:b], keys, status, anchors))
    return out
