"""Segment stage: paragraphs, sentences and clauses as document offsets.

Lines are split first (headlines, numbered items and signature lines of official
documents carry no final full stop), then underthesea's ``sent_tokenize`` splits
each line.  Its sentences are located back in the text so every boundary is an
exact document offset.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import NamedTuple
from functools import cached_property

from underthesea import sent_tokenize

from .checked import CheckedCopy

_LINE = re.compile(r"[^\n]+")
_SPACE = re.compile(r"\s+")
# Where ``sent_tokenize`` may end a sentence: at "?", "!" or a full stop other
# than the one inside a number ("1.500", "15.12").
_MAY_END = re.compile(r"[?!]|\.(?!(?<=\d\.)\d)")  # each branch opens with a character, so the search skips ahead


# Hard-wrapped text (a PDF's text layer, a copy of one): most long lines end mid-sentence.
WRAPPED_MIN_LINES = 5  # long lines needed to judge
WRAPPED_SHARE = 0.5  # of the long lines, this share ends with no closing punctuation …
PAGE_WIDTH = 130  # … and this share (characters) no longer than a printed line
PAGE_WIDTH_SHARE = 0.8
LONG_LINE = 40  # characters
FULL_WIDTH = 0.6  # a line this share of the usual width or longer runs on when it ends mid-sentence
_CLOSES = tuple(".!?:;\"”)…")
_PAGE_FURNITURE = re.compile(r"(?i)[ \t]*(?:trang[ \t]+\d+(?:[ \t]*/[ \t]*\d+)?|-[ \t]*\d+[ \t]*-|\d+[ \t]*/[ \t]*\d+"
                             r"|page[ \t]+\d+(?:[ \t]+of[ \t]+\d+)?)[ \t]*|.*\S[ \t]{3,}\S.*")  # page numbers, column headers
_FOOTNOTE_RULE = re.compile(r"^[ \t]*_{5,}[ \t]*$", re.M)
_SUPERSCRIPTS = "¹²³⁴-⁹⁰"
_SUPERSCRIPT = re.compile(f"[{_SUPERSCRIPTS}]")
_FOOTNOTE = re.compile(rf"\s*(?:[{_SUPERSCRIPTS}]+|\(\d{{1,2}}\)|\[\d{{1,2}}\])[^\n]*")  # a note, its mark to its line end
_NOTE_MARK = re.compile(rf"(?<=\S)\[\d{{1,2}}\]|(?<=[\d%])[{_SUPERSCRIPTS}]+")  # glued to what it annotates ("m²" is a unit)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
LIST_MARK = r"(?:\d{1,2}[.)]|[-+•])"  # a list item's number or bullet
_ITEM_START = re.compile(rf"[ \t]*(?:{LIST_MARK}|\*|[a-zđ]\))[ \t]")  # … or a star, or a letter item

# A two-column table copied one cell per line: an indicator line, then its figure's line, again and again.
STACKED_MIN_ROWS = 3  # label and value line pairs in a row, before lines are read as such a table
VALUE_CELL_WORDS = 10  # a value cell is short: "Giảm từ 5 - 7% trên cả 3 tiêu chí"
VALUE_CELL_CHARS = 80
HEADER_CELL_WORDS = 6  # "CHỈ TIÊU" / "MỨC GIAO ƯỚC NĂM 2017"
LABEL_CELL_CHARS = 200
# A wider table copied one cell per line, each row opening with its number ("TT⏎Chỉ tiêu⏎ĐVT⏎…⏎1⏎…")
COLUMNS_MAX = 8  # columns at most
COLUMNS_MIN_ROWS = 2
HEADER_CELL_CHARS = 40
_ROW_NUMBER = re.compile(r"\d{1,2}\.?")
_SENTENCE_END = (".", ";", "!", "?")
_DOT_LEADER = re.compile(r"…{2,}|\.{4,}|(?:…|\.{2,}){2,}")  # a form's blank to fill in: "……", "........"
# an outline item's indent and number, on a line with no other tab: "⇥1.2.⇥", "⇥⇥a)⇥"
_OUTLINE_ITEM = re.compile(r"^[ \t]*(?:(?:\d{1,2}\.)+\d{0,2}|[a-zđ][.)]|[IVX]{1,4}\.|[-+•*])?[ \t]+(?=[^\t\n]*$)", re.M)
# Spreadsheet rows saved as CSV
CSV_MIN_ROWS = 3
CSV_MIN_FIELDS = 4
_CSV_HINT = re.compile(r',,|,"|",')
_CSV_FIELD = re.compile(r'[ \t]*(?P<quoted>"(?:[^"]|"")*")[ \t]*|(?P<plain>[^,"]*)')
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_DIGIT = re.compile(r"\d")


def unwrap(text: str) -> str:
    """``text`` with the line breaks inside its paragraphs turned to spaces, when it is hard-wrapped; same length.

    A PDF's text layer breaks lines where the page did ("… Khối thi đua số 1
    Công⏎an tỉnh Hà Tĩnh"), with page numbers and running headers between
    them.  Every stage reads lines as paragraphs, so such a text is read with
    those breaks as spaces and that furniture blanked.  Characters are only
    replaced, never added or removed, so offsets into the result are offsets
    into ``text``.  A text whose lines mostly end their sentences is returned
    as it is.
    """
    lines = [(m.start(), m.end()) for m in _LINE.finditer(text) if "\t" not in m.group()]  # table rows stay rows
    long_lines = [text[a:b].rstrip() for a, b in lines if len(text[a:b].strip()) >= LONG_LINE]
    open_ended = [line for line in long_lines if not line.endswith(_CLOSES)]
    printed = [line for line in long_lines if len(line) <= PAGE_WIDTH]
    if len(long_lines) < WRAPPED_MIN_LINES or len(open_ended) < WRAPPED_SHARE * len(long_lines) \
            or len(printed) < PAGE_WIDTH_SHARE * len(long_lines):
        return text
    width = sorted(map(len, long_lines))[int(0.9 * (len(long_lines) - 1))]
    chars = list(text)
    content = []
    for a, b in lines:
        if _PAGE_FURNITURE.fullmatch(text, a, b):
            chars[a:b] = " " * (b - a)
        elif text[a:b].strip():
            content.append((a, b))
    for (a, b), (c, d) in zip(content, content[1:]):
        line = text[a:b].rstrip()
        if line.endswith(_CLOSES) or len(line) < FULL_WIDTH * width or _ITEM_START.match(text, c) or "\t" in text[b:c]:
            continue
        first = text[c:d].lstrip()[:1]
        if _BLANK_LINE.search(text, b, c) and not (first.islower() or first.isdigit()):
            continue  # a blank line ends a paragraph unless the next one carries on mid-sentence (a page break)
        for k in range(b, c):  # the break, and any blanked furniture up to the next line
            if chars[k] == "\n":
                chars[k] = " "
    return "".join(chars)


@dataclass(frozen=True)
class Layout:
    """Reads laid-out text as running prose, without moving a character: ``flowing(text)`` has its length.

    Built from ``patterns/layout.json``.
    """

    number_heads: frozenset[str]  # headers of row-number columns, lower-case
    result_heads: tuple[str, ...]  # wordings that head a column of results, lower-case
    unit_heads: frozenset[str] = frozenset()  # headers of unit-of-measure columns ("ĐVT"), lower-case
    word_cells: tuple[str, ...] = ()  # value cells with no figure ("Không để xảy ra"), lower-case
    box_heads: tuple[str, ...] = ()  # a web page's boxes around the article ("Tin liên quan")
    member_heads: frozenset[str] = frozenset()  # headers of a column of members, one per row ("Đơn vị"), lower-case
    note_heads: frozenset[str] = frozenset()  # headers of a column of remarks ("Ghi chú"), lower-case
    pledging_notes: tuple[str, ...] = ()  # openers of a remark that goes on with its row's pledge, lower-case

    @classmethod
    def from_data(cls, data: Mapping[str, Iterable[str]]) -> "Layout":
        return cls(frozenset(h.lower() for h in data["number_column_heads"]),
                   tuple(h.lower() for h in data["result_column_heads"]),
                   frozenset(h.lower() for h in data.get("unit_column_heads", ())),
                   tuple(c.lower() for c in data.get("word_value_cells", ())),
                   tuple(data.get("page_box_heads", ())),
                   frozenset(h.lower() for h in data.get("member_column_heads", ())),
                   frozenset(h.lower() for h in data.get("note_column_heads", ())),
                   tuple(w.lower() for w in data.get("pledging_notes", ())))

    def member_tables(self, text: str) -> list[MemberTable]:
        """Tables with a member in each row and an indicator at the head of each other column.

        "Đơn vị | Giảm TNGT (%) | Bắt truy nã (đối tượng)" over "Công an tỉnh
        Lào Cai | 5 | 65": a row read as prose would take the member's name for
        the indicator, so these rows are read cell by cell instead.
        """
        text = self.tabbed(text)
        out: list[MemberTable] = []
        current: MemberTable | None = None
        for _, cells, header in table_rows(text):
            if header is not None:  # a table's first row
                first = text[cells[0][0]:cells[0][1]].strip().lower()
                current = MemberTable(cells, []) if header and first in self.member_heads else None
                if current is not None:
                    out.append(current)
            elif current is not None:
                current.rows.append(cells)
        return [t for t in out if t.rows]

    def flowing(self, text: str) -> str:
        """``text`` read as prose: a web page's boxes, footnotes, Markdown marks and a form's dot leaders blank,
        tables without their number and result columns, hard wraps undone."""
        text = self.tabbed(unmarked(unnoted(self.unboxed(outlined(text) if "\t" in text else text))))
        return unleadered(unwrap(self.tables(text) if "\t" in text else text))  # after unwrap: its blanks are no columns

    def unboxed(self, text: str) -> str:
        """A web page's boxes around the article blank, same length: related headlines ("TIN LIÊN QUAN ⏎ • Công
        an Nghệ An phấn đấu bắt 200 đối tượng …"), "Xem thêm: …" links, readers' comments, most-read lists."""
        spans = [(m.start(), _box_end(text, m)) for m in self._box.finditer(text) if text[:m.start()].strip()]
        if not spans:
            return text
        chars = list(text)
        for a, b in spans:
            chars[a:b] = [c if c == "\n" else " " for c in text[a:b]]
        return "".join(chars)

    @cached_property
    def _box(self) -> re.Pattern[str]:
        heads = "|".join(re.escape(h) for h in sorted(self.box_heads, key=len, reverse=True)) or "(?!)"
        return re.compile(rf"^[ \t]*(?i:{heads})(?:(?P<box>[ \t]*(?:\(\d+\))?[ \t]*:?[ \t]*$)|[ \t]*:[^\n]*)", re.M)

    def tabbed(self, text: str) -> str:
        """``text`` with every table written as tab-separated rows: pipe tables, spreadsheet rows saved as CSV and
        tables copied one cell per line."""
        text = self.stacked(self.columned(comma_separated(text)))
        return piped(text) if "|" in text else text

    def columned(self, text: str) -> str:
        """Tables of three or more columns copied one cell per line, each row's line breaks read as tabs.

        A web page's table saved as text puts every cell on a line of its own:
        "TT⏎Chỉ tiêu⏎Đơn vị tính⏎Giao ước năm 2016⏎1⏎Mức giảm tỷ suất sinh
        thô⏎‰⏎Từ 0,5‰ trở len⏎2⏎…".  The header, from a row-number head to the
        line before the first row's "1", gives the width; each row is that many
        lines from its number, or one fewer for a row with none ("Trong đó:
        dụng cụ tử cung⏎Người⏎…"), as long as its lines are cells, not prose.
        """
        heads = [m for m in self._number_head.finditer(text)] if self.number_heads else []
        if not heads:
            return text
        lines = [m.span() for m in _LINE.finditer(text) if m.group().strip()]
        starts = {a: k for k, (a, _) in enumerate(lines)}
        joins: list[tuple[int, int]] = []  # (end of a cell's line, start of the next cell's line)
        for head in heads:
            k = starts.get(head.start())
            if k is None:
                continue
            width = next((w for w in range(1, COLUMNS_MAX + 1) if k + w < len(lines)
                          and _ROW_NUMBER.fullmatch(text[slice(*lines[k + w])].strip())), 0)
            cells = [text[slice(*lines[i])].strip() for i in range(k, k + width)]
            if width < 3 or not all(len(c) <= HEADER_CELL_CHARS and not c.endswith(_SENTENCE_END) for c in cells):
                continue
            rows = [(k, width)]
            i = k + width
            while i < len(lines):
                size = width if _ROW_NUMBER.fullmatch(text[slice(*lines[i])].strip()) else width - 1
                row = [text[slice(*lines[j])].strip() for j in range(i, min(i + size, len(lines)))]
                if len(row) < size or any(len(c) > LABEL_CELL_CHARS or c.endswith(_SENTENCE_END) for c in row):
                    break
                rows.append((i, size))
                i += size
            if len(rows) >= COLUMNS_MIN_ROWS + 1:
                joins += [(lines[j][1], lines[j + 1][0]) for r, size in rows for j in range(r, r + size - 1)]
        if not joins:
            return text
        chars = list(text)
        for a, b in joins:
            chars[a:b] = "\t" + " " * (b - a - 1)
        return "".join(chars)

    @cached_property
    def _number_head(self) -> re.Pattern[str]:
        heads = "|".join(re.escape(h) for h in sorted(self.number_heads, key=len, reverse=True))
        return re.compile(rf"^[ \t]*(?i:{heads})[ \t]*$", re.M)

    def stacked(self, text: str) -> str:
        """Two-column tables copied one cell per line, with each row's line break read as a tab.

        "Tỷ lệ điều tra, khám phá án hình sự⏎Trên 72%⏎Tỷ lệ tái phạm tội⏎Dưới
        3%⏎…" is a table of indicators and pledged figures whose cells a copy put
        on lines of their own; read as lines, each figure would lose its
        indicator.  Only a run of ``STACKED_MIN_ROWS`` label-then-value pairs is
        taken for such a table, with the two short lines just before it as its
        header when they look like one.
        """
        lines = [m.span() for m in _LINE.finditer(text) if m.group().strip()]
        if sum(b - a <= VALUE_CELL_CHARS and self._cell_kind(text[a:b].strip()) == "value" for a, b in lines) < STACKED_MIN_ROWS:
            return text  # the usual text: too few lines that can be a value cell
        kinds = [self._cell_kind(text[a:b].strip()) for a, b in lines]
        rows: list[tuple[int, int]] = []  # (label line, value line) indices
        k = 0
        while k < len(lines):
            run = k
            while run + 1 < len(lines) and kinds[run] in ("label", "header") and kinds[run + 1] == "value":
                run += 2
            if (run - k) // 2 >= STACKED_MIN_ROWS:
                rows.extend((i, i + 1) for i in range(k, run, 2))
                if k >= 2 and kinds[k - 2] == kinds[k - 1] == "header":
                    rows.append((k - 2, k - 1))
            k = max(run, k + 1)
        if not rows:
            return text
        chars = list(text)
        for i, j in rows:
            gap = lines[j][0] - lines[i][1]
            chars[lines[i][1]:lines[j][0]] = "\t" + " " * (gap - 1)
        return "".join(chars)

    def _cell_kind(self, line: str) -> str | None:
        """"value" for a line that can be a figure's cell, "header" or "label" for one that can head a row, else None."""
        words = len(line.split())
        if line.endswith((".", ":", ";")):
            return None
        if words <= VALUE_CELL_WORDS and len(line) <= VALUE_CELL_CHARS and (_DIGIT.search(_YEAR.sub("", line)) or line.lower().startswith(self.word_cells)):
            return "value"
        if words <= HEADER_CELL_WORDS:
            return "header"
        return "label" if len(line) <= LABEL_CELL_CHARS else None

    def tables(self, text: str) -> str:
        """Tab-separated tables with their row-number, result, unit and remark columns blanked, header included;
        a remark that goes on with its row's pledge is read after a comma instead.

        "1⇥Tỷ lệ điều tra, khám phá án⇥81,2%⇥Trên 80%" under a header "STT⇥Chỉ
        tiêu⇥Kết quả năm 2020⇥Mức phấn đấu năm 2021" reads "Tỷ lệ điều tra,
        khám phá án … Trên 80%": last year's figure is not a pledge.
        """
        chars: list[str] | None = None
        blank: set[int] = set()  # the current table's blanked columns
        remarks: set[int] = set()  # … and its remarks column, blanked but where a remark goes on with the pledge
        for line, cells, header in table_rows(text, self.number_heads):
            if header is not None:
                heads = [text[a:b].strip().lower() for a, b in cells] if header else []
                notes = self.note_heads if self.member_heads.isdisjoint(heads) else frozenset()  # a member's note is its role
                blank = {k for k, h in enumerate(heads) if h in self.number_heads or h in self.unit_heads
                         or any(w in h for w in self.result_heads)}
                remarks = {k for k, h in enumerate(heads) if h in notes}
            kept = {k for k in remarks if header is None and k < len(cells)
                    and text[slice(*cells[k])].strip().lower().startswith(self.pledging_notes)}
            for k in (blank | remarks) - kept:
                if k < len(cells):
                    chars = chars or list(text)
                    a, b = cells[k]
                    chars[a:b] = " " * (b - a)
            for k in kept:  # the row's pledge goes on in it: "Từ 31% trở lên, tăng ít nhất 1,5 điểm phần trăm …"
                if text[cells[k][0] - 1] == "\t":
                    chars = chars or list(text)
                    chars[cells[k][0] - 1] = ","
        return "".join(chars) if chars else text

    def row_units(self, text: str) -> list[tuple[int, int, str]]:
        """``(start, row end, unit)`` for each row of a table with a unit-of-measure column ("ĐVT"), from the
        cell after that column: ``tables`` blanks the column, and a figure in the cells after it with no unit
        of its own takes it (a year in the label, "so với năm 2025", does not)."""
        text = self.tabbed(text)
        out: list[tuple[int, int, str]] = []
        column: int | None = None
        for line, cells, header in table_rows(text, self.number_heads):
            if header is not None:
                column = next((k for k, (a, b) in enumerate(cells) if header and text[a:b].strip().lower() in self.unit_heads), None)
            if not header and column is not None and column < len(cells):
                a, b = cells[column]
                if text[a:b].strip():
                    out.append((b, line.end(), text[a:b].strip()))
        return out


# "| A | B |"; or "A | B | C" with no outer pipes, or "A | B" (an infographic's "≥ 75% | phương tiện đặt lịch trực tuyến")
_PIPE_ROW = re.compile(r"[ \t]*\|[^\n]*\|[ \t]*|[^\n|]+(?:\|[^\n|]*){2,}|[ \t]*[^\s|][^\n|]*\|[ \t]*[^\s|][^\n|]*")
_RULE_ROW = re.compile(r"[ \t|:+-]*")  # "|---|:---:|"


_MARKDOWN = re.compile(r"^[ \t]*#{1,6}(?=[ \t])|\*\*|__|^\*(?=[^*\s][^*\n]*\*[ \t]*$)|(?<=[^*\s])\*(?=[ \t]*$)", re.M)


def unnoted(text: str) -> str:
    """Footnotes and their marks blank, same length: after a rule ("____"), lines opening with a note mark ("¹
    Năm 2017, toàn Cụm đạt 82,4%", "(3) …", "[4] …") give sources and past figures, not the text's own
    statements."""
    if "[" in text or _SUPERSCRIPT.search(text):  # "… truy nã[4]", "đạt 85%¹": a mark, not a word or a figure
        text = _NOTE_MARK.sub(lambda m: " " * len(m.group()), text)
    rule = _FOOTNOTE_RULE.search(text)
    if rule is None:
        return text
    end = rule.end()
    while note := _FOOTNOTE.match(text, end):
        end = note.end()
    if end == rule.end():
        return text
    return text[:rule.start()] + "".join(c if c == "\n" else " " for c in text[rule.start():end]) + text[end:]


def _box_end(text: str, head: re.Match[str]) -> int:
    """A box runs to the next blank line; a link is its own line."""
    if head["box"] is None:
        return head.end()
    end = text.find("\n\n", head.end())
    return len(text) if end < 0 else end


def unmarked(text: str) -> str:
    """Markdown's heading hashes, bold marks and a caption's italic stars blank, same length: a page converted
    to Markdown ("## Năm 2025", "**(BTQ) - Sáng 5/2, …**", "*Ảnh: …*") reads as its words."""
    if "#" not in text and "*" not in text and "__" not in text:
        return text
    return _MARKDOWN.sub(lambda m: " " * len(m.group()), text)


def piped(text: str) -> str:
    """Pipe tables ("| STT | Chỉ tiêu | Kết quả |", copied from a web page or written in Markdown; or
    "TT | Nội dung | Đơn vị tính" with no outer pipes) as tab-separated rows, same length: the pipes between
    cells become tabs, the outer ones and any rule line ("|---|") blanks."""
    rows = [m.span() for m in _LINE.finditer(text) if _PIPE_ROW.fullmatch(m.group())]
    runs = [(a, b) for k, (a, b) in enumerate(rows)
            if (k and text.count("\n", rows[k - 1][1], a) == 1) or (k + 1 < len(rows) and text.count("\n", b, rows[k + 1][0]) == 1)]
    if not runs:
        return text
    chars = list(text)
    for a, b in runs:
        if _RULE_ROW.fullmatch(text, a, b):
            chars[a:b] = " " * (b - a)
            continue
        pipes = [k for k in range(a, b) if text[k] == "|"]
        outer = not text[a:pipes[0]].strip()  # a row opening with a pipe closes with one: both are borders
        for k in pipes:
            chars[k] = "\t" if not outer or pipes[0] < k < pipes[-1] else " "
    return "".join(chars)


def unleadered(text: str) -> str:
    """A form's dot leaders blank, same length: the filled-in value between them is read as written ("tối thiểu
    ……120…… cơ sở", "CỤM THI ĐUA SỐ ……6……")."""
    return _DOT_LEADER.sub(lambda m: " " * len(m.group()), text) if "……" in text or "...." in text else text


def outlined(text: str) -> str:
    """An outline's tabs blank, same length: a document saved as text from a word processor indents its items
    with tabs and puts one after each item's number ("⇥⇥a)⇥Tỷ lệ cuộc đấu giá thành công đạt trên 85%"); a line
    with no other tab is an item, not a table row."""
    return _OUTLINE_ITEM.sub(lambda m: m.group().replace("\t", " "), text)


def comma_separated(text: str) -> str:
    """Spreadsheet rows saved as CSV ("4,Đào tạo,Số lượt nông dân được tập huấn,Lượt người,"5.120",≥ 5.000,Mỗi
    đơn vị") as tab-separated rows, same length: the commas between fields become tabs, the quotes around a field
    and the commas after a row's last filled field blanks.

    Prose has commas too, so only a run of ``CSV_MIN_ROWS`` lines or more in a row with the same number of fields,
    at least ``CSV_MIN_FIELDS``, one of them quoted or empty (what a spreadsheet writes), is read so.
    """
    if not _CSV_HINT.search(text):
        return text
    rows = [_csv_row(m.start(), m.group()) if m.group().count(",") + 1 >= CSV_MIN_FIELDS else None
            for m in _LINE.finditer(text)]
    chars: list[str] | None = None
    k = 0
    while k < len(rows):
        run = [rows[k]] if rows[k] is not None else []
        while run and k + len(run) < len(rows) and (row := rows[k + len(run)]) is not None \
                and len(row.commas) == len(run[0].commas) and row.start == run[-1].end + 1:
            run.append(row)
        if len(run) >= CSV_MIN_ROWS and any(row.spreadsheet for row in run):
            chars = chars if chars is not None else list(text)
            for row in run:
                for c in row.commas:
                    chars[row.start + c] = "\t" if c < row.last_filled else " "
                for q in row.quotes:
                    chars[row.start + q] = " "
        k += max(len(run), 1)
    return "".join(chars) if chars is not None else text


class _CsvRow(NamedTuple):
    start: int  # in the text
    end: int
    commas: list[int]  # the field separators, in the line
    quotes: list[int]  # the quotes around fields and the first of each doubled one
    spreadsheet: bool  # a field is quoted or empty
    last_filled: int  # where the last filled field ends


def _csv_row(start: int, line: str) -> _CsvRow | None:
    """A line read as a CSV row, a field at a time; None when a quote is left open."""
    commas: list[int] = []
    quotes: list[int] = []
    last_filled, spreadsheet, pos = 0, False, 0
    while True:
        field = _CSV_FIELD.match(line, pos)
        if field is None:
            return None
        if field["quoted"] is not None:
            a, b = field.span("quoted")
            quotes += [a, b - 1, *(a + 1 + k for k in _doubled_quotes(line[a + 1:b - 1]))]
            spreadsheet, last_filled = True, b - 2
        elif field["plain"].strip():
            last_filled = field.start("plain") + len(field["plain"].rstrip()) - 1
        else:
            spreadsheet = True
        pos = field.end()
        if pos == len(line):
            return _CsvRow(start, start + len(line), commas, quotes, spreadsheet, last_filled)
        if line[pos] != ",":
            return None
        commas.append(pos)
        pos += 1


def _doubled_quotes(inside: str) -> list[int]:
    """Where each doubled quote inside a quoted field starts."""
    out, k = [], inside.find('""')
    while k >= 0:
        out.append(k)
        k = inside.find('""', k + 2)
    return out


def table_rows(text: str, number_heads: Container[str] = ()) -> Iterator[tuple[re.Match[str], list[tuple[int, int]], bool | None]]:
    """The lines of tab-separated tables with their cells; with each table's first row, whether it is a header
    (no figure but years: "Chỉ tiêu | Kết quả năm 2020"), and None with every other row.  Under a header opening
    with one of ``number_heads``, a row one cell short that opens with no number has none ("Trong đó: …⇥Người⇥…"):
    an empty first cell is put before its cells."""
    in_table = False
    width = 0
    for line in _LINE.finditer(text):
        if line.group().isspace():  # a blanked rule line ("|---|") between a header and its rows
            continue
        cells = _cells(text, line.start(), line.end())
        if len(cells) < 2:
            in_table = False
            continue
        if not in_table:  # a row-number head makes a header whatever its figures ("Thực hiện 6 tháng cuối năm")
            numbered = text[slice(*cells[0])].strip().lower() in number_heads
            header = numbered or not _DIGIT.search(_YEAR.sub("", line.group()))
            width = len(cells) if numbered else 0
            yield line, cells, header
        else:
            first = text[slice(*cells[0])].strip()
            short = len(cells) == width - 1 and first and not _ROW_NUMBER.fullmatch(first)
            yield line, [(line.start(), line.start()), *cells] if short else cells, None
        in_table = True


def _cells(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The tab-separated cells of a line, as offsets."""
    out, a = [], start
    k = text.find("\t", a, end)
    while k >= 0:
        out.append((a, k))
        a = k + 1
        k = text.find("\t", a, end)
    out.append((a, end))
    return out


@dataclass(frozen=True)
class MemberTable:
    """A table of members' figures (``Layout.member_tables``): cells as document offsets, the member's first."""

    heads: list[tuple[int, int]]
    rows: list[list[tuple[int, int]]]

    @property
    def span(self) -> tuple[int, int]:
        return self.heads[0][0], self.rows[-1][-1][1]


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    paragraph: int  # index of the paragraph (line) the segment belongs to


def sentences(text: str, lines: Container[int] | None = None,
              known: dict[str, list[tuple[int, int]]] | None = None) -> list[Segment]:
    """Sentences of ``text`` in order, each inside one line (only lines numbered in ``lines``, if given).

    ``known`` (line → its sentences' spans) lets calls on two copies of one
    document, which share most lines, split each line once.
    """
    known = {} if known is None else known
    out: list[Segment] = []
    for number, line in enumerate(_LINE.finditer(text)):
        line_text = line.group(0)
        if not line_text.strip() or (lines is not None and number not in lines):
            continue
        spans = known.get(line_text)
        if spans is None:
            spans = known[line_text] = _locate(line_text, split_line(line_text))
        out.extend(Segment(line.start() + start, line.start() + end, number) for start, end in spans)
    return out


def split_line(line: str) -> list[str]:
    """``sent_tokenize(line)``, without calling it for a line that has nowhere to split.

    Over half of all lines hold one sentence with no full stop, "?" or "!"
    before their last character; the tokenizer returns such a line whole, so
    it is not asked (``tests/test_fast_view.py`` checks the two agree).
    """
    stripped = line.strip()
    if not _MAY_END.search(stripped, 0, len(stripped) - 1):
        return [stripped] if stripped else []
    return _split(line)


class FastSentTokenize(CheckedCopy[str, list[str]]):
    """``underthesea.sent_tokenize``, with its own boundary rule and abbreviations, jumping between candidates.

    underthesea's Punkt-style tokenizer walks the text one character at a time
    in Python, and only a full stop, "?" or "!" can end a sentence.  This walks
    from one of those to the next with a regular expression and otherwise does
    what underthesea's loop does, asking underthesea's ``_is_sentence_boundary``
    at each.  It checks itself against ``sent_tokenize`` on first use
    (``checked.CheckedCopy``).  ``tests/test_fast_view.py`` compares the two on
    the corpus and on random lines.
    """

    SAMPLES = ("Ngày 15.12.2025, Công an TP. Hà Nội ký kết... Đạt 95%! Vì sao? Giảm 5%... so với năm 2024.",
               "Đồng chí Nguyễn V. A phát biểu. Tiếp đó.. tp. Huế ?! xong", "a...b. C!? d")
    _END = re.compile(r"[.?!]")
    _boundary: Callable[[str, int], bool]  # underthesea's rule, set by _load

    def _load(self) -> bool:
        from underthesea.pipeline.sent_tokenize import _load_model

        _load_model()
        from underthesea.pipeline.sent_tokenize import sentence_tokenizer

        self._boundary = sentence_tokenizer._is_sentence_boundary
        return True

    def _fast(self, text: str) -> list[str]:
        """underthesea's ``sentences_from_text`` loop, visiting only the candidate characters."""
        if not text.strip():
            return []
        boundary, n = self._boundary, len(text)
        out: list[str] = []
        start = 0
        m = self._END.search(text)
        while m is not None:
            i = end = m.start()
            if text[i] == ".":
                while end < n and text[end] == ".":
                    end += 1
                if end - i >= 3:  # an ellipsis ends a sentence before a capital or at the end
                    after = end
                    while after < n and text[after] in " \t":
                        after += 1
                    if after >= n or text[after].isupper():
                        start = end = _cut(text, start, end, out)
                    m = self._END.search(text, end)
                    continue
            if boundary(text, i):
                end = i + 1
                while end < n and text[end] in ".?!":
                    end += 1
                start = end = _cut(text, start, end, out)
                m = self._END.search(text, end)
            else:
                m = self._END.search(text, i + 1)
        if final := text[start:].strip():
            out.append(final)
        return out


def _cut(text: str, start: int, end: int, out: list[str]) -> int:
    """Add ``text[start:end]`` as a sentence unless it is blank; where the next one starts, past the blanks."""
    if sentence := text[start:end].strip():
        out.append(sentence)
    while end < len(text) and text[end] in " \t\n\r":
        end += 1
    return end


_split = FastSentTokenize(sent_tokenize)


def _locate(line: str, pieces: list[str]) -> list[tuple[int, int]]:
    """Find each tokenizer sentence in ``line``, tolerant to re-spacing.

    Sentences cover the line without gaps: a piece that cannot be found is
    merged into its neighbour rather than dropped.
    """
    spans: list[tuple[int, int]] = []
    cursor = 0
    for piece in pieces:
        words = piece.split()
        if not words:
            continue
        found = _find_exact(line, piece.strip(), words[0], cursor) or _find_words(line, words, cursor)
        if found is None:
            continue
        spans.append(found)
        cursor = found[1]
    if not spans:
        stripped = line.strip()
        start = line.find(stripped[:1]) if stripped else 0
        return [(start, start + len(stripped))] if stripped else []
    # close gaps so no text falls between sentences
    merged = [(min(spans[0][0], len(line) - len(line.lstrip())), spans[0][1])]
    for s, e in spans[1:]:
        merged.append((s, e))
    last_s, _ = merged[-1]
    merged[-1] = (last_s, len(line.rstrip()))
    return merged


def _find_exact(line: str, piece: str, first: str, cursor: int) -> tuple[int, int] | None:
    """The usual case, found cheaply: the piece is in the line as it is, where its first word first occurs.

    There ``_find_words`` would find it too (the line's blanks between two words
    are all in the piece), so both give the same span.
    """
    at = line.find(piece, cursor)
    return (at, at + len(piece)) if at >= 0 and line.find(first, cursor) == at else None


def _find_words(line: str, words: list[str], cursor: int) -> tuple[int, int] | None:
    """Leftmost ``words[0]\\s*words[1]\\s*…`` in ``line`` from ``cursor``, without compiling a regex.

    The words hold no whitespace, so the blanks between two of them are all
    taken (``str.isspace`` is the regex ``\\s``) and the match at a given start
    is unique: trying the starts of ``words[0]`` in order finds what
    ``re.search`` would.
    """
    first, rest, n = words[0], words[1:], len(line)
    at = line.find(first, cursor)
    while at >= 0:
        pos = at + len(first)
        for word in rest:
            while pos < n and line[pos].isspace():
                pos += 1
            if not line.startswith(word, pos):
                break
            pos += len(word)
        else:
            return at, pos
        at = line.find(first, at + 1)
    return None


def clause_bounds(tokens: list[str]) -> list[int]:
    """Token indices where a new clause starts (after ';' and list bullets)."""
    return [i + 1 for i, t in enumerate(tokens) if t == ";"]
