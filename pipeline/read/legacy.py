"""Legacy Vietnamese encodings: TCVN3 (ABC), VNI-Windows and VIQR, plus a cp1258 writer.

No maintained package converts these, so the tables live here, written out
from the published charts and checked by tests (known strings such as TCVN3
"C«ng an tØnh Thanh Hãa" and VNI "Coâng an tænh Thanh Hoùa", and a round trip
of every Vietnamese letter):

* **TCVN3 (ABC)** — the 8-bit "VN3" subset of TCVN 5712:1993 used by the
  ``.VnTime``/``.VnArial`` fonts: 74 letters (the lower-case letters with all
  their tones, and Ă Â Ê Ô Ơ Ư Đ) in 0xA1–0xFE.  Every other byte reads as
  Windows-1252, which is what those fonts were used with (curly quotes at
  0x93/0x94, dashes at 0x96/0x97).  Upper-case letters with a tone have no
  code: documents set them in the companion "H" fonts (``.VnTimeH``), which
  draw the lower-case codes as capitals.  :func:`decode_tcvn3` therefore
  capitalises those letters inside words and lines written in capitals.
* **VNI-Windows** — a base letter followed by a mark byte ("o" + "â" = ô,
  "a" + "ø" = à, "o" + "á" = ố), plus single bytes for ơ ư đ and for i and ỵ
  with tones; other bytes read as Windows-1252.
* **VIQR** (RFC 1456) — ASCII: a vowel followed by ``( ^ +`` for breve,
  circumflex, horn and ``' ` ? ~ .`` for the tones, ``dd``/``DD`` for đ/Đ.
  As the convention says, a mark character is a diacritic if and only if it
  can combine with the letter before it; a backslash keeps it literal
  ("gi`\\?").  ``dd``/``Dd`` is read as đ/Đ only at the start of a word (so
  "address" stays), ``DD`` anywhere (abbreviations such as "HDDND").

Decoders never raise; encoders (used to build test fixtures and to repair
mojibake) raise ``ValueError`` on a character the encoding cannot hold.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from functools import lru_cache

GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
TONES = (GRAVE, ACUTE, TILDE, HOOK, DOT)
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"

VOWELS = "aăâeêioôơuưy"
LOWER_LETTERS = tuple(
    unicodedata.normalize("NFC", v + t) for v in VOWELS for t in ("",) + TONES
) + ("đ",)
LETTERS = LOWER_LETTERS + tuple(c.upper() for c in LOWER_LETTERS)  # every Vietnamese letter outside ASCII


def _cp1252_table() -> list[str]:
    """Windows-1252, with its five undefined bytes read as the C1 controls (as Windows does)."""
    out = []
    for b in range(256):
        try:
            out.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            out.append(chr(b))
    return out


CP1252 = _cp1252_table()
_CP1252_DECODING = "".join(CP1252)

# ---------------------------------------------------------------------------
# TCVN3 (ABC)
# ---------------------------------------------------------------------------

# The 74 letters of TCVN 5712:1993 VN3, by code.
TCVN3_LETTERS: dict[int, str] = {
    0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
    0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
    0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
    0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
    0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
    0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
    0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
    0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
    0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
    0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
    0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
    0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
    0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
    0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
}
TCVN3_DECODING = "".join(TCVN3_LETTERS.get(b, CP1252[b]) for b in range(256))
_TCVN3_ENCODING = {ch: b for b, ch in TCVN3_LETTERS.items()}
for _b in range(256):
    if _b not in TCVN3_LETTERS:
        _TCVN3_ENCODING.setdefault(CP1252[_b], _b)
_TCVN3_LOWER = frozenset(ch for ch in TCVN3_LETTERS.values() if ch.islower())


_TCVN3_CAPS = {ord(c): c.upper() for c in _TCVN3_LOWER}
_VIET = "".join(sorted(_TCVN3_LOWER)) + "ĂÂÊÔƠƯĐ"
# A line with capitals and no ASCII lower-case letter; a word made only of capitals and TCVN3 letters.
_CAPS_LINE = re.compile(r"^[^a-z\n]*[A-Z][^a-z\n]*$", re.M)
_CAPS_WORD = re.compile(rf"(?<![^\W\d_])[A-Z{_VIET}]*[{''.join(sorted(_TCVN3_LOWER))}][A-Z{_VIET}]*(?![^\W\d_])")
_ASCII_CAPITAL = re.compile(r"[A-ZĂÂÊÔƠƯĐ]")


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes to Unicode, capitalising "H"-font letters inside words set in capitals."""
    text = codecs.charmap_decode(data, "strict", TCVN3_DECODING)[0]
    if not any(ch in text for ch in _TCVN3_LOWER):
        return text
    text = _CAPS_LINE.sub(_caps_line, text)
    return _CAPS_WORD.sub(_caps_word, text)


def _caps_line(m: re.Match[str]) -> str:
    line = m.group(0)
    return line.translate(_TCVN3_CAPS) if len(_ASCII_CAPITAL.findall(line)) >= 4 else line


def _caps_word(m: re.Match[str]) -> str:
    word = m.group(0)
    return word.translate(_TCVN3_CAPS) if len(_ASCII_CAPITAL.findall(word)) >= 2 else word


def encode_tcvn3(text: str) -> bytes:
    """Unicode to TCVN3; a capital with a tone is written with its lower-case code, as in the H fonts."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        code = _TCVN3_ENCODING.get(ch)
        if code is None:
            code = _TCVN3_ENCODING.get(ch.lower())
        if code is None:
            raise ValueError(f"TCVN3 cannot encode {ch!r}")
        out.append(code)
    return bytes(out)


# ---------------------------------------------------------------------------
# VNI-Windows
# ---------------------------------------------------------------------------

# Mark bytes (as their Windows-1252 characters), lower-case form; the upper-case
# forms are the same letters capitalised.
_VNI_TONE = {GRAVE: "ø", ACUTE: "ù", HOOK: "û", TILDE: "õ", DOT: "ï"}
_VNI_CIRCUMFLEX = "â"
_VNI_CIRCUMFLEX_TONE = {GRAVE: "à", ACUTE: "á", HOOK: "å", TILDE: "ã", DOT: "ä"}
_VNI_BREVE = "ê"
_VNI_BREVE_TONE = {GRAVE: "è", ACUTE: "é", HOOK: "ú", TILDE: "ü", DOT: "ë"}
# Whole letters that take one byte.
_VNI_SINGLE = {
    "ô": "ơ", "ö": "ư", "ñ": "đ",
    "ì": "ì", "í": "í", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}


def _vni_tables() -> tuple[dict[str, str], dict[str, str]]:
    pairs: dict[str, str] = {}
    singles: dict[str, str] = {}
    for code, letter in _VNI_SINGLE.items():
        singles[code] = letter
        singles[code.upper()] = letter.upper()

    def add(base_code: str, base_letter: str, mark_code: str, marks: str) -> None:
        letter = unicodedata.normalize("NFC", base_letter + marks)
        for b_code, b_letter in ((base_code, letter), (base_code.upper(), letter.upper())):
            for m_code in (mark_code, mark_code.upper()):
                pairs[b_code + m_code] = b_letter

    for base in "aeouy":
        for tone, code in _VNI_TONE.items():
            add(base, base, code, tone)
    for base in "aeo":
        add(base, base, _VNI_CIRCUMFLEX, CIRCUMFLEX)
        for tone, code in _VNI_CIRCUMFLEX_TONE.items():
            add(base, base, code, CIRCUMFLEX + tone)
    add("a", "a", _VNI_BREVE, BREVE)
    for tone, code in _VNI_BREVE_TONE.items():
        add("a", "a", code, BREVE + tone)
    for base_code, base_letter in (("ô", "o" + HORN), ("ö", "u" + HORN)):
        for tone, code in _VNI_TONE.items():
            add(base_code, base_letter, code, tone)
    return pairs, singles


VNI_PAIRS, VNI_SINGLES = _vni_tables()
_VNI_RE = re.compile(
    "|".join(re.escape(k) for k in sorted(VNI_PAIRS, key=len, reverse=True))
    + "|[" + re.escape("".join(VNI_SINGLES)) + "]"
)
_VNI_ENCODING: dict[str, str] = {}
for _code, _letter in sorted(VNI_PAIRS.items()):
    # Prefer the form whose mark has the case of its base letter ("AØ", "aø").
    if _code[1].isupper() == _code[0].isupper():
        _VNI_ENCODING.setdefault(_letter, _code)
_VNI_ENCODING.update({letter: code for code, letter in VNI_SINGLES.items()})


def decode_vni(data: bytes) -> str:
    """VNI-Windows bytes to Unicode: compose base + mark pairs, then the one-byte letters."""
    text = codecs.charmap_decode(data, "strict", _CP1252_DECODING)[0]
    return _VNI_RE.sub(lambda m: VNI_PAIRS.get(m.group(0)) or VNI_SINGLES[m.group(0)], text)


def encode_vni(text: str) -> bytes:
    """Unicode to VNI-Windows."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(_VNI_ENCODING.get(ch, ch))
    try:
        return "".join(out).encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"VNI cannot encode {exc.object[exc.start]!r}") from None


# ---------------------------------------------------------------------------
# VIQR
# ---------------------------------------------------------------------------

VIQR_QUALITY = {"(": BREVE, "^": CIRCUMFLEX, "+": HORN}
VIQR_TONE = {"`": GRAVE, "'": ACUTE, "?": HOOK, "~": TILDE, ".": DOT}
_VIQR_QUALITY_OK = {("a", "("), ("a", "^"), ("e", "^"), ("o", "^"), ("o", "+"), ("u", "+")}
_VIQR_MARKS = "".join(VIQR_QUALITY) + "".join(VIQR_TONE)
_VIQR_RE = re.compile(
    r"\\(?P<esc>[" + re.escape(_VIQR_MARKS) + r"dD\\])"
    r"|(?P<dd>(?<![^\W\d_])[dD][dD]|DD)"
    r"|(?P<v>[aeiouyAEIOUY])(?P<q>[(^+])?(?P<t>[`'?~.])?"
)


def decode_viqr(text: str) -> str:
    """VIQR (ASCII) to Unicode, following RFC 1456."""

    def sub(m: re.Match[str]) -> str:
        if m.group("esc"):
            return m.group("esc")
        if m.group("dd"):
            return "Đ" if m.group("dd")[0] == "D" else "đ"
        vowel, quality, tone = m.group("v"), m.group("q"), m.group("t")
        rest = ""
        if quality and (vowel.lower(), quality) not in _VIQR_QUALITY_OK:
            # Not a diacritic: the mark stays, and a tone cannot follow a literal mark.
            rest, quality, tone = quality + (tone or ""), None, None
        marks = (VIQR_QUALITY[quality] if quality else "") + (VIQR_TONE[tone] if tone else "")
        return unicodedata.normalize("NFC", vowel + marks) + rest

    return _VIQR_RE.sub(sub, text)


@lru_cache(maxsize=512)
def _viqr_letter(ch: str) -> str | None:
    if ch in "đĐ":
        return "dd" if ch == "đ" else "DD"
    nfd = unicodedata.normalize("NFD", ch)
    if len(nfd) < 2 or nfd[0].lower() not in "aeiouy":
        return None
    quality = {v: k for k, v in VIQR_QUALITY.items()}
    tone = {v: k for k, v in VIQR_TONE.items()}
    qualities = [quality[m] for m in nfd[1:] if m in quality]
    tones = [tone[m] for m in nfd[1:] if m in tone]
    if len(qualities) + len(tones) != len(nfd) - 1 or len(qualities) > 1 or len(tones) > 1:
        return None
    return nfd[0] + "".join(qualities) + "".join(tones)


def _viqr_would_join(prev: str, ch: str, nxt: str) -> bool:
    """Would the decoder read ``ch`` and the first VIQR character of ``nxt`` as đ/Đ?"""
    first = {"đ": "d", "Đ": "D"}.get(nxt, nxt)
    if not first or first not in "dD":
        return False
    return not prev.isalpha() or (ch == "D" and first == "D")


def encode_viqr(text: str) -> str:
    """Unicode to VIQR, escaping every literal mark that would otherwise combine."""
    out: list[str] = []
    prev = ""
    text = unicodedata.normalize("NFC", text)
    for i, ch in enumerate(text):
        code = _viqr_letter(ch)
        if code is not None:
            out.append(code)
        elif ch in _VIQR_MARKS and prev and unicodedata.normalize("NFD", prev)[0].lower() in "aeiouy":
            out.append("\\" + ch)
        elif ch == "\\":
            out.append("\\\\")
        elif ch in "dD" and _viqr_would_join(prev, ch, text[i + 1:i + 2]):
            out.append("\\" + ch)
        else:
            out.append(ch)
        prev = ch
    return "".join(out)


# ---------------------------------------------------------------------------
# Windows-1258 (the codec is Python's; writing Vietnamese needs decomposition)
# ---------------------------------------------------------------------------


def encode_cp1258(text: str) -> bytes:
    """Unicode to Windows-1258 the way Windows writes it: precomposed where the
    code page has the letter, otherwise the base letter plus a combining tone."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        nfd = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in nfd if c in TONES)
        base = unicodedata.normalize("NFC", "".join(c for c in nfd if c not in TONES))
        try:
            out += base.encode("cp1258") + tones.encode("cp1258")
        except UnicodeEncodeError:
            raise ValueError(f"Windows-1258 cannot encode {ch!r}") from None
    return bytes(out)


def decode_cp1258(data: bytes) -> str:
    """Windows-1258 bytes to (not yet normalised) Unicode; undefined bytes become U+FFFD."""
    return data.decode("cp1258", errors="replace")


# Encoders/decoders by canonical name, for the detector and for tests.
DECODERS = {"cp1258": decode_cp1258, "tcvn3": decode_tcvn3, "vni-windows": decode_vni}
ENCODERS = {"cp1258": encode_cp1258, "tcvn3": encode_tcvn3, "vni-windows": encode_vni}
