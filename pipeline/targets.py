"""Targets stage: measurable commitments read off a sentence's tokens.

Every target hangs on an *anchor*: a figure ("ít nhất 5%", "từ 3 đến 5%", "50
đối tượng … trở lên") or a zero trigger ("không để xảy ra").  Within a clause
(between semicolons) the words between two anchors are shared out: a figure
reads its indicator either to its right ("giảm 5% *số vụ …*", "100% *hồ sơ …*")
or to its left ("*tỷ lệ điều tra …* đạt 95%").  Figures listed under one verb
("giảm ít nhất 5% X, 10% Y so với năm 2023") form a group sharing direction,
comparator and baseline.  Wordings are data (``patterns/lexicon.json``); this
module only arranges them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal


from .figures import Figure, FigureFinder, as_number
from .nlp import Matches, ViewDoc, WordTagger, clauses, item_marker_end, pictographs, year_frame
from .normalise import norm_phrase
from .taxonomy import Taxonomy

Orientation = Literal["left", "right"]
NOUNISH_EXCLUDED = {"E", "R", "C", "CH", "T"}  # underthesea tags that cannot open an indicator noun phrase
TokenRange = tuple[int, int]


@dataclass
class Anchor:
    kind: Literal["figure", "zero", "verb"]  # "verb": a direction with no figure
    start: int
    end: int
    figure: Figure | None = None
    orientation: Orientation = "right"
    left: TokenRange = (0, 0)   # words before the anchor that belong to it
    right: TokenRange = (0, 0)  # words after the anchor that belong to it


@dataclass
class Draft:
    """A target before ids and document offsets are assigned."""

    anchor: Anchor
    pieces: list[TokenRange]      # indicator token ranges, in reading order
    prefix: str = ""              # borrowed head ("tỷ lệ điều tra, khám phá")
    suffix: str = ""              # borrowed object ("tin báo, tố giác …")
    indicator_override: str | None = None
    direction: str = "reach"
    comparator: str = ">="
    value: float | None = None
    value_max: float | None = None
    unit: str = "percent"
    baseline: str | None = None
    baseline_year: int | None = None
    baseline_relative: bool = False  # "so với năm trước": period_year - 1, resolved later
    parent: int | None = None      # index of the parent draft in the sentence
    group: int = 0                 # figures listed under one verb share a group id
    sub_marked: bool = False
    rule: str = ""
    context: list[TokenRange] = field(default_factory=list)  # framing words, for keys only
    span: TokenRange = (0, 0)      # evidence tokens
    confidence: float = 0.9

    def take_baseline(self, other: "Draft") -> None:
        """Compare with what ``other`` compares with, when this names nothing of its own."""
        if not self.baseline and other.baseline:
            self.baseline, self.baseline_year, self.baseline_relative = (
                other.baseline, other.baseline_year, other.baseline_relative)


CLAUSE_ENDS = frozenset({",", ";", ".", ":"})
CHANGES = ("increase", "decrease")  # directions measured against a baseline
CLAUSE_STOPS = {";", ".", ":"}  # between two commitments, they end the first one's clause


class TargetFinder:
    """Finds target drafts sentence by sentence; built once per process."""

    def __init__(self, figures: FigureFinder, taxonomy: Taxonomy, tagger: WordTagger | None,
                 criteria: Sequence[Mapping[str, Any]]) -> None:
        self.figures = figures
        self.taxonomy = taxonomy
        self.tagger = tagger
        self.criteria = [([norm_phrase(t) for t in c["topic"]],
                          [([norm_phrase(n) for n in k["names"]], k["indicator"]) for k in c["criteria"]]) for c in criteria]

    # -- anchors ---------------------------------------------------------------------------
    def anchors(self, doc: ViewDoc, m: Matches, lo: int, hi: int) -> list[Anchor]:
        """Figures that can carry a target and zero triggers, in reading order."""
        zeros: list[Anchor] = []
        slogans = bool(m.within("slogan_cues", lo, hi))
        for s, e in m.within("zero_triggers", lo, hi):
            if slogans and _in_slogan(doc, m, s):
                continue
            if zeros and s < zeros[-1].end:  # "tuyệt đối không để" + "không để xảy ra"
                zeros[-1].end = max(zeros[-1].end, e)
            else:
                zeros.append(Anchor("zero", s, e))
        if (first_cell_end := _first_cell_end(doc, lo, hi)) is not None:  # a table's "0" cell: "0 | vụ cháy lớn"
            zeros = sorted(zeros + [Anchor("zero", i, i + 1) for i in range(lo, hi) if _zero_cell(doc, i)],
                           key=lambda a: a.start)
        found: list[Anchor] = list(zeros)
        # a figure in the words a zero trigger names, before any delimiter, qualifies the thing:
        # "không để xảy ra ùn tắc kéo dài trên 4 giờ"
        things = [(z.start, next((s for s, _ in m.within("delimiters", z.end, hi)), hi)) for z in zeros]
        things += _dated_asides(doc, m, lo, hi)
        figures = self.figures.find(doc, m, lo, hi)
        if any(not f.deadline for f in figures):  # "100% hồ sơ được trả trong thời hạn 10 ngày": a deadline qualifies
            figures = [f for f in figures if not f.deadline]
        if first_cell_end is not None and any(first_cell_end <= f.start for f in figures) \
                and not _value_first(figures, lo, first_cell_end):
            # a table row with figures in its value cells: one in its label is part of the label ("… dưới 3 tháng")
            figures = [f for f in figures if f.start >= first_cell_end]
        capped = self._capped(m, zeros, things, figures)
        if capped:  # "không để tỷ lệ tái phạm tội vượt quá 2%": a ceiling, not a zero
            found = [a for a in found if a not in capped.values()]
            things = [t for t, z in zip(things, zeros) if z not in capped.values()] + things[len(zeros):]
        share: Figure | None = None  # the last percent figure: "100% cơ sở lưu trú từ 3 sao trở lên được kiểm tra"
        for fig in figures:
            if id(fig) in capped:
                fig = replace(fig, comparator=CEILINGS[fig.comparator])  # type: ignore[index]
            elif any(start <= fig.number_start < end for start, end in things):
                continue
            if share is not None and _qualifies(m, share, fig):
                continue
            share = fig if fig.unit == "percent" else None
            if fig.unit != "percent" and not self._governed(m, fig) and not opens_cell(doc, fig.start):
                continue
            if m.ending_at("restating_markers", fig.start):  # "giảm 5% (tương đương 20 vụ)": the same target again
                continue
            if fig.count_noun and m.starting_at("structure_nouns", fig.count_noun[0]):
                continue  # "thực hiện 10 nhóm chỉ tiêu": how many targets there are, not one of them
            if fig.count_noun and _attended(doc, m, fig.start, lo):
                continue  # "với sự chứng kiến của … hơn 200 đoàn viên": who was there
            found.append(Anchor("figure", fig.start, fig.end, fig))
        return sorted(found, key=lambda a: a.start)

    @staticmethod
    def _capped(m: Matches, zeros: list[Anchor], things: list[TokenRange], figures: list[Figure]) -> dict[int, Anchor]:
        """Percent figures over which a zero trigger keeps a rate ("không để tỷ lệ tái phạm vượt quá 2%"), by id,
        with their triggers: the rate is capped, not kept from happening."""
        out: dict[int, Anchor] = {}
        for z, (_, end) in zip(zeros, things):
            if m.starting_at("rate_words", z.end, end):
                fig = next((f for f in figures if z.end <= f.start < end and f.is_percent and f.comparator in CEILINGS), None)
                if fig is not None:
                    out[id(fig)] = z
        return out

    @staticmethod
    def _governed(m: Matches, fig: Figure) -> bool:
        """A count, time or money figure is a target only with a comparator, a range or a verb on it."""
        if fig.comparator or fig.value_max is not None:
            return True
        for label in (*ACTING_VERBS, "linking_verbs"):
            if m.ending_at(label, fig.start):
                return True
        return False

    # -- orientation and regions ---------------------------------------------------------------
    def orient(self, doc: ViewDoc, m: Matches, a: Anchor, limit: int, sentence: TokenRange) -> Orientation:
        """Does the figure read its indicator from the right or from the left?"""
        fig = a.figure
        if fig is None or fig.count_noun:  # "không để xảy ra oan sai", "40 đối tượng truy nã"; but a table's value
            # cell ("Oan, sai⇥Không để xảy ra", "… truy nã⇥Không dưới 40 đối tượng") names nothing: its label does
            own_end = a.end if fig is None else fig.count_noun[1]  # type: ignore[index]
            if _cell_ends(doc, own_end, limit) and _after_cell(doc, a.start, sentence[0]):
                return "left"
            # a bare count ("tuyển sinh toàn Cụm đạt 9.500 lượt người") counts what is named before it, unless a
            # verb acting on it comes right before ("bắt 40 đối tượng")
            while (more := m.starting_at("count_nouns", own_end, limit)) and fig is not None:
                own_end = more[1]  # "9.500 lượt người"
            bare = fig is not None and _ends_phrase(doc, m, own_end, limit) and not _listed_on(doc, m, own_end, limit)
            return "left" if bare and not m.first_ending_at(ACTING_VERBS, fig.start) else "right"
        if _ends_phrase(doc, m, a.end, limit) or m.ending_at("linking_verbs", fig.start):
            return "left"
        nxt = _after_tro_len(m, a.end, limit)
        if m.first_ending_at(ACTING_VERBS, fig.start) \
                or m.first_starting_at(("measure_nouns", "count_nouns", "rate_words"), nxt):
            return "right"  # "giảm 5% số vụ …", "tiếp nhận 100% tin báo …": the lexicon decides
        if self.tagger is not None and self.tagger.pos(doc, nxt, *sentence) in NOUNISH_EXCLUDED:
            return "left"
        return "right"

    def share_out(self, doc: ViewDoc, m: Matches, anchors: list[Anchor], lo: int, hi: int) -> None:
        """Assign every word between anchors to the anchor before or after it."""
        if not anchors:
            return
        anchors[0].left = (lo, anchors[0].start)
        for a, b in zip(anchors, anchors[1:]):
            split = self._split(doc, m, a, a.end, b.start)
            a.right = (a.end, split)
            b.left = (split, b.start)
        anchors[-1].right = (anchors[-1].end, hi)

    def _split(self, doc: ViewDoc, m: Matches, a: Anchor, lo: int, hi: int) -> int:
        delims = sorted([s for s, _ in m.within("delimiters", lo, hi)]
                        + [i for i in pictographs(doc) if lo <= i < hi])  # a post's emoji parts phrases
        if not delims:
            return lo if a.orientation == "left" else hi
        if a.orientation == "left":
            return delims[0]
        for labels in (("sub_markers",), HEAD_STARTERS):
            for d in delims:
                nxt = d + 1
                if nxt < hi and m.first_starting_at(labels, nxt, hi):
                    return d
        return delims[-1]

    # -- indicator words --------------------------------------------------------------------------
    @staticmethod
    def _strip(m: Matches, rng: TokenRange, leading: Iterable[str], trailing: Iterable[str]) -> TokenRange:
        """Peel lexicon matches off both ends of a token range until none is left there.

        A word is not peeled off a longer wording it opens or closes: the "lên"
        of "án nghiêm trọng trở lên" and the "tăng" of "tăng trưởng tín dụng"
        stay (see ``WHOLE_WORDINGS``).
        """
        lo, hi = rng
        leading, trailing = tuple(leading), tuple(trailing)
        while lo < hi and (span := m.first_starting_at(leading, lo, hi)):
            if any((whole := m.starting_at(label, lo, hi)) and whole[1] > span[1] for label in WHOLE_WORDINGS):
                break
            lo = span[1]
        while lo < hi and (span := m.first_ending_at(trailing, hi, lo)):
            if any((whole := m.ending_at(label, hi, lo)) and whole[0] < span[0] for label in WHOLE_WORDINGS):
                break
            hi = span[0]
        return lo, hi

    def _cut_lead(self, doc: ViewDoc, m: Matches, rng: TokenRange, draft: Draft) -> TokenRange:
        """Drop a list item's marker, sub-target markers, framing ("Đối với …,") and lead-ins ("phấn đấu").

        Once the indicator's own measure word has come ("tỷ lệ cơ sở hoàn thành
        tốt nhiệm vụ", "tỷ lệ bao phủ toàn cụm"), a lead-in word is part of it
        unless it pledges or punctuates.
        """
        lo, hi = rng
        lo = item_marker_end(doc, m, lo, hi)
        subs = m.within("sub_markers", lo, hi)
        if subs:  # "riêng Thanh tra tỉnh phấn đấu …" narrows who pledges, not what is measured
            draft.sub_marked = not m.starting_at("unit_subjects", subs[-1][1], hi)
            lo = subs[-1][1]
        while True:  # "Phấn đấu đến hết năm 2023, tỷ lệ …": lead-ins and framing in any order
            start = lo
            lo = _past_year_frame(doc, m, lo, hi)
            framing = m.starting_at("framing_openers", lo, hi)
            if framing:
                comma = next((i for i in range(framing[1], hi) if doc.words[i] == ","), None)
                rate = next(iter(m.within("rate_words", framing[1], comma)), None) if comma is not None else None
                if rate is not None:  # "Trong năm 2024 tỷ lệ điều tra, khám phá án …": the comma is the rate's
                    draft.context.append((lo, rate[0]))
                    lo = rate[0]
                elif comma is not None:
                    draft.context.append((lo, comma))
                    lo = comma + 1
            verbs = m.within("action_verbs", lo, hi) + m.within("linking_verbs", lo, hi) \
                + m.within("lead_in_lookalikes", lo, hi)  # "duy trì ở mức", "tạm giữ" stay whole
            named = min((spans[0][0] for label in MEASURE_WORDS if (spans := m.within(label, lo, hi))), default=hi)
            leads = [lead for lead in m.within("lead_ins", lo, hi) if not _inside_longer(lead, verbs)
                     and not m.ending_at("prepositions", lead[0], lo)  # "doanh thu của mỗi đơn vị" names whose
                     and ((lead[0] < named and not self._closes_words(m, lead, lo, hi))
                          or _pledges(m, lead[0], hi) or _opens_figure(m, lead, lo, hi))]
            if leads:
                lo = max(lo, leads[-1][1])
            if lo == start:
                return lo, hi

    def _closes_words(self, m: Matches, lead: TokenRange, lo: int, hi: int) -> bool:
        """A lead-in after words of its own, right before the figure, is theirs: "tuyển sinh toàn Cụm đạt 9.500 …"."""
        return lead[0] > lo and not _nonempty(self._strip(m, (lead[1], hi), (), LEFT_TRAILING))

    def indicator_pieces(self, doc: ViewDoc, m: Matches, a: Anchor, draft: Draft) -> list[TokenRange]:
        if a.orientation == "left":  # its closing note first: "… truy nã (mỗi đơn vị)" is not a lead-in's subject
            left = self._cut_lead(doc, m, _without_note(doc, a.left), draft)
            piece = self._strip(m, left, LEFT_LEADING, LEFT_TRAILING)
            if piece[0] >= piece[1]:
                piece = self._heading(doc, m, (a.left[0], left[0]), draft)
            elif (m.starting_at("action_verbs", piece[0]) and not m.within("measure_nouns", *piece)) \
                    or self._only(m, piece, ("bare_measures",)):
                # an action on what the line's label names, or its measure: "Tố giác, tin báo về tội phạm: tiếp
                # nhận 100%", "Điều tra, khám phá án: tỷ lệ chung đạt trên 80%"
                topic = self._label_topic(doc, m, a, left[0], draft)
                if topic[0] < topic[1]:
                    return [topic, piece]
            piece = _without_note(doc, piece)
            higher = [s for s in m.within("increase_verbs", *piece) + m.within("decrease_verbs", *piece)
                      if s[0] > piece[0] and doc.words[s[1]] == "năm"]
            if higher:  # "số thu cao hơn năm 2022 ít nhất 10%": the comparison is the baseline
                piece = self._strip(m, (piece[0], higher[0][0]), (), LEFT_TRAILING)
            compared = [s for s in m.within("baseline_markers", *piece) if s[0] > piece[0]]
            if compared:  # "Số vụ phạm pháp hình sự so với năm 2023 giảm 5%": so is this
                piece = self._strip(m, (piece[0], compared[0][0]), (), LEFT_TRAILING)
            base = a.right[0]
            if a.figure is not None and a.figure.unit == "percent" and m.starting_at("measure_nouns", base, a.right[1]):
                # "bắt, vận động đầu thú đạt 30% số đối tượng truy nã": what the share is of, for the key
                draft.context.append((base, self._np_end(doc, m, base, a.right[1])))
            after = self._comparator_after_span(m, a)
            facet = after[1] if after and after[0] == a.end else a.end
            if m.starting_at("facet_markers", facet, a.right[1]):
                # "thi hành xong từ 85% trở lên về việc và từ 38% trở lên về tiền": the part each figure is for
                return [p for p in (piece, (facet, self._np_end(doc, m, facet, a.right[1]))) if p[0] < p[1]]
            return [piece] if piece[0] < piece[1] else []
        verbs = self._strip(m, self._cut_lead(doc, m, a.left, draft), LEFT_LEADING, LEFT_TRAILING + COMPARATOR_LABELS)
        actions = m.within("action_verbs", *verbs)
        if actions:  # "bắt, vận động …", not "năm 2023"
            verbs = (actions[0][0], verbs[1])
        elif not (verbs[0] < verbs[1] and m.ending_at("recipient_prepositions", verbs[1], verbs[0])):
            verbs = (verbs[1], verbs[1])  # but "việc làm ổn định cho 100% người lao động" is what is given to whom
        start = a.figure.count_noun[0] if a.figure and a.figure.count_noun else a.right[0]
        tro_len = m.starting_at("comparator_after:>=", start) or m.starting_at("comparator_after:<=", start)
        start = tro_len[1] if tro_len and a.figure is not None and not a.figure.count_noun else start
        np_end = self._np_end(doc, m, start, a.right[1])
        np = self._strip(m, (start, np_end), ZERO_LEADING if a.kind == "zero" else RIGHT_LEADING, RIGHT_TRAILING)
        return [p for p in (verbs, np) if p[0] < p[1]]

    def _heading(self, doc: ViewDoc, m: Matches, rng: TokenRange, draft: Draft) -> TokenRange:
        """What a figure with no words of its own after the lead-ins measures, named before them.

        A list of targets written as label and figure names it in the label
        ("Tỷ lệ điều tra khám phá án hình sự: trên 82%"); a topic set out
        before a lead-in names it when it is a measure ("Đối với tỷ lệ điều tra
        khám phá án, phấn đấu đạt trên 90%").  A label that is only a lead-in
        ("Các chỉ tiêu cụ thể:") or a subject ("Công an tỉnh phấn đấu …")
        leaves nothing.
        """
        lo, hi = rng
        ends = m.within("heading_ends", lo, hi)
        if ends:
            label = self._cut_lead(doc, m, (lo, ends[-1][0]), draft)
            return self._strip(m, label, LEFT_LEADING, LEFT_TRAILING)
        measures = m.within("measure_nouns", lo, hi)
        leads = [lead for lead in m.within("lead_ins", lo, hi) if lead[0] > measures[0][0]] if measures else []
        if leads:  # the measure runs to the first lead-in: "Số vụ X, các đơn vị phấn đấu giảm 5%"
            return self._strip(m, (measures[0][0], leads[0][0]), LEFT_LEADING, LEFT_TRAILING)
        return hi, hi

    def _label_topic(self, doc: ViewDoc, m: Matches, a: Anchor, lead: int, draft: Draft) -> TokenRange:
        """What the label of ``a``'s line names, before the lead-in at ``lead``; else before the line's first colon,
        for a figure in a later clause ("Hồ sơ …: nộp trực tuyến trên 95%; giải quyết đúng hạn 100%").  Empty for a
        label that is a lead-in ("Chỉ tiêu 4:", "… phấn đấu:") or an action, not what is acted on."""
        topic = self._heading(doc, m, (a.left[0], lead), draft)
        if topic[0] >= topic[1] and (colon := _line_colon(doc, a.left[0])) is not None:
            topic = self._heading(doc, m, (item_marker_end(doc, m, *colon), colon[1] + 1), draft)
            if any(w[:1].isdigit() for w in doc.words[topic[0]:topic[1]]) or m.within("action_verbs", *topic):
                return topic[1], topic[1]
        return topic

    @staticmethod
    def _np_end(doc: ViewDoc, m: Matches, lo: int, hi: int) -> int:
        """Where the noun phrase after a figure ends ("án nghiêm trọng trở lên" keeps its "trở lên").

        A direction verb after a delimiter opens the next commitment: "kết nạp
        mới 7.000 hội viên, nâng chất lượng sinh hoạt chi hội", "kiểm tra 100%
        cơ sở …, phối hợp với lực lượng Cảnh sát giao thông kéo giảm …".
        """
        delimiters = [s for s, _ in m.within("delimiters", lo, hi)]
        emoji = pictographs(doc)
        for i in range(lo, hi):
            if i in emoji:  # "… thoát nghèo 🏡 mỗi tỉnh trao tặng …": a post's emoji ends a phrase
                return i
            stop = m.starting_at("right_np_stops", i, hi)
            if stop and not (m.starting_at("comparator_after:>=", i, hi)
                             and (m.ending_at("qualifiers_before_tro_len", i, lo) or _bounded_from(doc, m, lo, i))):
                return i
            if i in delimiters:  # a verb with its object: "… lộng hành và gia tăng" names one thing
                piece_end = next((d for d in delimiters if d > i), hi)
                if any(v[1] < piece_end and doc.words[v[1]][:1].isalnum()
                       for verb in DIRECTION_VERBS for v in m.within(verb, i + 1, piece_end)):
                    return i
        return hi

    # -- the whole sentence -------------------------------------------------------------------------
    def sentence(self, doc: ViewDoc, m: Matches, lo: int, hi: int) -> list[Draft]:
        drafts: list[Draft] = []
        group = 0
        for seg_lo, seg_hi in clauses(doc, lo, hi):
            anchors = self.anchors(doc, m, seg_lo, seg_hi)
            for k, a in enumerate(anchors):
                limit = anchors[k + 1].start if k + 1 < len(anchors) else seg_hi
                a.orientation = self.orient(doc, m, a, limit, (lo, hi))
            self.share_out(doc, m, anchors, seg_lo, seg_hi)
            if not any(a.kind == "figure" for a in anchors):
                drafts.extend(self._figureless(doc, m, seg_lo, seg_hi, anchors))
            previous: Draft | None = None
            for a in anchors:
                draft = Draft(anchor=a, pieces=[])
                draft.pieces = self.indicator_pieces(doc, m, a, draft)
                own_left = self._strip(m, a.left, ("delimiters",), ("delimiters",))
                joins_group = previous is not None and a.kind == "figure" == previous.anchor.kind and (
                    (own_left[0] >= own_left[1] and previous.unit == a.figure.unit)  # "… không quá 3 ngày, 100% hồ sơ …"
                    or self._continues(m, previous, a, own_left))
                if not joins_group:
                    group += 1
                draft.group = group
                if a.kind == "zero":
                    drafts.extend(self._zero_drafts(doc, m, draft, lo))
                else:
                    self._read_figure(doc, m, draft, previous if joins_group else None)
                    drafts.extend(self._by_criteria(doc, m, draft))
                previous = draft
        self._link(doc, m, drafts)
        return drafts

    @staticmethod
    def _continues(m: Matches, previous: Draft, a: Anchor, own_left: TokenRange) -> bool:
        """"kéo giảm số người chết từ 5% trở lên, số vụ từ 3% trở lên so với năm 2022": a figure after its
        own indicator, with no verb of its own, goes on with the change named before it."""
        return (previous.direction in CHANGES and previous.anchor.orientation == a.orientation == "left"
                and a.figure is not None and previous.unit == a.figure.unit
                and not any(m.within(label, *own_left) for label in OWN_VERBS))

    def _read_figure(self, doc: ViewDoc, m: Matches, d: Draft, leader: Draft | None) -> None:
        a, fig = d.anchor, d.anchor.figure
        assert fig is not None
        d.value, d.value_max, d.unit = fig.value, fig.value_max, fig.unit
        d.comparator = "between" if fig.value_max is not None else (fig.comparator or "")
        if not d.comparator:
            after = self._comparator_after(doc, m, a)
            d.comparator = after or (leader.comparator if leader and leader.comparator != "between" else ">=")
        (d.direction, d.rule), verb = self._direction(m, a)
        if d.unit == "times" and d.direction == "reach":
            d.direction, d.rule = "increase", "multiple"  # "đạt gấp 1,5 lần năm 2025": a change against it
        if leader is not None and d.direction == "reach":
            d.direction = leader.direction
        if d.direction == "reach" and d.value == 0 and d.value_max is None and d.unit == "count" and not fig.comparator:
            d.direction, d.comparator, d.rule = "zero", "=", "zero"  # "Vụ việc | 0": a pledged count of none
        baseline = self._baseline(doc, m, a)
        if baseline is None and d.sub_marked and d.direction in CHANGES:
            # "Kéo giảm tai nạn giao thông trên cả 3 tiêu chí so với năm 2020, trong đó số người chết giảm 5%"
            subs = m.within("sub_markers", *a.left)
            if subs:
                baseline = self._baseline(doc, m, replace(a, left=(0, 0), right=(a.left[0], subs[-1][0])))
        if d.direction == "reach" and d.pieces and (m.starting_at("growth_rates", d.pieces[0][0])
                                                      or (baseline and m.starting_at("growth_nouns", d.pieces[0][0]))):
            # "tốc độ tăng trưởng kinh tế đạt 7%", "tăng trưởng tín dụng 12% so với cuối năm 2023": a rise
            d.direction, d.rule = "increase", "growth"
        elif d.direction == "reach" and d.pieces and d.pieces[-1][1] == a.start \
                and (grows := m.ending_at("growth_nouns", a.start, d.pieces[-1][0] + 1)):
            d.direction, d.rule = "increase", "growth"  # "dư nợ cho vay tăng trưởng 10 - 12%": the growth of what it ends
            d.pieces[-1] = (d.pieces[-1][0], grows[0])
        elif d.direction == "reach" and fig.is_percent and (plan := self._exceeded(doc, m, a)):
            d.direction, d.rule = "increase", "exceed"  # "thu ngân sách vượt ít nhất 10% dự toán tỉnh giao"
            baseline = baseline or plan
        ends = [a.end] + [p[1] for p in d.pieces]
        if baseline:
            d.baseline, d.baseline_year, d.baseline_relative, baseline_end = baseline
            ends.append(baseline_end)
        if tro_len := self._comparator_after_span(m, a):
            ends.append(tro_len[1])
        d.rule = f"{d.rule or 'reach'}/{a.orientation}"
        starts = [a.start] + [p[0] for p in d.pieces] + ([verb[0]] if verb else [])
        d.span = (min(starts), max(ends))

    def _exceeded(self, doc: ViewDoc, m: Matches, a: Anchor) -> tuple[str, int | None, bool, int] | None:
        """The plan a percent exceeds, as ``_baseline`` gives a comparison: "vượt 10% dự toán tỉnh giao", "vượt dự
        toán 10%"."""
        verb = m.ending_at("exceed_verbs", a.start, a.left[0])
        if verb and (plan := m.starting_at("plan_nouns", a.end, a.right[1])):
            end = self._np_end(doc, m, plan[0], a.right[1])
        elif (plans := m.within("plan_nouns", *a.left)) and m.ending_at("exceed_verbs", plans[-1][0], a.left[0]):
            plan, end = plans[-1], plans[-1][1]
            if end != a.start:
                return None
        else:
            return None
        return doc.doc_text(plan[0], end), None, False, end

    def _direction_verbs(self, m: Matches, label: str, lo: int, hi: int) -> list[TokenRange]:
        """Direction verbs, less those inside a compound ("tăng cường", "giảm nghèo")."""
        compounds = m.within("direction_compounds", lo, hi)
        return [v for v in m.within(label, lo, hi)
                if not any(c[0] <= v[0] and v[1] <= c[1] for c in compounds)]

    def _figureless(self, doc: ViewDoc, m: Matches, lo: int, hi: int, anchors: list[Anchor]) -> list[Draft]:
        """"giảm tỷ lệ tái phạm tội": a direction with no figure (kept, though never scored)."""
        zero_spans = [(a.start, a.right[1] or hi) for a in anchors]
        out: list[Draft] = []
        for label, direction in (("decrease_verbs", "decrease"), ("increase_verbs", "increase")):
            for s, e in self._direction_verbs(m, label, lo, hi):
                if any(z0 <= s < z1 for z0, z1 in zero_spans):
                    continue
                end = e
                while end < hi and doc.words[end] not in CLAUSE_ENDS and not m.starting_at("right_np_stops", end, hi) \
                        and not m.starting_at("delimiters", end, hi):
                    end += 1
                np = self._strip(m, (e, end), ("modals",), RIGHT_TRAILING)
                if np[0] >= np[1]:
                    continue
                phrase = doc.view_text(*np)
                if not (self.taxonomy.key(phrase) or m.starting_at("rate_words", np[0]) or m.starting_at("measure_nouns", np[0])):
                    continue
                anchor = Anchor("verb", s, e, left=(lo, s), right=(e, hi))
                draft = Draft(anchor=anchor, pieces=[np], direction=direction, comparator=">=", value=None,
                              unit="percent", rule=f"{direction}/no-figure", span=(s, np[1]), confidence=0.6)
                clause_end = next((k for k in range(np[1], hi) if doc.words[k] in CLAUSE_ENDS), hi)
                # "Kéo giảm số vụ … so với năm 2026, cụ thể: …": the lines below give the figures
                if baseline := self._baseline(doc, m, replace(anchor, right=(np[1], clause_end))):
                    draft.baseline, draft.baseline_year, draft.baseline_relative, _ = baseline
                out.extend(self._by_criteria(doc, m, draft))
        return out

    def _comparator_after(self, doc: ViewDoc, m: Matches, a: Anchor) -> str | None:
        """"95% trở lên", "50 đối tượng truy nã trở lên" (but not "án nghiêm trọng trở lên")."""
        found = self._comparator_after_span(m, a)
        return found[2] if found else None

    @staticmethod
    def _comparator_after_span(m: Matches, a: Anchor) -> tuple[int, int, str] | None:
        lo, hi = a.right
        for comp in (">=", "<="):
            for s, e in m.within(f"comparator_after:{comp}", lo, hi):
                if s == a.end or not m.ending_at("qualifiers_before_tro_len", s):
                    return s, e, comp
        return None

    def _direction(self, m: Matches, a: Anchor) -> tuple[tuple[str, str], TokenRange | None]:
        """(direction, rule) and the verb that says it, if any."""
        lo, hi = a.left
        hi = a.figure.number_start if a.figure else hi
        for label, direction in (("decrease_verbs", "decrease"), ("increase_verbs", "increase")):
            spans = [s for s in self._direction_verbs(m, label, lo, hi) if s[1] <= a.start]
            if spans:
                if m.within("level_markers", spans[-1][1], a.start):
                    return ("reach", "level"), spans[-1]
                if a.orientation == "right" and a.figure and m.ending_at("action_verbs", a.figure.start, spans[-1][1]):
                    break  # "ngoài mục tiêu kéo giảm tai nạn, các đội xử lý không dưới 30.000 trường hợp": its own verb
                return (direction, direction), spans[-1]
        return ("reach", "reach"), None

    def _baseline(self, doc: ViewDoc, m: Matches, a: Anchor) -> tuple[str, int | None, bool, int] | None:
        """"so với năm 2022" → 2022; "so với năm trước" → relative; "cao hơn năm 2025", "thấp hơn năm 2025" too."""
        lo, hi = a.right
        markers = m.within("baseline_markers", lo, hi)
        if not markers and a.orientation == "left":  # "Số vụ … so với năm 2023 giảm 5%": before the figure
            markers = m.within("baseline_markers", *a.left)[-1:]
            lo, hi = a.left
        start = markers[0][0] if markers else None
        if start is None:
            higher = sorted(s for s in m.within("increase_verbs", *a.left) + m.within("decrease_verbs", *a.left)
                            if doc.words[s[1]] == "năm") if a.left[0] < a.left[1] else []
            if not higher:
                return None
            start = higher[-1][1]
            lo, hi = a.left
        end = start
        while end < hi and doc.words[end] not in {",", ";", "."} \
                and not (end > start and m.first_starting_at((*DIRECTION_VERBS, "linking_verbs"), end, hi)):
            end += 1
        phrase_tokens = doc.words[start:end]
        text = doc.doc_text(start, end)
        for i, tok in enumerate(phrase_tokens[:-1]):
            if tok == "năm" and re.fullmatch(r"\d{4}", phrase_tokens[i + 1]):
                return text, int(phrase_tokens[i + 1]), False, end
        if date := _DATE.search(text):  # "so với thời điểm 31/12/2019": that year's state
            return text, int(date.group(1)), False, end
        if m.within("baseline_previous_year", start, end):
            return text, None, True, end
        return text, None, False, end

    def _by_criteria(self, doc: ViewDoc, m: Matches, d: Draft) -> list[Draft]:
        """"kéo giảm TNGT trên cả 3 tiêu chí", or "… số vụ, số người chết và số người bị thương do TNGT", is three targets."""
        a = d.anchor
        regions = (a.left, a.right)
        markers = [s for r in regions if r[0] < r[1] for s in m.within("criteria_markers", *r)
                   if not any(m.within(verb, a.end, s[0]) for verb in DIRECTION_VERBS)]  # else another commitment's
        if markers:  # the criteria named after the marker, to the end of its clause ("… tiêu chí số vụ, số người chết, …")
            after = norm_phrase(" ".join(doc.view_text(s[1], _clause_end(doc, s[1])) for s in markers))
            if not d.baseline and d.direction in CHANGES and (baseline := self._baseline(
                    doc, m, replace(a, right=(markers[-1][1], _clause_end(doc, markers[-1][1]))))):
                d.baseline, d.baseline_year, d.baseline_relative, end = baseline  # "… số người bị thương so với năm 2017"
                d.span = (d.span[0], max(d.span[1], end))
        else:  # no marker: the indicator itself may list the criteria ("số vụ, số người chết và số người bị thương do TNGT")
            items = _LIST_ITEM.split(norm_phrase(doc.view_text(*d.pieces[-1]))) if d.pieces else []
            if len(items) < 2:
                return [d]
        whole = norm_phrase(" ".join(doc.view_text(*r) for r in regions))
        for topics, criteria in self.criteria:
            if not any(t in whole for t in topics):
                continue
            if markers:
                chosen = [c for c in criteria if any(n in after for n in c[0])] or criteria
            else:
                chosen = [c for c in criteria if any(i.startswith(n) for i in items for n in c[0])]
                if len(chosen) < 2:
                    return [d]
            return [replace(d, indicator_override=indicator, rule=d.rule + "+criteria") for _, indicator in chosen]
        return [d]

    # -- zero targets ----------------------------------------------------------------------------
    def _zero_drafts(self, doc: ViewDoc, m: Matches, d: Draft, line_lo: int) -> list[Draft]:
        """One zero target per distinct thing: "oan, sai và bỏ lọt tội phạm" is two.

        With nothing after the trigger (or only "phát sinh"), the thing is the label of its line:
        "- Oan, sai; bỏ lọt tội phạm: không để xảy ra." (from ``line_lo``, the sentence start).
        """
        if (not d.pieces or (len(d.pieces) == 1 and self._only(m, d.pieces[0], ("zero_verbs",)))) \
                and d.anchor.start > line_lo and doc.words[d.anchor.start - 1] == ":":
            label = (item_marker_end(doc, m, line_lo, d.anchor.start), d.anchor.start - 1)
            cuts = [k for k in range(*label) if doc.words[k] == ";"]
            return [z for lo, hi in zip([label[0], *(k + 1 for k in cuts)], [*cuts, label[1]]) if hi > lo
                    for z in self._zero_drafts(doc, m, replace(d, pieces=[(lo, hi)]), line_lo)]
        if not d.pieces:
            return []
        lo, hi = d.pieces[-1]
        stops = [s for s in m.within("zero_stops", lo, hi) if doc.words[s[0]] != QUOTE or _closes_quotation(doc, lo, s[0])]
        if stops and stops[0][0] > lo:
            hi = self._strip(m, (lo, stops[0][0]), (), RIGHT_TRAILING)[1]
        if hi < len(doc.words) and doc.words[hi] == QUOTE and doc.words[lo:hi].count(QUOTE) % 2:
            hi += 1  # a quoted term closes at the thing's end: kiểu "xã hội đen"
        parts = self._split_things(doc, m, lo, hi)
        out = []
        for s, e in parts:
            z = Draft(anchor=d.anchor, pieces=[(s, e)], direction="zero", comparator="=", value=0, unit="count",
                      group=d.group, rule="zero", span=(d.anchor.start, hi))
            out.append(z)
        return out

    def _split_things(self, doc: ViewDoc, m: Matches, lo: int, hi: int) -> list[TokenRange]:
        """The things a "không để" list names, one range each.

        Pieces between delimiters stay together while they name one taxonomy
        concept, or none ("cháy, nổ", "băng, ổ, nhóm tội phạm"); a leading run of
        unknown pieces belongs with the first known thing.  Outside the taxonomy,
        a piece that opens with a thing word (``zero_thing_openers``: "sự cố",
        "mất an toàn", "tình trạng") after a piece of two words or more starts a
        new thing: "bạo lực học đường, mất an toàn vệ sinh thực phẩm" is two.
        """
        cuts = [s for s, _ in m.within("delimiters", lo, hi)]
        pieces: list[TokenRange] = []
        start = lo
        for c in cuts + [hi]:
            if c > start:
                pieces.append((start, c))
            start = c + 1
        concepts = [self.taxonomy.concept(doc.view_text(s, e)) for s, e in pieces]
        groups: list[list[int]] = []  # piece indices
        for k, concept in enumerate(concepts):
            seen = {concepts[i] for g in groups[-1:] for i in g if concepts[i]}
            opens = k > 0 and pieces[k - 1][1] - pieces[k - 1][0] >= 2 \
                and m.starting_at("zero_thing_openers", pieces[k][0], pieces[k][1]) is not None
            if groups and not opens and (concept is None or concept in seen or not seen):
                groups[-1].append(k)
            else:
                groups.append([k])
        return [(pieces[g[0]][0], pieces[g[-1]][1]) for g in groups if g]

    # -- links between targets of a sentence ------------------------------------------------------------
    def _link(self, doc: ViewDoc, m: Matches, drafts: list[Draft]) -> None:
        """Parents, shared baselines, elided indicators and heads borrowed from a neighbour."""
        for k, d in enumerate(drafts):
            prev = drafts[k - 1] if k else None
            if d.sub_marked and d.direction != "zero":
                d.parent = next((j for j in range(k - 1, -1, -1) if drafts[j].direction != "zero"), None)
            if prev is None or d.direction == "zero" or prev.direction == "zero":
                continue
            words = _words(doc, d.pieces)
            if self._elided(m, d) and self._acts_on_object(m, prev):
                d.suffix = self._object(doc, m, prev)
                d.confidence -= 0.1
            elif stem := self._facet_stem(doc, m, prev, d):
                d.prefix = stem
            elif words and prev.unit == d.unit and not self._has_head(m, d) and not self._starts_measure(m, d):
                d.prefix = self._head(doc, m, prev) or self._parallel_stem(doc, prev, d)
            if not words and not d.suffix:
                d.suffix = _words(doc, prev.pieces)
        for g in {d.group for d in drafts}:
            members = [d for d in drafts if d.group == g and d.direction != "zero"]
            shared = next((d for d in reversed(members) if d.baseline), None)
            for d in members:
                if shared and d.value is not None:
                    d.take_baseline(shared)
        for d, nxt in reversed(list(zip(drafts, drafts[1:]))):
            # "số vụ … tăng 10%, về khai thác khoáng sản tăng 15% so với năm trước": changes listed with commas
            # one after another share the comparison the last one names
            if d.direction == nxt.direction in CHANGES and not d.baseline and nxt.baseline and d.value is not None \
                    and not any(w in CLAUSE_STOPS for w in doc.words[d.anchor.end:nxt.anchor.start]) \
                    and not m.within("comparatives", d.anchor.left[0], d.anchor.start):  # "cao hơn kế hoạch 5%": its own
                d.take_baseline(nxt)
        for d in drafts:  # "giảm 5% … so với năm 2023, trong đó trộm cắp giảm 8%": the same comparison
            if d.parent is not None and d.direction in CHANGES:
                d.take_baseline(drafts[d.parent])

    @staticmethod
    def _facet_stem(doc: ViewDoc, m: Matches, prev: Draft, d: Draft) -> str:
        """What an indicator that is only a facet shares with its neighbour's:
        "tỷ lệ thi hành xong về việc đạt 84%, về tiền đạt 48%" → "tỷ lệ thi hành xong" + "về tiền"."""
        if not (d.pieces and prev.pieces and m.starting_at("facet_markers", d.pieces[0][0], d.pieces[0][1])):
            return ""
        first = prev.pieces[0][0]
        facets = [f for lo, hi in prev.pieces for f in m.within("facet_markers", lo, hi) if f[0] > first]
        return _stem_before(doc, prev, facets[-1][0]) if facets else ""

    @staticmethod
    def _parallel_stem(doc: ViewDoc, prev: Draft, d: Draft) -> str:
        """What an indicator opening with a word of its neighbour's shares with it: "thời gian thông quan đối
        với tờ khai luồng vàng không quá 2 giờ, luồng đỏ không quá 8 giờ" → "… tờ khai" + "luồng đỏ"."""
        if not prev.pieces:
            return ""
        first = doc.words[d.pieces[0][0]]
        lo, hi = prev.pieces[-1]
        at = next((i for i in range(lo + 1, hi) if doc.words[i] == first), None)
        return _stem_before(doc, prev, at) if at is not None and first[:1].isalpha() else ""

    def _elided(self, m: Matches, d: Draft) -> bool:
        """True when the indicator is only verbs/rate words ("tỷ lệ giải quyết", "tỷ lệ giải quyết đúng hạn")."""
        return bool(d.pieces) and all(self._only(m, p, HEAD_WORDS + ("adverbs",)) for p in d.pieces)

    def _acts_on_object(self, m: Matches, d: Draft) -> bool:
        """A neighbour worth borrowing from names verb and object: "tiếp nhận 100% tin báo", "100% tin báo … được tiếp nhận"."""
        if not d.pieces:
            return False
        lo, hi = d.pieces[0][0], d.pieces[-1][1]
        return self._has_head(m, d) or bool(m.within("passive_markers", lo, hi) and m.within("action_verbs", lo, hi))

    def _only(self, m: Matches, rng: TokenRange, labels: Sequence[str]) -> bool:
        return self._strip(m, rng, labels, ())[0] >= rng[1]

    def _has_head(self, m: Matches, d: Draft) -> bool:
        return bool(d.pieces) and bool(m.first_starting_at(HEAD_WORDS, d.pieces[0][0]))

    def _starts_measure(self, m: Matches, d: Draft) -> bool:
        return bool(d.pieces) and bool(m.starting_at("measure_nouns", d.pieces[0][0]) or d.anchor.orientation == "right")

    def _head(self, doc: ViewDoc, m: Matches, d: Draft) -> str:
        """Leading rate words and verbs of a neighbour ("tỷ lệ điều tra, khám phá")."""
        if d.prefix:
            return d.prefix
        if not d.pieces:
            return ""
        lo, hi = d.pieces[0]
        end = self._strip(m, (lo, hi), HEAD_WORDS, ())[0]
        end = self._strip(m, (lo, end), (), ("delimiters",))[1]
        return doc.doc_text(lo, end)

    def _object(self, doc: ViewDoc, m: Matches, d: Draft) -> str:
        """What a neighbour's verbs act on: "tin báo, tố giác …" of "tiếp nhận 100% tin báo …"."""
        if not d.pieces:
            return d.suffix
        lo, hi = d.pieces[-1]
        lo = self._strip(m, (lo, hi), HEAD_WORDS + ("adverbs",), ())[0]
        passive = m.within("passive_markers", lo, hi)
        if passive:
            hi = passive[0][0]
        text = doc.doc_text(lo, hi)
        return text or d.suffix


HEAD_WORDS = ("rate_words", "action_verbs", "delimiters", "linking_verbs", "modals")
HEAD_STARTERS = ("measure_nouns", "rate_words", "action_verbs", "lead_ins", "framing_openers",
                 "decrease_verbs", "increase_verbs", "sub_markers")
LEFT_LEADING = ("delimiters", "punct", "decrease_verbs", "increase_verbs")
LEFT_TRAILING = ("linking_verbs", "modals", "level_markers", "trailing_modifiers", "decrease_verbs", "increase_verbs",
                 "delimiters", "passive_markers")
RIGHT_LEADING = ("quantifiers",)  # "giảm 10% cả số vụ, số người chết …"
RIGHT_TRAILING = ("delimiters", "punct")
COMPARATOR_LABELS = tuple(f"comparator_before:{c}" for c in (">=", ">", "<=", "<"))
ZERO_LEADING = ("zero_fillers",)
QUOTE = '"'  # every quotation mark, as the matching view writes it
QUALIFIER_WORDS = 4  # words a qualifying count may name before its "trở lên": "từ 10 lao động trở lên"
MEASURE_WORDS = ("rate_words", "measure_nouns")
CEILINGS = {">": "<=", ">=": "<"}  # what "không để … vượt quá N%" leaves a rate at
VALUE_CELL_LEAD = 2  # words before the figure of a value cell: "↑ 10%", "không quá 45 phút"
DIRECTION_VERBS = ("decrease_verbs", "increase_verbs")
_DATE = re.compile(r"(?<!\d)\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d\d)(?!\d)")  # "31/12/2019"
ACTING_VERBS = ("action_verbs", *DIRECTION_VERBS)  # a verb acting on the figure after it: "giảm 5% số vụ …"
OWN_VERBS = (*DIRECTION_VERBS, "action_verbs", "linking_verbs", "level_markers", "lead_ins")  # a commitment of its own
WHOLE_WORDINGS = ("comparator_after:>=", "comparator_after:<=", "direction_compounds")  # never cut apart by ``_strip``


_LIST_ITEM = re.compile(r"\s*(?:,\s*và|,|\bvà\b)\s*")  # between the items of a normalised list


def _past_year_frame(doc: ViewDoc, m: Matches, lo: int, hi: int) -> int:
    """Past "Năm 2024," at ``lo``: the year the sentence is set in is not what is measured."""
    frame = year_frame(doc, m, lo, hi)
    return frame[1] + 1 if frame is not None and frame[1] < hi and doc.words[frame[1]] == "," else lo


def _without_note(doc: ViewDoc, rng: TokenRange) -> TokenRange:
    """A noun phrase without the note in brackets closing it: "tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều)";
    a single word in brackets is the phrase's own short name and stays: "thời gian mất điện (SAIDI)".
    A label's colon after the note goes with it: "đối tượng truy nã (mỗi đơn vị): không dưới 150"."""
    lo, hi = rng
    if hi - lo >= 4 and doc.words[hi - 1] == ":" and doc.words[hi - 2] == ")":
        cut = _without_note(doc, (lo, hi - 1))
        return cut if cut[1] < hi - 1 else rng
    if hi - lo < 3 or doc.words[hi - 1] != ")":
        return rng
    depth = 0
    for i in range(hi - 1, lo, -1):
        depth += {")": 1, "(": -1}.get(doc.words[i], 0)
        if depth == 0:
            return (lo, i) if hi - i > 3 else rng
    return rng


def _pledges(m: Matches, i: int, hi: int) -> bool:
    """A lead-in at ``i`` that always opens the commitment: a pledge cue ("phấn đấu") or a colon."""
    return bool(m.starting_at("commitment_cues", i, hi) or m.starting_at("punct", i, hi))


def _nonempty(rng: TokenRange) -> bool:
    return rng[0] < rng[1]


def _opens_figure(m: Matches, lead: TokenRange, lo: int, hi: int) -> bool:
    """A lead-in between a comma and the figure ("thời gian giải ngân, bảo đảm không quá 5 ngày") opens it."""
    return lead[1] == hi and m.ending_at("delimiters", lead[0], lo) is not None


def _closes_quotation(doc: ViewDoc, lo: int, at: int) -> bool:
    """The quote mark at ``at`` ends a quotation opened before ``lo`` ("… không để hình thành X", ông nói),
    rather than opening a quoted term inside the words from ``lo`` (băng nhóm "tín dụng đen" hoạt động …)."""
    words = doc.words
    return words[_line_start(words, lo):lo].count(QUOTE) % 2 == 1 and QUOTE not in words[lo:at]


def _line_start(words: list[str], i: int) -> int:
    """The first token of the line token ``i`` is on."""
    while i > 0 and "\n" not in words[i - 1]:
        i -= 1
    return i


def _inside_longer(span: TokenRange, others: list[TokenRange]) -> bool:
    """True when ``span`` is part of a longer match ("giữ" inside "bắt giữ")."""
    return any(o[0] <= span[0] and span[1] <= o[1] and o[1] - o[0] > span[1] - span[0] for o in others)


def _dated_asides(doc: ViewDoc, m: Matches, lo: int, hi: int) -> list[TokenRange]:
    """Brackets opening with a year: "tiếp nhận 100% tố giác (năm 2021 tiếp nhận 512 tin)" sets another year's
    figure beside the pledge."""
    out: list[TokenRange] = []
    words = doc.words
    for i in range(lo, hi - 1):
        if words[i] == "(" and year_frame(doc, m, i + 1, hi) is not None:
            close = next((k for k in range(i + 1, hi) if words[k] == ")"), None)
            if close is not None:
                out.append((i, close))
    return out


def _stem_before(doc: ViewDoc, d: Draft, at: int) -> str:
    """A draft's indicator words before token ``at`` of its last piece, with its borrowed head."""
    return " ".join(p for p in (d.prefix, _words(doc, [*d.pieces[:-1], (d.pieces[-1][0], at)])) if p)


def _attended(doc: ViewDoc, m: Matches, at: int, lo: int) -> bool:
    """An audience marker opens the phrase ``at`` is in: "sự chứng kiến của lãnh đạo …, Ban … và hơn 200 …"."""
    marks = m.within("audience_markers", lo, at)
    return bool(marks) and not any(w in CLAUSE_STOPS for w in doc.words[marks[-1][1]:at])


def _words(doc: ViewDoc, pieces: list[TokenRange]) -> str:
    return " ".join(doc.doc_text(s, e) for s, e in pieces if e > s)


def value_of(d: Draft) -> tuple[int | float | None, int | float | None]:
    return (as_number(d.value) if d.value is not None else None,
            as_number(d.value_max) if d.value_max is not None else None)


def _after_tro_len(m: Matches, at: int, limit: int) -> int:
    """Past a "trở lên" / "trở xuống" at ``at``: "95% trở lên số đơn thư …" names its thing after it."""
    after = m.starting_at("comparator_after:>=", at, limit) or m.starting_at("comparator_after:<=", at, limit)
    return after[1] if after else at


def _ends_phrase(doc: ViewDoc, m: Matches, at: int, limit: int) -> bool:
    """No noun follows a figure's own words at ``at``: the clause ends, or a preposition or stop word comes."""
    nxt = _after_tro_len(m, at, limit)
    return nxt >= limit or not doc.words[nxt][:1].isalpha() or bool(
        m.starting_at("right_np_stops", nxt) or m.starting_at("prepositions", nxt) or m.starting_at("delimiters", nxt))


def _listed_on(doc: ViewDoc, m: Matches, at: int, limit: int) -> bool:
    """A comma at ``at`` lists another noun with the one before it ("150 doanh nghiệp, hợp tác xã đưa …"),
    rather than ending its phrase ("9.500 lượt người, trong đó …")."""
    nxt = at + 1
    return at < limit and doc.words[at] == "," and nxt < limit and doc.words[nxt][:1].isalpha() \
        and not m.first_starting_at(("sub_markers", "right_np_stops", "lead_ins", *ACTING_VERBS), nxt, limit)


def _cell_ends(doc: ViewDoc, i: int, hi: int) -> bool:
    """Nothing but punctuation or a line's end from token ``i`` to ``hi``."""
    return all(not w[:1].isalnum() for w in doc.words[i:hi])


def _after_cell(doc: ViewDoc, at: int, lo: int) -> bool:
    """A table cell boundary (a tab, which the matching view reads as a space) between tokens ``lo`` and ``at``."""
    return "\t" in doc.text_original[doc.doc_offsets(lo, at)[0]:doc.doc_offsets(at, at + 1)[0]]


def _clause_end(doc: ViewDoc, i: int) -> int:
    """The end of the clause holding token ``i``: its semicolon, full stop or line end."""
    words = doc.words
    while i < len(words) and words[i] not in (";", ".") and "\n" not in words[i]:
        i += 1
    return i


def _line_colon(doc: ViewDoc, at: int) -> tuple[int, int] | None:
    """``(line start, first colon)`` of the line holding token ``at``, when a colon comes before ``at``: the label
    of a line of targets ("– Hồ sơ thủ tục hành chính về cư trú: nộp trực tuyến trên 95%; giải quyết …")."""
    words = doc.words
    lo = at
    while lo > 0 and "\n" not in words[lo - 1]:
        lo -= 1
    colon = next((k for k in range(lo, at) if words[k] == ":"), None)
    return (lo, colon) if colon is not None else None


def _value_first(figures: list[Figure], lo: int, cell_end: int) -> bool:
    """A row whose first cell is a figure ("↑ 10% | số lượt phương tiện … (trong đó xe tải ↑ 15%)"): the
    label comes after it, and a figure in the label is a target of its own."""
    return any(f.start - lo <= VALUE_CELL_LEAD and f.end >= cell_end - 1 for f in figures if f.start < cell_end)


def _first_cell_end(doc: ViewDoc, lo: int, hi: int) -> int | None:
    """The first token after a table row's first cell (its label), or None outside tables."""
    if lo >= hi or "\t" not in doc.text_original:  # most texts hold no table
        return None
    start, end = doc.doc_offsets(lo, hi)
    tab = doc.text_original.find("\t", start, end)
    if tab < 0:
        return None
    return next((i for i in range(lo, hi) if doc.doc_offsets(i, i + 1)[0] > tab), None)


def _beside(text: str, k: int, step: int) -> str:
    """The first character from offset ``k`` on, going by ``step``, that is not a space (a blanked column); "" at
    the text's edge."""
    while 0 <= k < len(text) and text[k] == " ":
        k += step
    return text[k] if 0 <= k < len(text) else ""


def _zero_cell(doc: ViewDoc, i: int) -> bool:
    """Token ``i`` is a table cell of its own that reads "0": a pledged zero ("0 | đăng kiểm viên vi phạm …")."""
    if doc.words[i] != "0":
        return False
    a, b = doc.doc_offsets(i, i + 1)
    return _beside(doc.text_original, a - 1, -1) in ("", "\t", "\n") and _beside(doc.text_original, b, 1) in ("", "\t", "\n")


def opens_cell(doc: ViewDoc, i: int) -> bool:
    """Token ``i`` is the first word of a table cell: "… | Người | 5.500" pledges 5,500."""
    return _beside(doc.text_original, doc.doc_offsets(i, i + 1)[0] - 1, -1) == "\t"


def _in_slogan(doc: ViewDoc, m: Matches, i: int) -> bool:
    """Token ``i`` is inside a quotation opened right after a slogan cue: với khẩu hiệu "Không để ai bị bỏ lại phía
    sau" names a spirit, not a target."""
    words = doc.words
    k = i - 1
    while k >= 0 and words[k] != QUOTE and "\n" not in words[k]:
        k -= 1
    if k < 0 or words[k] != QUOTE:
        return False
    start = _line_start(words, k)
    if words[start:k].count(QUOTE) % 2:  # the mark at k closes a quotation
        return False
    return any(m.ending_at("slogan_cues", j) for j in range(max(start, k - 2), k + 1))


def _qualifies(m: Matches, share: Figure, fig: Figure) -> bool:
    """A count bounded "từ … trở lên" inside the phrase a percent figure is of qualifies that phrase's noun:
    "100% doanh nghiệp có từ 10 lao động trở lên", "100% cơ sở lưu trú từ 3 sao trở lên"."""
    if fig.unit == "percent" or fig.comparator != ">=" or m.within("delimiters", share.end, fig.start):
        return False
    closing = m.within("comparator_after:>=", fig.end, fig.end + QUALIFIER_WORDS + 1)
    return bool(closing) and not m.within("delimiters", fig.end, closing[0][0])


def _bounded_from(doc: ViewDoc, m: Matches, lo: int, i: int) -> bool:
    """A "từ <number>" a few words before the "trở lên" at ``i`` bounds a qualifier inside the phrase."""
    return any(m.ending_at("comparator_before:>=", k, lo) and doc.words[k][:1].isdigit()
               for k in range(max(lo, i - QUALIFIER_WORDS - 1), i))

