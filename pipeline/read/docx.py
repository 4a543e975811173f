"""DOCX: paragraphs and tables of the main document part, in document order.

The package is read with :mod:`zipfile` and the XML streamed with lxml's
``iterparse`` (no entity resolution, no network, elements freed as they are
read).  Before anything is decompressed the ZIP directory is checked:
too many entries, a member or a total whose *declared* uncompressed size is
over the limit, or a compression ratio no real document has, is a
``zip_bomb``; while reading, the bytes actually produced are capped too (the
declared sizes can lie).

Output: one paragraph per Word paragraph, a table row as its cells joined by
tabs, paragraphs separated by a blank line.  Deleted revisions, field codes,
and the fallback copies of text boxes are left out.  Runs set in legacy
Vietnamese fonts (``.VnTime`` → TCVN3, the ``…H`` capitals fonts,
``VNI-Times`` → VNI) are converted to Unicode by font.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections import Counter

import lxml.etree as etree

from .base import Extracted
from .decode import nfc, repair_mojibake
from .errors import ReadError
from .legacy import decode_tcvn3, decode_vni

MAX_ENTRIES = 5000
MAX_MEMBER_BYTES = 64 * 1024 * 1024
"""Largest declared uncompressed size of one XML part that is read."""
MAX_TOTAL_BYTES = 1024 * 1024 * 1024
"""Largest declared uncompressed size of the whole package."""
MAX_RATIO = 200
"""Largest compression ratio of an XML part over 1 MiB (real Word XML stays well under 50)."""
_RATIO_FLOOR = 1024 * 1024

W_NAMESPACES = (
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "http://purl.oclc.org/ooxml/wordprocessingml/main",
)
M_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/math"
MC_NAMESPACE = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_TEXT_NAMESPACES = W_NAMESPACES + (M_NAMESPACE,)
_REL_OFFICE_DOCUMENT = "/officeDocument"


def _split(tag: object) -> tuple[str, str]:
    if not isinstance(tag, str):
        return "", ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _wattr(el: etree._Element, name: str) -> str | None:
    for ns in W_NAMESPACES:
        value = el.get(f"{{{ns}}}{name}")
        if value is not None:
            return value
    return None


def check_zip(zf: zipfile.ZipFile) -> None:
    """Raise ``zip_bomb`` if the directory declares more than any real document needs."""
    infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise ReadError("zip_bomb", f"the DOCX package has {len(infos)} entries (limit {MAX_ENTRIES}); not decompressed.")
    total = 0
    for info in infos:
        total += info.file_size
        if not info.filename.lower().endswith((".xml", ".rels")):
            continue  # images and other media are never decompressed
        if info.file_size > MAX_MEMBER_BYTES:
            raise ReadError(
                "zip_bomb",
                f"{info.filename} declares {info.file_size} bytes uncompressed (limit {MAX_MEMBER_BYTES}); not decompressed.",
            )
        if info.file_size > _RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            ratio = info.file_size / max(info.compress_size, 1)
            raise ReadError(
                "zip_bomb",
                f"{info.filename} would expand {ratio:.0f}-fold ({info.compress_size} → {info.file_size} bytes; "
                f"limit {MAX_RATIO}-fold); not decompressed.",
            )
    if total > MAX_TOTAL_BYTES:
        raise ReadError("zip_bomb", f"the package declares {total} bytes uncompressed (limit {MAX_TOTAL_BYTES}); not decompressed.")


class _CappedReader(io.RawIOBase):
    """A member stream that fails once it yields more than its declared size (or the cap)."""

    def __init__(self, raw: io.BufferedIOBase, limit: int, name: str) -> None:
        self.raw, self.limit, self.name, self.count = raw, limit, name, 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        self.count += len(data)
        if self.count > self.limit:
            raise ReadError("zip_bomb", f"{self.name} expands beyond its declared size; stopped decompressing.")
        buffer[: len(data)] = data
        return len(data)


def _open_member(zf: zipfile.ZipFile, name: str) -> io.BufferedReader:
    info = zf.getinfo(name)
    limit = min(info.file_size, MAX_MEMBER_BYTES)
    return io.BufferedReader(_CappedReader(zf.open(info), limit, name), buffer_size=64 * 1024)


def _parse_small(zf: zipfile.ZipFile, name: str) -> etree._Element | None:
    if name not in zf.NameToInfo:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    with _open_member(zf, name) as f:
        return etree.parse(f, parser).getroot()


def _main_part(zf: zipfile.ZipFile) -> str:
    rels = _parse_small(zf, "_rels/.rels")
    if rels is not None:
        for rel in rels:
            if (rel.get("Type") or "").endswith(_REL_OFFICE_DOCUMENT):
                target = (rel.get("Target") or "").lstrip("/")
                if target in zf.NameToInfo:
                    return target
                joined = posixpath.normpath(target)
                if joined in zf.NameToInfo:
                    return joined
    if "word/document.xml" in zf.NameToInfo:
        return "word/document.xml"
    raise ReadError("docx_invalid", "the package has no main document part (word/document.xml); is it really a .docx?")


class _Styles:
    """Fonts by style id, following ``basedOn``, with the document defaults."""

    def __init__(self, root: etree._Element | None) -> None:
        self.fonts: dict[str, str | None] = {}
        self.based_on: dict[str, str] = {}
        self.default_paragraph: str | None = None
        self.default_font: str | None = None
        if root is None:
            return
        for el in root.iter():
            ns, local = _split(el.tag)
            if local == "rPrDefault":
                self.default_font = _run_font(el) or self.default_font
            elif local == "style":
                style_id = _wattr(el, "styleId")
                if not style_id:
                    continue
                if _wattr(el, "type") == "paragraph" and _wattr(el, "default") in ("1", "true", "on"):
                    self.default_paragraph = style_id
                self.fonts[style_id] = _run_font(el, direct=True)
                for child in el:
                    if _split(child.tag)[1] == "basedOn" and _wattr(child, "val"):
                        self.based_on[style_id] = _wattr(child, "val") or ""

    def font(self, style_id: str | None) -> str | None:
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            if self.fonts.get(style_id):
                return self.fonts[style_id]
            style_id = self.based_on.get(style_id)
        return None


def _run_font(el: etree._Element, direct: bool = False) -> str | None:
    """``w:ascii`` (else ``w:hAnsi``) of the first ``rFonts`` under ``el`` (its own ``rPr`` only if ``direct``)."""
    for node in el.iter():
        ns, local = _split(node.tag)
        if local == "rFonts":
            if direct and _split(node.getparent().getparent().tag)[1] != "style":
                continue
            return _wattr(node, "ascii") or _wattr(node, "hAnsi")
    return None


def legacy_kind(font: str | None) -> str | None:
    """``"tcvn3"``, ``"tcvn3-caps"`` or ``"vni-windows"`` for a legacy Vietnamese font name."""
    if not font:
        return None
    name = font.strip().lower()
    if name.startswith(".vn"):
        return "tcvn3-caps" if name.endswith("h") else "tcvn3"
    if name.startswith("vni-") or name.startswith("vni "):
        return "vni-windows"
    return None


def _convert(text: str, kind: str | None) -> tuple[str, bool]:
    if not kind or text.isascii():
        return text, False
    try:
        raw = bytes(ord(c) if "\x80" <= c <= "\x9f" else c.encode("cp1252")[0] for c in text)
    except UnicodeEncodeError:
        return text, False  # already Unicode Vietnamese, whatever the font says
    if kind == "vni-windows":
        return decode_vni(raw), True
    converted = decode_tcvn3(raw)
    return (converted.upper() if kind == "tcvn3-caps" else converted), True


class _Body:
    """Turns ``iterparse`` events of the main part into paragraphs."""

    def __init__(self, styles: _Styles) -> None:
        self.styles = styles
        self.paragraphs: list[str] = []
        self.para_stack: list[dict] = []  # {"runs": [(text, kind)], "style": id}
        self.cell_stack: list[list[str]] = []  # paragraphs of the open table cells
        self.row_stack: list[list[str]] = []  # cells of the open table rows
        self.runs: list[dict] = []  # open runs (a text box nests a run inside a run)
        self.skip = 0  # inside mc:Fallback or a deletion
        self.converted: Counter[str] = Counter()  # legacy encodings converted by font

    def start(self, el: etree._Element) -> None:
        ns, local = _split(el.tag)
        if (ns == MC_NAMESPACE and local == "Fallback") or (ns in W_NAMESPACES and local in ("del", "moveFrom")):
            self.skip += 1
        if self.skip or ns not in W_NAMESPACES:
            return
        if local == "p":
            self.para_stack.append({"runs": [], "style": None})
        elif local == "r" and self.para_stack:
            self.runs.append({"parts": [], "font": None, "style": None})
        elif local == "tr":
            self.row_stack.append([])
        elif local == "tc":
            self.cell_stack.append([])

    def end(self, el: etree._Element) -> None:
        ns, local = _split(el.tag)
        if (ns == MC_NAMESPACE and local == "Fallback") or (ns in W_NAMESPACES and local in ("del", "moveFrom")):
            self.skip -= 1
            return
        if self.skip:
            return
        run = self.runs[-1] if self.runs else None
        if ns in _TEXT_NAMESPACES and local == "t" and run is not None:
            run["parts"].append(el.text or "")
        elif ns not in W_NAMESPACES:
            return
        elif run is not None and local in ("tab", "ptab") and _split(el.getparent().tag)[1] == "r":
            run["parts"].append("\t")
        elif run is not None and local in ("br", "cr"):
            run["parts"].append("\n")
        elif run is not None and local == "noBreakHyphen":
            run["parts"].append("-")
        elif local == "rFonts" and run is not None and _split(el.getparent().getparent().tag)[1] == "r":
            run["font"] = _wattr(el, "ascii") or _wattr(el, "hAnsi")
        elif local == "rStyle" and run is not None:
            run["style"] = _wattr(el, "val")
        elif local == "pStyle" and self.para_stack:
            self.para_stack[-1]["style"] = _wattr(el, "val")
        elif local == "r" and run is not None and self.para_stack:
            para = self.para_stack[-1]
            font = (
                run["font"] or self.styles.font(run["style"])
                or self.styles.font(para["style"] or self.styles.default_paragraph) or self.styles.default_font
            )
            para["runs"].append(("".join(run["parts"]), legacy_kind(font)))
            self.runs.pop()
        elif local == "p" and self.para_stack:
            self._emit(self._paragraph_text(self.para_stack.pop()))
        elif local == "tc" and self.cell_stack:
            cell = " ".join(p.replace("\n", " ") for p in self.cell_stack.pop())
            if self.row_stack:
                self.row_stack[-1].append(cell.strip())
        elif local == "tr" and self.row_stack:
            cells = self.row_stack.pop()
            while cells and not cells[-1]:
                cells.pop()
            self._emit("\t".join(cells))
        if local in ("p", "tbl") and el.getparent() is not None and _split(el.getparent().tag)[1] == "body":
            el.clear()
            while el.getprevious() is not None:
                del el.getparent()[0]

    def _paragraph_text(self, para: dict) -> str:
        out: list[str] = []
        group: list[str] = []
        kind: str | None = None
        for text, run_kind in para["runs"] + [("", "end")]:
            if run_kind != kind and group:
                converted, did = _convert("".join(group), kind)
                if did and kind:
                    self.converted["vni-windows" if kind == "vni-windows" else "tcvn3"] += 1
                out.append(converted)
                group = []
            kind = run_kind
            group.append(text)
        return "".join(out).strip()

    def _emit(self, text: str) -> None:
        if not text.strip():
            return
        if self.cell_stack:
            self.cell_stack[-1].append(text)
        else:
            self.paragraphs.append(text)


def read_docx(data: bytes) -> Extracted:
    """Main text (and ``dc:title``) of a DOCX package."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, NotImplementedError) as exc:
        raise ReadError("docx_invalid", f"not a readable .docx (ZIP) file: {exc}.") from None
    with zf:
        check_zip(zf)
        try:
            part = _main_part(zf)
            styles = _Styles(_parse_small(zf, "word/styles.xml"))
            body = _Body(styles)
            with _open_member(zf, part) as f:
                for event, el in etree.iterparse(
                    f, events=("start", "end"), resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False
                ):
                    (body.start if event == "start" else body.end)(el)
            title = _core_title(zf)
        except ReadError:
            raise
        except (
            zipfile.BadZipFile, zlib.error, etree.XMLSyntaxError, KeyError, EOFError, OSError, ValueError,
            RuntimeError, NotImplementedError,
        ) as exc:
            raise ReadError("docx_invalid", f"the .docx is damaged: {type(exc).__name__}: {exc}.") from None
    text, repaired = repair_mojibake(nfc("\n\n".join(body.paragraphs)))
    by_font = body.converted.most_common(1)[0][0] if body.converted else None
    return Extracted(text, title=title, encoding=by_font or repaired)


def _core_title(zf: zipfile.ZipFile) -> str | None:
    root = _parse_small(zf, "docProps/core.xml")
    if root is None:
        return None
    for el in root.iter():
        if _split(el.tag)[1] == "title" and (el.text or "").strip():
            return nfc(" ".join(el.text.split()))
    return None

