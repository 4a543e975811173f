"""Commitments versus results: which sentences state pledges.

Announcements mix last year's results ("năm 2022 đã kéo giảm 7,5% …") with this
year's pledges.  A sentence is a *result* when its time frame is a year before
the pledge period or it reports ("báo cáo … cho thấy", "đã …"); a *commitment*
when it carries a pledge cue ("phấn đấu", "cam kết", "chỉ tiêu" …) or frames the
pledge year.  Sentences with neither take the mode of the sentence before them
in the same paragraph.  Cue words are data in ``patterns/lexicon.json``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc

from .nlp import Matches, clauses, item_marker_end, year_frame_end

Mode = Literal["commitment", "result", "neutral"]
FRAME_WINDOW = 10  # tokens from a sentence start in which "năm 2023" sets its time frame
PAST_FRAME_WINDOW = 3  # "Năm qua," opens the sentence; later it is a baseline ("so với năm trước")


@dataclass(frozen=True)
class SentenceSpan:
    start: int  # Doc token index
    end: int
    paragraph: int


def frame_year(doc: Doc, m: Matches, lo: int, hi: int) -> int | None:
    """The year a sentence is framed in: "Năm 2019, …", "Tổng kết năm 2024, …", "…cho thấy, năm 2023 …".

    Only a year at the very start or after a framing word counts; "cao hơn năm
    2022" or "so với năm 2022" are comparisons, not frames.
    """
    words = doc._.words
    for i in range(lo, min(hi - 1, lo + FRAME_WINDOW)):
        end = year_frame_end(doc, m, i, hi)
        if end is not None:
            if i == lo or m.ending_at("frame_openers", i):
                return int(words[end - 1])
            return None
    return None


def _has(m: Matches, label: str, lo: int, hi: int) -> bool:
    return bool(m.within(label, lo, hi))


def sentence_mode(doc: Doc, m: Matches, s: SentenceSpan, period_year: int | None) -> Mode:
    """Mode of one sentence on its own evidence."""
    year = frame_year(doc, m, s.start, s.end)
    if year is not None and period_year is not None and year < period_year:
        return "result"
    if any(start <= s.start + PAST_FRAME_WINDOW for start, _ in m.within("past_frames", s.start, s.end)):
        return "result"  # "Năm qua, …", "6 tháng đầu năm, …": a report, with or without "đã"
    if _has(m, "result_cues", s.start, s.end) and _has(m, "past_markers", s.start, s.end):
        return "result"
    achieved = m.within("achieved_cues", s.start, s.end)
    cues = [c for c in m.within("commitment_cues", s.start, s.end) if not any(a[0] <= c[0] < a[1] for a in achieved)]
    if cues or (year is not None and year == period_year):
        return "commitment"
    return "neutral"


def sentence_modes(doc: Doc, m: Matches, sentences: list[SentenceSpan], period_year: int | None) -> list[Mode]:
    """Modes of all sentences, neutral ones inheriting within their paragraph."""
    modes: list[Mode] = []
    for k, s in enumerate(sentences):
        mode = sentence_mode(doc, m, s, period_year)
        if mode == "neutral" and k and (sentences[k - 1].paragraph == s.paragraph or _bulleted(doc, m, s)):
            mode = modes[-1]  # within a paragraph, or down a bulleted list under its heading
        modes.append(mode)
    return modes


def pledged_clauses(doc: Doc, m: Matches, s: SentenceSpan, period_year: int | None) -> list[tuple[int, int]]:
    """The clauses of a result sentence that turn to the pledge: "Năm 2023 đạt 85%; năm 2024 phấn đấu đạt 90%"."""
    return [c for c in clauses(doc, s.start, s.end)[1:]
            if sentence_mode(doc, m, SentenceSpan(c[0], c[1], s.paragraph), period_year) == "commitment"]


def _bulleted(doc: Doc, m: Matches, s: SentenceSpan) -> bool:
    """A list item: "- Giảm …", "+ …", "2. …", "a) …"."""
    return item_marker_end(doc, m, s.start, s.end) > s.start


def is_past(m: Matches, lo: int, hi: int) -> bool:
    """"đã" before a figure in its clause marks a reported result.

    "đã kéo giảm 7,5%" reports; "đã thống nhất kéo giảm 5%" pledges: a commitment
    cue after the "đã" means the figure is what was agreed, not what was done.
    """
    for _, end in m.within("past_markers", lo, hi):
        if not m.within("commitment_cues", end, hi) and not m.within("signing_verbs", end, hi):
            return True
    return False
