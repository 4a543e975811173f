"""Text decoding: BOMs, UTF-8/16, Windows-1258, TCVN3, VNI, VIQR, detection and its errors.

Every fixture is generated here (into tmp_path when a file is needed); the
legacy tables are checked against strings published in charts and seen in
the wild ("C«ng an tØnh Thanh Hãa", "Coâng an tænh Thanh Hoùa"), then by a
round trip of every Vietnamese letter.
"""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.read import read_bytes, read_path
from pipeline.read.decode import decode_bytes, repair_mojibake
from pipeline.read.errors import ReadError
from pipeline.read.legacy import (
    LETTERS,
    TCVN3_LETTERS,
    decode_tcvn3,
    decode_viqr,
    decode_vni,
    encode_cp1258,
    encode_tcvn3,
    encode_viqr,
    encode_vni,
)
from pipeline.read.syllables import is_syllable, vietnamese_score

TEXT = (
    "Cụm thi đua số 5 Bộ Công an ký kết giao ước thi đua năm 2023\n\n"
    "Sáng 28/2, tại Công an tỉnh Thanh Hóa, các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp "
    "hình sự so với năm 2022; tỷ lệ điều tra, khám phá đạt trên 80%, riêng án nghiêm trọng đạt trên 95%; "
    "tiếp nhận 100% tố giác, tin báo về tội phạm; không để xảy ra oan sai, bỏ lọt tội phạm. "
    "Đắk Lắk, Thừa Thiên Huế, Quảng Trị, Nguyễn Văn Hiếu, người được khen thưởng, huyện, quốc phòng.\n"
)


def codes(doc) -> list[str]:
    return [e.code for e in doc.errors]


def read_one(data: bytes, source: str = "x.txt"):
    docs = read_bytes(data, source)
    assert len(docs) == 1
    return docs[0]


# --- the tables, against published strings ----------------------------------------------------------------------

TCVN3_KNOWN = {
    "C«ng an tØnh Thanh Hãa": "Công an tỉnh Thanh Hóa",
    "Céng hßa x· héi chñ nghÜa ViÖt Nam": "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "§éc lËp - Tù do - H¹nh phóc": "Độc lập - Tự do - Hạnh phúc",
    "tr­êng": "trường",
    "Thõa Thiªn HuÕ": "Thừa Thiên Huế",
    "§¾k L¾k": "Đắk Lắk",
    "Uû ban nh©n d©n": "Uỷ ban nhân dân",
    "giao ­íc thi ®ua n¨m": "giao ước thi đua năm",
}
VNI_KNOWN = {
    "Coâng an tænh Thanh Hoùa": "Công an tỉnh Thanh Hóa",
    "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam": "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Ñoäc laäp - Töï do - Haïnh phuùc": "Độc lập - Tự do - Hạnh phúc",
    "Tröôøng": "Trường",
    "Ñaék Laék": "Đắk Lắk",
    "chieán só": "chiến sĩ",
    "Vònh": "Vịnh",
    "Xin chaøo caùc baïn": "Xin chào các bạn",
}
VIQR_KNOWN = {
    "Co^ng an ti?nh Thanh Ho'a": "Công an tỉnh Thanh Hóa",
    "To^i ye^u tie^'ng nu+o+'c to^i tu+` khi mo+'i ra ddo+`i\\.": "Tôi yêu tiếng nước tôi từ khi mới ra đời.",
    "O^ng te^n gi`\\? To^i te^n la` Tra^`n Va(n Hie^'u\\.": "Ông tên gì? Tôi tên là Trần Văn Hiếu.",
    "DDo^.c la^.p - Tu+. do - Ha.nh phu'c": "Độc lập - Tự do - Hạnh phúc",
    "HDDND ti?nh": "HĐND tỉnh",
}


@pytest.mark.parametrize(("legacy", "unicode"), TCVN3_KNOWN.items())
def test_tcvn3_known_strings(legacy: str, unicode: str) -> None:
    raw = legacy.encode("cp1252")  # how these strings are shown: TCVN3 bytes read as Windows-1252
    assert decode_tcvn3(raw) == unicode
    assert encode_tcvn3(unicode) == raw


def test_tcvn3_byte_positions() -> None:
    assert TCVN3_LETTERS[0xAB] == "ô" and TCVN3_LETTERS[0xD8] == "ỉ" and TCVN3_LETTERS[0xE3] == "ó"
    assert TCVN3_LETTERS[0xA7] == "Đ" and TCVN3_LETTERS[0xAE] == "đ" and TCVN3_LETTERS[0xAD] == "ư"
    assert encode_tcvn3("Công an tỉnh Thanh Hóa") == b"C\xabng an t\xd8nh Thanh H\xe3a"
    assert len(TCVN3_LETTERS) == 74 and len(set(TCVN3_LETTERS.values())) == 74  # 60 toned + ăâêôơưđ + ĂÂÊÔƠƯĐ


@pytest.mark.parametrize(("legacy", "unicode"), VNI_KNOWN.items())
def test_vni_known_strings(legacy: str, unicode: str) -> None:
    raw = legacy.encode("cp1252")
    assert decode_vni(raw) == unicode
    assert encode_vni(unicode) == raw


@pytest.mark.parametrize(("legacy", "unicode"), VIQR_KNOWN.items())
def test_viqr_known_strings(legacy: str, unicode: str) -> None:
    assert decode_viqr(legacy) == unicode


def test_every_letter_round_trips() -> None:
    assert len(LETTERS) == 146  # 12 vowels × 6 tones + đ, both cases
    for letter in LETTERS:
        assert decode_vni(encode_vni(letter)) == letter, letter
        assert decode_viqr(encode_viqr(letter)) == letter, letter
        assert unicodedata.normalize("NFC", encode_cp1258(letter).decode("cp1258")) == letter, letter
        if letter.islower() or letter in "ĂÂÊÔƠƯĐ":
            assert decode_tcvn3(encode_tcvn3(letter)) == letter, letter


def test_tcvn3_capitals_from_h_fonts() -> None:
    # .VnTimeH draws the lower-case codes as capitals: a line in capitals comes back in capitals.
    raw = encode_tcvn3("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTự do")
    assert decode_tcvn3(raw) == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTự do"
    assert decode_tcvn3(encode_tcvn3("Tỉnh THANH HÓA")) == "Tỉnh THANH HÓA"


def test_viqr_escapes_round_trip() -> None:
    text = "Hoa. Bộ Công an (Hòa(x)) gì? a^ HĐND ADD \\ quyết"
    assert decode_viqr(encode_viqr(text)) == text


def test_syllable_check() -> None:
    good = "Công an tỉnh Thanh Hóa quốc quỳnh giữ gìn người được huyện Nguyễn khuya thuở hoặc khoẻ Đắk Lắk"
    assert all(is_syllable(w) for w in good.split())
    assert not any(is_syllable(w) for w in ["C«ng", "tØnh", "Coâng", "Hoìa", "tiềnh", "Coõng"])
    assert vietnamese_score("C«ng an tØnh Thanh Hãa").value < 0.5 <= vietnamese_score("Công an tỉnh Thanh Hóa").value


# --- detection, one test per encoding -------------------------------------------------------------------------------


def test_utf8_plain(tmp_path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(TEXT.encode("utf-8"))
    (doc,) = read_path(path)
    assert doc.text == TEXT and doc.encoding == "utf-8" and doc.format_name == "text" and not doc.errors


def test_utf8_bom() -> None:
    doc = read_one(codecs.BOM_UTF8 + TEXT.encode("utf-8"))
    assert doc.text == TEXT and doc.encoding == "utf-8-sig"


@pytest.mark.parametrize(("bom", "codec", "name"), [
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
])
def test_utf16_and_utf32_with_bom(tmp_path, bom: bytes, codec: str, name: str) -> None:
    path = tmp_path / "wide.txt"
    path.write_bytes(bom + TEXT.encode(codec))
    (doc,) = read_path(path)
    assert doc.text == TEXT and doc.encoding == name and not doc.errors


def test_utf16_without_bom() -> None:
    doc = read_one(TEXT.encode("utf-16-le"))
    assert doc.text == TEXT and doc.encoding == "utf-16-le"


def test_cp1258_combining_tones_become_nfc(tmp_path) -> None:
    raw = encode_cp1258(TEXT)
    assert b"\xd2" in raw  # "tỉnh": i + combining hook above, as Windows-1258 writes it
    path = tmp_path / "cp1258.txt"
    path.write_bytes(raw)
    (doc,) = read_path(path)
    assert doc.encoding == "cp1258" and not doc.errors
    assert doc.text == TEXT and unicodedata.is_normalized("NFC", doc.text)


def test_tcvn3_file(tmp_path) -> None:
    path = tmp_path / "tcvn3.txt"
    path.write_bytes(encode_tcvn3(TEXT))
    (doc,) = read_path(path)
    assert doc.encoding == "tcvn3" and not doc.errors
    assert doc.text == TEXT


def test_vni_file(tmp_path) -> None:
    path = tmp_path / "vni.txt"
    path.write_bytes(encode_vni(TEXT))
    (doc,) = read_path(path)
    assert doc.encoding == "vni-windows" and not doc.errors
    assert doc.text == TEXT


def test_viqr_file(tmp_path) -> None:
    path = tmp_path / "viqr.txt"
    path.write_bytes(encode_viqr(TEXT).encode("ascii"))
    (doc,) = read_path(path)
    assert doc.encoding == "viqr" and doc.text == TEXT


def test_plain_ascii_is_not_mistaken_for_viqr() -> None:
    english = b"What? Who? I don't know. Go. It's fine, isn't it? (see above) a^b c+d. Cong an tinh Thanh Hoa."
    doc = read_one(english)
    assert doc.encoding == "utf-8" and doc.text == english.decode()


def test_nfd_input_becomes_nfc() -> None:
    nfd = unicodedata.normalize("NFD", TEXT)
    assert nfd != TEXT
    doc = read_one(nfd.encode("utf-8"))
    assert doc.text == TEXT


def test_short_legacy_snippets() -> None:
    assert read_one(encode_tcvn3("Công an tỉnh Thanh Hóa")).text == "Công an tỉnh Thanh Hóa"
    assert read_one(encode_vni("Công an tỉnh Thanh Hóa")).text == "Công an tỉnh Thanh Hóa"
    assert read_one(encode_cp1258("Công an tỉnh Thanh Hóa")).text == "Công an tỉnh Thanh Hóa"


# --- errors ---------------------------------------------------------------------------------------------------------


def test_encoding_uncertain_still_returns_best_text() -> None:
    doc = read_one("Grüße aus Köln, schöne Straße, Müller".encode("cp1252"))
    assert codes(doc) == ["encoding_uncertain"]
    assert doc.text == "Grüße aus Köln, schöne Straße, Müller" and doc.encoding == "cp1258"
    assert "UTF-8" in doc.errors[0].message  # says what to try


def test_truncated_utf8_is_decode_error() -> None:
    raw = TEXT.encode("utf-8")
    cut = raw[: raw.index("ị".encode()) + 1]  # ends inside a three-byte character
    doc = read_one(cut)
    assert codes(doc) == ["decode_error"] and doc.encoding == "utf-8"
    assert doc.text.endswith("\ufffd") and "truncated" in doc.errors[0].message


def test_utf8_with_stray_bytes_is_decode_error() -> None:
    raw = TEXT.encode("utf-8").replace(b"Thanh", b"Th\xe0nh")  # one Windows-1258 byte pasted into UTF-8
    doc = read_one(raw)
    assert codes(doc) == ["decode_error"] and doc.text.count("\ufffd") == 1


def test_truncated_utf16_is_decode_error() -> None:
    doc = read_one(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le")[:-1])
    assert codes(doc) == ["decode_error"] and doc.encoding == "utf-16-le"


def test_mojibake_repair_in_utf8_text() -> None:
    # TCVN3 text pasted into a UTF-8 file as its Windows-1252 characters.
    doc = read_one("Tin tức\nC«ng an tØnh Thanh Hãa ký kÕt giao ­íc thi ®ua\n".encode("utf-8"))
    assert doc.text == "Tin tức\nCông an tỉnh Thanh Hóa ký kết giao ước thi đua\n"
    assert doc.encoding == "tcvn3"
    assert repair_mojibake("CÃ´ng an tá»‰nh Thanh HÃ³a") == ("Công an tỉnh Thanh Hóa", "utf-8")
    assert repair_mojibake("Công an tỉnh, Müller café") == ("Công an tỉnh, Müller café", None)


# --- properties -----------------------------------------------------------------------------------------------------

VIET_WORDS = st.sampled_from(TEXT.replace("\n", " ").replace(",", " ").replace(".", " ").replace(";", " ").split())


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_decode_without_raising_and_in_nfc(data: bytes) -> None:
    (doc,) = read_bytes(data, "random.txt")
    assert unicodedata.is_normalized("NFC", doc.text)
    assert all(e.code for e in doc.errors)
    try:
        decoded = decode_bytes(data)
    except ReadError as exc:  # the one exception decode_bytes documents
        assert exc.code == "binary_file" and codes(doc) == ["binary_file"]
    else:
        assert unicodedata.is_normalized("NFC", decoded.text)


@settings(max_examples=200)
@given(st.text(max_size=500))
def test_any_text_as_utf8_comes_back_nfc(text: str) -> None:
    raw = text.encode("utf-8", errors="surrogatepass")
    (doc,) = read_bytes(raw, "t.txt")
    assert unicodedata.is_normalized("NFC", doc.text)
    doc.text.encode("utf-8")  # no lone surrogates survive


@settings(max_examples=200)
@given(st.text(max_size=300).map(lambda t: unicodedata.normalize("NFD", t)))
def test_nfd_text_comes_back_as_its_nfc(text: str) -> None:
    (doc,) = read_bytes(text.encode("utf-8", errors="surrogatepass"), "t.txt")
    if not doc.errors and doc.encoding == "utf-8":
        assert doc.text == unicodedata.normalize("NFC", text)


@settings(max_examples=100)
@given(st.lists(VIET_WORDS, min_size=12, max_size=60).map(" ".join))
def test_vietnamese_round_trips_through_every_encoding(text: str) -> None:
    # A few words can read as Vietnamese in two encodings ("Cụm" in TCVN3 is "Côm" in Windows-1258):
    # then detection must say it is unsure; otherwise it must be right.
    for encoder, name in ((encode_cp1258, "cp1258"), (encode_tcvn3, "tcvn3"), (encode_vni, "vni-windows")):
        doc = read_one(encoder(text))
        if codes(doc) != ["encoding_uncertain"]:
            assert doc.text == text and doc.encoding == name, name
    assert read_one(encode_viqr(text).encode()).text == text


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000), st.sampled_from(["x.html", "x.docx", "x.pdf", "x.jsonl", "x.dat", "-"]))
def test_any_bytes_in_any_format_are_handled(data: bytes, name: str) -> None:
    # Whatever the bytes, every reader answers with documents (no reader bug surfaces as internal_error).
    docs = read_bytes(data, name)
    assert docs
    for doc in docs:
        assert "internal_error" not in codes(doc)
        assert unicodedata.is_normalized("NFC", doc.text)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(list("<>/=\"' pdivatbleh1&;#x\n") + ["<p>", "</p>", "<br>", "<td>", "&amp;", "ệ", "\u0301", "<div class='related'>", "<script>", "<!--"]), max_size=200).map("".join))
def test_any_markup_is_handled(markup: str) -> None:
    (doc,) = read_bytes(markup.encode("utf-8"), "page.html")
    assert "internal_error" not in codes(doc)
    assert unicodedata.is_normalized("NFC", doc.text)
