"""JSON Lines feeds: one document per line, malformed lines reported, the rest read."""

from __future__ import annotations

import datetime as dt
import hashlib
import json

from pipeline.read import read_bytes, read_path

ARTICLES = [
    {"url": "https://cand.com.vn/a", "title": "Ký kết giao ước", "published": "2023-02-28T08:30:00+07:00",
     "text": "Cụm thi đua số 5 ký kết giao ước thi đua năm 2023."},
    {"url": "https://cand.com.vn/b", "title": "Phát động thi đua", "published": "27/12/2024",
     "html": "<html><body><nav>Trang chủ</nav><div class='content'><p>Công an tỉnh phát động thi đua, "
             "kéo giảm ít nhất 5% số vụ phạm pháp hình sự.</p></div></body></html>"},
    {"url": "https://cand.com.vn/c", "html": "<html><head><meta property='og:title' content='Tiêu đề từ trang'>"
             "<meta property='article:published_time' content='2022-01-05'></head><body><p>Nội dung bài ba, "
             "có dấu phẩy.</p></body></html>"},
]


def codes(doc) -> list[str]:
    return [e.code for e in doc.errors]


def feed_bytes(lines: list[bytes]) -> bytes:
    return b"\n".join(lines) + b"\n"


def test_each_line_is_a_document(tmp_path) -> None:
    lines = [json.dumps(a, ensure_ascii=False).encode() for a in ARTICLES]
    path = tmp_path / "feed.jsonl"
    path.write_bytes(feed_bytes(lines))
    docs = read_path(path)
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:2", f"{path}:3"]
    assert all(d.format_name == "jsonl" and d.encoding == "utf-8" and not d.errors for d in docs)
    assert [d.url for d in docs] == [a["url"] for a in ARTICLES]
    assert [d.sha256 for d in docs] == [hashlib.sha256(line).hexdigest() for line in lines]
    a, b, c = docs
    assert a.text == ARTICLES[0]["text"] and a.title == "Ký kết giao ước" and a.published == dt.date(2023, 2, 28)
    assert b.text == "Công an tỉnh phát động thi đua, kéo giảm ít nhất 5% số vụ phạm pháp hình sự."
    assert b.published == dt.date(2024, 12, 27) and "Trang chủ" not in b.text
    assert c.title == "Tiêu đề từ trang" and c.published == dt.date(2022, 1, 5)


def test_malformed_lines_do_not_stop_the_feed() -> None:
    good = json.dumps(ARTICLES[0], ensure_ascii=False).encode()
    lines = [
        good,
        b'{"url": "https://x", "text": "c\xe1t',      # not UTF-8
        b'{"url": "https://x", "text": "unterminated',  # not JSON
        b'["a", "list"]',                               # not an object
        b'{"url": "https://y", "title": "no body"}',    # neither text nor html
        b"[" * 100_000 + b"]" * 100_000,                # nested too deep for the json module
        b"",                                            # blank lines are skipped
        good,
    ]
    docs = read_bytes(feed_bytes(lines), "feed.jsonl")
    assert [d.source for d in docs] == [f"feed.jsonl:{n}" for n in (1, 2, 3, 4, 5, 6, 8)]
    assert [codes(d) for d in docs] == [[]] + [["feed_line_invalid"]] * 5 + [[]]
    assert docs[4].url == "https://y"
    assert docs[-1].text == ARTICLES[0]["text"]


def test_bad_date_and_empty_text_are_reported_per_line() -> None:
    lines = [
        json.dumps({"url": "u1", "text": "Có nội dung", "published": "hôm qua"}, ensure_ascii=False).encode(),
        json.dumps({"url": "u2", "text": "   "}).encode(),
    ]
    first, second = read_bytes(feed_bytes(lines), "f.jsonl")
    assert codes(first) == ["date_invalid"] and first.text == "Có nội dung" and first.published is None
    assert codes(second) == ["empty_document"]


def test_feed_text_is_nfc_and_crlf_lines_work() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Thừa Thiên Huế")
    lines = [json.dumps({"url": "u", "text": nfd}).encode() + b"\r"]
    (doc,) = read_bytes(feed_bytes(lines), "crlf.jsonl")
    assert doc.text == "Thừa Thiên Huế" and not doc.errors


def test_oversized_line_is_skipped_and_the_feed_goes_on(tmp_path) -> None:
    big = json.dumps({"url": "big", "text": "x" * 5000}).encode()
    small = json.dumps({"url": "small", "text": "nhỏ"}, ensure_ascii=False).encode()
    path = tmp_path / "big.jsonl"
    path.write_bytes(feed_bytes([big, small]))
    first, second = read_path(path, max_bytes=1000)
    assert codes(first) == ["file_too_large"] and first.sha256 == hashlib.sha256(big).hexdigest()
    assert second.text == "nhỏ" and not second.errors


def test_empty_feed(tmp_path) -> None:
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"\n\n")
    (doc,) = read_path(path)
    assert codes(doc) == ["empty_document"] and doc.source == str(path)
    (doc,) = read_bytes(b"", "none.jsonl")
    assert codes(doc) == ["empty_document"]
