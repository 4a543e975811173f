"""HTML pages: the main article text, its title and its publication date.

Parsing is lxml's (libxml2, no Python recursion).  The article is found the
readability way, with rules kept here as data:

1. metadata first (``og:title``, ``<title>``, ``article:published_time``,
   ``<meta name="pubdate">``, ``<time datetime>``, JSON-LD ``datePublished`` …);
2. boilerplate out: scripts, styles, navigation, asides, footers, forms,
   figures and photo captions, and blocks whose class/id says menu, related
   articles, share, comments, tags, ads, caption …;
3. the container holding most paragraph text wins (an ``itemprop=articleBody``
   element wins outright), together with its siblings that look like article
   text: the headline (``h1``), the lead ("sapo");
4. its text is rendered block by block: one paragraph per block, paragraphs
   separated by a blank line, table rows as tab-separated cells, ``<br>`` as a
   line break, link lists (high link density) left out.

A page nested deeper than libxml2 allows (2048 levels) is not parsed as a
tree: its text is taken tag-stripped, with an ``html_too_deep`` issue.
"""

from __future__ import annotations

import datetime as dt
import html as html_lib
import json
import re
from html.parser import HTMLParser

import lxml.etree as etree
import lxml.html

from .base import Extracted
from .dates import parse_date
from .decode import decode_bytes, maybe_viqr_text, nfc, repair_mojibake
from .errors import issue

# Elements that never hold article text.
DROP_TAGS = {
    "script", "style", "noscript", "template", "iframe", "svg", "canvas", "math", "object", "embed",
    "form", "button", "input", "select", "textarea", "nav", "aside", "footer", "menu", "dialog",
    "figcaption", "video", "audio", "picture", "img", "map", "head",
}
# Class / id parts (split on - and _) that mark boilerplate blocks.
JUNK_PARTS = {
    "nav", "navbar", "navigation", "menu", "menus", "submenu", "breadcrumb", "breadcrumbs", "footer", "sidebar",
    "aside", "related", "relate", "lienquan", "tinlienquan", "tinkhac", "xemthem", "readmore", "social", "share",
    "sharing", "comment", "comments", "binhluan", "tags", "tag", "keywords", "banner", "ads", "adv", "advert",
    "advertisement", "quangcao", "qc", "sponsor", "sponsored", "caption", "image", "img", "photo", "picture", "pic",
    "author", "byline", "pagination", "pager", "print", "rating", "widget", "newsletter", "cookie", "popup", "modal",
    "login", "search", "toolbar", "topbar", "masthead", "logo", "copyright", "hidden", "hide", "dnone", "sronly",
    "video", "player", "audio", "subscribe", "follow", "most", "mostview", "hot", "trending", "weather",
}
# Substrings that mark boilerplate anywhere in a class / id token.
JUNK_SUBSTRINGS = ("related", "caption", "comment", "breadcrumb", "sidebar", "advert", "footer", "navbar", "lienquan")
# Class / id words of article containers (a bonus when scoring candidates).
CONTENT_HINT = re.compile(r"article|content|detail|body|post|entry|story|main|noidung|chitiet|fck|news-?text|cms", re.I)
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
    "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "address", "figure", "hr",
    "center", "details", "summary", "caption", "body", "html",
}
CELL_TAGS = {"td", "th"}
PARAGRAPH_TAGS = {"p", "pre", "blockquote", "td", "h2", "h3", "h4", "h5", "h6", "li", "dd"}
MAX_LINK_SHARE = 0.6
"""A paragraph whose text is mostly link text (a "related articles" list) is left out."""

TITLE_KEYS = ("og:title", "twitter:title", "dc.title", "title")
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date.issued", "dc.date", "dcterms.issued", "dcterms.created",
    "sailthru.date", "parsely-pub-date", "article.published", "itemprop:datepublished",
)
_WS = re.compile(r"[ \t\r\n\f\v\u00a0\u200b\u3000]+")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_DATE_CLASS = re.compile(r"date|time|publish|ngay", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 4 KB (``<meta charset>``, XML declaration)."""
    head = data[:4096]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii") if m else None


def read_html(data: bytes) -> Extracted:
    """Decode and extract one HTML page."""
    decoded = decode_bytes(data, declared=declared_charset(data), viqr=False)
    result = extract_html(decoded.text)
    result.encoding = result.encoding or decoded.encoding
    result.issues = decoded.issues + result.issues
    return result


def extract_html(markup: str) -> Extracted:
    """Main text, title and date of an already decoded page."""
    if not markup.strip():
        return Extracted("")
    markup = _CONTROL.sub("", markup)  # not allowed in HTML text, and lxml refuses them in a tree
    parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
    try:
        doc = lxml.html.document_fromstring(markup.encode("utf-8", errors="replace"), parser=parser)
    except (etree.ParserError, ValueError):
        return Extracted("")
    if any("depth" in e.message.lower() for e in parser.error_log):
        return _flat_extract(markup)
    title, published = _metadata(doc)
    _drop_boilerplate(doc)
    body = doc.find("body")
    root = body if body is not None else doc
    # A date shown on the page, looked for only once related-article lists are gone.
    published = published or _visible_date(root)
    text = "\n\n".join(_render(_main_content(root)))
    text, repaired = repair_mojibake(nfc(text))
    viqr = maybe_viqr_text(text) if not repaired else None
    if viqr:
        text, repaired = viqr, "viqr"
    if title:
        title = nfc(repair_mojibake(title)[0] if repaired in ("tcvn3", "vni-windows", "utf-8") else title)
    return Extracted(text, title or None, published, repaired)


# ---------------------------------------------------------------------------
# metadata
# ---------------------------------------------------------------------------


def _clean(text: str | None) -> str:
    return _WS.sub(" ", html_lib.unescape(text or "")).strip()


def _metadata(doc: lxml.html.HtmlElement) -> tuple[str | None, dt.date | None]:
    metas: dict[str, str] = {}
    for meta in doc.iter("meta"):
        content = meta.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (meta.get(attr) or "").strip().lower()
            if key:
                metas.setdefault(key, content)
                if attr == "itemprop":
                    metas.setdefault("itemprop:" + key, content)
    title = next((_clean(metas[k]) for k in TITLE_KEYS if _clean(metas.get(k))), None)
    if not title:
        node = doc.find(".//title")
        title = _clean(node.text_content()) if node is not None else None
    if not title:
        h1 = next(doc.iter("h1"), None)
        title = _clean(h1.text_content()) if h1 is not None else None
    published = None
    for key in DATE_KEYS:
        published = parse_date(metas.get(key))
        if published:
            break
    published = published or _time_elements(doc) or _json_ld_date(doc)
    return title or None, published


def _time_elements(doc: lxml.html.HtmlElement) -> dt.date | None:
    times = list(doc.iter("time"))
    preferred = [t for t in times if t.get("pubdate") is not None or (t.get("itemprop") or "").lower() == "datepublished"]
    for t in preferred + times:
        date = parse_date(t.get("datetime")) or parse_date(t.text_content())
        if date:
            return date
    for el in doc.xpath('//*[@itemprop="datePublished"]'):
        date = parse_date(el.get("content") or el.get("datetime") or el.text_content())
        if date:
            return date
    return None


def _json_ld_date(doc: lxml.html.HtmlElement) -> dt.date | None:
    for script in doc.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        stack = [data]
        seen = 0
        while stack and seen < 1000:
            item = stack.pop()
            seen += 1
            if isinstance(item, dict):
                date = parse_date(item.get("datePublished"))
                if date:
                    return date
                stack.extend(v for v in item.values() if isinstance(v, (dict, list)))
            elif isinstance(item, list):
                stack.extend(item)
    return None


def _visible_date(doc: lxml.html.HtmlElement) -> dt.date | None:
    for el in doc.iter("span", "div", "p", "time", "li"):
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _DATE_CLASS.search(label) and _text_len(el) < 120:
            date = parse_date(el.text_content())
            if date:
                return date
    return None


# ---------------------------------------------------------------------------
# boilerplate
# ---------------------------------------------------------------------------


def _is_junk_label(el: lxml.html.HtmlElement) -> bool:
    for token in f"{el.get('class') or ''} {el.get('id') or ''}".lower().split():
        if any(s in token for s in JUNK_SUBSTRINGS):
            return True
        parts = re.split(r"[-_:.]+", token)
        if any(p in JUNK_PARTS for p in parts) or token.replace("-", "").replace("_", "") in JUNK_PARTS:
            return True
    role = (el.get("role") or "").lower()
    return role in ("navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar")


def _hidden(el: lxml.html.HtmlElement) -> bool:
    if el.get("hidden") is not None or (el.get("aria-hidden") or "").lower() == "true":
        return True
    style = (el.get("style") or "").replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def _drop_boilerplate(doc: lxml.html.HtmlElement) -> None:
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        tag = el.tag.lower()
        if tag in ("html", "body"):
            continue
        if tag in DROP_TAGS or _hidden(el):
            _drop(el)
        elif tag == "figure" and not any(True for _ in el.iter("table")):
            _drop(el)
        elif tag == "header" and not any(a.tag in ("article", "main") for a in el.iterancestors()):
            _drop(el)
    body = doc.find("body")
    total = _text_len(body if body is not None else doc)
    for el in list(doc.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None or el.tag in ("html", "body", "main", "article"):
            continue
        if el.get("itemprop", "").lower() == "articlebody":
            continue
        if _is_junk_label(el):
            # Never drop what holds most of the page: a wrongly named wrapper.
            if _text_len(el) <= total * 0.5:
                _drop(el)


def _drop(el: lxml.html.HtmlElement) -> None:
    """Remove ``el`` and its content but keep the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    prev = el.getprevious()
    parent.remove(el)
    if tail:
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


# ---------------------------------------------------------------------------
# main content
# ---------------------------------------------------------------------------


_LENGTH = etree.XPath("string-length(normalize-space())")


def _text_len(el: lxml.html.HtmlElement) -> int:
    """Length of the element's text with white space collapsed, computed in libxml2 (no Python copy)."""
    return int(_LENGTH(el))


def _link_len(el: lxml.html.HtmlElement) -> int:
    return sum(_text_len(a) for a in el.iter("a"))


def _main_content(root: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The article container (and its content-like siblings), in document order."""
    for el in root.iter():
        if isinstance(el.tag, str) and (el.get("itemprop") or "").lower() == "articlebody" and _text_len(el) >= 100:
            return [el]
    scores: dict[lxml.html.HtmlElement, float] = {}
    for el in root.iter(*PARAGRAPH_TAGS, "div"):
        if el.tag == "div" and _has_block_child(el):
            continue  # a div is a paragraph only when it has no block children
        length = _text_len(el)
        if length < (50 if el.tag == "div" else 25):
            continue
        commas = min(el.text_content().count(","), 3)
        value = (1 + commas + min(length / 100, 3)) * (1 - min(1.0, _link_len(el) / length))
        parent = el.getparent()
        grandparent = parent.getparent() if parent is not None else None
        for weight, ancestor in ((1.0, parent), (0.5, grandparent)):
            if ancestor is not None and isinstance(ancestor.tag, str):
                scores[ancestor] = scores.get(ancestor, 0.0) + value * weight
    if not scores:
        return [root]
    final = {}
    for el, score in scores.items():
        label = f"{el.get('class') or ''} {el.get('id') or ''}"
        bonus = 1.5 if el.tag in ("article", "main") or CONTENT_HINT.search(label) else 1.0
        length = _text_len(el)
        density = _link_len(el) / length if length else 1.0
        final[el] = score * bonus * (1 - density)
    top = max(final, key=final.__getitem__)
    parent = top.getparent()
    if parent is None:
        return [top]
    threshold = max(10.0, final[top] * 0.2)
    return [
        sibling for sibling in parent
        if isinstance(sibling.tag, str)
        and (sibling is top or final.get(sibling, 0) >= threshold or _is_lead(sibling))
    ]


def _has_block_child(el: lxml.html.HtmlElement) -> bool:
    return any(isinstance(c.tag, str) and c.tag in BLOCK_TAGS for c in el)


def _is_lead(el: lxml.html.HtmlElement) -> bool:
    """A paragraph-like sibling of the article body: the headline, the lead ("sapo"), a dateline."""
    if el.tag == "h1":
        return _text_len(el) >= 10
    if el.tag not in ("p", "h2", "blockquote", "div") or (el.tag == "div" and _has_block_child(el)):
        return False
    length = _text_len(el)
    if length < 80:
        return False
    return _link_len(el) / length < 0.25 and bool(re.search(r"[.!?…:]", el.text_content()))


# ---------------------------------------------------------------------------
# rendering
# ---------------------------------------------------------------------------


def _render(elements: list[lxml.html.HtmlElement]) -> list[str]:
    """Paragraphs of ``elements``, walked iteratively (no recursion, any depth)."""
    out: list[str] = []
    for element in elements:
        out.extend(_Renderer().run(element))
    return out


class _Renderer:
    def __init__(self) -> None:
        self.paragraphs: list[str] = []
        self.parts: list[str] = []
        self.link_chars = 0
        self.in_link = 0
        self.in_cell = 0

    def add(self, text: str | None) -> None:
        if text:
            piece = _WS.sub(" ", text)
            self.parts.append(piece)
            if self.in_link:
                self.link_chars += len(piece.strip())

    def flush(self) -> None:
        raw = "".join(self.parts)
        lines = []
        for line in raw.split("\n"):
            cells = [c.strip() for c in _WS.sub(" ", line.replace("\t", "\x00")).split("\x00")]
            while cells and not cells[-1]:
                cells.pop()
            lines.append("\t".join(cells).strip(" "))
        text = "\n".join(l for l in lines if l.strip())
        visible = len(text.replace("\t", "").replace("\n", "").replace(" ", ""))
        if visible and self.link_chars / max(visible, 1) < MAX_LINK_SHARE:
            self.paragraphs.append(text)
        self.parts = []
        self.link_chars = 0

    def run(self, root: lxml.html.HtmlElement) -> list[str]:
        for event, el in etree.iterwalk(root, events=("start", "end")):
            tag = el.tag.lower() if isinstance(el.tag, str) else ""
            if event == "start":
                if tag in CELL_TAGS:
                    self.in_cell += 1
                elif tag == "br":
                    self.parts.append("\n")
                elif tag in BLOCK_TAGS:
                    if self.in_cell:
                        self.parts.append(" ")
                    else:
                        self.flush()
                if tag == "a":
                    self.in_link += 1
                if tag:
                    self.add(el.text)
            else:
                if tag in CELL_TAGS:
                    self.in_cell -= 1
                    self.parts.append("\t")
                elif tag == "a":
                    self.in_link -= 1
                elif tag in BLOCK_TAGS:
                    if self.in_cell:
                        self.parts.append(" ")
                    else:
                        self.flush()
                if el is not root:
                    self.add(el.tail)
        self.flush()
        return self.paragraphs


# ---------------------------------------------------------------------------
# too deep for a tree: stream the tags
# ---------------------------------------------------------------------------


class _FlatText(HTMLParser):
    SKIP = {"script", "style", "noscript", "template", "svg", "head", "title"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.parts: list[str] = []
        self.skip = 0
        self.title_parts: list[str] = []
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip += 1
        elif tag in BLOCK_TAGS or tag in CELL_TAGS or tag == "br":
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in BLOCK_TAGS or tag in CELL_TAGS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip:
            self.parts.append(data)

    def _flush(self) -> None:
        text = _WS.sub(" ", "".join(self.parts)).strip()
        if text:
            self.paragraphs.append(text)
        self.parts = []


def _flat_extract(markup: str) -> Extracted:
    parser = _FlatText()
    parser.feed(markup)
    parser.close()
    parser._flush()
    text = nfc("\n\n".join(parser.paragraphs))
    title = _clean("".join(parser.title_parts)) or None
    msg = (
        "the page nests its elements more than 2048 levels deep, too deep to parse as a tree; "
        "its text was taken with every tag stripped, so menus and footers may be included."
    )
    return Extracted(text, title, None, None, [issue("html_too_deep", msg)])


__all__ = ["declared_charset", "extract_html", "read_html"]
