"""Events stage: the signing (or launch) an announcement reports.

Reads kind, date (a small date grammar: "ngày 3/3", "Chiều 23-3", "ngày 24
tháng 2 năm 2023", "Từ ngày 25/2 đến ngày 28/2/2023"), venue, organizer,
emulation groups (Cụm/Khối thi đua, Roman numerals too), host (Cụm/Khối
trưởng), period year and slogan.  A date without a year takes it from the
page's publication date, else from the pledge year (a December signing is for
the next year).  Wordings are data in ``patterns/events.json``.
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .models import Unit
from .segment import LIST_MARK
from .units import UPPER, Mention, UnitList, UnitReader, alternation, casefold_headers, opening

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10,
         "XI": 11, "XII": 12, "XIII": 13, "XIV": 14, "XV": 15, "XVI": 16, "XVII": 17, "XVIII": 18, "XIX": 19, "XX": 20}
DM = r"(?P<{p}d>\d{{1,2}})\s*[/.-]\s*(?P<{p}m>\d{{1,2}})(?:\s*[/.-]\s*(?P<{p}y>\d{{4}}))?(?![\d%])"
WORDY = r"(?P<{p}d>\d{{1,2}})\s+tháng\s+(?P<{p}m>\d{{1,2}})(?:\s+năm\s+(?P<{p}y>\d{{4}}))?"
JOINER = re.compile(r"[ \t,]*(?:thuộc[ \t]*|của[ \t]*)?")  # between a group's name and the body it belongs to, on one line
# Ends a venue's name: a stop, or a comma before a capital (a comma inside an expanded
# abbreviation, "phòng cháy, chữa cháy", is followed by a lower-case word).
VENUE_BREAK = re.compile(rf"[.;:\n]|,\s*[{UPPER}]")
HEADER_DATE = re.compile(r"^(?:[^\n\d]{0,20}?)(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*[|,-]?\s*\d{1,2}:\d{2})?"
                         r"(?:\s*\(?GMT[+-]\d{1,2}\)?)?(?:\s*\|[^\n]*)?\s*$", re.M)  # "09/03/2018 16:22 GMT+7", "… | Lượt xem: 412"
# a wire story's dateline: "Đà Nẵng, 9/3 (TTXVN) - Chiều nay, …"
DATELINE = re.compile(rf"^[ \t]*[{UPPER}][^\n,(]{{1,30}},[ \t]*{DM.format(p='a')}[ \t]*(?:\([^()\n]{{2,20}}\)[ \t]*)?[-–]", re.M)
_PLURAL = re.compile(r"(?<![\w/.,])(?:(?i:các)|\d{1,2})[ \t]+$")  # right before a group's head: groups of a kind ("9 Cụm thi đua …")
CLOSING = re.compile(r"\s*\)")  # a bracket closing after blanks
FIELD_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])")  # "02/03/2023" in a time field
HEADER_YEAR = re.compile(r"(?i:năm)\s+((?:19|20)\d\d)\b|\d/((?:19|20)\d\d)\b")  # "Quý I năm 2026", "Số 3/2026"
HEADER_LINES = 6
MIN_TAIL_CHARS = 3  # a member's own part of its name, to be looked for in the text ("Bảo Lộc")
PLAN_TITLE_LINES = 20  # an official document's title comes after its issuers, number, place and date


@dataclass
class DateMention:
    start: int
    day: int
    month: int
    year: int | None
    end_day: int | None = None
    end_month: int | None = None
    end_year: int | None = None


@dataclass
class EventFacts:
    """What the events stage read, before ids are assigned."""

    kind: str
    sentence: tuple[int, int]
    date: dt.date | None
    date_end: dt.date | None
    place: str | None
    organizer: str | None
    groups: list[str]
    host: str | None
    period_year: int | None
    slogan: str | None
    units: list[Unit]
    warnings: list[str]


SIGNING = "pledge_signing"  # the event kind a signing is
FUTURE_WINDOW = 4  # words between a future marker and the event it announces ("sẽ tổ chức ký kết giao ước")
GROUP_NAME_LOWER_WORDS = 10  # "Khối thi đua các doanh nghiệp cấp nước, môi trường đô thị"
GROUP_KIND_WORDS = 2  # "các cơ quan, đơn vị": one kind of body is a word of one or two syllables
BLOC_NAME_LOWER_WORDS = 4  # "Khối Cảnh sát tập trung kéo giảm …" names no bloc; "Khối Xây dựng lực lượng - Hậu cần" does
DEADLINE_REACH = 12  # characters before a date where a deadline's word is looked for ("chậm nhất ")
DIRECTIVE_REACH = 400  # characters back to a request or a time since in the same sentence ("đề nghị …; đồng thời … tổ chức ký kết")


class EventReader:
    def __init__(self, data: Mapping[str, object], units: UnitReader, frames: Iterable[str]) -> None:
        """``frames`` name a year as the time a pledge is for: "năm 2024", "năm học 2024", "giai đoạn 2026 – 2030"."""
        self.data = data
        self.units = units
        frame = alternation(f.lower() for f in frames)
        self.period_year_re = re.compile(rf"(?:{frame})\s+(\d{{4}})")
        self.kinds = [(k["kind"], [c.lower() for c in k["cues"]]) for k in data["kinds"]]  # type: ignore[index]
        self.signing_cues = next(c for k, c in self.kinds if k == SIGNING)
        every = [c for _, cues in self.kinds for c in cues]
        # cue → (other cue, k): the other cue's words from its k-th character on run into the cue's ("ký kết giao
        # ước" and "giao ước thi đua" in "ký kết giao ước thi đua")
        self.overlaps = {c: [(o, k) for o in every if o != c for k in range(1, len(o))
                             if c.startswith(o[k:]) or o[k:].startswith(c)] for c in every}
        future = alternation(data["future_markers"])  # type: ignore[union-attr]
        self.future_re = re.compile(rf"(?<!\w)(?:{future})(?:\s+\w+){{0,{FUTURE_WINDOW}}}\s*$")
        self.directive_re = _earlier_in_sentence([*data["directive_markers"], *data["recalled_frames"]])  # type: ignore[misc]
        recalled = alternation(data["recalled_before"])  # type: ignore[union-attr]
        self.recalled_re = re.compile(rf"(?<!\w)(?:{recalled})(?:\s+\w+)?\s*$")
        self.negated_re = re.compile(rf"(?<!\w)(?:{alternation(data['negations'])})\s+$")  # type: ignore[arg-type]
        self.to_come_re = re.compile(rf"(?:\s+(?:{frame})\s+\d{{4}}(?:\s*[-–]\s*\d{{4}})?)?\s+"
                                     rf"(?:{alternation(data['future_after'])})(?!\w)")  # type: ignore[arg-type]
        signed = alternation(data["recalled_after"])  # type: ignore[union-attr]
        self.signed_re = re.compile(rf"(?:\s+\w+){{0,{FUTURE_WINDOW}}}?\s+(?:{signed})(?!\w)")
        self.review_re = _earlier_in_sentence(data["review_markers"])  # type: ignore[arg-type]
        self.signing_cue = re.compile(rf"(?:{alternation(data['signing_cue_openers'])})(?!\w)")
        labels = alternation(data["time_labels"], fold_case=True)  # type: ignore[arg-type]
        self.signing_field = re.compile(rf"^[ \t]*(?:{LIST_MARK}[ \t]+)?[\"“*]*(?i:{alternation(data['signing_fields'], fold_case=True)})(?!\w)", re.M)  # type: ignore[arg-type]
        self.time_field = re.compile(rf"^[ \t]*(?:[-–•+*]|[a-zđ]\)|\d{{1,2}}\.)?[ \t]*(?i:{labels})[ \t]*:[^\n]*", re.M)
        self.deadline_re = re.compile(rf"(?<!\w)(?i:{alternation(data['deadline_words'], fold_case=True)})[ \t]*$")  # type: ignore[arg-type]
        planned = alternation(data["planned_after"])  # type: ignore[union-attr]
        self.planned_re = re.compile(rf"(?:[^.!?;\n]|{NUMBER_STOP})*?(?<!\w)(?:{planned})(?!\w)")
        lead = alternation(data["date_lead"])  # type: ignore[union-attr]
        self.range_re = re.compile(r"(?i:từ)\s+(?:ngày\s+)?" + DM.format(p="a") + r"\s*(?:đến|tới|-)\s*(?:ngày\s+)?" + DM.format(p="b"))
        weekday = alternation(data["date_weekdays"], fold_case=True)  # type: ignore[arg-type]
        relative = alternation(data["date_weekday_relatives"])  # type: ignore[arg-type]
        lead = rf"(?:{lead})(?:\s+(?i:{weekday})(?:\s+(?:{relative}))?)?"  # "Chiều thứ Bảy vừa qua (16/1)"
        self.date_re = re.compile(rf"{lead}\s*,?\s*\(?\s*(?:ngày\s+)?(?:{DM.format(p='a')}|{WORDY.format(p='w')})")
        # "Căn cứ …", also as a list item ("- Căn cứ …")
        self.citation_re = re.compile(rf"[ \t]*(?:{LIST_MARK}[ \t]+)?(?i:{alternation(data['citation_openers'], fold_case=True)})(?!\w)")  # type: ignore[arg-type]
        self.cited_re = re.compile(rf"(?:{data['reference_number']})[ \t]*,?[ \t]*$")  # type: ignore[index]
        self.instruction_re = re.compile(rf"^[ \t]*(?:(?:{alternation(data['instruction_titles'])})[ \t]*"  # type: ignore[arg-type]
                                         rf"|(?:{alternation(data['instruction_headlines'])})[ \t]+[^\n.!?]{{1,150}})$", re.M)  # type: ignore[arg-type]
        self.draft_re = re.compile(rf"^[ \t]*(?:{alternation(data['draft_lines'])})(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]*$", re.M)  # type: ignore[arg-type]
        self.prescriptive_re = re.compile(rf"^[ \t]*(?:{alternation(data['prescriptive_titles'])})[ \t]*$", re.M)  # type: ignore[arg-type]
        self.reported_re = re.compile(rf"(?<!\w)(?:{alternation(data['reported_markers'])})(?:\s+\w+){{0,{FUTURE_WINDOW}}}?\s*$")  # type: ignore[arg-type]
        plan_heads = alternation(data["plan_heads"], fold_case=True)  # type: ignore[arg-type]
        self.plan_title_re = re.compile(rf"^[ \t]*(?i:{plan_heads})[ \t]*\n?[ \t]*(?i:{alternation(data['plan_titles'], fold_case=True)})(?!\w)", re.M)  # type: ignore[arg-type]
        heads = "|".join(re.escape(h) for h in data["group_heads"] if " " not in h)  # type: ignore[union-attr]
        self.group_re = re.compile(
            rf"(?P<head>{heads})[ \t]+(?P<td>(?i:thi[ \t]+đua)[ \t]+)?(?:(?i:số)[ \t]+(?P<nums>(?:\d+|[IVX]+\b)(?:[ \t]*(?:,|và)[ \t]*(?:\d+|[IVX]+\b))*)|(?P<name>[{UPPER}][^\n.;:()]*|(?<=đua )các [^\n.;:()]*))")
        self.group_stops = {w.lower() for w in data["group_name_stops"]}  # type: ignore[union-attr]
        roles = alternation(data["host_roles"], fold_case=True)  # type: ignore[union-attr]
        deputies = alternation(data["deputy_roles"], fold_case=True)  # type: ignore[union-attr]
        # a host role not inside a deputy's ("Trưởng Cụm", not "Phó Trưởng Cụm")
        self.role_re = re.compile(opening([*data["deputy_roles"], *data["host_roles"]])  # type: ignore[misc]
                                  + rf"(?:(?i:{deputies})|(?P<host>(?i:{roles})))")
        cues = alternation(data["slogan_cues"], fold_case=True)  # type: ignore[union-attr]
        self.slogan_re = re.compile(opening(data["slogan_cues"]) + rf"(?i:{cues})(?:\s+(?:là|của|mang))?\s*:?\s*[\"“]([^\"”\n]{{3,200}})[\"”]")  # type: ignore[arg-type]
        venue = alternation(data["venue_words"])  # type: ignore[union-attr]
        self.venue_re = re.compile(rf"(?i:tại)\s+(?:(?:{venue})\s+)?")
        levels = alternation(data["venue_levels"])  # type: ignore[union-attr]
        self.venue_level_re = re.compile(rf"(?:{levels})\s+{units.name}")
        names = alternation(data["venue_names"])  # type: ignore[arg-type]
        self.venue_name_re = re.compile(rf"(?:{names})(?:\s+(?:{levels}))?\s+{units.name}")  # "Trung tâm Hội nghị tỉnh X"
        org_types = alternation(units.kinds, fold_case=True)
        self.home_venue_re = re.compile(rf"(?i:{org_types})\s+(?i:tỉnh|thành phố)(?=\s*[,.;]|\s+(?:tổ chức|đã)\b)")
        self.period_cues = [c.lower() for c in data["period_cues"]]  # type: ignore[union-attr]
        self.unnamed_period_re = re.compile(rf"\s+(?:{alternation(data['unnamed_periods'])})(?!\w)")  # type: ignore[arg-type]
        # groups() and organizer() both read the group mentions of the same text
        self._group_mentions = lru_cache(maxsize=8)(self._find_group_mentions)

    # -- kind and sentence ----------------------------------------------------------------------------------
    def kind(self, text: str, published: dt.date | None = None) -> str | None:
        """The kind of event the text names; one its headline names comes first ("Phát động phong trào thi đua …"
        over the signings in the clusters it asks for)."""
        if self.instruction_re.search(_header(text, PLAN_TITLE_LINES)):
            return None  # "HƯỚNG DẪN / Cách xây dựng chỉ tiêu giao ước thi đua …": how pledges are to be made
        if self.draft_re.search(text):
            return None  # "DỰ THẢO (lần 1) / BẢN GIAO ƯỚC THI ĐUA …": a pledge still to be agreed
        if len(_TEASER.findall(text)) >= LISTING_TEASERS:
            return None  # a tag or section page: other articles' dates, headlines and cut-off leads
        low = text.lower()
        headline = low.lstrip().split("\n", 1)[0]
        prescribes = self.prescriptive_re.search(_header(text, PLAN_TITLE_LINES)) is not None
        for where in (headline, low):
            for kind, cues in self.kinds:
                if any(self._names(where, c, published, reported_only=prescribes) for c in cues):
                    return kind
        if any(c in low for c in self.signing_cues) and self.signing_field.search(text):  # "Ký kết ngày 04/3/2027 tại …"
            return SIGNING
        return None

    def _names(self, low: str, cue: str, published: dt.date | None = None, reported_only: bool = False) -> bool:
        """``cue`` names an event that takes place: not one denied ("không ký giao ước mới"), not only one to come
        ("sẽ tổ chức ký kết giao ước", "giao ước thi đua năm 2026 sẽ được xây dựng"), one
        asked for ("đề nghị … phối hợp tổ chức ký kết giao ước"), a pledge made before and now carried out
        ("thực hiện giao ước thi đua đã ký kết từ đầu năm", "Ngay từ đầu năm, 12 bản đã ký giao ước"), one
        planned later in its clause ("Hội nghị ký kết giao ước thi đua năm 2025 … dự kiến tổ chức vào ngày …"), a
        pledge reviewed ("sơ kết 6 tháng thực hiện phong trào thi đua và giao ước thi đua"; but "tổng kết năm 2018
        và ký kết giao ước thi đua năm 2019" names a signing by its verb) or a
        pledge document cited as a legal basis ("Căn cứ Giao ước thi đua năm 2024 …") or, in a text ``published``
        later, one in a sentence set in an earlier year ("Năm 2024, 100% cụm, khối đã ký kết giao ước …").
        ``reported_only`` (a resolution's text): only a cue reported as done ("đã ký kết giao ước") names one."""
        at = low.find(cue)
        while at >= 0:
            end = at + len(cue)
            if self._overlapped(low, at, cue):
                pass  # "giao ước thi đua" in "ký kết giao ước thi đua": judged as the cue that opens the words
            elif not (self.future_re.search(low, max(0, at - 40), at) or self.directive_re.search(low, max(0, at - DIRECTIVE_REACH), at)
                    or self._on_citation_line(low, at)
                    or self.recalled_re.search(low, max(0, at - 40), at) or self.signed_re.match(low, end)
                    or self.negated_re.search(low, max(0, at - 10), at) or self.to_come_re.match(low, end)
                    or self._set_before(low, at, published)
                    or self.planned_re.match(low, end, end + DIRECTIVE_REACH)
                    or (reported_only and not self.reported_re.search(low, max(0, at - 40), at))
                    or (not self.signing_cue.match(cue) and self.review_re.search(low, max(0, at - DIRECTIVE_REACH), at))):
                return True
            at = low.find(cue, at + 1)
        return False

    def _overlapped(self, low: str, at: int, cue: str) -> bool:
        """Another cue's words start before ``at`` and run into ``cue``'s there."""
        return any(at >= k and low.startswith(other, at - k) for other, k in self.overlaps.get(cue, ()))

    def _set_before(self, low: str, at: int, published: dt.date | None) -> bool:
        """The sentence holding ``at`` opens with a year ("Năm 2024, …") before the year of ``published``."""
        frame = _YEAR_FRAME.search(low, max(0, at - DIRECTIVE_REACH), at) if published else None
        return frame is not None and int(frame.group(1)) < published.year  # type: ignore[union-attr]

    def event_sentence(self, text: str, sentences: list[tuple[int, int]], kind: str) -> tuple[int, int]:
        """The first sentence naming the event with a date; else the first naming it at all.

        A sentence naming a group with a date also counts.  Sentences are read in
        order until the answer is known, and the date grammar, the costly test,
        only runs on sentences that name the event or a group.
        """
        cues = next(c for k, c in self.kinds if k == kind)
        first_naming: tuple[int, int] | None = None
        for s in sentences:
            low = text[s[0]:s[1]].lower()
            naming = any(self._names(low, c) for c in cues)
            if naming and first_naming is None:
                first_naming = s
            if (naming or _names_group(low)) and self.dates(text, s[0], s[1]):
                return s
        return first_naming or (sentences[0] if sentences else (0, len(text)))

    # -- dates -------------------------------------------------------------------------------------------------------
    def dates(self, text: str, lo: int, hi: int) -> list[DateMention]:
        out: list[DateMention] = []
        taken: list[tuple[int, int]] = []
        for m in self.range_re.finditer(text, lo, hi):
            if self._cited(text, m.start()):
                continue
            out.append(DateMention(m.start(), int(m["ad"]), int(m["am"]), _int(m["ay"]), int(m["bd"]), int(m["bm"]), _int(m["by"])))
            taken.append(m.span())
        for m in itertools.chain(DATELINE.finditer(text, lo, hi), self.date_re.finditer(text, lo, hi)):
            if any(s <= m.start() < e for s, e in taken) or self._cited(text, m.start()) \
                    or self.deadline_re.search(text, max(0, m.start() - DEADLINE_REACH), m.start()):
                continue
            d, mo, y = (m["ad"], m["am"], m["ay"]) if m["ad"] else (m["wd"], m["wm"], m["wy"])
            out.append(DateMention(m.start(), int(d), int(mo), _int(y)))
        return sorted((d for d in out if 1 <= d.day <= 31 and 1 <= d.month <= 12), key=lambda d: d.start)

    def field_date(self, text: str) -> DateMention | None:
        """The date of a "Thời gian: 08 giờ 00 ngày 24/02/2022" field, the time an official report gives its event;
        an event card's field may give it bare ("Bắt đầu: 08:00, Thứ Năm, 02/03/2023")."""
        for m in self.time_field.finditer(text):
            if found := self.dates(text, m.start(), m.end()):
                return found[0]
            if bare := FIELD_DATE.search(text, m.start(), m.end()):
                return DateMention(bare.start(), int(bare[1]), int(bare[2]), int(bare[3]))
        return None

    def _cited(self, text: str, at: int) -> bool:
        """A date right after a document's number ("Kế hoạch số 15/KH-CAT ngày 10/01/2023") dates that document;
        so does one on a line citing a legal basis ("Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022")."""
        return self.cited_re.search(text, max(0, at - 60), at) is not None or self._on_citation_line(text, at)

    def carried_out(self, text: str) -> tuple[str, bool]:
        """``text`` with the legal basis of a plan to carry out a pledge read as its own words, and whether
        there is such a basis.

        Such a plan ("KẾ HOẠCH / Triển khai thực hiện giao ước thi đua năm 2024")
        cites the signing it carries out ("Căn cứ Giao ước thi đua năm 2024 được ký
        kết ngày 06/3/2024 tại …"): that signing is its event, though the basis
        words it as done before.  So in the names copy the opener of a basis line
        naming a signing is blanked (the length is kept).
        """
        if not self.plan_title_re.search(_header(text, PLAN_TITLE_LINES)):
            return text, False
        parts, pos = [], 0
        for line in re.finditer(r"[^\n]+", text):
            opener = self.citation_re.match(line.group())
            low = line.group().lower()
            if opener and any(c in low for c in self.signing_cues) and self.signing_cue.search(low):
                parts += (text[pos:line.start()], " " * opener.end())
                pos = line.start() + opener.end()
        return "".join(parts) + text[pos:], pos > 0

    def _on_citation_line(self, text: str, at: int) -> bool:
        """``at`` is on a line citing a legal basis ("Căn cứ …")."""
        return self.citation_re.match(text, text.rfind("\n", 0, at) + 1) is not None

    @staticmethod
    def published(text: str) -> dt.date | None:
        """A news page's date-and-time line near the top ("Thứ Năm, 12/03/2026 15:40")."""
        m = HEADER_DATE.search(_header(text))
        return _date(int(m[3]), int(m[2]), int(m[1])) if m else None

    @staticmethod
    def header_year(text: str) -> int | None:
        """The year a newsletter or bulletin names in its header ("Số 01 - Quý I năm 2026"): the year of a
        date written without one when the text gives no other."""
        m = HEADER_YEAR.search(_header(text))
        return int(m[1] or m[2]) if m else None

    def school_year(self, text: str, period: int | None) -> bool:
        """The pledge is for a school year ("năm học 2018 - 2019"), which starts in the autumn of ``period``."""
        low = text.lower()
        return period is not None and any(f"{frame} {period}" in low for frame in self.data["school_year_frames"])  # type: ignore[union-attr]

    def resolve_dates(self, mention: DateMention | None, published: dt.date | None, period: int | None,
                      school_year: bool = False) -> tuple[dt.date | None, dt.date | None]:
        """The dates of a mention, its year taken from the text's date line, else from the pledge period: a
        late month signs next year's pledge; a school year's autumn is in the year it starts."""
        if mention is None:
            return None, None
        year = mention.year or mention.end_year
        if year is None and published is not None:
            year = published.year - (1 if mention.month > published.month + 1 else 0)
        if year is None and period is not None and school_year:
            year = period if mention.month >= int(self.data["school_year_start_month"]) else period + 1  # type: ignore[arg-type]
        elif year is None and period is not None:
            late = int(self.data["late_months_for_next_year"])  # type: ignore[arg-type]
            year = period - 1 if mention.month >= late else period
        if year is None:
            return None, None
        start_year = year - 1 if mention.end_month and mention.month > mention.end_month and not mention.year else (mention.year or year)
        start = _date(start_year, mention.month, mention.day)
        end = _date(mention.end_year or year, mention.end_month, mention.end_day) if mention.end_month and mention.end_day else None
        return start, end

    # -- period --------------------------------------------------------------------------------------------------------
    def period_year(self, text: str, sentence: tuple[int, int], kind: str) -> int | None:
        """The year the pledge is for: the first "năm YYYY" after the event's own wording (None after "năm mới").

        In the event's sentence that year may come long after the wording ("phát
        động đợt thi đua cao điểm …, bảo đảm an ninh, trật tự Tết Nguyên đán năm
        2024"); elsewhere, and after the looser cues ("thi đua"), within 80 characters.
        The own wording anywhere comes before a looser cue in the sentence: a
        year-end review ("hội nghị tổng kết phong trào thi đua năm 2022") may end
        by signing next year's pledge ("ký kết giao ước thi đua năm 2023").
        """
        own = next(c for k, c in self.kinds if k == kind)
        low = text[sentence[0]:sentence[1]].lower()
        if any(self.unnamed_period_re.match(low, at + len(c)) for c in own if (at := low.find(c)) >= 0):
            return None  # "… tổng kết năm 2023 và ký kết giao ước thi đua năm mới": the date's year (``period_of``)
        for cues, (lo, hi) in itertools.product((own, self.period_cues), (sentence, (0, min(len(text), 400)), (0, len(text)))):
            low = text[lo:hi].lower()
            reach = len(low) if (lo, hi) == sentence and cues is own else 80
            best = None
            for cue in cues:
                at = low.find(cue)
                while at >= 0:
                    m = self.period_year_re.search(low, at, min(len(low), at + len(cue) + reach))
                    if m and (best is None or m.start() < best[0]):
                        best = (m.start(), int(m.group(1)))
                    at = low.find(cue, at + 1)
            if best:
                return best[1]
        return None

    def recalled_on(self, date: dt.date, published: dt.date) -> bool:
        """An event of ``date`` is recalled, not reported, on a page of ``published``."""
        return (published - date).days >= int(self.data["recalled_after_days"])  # type: ignore[call-overload]

    def period_of(self, date: dt.date, kind: str) -> int:
        """The pledge year of a text that names none: a pledge signed late in a year is for the next one."""
        late = int(self.data["late_months_for_next_year"])  # type: ignore[arg-type]
        return date.year + 1 if kind == SIGNING and date.month >= late else date.year

    # -- groups, host, place, organizer, slogan ---------------------------------------------------------------------------------------
    def group_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """Every emulation-group mention as (start, end, canonical name), in order, repeats kept."""
        return list(self._group_mentions(text))

    def _find_group_mentions(self, text: str) -> tuple[tuple[int, int, str], ...]:
        found: list[tuple[int, int, str]] = []
        original, text = text, casefold_headers(text)
        pos = 0
        while (m := self.group_re.search(text, pos)) is not None:
            head = m["head"]
            pos = m.end()
            if m["nums"]:
                found.extend((m.start(), m.end(), f"{head} thi đua số {_num(n)}")
                             for n in re.split(r"\s*(?:,|và)\s*", m["nums"]) if n.strip())
                continue
            if _PLURAL.search(text, max(0, m.start() - 5), m.start()):
                continue  # "tổ chức các Cụm thi đua các Trung tâm …", "9 Cụm thi đua Công an các địa phương": a kind
            explicit = m["td"] is not None
            name = self._group_name(m["name"], explicit)
            if name and original[m.start():m.end()] != text[m.start():m.end()]:
                name = ""  # an all-capital title loses the name's real capitals; the body names it again
            pos = m.start("name") + max(len(name), 1)  # a list goes on: "Khối An ninh, Khối Cảnh sát và …"
            if name:
                found.append((m.start(), m.start("name") + len(name), f"{head} thi đua {name}" if explicit else f"{head} {name}"))
        return tuple(found)

    def _group_name(self, raw: str, explicit: bool) -> str:
        """A named bloc: "Khối An ninh", "Khối thi đua Công an các huyện miền núi".

        Lower-case words may continue a name ("Công an các huyện, thành phố") but a
        bare "Khối X" must end at a stop word or punctuation within a few words,
        so "Khối Cảnh sát tập trung kéo giảm …" yields no name.
        """
        words = raw.split(" ")
        kept: list[str] = []
        lower = 0
        def pair(k: int) -> str:
            return " ".join(words[k:k + 2]).lower().rstrip(",")

        inside = 0  # words left of an organisation type the name holds ("Sở Nông nghiệp và Phát triển nông thôn")
        for k, w in enumerate(words):
            bare = w.rstrip(",")
            inside = max(inside - 1, self.units.type_words(words[k:]) - 1, 0)
            if kept and not inside and (bare.lower() in self.group_stops or pair(k) in self.group_stops
                                        or bare[:1] in {"“", '"'} or _clause_dash(words, k)
                                        or self._province_of(words[k:])):
                break
            if w in {"Khối", "Cụm"} and kept:
                break
            kept.append(bare)
            level_word = bare.lower() in self.units.level_scope or pair(k) in self.units.level_scope \
                or (k > 0 and pair(k - 1) in self.units.level_scope)
            lower += bare[:1].islower() and not level_word  # a dash is no word: "Khối Xây dựng lực lượng - Hậu cần"
            if lower > (GROUP_NAME_LOWER_WORDS if explicit else BLOC_NAME_LOWER_WORDS):
                return ""
            if w.endswith(","):
                if self.units.head.match(" ".join(words[k + 1:])):
                    break  # "Khối thi đua Cảnh sát, Công an tỉnh X": the force the bloc belongs to
                following = " ".join(words[k + 1:k + 3]).lower()
                if not (any(following.startswith(level) for level in self.units.level_scope)
                        or _kinds_listed(words, k) or (explicit and self._ends_soon(words[k + 1:]))):
                    break
                kept[-1] = w
        name = " ".join(kept).strip(" ,")
        ended_cleanly = len(kept) < len(words) or raw.rstrip() == name
        opens = name[:1].isupper() or (explicit and name.startswith("các "))
        return name if name and opens and (explicit or ended_cleanly) else ""

    def _province_of(self, words: list[str]) -> bool:
        """"Khối thi đua các doanh nghiệp nhà nước tỉnh Tuyên Quang": the province a bloc belongs to follows its
        name as "Bộ Công an" follows "Cụm thi đua số 6"; a town's name may be part of it ("… khu vực thành phố Vinh")."""
        m = self.units.province_mention.match(" ".join(words))
        return m is not None and self.units.gazetteer.canonical(m["name"]) is not None

    def _ends_soon(self, words: list[str], within: int = 5) -> bool:
        """"Cụm thi đua các tỉnh miền núi, biên giới phía Bắc đã …": the comma is inside the name."""
        for k, w in enumerate(words[:within + 1]):
            bare = w.rstrip(",").lower()
            if bare in self.group_stops or " ".join(words[k:k + 2]).lower() in self.group_stops:
                return k > 0
            if w.endswith(","):
                return False
        return len(words) <= within

    def groups(self, text: str) -> list[str]:
        """The distinct groups named, in order of first mention.

        A headline often names a group its own way ("Khối thi đua Công an các
        quận trung tâm"); when the body names groups, those named only in the
        headline are left out.  A name in brackets after a group's is the same group's,
        and so is a described group of a head word a numbered group has too.
        """
        mentions = self.group_mentions(text)
        # another name of the group just named, in brackets: "Khối thi đua số 2 (Khối Cảnh sát)"
        mentions = [g for k, g in enumerate(mentions)
                    if not (k and text[mentions[k - 1][1]:g[0]].strip() == "(" and CLOSING.match(text, g[1]))]
        headline = len(text) - len(text.lstrip()) + len(text.lstrip().split("\n", 1)[0])
        in_body = {name.lower() for start, _, name in mentions if start >= headline}
        seen: dict[str, str] = {}
        for _, _, name in mentions:
            if not in_body or name.lower() in in_body:
                seen.setdefault(name.lower(), name)
        # "Khối thi đua các Trung tâm Y tế huyện miền núi" and "Khối thi đua số 3": one group, described and numbered
        numbered = {n.split(" ", 1)[0] for n in seen.values() if _NUMBERED_GROUP.search(n)}
        return [n for n in seen.values() if _NUMBERED_GROUP.search(n) or n.split(" ", 1)[0] not in numbered]

    def host(self, text: str, units: list[Unit], runs: list[UnitList], on: dt.date | None, home: Unit | None,
             region: str | None = None, period: int | None = None) -> Unit | None:
        """The unit named just before "Cụm trưởng" / "Khối trưởng" in its sentence (``region``: see ``UnitReader.unit``),
        unless the role is for a year after the pledge's ("được bầu làm Cụm trưởng năm 2026")."""
        by_name = {u.name: u for u in units}
        for run in runs:
            for item in run.items:
                if item.role and any(r.group("host") and not _other_year(item.role, r.end(), period)
                                     for r in self.role_re.finditer(item.role)):
                    return self.units.unit(item, on, home, region)
        items = [item for run in runs for item in run.items]
        found: list[tuple[int, Unit]] = []  # (rank, unit): the pledge year's leader first, else the first named
        for m in self.role_re.finditer(text):
            if not m.group("host") or _other_year(text, m.end(), period):
                continue
            if text[max(0, m.start() - 12):m.start()].lower().endswith("các đơn vị "):
                continue  # "đại diện các đơn vị Cụm trưởng": several leaders, not this event's host
            sentence_start = max(text.rfind(".", 0, m.start()), text.rfind("\n", 0, m.start())) + 1
            before = [self.units.unit(i, on, home, region) for i in items if sentence_start <= i.start < m.start()]
            members = [by_name[u.name] for u in before if u.name in by_name] \
                or ([] if before else [by_name[n] for n in _named_by_tail(text, sentence_start, m.start(), units)])
            if members or before:
                year = _ROLE_YEAR.match(text, m.end())
                found.append((0 if year and int(year.group(1)) == period else 1, (members or before)[-1]))
        return min(found, key=lambda f: f[0])[1] if found else None

    def place(self, text: str, sentence: tuple[int, int], runs: list[UnitList], on: dt.date | None, home: Unit | None) -> str | None:
        lo, hi = sentence
        m = self.venue_re.search(text, lo, hi)
        if not m:
            return None
        for run in runs:
            if run.items and run.start == m.end():
                return self.units.unit(run.items[0], on, home).name
        if home is not None and self.home_venue_re.match(text[m.end():hi]):
            return home.name
        for run in runs:  # "tại Phòng Cảnh sát PCCC Công an tỉnh X", "tại Nhà khách Công an tỉnh X": that unit
            if run.items and m.end() < run.start < min(hi, m.end() + 120) and text[m.end()].isupper() \
                    and not VENUE_BREAK.search(text, m.end(), run.start + 1):
                return self.units.unit(run.items[0], on, home).name
        venue = self.venue_name_re.match(text, m.end()) or self.venue_level_re.match(text, m.end())
        return venue.group(0) if venue else None

    def organizer(self, text: str, sentence: tuple[int, int], runs: list[UnitList], on: dt.date | None,
                  kind: str) -> Unit | str | None:
        """The body the groups belong to.

        Looked for right after a group name ("Cụm thi đua số 5, Bộ Công an",
        "Khối … thuộc Công an tỉnh X"), after "thuộc" in the event sentence, in
        an official document's header lines, and for a campaign launch, as the
        force that launches it.  Only the mention chosen becomes a unit.
        """
        orgs: list[tuple[int, Mention | str]] = [(s, name) for s, _, name in self.units.national_bodies(text)]
        orgs += [(run.start, run.items[0]) for run in runs if len(run.items) == 1 or run.announced is None]
        # a national body's name that opens a longer mention names that unit: "Cục Thuế tỉnh X", "Bộ đội Biên phòng tỉnh X"
        orgs.sort(key=lambda o: (o[0], isinstance(o[1], str)))
        found = self._organizer_mention(text, sentence, orgs, kind)
        return self.units.unit(found, on) if isinstance(found, Mention) else found

    def _organizer_mention(self, text: str, sentence: tuple[int, int], orgs: list[tuple[int, Mention | str]],
                           kind: str) -> Mention | str | None:
        for _, g_end, _ in self._group_mentions(text):
            near = [o for s, o in orgs if s >= g_end and s - g_end <= 12 and JOINER.fullmatch(text[g_end:s])]
            if near:
                return near[0]
        lo, hi = sentence
        for s, o in orgs:
            if lo <= s < hi and re.search(r"thuộc\s*$", text[max(lo, s - 10):s]):
                return o
        first_lines = text[:300].split("\n")[:3]
        offset = 0
        for line in first_lines:
            inside = [o for s, o in orgs if offset <= s < offset + len(line)]
            if inside and len(line) < 60:
                return inside[0]
            offset += len(line) + 1
        if kind == "campaign_launch":  # the force launching it, else a ministry ("Bộ Công an tổ chức Lễ phát động")
            inside = sorted((o for s, o in orgs if lo <= s < hi), key=lambda o: isinstance(o, str))
            return inside[0] if inside else None
        return None

    def slogan(self, text: str) -> str | None:
        m = self.slogan_re.search(text)
        return m.group(1).strip() if m else None


NUMBER_STOP = r"(?<=\d)\.(?=\d)"  # the full stop inside a number ("1.146 hộ") ends no sentence


def _earlier_in_sentence(words: Iterable[str]) -> re.Pattern[str]:
    """A search for one of ``words`` earlier in the sentence that ends where the search ends."""
    return re.compile(rf"(?<!\w)(?:{alternation(words)})(?!\w)(?:[^.!?\n]|{NUMBER_STOP})*$")


_YEAR_FRAME = re.compile(rf"(?:^|[.!?\n])\s*năm\s+((?:19|20)\d\d)\s*,(?:[^.!?\n]|{NUMBER_STOP})*$")  # lower-cased text
# A listing page's entry: its date line, a headline line, then the article's lead cut off ("… tỷ lệ giải quyết ...")
_TEASER = re.compile(r"^[ \t]*\d{1,2}[/.-]\d{1,2}[/.-]\d{4}[^\n]*\n(?:[^\n]*\n)?[^\n]{40,}(?<![.…])(?:\.\.\.|…)[ \t]*$", re.M)
LISTING_TEASERS = 3  # entries that make a page a listing of other articles
_NUMBERED_GROUP = re.compile(r" số \d+$")  # "Cụm thi đua số 5", as ``group_mentions`` writes a numbered group
_ROLE_YEAR = re.compile(r"[ \t]+(?i:năm)[ \t]+((?:19|20)\d\d)")


def _other_year(text: str, at: int, period: int | None) -> bool:
    """A role written for a year after the pledge's: "được bầu làm Cụm trưởng năm 2026" names next year's leader
    (last year's, "Cụm trưởng năm 2018", still hosts the meeting that signs 2019's pledge)."""
    m = _ROLE_YEAR.match(text, at)
    return m is not None and period is not None and int(m.group(1)) > period


def _named_by_tail(text: str, lo: int, hi: int, units: list[Unit]) -> list[str]:
    """The member whose own part of its name (after the words all members share) comes last in ``text[lo:hi]``:
    "Giám đốc Trung tâm Y tế khu vực Bảo Lộc, Khối trưởng", "Trưởng phòng GD&ĐT huyện Mộc Châu, Khối trưởng"."""
    names = [u.name for u in units]
    if len(names) < 2:
        return []
    shared = len(os.path.commonprefix(names))
    shared = names[0].rfind(" ", 0, shared + 1) + 1  # whole words only
    found = [(text.rfind(name[shared:], lo, hi), name) for name in names if len(name) - shared >= MIN_TAIL_CHARS]
    return [max(found)[1]] if found and max(found)[0] >= 0 else []


def _header(text: str, lines: int = HEADER_LINES) -> str:
    """The first lines of a text, where a page or bulletin names its date."""
    return "\n".join(text.split("\n", lines)[:lines])


def _names_group(low: str) -> bool:
    """A lower-cased sentence about a conference or an emulation group: its date may be the event's."""
    return "hội nghị" in low or "thi đua" in low


def _int(s: str | None) -> int | None:
    return int(s) if s else None


def _num(token: str) -> int:
    return ROMAN[token] if token in ROMAN else int(token)


def _date(year: int, month: int | None, day: int | None) -> dt.date | None:
    try:
        return dt.date(year, month or 1, day or 1)
    except ValueError:
        return None


def _clause_dash(words: list[str], k: int) -> bool:
    """A dash after a name, then a lower-case word, opens a clause: "… khu vực Bắc Trung Bộ – cụm thi đua hoạt
    động …"; one between two names or two lower-case words belongs to the name ("Duyên hải miền Trung - Tây
    Nguyên", "các sở, ban, ngành văn hóa - xã hội")."""
    return words[k] in {"-", "–", "—"} and 0 < k < len(words) - 1 and words[k + 1][:1].islower() \
        and not words[k - 1][:1].islower()


def _kinds_listed(words: list[str], k: int) -> bool:
    """"các sở, ban, ngành …", "các cơ quan, đơn vị …": the comma after word ``k`` lists kinds of body, short
    lower-case items after "các" or a comma, inside the name."""
    item = 0
    while k - item >= 0 and words[k - item][:1].islower() and item < GROUP_KIND_WORDS:
        before = words[k - item - 1] if k - item > 0 else ""
        if before.lower() == "các" or before.endswith(","):
            return k + 1 < len(words) and words[k + 1][:1].islower()
        item += 1
    return False
