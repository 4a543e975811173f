"""Bytes to NFC text: byte-order mark, declared charset, strict UTF-8, then detection.

The order (frictionless-style): a BOM decides; a trustworthy declared charset
(HTML ``<meta charset>``) decides; strict UTF-8 decides (pure ASCII is also
checked for VIQR); otherwise every candidate single-byte decoding
(Windows-1258, TCVN3, VNI-Windows) is scored by how Vietnamese it looks
(:func:`pipeline.read.syllables.vietnamese_score`) and the best one is used.
Below :data:`CONFIDENCE_THRESHOLD` the best text is still returned, with an
``encoding_uncertain`` issue that says what to try.

The result's ``encoding`` is a canonical codec name: ``utf-8``, ``utf-8-sig``,
``utf-16-le``, ``utf-16-be``, ``utf-32-le``, ``utf-32-be``, ``cp1258``,
``tcvn3``, ``vni-windows``, ``viqr`` (or another Python codec name when a page
declares one).
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass, field

from ..models import Issue
from .base import Extracted
from .errors import ReadError, issue
from .legacy import DECODERS, decode_viqr
from .syllables import Score, vietnamese_score

CONFIDENCE_THRESHOLD = 0.8
"""Minimum share of valid marked syllables for a detected encoding to be trusted."""
MARGIN = 0.1
"""A runner-up closer than this to the best candidate makes the choice uncertain."""
SAMPLE_BYTES = 1 << 20
"""Detection scores at most this many bytes; the chosen codec then decodes everything."""
CANDIDATES = ("cp1258", "tcvn3", "vni-windows")

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Declared charsets that Vietnamese legacy-font pages carried regardless of their real encoding.
# (A UTF-16/32 declaration in a page readable as ASCII is wrong by definition: HTML reads it as UTF-8.)
_UNTRUSTED_DECLARATIONS = {"cp1252", "latin-1", "iso8859-1", "iso8859-15", "ascii"}
_LEGACY_ALIASES = {
    "tcvn": "tcvn3", "tcvn3": "tcvn3", "tcvn-5712": "tcvn3", "tcvn5712-1": "tcvn3", "x-viet-tcvn5712": "tcvn3",
    "vni": "vni-windows", "vni-windows": "vni-windows", "x-viet-vni": "vni-windows",
    "viqr": "viqr", "x-viet-viqr": "viqr",
}
_SIGNATURES = (
    (b"%PDF-", "a PDF file; give it the .pdf extension"),
    (b"PK\x03\x04", "a ZIP archive (a .docx?); give it the .docx extension"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "a legacy Word .doc / Excel .xls file; save it as .docx"),
    (b"{\\rtf", "an RTF document; save it as .docx or plain text"),
    (b"\x89PNG", "a PNG image; the pipeline reads text, not images"),
    (b"\xff\xd8\xff", "a JPEG image; the pipeline reads text, not images"),
    (b"GIF8", "a GIF image; the pipeline reads text, not images"),
    (b"\x1f\x8b", "a gzip archive; decompress it first"),
    (b"\x7fELF", "an executable"),
)
_CONTROL = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f]")
_UTF8_MULTIBYTE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)


@dataclass
class Decoded:
    """NFC text, the canonical codec name, how sure detection was, and any issues."""

    text: str
    encoding: str | None
    confidence: float = 1.0
    issues: list[Issue] = field(default_factory=list)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def canonical_codec(name: str) -> str | None:
    """``"UTF8"`` → ``"utf-8"``, ``"windows-1258"`` → ``"cp1258"``, ``"TCVN"`` → ``"tcvn3"``; None if unknown."""
    key = name.strip().lower()
    if key in _LEGACY_ALIASES:
        return _LEGACY_ALIASES[key]
    try:
        return codecs.lookup(key).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None, viqr: bool = True) -> Decoded:
    """Decode ``data`` to NFC text; never raises except :class:`ReadError` ``binary_file``.

    ``declared`` is a charset named by the document itself (an HTML meta tag);
    it is trusted unless it is one of the Western charsets that legacy-font
    Vietnamese pages declared whatever their real encoding.  ``viqr=False``
    skips the VIQR check (markup is checked after its text is extracted).
    """
    if not data:
        return Decoded("", None)
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_known(data[len(bom):], name, "utf-8" if name == "utf-8-sig" else name, bom=True)
    wide = _check_binary(data)
    if wide:
        return _decode_known(data, wide, wide, bom=False)
    if declared:
        name = canonical_codec(declared)
        if name in ("tcvn3", "vni-windows", "cp1258"):
            return Decoded(nfc(DECODERS[name](data)), name)
        if name == "viqr" and data.isascii():
            return Decoded(nfc(decode_viqr(data.decode("ascii"))), "viqr")
        if name and name not in _UNTRUSTED_DECLARATIONS and name != "utf-8" and not name.startswith(("utf-16", "utf-32")):
            try:
                return Decoded(nfc(data.decode(name)), name)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration: detect instead
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if _mostly_utf8(data, exc):
            return _utf8_with_errors(data, exc)
        return _detect_single_byte(data, viqr)
    if viqr and not _has_non_ascii_letter(text):
        return _maybe_viqr(text, "utf-8")
    return Decoded(nfc(text), "utf-8")


def _has_non_ascii_letter(text: str) -> bool:
    return not text.isascii() and any(c.isalpha() and not c.isascii() for c in text)


def _decode_known(data: bytes, name: str, codec: str, bom: bool) -> Decoded:
    try:
        return Decoded(nfc(data.decode(codec)), name)
    except UnicodeDecodeError as exc:
        text = data.decode(codec, errors="replace")
        how = "after its byte-order mark" if bom else "(detected from its NUL bytes)"
        problem = "the file ends in the middle of a character" if exc.end >= len(data) else exc.reason
        msg = (
            f"the file is {name} {how}, but byte {exc.start} cannot be decoded ({problem}); "
            "undecodable bytes were replaced by U+FFFD. The file may be truncated: re-export it."
        )
        return Decoded(nfc(text), name, 0.0, [issue("decode_error", msg)])


def _check_binary(data: bytes) -> str | None:
    """Raise ``binary_file`` for non-text; return a UTF-16/32 codec for BOM-less wide text."""
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise ReadError("binary_file", f"this is not a text file: it looks like {what}.")
    head = data[:65536]
    if b"\x00" in head:
        wide = _guess_wide(data)
        if wide:
            return wide
        raise ReadError("binary_file", "this is not a text file: it contains NUL bytes.")
    controls = len(_CONTROL.findall(head))
    if controls > max(2, len(head) // 100):
        raise ReadError("binary_file", f"this is not a text file: {controls} control bytes in its first {len(head)} bytes.")
    return None


def _guess_wide(data: bytes) -> str | None:
    """UTF-16/32 without a BOM: ASCII-range characters leave NUL bytes in fixed positions."""
    head = data[:65536]
    n = len(head)
    if n < 4:
        return None
    quarters = [head[i::4].count(0) / max(1, len(head[i::4])) for i in range(4)]
    guesses = []
    if quarters[1] > 0.9 and quarters[2] > 0.9 and quarters[3] > 0.9:
        guesses.append("utf-32-le")
    if quarters[0] > 0.9 and quarters[1] > 0.9 and quarters[2] > 0.9:
        guesses.append("utf-32-be")
    even = head[0::2].count(0) / (n / 2)
    odd = head[1::2].count(0) / (n / 2)
    if odd > 0.3 and even < 0.05:
        guesses.append("utf-16-le")
    if even > 0.3 and odd < 0.05:
        guesses.append("utf-16-be")
    for codec in guesses:
        try:
            text = data[: len(data) - len(data) % (4 if "32" in codec else 2)].decode(codec)
        except UnicodeDecodeError:
            continue
        sample = text[:20000]
        if sum(1 for c in sample if c < " " and c not in "\t\n\r\f\v") <= len(sample) // 100:
            return codec
    return None


def _mostly_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """Is this UTF-8 with damage (truncated, a few bad bytes) rather than another encoding?"""
    if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
        return True
    sample = data[:SAMPLE_BYTES]
    valid = len(_UTF8_MULTIBYTE.findall(sample))
    invalid = sample.decode("utf-8", errors="replace").count("\ufffd")
    return valid >= 4 and valid >= 4 * invalid


def _utf8_with_errors(data: bytes, exc: UnicodeDecodeError) -> Decoded:
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
        what = "the file ends in the middle of a UTF-8 character: it is probably truncated"
    else:
        what = f"{bad} byte sequence(s) are not valid UTF-8, the first at byte {exc.start}"
    msg = (
        f"{what}; they were replaced by U+FFFD. Re-export the file as UTF-8, or check whether "
        "parts of it were pasted from a document in another encoding."
    )
    return Decoded(nfc(text), "utf-8", 0.0, [issue("decode_error", msg)])


def _sample(data: bytes) -> bytes:
    if len(data) <= SAMPLE_BYTES:
        return data
    cut = data.rfind(b"\n", 0, SAMPLE_BYTES)
    return data[: cut if cut > 0 else SAMPLE_BYTES]


def score_candidates(data: bytes) -> list[tuple[str, Score, str]]:
    """``(codec, score, sample text)`` for every single-byte candidate, best first."""
    sample = _sample(data)
    scored = []
    for rank, name in enumerate(CANDIDATES):
        text = nfc(DECODERS[name](sample))
        scored.append((name, vietnamese_score(text), text, rank))
    scored.sort(key=lambda s: (-s[1].value, -s[1].valid, s[3]))
    return [(name, score, text) for name, score, text, _ in scored]


def _detect_single_byte(data: bytes, viqr: bool = True) -> Decoded:
    ranked = score_candidates(data)
    best_name, best, best_text = ranked[0]
    runner_name, runner, runner_text = ranked[1]
    confidence = best.value
    close = runner_text != best_text and runner.value > best.value - MARGIN
    if close:
        confidence = min(confidence, 0.5 + (best.value - runner.value))
    text = nfc(DECODERS[best_name](data))
    if not _has_non_ascii_letter(text):
        return _maybe_viqr(text, best_name) if viqr else Decoded(text, best_name)
    if confidence >= CONFIDENCE_THRESHOLD:
        return Decoded(text, best_name, confidence)
    msg = (
        f"not UTF-8; guessed {best_name} with confidence {confidence:.2f} "
        f"({best.valid} of {best.judged} marked words look Vietnamese; next best {runner_name} at {runner.value:.2f}). "
        "If the text looks wrong, convert the file to UTF-8 (UniKey's converter handles TCVN3/VNI; "
        "iconv -f CP1258 -t UTF-8 handles Windows-1258) and read it again."
    )
    return Decoded(text, best_name, confidence, [issue("encoding_uncertain", msg)])


VIQR_MIN_SHARE = 0.2
"""VIQR is assumed only if at least this share of an ASCII text's words carry VIQR marks …"""
VIQR_MIN_VALID = 0.85
"""… and at least this share of those words become valid Vietnamese syllables."""
_ASCII_WORD = re.compile(r"[A-Za-z]+")


def _maybe_viqr(text: str, otherwise: str) -> Decoded:
    """Text without non-ASCII letters is what it was decoded as, unless it reads as VIQR ("Co^ng an ti?nh")."""
    if not any(c in text for c in "^(+`'?~."):
        return Decoded(nfc(text), otherwise)
    converted = decode_viqr(text)
    if converted == text:
        return Decoded(nfc(text), otherwise)
    words = len(_ASCII_WORD.findall(text[:SAMPLE_BYTES]))
    score = vietnamese_score(converted[:SAMPLE_BYTES])
    if words and score.judged >= 3 and score.judged >= VIQR_MIN_SHARE * words and score.value >= VIQR_MIN_VALID:
        return Decoded(nfc(converted), "viqr", score.value)
    return Decoded(nfc(text), otherwise)


def maybe_viqr_text(text: str) -> str | None:
    """``text`` converted from VIQR if it clearly is VIQR (and has no non-ASCII letters), else None."""
    if _has_non_ascii_letter(text):
        return None
    decoded = _maybe_viqr(text, "utf-8")
    return decoded.text if decoded.encoding == "viqr" else None


# ---------------------------------------------------------------------------
# Text that was decoded with the wrong table somewhere upstream
# ---------------------------------------------------------------------------

REPAIR_CANDIDATES = ("tcvn3", "vni-windows", "utf-8")
_MOJIBAKE_HINT = re.compile("[\u00a1-\u00ff]")


def repair_mojibake(text: str) -> tuple[str, str | None]:
    """Undo legacy-font text carried as Windows-1252 characters, line by line.

    A DOCX or PDF set in ``.VnTime`` shows "C«ng an tØnh" as its characters; a
    UTF-8 file read as Windows-1252 shows "CÃ´ng".  Each line whose characters
    all exist in Windows-1252 is re-encoded and decoded as TCVN3, VNI or UTF-8;
    the repair is kept only when the line goes from mostly invalid to valid
    Vietnamese.  Returns the text and the encoding repaired from (or None).
    """
    if text.isascii():
        return text, None
    used: dict[str, int] = {}
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.isascii() or not _MOJIBAKE_HINT.search(line):
            continue
        fixed = repair_line(line)
        if fixed:
            lines[i], name = fixed
            used[name] = used.get(name, 0) + 1
    if not used:
        return text, None
    return "\n".join(lines), max(used, key=used.__getitem__)


def repair_line(line: str) -> tuple[str, str] | None:
    """``(repaired line, encoding)`` if ``line`` is clearly mojibake of one candidate, else None."""
    try:
        raw = line.encode("cp1252")
    except UnicodeEncodeError as exc:
        if not all("\x80" <= c <= "\x9f" for c in line[exc.start:exc.end]):
            return None  # a character Windows-1252 lacks: not its mojibake (the usual case: "ạ", "ế")
        try:
            raw = bytes(_cp1252_byte(c) for c in line)
        except ValueError:
            return None
    before = vietnamese_score(line)
    if before.value >= 0.5:
        return None
    best: tuple[float, str, str] | None = None
    for name in REPAIR_CANDIDATES:
        if name == "utf-8":
            try:
                candidate = raw.decode("utf-8")
            except UnicodeDecodeError:
                continue
        else:
            candidate = DECODERS[name](raw)
        candidate = nfc(candidate)
        after = vietnamese_score(candidate)
        if after.valid and after.value >= CONFIDENCE_THRESHOLD and (best is None or after.value > best[0]):
            best = (after.value, candidate, name)
    return (best[1], best[2]) if best else None


def _cp1252_byte(ch: str) -> int:
    """Windows-1252 byte of ``ch``, counting the C1 controls Windows keeps for undefined bytes."""
    if "\x80" <= ch <= "\x9f":
        return ord(ch)
    b = ch.encode("cp1252")
    return b[0]


def read_text(data: bytes) -> Extracted:
    """A plain-text input: decoded, and repaired if it carries legacy-font mojibake."""
    decoded = decode_bytes(data)
    text, encoding = decoded.text, decoded.encoding
    if encoding in ("utf-8", "utf-8-sig", "utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be") and not decoded.issues:
        text, repaired = repair_mojibake(text)
        encoding = repaired or encoding
    return Extracted(text, encoding=encoding, issues=decoded.issues)
