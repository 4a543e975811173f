"""Prefilter: which lines of a document can hold a target, decided before any NLP runs.

A target hangs on an anchor (``targets.TargetFinder``): a figure — a number
followed by a percent sign, a range joiner, a unit word or a count noun, or a
number after a floor ("ít nhất 30 học sinh": then any noun counts), see
``figures.FigureFinder`` — a zero trigger ("không để xảy ra"), or, for a
commitment with no figure, a direction verb ("kéo giảm").  One compiled regular
expression, built from those lexicon phrases (``patterns/lexicon.json``,
``patterns/units_of_measure.json``) in their matching-view spelling, finds the
places where such an anchor may be; it errs on the side of yes, never of no.

Only lines (paragraphs) with such a place, and the line before each, go into
the spaCy ``ViewDoc``, the lexicon matcher, the sentence splitter and the target
rules.  Whole lines are kept because a sentence's commitment/result mode can
come from the sentence before it in the same paragraph, or from the heading
line above a bulleted list.  The events stage reads the whole text
(regular expressions, no NLP) and is not filtered.

``Extractor(prefilter=False)`` turns it off; ``tests/test_prefilter.py`` checks
that it changes no result.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Container, Iterable, Mapping, Sequence


from .figures import MAGNITUDE, NumberWords
from .nlp import NLP, TOKEN, ViewDoc
from .segment import Segment, sentences

# Lexicon labels whose phrases anchor a target on their own (TargetFinder.anchors, TargetFinder._figureless) …
ANCHOR_LABELS = ("zero_triggers", "decrease_verbs", "increase_verbs")
# … and those that make a number a figure when they follow it (FigureFinder._figure_at, FigureFinder._unit_at).
FIGURE_FOLLOWER_LABELS = ("percent_signs", "range_joiners", "count_nouns", "multiple_nouns", "share_nouns")
FIGURE_FOLLOWER_PREFIXES = ("unit:",)
# … and those that make a number a figure when they come before it (a floor, a multiple: FigureFinder._figure_at).
FIGURE_LEADER_LABELS = ("comparator_before:>=", "multiple_markers")

ANCHOR_LINES = "prefilter.anchor_lines"  # Doc.user_data: the lines that may hold an anchor; the others give modes only
HEADING_WORDS = 12  # a heading is no longer ("3.1. Công tác chuyên môn", "NỘI DUNG GIAO ƯỚC NĂM 2021")
_LINE = re.compile(r"[^\n]+")
_ZERO_CELL = re.compile(r"(?:^|\t) *0 *(?:\t|$)")  # a table cell reading "0" pledges a zero (``targets._zero_cell``)


def _token_regex(tokens: Sequence[str]) -> str:
    """A regex that finds ``tokens`` wherever the tokenizer could produce them in a row (and maybe elsewhere).

    Between tokens the view holds nothing or blanks.  A word token (a letter
    first) is whole, so it is not followed by another letter or digit.  Its start
    is not checked: a look-behind in every branch makes the search many times
    slower, and a syllable ending in another one's letters is rare.
    """
    out = r"\s*".join(re.escape(t) for t in tokens)
    last = tokens[-1]
    if re.fullmatch(r"\w+", last) and not last[:1].isdigit():
        out += r"(?!\w)"
    return out


def _shortest(phrases: set[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """Drop a phrase when a shorter one is its beginning: wherever the tokens of
    "không để xảy ra" are, those of "không để" are too."""
    keep: list[tuple[str, ...]] = []
    for p in sorted(phrases, key=len):
        if not any(p[:len(k)] == k for k in keep):
            keep.append(p)
    return keep


def _heading(line: str) -> bool:
    """A heading: a short line ending with a word, not a stop or a colon ("3.1. Công tác chuyên môn")."""
    words = line.split()
    return 0 < len(words) <= HEADING_WORDS and words[-1][-1].isalnum()


class Prefilter:
    """Built once per Extractor from the lexicon phrases (``Lexicon.phrases``)."""

    def __init__(self, nlp: NLP, phrases: Mapping[str, Iterable[str]], number_words: NumberWords | None = None) -> None:
        """``number_words``: numbers may also be spelled ("chín mươi lăm phần trăm")."""
        self.nlp = nlp

        def alternation(labels: Iterable[str]) -> str:
            found = {tuple(TOKEN.findall(nlp.view(p).text)) for label in labels for p in phrases.get(label, ())}
            regexes = [_token_regex(t) for t in _shortest({t for t in found if t})]
            return "|".join(sorted(regexes, key=lambda r: (-len(r), r))) or "(?!)"

        followers = [*FIGURE_FOLLOWER_LABELS, *(k for k in phrases if k.startswith(FIGURE_FOLLOWER_PREFIXES))]
        # a magnitude may come between a number and its follower ("24 triệu tấn")
        magnitude = rf"(?:(?:{alternation(k for k in phrases if k.startswith(MAGNITUDE))})\s*)?"
        number = r"\d"
        if number_words:
            def words(ws: Iterable[str]) -> str:
                return "|".join(sorted(map(re.escape, ws), key=lambda w: (-len(w), w)))
            number = rf"(?:\d|(?:{words(number_words.openers)})(?:\s+(?:{words(number_words.words)}))*(?!\w))"
        self.figure = re.compile(rf"{number}\s*{magnitude}(?:{alternation(followers)})"
                                 rf"|(?:{alternation(FIGURE_LEADER_LABELS)})\s*{number}")
        self.anchor = re.compile(alternation(ANCHOR_LABELS))

    def can_hold_target(self, view_text: str) -> bool:
        """True when this piece of matching-view text may hold a target anchor."""
        return bool(self.figure.search(view_text) or self.anchor.search(view_text))

    def focus(self, text: str, known: dict[str, list[tuple[int, int]]] | None = None,
              kept: Container[int] = ()) -> tuple[ViewDoc, list[Segment]]:
        """A ViewDoc over the lines of ``text`` that may hold a target, and those lines' sentences.

        Lines are kept whole, with the newline after them; offsets still map to the
        document text through the view, and paragraph numbers are the document's.
        ``known`` is passed on to ``segment.sentences``; lines starting at an offset
        in ``kept`` are kept whatever they hold (table rows whose unit is a column of
        its own: "Tỷ lệ hồ sơ giải quyết đúng hạn | % | 100"), and so are table rows with a "0" cell.
        """
        view = self.nlp.view(text)
        starts, n = view.starts, len(view.text)
        lines = [(number, bisect_left(starts, m.start()), bisect_left(starts, m.end()),
                  m.start() in kept or ("\t" in m.group() and bool(_ZERO_CELL.search(m.group()))))
                 for number, m in enumerate(_LINE.finditer(text))]
        lines = [line for line in lines if view.text[line[1]:line[2]].strip()]
        hits = [keep or (hi > lo and bool(self.figure.search(view.text, lo, hi) or self.anchor.search(view.text, lo, hi)))
                for _, lo, hi, keep in lines]
        # a line may take its commitment/result mode from the line before it (a list under its heading), so that
        # line is kept too, and a heading's own heading above it ("3. NỘI DUNG GIAO ƯỚC ⏎ 3.1. Công tác chuyên môn")
        leads = [not hit and k + 1 < len(hits) and hits[k + 1] for k, hit in enumerate(hits)]
        kept_lines = [hit or lead or (k + 1 < len(leads) and leads[k + 1] and _heading(view.text[lines[k + 1][1]:lines[k + 1][2]]))
                      for k, (hit, lead) in enumerate(zip(hits, leads))]
        ranges: list[tuple[int, int]] = []
        keep: set[int] = set()
        for k, (number, lo, hi, _) in enumerate(lines):
            if not kept_lines[k]:
                continue
            keep.add(number)
            hi = hi + 1 if hi < n else hi  # the newline after the line
            if ranges and ranges[-1][1] >= lo - 1 and view.text[ranges[-1][1]:lo].strip() == "":
                ranges[-1] = (ranges[-1][0], hi)
            else:
                ranges.append((lo, hi))
        doc = self.nlp.doc_for(view.select(ranges), text)
        doc.user_data[ANCHOR_LINES] = {number for (number, *_), hit in zip(lines, hits) if hit}
        return doc, sentences(text, keep, known)
