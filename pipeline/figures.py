"""Figures: numbers with their unit, range and comparator, found on ViewDoc tokens.

A figure is what a target's value is read from: "ít nhất 5%", "từ 3 đến 5%",
"3% - 5%", "50 đối tượng … trở lên", "tối đa 45 phút", "1.150 tỷ đồng".  Which
words count as comparators or units is data (``patterns/lexicon.json``,
``patterns/units_of_measure.json``); this module holds the mechanism only.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any


from .nlp import Matches, ViewDoc

NUMBER = re.compile(r"^\d+(?:[.,]\d+)*$")
_NUMBER_TOKENS = "figures.number_tokens"  # its key in Doc.user_data
ROW_UNITS = "figures.row_units"  # Doc.user_data: table rows whose unit is a column of its own
RowUnit = tuple[int, int, str, float]  # (first token, end token, unit, scale)
_CLOCK_HOUR = re.compile(r"[01]?\d|2[0-4]")
_CLOCK_MINUTE = re.compile(r"[0-5]\d")
COMPARATORS = (">=", ">", "<=", "<")
DEADLINE_UNITS = frozenset({"minute", "hour", "day", "month"})
# units_of_measure.json: "gấp 2 lần", "4/5 số", "08 giờ 45"
FIGURE_SHAPE_LABELS = ("multiple_markers", "multiple_nouns", "share_nouns", "clock_words")
_CLAUSE_ENDS = frozenset({".", ";"})
MAGNITUDE = "magnitude:"  # lexicon labels of magnitude words ("magnitude:triệu")
UnitRead = tuple[str, float, int, "tuple[int, int] | None"]  # (unit, scale, end of its words, count-noun span)
_COMPARATOR_LABELS = tuple((comp, f"comparator_before:{comp}") for comp in COMPARATORS)


@dataclass(frozen=True)
class UnitWord:
    unit: str
    scale: float = 1
    after_fraction: bool = False  # a unit only after a number with a decimal part: "tăng 0,2 điểm" (score points)


@dataclass
class Figure:
    """Token positions are ViewDoc indices; ``start`` includes a comparator before the number."""

    start: int
    number_start: int
    end: int  # after the number(s) and their unit word (count nouns excluded)
    value: float
    value_max: float | None
    unit: str
    comparator: str | None  # as written before the figure, or None
    count_noun: tuple[int, int] | None = None
    deadline: bool = False  # "trong vòng 24 giờ": a limit only where the clause pledges nothing else

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


def _years(first: float, second: float | None) -> bool:
    """Two numbers that read as a span of years: "2023 - 2024"."""
    return second is not None and all(v.is_integer() and 1900 <= v <= 2100 for v in (first, second))


def as_number(value: float) -> int | float:
    """JSON-friendly: 5.0 → 5, 7.5 stays 7.5."""
    return int(value) if float(value).is_integer() else value


def number_tokens(doc: ViewDoc) -> list[int]:
    """Indices of the Doc's number tokens, found once per Doc (kept in ``Doc.user_data``): the rules
    look for figures clause by clause, and most tokens are words."""
    found = doc.user_data.get(_NUMBER_TOKENS)
    if found is None:
        found = doc.user_data[_NUMBER_TOKENS] = [i for i, w in enumerate(doc.words) if w[:1].isdigit() and NUMBER.match(w)]
    return found


_SPELLED = "figures.spelled_numbers"  # its key in Doc.user_data


@dataclass(frozen=True)
class NumberWords:
    """Numbers written in words ("chín mươi lăm", "một trăm linh năm"), read on view tokens.

    Read up to the hundreds: a magnitude after them ("hai trăm triệu đồng") is
    a unit's business, as after digits.  ``multiples`` ("đôi") are numbers only
    after a multiple marker ("gấp đôi").
    """

    digits: Mapping[str, int]
    after_tens: Mapping[str, int]
    ten: str
    tens: str
    hundred: str
    zero_fillers: frozenset[str]
    multiples: Mapping[str, int]
    homographs: frozenset[str]
    shares: Mapping[str, int]

    @classmethod
    def of(cls, data: Mapping[str, Any], fold: Callable[[str], str] = str.lower) -> NumberWords:
        """From ``units_of_measure.json``'s "number_words", spelled as the matching view spells them."""
        def folded(words: Mapping[str, int]) -> dict[str, int]:
            return {fold(w): v for w, v in words.items()}
        return cls(folded(data["digits"]), folded(data["after_tens"]), fold(data["ten"]), fold(data["tens"]),
                   fold(data["hundred"]), frozenset(map(fold, data["zero_fillers"])), folded(data["multiples"]),
                   frozenset(map(fold, data["homographs"])), folded(data["shares"]))

    @cached_property
    def openers(self) -> frozenset[str]:
        """The words a spelled number may start with."""
        return frozenset({*self.digits, self.ten, *self.multiples})

    @cached_property
    def words(self) -> frozenset[str]:
        """Every word of a spelled number."""
        return self.openers | {*self.after_tens, self.tens, self.hundred, *self.zero_fillers, *self.shares}

    def read(self, words: Sequence[str], i: int) -> tuple[float, int] | None:
        """(value, end token) of the number spelled from token ``i``, or None."""
        digits, n, pos, value = self.digits, len(words), i, 0
        word = words[i]
        if word in self.multiples:
            return self.multiples[word], i + 1
        nxt = words[i + 1] if i + 1 < n else ""
        if word in digits and nxt == self.hundred:
            value, pos = digits[word] * 100, i + 2
        word, nxt = (words[pos] if pos < n else ""), (words[pos + 1] if pos + 1 < n else "")
        if word == self.ten or (word in digits and nxt == self.tens):
            value += 10 if word == self.ten else digits[word] * 10
            pos += 1 if word == self.ten else 2
            if pos < n and words[pos] in self.after_tens:
                value, pos = value + self.after_tens[words[pos]], pos + 1
        elif value and word in self.zero_fillers and nxt in digits:  # "một trăm linh năm"
            value, pos = value + digits[nxt], pos + 2
        elif pos == i and word in digits:
            value, pos = digits[word], i + 1
        return (value, pos) if pos > i else None

    def spelled(self, doc: ViewDoc) -> dict[int, tuple[float, int]]:
        """Every number spelled in the Doc, by first token (kept in ``Doc.user_data``)."""
        found = doc.user_data.get(_SPELLED)
        if found is None:
            found = doc.user_data[_SPELLED] = {}
            words, end, openers = doc.words, 0, self.openers
            for i, w in enumerate(words):
                if i >= end and w in openers and (number := self.read(words, i)) is not None:
                    found[i] = number
                    end = number[1]
        return found


class FigureFinder:
    """Finds figures in a token range using the lexicon matches of the ViewDoc."""

    def __init__(self, units: dict[str, UnitWord], magnitudes: dict[str, float] | None = None,
                 per_units: dict[str, str] | None = None, number_words: NumberWords | None = None) -> None:
        self.units = units  # label "unit:<phrase>" → UnitWord
        self.magnitudes = magnitudes or {}  # label "magnitude:<word>" → its factor ("magnitude:triệu" → 1000000)
        self.per_units = per_units or {}  # label "per:<phrase>" → the unit a rate is per ("per:ha" → "hectare")
        self.number_words = number_words

    def find(self, doc: ViewDoc, matches: Matches, lo: int, hi: int) -> list[Figure]:
        words = doc.words
        out: list[Figure] = []
        after = lo  # a figure's tokens start no other figure
        numbers = number_tokens(doc)
        numbers = numbers[bisect_left(numbers, lo):bisect_left(numbers, hi)]
        spelled = self.number_words.spelled(doc) if self.number_words else {}
        if spelled:
            numbers = sorted({*numbers, *(i for i in spelled if lo <= i < hi)})
        rows: list[RowUnit] = doc.user_data.get(ROW_UNITS, [])
        for i in numbers:
            if i < after:
                continue
            row = next(((unit, scale) for start, end, unit, scale in rows if start <= i < end), None)
            fig = self._figure_at(words, matches, i, hi, row, spelled)
            if fig is not None:
                out.append(fig)
                after = fig.end
        return out

    def _figure_at(self, words: list[str], m: Matches, i: int, hi: int,
                   row: tuple[str, float] | None = None,
                   spelled: Mapping[int, tuple[float, int]] | None = None) -> Figure | None:
        """The figure at number token ``i``; ``row``: the unit its table row gives, if any; ``spelled``: the
        numbers written in words, by first token."""
        spelled = spelled or {}
        in_words = self.number_words if i in spelled else None  # the number is written in words
        if i in spelled:
            first, j = spelled[i]
            if j > hi:
                return None
        elif (share := self._share_at(words, m, i, hi)) is not None:
            return share
        elif self._is_date_part(words, i, hi) or self._is_clock(words, m, i, hi) or (first := parse_number(words[i])) is None:
            return None
        else:
            j = i + 1
        multiple = m.ending_at("multiple_markers", i)
        if multiple and (times := m.starting_at("multiple_nouns", j, hi)):  # "gấp 1,5 lần"
            return Figure(multiple[0], i, times[1], first, None, "times", None)
        if multiple and in_words:  # "gấp đôi", "gấp ba"
            return Figure(multiple[0], i, j, first, None, "times", None)
        if in_words and words[i] in in_words.multiples:
            return None  # "đôi" is a number only after "gấp"
        if in_words and j < hi and (share := in_words.shares.get(words[j])) \
                and m.starting_at("share_nouns", j + 1, hi):  # "một nửa số chi hội"
            comp, start = self._comparator_before(m, i)
            return Figure(start, i, j + 1, first * share, None, "percent", comp)
        number_end = j
        pct = m.starting_at("percent_signs", j, hi)
        unit_after_first = pct
        if pct:
            j = pct[1]
        # range: N [%] (-|đến) N %
        joiner = m.starting_at("range_joiners", j, hi)
        second_at = spelled.get(joiner[1]) if joiner else None
        if joiner and joiner[1] < hi and (second_at or NUMBER.match(words[joiner[1]])):
            second = second_at[0] if second_at else parse_number(words[joiner[1]])
            k = second_at[1] if second_at else joiner[1] + 1
            unit = self._unit_at(words, m, k, hi, "," in words[i] + words[joiner[1]]) or ((*row, k, None) if row else None) \
                or (None if _years(first, second) else self._any_noun(words, m, k, hi))  # "từ 30 đến 40 hợp tác xã"
            # counts what it names; "năm học 2023 - 2024 với …" is a span of years
            if second is not None and unit is not None and second > first:
                name, scale, end, noun = unit
                start = self._range_start(m, i)
                return Figure(start, i, end, first * scale, second * scale, name, None, noun)
        if unit_after_first:
            comp, start = self._comparator_before(m, i)
            return Figure(start, i, unit_after_first[1], first, None, "percent", comp)
        unit = self._unit_at(words, m, number_end, hi, "," in words[i]) or ((*row, number_end, None) if row else None)
        comp, start = self._comparator_before(m, i)
        homograph = bool(in_words) and number_end == i + 1 and words[i] in in_words.homographs  # type: ignore[union-attr]
        if unit is None and comp == ">=" and not homograph:  # "ít nhất 30 học sinh": a floor makes any noun a count
            unit = self._after_magnitude(m, number_end, hi, lambda k: self._any_noun(words, m, k, hi)) \
                or self._any_noun(words, m, number_end, hi)  # "ít nhất 1,5 triệu thửa đất"
        if unit is None and comp and not homograph and (number_end >= hi or words[number_end] in _CLAUSE_ENDS):
            unit = ("count", 1, number_end, None)  # "Thuê bao phát triển mới | Ít nhất 14.000": what its label names
        if unit is None:
            return None
        name, scale, end, noun = unit
        opener = m.ending_at("deadline_openers", i) if comp is None and name in DEADLINE_UNITS else None
        if opener is not None:  # "trong vòng 24 giờ"
            comp, start = "<=", opener[0]
        return Figure(start, i, end, first * scale, None, name, comp, noun, opener is not None)

    def _share_at(self, words: list[str], m: Matches, i: int, hi: int) -> Figure | None:
        """"4/5 số ấp", "ít nhất 3/4 diện tích": a fraction of a whole, as a percentage."""
        if i + 3 >= hi or words[i + 1] != "/" or (i and words[i - 1] == "/") or not m.starting_at("share_nouns", i + 3, hi):
            return None
        part, whole = words[i], words[i + 2]
        if not (part.isdigit() and whole.isdigit() and 0 < int(part) <= int(whole)):
            return None
        comp, start = self._comparator_before(m, i)
        return Figure(start, i, i + 3, round(100 * int(part) / int(whole), 2), None, "percent", comp)

    def _unit_at(self, words: list[str], m: Matches, k: int, hi: int, fractional: bool = False) -> tuple[str, float, int, tuple[int, int] | None] | None:
        """(unit, scale, end of the unit word, count-noun span) for the unit starting at token ``k``;
        ``fractional``: the number before it has a decimal part."""
        pct = m.starting_at("percent_signs", k, hi)
        if pct:
            return "percent", 1, pct[1], None
        best: tuple[int, UnitWord] | None = None
        for label in m.labels_starting_with("unit:"):
            span = m.starting_at(label, k, hi)
            if span and (best is None or span[1] > best[0]) and (fractional or not self.units[label].after_fraction):  # the longest; of equals, the first label
                best = (span[1], self.units[label])
        if best:
            unit, end = self._per(words, m, best[1].unit, best[0], hi)
            return unit, best[1].scale, end, None
        noun = m.starting_at("count_nouns", k, hi)
        if noun:
            return "count", 1, k, noun
        # "8,2 triệu tấn", "50 triệu lượt"
        return self._after_magnitude(m, k, hi, lambda after: self._unit_at(words, m, after, hi, fractional))

    def _after_magnitude(self, m: Matches, k: int, hi: int, read: Callable[[int], UnitRead | None]) -> UnitRead | None:
        """The unit ``read`` finds after a magnitude word at token ``k`` ("triệu"), scaled by it."""
        magnitude = _labelled(m, MAGNITUDE, k, hi)
        if magnitude and (after := read(magnitude[1])) is not None:
            name, scale, end, noun = after
            return name, scale * self.magnitudes[magnitude[0]], max(end, magnitude[1]), noun
        return None

    def _per(self, words: list[str], m: Matches, unit: str, end: int, hi: int) -> tuple[str, int]:
        """A rate's unit and where it ends: "tấn/ha" → "tonne/hectare", "đồng/người/tháng" → "vnd/person/month"."""
        while end + 1 < hi and words[end] == "/" and (per := _labelled(m, "per:", end + 1, hi)) is not None:
            unit, end = f"{unit}/{self.per_units[per[0]]}", per[1]
        return unit, end

    @staticmethod
    def _any_noun(words: list[str], m: Matches, k: int, hi: int) -> tuple[str, float, int, tuple[int, int]] | None:
        """A count of the word at ``k``, quoted or not ("20 “Mái ấm tình thương”"), unless it never counts."""
        noun = k + 1 if k + 1 < hi and words[k] == '"' else k
        if noun < hi and words[noun].isalpha() and not m.starting_at("not_count_nouns", noun, hi) \
                and not m.starting_at("range_joiners", noun, hi):
            return "count", 1, k, (k, noun + 1)
        return None

    @staticmethod
    def _comparator_before(m: Matches, i: int) -> tuple[str | None, int]:
        """The longest comparator wording ending right before token ``i``; of equals, the first in ``COMPARATORS``."""
        best: tuple[str, int] | None = None
        for comp, label in _COMPARATOR_LABELS:
            span = m.ending_at(label, i)
            if span and (best is None or span[0] < best[1]):
                best = (comp, span[0])
        return best or (None, i)

    @staticmethod
    def _range_start(m: Matches, i: int) -> int:
        """A range may open with "từ": include it in the figure."""
        span = m.ending_at("comparator_before:>=", i)
        return span[0] if span else i

    def _is_clock(self, words: list[str], m: Matches, i: int, hi: int) -> bool:
        """Hours or minutes of "08 giờ 45": a time of day ("2 giờ 30 phút" is a duration)."""
        after = m.starting_at("clock_words", i + 1, hi)
        if after and after[1] < hi and NUMBER.match(words[after[1]]):
            return self._unit_at(words, m, after[1] + 1, hi) is None
        before = m.ending_at("clock_words", i)
        return bool(before) and before[0] > 0 and NUMBER.match(words[before[0] - 1]) is not None \
            and self._unit_at(words, m, i + 1, hi) is None

    @staticmethod
    def _is_date_part(words: list[str], i: int, hi: int) -> bool:
        """Numbers of "25/2/2023", "23-3", "12/03/2026 15:40", "11-QĐ/HVCTQG" are not figures ("… công dân: 100%" is)."""
        nxt = words[i + 1] if i + 1 < hi else ""
        prev = words[i - 1] if i > 0 else ""
        if "/" in (nxt, prev):
            return True
        if nxt == "-" and i + 2 < len(words) and words[i + 2].isalpha():  # a document's code: "Quy định số 11-QĐ/…"
            return True
        if nxt == ":" or prev == ":":
            hour, minute = (i, i + 2) if nxt == ":" else (i - 2, i)
            return hour >= 0 and minute < hi and _CLOCK_HOUR.fullmatch(words[hour]) is not None \
                and _CLOCK_MINUTE.fullmatch(words[minute]) is not None
        if nxt == "-" and i + 2 < hi and NUMBER.match(words[i + 2]):
            after = words[i + 3] if i + 3 < len(words) else ""
            return after not in {"%"} and not after.isalpha()
        return prev == "-" and i >= 2 and NUMBER.match(words[i - 2]) is not None and (i + 1 >= hi or not words[i + 1].isalpha())


def _labelled(m: Matches, prefix: str, k: int, hi: int) -> tuple[str, int] | None:
    """(label, end) of the first label with ``prefix`` matching at token ``k`` ("per:ha" in "tấn/ha")."""
    for label in m.labels_starting_with(prefix):
        if span := m.starting_at(label, k, hi):
            return label, span[1]
    return None
