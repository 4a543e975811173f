"""HTML pages: main text only, metadata, charsets, and pages that try to break the parser."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.read import read_bytes, read_path
from pipeline.read.dates import parse_date
from pipeline.read.html import extract_html
from pipeline.read.legacy import encode_cp1258, encode_tcvn3

ARTICLE = """<!DOCTYPE html>
<html lang="vi"><head>
<meta charset="utf-8">
<title>Ký kết giao ước thi đua - Báo Công an nhân dân</title>
<meta property="og:title" content="Cụm thi đua số 5 ký kết giao ước thi đua năm 2023">
<meta property="article:published_time" content="2023-02-28T08:30:00+07:00">
<script>var menu = "Trang chủ"; document.write("quảng cáo");</script>
<style>.menu { color: red }</style>
</head>
<body>
<header class="site-header"><ul class="menu"><li><a href="/">Trang chủ</a></li><li><a href="/an-ninh">An ninh trật tự</a></li></ul></header>
<nav class="breadcrumb"><a href="/">Thời sự</a> › <a href="/phap-luat">Pháp luật</a></nav>
<div class="container">
 <div class="main-col">
  <h1 class="title">Cụm thi đua số 5 ký kết giao ước thi đua năm 2023</h1>
  <div class="share-tools"><a href="#">Chia sẻ Facebook</a> <a href="#">Zalo</a></div>
  <p class="sapo">Sáng 28/2, tại Công an tỉnh Thanh Hóa, Cụm thi đua số 5 Bộ Công an đã tổ chức ký kết giao ước thi đua năm 2023.</p>
  <div class="detail-content">
   <p>Theo nội dung giao ước, các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự so với năm 2022, tỷ lệ điều tra khám phá đạt trên 80%.</p>
   <figure class="image"><img src="a.jpg" alt="ảnh"><figcaption>Các đại biểu ký kết giao ước. Ảnh: Hoàng Gia</figcaption></figure>
   <p>Các đơn vị cũng thống nhất tiếp nhận 100% tố giác, tin báo về tội phạm,<br>giải quyết đạt tỷ lệ trên 90%.</p>
   <table class="chi-tieu"><tr><th>Chỉ tiêu</th><th>Mức</th></tr><tr><td><p>Tai nạn giao thông</p></td><td>giảm 5%</td></tr></table>
   <p class="Image">Ảnh minh họa: lực lượng Công an ra quân</p>
   <div class="box-related"><a href="/1">Công an Nghệ An ký kết giao ước thi đua năm 2023 với nhiều chỉ tiêu</a>
     <a href="/2">Cụm thi đua số 3 tổng kết công tác năm 2022 và phát động thi đua</a></div>
   <p>Xem thêm: <a href="/x">Công an Thanh Hóa triển khai nhiệm vụ năm 2023 với nhiều điểm mới</a></p>
   <p>Hội nghị kết thúc trong không khí phấn khởi, các đơn vị hứa sẽ thực hiện thắng lợi giao ước.</p>
  </div>
  <div class="tags"><a href="/tag/thi-dua">thi đua</a> <a href="/tag/cand">CAND</a></div>
  <div id="comments"><p>Bạn đọc bình luận: bài viết rất hay, cảm ơn tác giả đã đưa tin kịp thời.</p></div>
 </div>
 <aside class="sidebar"><h3>Đọc nhiều</h3><ul><li><a href="/3">Tin đọc nhiều nhất trong ngày hôm nay</a></li></ul></aside>
</div>
<footer><p>© Báo Công an nhân dân. Địa chỉ: 92 Nguyễn Du, Hà Nội. Giấy phép số 123/GP-BTTTT.</p></footer>
</body></html>"""

EXPECTED = (
    "Cụm thi đua số 5 ký kết giao ước thi đua năm 2023\n\n"
    "Sáng 28/2, tại Công an tỉnh Thanh Hóa, Cụm thi đua số 5 Bộ Công an đã tổ chức ký kết giao ước thi đua năm 2023.\n\n"
    "Theo nội dung giao ước, các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự so với năm 2022, "
    "tỷ lệ điều tra khám phá đạt trên 80%.\n\n"
    "Các đơn vị cũng thống nhất tiếp nhận 100% tố giác, tin báo về tội phạm,\ngiải quyết đạt tỷ lệ trên 90%.\n\n"
    "Chỉ tiêu\tMức\n\n"
    "Tai nạn giao thông\tgiảm 5%\n\n"
    "Hội nghị kết thúc trong không khí phấn khởi, các đơn vị hứa sẽ thực hiện thắng lợi giao ước."
)


def codes(doc) -> list[str]:
    return [e.code for e in doc.errors]


def test_article_main_text_title_and_date(tmp_path) -> None:
    path = tmp_path / "bai-viet.html"
    path.write_text(ARTICLE, encoding="utf-8")
    (doc,) = read_path(path)
    assert doc.format_name == "html" and doc.encoding == "utf-8" and not doc.errors
    assert doc.title == "Cụm thi đua số 5 ký kết giao ước thi đua năm 2023"
    assert doc.published == dt.date(2023, 2, 28)
    assert doc.text == EXPECTED


@pytest.mark.parametrize("left_out", [
    "Trang chủ", "quảng cáo", "color: red", "Chia sẻ", "Ảnh: Hoàng Gia", "Ảnh minh họa", "Nghệ An", "Xem thêm",
    "CAND", "bình luận", "Đọc nhiều", "Nguyễn Du", "Pháp luật",
])
def test_boilerplate_left_out(left_out: str) -> None:
    assert left_out not in extract_html(ARTICLE).text


def test_htm_suffix_and_legacy_charset() -> None:
    page = ARTICLE.replace('<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">')
    (doc,) = read_bytes(encode_cp1258(page), "old.htm")
    assert doc.format_name == "html" and doc.encoding == "cp1258" and doc.text == EXPECTED


def test_page_in_tcvn3_font_declared_as_latin1() -> None:
    # Old pages set in .VnTime declared a Western charset: the declaration is not trusted.
    page = (
        '<html><head><meta charset="iso-8859-1"><title>Tin</title></head><body><div class="content">'
        "<p>" + "Công an tỉnh Thanh Hóa ký kết giao ước thi đua năm 2023, giảm 5% số vụ phạm pháp hình sự. " * 3 + "</p>"
        "</div></body></html>"
    )
    (doc,) = read_bytes(encode_tcvn3(page), "tcvn3.html")
    assert doc.encoding == "tcvn3" and doc.text.startswith("Công an tỉnh Thanh Hóa ký kết")


@pytest.mark.parametrize(("head", "expected"), [
    ('<meta name="pubdate" content="2021-03-23">', dt.date(2021, 3, 23)),
    ('<meta itemprop="datePublished" content="2022-12-27T10:00:00Z">', dt.date(2022, 12, 27)),
    ('<meta name="DC.date.issued" content="2020-03-03">', dt.date(2020, 3, 3)),
    ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-01-05T07:00:00+07:00"}</script>',
     dt.date(2024, 1, 5)),
])
def test_published_from_meta_variants(head: str, expected: dt.date) -> None:
    page = f"<html><head>{head}<title>T</title></head><body><p>{'Nội dung bài viết. ' * 10}</p></body></html>"
    assert extract_html(page).published == expected


def test_published_from_time_element_and_title_fallback() -> None:
    page = (
        "<html><head><title>Tiêu đề trang</title></head><body><article>"
        '<time datetime="2019-11-20T09:00">20/11/2019</time>'
        f"<p>{'Nội dung bài viết, có dấu phẩy. ' * 8}</p></article></body></html>"
    )
    got = extract_html(page)
    assert got.published == dt.date(2019, 11, 20) and got.title == "Tiêu đề trang"


def test_published_from_visible_date() -> None:
    page = (
        '<html><body><div class="article"><span class="post-date">Thứ Ba, 28/02/2023 - 08:30</span>'
        f"<p>{'Nội dung bài viết, có dấu phẩy. ' * 8}</p></div></body></html>"
    )
    assert extract_html(page).published == dt.date(2023, 2, 28)


def test_article_body_itemprop_wins() -> None:
    page = (
        "<html><body><div class='list'>" + "<p>Tin khác rất dài, có dấu phẩy, không phải bài chính.</p>" * 20 + "</div>"
        "<div itemprop='articleBody'><p>Đây là nội dung chính của bài viết, dài hơn một trăm ký tự, "
        "với đầy đủ thông tin về hội nghị ký kết giao ước thi đua.</p></div></body></html>"
    )
    assert extract_html(page).text.startswith("Đây là nội dung chính")


def test_deeply_nested_html_does_not_crash() -> None:
    depth = 100_000
    page = "<html><body>" + "<div>" * depth + "<p>Công an tỉnh Thanh Hóa ký kết giao ước</p>" + "</div>" * depth + "</body></html>"
    (doc,) = read_bytes(page.encode("utf-8"), "deep.html")
    assert codes(doc) == ["html_too_deep"]
    assert doc.text == "Công an tỉnh Thanh Hóa ký kết giao ước"


def test_moderately_nested_html_is_parsed_normally() -> None:
    page = "<html><body>" + "<div>" * 1500 + f"<p>{'Nội dung, sâu. ' * 10}</p>" + "</div>" * 1500 + "</body></html>"
    (doc,) = read_bytes(page.encode("utf-8"), "deepish.html")
    assert not doc.errors and doc.text.startswith("Nội dung, sâu.")


@pytest.mark.parametrize("markup", [b"", b"   \n", b"<html><body><script>x()</script></body></html>", b"<html><head></head></html>"])
def test_pages_without_text_are_empty_documents(markup: bytes) -> None:
    (doc,) = read_bytes(markup, "empty.html")
    assert codes(doc) == ["empty_document"] and doc.text == ""


def test_binary_file_named_html() -> None:
    (doc,) = read_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 10, "photo.html")
    assert codes(doc) == ["binary_file"]


def test_broken_markup_still_gives_text() -> None:
    page = b"<html><body><div class=content><p>Gi\xe1\xba\xa3m 5% s\xe1\xbb\x91 v\xe1\xbb\xa5, t\xc4\x83ng 10%<p>d\xc3\xb2ng hai</div></span></table>"
    (doc,) = read_bytes(page, "broken.html")
    assert not doc.errors and doc.text == "Giảm 5% số vụ, tăng 10%\n\ndòng hai"


def test_parse_date_forms() -> None:
    assert parse_date("2023-02-28T23:30:00-05:00") == dt.date(2023, 2, 28)  # the date as written
    assert parse_date("28/02/2023") == dt.date(2023, 2, 28)
    assert parse_date("Thứ Hai, 6-3-2023 14:05") == dt.date(2023, 3, 6)
    assert parse_date("20230228") == dt.date(2023, 2, 28)
    assert parse_date("ngày 27 tháng 12 năm 2024") == dt.date(2024, 12, 27)
    assert parse_date("31/02/2023") is None and parse_date("hôm qua") is None and parse_date(None) is None


def test_vnexpress_like_layout() -> None:
    page = """<html><head><meta name="pubdate" content="2023-02-28T08:30:00+07:00">
    <meta property="og:title" content="Công an Thanh Hóa ký giao ước thi đua"></head><body>
    <section class="section page-detail top-detail"><div class="container"><div class="sidebar-1">
    <div class="header-content width_common"><ul class="breadcrumb"><li><a href="/thoi-su">Thời sự</a></li></ul>
    <span class="date">Thứ ba, 28/2/2023, 08:30 (GMT+7)</span></div>
    <h1 class="title-detail">Công an Thanh Hóa ký giao ước thi đua</h1>
    <p class="description">Công an tỉnh Thanh Hóa cùng các đơn vị trong Cụm thi đua số 5 ký kết giao ước thi đua năm 2023.</p>
    <article class="fck_detail "><p class="Normal">Các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự, tỷ lệ điều tra khám phá đạt trên 80%.</p>
    <figure itemprop="associatedMedia image"><div class="fig-picture"><img src="x.jpg"></div>
    <figcaption itemprop="description"><p class="Image">Lãnh đạo các đơn vị ký giao ước. Ảnh: Lê Hoàng</p></figcaption></figure>
    <p class="Normal">Tỷ lệ thu hồi tài sản trong các vụ án tham nhũng đạt trên 70%, không để xảy ra oan sai.</p>
    <p class="Normal" style="text-align:right;"><strong>Lê Hoàng</strong></p></article>
    <div class="box-tinlienquanv2"><article class="item-news"><h4><a href="/a">Thanh Hóa phát động thi đua cao điểm năm 2023 trên toàn tỉnh</a></h4></article></div>
    </div><div class="sidebar-2"><div class="box-category"><p>Tin xem nhiều trong tuần, với rất nhiều nội dung khác nhau.</p></div></div>
    </div></section></body></html>"""
    got = extract_html(page)
    assert got.title == "Công an Thanh Hóa ký giao ước thi đua" and got.published == dt.date(2023, 2, 28)
    assert got.text == (
        "Công an Thanh Hóa ký giao ước thi đua\n\n"
        "Công an tỉnh Thanh Hóa cùng các đơn vị trong Cụm thi đua số 5 ký kết giao ước thi đua năm 2023.\n\n"
        "Các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự, tỷ lệ điều tra khám phá đạt trên 80%.\n\n"
        "Tỷ lệ thu hồi tài sản trong các vụ án tham nhũng đạt trên 70%, không để xảy ra oan sai.\n\n"
        "Lê Hoàng"
    )


def test_control_characters_in_a_page() -> None:
    # A few stray control characters (fewer than 1% of the bytes: more would make it a binary file).
    filler = "<p>Nội dung khác của trang, đủ dài để các ký tự điều khiển chỉ là số ít.</p>" * 10
    page = f"<html><body><p>Công an\x01 tỉnh\x0b Thanh Hóa, <b>ký\x02</b> kết giao ước\x1f thi đua năm 2023.</p>{filler}</body></html>"
    (doc,) = read_bytes(page.encode(), "ctrl.html")
    assert not doc.errors and doc.text.startswith("Công an tỉnh Thanh Hóa, ký kết giao ước thi đua năm 2023.\n\n")
