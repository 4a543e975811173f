"""Normalise for matching, without ever touching the document text.

Rules match against a *view* of the text: lower-cased, tone marks placed one way
("hoá" → "hóa", "thuỷ" → "thủy"), abbreviations expanded ("TNGT" → "tai nạn
giao thông"), dashes unified and spaces collapsed.  ``MatchView`` keeps, for
every view character, the document offset it came from, so any span found in
the view maps back to exact document offsets in one place: ``MatchView.to_doc``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain

TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}  # huyền, sắc, ngã, hỏi, nặng
_VOWELS = set("aăâeêioôơuưy")
_WORD = re.compile(r"\w+")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_QUOTES = dict.fromkeys(map(ord, "\u201c\u201d\u201e\u00ab\u00bb"), '"') | dict.fromkeys(map(ord, "\u2018\u2019"), "'")
_SPACE = re.compile(r"[^\S\n]+")


@lru_cache(maxsize=1 << 16)
def _fold_syllable(word: str) -> str:
    """Move a tone mark from the 2nd to the 1st vowel of an open oa/oe/uy rhyme.

    Old-style spellings put the tone on the last vowel ("hoá", "thuỷ"); the form
    used across this project's data puts it on the first ("hóa", "thủy").  Closed
    syllables ("hoàn") and "qu" + "y" ("quý") are spelled one way only.
    """
    nfd = unicodedata.normalize("NFD", word)
    tone = next((c for c in nfd if c in TONES), None)
    if tone is None:
        return word
    bare = nfd.replace(tone, "")
    low = unicodedata.normalize("NFC", bare).lower()
    m = re.fullmatch(r"([^aăâeêioôơuưy]*)(oa|oe|uy)", low)
    if not m or m.group(1).endswith("q") or (m.group(2) == "uy" and m.group(1) == "g"):
        return word
    # Rebuild: tone after the first vowel of the rhyme, nothing else changed.
    chars = list(unicodedata.normalize("NFC", bare))
    i = len(m.group(1))
    chars[i] = unicodedata.normalize("NFC", chars[i] + tone)
    return "".join(chars)


def _letters_on(bases: str) -> str:
    """Every character whose canonical decomposition starts with one of ``bases`` ("ó" → "o")."""
    return "".join(c for c in map(chr, range(0x2200)) if unicodedata.normalize("NFD", c)[:1] in set(bases))


# Only a word ending in an o/u-based letter and an a/e/y-based letter can end in an open
# oa/oe/uy rhyme; every other word is left as it is without being looked at.  (The letters
# with such decompositions all lie below U+2200; tests/test_fast_view.py checks that.)
_FOLDABLE = re.compile(rf"[{_letters_on('oOuU')}][{_letters_on('aAeEyY')}](?!\w)")


def fold_tone_marks(text: str) -> str:
    """Unify tone-mark placement word by word; the length never changes.

    The regex finds the ends of the words that may change, each is read back
    to its start, so the search runs at C speed and Python sees few words.
    """
    parts: list[str] = []
    pos = 0
    for m in _FOLDABLE.finditer(text):
        start = m.start()
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):  # the regex's \w
            start -= 1
        word = text[start:m.end()]
        folded = _fold_syllable(word)
        if folded != word:
            parts += (text[pos:start], folded)
            pos = m.end()
    return "".join(parts) + text[pos:] if parts else text


@lru_cache(maxsize=2)
def fold_document(text: str) -> str:
    """``fold_tone_marks`` of a whole document, remembered: its matching view and its names copy both start here."""
    return fold_tone_marks(text)


def strip_marks(text: str) -> str:
    """Vietnamese without diacritics ("Đắk Lắk" → "Dak Lak"), for loose lookups."""
    nfd = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in nfd if not unicodedata.combining(c))


def loose_key(text: str) -> str:
    """A spelling-insensitive key: no marks, no case, letters and digits only."""
    return re.sub(r"[^0-9a-z]+", "", strip_marks(text).lower())


@lru_cache(maxsize=1 << 14)  # indicators recur across sentences and documents
def norm_phrase(text: str) -> str:
    """Canonical matching form of a short phrase (lexicon entries, indicators)."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES).translate(_QUOTES)
    return _SPACE.sub(" ", fold_tone_marks(text).lower()).strip()


@dataclass(frozen=True)
class MatchView:
    """A normalised copy of a text plus the map back to document offsets.

    ``starts[i]`` is the document offset of view character ``i``; ``ends[i]`` is
    the document offset just after it.  An expansion maps all its characters to
    the span of the abbreviation it replaced.
    """

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def to_doc(self, start: int, end: int) -> tuple[int, int]:
        """Document ``[start, end)`` covering view ``[start, end)``."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else (self.ends[-1] if self.ends else 0)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def select(self, ranges: list[tuple[int, int]]) -> "MatchView":
        """The view of only these view ranges (ascending, disjoint), still mapping to document offsets."""
        if len(ranges) == 1 and ranges[0] == (0, len(self.text)):
            return self
        return MatchView("".join(self.text[a:b] for a, b in ranges),
                         tuple(chain.from_iterable(self.starts[a:b] for a, b in ranges)),
                         tuple(chain.from_iterable(self.ends[a:b] for a, b in ranges)))


def build_view(text: str, abbreviations: Mapping[str, str]) -> MatchView:
    """Build the matching view of ``text``.

    ``abbreviations`` maps an abbreviation exactly as written ("TNGT", "TP.HCM")
    to its expansion; matches are whole words only.

    The offset maps are built a stretch at a time: between abbreviations the
    view is the text lower-cased with horizontal whitespace runs collapsed, so
    it maps one-to-one except at runs of two or more blanks.  A stretch whose
    lower-casing changes its length (rare letters such as "İ") goes through the
    character-by-character path.
    """
    folded = _unify_marks(fold_document(text))
    keys = tuple(sorted(abbreviations, key=len, reverse=True))
    parts: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _abbreviations_in(folded, keys):
        _plain_stretch(folded, pos, m.start(), parts, starts, ends)
        _piece(abbreviations[m.group(0)].lower(), m.start(), m.end(), parts, starts, ends)
        pos = m.end()
    _plain_stretch(folded, pos, len(folded), parts, starts, ends)
    return MatchView("".join(parts), tuple(starts), tuple(ends))


_BLANK_RUN = re.compile(r"[^\S\n]{2,}")
_ODD_BLANK = re.compile(r"[^\S\n ]")  # a blank other than " " (tab, no-break space …)
_WIDE = {c: chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)}  # full-width forms: "95％" is "95%"
_MARKS = _DASHES | _QUOTES | _WIDE  # disjoint, and no replacement is itself replaced: one pass does all
_MARK = re.compile("[" + "".join(re.escape(chr(c)) for c in _MARKS) + "]")
_GROUP_BLANKS = "\u00a0\u202f\u2009"  # no-break, narrow no-break and thin spaces
_GROUP_BLANK = re.compile(f"(?<=\\d)[{_GROUP_BLANKS}](?=\\d{{3}}(?!\\d))")  # "1 500 vụ": a thousands separator


def _unify_marks(text: str) -> str:
    """``text.translate(_DASHES | _QUOTES | _WIDE)`` (``str.translate`` goes through a dict per character), and
    a blank between digit groups that no line break may split written as the full stop that separates them."""
    text = _MARK.sub(lambda m: _MARKS[ord(m.group())], text)
    return _GROUP_BLANK.sub(".", text) if any(c in text for c in _GROUP_BLANKS) else text


def _piece(piece: str, s: int, e: int, parts: list[str], starts: list[int], ends: list[int]) -> None:
    """Append a view piece standing for document ``[s, e)``: one-to-one when lengths agree, else all of it."""
    if not piece:
        return
    parts.append(piece)
    if len(piece) == e - s:
        starts.extend(range(s, e))
        ends.extend(range(s + 1, e + 1))
    else:
        starts.extend([s] * len(piece))
        ends.extend([e] * len(piece))


def _plain_stretch(text: str, start: int, end: int, parts: list[str], starts: list[int], ends: list[int]) -> None:
    """Lower-case and collapse horizontal whitespace runs in ``text[start:end]``."""
    chunk = text[start:end]
    low = chunk.lower()
    if len(low) != len(chunk):  # some letter lower-cases to two characters: go letter by letter
        for piece, s, e in _plain(text, start, end):
            _piece(piece, s, e, parts, starts, ends)
        return
    at = 0  # between runs of two or more blanks every blank stands alone: it becomes " " in place
    for m in _BLANK_RUN.finditer(low):
        _piece(_ODD_BLANK.sub(" ", low[at:m.start()]), start + at, start + m.start(), parts, starts, ends)
        _piece(" ", start + m.start(), start + m.end(), parts, starts, ends)
        at = m.end()
    _piece(_ODD_BLANK.sub(" ", low[at:]), start + at, end, parts, starts, ends)


def _plain(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Lower-case and collapse horizontal whitespace runs in ``text[start:end]``, piece by piece."""
    out: list[tuple[str, int, int]] = []
    pos = start
    for m in _SPACE.finditer(text, start, end):
        out.extend(_lower_chars(text, pos, m.start()))
        out.append((" ", m.start(), m.end()))
        pos = m.end()
    out.extend(_lower_chars(text, pos, end))
    return out


def _lower_chars(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    chunk = text[start:end]
    low = chunk.lower()
    if len(low) == len(chunk):
        return [(low, start, end)] if chunk else []
    return [(c.lower() if len(c.lower()) == 1 else c, start + i, start + i + 1) for i, c in enumerate(chunk)]


def whole_words(words: Iterable[str], boundary: str = r"\w", open_end: Callable[[str], bool] = lambda w: False) -> str:
    """A regex of literal ``words`` (in the order given: first match wins), none after or before a ``boundary``
    character ("TP" in "TP.HCM" but not in "CTP"); a word for which ``open_end`` is true may run into the next.

    Each branch opens with its first letter and looks back past it for the
    character before, so the regex opens with a character class and the engine
    jumps from one possible first letter to the next at C speed.  A look-behind
    first would be tried at every position of the text, many times slower.
    """
    def branch(word: str) -> str:
        end = "" if open_end(word) else f"(?!{boundary})"
        return f"{re.escape(word[0])}(?<!{boundary}.){re.escape(word[1:])}{end}"
    return "|".join(branch(w) for w in words if w) or "(?!)"


_REGEX_CACHE: dict[tuple[str, ...], re.Pattern[str]] = {}


def _abbreviations_in(text: str, keys: tuple[str, ...]) -> Iterator[re.Match[str]]:
    """Whole-word matches of ``keys`` in ``text``, in the order keys are tried."""
    pattern = _REGEX_CACHE.get(keys)
    if pattern is None:
        pattern = _REGEX_CACHE[keys] = re.compile(whole_words(fold_tone_marks(k) for k in keys))
    return pattern.finditer(text)
