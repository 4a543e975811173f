"""Evaluation against gold files, with the contract's matching rule.

A predicted target matches a gold one when both are in the same document,
direction and value (and value_max) are equal, and either the indicator keys
are equal and not null or the indicators' syllable-overlap F1 is at least 0.5.
Each gold target matches at most one prediction.  Targets with no figure (value
null, direction not zero) are not scored.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .normalise import fold_tone_marks

TARGET_FIELDS = ("comparator", "unit", "baseline_year", "period_year", "indicator_key", "parent")
EVENT_FIELDS = ("date", "date_end", "period_year", "groups", "host", "provinces", "codes", "provinces_now")
ABBREVIATIONS = {"tngt": "tai nạn giao thông", "antt": "an ninh trật tự", "ttxh": "trật tự xã hội",
                 "antq": "an ninh tổ quốc", "pccc": "phòng cháy chữa cháy", "atgt": "an toàn giao thông"}


def syllables(text: str) -> list[str]:
    """Lower-cased NFC syllables, "hoá"/"hóa" unified, common abbreviations expanded."""
    text = fold_tone_marks(unicodedata.normalize("NFC", text)).lower()
    out: list[str] = []
    for word in re.findall(r"\w+", text):
        out.extend(ABBREVIATIONS.get(word, word).split())
    return out


def overlap_f1(a: str, b: str) -> float:
    sa, sb = Counter(syllables(a)), Counter(syllables(b))
    common = sum((sa & sb).values())
    if not common:
        return 0.0
    p, r = common / sum(sa.values()), common / sum(sb.values())
    return 2 * p * r / (p + r)


def scored(targets: Iterable[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    return [t for t in targets if t.get("value") is not None or t.get("direction") == "zero"]


def _matches(g: Mapping[str, Any], p: Mapping[str, Any]) -> bool:
    if g["direction"] != p["direction"] or not _num_eq(g.get("value"), p.get("value")) \
            or not _num_eq(g.get("value_max"), p.get("value_max")):
        return False
    if g.get("indicator_key") and g.get("indicator_key") == p.get("indicator_key"):
        return True
    return overlap_f1(g.get("indicator") or "", p.get("indicator") or "") >= 0.5


def _num_eq(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) < 1e-9


def align(gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching: key matches first, then by indicator overlap."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if _matches(g, p):
                same_key = bool(g.get("indicator_key")) and g.get("indicator_key") == p.get("indicator_key")
                candidates.append((-(2 if same_key else 1) - overlap_f1(g.get("indicator") or "", p.get("indicator") or ""), gi, pi))
    pairs, used_g, used_p = [], set(), set()
    for _, gi, pi in sorted(candidates):
        if gi not in used_g and pi not in used_p:
            pairs.append((gi, pi))
            used_g.add(gi)
            used_p.add(pi)
    return sorted(pairs)


@dataclass
class Report:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    all_fields: int = 0
    field_right: Counter = field(default_factory=Counter)
    event_right: Counter = field(default_factory=Counter)
    event_total: Counter = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def all_fields_share(self) -> float:
        return self.all_fields / self.gold if self.gold else 1.0

    @property
    def event_accuracy(self) -> float:
        total = sum(self.event_total.values())
        return sum(self.event_right.values()) / total if total else 1.0

    def lines(self) -> list[str]:
        out = [f"targets: gold {self.gold}, predicted {self.predicted}, matched {self.matched}",
               f"precision {self.precision:.3f}  recall {self.recall:.3f}  F1 {self.f1:.3f}",
               f"all fields correct: {self.all_fields_share:.3f} of gold targets"]
        if self.matched:
            out.append("per-field accuracy (matched): " + ", ".join(
                f"{f} {self.field_right[f] / self.matched:.3f}" for f in TARGET_FIELDS))
        if self.event_total:
            out.append("event fields: " + ", ".join(
                f"{f} {self.event_right[f]}/{self.event_total[f]}" for f in EVENT_FIELDS if self.event_total[f]))
            out.append(f"event-field accuracy {self.event_accuracy:.3f}")
        return out


def _parent_index(targets: Sequence[Mapping[str, Any]]) -> list[int | None]:
    """Gold carries ``parent`` (an index); predictions carry ``parent_id``."""
    ids = {t.get("id"): i for i, t in enumerate(targets) if t.get("id")}
    return [t["parent"] if "parent" in t else ids.get(t.get("parent_id")) for t in targets]


def score_document(report: Report, name: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> None:
    g_targets, p_targets = scored(gold.get("targets", [])), scored(pred.get("targets", []))
    g_parent = _parent_index(gold.get("targets", []))
    p_parent = _parent_index(pred.get("targets", []))
    g_index = [i for i, t in enumerate(gold.get("targets", [])) if t in g_targets]
    p_index = [i for i, t in enumerate(pred.get("targets", [])) if t in p_targets]
    pairs = align(g_targets, p_targets)
    pair_of = {gi: pi for gi, pi in pairs}
    report.gold += len(g_targets)
    report.predicted += len(p_targets)
    report.matched += len(pairs)
    full_pred = {g_index[gi]: p_index[pi] for gi, pi in pairs}
    for gi, pi in pairs:
        g, p = g_targets[gi], p_targets[pi]
        wrong = []
        for f in TARGET_FIELDS:
            if f == "parent":
                gp = g_parent[g_index[gi]]
                pp = p_parent[p_index[pi]]
                ok = (gp is None and pp is None) or (gp is not None and full_pred.get(gp) == pp)
            else:
                ok = g.get(f) == p.get(f)
            report.field_right[f] += ok
            if not ok and f == "parent":  # indexes differ between the lists: name the parents
                wrong.append(f"parent: gold {_indicator_at(gold, g_parent[g_index[gi]])!r} "
                             f"got {_indicator_at(pred, p_parent[p_index[pi]])!r}")
            elif not ok:
                wrong.append(f"{f}: gold {g.get(f)!r} got {p.get(f)!r}")
        report.all_fields += not wrong
        if wrong:
            report.notes.append(f"{name}: WRONG FIELD {g.get('indicator')!r} — " + "; ".join(wrong))
    for gi, g in enumerate(g_targets):
        if gi not in pair_of:
            report.notes.append(f"{name}: MISS {_brief(g)}")
    matched_p = {pi for _, pi in pairs}
    for pi, p in enumerate(p_targets):
        if pi not in matched_p:
            report.notes.append(f"{name}: FALSE POSITIVE {_brief(p)}")
    _score_events(report, name, gold.get("events", []), pred.get("events", []))


def _indicator_at(answer: Mapping[str, Any], index: int | None) -> str | None:
    """The indicator of target ``index`` of an answer (None for no parent)."""
    return None if index is None else answer.get("targets", [])[index].get("indicator")


def _brief(t: Mapping[str, Any]) -> str:
    return (f"{t.get('direction')} {t.get('comparator')} {t.get('value')}"
            f"{'-' + str(t.get('value_max')) if t.get('value_max') is not None else ''} {t.get('unit')} "
            f"{t.get('indicator')!r} [{t.get('indicator_key')}]")


def _event_values(e: Mapping[str, Any]) -> dict[str, Any]:
    units = e.get("units", [])
    return {
        "date": e.get("date"), "date_end": e.get("date_end"), "period_year": e.get("period_year"),
        "groups": sorted(e.get("groups", [])), "host": e.get("host"),
        "provinces": sorted(str(u.get("province")) for u in units),
        "codes": sorted(str(u.get("province_code")) for u in units),
        "provinces_now": sorted(str(u.get("province_now")) for u in units),
    }


def _score_events(report: Report, name: str, gold: Sequence[Mapping[str, Any]], pred: Sequence[Mapping[str, Any]]) -> None:
    for k, g in enumerate(gold):
        gv = _event_values(g)
        pv = _event_values(pred[k]) if k < len(pred) else {}
        for f in EVENT_FIELDS:
            report.event_total[f] += 1
            ok = pv.get(f) == gv[f] if pv else False
            report.event_right[f] += ok
            if not ok:
                report.notes.append(f"{name}: EVENT {f}: gold {gv[f]!r} got {pv.get(f)!r}")
    for extra in pred[len(gold):]:
        report.notes.append(f"{name}: EXTRA EVENT {extra.get('kind')} {extra.get('date')}")


def load_gold(directory: Path) -> dict[str, dict[str, Any]]:
    """Gold answers keyed by the document file name they describe."""
    out = {}
    for path in sorted(directory.glob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        out[data.get("source") or path.name.replace(".gold.json", ".txt")] = data
    return out
