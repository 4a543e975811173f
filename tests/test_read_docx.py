"""DOCX: paragraphs and tables in order, legacy fonts, zip bombs and damaged packages.

Packages are written here with zipfile, the way Word lays them out.
"""

from __future__ import annotations

import io
import struct
import zipfile
from xml.sax.saxutils import escape

import pytest

from pipeline.read import read_bytes, read_path
from pipeline.read.docx import MAX_RATIO
from pipeline.read.legacy import encode_tcvn3, encode_vni

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="word/document.xml"/></Relationships>'
)


def run(text: str, font: str | None = None) -> str:
    props = f'<w:rPr><w:rFonts w:ascii="{font}" w:hAnsi="{font}"/></w:rPr>' if font else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def para(*runs: str, style: str | None = None) -> str:
    props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{props}{''.join(runs)}</w:p>"


def table(rows: list[list[str]]) -> str:
    cells = lambda row: "".join(f"<w:tc><w:tcPr/>{c if c.startswith('<w:') else para(run(c))}</w:tc>" for c in row)  # noqa: E731
    return "<w:tbl><w:tblPr/>" + "".join(f"<w:tr>{cells(r)}</w:tr>" for r in rows) + "</w:tbl>"


def make_docx(body: str, *, styles: str | None = None, title: str | None = None, extra: dict[str, bytes] | None = None) -> bytes:
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}<w:sectPr/></w:body></w:document>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        zf.writestr("word/document.xml", document)
        if styles:
            zf.writestr("word/styles.xml", f'<w:styles xmlns:w="{W}">{styles}</w:styles>')
        if title:
            zf.writestr(
                "docProps/core.xml",
                '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
                f'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{escape(title)}</dc:title></cp:coreProperties>',
            )
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def codes(doc) -> list[str]:
    return [e.code for e in doc.errors]


def test_paragraphs_and_tables_in_document_order(tmp_path) -> None:
    body = (
        para(run("CỤM THI ĐUA SỐ 7")) + para()
        + para(run("Các đơn vị cam kết "), run("kéo giảm ít nhất 5%"), run(" số vụ phạm pháp hình sự."))
        + table([["Chỉ tiêu", "Mức"], ["Tai nạn giao thông", "giảm 5%"], ["Cháy nổ", ""]])
        + para(run("Tiếp nhận 100% tố giác, tin báo về tội phạm."))
    )
    path = tmp_path / "giao-uoc.docx"
    path.write_bytes(make_docx(body, title="Bản giao ước thi đua"))
    (doc,) = read_path(path)
    assert doc.format_name == "docx" and not doc.errors and doc.title == "Bản giao ước thi đua"
    assert doc.text == (
        "CỤM THI ĐUA SỐ 7\n\n"
        "Các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự.\n\n"
        "Chỉ tiêu\tMức\n\nTai nạn giao thông\tgiảm 5%\n\nCháy nổ\n\n"
        "Tiếp nhận 100% tố giác, tin báo về tội phạm."
    )


def test_tabs_breaks_deletions_and_textbox_fallbacks() -> None:
    body = para(
        run("Điều 1."), "<w:r><w:tab/></w:r>", run("Giảm 5%"), "<w:r><w:br/></w:r>", run("số vụ"),
        '<w:del w:id="1"><w:r><w:delText>XÓA BỎ</w:delText></w:r></w:del>',
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing/></mc:Choice>'
        "<mc:Fallback><w:pict><w:p><w:r><w:t>BẢN SAO</w:t></w:r></w:p></w:pict></mc:Fallback></mc:AlternateContent></w:r>",
    )
    (doc,) = read_bytes(make_docx(body), "a.docx")
    assert doc.text == "Điều 1.\tGiảm 5%\nsố vụ"


def test_nested_table_cells() -> None:
    inner = table([["a1", "a2"]])
    body = table([["Ngoài", inner + para(run("sau"))]])
    (doc,) = read_bytes(make_docx(body), "n.docx")
    assert doc.text == "Ngoài\ta1\ta2 sau"


def test_legacy_fonts_converted_by_font() -> None:
    tcvn3 = encode_tcvn3("Công an tỉnh Thanh Hóa ký kết giao ước").decode("cp1252")
    caps = encode_tcvn3("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM").decode("cp1252")
    vni = encode_vni("Độc lập - Tự do - Hạnh phúc").decode("cp1252")
    body = para(run(caps, ".VnTimeH")) + para(run(vni, "VNI-Times")) + para(run(tcvn3, ".VnTime")) + para(run("Unicode: Hà Nội", "Times New Roman"))
    (doc,) = read_bytes(make_docx(body), "legacy.docx")
    assert doc.text == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\nĐộc lập - Tự do - Hạnh phúc\n\n"
        "Công an tỉnh Thanh Hóa ký kết giao ước\n\nUnicode: Hà Nội"
    )
    assert doc.encoding in ("tcvn3", "vni-windows")


def test_legacy_font_from_the_style() -> None:
    styles = (
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:rPr><w:rFonts w:ascii=".VnTime" w:hAnsi=".VnTime"/></w:rPr></w:style>'
    )
    text = encode_tcvn3("Thi đua yêu nước").decode("cp1252")
    (doc,) = read_bytes(make_docx(para(run(text)), styles=styles), "styled.docx")
    assert doc.text == "Thi đua yêu nước" and doc.encoding == "tcvn3"


def test_empty_docx() -> None:
    (doc,) = read_bytes(make_docx(para() + para(run("   "))), "empty.docx")
    assert codes(doc) == ["empty_document"] and doc.text == ""


def test_zip_bomb_is_refused_before_decompressing() -> None:
    # 32 MiB of spaces deflate to ~32 KiB: a 1000-fold ratio no document has.
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("_rels/.rels", RELS)
        with zf.open("word/document.xml", "w") as f:
            f.write(f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode())
            chunk = b" " * (1 << 20)
            for _ in range(32):
                f.write(chunk)
            f.write(b"</w:t></w:r></w:p></w:body></w:document>")
    data = buf.getvalue()
    assert len(data) < 1 << 20
    (doc,) = read_bytes(data, "bomb.docx")
    assert codes(doc) == ["zip_bomb"] and doc.text == ""
    assert f"limit {MAX_RATIO}" in doc.errors[0].message


def test_zip_declaring_a_huge_member_is_a_bomb() -> None:
    data = bytearray(make_docx(para(run("nhỏ"))))
    # Rewrite the central directory's uncompressed size of word/document.xml to 3 GiB.
    name = b"word/document.xml"
    pos = 0
    while True:
        pos = data.find(b"PK\x01\x02", pos)
        assert pos != -1
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46:pos + 46 + name_len]) == name:
            struct.pack_into("<I", data, pos + 24, 3 << 30)
            break
        pos += 4
    (doc,) = read_bytes(bytes(data), "liar.docx")
    assert codes(doc) == ["zip_bomb"]


def test_too_many_entries_is_a_bomb() -> None:
    extra = {f"word/media/x{i}.xml": b"" for i in range(6000)}
    (doc,) = read_bytes(make_docx(para(run("a")), extra=extra), "many.docx")
    assert codes(doc) == ["zip_bomb"]


@pytest.mark.parametrize(("data", "why"), [
    (b"PK\x03\x04 this is not really a zip", "truncated zip"),
    (b"just text in a .docx", "not a zip"),
])
def test_damaged_docx(data: bytes, why: str) -> None:
    (doc,) = read_bytes(data, "bad.docx")
    assert codes(doc) == ["docx_invalid"], why


def test_docx_without_document_part() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "xin chào")
    (doc,) = read_bytes(buf.getvalue(), "nodoc.docx")
    assert codes(doc) == ["docx_invalid"]


def test_malformed_document_xml() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>cắt')
    (doc,) = read_bytes(buf.getvalue(), "cut.docx")
    assert codes(doc) == ["docx_invalid"]


def test_entity_expansion_is_not_resolved() -> None:
    lol = (
        '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>'
        f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>x&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;</w:t></w:r></w:p></w:body></w:document>'
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", lol)
    (doc,) = read_bytes(buf.getvalue(), "lol.docx")
    assert len(doc.text) < 1000


def test_corrupted_deflate_stream_is_docx_invalid() -> None:
    data = bytearray(make_docx(para(run("Công an tỉnh Thanh Hóa ký kết giao ước thi đua " * 20))))
    start = data.find(b"word/document.xml") + len("word/document.xml")  # the member's compressed bytes follow its name
    for i in range(start + 10, start + 40):
        data[i] ^= 0x5A
    (doc,) = read_bytes(bytes(data), "corrupt.docx")
    assert codes(doc) == ["docx_invalid"]


def test_highly_compressible_media_is_not_a_bomb() -> None:
    # A blank uncompressed bitmap shrinks 1000-fold, but media parts are never decompressed.
    (doc,) = read_bytes(make_docx(para(run("Có ảnh")), extra={"word/media/blank.bmp": b"\0" * (4 << 20)}), "img.docx")
    assert not doc.errors and doc.text == "Có ảnh"
