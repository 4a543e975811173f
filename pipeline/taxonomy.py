"""Indicator taxonomy: which core key an indicator measures.

Keys and their wordings live in ``patterns/taxonomy.json``: a key matches when
each of its ``all`` groups has a wording in the indicator and none of its
``none`` wordings does.  Matching is whole-syllable on the normalised phrase,
so "TNGT", "tai nạn giao thông" and "Tai nạn Giao thông" are the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from .normalise import norm_phrase

# Indicators repeat across the sentences of a document and across documents, so
# the wordings found in each are remembered (bounded: a long run must not grow).
_CACHE_SIZE = 1 << 12


def _padded(text: str) -> str:
    """Syllable-boundary padding so "nổ" never matches inside "nỗ lực"."""
    return " " + " ".join(norm_phrase(text).replace(",", " , ").split()) + " "


def _first_syllable(padded: str) -> str:
    """What lies between the opening space of a padded wording and the next space."""
    return padded[1:].split(" ", 1)[0]


class _Wordings:
    """Padded wordings indexed by their first syllable.

    A padded wording found in a padded phrase starts and ends at spaces, so its
    first syllable is one of the phrase's syllables: only the wordings filed
    under those need the substring test, instead of every wording.
    """

    def __init__(self, wordings: Iterable[str]) -> None:
        self._by_first: dict[str, list[str]] = {}
        for w in dict.fromkeys(wordings):
            self._by_first.setdefault(_first_syllable(w), []).append(w)

    def within(self, padded: str) -> frozenset[str]:
        """Exactly the wordings ``w`` with ``w in padded``."""
        return frozenset(w for s in set(padded.split(" ")) for w in self._by_first.get(s, ()) if w in padded)


@dataclass(frozen=True)
class Rule:
    name: str
    all_of: tuple[frozenset[str], ...]
    none_of: frozenset[str]

    def matches(self, present: frozenset[str]) -> bool:
        """Does a phrase holding the padded wordings ``present`` (see ``_Wordings.within``) match?"""
        return self.none_of.isdisjoint(present) and all(not group.isdisjoint(present) for group in self.all_of)


def _rule(name: str, entry: Mapping[str, Sequence[Sequence[str]]]) -> Rule:
    all_of = tuple(frozenset(_padded(w) for w in group) for group in entry.get("all", ()))
    none_of = frozenset(_padded(w) for group in entry.get("none", ()) for w in group)
    return Rule(name, all_of, none_of)


class _Rules:
    """Ordered rules, filed under the wordings of their first ``all`` group.

    A rule with ``all`` groups matches only if a wording of its first group is
    present, so the first match is looked for among the rules filed under the
    present wordings (and those without ``all`` groups), not among all rules.
    """

    def __init__(self, rules: list[Rule]) -> None:
        self.rules = rules
        self._unconditional = frozenset(i for i, r in enumerate(rules) if not r.all_of)
        self._by_wording: dict[str, list[int]] = {}
        for i, r in enumerate(rules):
            for w in r.all_of[0] if r.all_of else ():
                self._by_wording.setdefault(w, []).append(i)

    def first(self, present: frozenset[str]) -> str | None:
        """Name of the first rule a phrase holding the wordings ``present`` matches, or None."""
        candidates = self._unconditional.union(*(self._by_wording.get(w, ()) for w in present))
        return next((self.rules[i].name for i in sorted(candidates) if self.rules[i].matches(present)), None)


class Taxonomy:
    """Ordered key rules plus split-only concepts, loaded from ``taxonomy.json``."""

    def __init__(self, data: Mapping[str, object], abbreviations: Mapping[str, str]) -> None:
        keys = [_rule(e["key"], e) for e in data["keys"]]  # type: ignore[index,union-attr]
        hazards = [_rule(e["key"], e) for e in data["keys"] if e.get("hazard")]  # type: ignore[index,union-attr]
        concepts = hazards + [_rule(e["concept"], e) for e in data.get("concepts", ())]  # type: ignore[union-attr]
        self.keys, self.concepts = _Rules(keys), _Rules(concepts)
        self.unkeyed_units = frozenset(data.get("unkeyed_units", ()))  # type: ignore[union-attr]
        expansions = {norm_phrase(k): norm_phrase(v) for k, v in abbreviations.items()}
        self._replacements = [(f" {short} ", f" {full} ") for short, full in expansions.items()]
        self._shorts = _Wordings(short for short, _ in self._replacements)
        self._wordings = _Wordings(w for rule in keys + concepts for w in rule.none_of.union(*rule.all_of))
        self._present = lru_cache(maxsize=_CACHE_SIZE)(self._wordings_in)

    def _expand(self, text: str) -> str:
        padded = _padded(text)
        if not self._shorts.within(padded):  # the usual case: no abbreviation, nothing to replace
            return padded
        for short, full in self._replacements:
            padded = padded.replace(short, full)
        return padded

    def _wordings_in(self, text: str) -> frozenset[str]:
        """The rule wordings in ``text`` once normalised and its abbreviations expanded."""
        return self._wordings.within(self._expand(text))

    def key(self, indicator: str) -> str | None:
        """First taxonomy key the indicator matches, or None."""
        return self.keys.first(self._present(indicator))

    def concept(self, phrase: str) -> str | None:
        """Hazard a zero target can name (a key marked "hazard", or a split-only concept); None if unknown."""
        return self.concepts.first(self._present(phrase))
