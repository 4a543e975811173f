"""Units stage: organisation names, member enumerations and their provinces.

"Công an 6 tỉnh: Thanh Hoá, Nghệ An, …", "Công an các huyện Tuy Phước, Phù Cát
và Vân Canh", "Cục Thuế 6 tỉnh: Nam Định (Cụm trưởng), …" are read as lists of
units whose names share the leading type and level; some types are followed
by the unit's own name, with no level ("Đồn Biên phòng Cửa khẩu Cầu Treo, Đồn
Biên phòng Nậm Cắn").  Names are capitalised, so this stage reads the document
text (all-capital header lines are title-cased first; that keeps their length,
so offsets stay exact).  Province names resolve through the gazetteer with the
date of the text.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from functools import lru_cache
from dataclasses import dataclass, field, replace

from .gazetteer import Gazetteer
from .models import Unit
from .normalise import fold_document, fold_tone_marks
from .segment import LIST_MARK, table_rows

UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper())  # Vietnamese capitals, all marks
NAME_WORD = rf"[{UPPER}0-9][\w]*"


def name_pattern(dash_stops: Iterable[str] = ()) -> str:
    """A capitalised name; a dash joins two of its parts ("Bà Rịa - Vũng Tàu") unless a word of ``dash_stops``
    follows it, which opens a role instead ("Công an tỉnh A - Cụm trưởng", "… - Khối phó")."""
    stop = rf"(?!(?:{alternation(dash_stops)})(?!\w))" if dash_stops else ""
    return rf"{NAME_WORD}(?:(?: +|[ \t]*-[ \t]*{stop}){NAME_WORD})*"  # a tab ends a table cell, and the name



# A run of horizontal blanks other than a lone " " (a blank that is not a space, or two
# blanks, then the rest of the run): what becomes one " " in the names copy.  Opening
# with a plain character class lets the regex engine skip to the next blank at once.
_ODD_BLANKS = re.compile(r"[^\S\n](?:(?<! )|[^\S\n])[^\S\n]*")
_LINE = re.compile(r"[^\n]+")
_DASH_QUOTE = {"\u2013": "-", "\u2014": "-", "\u2212": "-", "\u2011": "-", "\u201e": '"'}
_ODD_MARK = re.compile("[" + "".join(_DASH_QUOTE) + "]")
_CAPITAL = re.compile(f"[{UPPER}]")
_TRAILING_NUMBERS = re.compile(r"(?:\s+\d+)+$")
_TRAILING_LONG_NUMBERS = re.compile(r"(?:\s+\d{3,})+$")
_LEVEL_SEP = re.compile(r"\s*,\s*|\s+và\s+")
_DASHED_PART = re.compile(r"[^\s-](?:[^-]*[^\s-])?")  # a part of a name between dashes, without the blanks around them
_SCOPE_RANK = {"commune": 0, "district": 1, "any": 2, "province": 3}  # how wide a level word's division is
# A note in brackets after a member ("Công an tỉnh A (đơn vị Cụm trưởng năm 2023)", "… B [Cụm phó]"), held on one
# line: it gives the member's role and is not part of its name; the list goes on after it.
_ITEM_OPENING = re.compile(rf"[ \t]*{LIST_MARK}[ \t]+")  # all a line holds before its item: "- ", "2. "
_NOTE = r"\s*[(\[](?P<role>[^()\[\]\n]{1,120})[)\]]"
_NUMBERED = re.compile(r"số[ \t]+\d+(?!\w)")  # a unit named by its number ("Đội QLTT số 3")
_ABBREVIATION = r"\([^()\n]{1,30}\)(?=[ \t]+(?!và[ \t])\w)"  # written out in brackets inside a name: "Văn phòng Ủy ban nhân dân (UBND) tỉnh"; not a note before the last item: "(Cụm phó) và …"


def names_text(text: str) -> str:
    """The text as the name-reading stages see it: spacing, dashes and tone marks unified, capitals kept.

    Events and units output names and dates, never offsets, so this copy may be
    shorter than the document text.  Only the rare characters that change are
    substituted: ``str.translate``, or replacing every blank run including lone
    spaces, costs a step per character.
    """
    text = _ODD_MARK.sub(lambda m: _DASH_QUOTE[m.group()], fold_document(text))
    return _ODD_BLANKS.sub(_one_blank, text)


def _one_blank(blanks: re.Match[str]) -> str:
    """A tab stays one: it ends a table's cell, and a name never runs across it."""
    return "\t" if "\t" in blanks.group() else " "


def opening(words: Iterable[str], width: int = 3) -> str:
    """A look-ahead for the first letters of ``words`` in any case, to put before their alternation.

    The regex engine enters a case-insensitive alternation branch by branch at
    every position of the text; testing the first few letters as character
    classes (the first letters of all words, then the second letters, …) rules
    out most positions at once.  Every match opens with such letters, so no
    match changes.
    """
    words = list(words)
    width = min([width, *map(len, words)])
    classes = ("".join(sorted({w[i] for w in words})) for i in range(width))
    return "(?=(?i:" + "".join(f"[{re.escape(c)}]" for c in classes) + "))"


def alternation(words: Iterable[str], fold_case: bool = False) -> str:
    """A regex of literal ``words``, longest match first, written as a trie ("C(?:ông an|ục …)").

    It matches exactly what the plain alternation sorted longest first does,
    but the engine reads each letter once instead of trying every word in turn:
    inside ``(?i:…)`` it cannot skip a word by its first letter.  Inside
    ``(?i:…)`` pass ``fold_case``: letters are then keyed in lower case, so two
    words differing only in case share a branch.
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in (word.lower() if fold_case else word):
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:
        parts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not parts:
            return ""
        body = parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(trie) or "(?!)"


@lru_cache(maxsize=8)  # the units and events stages ask for the same document several times
def casefold_headers(text: str) -> str:
    """Title-case all-capital lines ("CÔNG AN TỈNH NGHỆ AN") so names read as names."""
    def fix(m: re.Match[str]) -> str:
        line = m.group(0)
        if line.isupper() and sum(c.isalpha() for c in line[:8]) >= 4:
            titled = line.title()
            return titled if len(titled) == len(line) else line
        return line
    return _LINE.sub(fix, text)


@dataclass
class Mention:
    """One organisation as written: ``Công an`` ``tỉnh`` ``Thanh Hoá``."""

    start: int
    end: int
    org_type: str
    kind: str
    level: str | None
    name: str | None          # the place name, or a unit's own name ("Nậm Cắn" of "Đồn Biên phòng Nậm Cắn"), as written
    role: str | None = None   # the bracketed note after it: "(Cụm trưởng)"
    whole: str | None = None  # national bodies: the full name
    within: str | None = None  # the wider place written after it: "Công an huyện A, tỉnh B" → "B"
    department: str | None = None  # the part of the force written before it: "Phòng Cảnh sát giao thông"


@dataclass
class UnitList:
    """A run of mentions sharing type and level: the way member units are listed."""

    items: list[Mention] = field(default_factory=list)
    announced: int | None = None  # "Công an 6 tỉnh" → 6
    start: int = 0
    end: int = 0


class UnitReader:
    """Organisation mentions and member lists of a document; built once per process."""

    def __init__(self, data: Mapping[str, object], gazetteer: Gazetteer, member_heads: Collection[str] = ()) -> None:
        """``member_heads``: the lower-case headers of a table's column of members ("đơn vị"), from the layout data."""
        self.gazetteer = gazetteer
        self.member_heads = member_heads
        types = sorted(data["org_types"], key=lambda t: -len(t["phrase"]))  # type: ignore[index]
        self.kinds = {t["phrase"].lower(): t["kind"] for t in types}
        self.type_length = max(p.count(" ") + 1 for p in self.kinds)  # words of the longest type
        self.canonical_type = {t["phrase"].lower(): t.get("canonical", t["phrase"]) for t in types}
        self.bare_province_types = {t["phrase"].lower() for t in types if t.get("bare_province")}
        levels: Mapping[str, str] = data["levels"]  # type: ignore[assignment]
        self.level_scope = {k.lower(): v for k, v in levels.items()}
        self.province_level = next(k for k, v in levels.items() if v == "province")  # "tỉnh"
        self.level_canonical = {k.lower(): v for k, v in data["level_canonical"].items()}  # type: ignore[union-attr]
        self.count_words: Mapping[str, int] = data["count_words"]  # type: ignore[assignment]
        self.member_cues = [c.lower() for c in data["member_cues"]]  # type: ignore[union-attr]
        self.name = name_pattern(data["name_dash_stops"])  # type: ignore[arg-type]
        stops = alternation(data["name_stops"])  # type: ignore[arg-type]
        self.name_stop = re.compile(rf"(?:{stops})(?!\w)")
        self.national = sorted(data["national_bodies"], key=len, reverse=True)  # type: ignore[arg-type]
        generic_heads = [*data["generic_type_heads"], *data.get("capitalised_heads", ())]  # type: ignore[misc]
        generic = "|".join(re.escape(h) for h in generic_heads)
        count_alt = r"\d+|các|" + "|".join(self.count_words)
        level_alt = alternation(levels, fold_case=True)
        cues = alternation(self.member_cues)
        organs = alternation(data.get("organs", ())) or "(?!)"  # type: ignore[arg-type]
        of = rf"(?:(?i:{alternation(data['type_links'])})[ \t]+)?"  # type: ignore[arg-type]  # "Sở X của 5 tỉnh: …"
        # a generic head, written with its capital, names up to a level word or a count of them ("Trung tâm Công tác
        # xã hội 5 tỉnh: …", "Văn phòng Đăng ký đất đai 5 địa phương: …"; not "hội trường Công an tỉnh"), not over a
        # member cue ("Hội LHPN Việt Nam gồm Hội LHPN 4 tỉnh, thành: …"); an organ of a body is not a type: "Ban
        # Thường vụ Đảng ủy 6 xã" lists the Party committees
        type_alt = alternation((t["phrase"] for t in types if not t.get("named")), fold_case=True) + rf"|(?!(?:{organs})[ \t])(?-i:(?:{generic})[ \t]+[{UPPER}])[\w]*(?:[ \t]+(?!(?i:{cues})(?!\w))[\w]+){{0,8}}?(?=(?:[ \t]*\([^()\n]{{1,30}}\))?[ \t]+{of}(?:(?:{count_alt})[ \t]+)?(?i:{level_alt})[ \t:,])"
        level_group = rf"(?i:{level_alt})(?:[ \t]*(?:,|[ \t](?i:và)[ \t])[ \t]*(?:(?:{count_alt})[ \t]+)?(?i:{level_alt}))*"  # "tỉnh", "xã, phường", "3 đặc khu và 3 phường"
        heads = alternation(data["name_heads"], fold_case=True)  # type: ignore[arg-type]
        forms = [form for form, _ in gazetteer.surface_forms()]
        provinces = alternation(forms, fold_case=True)
        # "… tỉnh" or "Tỉnh đoàn" with no name: the unit of the province the text is about
        self.implied_types = {t["phrase"].lower() for t in types if t.get("implies_province")}
        implied_before = "|".join(rf"(?<=(?i:{re.escape(w)}))" for w in [self.province_level, *self.implied_types])
        regions = alternation(data["list_regions"], fold_case=True)  # type: ignore[arg-type]
        qualifiers = alternation(data["level_qualifiers"], fold_case=True)  # type: ignore[arg-type]
        self.origin = re.compile(rf"(?<!\w)(?i:{alternation(data['origin_words'], fold_case=True)})(?!\w)")  # type: ignore[arg-type]
        links = alternation(data["qualifier_links"], fold_case=True)  # type: ignore[arg-type]
        self.head = re.compile(
            opening([t["phrase"] for t in types] + generic_heads) +
            rf"(?:(?P<type>(?i:{type_alt}))(?:[ \t]*\([^()\n]{{1,30}}\))?"  # "Cục Thi hành án dân sự (THADS) các tỉnh"
            rf"(?:[ \t]+{of}(?:(?P<count>(?i:{count_alt}))[ \t]+)?"
            rf"(?P<level>{level_group})"
            rf"(?:[ \t]+(?i:{qualifiers})(?:[ \t]*(?:,|và)[ \t]*(?i:{qualifiers}))*(?:[ \t]+(?i:{links}))?(?=[ \t]*:?[ \t]+[{UPPER}]|[ \t]*:[ \t]*(?i:{level_alt})[ \t]))?"  # "5 huyện miền núi A, B", "5 xã ven biển: A, B"
            rf"(?:[ \t]+(?i:{regions})[ \t][^:\n]{{1,60}}(?=:))?"  # "Cục Thống kê 6 tỉnh vùng Đông Bắc: Bắc Kạn, …"
            rf"|(?P<of_province>(?=[ \t]+(?i:{provinces})(?!\w))))"  # "KBNN Kon Tum, Gia Lai": no level word
            rf"{_named_branch([t['phrase'] for t in types if t.get('named')], self.count_words)})"
            rf"[ \t]*:?[ \t]*(?=[{UPPER}0-9]|(?i:{heads})[ \t]|(?:(?<=:)|(?<=: ))(?i:{level_alt})[ \t]"  # "5 địa phương: thành phố A, tỉnh B"
            rf"|(?P<implied>(?:{implied_before})(?:[ \t](?i:và)[ \t]|[,;.(\n])))")  # "Hội Nông dân tỉnh, …"
        # "UBND 6 xã, phường" said with no names: the type of members listed one per line by their level alone
        self.typed_count = re.compile(
            opening([t["phrase"] for t in types] + generic_heads) + rf"(?P<type>(?i:{type_alt}))[ \t]+(?:(?P<count>(?i:{count_alt}))[ \t]+)"
            rf"(?P<level>{level_group})(?![ \t]*:|[ \t]+[{UPPER}])")
        self.level_line = re.compile(rf"^[ \t]*{LIST_MARK}[ \t]+(?=[{UPPER}])(?P<level>(?i:{level_alt}))[ \t]+(?P<name>{self.name})(?:{_NOTE})?", re.M)
        bare = data["bare_list_kinds"]  # type: ignore[index]
        self.bare_kinds = {k.lower(): v for k, v in bare.items()}  # type: ignore[union-attr]
        cue_alt = alternation(self.member_cues, fold_case=True)
        bare_alt = alternation(bare, fold_case=True)  # type: ignore[arg-type]
        self.bare_head = re.compile(
            opening(self.member_cues) + rf"(?i:{cue_alt})[ \t]+(?:(?P<count>(?i:{count_alt}))[ \t]+)?(?P<level>(?i:{bare_alt}))[ \t]*:?[ \t]*(?=[{UPPER}])")
        self.level_item = re.compile(rf"(?:(?i:các)[ \t]+)?(?P<level>(?i:{level_alt}))[ \t]+(?=[{UPPER}0-9])")  # "…, Quận 3", "…, các tỉnh A, B"
        self.item = re.compile(rf"(?P<name>(?:(?i:{heads})[ \t]+)?{self.name})(?:{_NOTE})?")
        # between members: ", ", " và ", " cùng ", or the end of a numbered or bulleted line ("1. Công an tỉnh A;\n2. …")
        joiners = alternation(data["list_joiners"])  # type: ignore[arg-type]
        self.sep = re.compile(rf"(?:\s*(?:,\s*và|,|{joiners})\s+|[ \t]*;[ \t]*\n\s*)(?:{LIST_MARK}[ \t]+)?"
                              rf"|[ \t]*\n\s*{LIST_MARK}[ \t]+")
        self.province_mention = re.compile(opening(["tỉnh", "thành phố"]) + rf"(?<!\w)(?i:tỉnh|thành phố)[ \t]+(?P<name>{self.name})")
        below = "".join(rf"(?<!(?i:{re.escape(k)})[ \t])" for k, v in levels.items() if v in {"district", "commune"})
        # a province's name written bare ("Sở Y tế Sóc Trăng"), not as a place below one ("phường Bạc Liêu")
        self.bare_province = re.compile(rf"{opening(forms)}(?<!\w){below}(?i:{provinces})(?!\w)")
        self.national_re = re.compile("|".join(re.escape(n) for n in self.national)) if self.national else None
        departments = sorted(data.get("departments", []), key=len, reverse=True)  # type: ignore[attr-defined]
        self.departments = {d.lower(): d for d in departments}
        self.department_force = str(data.get("department_force", ""))
        alt = alternation(departments, fold_case=True)
        first = opening(departments) if departments else ""
        self.department_re = re.compile(rf"{first}(?<!\w)(?P<dept>(?i:{alt}))[ \t]+$")
        self.department_item = re.compile(rf"{first}(?<!\w)(?P<dept>(?i:{alt}))(?!\w)(?:{_NOTE})?")
        # "Khối gồm 6 phòng: Cảnh sát hình sự, …": the departments' type word said once, before the list
        kind = str(data.get("department_type", ""))
        self.bare_departments = {d[len(kind) + 1:].lower(): d for d in departments if kind and d.startswith(kind + " ")}
        self.department_cue = re.compile(rf"(?<!\w)(?:{count_alt})[ \t]+(?i:{re.escape(kind)})(?:[ \t]+\w+){{0,2}}[ \t]*:[ \t]*") \
            if self.bare_departments else None
        self.bare_department_item = re.compile(
            rf"(?P<dept>(?i:{alternation(self.bare_departments, fold_case=True)}))(?!\w)(?:{_NOTE})?") if self.bare_departments else None
        head_alt = alternation({*(t["phrase"] for t in types), *data["generic_type_heads"], *data["list_heads"]})  # type: ignore[misc]
        self.provincial_heads = {h.lower() for h in data["provincial_heads"]}  # type: ignore[union-attr]
        self.provincial_tails = tuple(t.lower() for t in data.get("provincial_tails", ()))  # type: ignore[union-attr]
        self.list_cue = re.compile(opening(self.member_cues) + rf"(?<!\w)(?i:{cue_alt})(?:[ \t]*:)?[ \t]+(?:[^:\n.;]{{1,40}}:[ \t]*)?(?=(?:{head_alt})(?!\w))")
        # an item: a head word and the name after it, up to a separator or its bracketed note
        stops = alternation(data["item_stops"])  # type: ignore[arg-type]
        # "Đội đặc nhiệm phòng, chống …": a comma inside a wording of a name
        comma_words = "".join(rf"|(?<={re.escape(a)}),(?=[ \t]*{re.escape(b.strip())})"
                              for a, b in (w.split(",", 1) for w in data.get("name_commas", ())))  # type: ignore[attr-defined]
        self.list_item = re.compile(rf"(?P<name>(?P<head>{head_alt})(?!\w)(?:(?![ \t]+(?:và[ \t]+(?:{head_alt})|{stops})(?!\w))"
                                    rf"(?:[^,;.:()\n]|{_ABBREVIATION}{comma_words}))*)(?:{_NOTE})?")
        # after a first item of a type ("THPT Hải Hậu A (Cụm trưởng), Hải Hậu B, …"): what comes before a bare name
        self.bare_sep = re.compile(rf"[ \t]*(?:,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)(?=[{UPPER}])")
        labels = alternation(data["party_labels"], fold_case=True)  # type: ignore[arg-type]
        self.party_line = re.compile(rf"^[ \t]*(?i:{labels})[ \t]+[A-ZĐ][ \t]*:[ \t]*(?P<name>[^\n():]{{3,150}}?)"
                                     rf"(?:[ \t]*\((?P<role>[^()\n]{{1,40}})\))?[ \t]*$", re.MULTILINE)
        self.list_sep = re.compile(rf"[ \t]*(?:,[ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+)(?=(?:{head_alt})(?!\w)|{_NUMBERED.pattern})")

    def type_words(self, words: list[str]) -> int:
        """How many of ``words`` the longest organisation type they open spans ("Sở Văn hóa, Thể thao và Du
        lịch …" → 7); 0 when they open none."""
        lowered = " ".join(words[:self.type_length]).lower()
        best = 0
        for phrase in self.kinds:
            if lowered.startswith(phrase) and (len(lowered) == len(phrase) or not lowered[len(phrase)].isalnum()):
                best = max(best, phrase.count(" ") + 1)
        return best

    # -- mentions ---------------------------------------------------------------------------------
    def lists(self, text: str) -> list[UnitList]:
        """Every organisation run in the text, in order; single mentions are lists of one."""
        text = casefold_headers(text)
        out: list[UnitList] = []
        for head in (self.head, self.bare_head):
            pos = 0
            while m := head.search(text, pos):
                run = self._read_run(text, m)
                if len(run.items) == 1 and run.items[0].name is None and not run.items[0].whole:
                    run.items = []  # "Công an tỉnh, …" alone: the text's own force, named elsewhere in full
                if run.items:
                    self._department(text, run)
                    out.append(run)
                pos = max(run.end, m.end())
        out.extend(self._department_runs(text, out))
        out.extend(self._level_lines(text, out))
        return sorted(out, key=lambda r: r.start)

    def _level_lines(self, text: str, runs: list[UnitList]) -> list[UnitList]:
        """Members one per line by their level alone, under a member cue, of the type a count says elsewhere:
        "Cụm gồm 3 phường và 3 xã:⏎- Phường Đồng Hới (Cụm trưởng), sáp nhập từ …;⏎- Xã Quảng Ninh, …" with "Lãnh
        đạo UBND 6 xã, phường ký kết" (each "UBND phường Đồng Hới")."""
        lines = [m for m in self.level_line.finditer(text) if not any(r.start <= m.start() < r.end for r in runs)]
        out: list[UnitList] = []
        k = 0
        while k < len(lines):
            block = [lines[k]]
            while k + 1 < len(lines) and text.count("\n", block[-1].start(), lines[k + 1].start()) == 1:
                k += 1
                block.append(lines[k])
            k += 1
            cue_line = text[text.rfind("\n", 0, max(0, block[0].start() - 1)) + 1:block[0].start()].lower()
            if len(block) < 2 or not _after_colon(text, block[0].start()) or not any(c in cue_line for c in self.member_cues):
                continue
            typed = next((m for m in self.typed_count.finditer(text) if self._announced(m) in (None, len(block))), None)
            if typed is None:
                continue
            org_type = self._type(typed.group("type"))
            items = [Mention(m.start("level"), m.end("name"), org_type, self._kind(typed.group("type"), m.group("level")),
                             m.group("level").lower(), _trim_name(m.group("name")), self._note(m)) for m in block]
            out.append(UnitList(items, len(block), items[0].start, block[-1].end()))
        return out

    def _department_runs(self, text: str, runs: list[UnitList]) -> list[UnitList]:
        """Departments named alone, of the force the text is about: "Khối gồm 5 phòng nghiệp vụ: Phòng Cảnh
        sát giao thông (Khối trưởng), Phòng Cảnh sát hình sự và …", or after their type word said once: "Khối
        gồm 6 phòng: Cảnh sát hình sự (Khối trưởng), Cảnh sát kinh tế và …" (each "Phòng Cảnh sát …")."""
        out: list[UnitList] = []
        if self.department_cue is not None and self.bare_department_item is not None:
            for cue in self.department_cue.finditer(text):
                run = self._read_departments(text, self.bare_department_item.match(text, cue.end()),
                                             self.bare_department_item, self.bare_departments, [])
                if run.items:
                    out.append(run)
        taken = [(r.start, r.end) for r in [*runs, *out]]
        pos = 0
        while m := self.department_item.search(text, pos):
            run = self._read_departments(text, m, self.department_item, self.departments, taken)
            if run.items:
                out.append(run)
            pos = max(run.end, m.end(), pos + 1)
        return out

    def _read_departments(self, text: str, m: re.Match[str] | None, item: re.Pattern[str], names: Mapping[str, str],
                          taken: list[tuple[int, int]]) -> UnitList:
        """The run of departments from the item ``m`` on, each named by ``names`` of its words, up to a span of
        ``taken`` (read as another list)."""
        run = UnitList(start=m.start() if m else 0)
        while m and not any(a <= m.start() < b for a, b in taken):
            run.items.append(Mention(m.start(), m.end("dept"), "", "police", None, None, self._note(m),
                                     department=names[m.group("dept").lower()]))
            run.end = m.end()
            sep = self.sep.match(text, m.end())
            m = item.match(text, sep.end()) if sep else None
        return run

    def _department(self, text: str, run: UnitList) -> None:
        """"Phòng CSGT Công an các tỉnh A, B": the run's units of that type are that department of each force."""
        found = self.department_re.search(text, max(0, run.start - 120), run.start)
        if found is None:
            return
        department = self.departments[found.group("dept").lower()]
        first = run.items[0]
        for item in run.items:
            if item.org_type == first.org_type:
                item.department = department
        run.start = first.start = found.start()

    def _read_run(self, text: str, head: re.Match[str]) -> UnitList:
        run = UnitList(start=head.start())
        run.announced = self._announced(head)
        org_type, level = _type_and_level(head)
        pos = head.end()
        while True:
            switch = self.level_item.match(text, pos)
            before = self._level_of(run.items[-1], level) if switch and run.items else ""
            if switch and before and self.level_scope.get(self._single_level(before)) == "province" \
                    and self.level_scope.get(self._single_level(switch.group("level"))) in {"district", "commune"}:
                break  # "Sở X tỉnh Điện Biên, phường Mường Thanh, …": an address, not another member
            if switch and run.items and self._wider(switch.group("level"), before):
                end = self._qualify(text, switch, run)  # "Công an huyện A, tỉnh B": where A is, not a member
            else:
                switched = switch.group("level") if switch else None
                if switch:  # "Công an các huyện A, B và thị xã C": the type carries over, the level changes
                    pos = switch.end()
                read = self._read_item(text, pos, head, run, org_type, switched or level)
                end, org_type, after = read if read else (None, org_type, level)
                if switched is None or after != switched or self.level_scope.get(switched.lower()) != "any":
                    level = after  # but "các tỉnh, thành: A, TP. Cần Thơ và Cà Mau": a city's word is its own
            if end is None:
                break
            run.end = end
            sep = self.sep.match(text, end)
            if not sep or not (_CAPITAL.match(text, sep.end()) or self.level_item.match(text, sep.end())):
                break
            if "\n" in sep.group() and not self.head.match(text, sep.end()):
                break  # on the next line, only a whole mention continues the list ("2. Quán triệt …" does not)
            pos = sep.end()
        return run

    def _announced(self, head: re.Match[str]) -> int | None:
        """The count of members a head announces: "Công an 6 tỉnh" → 6, "3 đặc khu và 3 phường" → 6."""
        written = [head.group("count") or ""] + [part.split(maxsplit=1)[0] for part in _LEVEL_SEP.split(head.group("level") or "")[1:]]
        counts = [int(w) if w.isdigit() else self.count_words.get(w.lower()) for w in written if w]
        return sum(c for c in counts if c is not None) or None

    def _read_item(self, text: str, pos: int, head: re.Match[str], run: UnitList, org_type: str, level: str
                   ) -> tuple[int, str, str] | None:
        """Add the item at ``pos`` to ``run``; where it ends, and the type and level that hold after it."""
        item = self.item.match(text, pos)
        start = head.start() if not run.items else pos
        if nested := self.head.match(text, pos):  # the item is itself a full mention: new type/level
            start, (org_type, level), head = pos, _type_and_level(nested), nested
            item = self.item.match(text, nested.end())
        elif self.name_stop.match(text, pos):
            return None
        implied = head.groupdict().get("implied") is not None
        if run.items and implied != (run.items[0].name is None):
            return None  # a list of the text's own province's bodies holds only such mentions, and they only it
        if implied:  # "Liên đoàn Lao động tỉnh, Tỉnh đoàn, Hội Nông dân tỉnh …"
            if run.items and not nested:
                return None
            run.items.append(Mention(start, head.end(), self._type(org_type), self._kind(org_type, level), level, None))
            return head.end(), org_type, level
        if not item:
            return None
        name, note = _trim_name(item.group("name"), own=not level), self._note(item)
        parts = self._provinces_by_dash(name)
        if (nested or head).groupdict().get("of_province") is not None:  # "Công an Vĩnh Phúc": only provinces are named so
            if not all(self.gazetteer.canonical(part) for _, part in parts):
                return None
            if org_type.lower() not in self.bare_province_types:
                level = self.province_level  # the unit is named in full; its province's own level word is used
        for k, (offset, part) in enumerate(parts):
            run.items.append(Mention(start if k == 0 else item.start() + offset, item.start() + offset + len(part),
                                     self._type(org_type), self._kind(org_type, level), level, part,
                                     note if k == len(parts) - 1 else None))
        return (item.end() if note else item.start() + len(name)), org_type, level

    def _provinces_by_dash(self, name: str) -> list[tuple[int, str]]:
        """A name and its offset, or the provinces it lists with dashes ("Đồng Tháp - Vĩnh Long - An Giang"),
        each with its offset in the name; a province whose own name holds a dash ("Bà Rịa - Vũng Tàu") is one."""
        parts = [(m.start(), m.group()) for m in _DASHED_PART.finditer(name)]
        if len(parts) < 2 or self.gazetteer.canonical(name) \
                or not all(self.gazetteer.canonical(part) for _, part in parts):
            return [(0, name)]
        return parts

    def _note(self, item: re.Match[str]) -> str | None:
        """The bracketed note after an item, if it is one.

        Brackets that name units hold a list of their own ("Công an Thành phố Hồ
        Chí Minh (gồm Công an Quận 1, Quận 3 …)"): the run ends before them, so
        the search for lists reads them next.
        """
        note = (item.group("role") or "").strip()
        if not note:
            return None
        head = self.head.search(note) or self.bare_head.search(note)
        # but the bodies a member was formed from are its history ("Đắk Lắk (Cụm trưởng; hợp nhất từ Sở … hai tỉnh
        # Đắk Lắk và Phú Yên)")
        return note if head is None or self.origin.search(note, 0, head.start()) else None

    def _wider(self, level: str, than: str) -> bool:
        """Is ``level`` a wider division than ``than`` ("tỉnh" after "huyện")?

        A unit named without a level ("Đồn Biên phòng Nậm Cắn, huyện Kỳ Sơn")
        lies inside any division written after it.
        """
        def rank(written: str) -> int:
            return _SCOPE_RANK[self.level_scope.get(self._single_level(written), "any")] if written else -1
        return rank(level) > rank(than)

    def _level_of(self, mention: Mention, level: str) -> str:
        """The level a mention is at: "thành phố" naming a province ("thành phố Đà Nẵng") is a province's."""
        if self.level_scope.get(self._single_level(level)) == "any" and mention.name and self.gazetteer.canonical(mention.name):
            return self.province_level
        return level

    def _qualify(self, text: str, switch: re.Match[str], run: UnitList) -> int | None:
        """Note the wider place after a run's items on those items; where its name ends."""
        item = self.item.match(text, switch.end())
        if not item:
            return None
        place = _trim_name(item.group("name"))
        for mention in run.items:
            if mention.within is None and self._wider(switch.group("level"), mention.level or ""):
                mention.within = place
        return item.start() + len(place)

    def _type(self, written: str) -> str:
        return self.canonical_type.get(written.lower(), written)

    def _kind(self, written: str, level: str) -> str:
        """Unit kind of a type ("Công an" → police); a list of bare levels takes the level's kind."""
        if not written:
            return self.bare_kinds.get(self._single_level(level), "other")
        return self.kinds.get(written.lower(), "agency")

    def national_bodies(self, text: str) -> list[tuple[int, int, str]]:
        if self.national_re is None:
            return []
        return [(m.start(), m.end(), m.group(0)) for m in self.national_re.finditer(text)]

    # -- units --------------------------------------------------------------------------------------
    def national_unit(self, name: str) -> Unit:
        """A national body as a unit: of no province, of the kind of the type its name holds ("Bộ Công an")."""
        low = name.lower()
        kind = next((k for phrase, k in self.kinds.items() if phrase in low), "agency")
        return Unit(name=name, kind=kind)  # type: ignore[arg-type]

    def unit(self, mention: Mention, on: dt.date | None, home: Unit | None = None, region: str | None = None) -> Unit:
        """The contract's Unit for a mention; ``home``, else ``region``, gives the province of district-level units.

        A unit named without a level word ("Đồn Biên phòng Nậm Cắn") keeps its
        name as written; a name that is also a province's still gives the unit
        that province, and so does a province written in brackets after it
        ("Trại giam Suối Tre (Đồng Nai)").
        """
        if mention.department and not mention.org_type:  # a department of the force the text is about
            place = self.gazetteer.resolve(region, on) if home is None and region and self.department_force else None
            if place is not None:  # the force of the one province the text names
                home = Unit(name=f"{self.department_force} {place.level} {place.name}", kind="police", province=place.name,
                            province_code=place.code, province_now=place.province_now)
            if home is None:
                return Unit(name=mention.department, kind=mention.kind)  # type: ignore[arg-type]
            return home.model_copy(update={"name": f"{mention.department} {home.name}", "kind": mention.kind})
        level = self._single_level(mention.level or "")
        if mention.name is None and not mention.whole and (level == self.province_level
                                                            or mention.org_type.lower() in self.implied_types
                                                            or mention.org_type.lower().endswith(self.provincial_tails)):
            mention = replace(mention, name=home.province if home and home.province else region)
        # a body named after its place ("Trường Cao đẳng Vĩnh Phúc") is where that place is now
        find = self.gazetteer.resolve if level else self.gazetteer.in_force
        ref = find(mention.name, on) if mention.name else None
        scope = self.level_scope.get(level, "any")
        department = f"{mention.department} " if mention.department else ""
        if ref is not None and level and scope in {"province", "any"} and (scope == "province" or ref.level == "thành phố"):
            return Unit(name=f"{department}{mention.org_type} {ref.level} {ref.name}".strip(), kind=mention.kind,  # type: ignore[arg-type]
                        province=ref.name, province_code=ref.code, province_now=ref.province_now)
        place = fold_tone_marks(mention.name or "")
        if place.isdigit():  # "Quận 1", "Phường 7": the level word is part of the name
            level = level.capitalize()
        name = " ".join(part for part in (mention.department, mention.org_type, level, place) if part)
        below = scope in {"district", "commune"}  # "phường Bạc Liêu" is named after a province, not in it
        around = self.gazetteer.resolve(region, on) if region and (below or (scope == "any" and ref is None)) else None
        # a district named like a province ("huyện Quảng Ninh" of Quảng Bình) is in the text's province, if it has one
        province = (None if below else ref) or (self.gazetteer.resolve(mention.within, on) if mention.within else None) \
            or next(filter(None, (self.gazetteer.resolve(part, on) for part in (mention.role or "").split(","))), None) \
            or (self.gazetteer.resolve(home.province, on) if home and home.province else None) \
            or (around if below else None) or ref or around
        if province is None:
            return Unit(name=name, kind=mention.kind)  # type: ignore[arg-type]
        return Unit(name=name, kind=mention.kind, province=province.name,  # type: ignore[arg-type]
                    province_code=province.code, province_now=province.province_now)

    def region(self, text: str, on: dt.date | None) -> str | None:
        """The one province a text names with its level word ("… thuộc Công an tỉnh Bình Thuận"), if it
        names exactly one: where units named below the province level are ("Công an huyện Hàm Tân").

        A text naming none that way may name one bare, as provincial bodies
        write it ("Sở Y tế Sóc Trăng"): a capitalised name, not after a level
        word below the province's.  Provinces count as the list in force at
        ``on`` has them: a 2026 text telling how Công an tỉnh Long An merged into
        Công an tỉnh Tây Ninh names one province.
        """
        found = {ref.name for m in self.province_mention.finditer(text)
                 if (ref := self.gazetteer.in_force(m["name"], on)) is not None}
        if not found:
            found = {ref.name for m in self.bare_province.finditer(text)
                     if m.group()[0].isupper() and (ref := self.gazetteer.in_force(m.group(), on)) is not None}
        return found.pop() if len(found) == 1 else None

    def _single_level(self, level: str) -> str:
        """"các huyện, thị xã" lists share the first level word; canonical spelling."""
        first = _LEVEL_SEP.split(level.strip(), maxsplit=1)[0].lower()
        return self.level_canonical.get(first, first)

    def member_list(self, text: str, runs: list[UnitList]) -> UnitList | None:
        """The list of members: one after "gồm", else the longest list of two or more (the first of equals: an
        aside naming two units comes before the list of all); a list after "gồm" of bodies named as a province's
        own write them ("gồm Sở Nội vụ (Khối trưởng), Sở Tư pháp, Thanh tra tỉnh …") when it names more than the
        mentions read so."""
        lists = [run for run in runs if len({(i.department, i.org_type, i.name) for i in run.items}) >= 2]
        lowered = text.lower()
        cued = next((run for run in lists if any(cue in lowered[max(0, run.start - 40):run.start]
                                                  for cue in self.member_cues)), None)
        # lists read their own way: by the bodies' names, one per line, the parties of minutes
        for read in (lambda: self.named_list(text),
                     lambda: self.table_list(text) or _line_list(text, runs) or self.party_list(text)):
            found = read()
            if found is not None and (cued is None or len(found.items) > len(cued.items)):
                return found
        counted = next((run for run in lists if run.announced == len(run.items)), None)  # "… 6 tỉnh: A, B, …"
        return cued or counted or (max(lists, key=lambda run: len(run.items)) if lists else None)

    def named_list(self, text: str) -> UnitList | None:
        """The first list after a member cue whose every item opens with an organisation's head word.

        Bodies of one province are listed by their own names ("Sở Tư pháp",
        "Văn phòng Ủy ban nhân dân tỉnh", "Đại học Trà Vinh"); each becomes a
        mention of its whole name, whose province is the one the text is about
        unless the name ends with a province's.  A head word after "và" starts
        the next item ("… và Sở Kế hoạch và Đầu tư").
        """
        text = casefold_headers(text)
        lowered = text.lower()  # finding the cue words first is many times faster than a regex search
        if len(lowered) == len(text):
            cues = filter(None, (self.list_cue.match(text, at)
                                 for at in sorted({at for word in self.member_cues for at in _find_all(lowered, word)})))
        else:  # a character whose lower case is longer ("İ"): offsets differ, search the text itself
            cues = self.list_cue.finditer(text)
        for cue in cues:
            run = UnitList(start=cue.start())
            pos = cue.end()
            prefix: str | None = None  # the first item's words the others leave out
            first_name = ""
            while item := (self.item.match(text, pos) if prefix else self.list_item.match(text, pos)
                           or (run.items and _NUMBERED.match(text, pos))):
                if prefix:
                    run.items.append(self._named(item.start(), item.end(), f"{prefix} {item.group('name')}",
                                                 run.items[0].kind, self._note(item)))
                elif "head" in item.re.groupindex:
                    run.items.append(self._named_item(item))
                    first_name = first_name or item.group("name")
                else:  # "Đội QLTT số 2, số 3": the number of another of the kind just named
                    last = run.items[-1]
                    run.items.append(replace(last, start=item.start(), end=item.end(), role=None,
                                             org_type=_NUMBERED.sub(item.group(), last.org_type)))
                run.end, pos = item.end(), item.end()
                if sep := (self.bare_sep if prefix else self.list_sep).match(text, pos):
                    pos = sep.end()
                elif len(run.items) == 1 and (sep := self.bare_sep.match(text, pos)) \
                        and (bare := self.item.match(text, sep.end())):
                    # "THPT Hải Hậu A (Cụm trưởng), Hải Hậu B, …": the first item's type and level, said once
                    prefix, pos = self._left_out(first_name, bare.group("name")), sep.end()
                    if prefix is None:
                        break
                else:
                    break
            if len(run.items) >= 2:
                return self._placed_by_last(run)
        return None

    def _placed_by_last(self, run: UnitList) -> UnitList:
        """"Thuế cơ sở 5, Thuế cơ sở 3 và Thuế cơ sở 7 tỉnh Nghệ An": the place closing the last item is every
        item's that names none."""
        last = run.items[-1]
        level = last.org_type.rsplit(" ", 1)[-1]
        if last.name is None or level.lower() not in self.level_scope:
            return run
        run.items = [replace(i, org_type=f"{i.org_type} {level}", name=last.name) if i.name is None and i.level is None
                     else i for i in run.items]
        return run

    def _left_out(self, first: str, second: str) -> str | None:
        """The words of a list's ``first`` item that the next item, written ``second``, leaves out: up to its level
        word ("Bệnh viện Đa khoa huyện Tân Uyên", "Than Uyên"), else as many as ``second`` is shorter by."""
        words = first.split()
        level = max((k for k, w in enumerate(words[:-1]) if w.lower() in self.level_scope), default=None)
        keep = level + 1 if level is not None else len(words) - len(second.split())
        return " ".join(words[:keep]) if keep >= 1 else None

    def _named_item(self, item: re.Match[str]) -> Mention:
        return self._named(item.start(), item.end(), item.group("name"), self.kinds.get(item.group("head").lower(), "agency"),
                           self._note(item))

    def _named(self, start: int, end: int, written: str, kind: str, role: str | None) -> Mention:
        """A body named by its own name; where its province comes from is said by how the name ends."""
        words = re.sub(_ABBREVIATION, "", written).split()
        name = " ".join(words)
        level = next((w for w in (" ".join(words[-2:]).lower(), words[-1].lower()) if w in self.level_scope), None)
        if level is not None:  # "Thanh tra tỉnh": the text's own province
            return Mention(start, end, name[:-len(level)].strip(), kind, level, None, role)
        for k in range(1, min(4, len(words))):  # "Đại học Bạc Liêu": a province's name closes it
            place = " ".join(words[-k:])
            if self.gazetteer.canonical(place):
                return Mention(start, end, " ".join(words[:-k]), kind, None, place, role)
        if name.lower().endswith(self.provincial_tails):  # "Ban Tổ chức Tỉnh ủy": of the province's Party committee
            return Mention(start, end, name, kind, None, None, role)
        if words[0].lower() in self.provincial_heads or " ".join(words[:2]).lower() in self.provincial_heads:
            # "Sở Nội vụ": a department of the province
            return Mention(start, end, name, kind, self.province_level, None, role)
        return Mention(start, end, name, kind, None, None, role)

    def party_list(self, text: str) -> UnitList | None:
        """The parties of signing minutes, one per line: "BÊN A: CÔNG TY CỔ PHẦN CẤP THOÁT NƯỚC LÂM ĐỒNG (Khối
        trưởng)", "Bên B: …"."""
        run = UnitList()
        for m in self.party_line.finditer(text):
            if not run.items:
                run.start = m.start()
            run.items.append(self._whole_name(m.start("name"), m.end(), m.group("name"), m.group("role")))
            run.end = m.end()
        return run if len(run.items) >= 2 else None

    def table_list(self, text: str) -> UnitList | None:
        """The longest table column of members, one per row, under a header of ``member_heads``: "STT⇥Đơn vị⇥Nhiệm
        vụ trong Khối" over "1⇥Công an thành phố Hải Phòng⇥Khối trưởng"; the row's other cells are its role."""
        if "\t" not in text:
            return None  # most texts: no table
        best: UnitList | None = None
        column: int | None = None
        for line, cells, header in table_rows(text):
            if header is not None:
                heads = [text[a:b].strip().lower() for a, b in cells] if header else []
                column = next((k for k, h in enumerate(heads) if h in self.member_heads), None)
                run = UnitList(start=line.start())
            elif column is not None and column < len(cells) and (written := text[slice(*cells[column])].strip()):
                role = " ".join(text[a:b].strip() for k, (a, b) in enumerate(cells) if k != column)
                run.items.append(self._whole_name(cells[column][0], cells[column][1], written, role))
                run.end = line.end()
                if len(run.items) >= 2 and (best is None or len(run.items) > len(best.items)):
                    best = run
        return best

    def _whole_name(self, start: int, end: int, written: str, role: str | None) -> Mention:
        """A member written as its whole name, of the kind its head word gives; one written in capitals is read in
        title case."""
        written = written.strip()
        if written.isupper():  # "CÔNG TY TNHH …" → "Công Ty TNHH …": a word with no vowel is an abbreviation
            written = " ".join(w.title() if _has_vowel(w) else w for w in written.split())
        head = next((t for t in self.kinds if written.lower().startswith(t)), None)
        return self._named(start, end, written, self.kinds[head] if head else "other", (role or "").strip() or None)


def _named_branch(types: list[str], count_words: Iterable[str]) -> str:
    """The head regex's branch for types followed by the unit's own name, no level ("Đồn Biên phòng Nậm Cắn").

    Such a type is part of a proper name and written with its capital; in lower
    case it is a common noun, which still lists units after a plural ("các đồn
    Biên phòng Cầu Treo, Nậm Cắn"), or the tail of another name: "Bộ đội Biên
    phòng Việt Nam" holds no "Đội Biên phòng".  The types' own first letters
    are tested before the look-behinds, which would otherwise run wherever the
    head's opening letters stand ("Bộ", "Hội").  No such types, no branch: an
    empty alternation would match everywhere.
    """
    if not types:
        return ""
    plurals = "".join(rf"|(?<=(?i:{re.escape(w)})[ \t])" for w in ["các", *count_words])
    named = "|".join(re.escape(t) for t in types)
    return rf"|{opening(types, width=4)}(?:(?=[{UPPER}])|(?<=\d[ \t]){plurals})(?P<named>(?i:{named}))"


def _type_and_level(head: re.Match[str]) -> tuple[str, str]:
    """The type and level words of a mention's head; a type that opens a unit's own name has no level."""
    found = head.groupdict()
    return found.get("type") or found.get("named") or "", found.get("level") or ""


def _find_all(text: str, word: str) -> list[int]:
    """Where ``word`` starts in ``text``."""
    out, at = [], text.find(word)
    while at >= 0:
        out.append(at)
        at = text.find(word, at + 1)
    return out


def _trim_name(name: str, own: bool = False) -> str:
    """Drop a trailing all-digits word picked up by the name pattern ("Long An 2024"); a unit's ``own`` name, with
    no level word, may end with a short number ("Trại giam Phú Sơn 4")."""
    return (_TRAILING_LONG_NUMBERS if own else _TRAILING_NUMBERS).sub("", name)


def _line_list(text: str, runs: list[UnitList]) -> UnitList | None:
    """Members listed one per line, each line going on about its member, under a line ending with a colon:
    "Khối gồm 6 đơn vị:⏎- Công an xã Đồng Văn (Khối trưởng), hình thành từ …;⏎- Công an xã Lũng Cú, từ …"."""
    found: UnitList | None = None
    last_line = -2
    # a run may go on past its line ("…, hợp nhất từ Sở A, tỉnh B;⏎+ Sở C (Cụm phó), …"): its items are looked at
    for item in (item for run in runs for item in run.items):
        line_start = text.rfind("\n", 0, item.start) + 1
        if not _ITEM_OPENING.fullmatch(text, line_start, item.start):
            continue
        if found is not None and text.count("\n", last_line, line_start) == 1:  # the next line
            found.items.append(item)
            found.end = item.end
        elif found is not None and len(found.items) >= 2:
            return found
        elif _after_colon(text, line_start):
            found = UnitList(items=[item], start=item.start, end=item.end)
        else:
            found = None
        last_line = line_start
    return found if found is not None and len(found.items) >= 2 else None


def _after_colon(text: str, at: int) -> bool:
    """The last character before ``at`` other than blanks is a colon: a list's cue line ends there."""
    k = at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    return k >= 0 and text[k] == ":"


def _has_vowel(word: str) -> bool:
    """Any letter of ``word`` is a vowel, whatever its marks ("Ổ" is an "O")."""
    return any(unicodedata.normalize("NFD", c)[0] in "AEIOUYaeiouy" for c in word)

