"""The sentence prefilter (issue 5) changes no result: same evaluation, same extract lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.evaluate import Report, load_gold, score_document
from pipeline.extract import Extractor
from pipeline.prefilter import ANCHOR_LINES
from pipeline.read import iter_documents

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT / "corpus" / "dev"


@pytest.fixture(scope="module")
def extractors() -> tuple[Extractor, Extractor]:
    return Extractor(prefilter=True), Extractor(prefilter=False)


def _evaluate(extractor: Extractor) -> list[str]:
    gold = load_gold(DEV)
    report = Report()
    for src in iter_documents([DEV / name for name in gold]):
        name = Path(src.source).name
        score_document(report, name, gold[name], json.loads(extractor.extract(src).to_json()))
    return report.lines() + report.notes


def test_dev_evaluation_is_identical_with_and_without_the_prefilter(extractors):
    with_filter, without = extractors
    assert with_filter.prefilter is not None and without.prefilter is None
    assert _evaluate(with_filter) == _evaluate(without)


def test_extract_lines_are_identical_with_and_without_the_prefilter(extractors):
    with_filter, without = extractors
    docs = list(iter_documents([DEV, ROOT / "corpus" / "extra", ROOT / "corpus" / "probe6"]))  # probe6: unit columns
    assert len(docs) >= 20
    for src in docs:
        assert with_filter.extract(src).to_json(with_text=True) == without.extract(src).to_json(with_text=True), src.source


def test_the_prefilter_drops_lines_far_from_anchors(extractors):
    with_filter, _ = extractors
    text = ("Công an tỉnh Nghệ An tổ chức hội nghị.\n"
            "Đồng chí Giám đốc phát biểu chỉ đạo hội nghị.\n"
            "Các đơn vị phấn đấu kéo giảm ít nhất 5% số vụ phạm pháp hình sự.\n"
            "\n"
            "Tuyệt đối không để xảy ra oan sai.\n")
    doc, segs = with_filter.prefilter.focus(text)
    # paragraphs are the document's non-empty lines; the line before an anchor line is kept for its mode
    assert sorted({s.paragraph for s in segs}) == [1, 2, 3]
    assert doc.user_data[ANCHOR_LINES] == {2, 3}  # line 1 is kept only for the mode it may give line 2
    assert "tổ chức hội nghị" not in doc.text and "phát biểu" in doc.text
    assert "kéo giảm ít nhất 5%" in doc.text and "oan sai" in doc.text
    span = doc.char_span(doc.text.index("kéo giảm"), doc.text.index("kéo giảm") + len("kéo giảm"))
    start, end = span._.doc_offsets  # offsets still index the whole document text
    assert text[start:end] == "kéo giảm"


OUTLINE = ("NỘI DUNG HỘI NGHỊ KÝ KẾT GIAO ƯỚC THI ĐUA NĂM 2021\n\n"
           "2.\tKẾT QUẢ NĂM 2020\n"
           "\t2.1.\tToàn Cụm tổ chức 1.284 cuộc đấu giá, thành công 83,1%.\n\n"
           "3.\tNỘI DUNG GIAO ƯỚC NĂM 2021\n"
           "\t3.1.\tCông tác chuyên môn\n"
           "\t\ta)\tTỷ lệ cuộc đấu giá thành công đạt trên 85%.\n")


def test_a_headings_own_heading_is_kept(extractors, extract_text):
    """"3.1. Công tác chuyên môn" takes its mode from "3. NỘI DUNG GIAO ƯỚC NĂM 2021" above it: both stay."""
    with_filter, _ = extractors
    doc, _ = with_filter.prefilter.focus(OUTLINE)
    assert "3. nội dung giao ước năm 2021" in doc.text and "công tác chuyên môn" in doc.text  # the matching view
    assert [(t.indicator, t.value) for t in extract_text(OUTLINE).targets] == [("tỷ lệ cuộc đấu giá thành công", 85)]


def test_a_document_without_anchors_gets_an_empty_doc(extractors):
    with_filter, without = extractors
    text = "Hội nghị tổng kết công tác năm 2023.\nCác đại biểu thảo luận sôi nổi."
    doc, segs = with_filter.prefilter.focus(text)
    assert len(doc) == 0 and segs == []
    src = next(iter_documents([DEV]))
    other = src.model_copy(update={"text": text})
    assert with_filter.extract(other).to_json() == without.extract(other).to_json()


@pytest.mark.parametrize("view_text, expected", [
    ("giảm 5% số vụ", True),
    ("đạt 95 phần trăm", True),
    ("bắt 50 đối tượng truy nã", True),
    ("từ 3 - 5", True),
    ("không để xảy ra oan sai", True),
    ("nâng cao chất lượng", True),
    ("hội nghị diễn ra ngày", False),
    ("năm 2023 tổ chức", False),
    # a floor makes any noun after the number a count ("không dưới 200.000 cây xanh")
    ("trồng mới không dưới 200.000 cây xanh", True),
    ("tiếp nhận tối thiểu 15.000 đơn vị máu", True),
    # numbers in words
    ("trên chín mươi lăm phần trăm hồ sơ", True),
    ("ít nhất một mô hình", True),
    ("cao gấp đôi", True),
    ("hai bên thống nhất ký kết", False),
])
def test_which_view_text_can_hold_a_target(extractors, view_text, expected):
    assert extractors[0].prefilter.can_hold_target(view_text) is expected
