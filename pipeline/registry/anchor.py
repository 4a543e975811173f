"""Identity of a reviewed target across re-extractions.

A correction is made on a target; the next pipeline version may give that
target another id, other evidence boundaries, another indicator wording, or a
fixed value.  A reviewed target is therefore identified by an *anchor*, not by
list order or extractor id: the document, the evidence location and text, the
normalised clause, and what is measured (indicator key / wording, direction,
value).  Re-attachment compares every reviewed target's anchors with every new
target and assigns them one to one, best match first:

* ``exact``  — same evidence span, and the same thing measured (indicator key,
  indicator wording, or direction+value);
* ``fuzzy``  — overlapping evidence (or the same normalised clause) and the same
  thing measured;
* otherwise the reviewed target is ``orphaned``: its corrections are kept and
  reported, and it re-attaches later if a future run finds it again.

Everything here is pure: no database access.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..normalise import norm_phrase

EXACT, FUZZY = "exact", "fuzzy"
_SYLLABLE = re.compile(r"\w+")


@dataclass(frozen=True)
class Anchor:
    """What a reviewed target was when it was seen: location plus meaning."""

    start: int
    end: int
    text: str
    indicator: str
    indicator_key: str | None
    direction: str
    value: float | int | None
    value_max: float | int | None

    @classmethod
    def of(cls, target: Mapping[str, Any]) -> "Anchor":
        ev = target["evidence"]
        return cls(
            start=int(ev["start"]), end=int(ev["end"]), text=ev["text"], indicator=target.get("indicator") or "",
            indicator_key=target.get("indicator_key"), direction=target.get("direction") or "",
            value=target.get("value"), value_max=target.get("value_max"),
        )

    @classmethod
    def from_json(cls, data: str | Mapping[str, Any]) -> "Anchor":
        d = json.loads(data) if isinstance(data, str) else dict(data)
        return cls(**{k: d.get(k) for k in cls.__dataclass_fields__})

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @property
    def clause(self) -> str:
        return norm_phrase(self.text)


def subject_id(document_id: str, anchor: Anchor, origin: str, salt: str = "") -> str:
    """Content-derived id of a reviewed target (same anchor → same id)."""
    payload = json.dumps([document_id, origin, anchor.start, anchor.end, norm_phrase(anchor.indicator),
                          anchor.direction, anchor.value, anchor.value_max, salt], ensure_ascii=False)
    return "sub_" + hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


def syllables(text: str) -> list[str]:
    return _SYLLABLE.findall(norm_phrase(text))


def syllable_f1(a: str, b: str) -> float:
    """Overlap F1 of the two phrases' syllables (multiset), after normalisation."""
    sa, sb = syllables(a), syllables(b)
    if not sa or not sb:
        return 0.0
    pool = list(sb)
    common = 0
    for s in sa:
        if s in pool:
            pool.remove(s)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(sa), common / len(sb)
    return 2 * p * r / (p + r)


def _iou(a0: int, a1: int, b0: int, b1: int) -> float:
    inter = min(a1, b1) - max(a0, b0)
    union = max(a1, b1) - min(a0, b0)
    return max(inter, 0) / union if union > 0 else float(a0 == b0)


def _same_measure(a: Anchor, b: Anchor) -> tuple[float, float]:
    """(indicator similarity, value similarity) in [0, 1]."""
    if a.indicator_key and a.indicator_key == b.indicator_key:
        ind = 1.0
    else:
        ind = syllable_f1(a.indicator, b.indicator)
    if a.direction == b.direction and a.value == b.value and a.value_max == b.value_max:
        val = 1.0
    elif a.value is not None and a.value == b.value:
        val = 0.5
    else:
        val = 0.0
    return ind, val


def compare(known: Anchor, candidate: Anchor) -> tuple[str, float] | None:
    """Tier and score of ``candidate`` as the target ``known`` described; None if no match."""
    ind, val = _same_measure(known, candidate)
    measured_alike = ind >= 0.5 or val == 1.0
    if not measured_alike:
        return None
    same_span = (known.start, known.end) == (candidate.start, candidate.end)
    iou = _iou(known.start, known.end, candidate.start, candidate.end)
    ca, cb = known.clause, candidate.clause
    contained = bool(ca and cb) and (ca in cb or cb in ca)
    score = 2 * iou + ind + val
    if same_span:
        return EXACT, score + 1
    if iou >= 0.3 or (contained and iou > 0):
        return FUZZY, score
    return None


def best_tier(knowns: Sequence[Anchor], candidate: Anchor) -> tuple[str, float] | None:
    """Best comparison of ``candidate`` with any of the subject's known anchors."""
    results = [r for k in knowns if (r := compare(k, candidate))]
    if not results:
        return None
    return max(results, key=lambda r: (r[0] == EXACT, r[1]))


def assign(
    subjects: Mapping[str, Sequence[Anchor]],
    candidates: Mapping[str, Anchor],
    priority: Iterable[str] = (),
) -> dict[str, tuple[str, str] | None]:
    """Assign subjects to candidate targets one to one, best first.

    ``subjects`` maps a subject id to the anchors it is known by (original
    anchor, last target seen, corrected values); ``candidates`` maps new target
    ids to their anchors.  Subjects listed in ``priority`` (reviewed extracted
    targets) are served before the others (reviewer-added targets).  Returns
    subject id → (target id, tier) or None when orphaned.
    """
    first = set(priority)
    pairs = []
    for sid, knowns in subjects.items():
        for tid, cand in candidates.items():
            r = best_tier(knowns, cand)
            if r:
                pairs.append((sid in first, r[0] == EXACT, r[1], sid, tid, r[0]))
    # Deterministic: priority, tier, score, then ids.
    pairs.sort(key=lambda p: (not p[0], not p[1], -p[2], p[3], p[4]))
    out: dict[str, tuple[str, str] | None] = dict.fromkeys(subjects)
    taken: set[str] = set()
    for _prio, _exact, _score, sid, tid, tier in pairs:
        if out[sid] is None and tid not in taken:
            out[sid] = (tid, tier)
            taken.add(tid)
    return out


def relocate(anchor: Anchor, new_text: str) -> Anchor | None:
    """The anchor moved into another version of the document text, or None.

    Used when a source file's text changed (new document id): the evidence text
    is looked up in the new text, the occurrence nearest the old position wins.
    """
    if not anchor.text:
        return None
    hits = [m.start() for m in re.finditer(re.escape(anchor.text), new_text)]
    if not hits:
        return None
    start = min(hits, key=lambda h: abs(h - anchor.start))
    return Anchor(start, start + len(anchor.text), anchor.text, anchor.indicator, anchor.indicator_key,
                  anchor.direction, anchor.value, anchor.value_max)
