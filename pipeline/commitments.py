"""Commitments versus results: which sentences state pledges.

Announcements mix last year's results ("năm 2022 đã kéo giảm 7,5% …") with this
year's pledges.  A sentence is a *result* when its time frame is a year before
the pledge period, it reports ("báo cáo … cho thấy", "Theo báo cáo, …", "đã …")
or it is another article's dated headline; a *commitment*
when it carries a pledge cue ("phấn đấu", "cam kết", "chỉ tiêu" …) or frames the
pledge year.  Sentences with neither take the mode of the sentence before them
in the same paragraph; before the text first turns to a pledge, a report goes on
across paragraphs.  Cue words are data in ``patterns/lexicon.json``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal


from .nlp import Matches, ViewDoc, clauses, is_year, item_marker_end, year_frame

Mode = Literal["commitment", "result", "neutral"]
FRAME_WINDOW = 10  # tokens from a sentence start in which "năm 2023" sets its time frame
FRAME_WIDTH = 3  # tokens from a frame's start to its year, at most ("năm học 2023")
CUE_YEAR_WINDOW = 3  # tokens after a cue where "năm 2018" dates it ("giao ước thi đua năm 2018")
RESULT_YEAR_WINDOW = 6  # … after a result cue ("kết quả thực hiện nhiệm vụ năm 2018")
BASELINE_YEAR_WINDOW = 3  # tokens after "so với" where the year compared with is named ("so với cùng kỳ năm 2015")
PAST_FRAME_WINDOW = 3  # "Năm qua," opens the sentence; later it is a baseline ("so với năm trước")
FOREIGN_WORDS = 3  # English function words that make a sentence a summary in English
TOPIC_WINDOW = 24  # tokens of a topic or speaker before its comma and a past frame ("Về công tác truy nã, năm qua …")


@dataclass(frozen=True)
class SentenceSpan:
    start: int  # ViewDoc token index
    end: int
    paragraph: int


def frame_year(doc: ViewDoc, m: Matches, lo: int, hi: int, span_end: bool = True) -> int | None:
    """The year a sentence is framed in: "Năm 2019, …", "Tổng kết năm 2024, …", "…cho thấy, năm 2023 …",
    "Giai đoạn 2011 - 2015, …" (``span_end``: see ``nlp.year_frame``), "Đến năm 2030, …".

    Only a year at the very start or after a framing word counts; "cao hơn năm
    2022" or "so với năm 2022" are comparisons, not frames.
    """
    if not any(map(is_year, doc.words[lo:min(hi, lo + FRAME_WINDOW + FRAME_WIDTH)])):
        return None  # most sentences: no year where a frame could name one
    first = item_marker_end(doc, m, lo, hi)  # "(4) Năm 2020, tỷ lệ này đạt 88,7%."
    for i in range(lo, min(hi - 1, lo + FRAME_WINDOW)):
        frame = year_frame(doc, m, i, hi, span_end)
        if frame is not None:
            return frame[0] if i in (lo, first) or m.ending_at("frame_openers", i) else None
    return None


def as_of_year(doc: ViewDoc, m: Matches, lo: int, hi: int) -> int | None:
    """The year of the date a sentence reports figures as of: "Tính đến 31/12/2023, …", "Theo báo cáo, đến ngày 30/11/2024 …"."""
    words = doc.words
    for i in range(lo, min(hi, lo + FRAME_WINDOW) - 4):
        day, s1, month, s2, year = words[i:i + 5]
        if s1 == s2 == "/" and day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4 \
                and m.ending_at("as_of_openers", i, lo):
            return int(year)
    return None


def _dated_headline(doc: ViewDoc, lo: int, hi: int) -> bool:
    """A link to a related article, as news sites list them under a story: its headline and, in
    brackets, its date ("» Công an huyện X phát động thi đua năm 2023 … (14/02/2023)")."""
    tail = doc.words[max(lo, hi - 7):hi]
    return len(tail) == 7 and tail[0] == "(" and tail[6] == ")" and tail[2] == tail[4] in {"/", "-"} \
        and all(tail[k].isdigit() for k in (1, 3, 5)) and len(tail[5]) == 4


def _dated_before(doc: ViewDoc, m: Matches, at: int, hi: int, period_year: int | None,
                  window: int = CUE_YEAR_WINDOW) -> bool:
    """A year before the pledge period names what a cue is about: "chỉ tiêu giao ước năm 2018", "hội nghị ký
    kết giao ước năm trước"."""
    if m.starting_at("last_year", at, hi):  # right after the cue: "cao hơn năm trước" compares
        return True
    if period_year is None:
        return False
    frames = (year_frame(doc, m, i, hi) for i in range(at, min(hi, at + window)))
    return any(f is not None and f[0] < period_year for f in frames)


def _compares_with_before(doc: ViewDoc, m: Matches, lo: int, hi: int, period_year: int) -> bool:
    """A change measured against a year before the one preceding the pledge period reports an earlier year's
    result: "kéo giảm 6,4% số vụ … so với năm 2015" in a text pledging for 2017 (unless a verb pledges it)."""
    for _, end in m.within("baseline_markers", lo, hi):
        for i in range(end, min(hi, end + BASELINE_YEAR_WINDOW)):
            frame = year_frame(doc, m, i, hi)
            if frame is not None:
                if frame[0] < period_year - 1:
                    return True
                break
    return False


def _past_frame(doc: ViewDoc, lo: int, at: int) -> bool:
    """A past frame at ``at`` frames the sentence opening at ``lo``: it opens it ("Năm qua, …"), follows the
    comma after a topic or a speaker with no figure but years ("Trong công tác truy nã, năm qua Khối bắt …",
    "Lãnh đạo Cụm trưởng năm 2017 cho biết, năm qua …") or opens what a colon
    introduces ("… báo cáo: năm qua, 5 chi nhánh …")."""
    return at <= lo + PAST_FRAME_WINDOW or doc.words[at - 1] == ":" \
        or (at <= lo + TOPIC_WINDOW and doc.words[at - 1] == ","
            and not any(w[:1].isdigit() and not is_year(w) for w in doc.words[lo:at]))


def _has(m: Matches, label: str, lo: int, hi: int) -> bool:
    return bool(m.within(label, lo, hi))


def _inside(span: tuple[int, int], others: list[tuple[int, int]]) -> bool:
    return any(o[0] <= span[0] < o[1] for o in others)


def sentence_mode(doc: ViewDoc, m: Matches, s: SentenceSpan, period_year: int | None, zero_cues: bool = True) -> Mode:
    """Mode of one sentence on its own evidence.

    ``zero_cues=False`` leaves out the cues of a zero trigger ("không để"): a
    clause of a report may say what was kept from happening.
    """
    if _dated_headline(doc, s.start, s.end):
        return "result"  # another article's pledges are not this text's
    if len(m.within("foreign_words", s.start, s.end)) >= FOREIGN_WORDS:
        return "result"  # an English summary restates the pledge the Vietnamese text states
    if _has(m, "scoring_words", s.start, s.end):
        return "result"  # "Chấm theo thang điểm 100; mỗi chỉ tiêu không đạt trừ từ 2 đến 5 điểm": how it is scored
    year = frame_year(doc, m, s.start, s.end)
    if year is not None and period_year is not None and year < period_year:
        return "result"
    if any(_past_frame(doc, s.start, start) for start, _ in m.within("past_frames", s.start, s.end)):
        return "result"  # "Năm qua, …", "6 tháng đầu năm, …": a report, with or without "đã"
    if period_year is not None and _compares_with_before(doc, m, s.start, s.end, period_year) \
            and not _has(m, "pledge_verbs", s.start, s.end):
        return "result"  # "Các đơn vị kéo giảm 6,4% … so với năm 2015, trong khi giao ước chỉ đặt mức …"
    if m.starting_at("report_openers", item_marker_end(doc, m, s.start, s.end), s.end):
        return "result"  # "Theo báo cáo, 6 tháng đầu năm 2025, …": figures read from a report
    if _reports(m, s.start, s.end) and _has(m, "past_markers", s.start, s.end):
        return "result"
    not_cues = m.within("achieved_cues", s.start, s.end) + m.within("cue_lookalikes", s.start, s.end)
    if not zero_cues:
        not_cues += m.within("zero_triggers", s.start, s.end)
    cues = [c for c in m.within("commitment_cues", s.start, s.end) if not _inside(c, not_cues)]
    if any(_dated_before(doc, m, c[1], s.end, period_year) for c in cues):
        return "result"  # a past pledge's sentence ("Tại hội nghị ký kết giao ước năm trước, … đã cam kết …")
    if cues or (year is not None and year == period_year):
        return "commitment"
    if _has(m, "achieved_cues", s.start, s.end):
        return "result"  # "tỷ lệ giải quyết đạt 91,3%, vượt chỉ tiêu giao ước năm 2018": measured against a pledge
    if any(_dated_before(doc, m, end, s.end, period_year, RESULT_YEAR_WINDOW)
           for _, end in m.within("result_cues", s.start, s.end)):
        return "result"  # "Căn cứ kết quả thực hiện nhiệm vụ năm 2018: kiểm sát 100% tin báo …"
    as_of = as_of_year(doc, m, s.start, s.end)
    if as_of is not None and period_year is not None and as_of < period_year:
        return "result"  # "Theo báo cáo, đến 31/12/2023, tổng nguồn vốn đạt …"
    return "neutral"


COMPARED_REACH = 3  # words between a comparison and the results it is made with ("cao hơn kết quả đã đạt được")
COMPARED_BY = ("baseline_markers", "increase_verbs", "decrease_verbs", *(f"comparator_before:{c}" for c in (">=", ">", "<=", "<")))


def _reports(m: Matches, lo: int, hi: int) -> bool:
    """A result cue in ``[lo, hi)`` that is not what a pledge is measured against ("cao hơn kết quả đã đạt được")."""
    return any(not any(m.ending_at(label, k) for label in COMPARED_BY for k in range(max(lo, start - COMPARED_REACH), start + 1))
               for start, _ in m.within("result_cues", lo, hi))


def sentence_modes(doc: ViewDoc, m: Matches, sentences: list[SentenceSpan], period_year: int | None) -> list[Mode]:
    """Modes of all sentences, neutral ones inheriting within their paragraph."""
    modes: list[Mode] = []
    for k, s in enumerate(sentences):
        reporting = bool(k) and sentences[k - 1].paragraph == s.paragraph and modes[-1] == "result"
        # in a report's paragraph, "không để xảy ra …" says what was kept from happening
        mode = sentence_mode(doc, m, s, period_year, zero_cues=not reporting)
        if mode == "neutral" and k and (sentences[k - 1].paragraph == s.paragraph or _bulleted(doc, m, s)
                                        or _table_row(doc, s)):
            mode = modes[-1]  # within a paragraph, or down a bulleted list or a table under its heading
        elif k and sentences[k - 1].paragraph == s.paragraph and m.starting_at("same_frame_openers", s.start, s.end):
            mode = modes[-1]  # "Năm 2022, … Trong năm, các đơn vị không để xảy ra …": still that year's report
        if mode == "neutral" and "commitment" not in modes and "result" in modes:
            mode = "result"  # a report goes on until the text first turns to the pledge
        modes.append(mode)
    return modes


def pledged_clauses(doc: ViewDoc, m: Matches, s: SentenceSpan, period_year: int | None) -> list[tuple[int, int]]:
    """The clauses of a result sentence that turn to the pledge: "Năm 2023 đạt 85%; năm 2024 phấn đấu đạt 90%"."""
    return [c for c in clauses(doc, s.start, s.end)[1:]
            if sentence_mode(doc, m, SentenceSpan(c[0], c[1], s.paragraph), period_year, zero_cues=False) == "commitment"]


def _bulleted(doc: ViewDoc, m: Matches, s: SentenceSpan) -> bool:
    """A list item: "- Giảm …", "+ …", "2. …", "a) …"."""
    return item_marker_end(doc, m, s.start, s.end) > s.start


def reported(doc: ViewDoc, m: Matches, s: SentenceSpan, at: int, period_year: int | None,
             others: Iterable[tuple[int, int]] = ()) -> bool:
    """``is_past`` for the figure at token ``at``, in its clause or in the clauses of its sentence before it that
    it goes on with: "5 trung tâm đã tiếp nhận 21.386 hồ sơ; tỷ lệ hồ sơ trực tuyến đạt 64,7%" reports both
    figures.  A clause with a cue or a time frame of its own stops the search ("…; năm 2026 phấn đấu đạt 90%")."""
    if not m.within("past_markers", s.start, at):
        return False  # most figures: no "đã" before them in their sentence
    others = list(others)
    *earlier, (lo, hi) = [c for c in clauses(doc, s.start, s.end) if c[0] <= at]
    if is_past(m, lo, at, others):
        return True
    if not earlier or not m.within("past_markers", earlier[0][0], earlier[-1][1]):
        return False  # most figures: no earlier clause reports
    def own_mode(c_lo: int, c_hi: int) -> bool:
        return sentence_mode(doc, m, SentenceSpan(c_lo, c_hi, s.paragraph), period_year, zero_cues=False) != "neutral"

    if own_mode(lo, hi):
        return False
    for c_lo, c_hi in reversed(earlier):
        if is_past(m, c_lo, c_hi, others):
            return True
        if own_mode(c_lo, c_hi):
            return False
    return False


def _table_row(doc: ViewDoc, s: SentenceSpan) -> bool:
    """A row of a table: its cells are tab-separated in the text (``segment.Layout.tabbed``)."""
    start, end = doc.doc_offsets(s.start, s.end)
    return "\t" in doc.text_original[start:end]


def is_past(m: Matches, lo: int, hi: int, others: Iterable[tuple[int, int]] = ()) -> bool:
    """"đã" before a figure in its clause marks a reported result.

    "đã kéo giảm 7,5%" reports; "đã thống nhất kéo giảm 5%" pledges: a commitment
    cue after the "đã" means the figure is what was agreed, not what was done.
    An "đã" inside the words of another target (``others``) qualifies its noun:
    "hoàn thành 100% kế hoạch thanh tra đã được phê duyệt, trong đó ít nhất 15% …".
    """
    others = list(others)
    for start, end in m.within("past_markers", lo, hi):
        if any(a <= start < b for a, b in others):
            continue
        if not m.within("commitment_cues", end, hi) and not m.within("signing_verbs", end, hi):
            return True
    return False
