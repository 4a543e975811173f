"""PDF: the text layer, encrypted and image-only PDFs, damage.

The PDFs are written here byte by byte: a Type0 font with Identity-H codes
(code = Unicode code point) and a ToUnicode map, so no font file is needed to
make a PDF whose text layer is Vietnamese.
"""

from __future__ import annotations

import io
import zlib

import pytest

from pipeline.read import read_bytes, read_path
from pipeline.read.legacy import encode_tcvn3


def _pdf(objects: dict[int, bytes], root: int = 1, info: int | None = None) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, objects[number]))
    xref = out.tell()
    size = max(objects) + 1
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for number in range(1, size):
        out.write(b"%010d 00000 n \n" % offsets[number])
    info_ref = b" /Info %d 0 R" % info if info else b""
    out.write(b"trailer\n<< /Size %d /Root %d 0 R%s >>\nstartxref\n%d\n%%%%EOF\n" % (size, root, info_ref, xref))
    return out.getvalue()


def _stream(data: bytes, extra: bytes = b"") -> bytes:
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), extra, data)


def make_pdf(pages: list[str], title: str | None = None) -> bytes:
    """A PDF whose pages carry ``pages`` as their text layer (one line per ``\\n``)."""
    chars = sorted({c for page in pages for c in page if c != "\n"} | {" "})
    entries = []
    for i in range(0, len(chars), 100):
        block = chars[i:i + 100]
        entries.append(f"{len(block)} beginbfchar")
        entries += [f"<{ord(c):04X}> <{ord(c):04X}>" for c in block]
        entries.append("endbfchar")
    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        + "\n".join(entries) + "\nendcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode()
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        3: b"<< /Type /Font /Subtype /Type0 /BaseFont /VietSans /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>",
        4: b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /VietSans /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) "
           b"/Supplement 0 >> /DW 500 /CIDToGIDMap /Identity /FontDescriptor 6 0 R >>",
        5: _stream(cmap),
        6: b"<< /Type /FontDescriptor /FontName /VietSans /Flags 32 /FontBBox [0 -200 1000 900] /ItalicAngle 0 "
           b"/Ascent 900 /Descent -200 /CapHeight 700 /StemV 80 >>",
    }
    kids, number = [], 7
    for text in pages:
        ops = ["BT", "/F1 11 Tf", "14 TL", "50 800 Td"]
        ops += ["<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in text.split("\n")]
        ops.append("ET")
        objects[number] = _stream("\n".join(ops).encode())
        objects[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % number
        )
        kids.append(number + 1)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    info = None
    if title:
        info = number
        objects[number] = b"<< /Title <FEFF%s> >>" % title.encode("utf-16-be").hex().upper().encode()
    return _pdf(objects, info=info)


def make_image_pdf(pages: int = 2) -> bytes:
    """A scanned document: each page only draws an image."""
    pixels = zlib.compress(bytes(range(256)) * 64)
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R >>", 3: _stream(pixels, b" /Type /XObject /Subtype /Image /Width 128 "
               b"/Height 128 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode")}
    kids, number = [], 4
    for _ in range(pages):
        objects[number] = _stream(b"q 500 0 0 700 40 60 cm /Im1 Do Q")
        objects[number + 1] = (
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 3 0 R >> >> "
            b"/Contents %d 0 R >>" % number
        )
        kids.append(number + 1)
        number += 2
    objects[2] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))
    return _pdf(objects)


def encrypt(data: bytes, user_password: str, algorithm: str) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


PAGES = [
    "CÔNG AN TỈNH THANH HÓA\nBản giao ước thi đua năm 2023",
    "Kéo giảm ít nhất 5% số vụ phạm pháp hình sự;\ntỷ lệ điều tra, khám phá đạt trên 80%.",
]


def codes(doc) -> list[str]:
    return [e.code for e in doc.errors]


def test_text_layer_and_title(tmp_path) -> None:
    path = tmp_path / "giao-uoc.pdf"
    path.write_bytes(make_pdf(PAGES, title="Giao ước thi đua 2023"))
    (doc,) = read_path(path)
    assert doc.format_name == "pdf" and not doc.errors and doc.title == "Giao ước thi đua 2023"
    assert doc.text == "\n\n".join(PAGES)


def test_pdf_with_only_an_owner_password_is_read() -> None:
    (doc,) = read_bytes(encrypt(make_pdf(PAGES), "", "AES-256"), "owner.pdf")
    assert not doc.errors and doc.text == "\n\n".join(PAGES)


@pytest.mark.parametrize("algorithm", ["RC4-128", "AES-256"])
def test_password_protected_pdf(algorithm: str) -> None:
    (doc,) = read_bytes(encrypt(make_pdf(PAGES), "mat-khau", algorithm), "locked.pdf")
    assert codes(doc) == ["pdf_encrypted"] and doc.text == ""


def test_image_only_pdf() -> None:
    (doc,) = read_bytes(make_image_pdf(), "scan.pdf")
    assert codes(doc) == ["pdf_no_text"] and "OCR" in doc.errors[0].message


def test_tcvn3_font_text_layer_is_repaired() -> None:
    # A PDF printed from a .VnTime document carries the TCVN3 bytes as Windows-1252 characters.
    legacy = encode_tcvn3("Công an tỉnh Thanh Hóa ký kết giao ước thi đua").decode("cp1252")
    (doc,) = read_bytes(make_pdf([legacy]), "vntime.pdf")
    assert doc.text == "Công an tỉnh Thanh Hóa ký kết giao ước thi đua" and doc.encoding == "tcvn3"


@pytest.mark.parametrize("data", [
    b"%PDF-1.4\nthis is not a pdf body at all",
    make_pdf(PAGES)[:300],
    b"%PDF-1.7\n" + bytes(range(256)) * 40,
])
def test_damaged_pdf(data: bytes) -> None:
    (doc,) = read_bytes(data, "bad.pdf")
    assert codes(doc) == ["pdf_invalid"] and doc.text == ""
