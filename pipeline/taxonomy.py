"""Indicator taxonomy: which core key an indicator measures.

Keys and their wordings live in ``patterns/taxonomy.json``: a key matches when
each of its ``all`` groups has a wording in the indicator and none of its
``none`` wordings does.  Matching is whole-syllable on the normalised phrase,
so "TNGT", "tai nạn giao thông" and "Tai nạn Giao thông" are the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .normalise import norm_phrase


def _padded(text: str) -> str:
    """Syllable-boundary padding so "nổ" never matches inside "nỗ lực"."""
    return " " + " ".join(norm_phrase(text).replace(",", " , ").split()) + " "


@dataclass(frozen=True)
class Rule:
    name: str
    all_of: tuple[tuple[str, ...], ...]
    none_of: tuple[str, ...]

    def matches(self, padded: str) -> bool:
        if any(w in padded for w in self.none_of):
            return False
        return all(any(w in padded for w in group) for group in self.all_of)


def _rule(name: str, entry: Mapping[str, Sequence[Sequence[str]]]) -> Rule:
    all_of = tuple(tuple(_padded(w) for w in group) for group in entry.get("all", ()))
    none_of = tuple(_padded(w) for group in entry.get("none", ()) for w in group)
    return Rule(name, all_of, none_of)


class Taxonomy:
    """Ordered key rules plus split-only concepts, loaded from ``taxonomy.json``."""

    def __init__(self, data: Mapping[str, object], abbreviations: Mapping[str, str]) -> None:
        self.keys = [_rule(e["key"], e) for e in data["keys"]]  # type: ignore[index,union-attr]
        hazards = [_rule(e["key"], e) for e in data["keys"] if e.get("hazard")]  # type: ignore[index,union-attr]
        self.concepts = hazards + [_rule(e["concept"], e) for e in data.get("concepts", ())]  # type: ignore[union-attr]
        self.abbreviations = {norm_phrase(k): norm_phrase(v) for k, v in abbreviations.items()}

    def _expand(self, text: str) -> str:
        padded = _padded(text)
        for short, full in self.abbreviations.items():
            padded = padded.replace(f" {short} ", f" {full} ")
        return padded

    def key(self, indicator: str) -> str | None:
        """First taxonomy key the indicator matches, or None."""
        padded = self._expand(indicator)
        return next((r.name for r in self.keys if r.matches(padded)), None)

    def concept(self, phrase: str) -> str | None:
        """Hazard a zero target can name (a key marked "hazard", or a split-only concept); None if unknown."""
        padded = self._expand(phrase)
        return next((r.name for r in self.concepts if r.matches(padded)), None)
