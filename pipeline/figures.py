"""Figures: numbers with their unit, range and comparator, found on Doc tokens.

A figure is what a target's value is read from: "ít nhất 5%", "từ 3 đến 5%",
"3% - 5%", "50 đối tượng … trở lên", "tối đa 45 phút", "1.150 tỷ đồng".  Which
words count as comparators or units is data (``patterns/lexicon.json``,
``patterns/units_of_measure.json``); this module holds the mechanism only.
"""

from __future__ import annotations

import re
import weakref
from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Doc

from .nlp import Matches

NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
COMPARATORS = (">=", ">", "<=", "<")
_COMPARATOR_LABELS = tuple((comp, f"comparator_before:{comp}") for comp in COMPARATORS)


@dataclass(frozen=True)
class UnitWord:
    unit: str
    scale: float = 1


@dataclass
class Figure:
    """Token positions are Doc indices; ``start`` includes a comparator before the number."""

    start: int
    number_start: int
    end: int  # after the number(s) and their unit word (count nouns excluded)
    value: float
    value_max: float | None
    unit: str
    comparator: str | None  # as written before the figure, or None
    count_noun: tuple[int, int] | None = None

    @property
    def is_percent(self) -> bool:
        return self.unit == "percent"


def parse_number(text: str) -> float | None:
    """Vietnamese number: ',' is the decimal mark, '.' groups thousands ("1.150" is 1150)."""
    if not NUMBER.match(text):
        return None
    if "." in text and all(len(g) == 3 for g in text.split(",")[0].split(".")[1:]):
        text = text.replace(".", "")
    text = text.replace(",", ".")
    if text.count(".") > 1:
        return None
    return float(text)


def as_number(value: float) -> int | float:
    """JSON-friendly: 5.0 → 5, 7.5 stays 7.5."""
    return int(value) if float(value).is_integer() else value


def _number_tokens(words: list[str]) -> list[int]:
    """Indices of the tokens whose text is a number, ascending (a number starts with a digit: a cheap test first)."""
    return [i for i, word in enumerate(words) if word[:1].isdigit() and NUMBER.match(word)]


def _units_by_start(m: Matches, units: dict[str, UnitWord]) -> dict[int, list[tuple[int, UnitWord]]]:
    """start → (end, unit word) of every unit match, in the order of ``m.by_label`` (a tie goes to the first)."""
    out: dict[int, list[tuple[int, UnitWord]]] = {}
    for label, spans in m.by_label.items():
        if label.startswith("unit:"):
            for s, e in spans:
                out.setdefault(s, []).append((e, units[label]))
    return out


def _comparators_by_end(m: Matches) -> dict[int, tuple[str, int]]:
    """end → (comparator, start) of the longest comparator wording ending there; of equals, the first in ``COMPARATORS``."""
    out: dict[int, tuple[str, int]] = {}
    for comp, label in _COMPARATOR_LABELS:
        for s, e in m.by_label.get(label, ()):
            if e not in out or s < out[e][1]:
                out[e] = comp, s
    return out


@dataclass(frozen=True, eq=False)
class _DocTokens:
    """What the figure rules read of one Doc: token texts, numbers, unit and comparator matches.

    ``find`` runs once per region of a Doc and its regions cover most tokens,
    so where the numbers are and how the unit and comparator matches line up is
    worked out once per Doc, not per region and per token.
    """

    words: list[str]  # token texts (Doc._.words)
    numbers: list[int]  # indices of number tokens, ascending
    units_from: dict[int, list[tuple[int, UnitWord]]]  # see _units_by_start
    comparators: dict[int, tuple[str, int]]  # see _comparators_by_end

    @classmethod
    def of(cls, doc: Doc, m: Matches, units: dict[str, UnitWord]) -> "_DocTokens":
        words = doc._.words
        return cls(words, _number_tokens(words), _units_by_start(m, units), _comparators_by_end(m))


class FigureFinder:
    """Finds figures in a token range using the lexicon matches of the Doc."""

    def __init__(self, units: dict[str, UnitWord]) -> None:
        self.units = units  # label "unit:<phrase>" → UnitWord
        self._last: tuple[weakref.ref[Doc], weakref.ref[Matches], _DocTokens] | None = None

    def _tokens(self, doc: Doc, m: Matches) -> _DocTokens:
        """The token arrays of ``doc``, made on its first region and kept until another Doc comes.

        The Doc is referred to weakly: a finished document is not kept alive here.
        """
        last = self._last
        if last is None or last[0]() is not doc or last[1]() is not m:
            last = self._last = weakref.ref(doc), weakref.ref(m), _DocTokens.of(doc, m, self.units)
        return last[2]

    def find(self, doc: Doc, matches: Matches, lo: int, hi: int) -> list[Figure]:
        t = self._tokens(doc, matches)
        out: list[Figure] = []
        after = lo  # a figure's tokens start no other figure
        for i in t.numbers[bisect_left(t.numbers, lo):]:
            if i >= hi:
                break
            if i < after:
                continue
            fig = self._figure_at(t, matches, i, hi)
            if fig is not None:
                out.append(fig)
                after = fig.end
        return out

    def _figure_at(self, t: _DocTokens, m: Matches, i: int, hi: int) -> Figure | None:
        words = t.words
        if self._is_date_part(words, i, hi):
            return None
        first = parse_number(words[i])
        if first is None:
            return None
        j = i + 1
        pct = m.starting_at("percent_signs", j, hi)
        unit_after_first = pct
        if pct:
            j = pct[1]
        # range: N [%] (-|đến) N %
        joiner = m.starting_at("range_joiners", j, hi)
        if joiner and joiner[1] < hi and NUMBER.match(words[joiner[1]]):
            second = parse_number(words[joiner[1]])
            k = joiner[1] + 1
            unit = self._unit_at(t, m, k, hi)
            if second is not None and unit is not None and second > first:
                name, scale, end, noun = unit
                start = self._range_start(m, i)
                return Figure(start, i, end, first * scale, second * scale, name, None, noun)
        if unit_after_first:
            comp, start = self._comparator_before(t, i)
            return Figure(start, i, unit_after_first[1], first, None, "percent", comp)
        unit = self._unit_at(t, m, i + 1, hi)
        comp, start = self._comparator_before(t, i)
        if unit is None and comp == ">=" and i + 1 < hi and words[i + 1].isalpha() \
                and not m.starting_at("not_count_nouns", i + 1, hi):
            unit = "count", 1, i + 1, (i + 1, i + 2)  # "ít nhất 30 học sinh": a floor makes any noun a count
        if unit is None:
            return None
        name, scale, end, noun = unit
        return Figure(start, i, end, first * scale, None, name, comp, noun)

    @staticmethod
    def _unit_at(t: _DocTokens, m: Matches, k: int, hi: int) -> tuple[str, float, int, tuple[int, int] | None] | None:
        """(unit, scale, end of the unit word, count-noun span) for the unit starting at token ``k``."""
        pct = m.starting_at("percent_signs", k, hi)
        if pct:
            return "percent", 1, pct[1], None
        best: tuple[int, UnitWord] | None = None
        for e, word in t.units_from.get(k, ()):
            if e <= hi and (best is None or e > best[0]):  # the longest; of equals, the first label
                best = (e, word)
        if best:
            return best[1].unit, best[1].scale, best[0], None
        noun = m.starting_at("count_nouns", k, hi)
        if noun:
            return "count", 1, k, noun
        return None

    @staticmethod
    def _comparator_before(t: _DocTokens, i: int) -> tuple[str | None, int]:
        """The longest comparator wording ending right before token ``i``."""
        return t.comparators.get(i, (None, i))

    @staticmethod
    def _range_start(m: Matches, i: int) -> int:
        """A range may open with "từ": include it in the figure."""
        span = m.ending_at("comparator_before:>=", i)
        return span[0] if span else i

    @staticmethod
    def _is_date_part(words: list[str], i: int, hi: int) -> bool:
        """Numbers of "25/2/2023", "23-3", "12/03/2026 15:40" are not figures."""
        nxt = words[i + 1] if i + 1 < hi else ""
        prev = words[i - 1] if i > 0 else ""
        if nxt in {"/", ":"} or prev in {"/", ":"}:
            return True
        if nxt == "-" and i + 2 < hi and NUMBER.match(words[i + 2]):
            after = words[i + 3] if i + 3 < len(words) else ""
            return after not in {"%"} and not after.isalpha()
        return prev == "-" and i >= 2 and NUMBER.match(words[i - 2]) is not None and (i + 1 >= hi or not words[i + 1].isalpha())
