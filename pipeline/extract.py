"""The pipeline: one ``SourceDocument`` in, one ``DocumentResult`` out.

Stages run in one direction: read → normalise → segment → nlp → events/units →
targets.  Everything expensive (pattern files, matchers, the gazetteer,
underthesea's tagger) is built once per ``Extractor`` and reused for every
document.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from bisect import bisect_left
from functools import cached_property
from pathlib import Path

from . import __version__
from .commitments import SentenceSpan, frame_year, is_past, pledged_clauses, reported, sentence_modes
from .events import SIGNING, EventFacts, EventReader
from .figures import FIGURE_SHAPE_LABELS, ROW_UNITS, FigureFinder, NumberWords, RowUnit, UnitWord
from .gazetteer import Gazetteer
from .models import Document, DocumentResult, Event, Issue, SourceDocument, Span, Target, Unit
from .nlp import NLP, Lexicon, Matches, ViewDoc, WordTagger, flatten_lexicon
from .normalise import norm_phrase, whole_words
from .pattern_files import Patterns
from .prefilter import ANCHOR_LINES, Prefilter
from .segment import Layout, MemberTable, sentences
from .targets import CHANGES, MEASURE_WORDS, Draft, TargetFinder, opens_cell, value_of
from .taxonomy import Taxonomy
from .units import UnitReader, names_text

_LABEL_PARTS = re.compile(r"\s*(?:[,;]|\bvà\b)\s*")  # "Sở Xây dựng tỉnh Lạng Sơn, Cao Bằng"
MAX_TEXT_CHARS = 2_000_000  # longer texts are not announcements; they are skipped with an error
HEADLINE_MAX_CHARS = 200  # a longer line is a paragraph: the page's head, where its headline is, ends before it
HEADLINE_LINES = 6  # lines of a page's head at most
SENTENCE_ENDS = (".", "!", "?", ":", ";")  # a line ending so is a paragraph, not a head line
_LINE = re.compile(r"[^\n]*")


def document_id(text: str, sha256: str = "", source: str = "") -> str:
    """Stable id derived from the content, never from the path.

    A document with no text (unreadable, undecodable, empty) has no content to
    speak of: its raw bytes' hash and its source keep two such files apart.
    """
    basis = text if text else f"\x00{sha256}\x00{source}"
    return "doc_" + hashlib.sha256(basis.encode("utf-8")).hexdigest()[:16]


def _hash(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


class Extractor:
    """Builds every stage once; ``extract`` is then cheap and side-effect free."""

    def __init__(self, patterns_dir: str | Path | None = None, use_tagger: bool = True, prefilter: bool = True) -> None:
        self.patterns = Patterns(patterns_dir)
        abbreviations = self.patterns.load("abbreviations.json")["abbreviations"]
        self.nlp = NLP(abbreviations)
        entries = flatten_lexicon(self.patterns.load("lexicon.json"))
        measures = self.patterns.load("units_of_measure.json")
        unit_words = {f"unit:{u['phrase']}": UnitWord(u["unit"], u.get("scale", 1), u.get("after_fraction", False)) for u in measures["units"]}
        entries.update({label: [label.split(":", 1)[1]] for label in unit_words})
        entries["count_nouns"] = measures["count_nouns"]
        magnitudes = {f"magnitude:{word}": scale for word, scale in measures["magnitudes"].items()}
        per_units = {f"per:{word}": unit for word, unit in measures["per_units"].items()}
        entries.update({label: [label.split(":", 1)[1]] for label in [*magnitudes, *per_units]})
        for label in ("not_count_nouns", *FIGURE_SHAPE_LABELS):
            entries[label] = measures[label]
        entries["punct"] = [",", ".", ";", ":", "!", "?", "(", ")", '"', "-"]
        events = self.patterns.load("events.json")
        entries["slogan_cues"] = events["slogan_cues"]  # a quoted slogan ("Không để ai bị bỏ lại phía sau") pledges nothing
        self.lexicon = Lexicon(self.nlp, entries)
        number_words = NumberWords.of(measures["number_words"], norm_phrase)
        self.prefilter = Prefilter(self.nlp, self.lexicon.phrases, number_words) if prefilter else None  # see prefilter.py
        self.taxonomy = Taxonomy(self.patterns.load("taxonomy.json"), abbreviations)
        self.tagger = WordTagger() if use_tagger else None
        self.unit_words = unit_words
        self.count_nouns = {n.lower() for n in measures["count_nouns"]}
        self.targets = TargetFinder(FigureFinder(unit_words, magnitudes, per_units, number_words), self.taxonomy, self.tagger,
                                    self.patterns.load("criteria.json")["topics"])
        self.gazetteer = Gazetteer.load(self.patterns)
        self.layout = Layout.from_data(self.patterns.load("layout.json"))
        self.units = UnitReader(self.patterns.load("units.json"), self.gazetteer, self.layout.member_heads)
        self.events = EventReader(events, self.units,
                                  [*entries["year_frames"], *entries["span_frames"]])
        self.abbreviations = abbreviations

    @property
    def version(self) -> str:
        """Code version plus pattern fingerprint: a changed wording is a new pipeline."""
        return f"{__version__}+{self.patterns.digest[:12]}"

    # -- one document ------------------------------------------------------------------------------------------
    def extract(self, src: SourceDocument) -> DocumentResult:
        """Never raises on document content: a failure becomes an error entry on the line."""
        document = Document(
            id=document_id(src.text, src.sha256, src.source), source=src.source, sha256=src.sha256, title=src.title,
            published=src.published or EventReader.published(src.text), chars=len(src.text), text=src.text,
            format_name=src.format_name, encoding=src.encoding, url=src.url,
        )
        result = DocumentResult(document=document, errors=list(src.errors))
        if not src.text.strip():
            return result
        if len(src.text) > MAX_TEXT_CHARS:
            result.errors.append(Issue(code="text_too_long", message=f"document text has {len(src.text)} characters; "
                                       f"at most {MAX_TEXT_CHARS} are extracted"))
            return result
        try:
            self._fill(src.text, result)
        except Exception as exc:  # one error handler for the whole pipeline, per document
            result.events, result.targets = [], []
            result.errors.append(Issue(code="extraction_error", message=f"{type(exc).__name__}: {exc}"))
        return result

    def _fill(self, text: str, result: DocumentResult) -> None:
        """Targets are read only in a text that holds a pledge event: elsewhere (crime statistics, reviews,
        award ceremonies, news) figures and "không để xảy ra" report results or plans, not pledges."""
        source, text = text, self.layout.flowing(text)  # tables and hard-wrapped lines read as prose; same offsets
        split: dict[str, list[tuple[int, int]]] = {}  # the names copy shares most lines with the text
        names, cited = self.events.carried_out(self._expand(names_text(text)))  # "Công an TP.HCM" → "Công an Thành phố Hồ Chí Minh"
        facts = self._event(names, [(g.start, g.end) for g in sentences(names, known=split)], result.document.published, cited)
        if facts is None:
            return
        event = self._event_model(result.document.id, facts)
        result.events.append(event)
        result.warnings.extend(Issue(code="unit_count_mismatch", message=w) for w in facts.warnings)
        rows = self.layout.row_units(source) if "\t" in text else []  # "… | Tỷ đồng | Tối thiểu 900"
        if self.prefilter is not None:  # only the lines that may hold a target
            doc, segs = self.prefilter.focus(text, split, {text.rfind("\n", 0, start) + 1 for start, _, _ in rows})
        else:
            doc, segs = self.nlp.make_doc(text), sentences(text, known=split)
        doc.user_data[ROW_UNITS] = self._row_units(doc, rows)
        matches = self.lexicon.match(doc)
        spans = self._token_sentences(doc, segs)
        result.targets = self._targets(doc, matches, spans, event, result.document.id, source)
        if tables := (self.layout.member_tables(source) if "\t" in text else []):
            inside = [t.span for t in tables]  # read as prose, a row's indicator would be its member
            result.targets = [t for t in result.targets if not any(a <= t.evidence.start < b for a, b in inside)]
            result.targets += [t for table in tables for t in self._member_targets(table, source, event, result.document.id)]

    def _row_units(self, doc: ViewDoc, rows: list[tuple[int, int, str]]) -> list[RowUnit]:
        """Table rows as token ranges with the unit their unit column names, where it is one we know."""
        out: list[RowUnit] = []
        for start, end, written in rows:
            unit = self._unit_named(written)
            if unit is not None:
                lo = bisect_left(doc.token_starts, self.nlp.to_view(doc, start))
                hi = bisect_left(doc.token_starts, self.nlp.to_view(doc, end))
                out.append((lo, hi, *unit))
        return out

    def _unit_named(self, written: str) -> tuple[str, float] | None:
        """The unit a table's unit cell names: "%", a unit word ("Tỷ đồng", "Ngày") or else a count ("Hộ")."""
        phrase = " ".join(written.lower().split())
        if phrase in self.lexicon.phrases.get("percent_signs", ()):
            return "percent", 1
        if word := self.unit_words.get(f"unit:{phrase}"):
            return word.unit, word.scale
        # any other word in a unit column names what its row counts ("Công trình | Tối thiểu 14")
        return ("count", 1) if phrase in self.count_nouns or _COUNTED.fullmatch(phrase) else None

    def _token_sentences(self, doc: ViewDoc, segs) -> list[SentenceSpan]:
        out = []
        for seg in segs:
            span = doc.char_span(self.nlp.to_view(doc, seg.start), self.nlp.to_view(doc, seg.end), alignment_mode="expand")
            if span is not None and len(span):
                out.append(SentenceSpan(span.start, span.end, seg.paragraph))
        return out

    # -- events --------------------------------------------------------------------------------------------------
    def _event(self, text: str, char_sentences: list[tuple[int, int]], published: dt.date | None,
               cited: bool = False) -> EventFacts | None:
        """``cited``: the text is a plan carrying out a signing it cites as its basis (``EventReader.carried_out``)."""
        kind = self.events.kind(text, published) or (SIGNING if cited else None)
        if kind is None:
            return None
        sentence = self.events.event_sentence(text, char_sentences, kind)
        period = self.events.period_year(text, sentence, kind)
        on_guess = dt.date(period, 6, 1) if period else published
        school = self.events.school_year(text, period)
        year = period or self.events.header_year(text)
        own = self.events.dates(text, *sentence)
        # else a report's "Thời gian:" field, else the first date elsewhere, unless it is after the page's own
        mention = own[0] if own else (self.events.field_date(text)
                                      or next((d for s in char_sentences for d in self.events.dates(text, *s)), None))
        date, date_end = self.events.resolve_dates(mention, published, year, school)
        if published is not None and date is not None and date > published:
            if own:  # "Sắp diễn ra Hội nghị … vào ngày 08/3" on a page of 04/3: announced, not held
                return None
            date, date_end = published, None
        elif not own and published is not None and date is None:
            date, date_end = published, None
        elif published is not None and date is not None and self.events.recalled_on(date, published):
            return None  # a page written long after the signing it names is about something since
        if kind == SIGNING and period is not None and date is not None and period + (1 if school else 0) < date.year:
            return None  # a pledge for a year already over when the text was written: recalled, not signed here
        on = date or on_guess
        runs = self.units.lists(text)
        groups = self.events.groups(text)
        organizer = self.events.organizer(text, sentence, runs, on, kind)
        home = organizer if isinstance(organizer, Unit) else None
        region = None if home and home.province else self.units.region(text, on)
        members = self.units.member_list(text, runs)
        warnings: list[str] = []
        if kind == "campaign_launch" and organizer is not None:  # a force launching its own campaign: other
            # bodies it names are history or guests
            units = [home if home is not None else self.units.national_unit(str(organizer))]
        elif members is not None:
            units = _unique([self.units.unit(i, on, home, region) for i in members.items])
            if members.announced is not None and members.announced != len(units):
                warnings.append(f"the text announces {members.announced} units but lists {len(units)}")
        elif len(signers := self._signers(runs, sentence, on, home, region)) >= 2:
            units = signers  # "Công an tỉnh A ký kết giao ước thi đua với Công an tỉnh B"
        elif groups:
            units = [_group_unit(name, home) for name in groups]
        elif home is not None:
            units = [home]
        else:
            units = []
        if period is None and date is not None:
            period = self.events.period_of(date, kind)
        organizer_name = organizer.name if isinstance(organizer, Unit) else organizer
        host = self.events.host(text, units, runs if members is None or members in runs else [members, *runs], on, home,
                                region, period) if groups or members else None
        if host is not None and _left_out(host, units):
            units = [host, *units]  # "Công an tỉnh A, Cụm trưởng, ký kết giao ước với Công an các tỉnh: B, C, D"
        return EventFacts(
            kind=kind, sentence=sentence, date=date, date_end=date_end,
            place=self.events.place(text, sentence, runs, on, home),
            organizer=organizer_name, groups=groups, host=host.name if host else None,
            period_year=period, slogan=self.events.slogan(text), units=units, warnings=warnings)

    def _signers(self, runs, sentence: tuple[int, int], on: dt.date | None, home: Unit | None,
                 region: str | None) -> list[Unit]:
        """Organisations named one by one in the event's own sentence."""
        lo, hi = sentence
        return _unique([self.units.unit(item, on, home, region) for run in runs if lo <= run.start < hi
                        for item in run.items])

    def _event_model(self, doc_id: str, f: EventFacts) -> Event:
        return Event(id="evt_" + _hash(doc_id, f.kind, f.date, f.sentence[0]), kind=f.kind, date=f.date,  # type: ignore[arg-type]
                     date_end=f.date_end, place=f.place, organizer=f.organizer, groups=f.groups, host=f.host,
                     period_year=f.period_year, slogan=f.slogan, units=f.units)

    # -- targets --------------------------------------------------------------------------------------------------
    def _targets(self, doc: ViewDoc, m: Matches, spans: list[SentenceSpan], event: Event, doc_id: str,
                 source: str) -> list[Target]:
        """The targets of the pledge sentences; their evidence is quoted from ``source``, the document text."""
        period = event.period_year
        modes = sentence_modes(doc, m, spans, period)
        out: list[Target] = []
        before: list[Target] = []  # the targets of the sentence before
        head: Target | None = None  # the target that lines labelled with units break down ("+ Thái Nguyên: 1.500 căn")
        figureless: set[str] = set()  # heads whose figures are all in such lines
        own_period, paragraph = period, None  # a paragraph framed in a later year ("Đến năm 2030, …") is for it
        anchored = doc.user_data.get(ANCHOR_LINES)  # prefiltered: lines kept only for their modes hold no target
        for s, mode in zip(spans, modes):
            own_period = period if s.paragraph != paragraph else own_period
            paragraph, frame = s.paragraph, frame_year(doc, m, s.start, s.end, span_end=False)
            if frame is not None and period is not None:
                own_period = max(frame, period)
            if anchored is not None and s.paragraph not in anchored:
                before, head = [], None
                continue
            pledged = pledged_clauses(doc, m, s, period) if mode == "result" else None
            if mode == "result" and not pledged:
                before = []
                continue
            drafts = self.targets.sentence(doc, m, s.start, s.end)
            # a figure in a table cell of its own: an "đã" in its row's label qualifies the indicator
            # ("Diện tích mặt bằng đã giải phóng | Ha | 320")
            keep = [d for d in drafts if (opens_cell(doc, d.anchor.start)
                                          or not reported(doc, m, s, d.anchor.start, period,
                                                          [*(_reach(o) for o in drafts if o.anchor.start < d.anchor.start),
                                                           *_measured(m, d)]))
                    and not (d.anchor.left[0] >= d.anchor.left[1] and is_past(m, d.anchor.end, d.anchor.right[1]))
                    and (pledged is None or any(lo <= d.anchor.start < hi for lo, hi in pledged))]
            ids: dict[int, str] = {}
            general = next((t for t in reversed(before) if t.direction != "zero"), None)
            before, labelled = [], False
            for d in keep:
                target = self._target(doc, d, event, own_period, doc_id, drafts, ids, source)
                names = self._unit_label(target.indicator, event) if (head or general) and target.direction != "zero" else None
                if names is not None:
                    head, labelled = head or general, True
                    _break_down(target, head, names)  # type: ignore[arg-type]
                elif d.sub_marked and target.parent_id is None and target.direction != "zero" and general:
                    _narrow(target, general)  # "… đạt trên 80%. Trong đó, án rất nghiêm trọng …": the sentence before
                    if target.indicator_key is None and general.indicator_key is not None:  # … is a part of its measure
                        key = self.taxonomy.key(f"{target.indicator} {general.indicator}")
                        target.indicator_key = key if key != general.indicator_key else None
                ids[id(d)] = target.id
                before.append(target)
            if labelled and head is not None and head.value is None:
                figureless.add(head.id)  # "Kéo giảm số vụ …, cụ thể:" has its figures in the lines that follow
            head = head if labelled else None
            out.extend(before)
        return _dedupe([t for t in out if t.id not in figureless], source)

    def _member_targets(self, table: MemberTable, source: str, event: Event, doc_id: str) -> list[Target]:
        """Each column's targets: its head's indicator with each figure its cells give, for the members whose
        row gives it ("Giảm TNGT (%)" over "Công an tỉnh Lào Cai | 5": Lào Cai pledges to cut accidents by 5%).

        A cell is read as the table row "head ⇥ cell" would be, with the head's
        unit in brackets after a bare number; the evidence is the (first) cell itself.
        """
        out: list[Target] = []
        for column, (a, b) in enumerate(table.heads[1:], 1):
            head = _HEAD_UNIT.match(source[a:b].strip())
            label, unit = head["label"], head["unit"] or ""  # type: ignore[index]
            cells: dict[str, list[tuple[tuple[int, int], list[str]]]] = {}
            for row in table.rows:
                if column < len(row) and (value := source[slice(*row[column])].strip()):
                    member = source[slice(*row[0])].strip()
                    cell = (start := source.index(value, row[column][0]), start + len(value))
                    cells.setdefault(" ".join(value.split()), []).append((cell, self._unit_label(member, event) or [member]))
            for value, found in cells.items():
                if unit and value[-1:].isdigit():
                    value += unit if unit == "%" else f" {unit}"
                line = f"{label}\t{value}"  # a row of a table of indicators
                doc = self.nlp.make_doc(line)
                m = self.lexicon.match(doc)
                drafts = self.targets.sentence(doc, m, 0, len(doc))
                (start, end), members = found[0][0], list(dict.fromkeys(n for _, names in found for n in names))
                for d in drafts:
                    t = self._target(doc, d, event, event.period_year, doc_id, drafts, {}, line)
                    t.id = "tgt_" + _hash(doc_id, start, end, norm_phrase(t.indicator), t.direction, t.value, t.value_max)
                    t.evidence, t.units, t.parent_id = Span(start=start, end=end, text=source[start:end]), members, None
                    out.append(t)
        return out

    def _unit_label(self, label: str, event: Event) -> list[str] | None:
        """The units a figure's label names, when it names nothing but units: "Thái Nguyên", "Sở Xây dựng tỉnh
        Lạng Sơn, Cao Bằng", "Viễn thông Hậu Giang" (a member); None for any other label.

        A place gives the event's units in it, else the place as written.
        """
        parts = [p for p in _LABEL_PARTS.split(label.strip(" \t:-+")) if p]
        if not parts:
            return None
        members = {u.name.casefold(): u for u in event.units}
        names: list[str] = []
        for part in parts:
            part = part[:1].upper() + part[1:]
            place = self.gazetteer.canonical(part)
            if part.casefold() in members:
                names.append(members[part.casefold()].name)
            elif place is not None:
                names.extend([u.name for u in event.units if place in (u.province, u.province_now)] or [part])
            elif any(r.start == 0 and r.end == len(part) for r in self.units.lists(part)):
                names.append(part)
            else:
                return None
        return list(dict.fromkeys(names))

    def _target(self, doc: ViewDoc, d: Draft, event: Event | None, period: int | None, doc_id: str,
                drafts: list[Draft], ids: dict[int, str], text: str) -> Target:
        indicator = self._indicator_text(doc, d)
        key = self._key(doc, d, indicator, drafts)
        start, end = doc.doc_offsets(*d.span)
        value, value_max = value_of(d)
        baseline_year = d.baseline_year
        if d.baseline_relative and period is not None:
            baseline_year = period - 1
        parent = drafts[d.parent] if d.parent is not None else None
        confidence = round(max(0.1, d.confidence - (0.15 if key is None else 0)), 2)
        return Target(
            id="tgt_" + _hash(doc_id, start, end, norm_phrase(indicator), d.direction, value, value_max),
            event_id=event.id if event else None, parent_id=ids.get(id(parent)) if parent else None,
            indicator=indicator, indicator_key=key, direction=d.direction, comparator=d.comparator,  # type: ignore[arg-type]
            value=value, value_max=value_max, unit=d.unit, baseline_year=baseline_year, baseline=d.baseline,
            period_year=period, units=[u.name for u in event.units] if event else [],
            evidence=Span(start=start, end=end, text=text[start:end]), confidence=confidence, rule=d.rule)

    def _indicator_text(self, doc: ViewDoc, d: Draft) -> str:
        if d.indicator_override:
            return d.indicator_override
        body = " ".join(doc.doc_text(s, e) for s, e in d.pieces if e > s)
        text = " ".join(p for p in (d.prefix, body, d.suffix) if p)
        text = _unquoted(self._expand(text).strip(" ,.;:"))
        return text[:1].lower() + text[1:] if text[1:2].islower() else text

    def _expand(self, text: str) -> str:
        return self._abbreviation.sub(self._written_out, text)

    @cached_property
    def _abbreviation(self) -> re.Pattern[str]:
        """The abbreviations of ``_expand``, longest first.

        An abbreviation joined by "/" or "-" belongs to a document number
        ("số 05/2024/QĐ-UBND") and is left as written.  One ending in a full
        stop may run into the name it abbreviates the level of ("TP.Hải Phòng").
        """
        return re.compile(whole_words(sorted(self.abbreviations, key=len, reverse=True), r"[\w/-]",
                                      open_end=lambda short: short.endswith(".")))

    def _written_out(self, m: re.Match[str]) -> str:
        """An abbreviation's words; after one glued to the next word by its full stop, a space."""
        short = m.group()
        return self.abbreviations[short] + (" " if short.endswith(".") and _glued(m) else "")

    def _key(self, doc: ViewDoc, d: Draft, indicator: str, drafts: list[Draft]) -> str | None:
        """Taxonomy key of the indicator, else with its framing, else with a listed neighbour."""
        if d.unit in self.taxonomy.unkeyed_units:
            return None
        key = self.taxonomy.key(indicator)
        if key or d.direction == "zero":
            return key
        contexts = [doc.doc_text(s, e) for s, e in d.context]
        contexts += [self._indicator_text(doc, o) for o in drafts if o is not d and o.group == d.group and o.direction != "zero"]
        for extra in contexts:
            key = self.taxonomy.key(f"{indicator} {extra}")
            if key:
                return key
        return None


QUOTE_MARKS = "\"“”"
_QUOTE_MARK = re.compile(f"[{QUOTE_MARKS}]")


def _unquoted(text: str) -> str:
    """Quote marks off the ends of an indicator, unless they close a quoted term inside it (kiểu “xã hội đen”)."""
    def count() -> int:
        return sum(text.count(q) for q in QUOTE_MARKS)
    if not _QUOTE_MARK.search(text):  # most indicators
        return text
    if len(text) > 1 and text[0] in QUOTE_MARKS and text[-1] in QUOTE_MARKS and count() == 2:
        return text[1:-1].strip()
    while text and text[0] in QUOTE_MARKS and count() % 2:
        text = text[1:].lstrip()
    while text and text[-1] in QUOTE_MARKS and count() % 2:
        text = text[:-1].rstrip()
    if count() == 1:  # its pair was cut off with the words after it: trao tặng “Mái ấm tình thương
        text = _QUOTE_MARK.sub("", text, count=1).replace("  ", " ")
    return text


def _glued(m: re.Match[str]) -> bool:
    """An abbreviation ending in a full stop is written against the next word ("TP.Hải Phòng")."""
    return m.end() < len(m.string) and m.string[m.end()].isalnum()


def _measured(m: Matches, d: Draft) -> list[tuple[int, int]]:
    """The words of an indicator opening with what it measures, less a closing "đã": an "đã" before more
    of its words qualifies the noun ("tỷ lệ khách hàng đã cập nhật thông tin sinh trắc học đạt trên 95%");
    one closing it reports ("tỷ lệ điều tra khám phá án đã đạt 85%")."""
    if not (d.pieces and m.first_starting_at(MEASURE_WORDS, d.pieces[0][0])):
        return []
    lo, hi = d.pieces[0][0], d.pieces[-1][1]
    while hi > lo and (closing := m.first_ending_at(("past_markers", "modals"), hi, lo)):
        hi = closing[0]
    return [(lo, hi - 1)] if hi - 1 > lo else []


def _reach(d: Draft) -> tuple[int, int]:
    """The tokens a draft's target covers: its evidence and the words after its figure that are its own."""
    return d.span[0], max(d.span[1], d.anchor.right[1])


_HEAD_UNIT = re.compile(r"(?P<label>.*?)\s*(?:\((?P<unit>[^()]{1,20})\))?\s*$", re.S)  # "Giảm TNGT (%)"
_COUNTED = re.compile(r"[^\W\d_]+(?: [^\W\d_]+){0,2}")  # a unit cell of up to three words


def _group_unit(name: str, home: Unit | None) -> Unit:
    if home is None:
        return Unit(name=name, kind="group")
    return Unit(name=name, kind="group", province=home.province, province_code=home.province_code,
                province_now=home.province_now)


def _left_out(host: Unit, units: list[Unit]) -> bool:
    """The group's leader is one of its members: a list of two or more members of the leader's own kind that
    leaves it out was written as the others it signs with.  A member whose name ends the leader's, or the
    other way round, is the leader written shorter ("tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai")."""
    return len(units) >= 2 and host.kind != "group" and all(u.kind == host.kind for u in units) \
        and not any(host.name.endswith(u.name) or u.name.endswith(host.name) for u in units)


def _unique(units: list[Unit]) -> list[Unit]:
    seen: set[str] = set()
    out = []
    for u in units:
        if u.name not in seen:
            seen.add(u.name)
            out.append(u)
    return out


def head_end(text: str) -> int:
    """End of the headline: the first non-empty line, or the last of the short lines with no closing stop before
    the first paragraph (a page's site name, breadcrumb and date lines, a script's "Tít: …" line come before its
    headline or hold it)."""
    m = re.search(r"\S[^\n]*", text)
    if not m:
        return 0
    end, lines = m.end(), 1
    for line in _LINE.finditer(text, end):
        if len(line.group()) > HEADLINE_MAX_CHARS or line.group().rstrip().endswith(SENTENCE_ENDS) or lines == HEADLINE_LINES:
            break
        if line.group().strip():
            end, lines = line.end(), lines + 1
    return end


def _break_down(target: Target, head: Target, names: list[str]) -> None:
    """Make ``target``, a figure for the units ``names``, a part of ``head``: its measure, its parent (when
    ``head`` has a figure of its own) and its baseline."""
    target.indicator, target.indicator_key, target.units = head.indicator, head.indicator_key, names
    if head.value is not None:
        target.parent_id = head.id
    _take_baseline(target, head)


def _narrow(target: Target, general: Target) -> None:
    """Make ``target`` a part of ``general``: its parent, and its baseline when both measure a change."""
    target.parent_id = general.id
    _take_baseline(target, general)


def _take_baseline(target: Target, whole: Target) -> None:
    """A change with no baseline of its own is measured against its whole's."""
    if target.direction in CHANGES and target.baseline_year is None and target.baseline is None:
        target.baseline_year, target.baseline = whole.baseline_year, whole.baseline


def _dedupe(targets: list[Target], text: str) -> list[Target]:
    """A target stated twice is one target.

    A headline that repeats a body target gives way to the body's copy (which
    has the wording and the baseline); in the body, a later restatement ("“Chỉ
    tiêu giảm 10% tai nạn giao thông là chỉ tiêu khó”, Đại tá X nói") gives way
    to the first statement, unless it adds a baseline the first one lacks.  A
    quotation may name what it restates shorter ("“Chỉ tiêu nợ xấu dưới 1% …”"
    after "Tỷ lệ nợ xấu dưới 1%").
    """
    title_end = head_end(text)
    body = [t for t in targets if t.evidence.start >= title_end]
    kept: list[Target] = []
    same_as: dict[str, str] = {}  # a dropped copy's id → the kept target's, for the parents of what is kept
    for t in body:
        quoted = _in_quotation(text, t.evidence.start)
        first = next((k for k in kept if (_same(t, k) or (quoted and _shorter(t, k)))
                      and t.baseline_year in (None, k.baseline_year)), None)
        if first is None:
            kept.append(t)
        else:
            same_as[t.id] = first.id
    for t in (t for t in targets if t.evidence.start < title_end):
        copy = next((b for b in body if _same(t, b, headline=True)), None)
        if copy is None:
            kept.append(t)
        else:
            same_as[t.id] = same_as.get(copy.id, copy.id)
    for t in kept:
        t.parent_id = same_as.get(t.parent_id, t.parent_id) if t.parent_id else None
    return [t for t in targets if t.id not in same_as]


def _in_quotation(text: str, at: int) -> bool:
    """``at`` is inside quotation marks opened earlier on its line."""
    before = text[text.rfind("\n", 0, at) + 1:at]
    return before.count("“") > before.count("”")


def _shorter(a: Target, b: Target) -> bool:
    """``a`` has ``b``'s figures and names its measure with some of ``b``'s words."""
    return _figures(a) == _figures(b) and set(norm_phrase(a.indicator).split()) <= set(norm_phrase(b.indicator).split())


def _figures(t: Target) -> tuple:
    return t.direction, t.comparator, t.value, t.value_max, t.unit


def _same(a: Target, b: Target, headline: bool = False) -> bool:
    """``a`` and ``b`` name one target: the same figures, and the same wording or the same indicator key.

    A headline sums up in its own words: its figures are the body's target's,
    unless their keys differ, and its zero target is the body's one of the same key;
    in the body, two zero targets or two parts of "trong đó" lists may share a key.
    """
    if _figures(a) != _figures(b):
        return False
    if norm_phrase(a.indicator) == norm_phrase(b.indicator):
        return True
    if headline and a.direction != "zero" and a.indicator_key in (None, b.indicator_key):
        return True  # "Khối doanh nghiệp giao ước doanh thu 12,5 nghìn tỷ đồng" words the body's figure its own way
    if not (a.indicator_key and a.indicator_key == b.indicator_key):
        return False
    if headline:
        return a.parent_id == b.parent_id
    return a.direction != "zero" and a.parent_id is None and b.parent_id is None
