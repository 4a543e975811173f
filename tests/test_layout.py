"""Laid-out texts, hard-wrapped lines (a PDF's text layer) and tab-separated tables, are read as prose, with offsets into
the text as written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.segment import comma_separated, unwrap

WRAPPED = """CÔNG AN TỈNH HÀ TĨNH          BẢN TIN THI ĐUA          Số 02/2019
Ngày 22/2/2019, tại Hội trường Công an thành phố Hà Tĩnh, Khối thi đua số 1 Công
an tỉnh Hà Tĩnh tổ chức hội nghị ký kết giao ước thi đua năm 2019. Khối gồm Công
an thành phố Hà Tĩnh (Khối trưởng), Công an thị xã Hồng Lĩnh và Công an huyện
Thạch Hà.
Các đơn vị thống nhất phấn đấu kéo giảm từ 5% trở lên số vụ phạm pháp hình sự so
với năm 2018; 100% tố giác, tin báo về tội phạm được tiếp nhận; tỷ lệ giải quyết đạt
Trang 2/5
Bản tin Thi đua - Khen thưởng       Công an tỉnh Hà Tĩnh       Số 02/2019
92% trở lên. Mỗi đơn vị bắt, vận động đầu thú không dưới 6 đối tượng truy nã;
quản lý chặt chẽ người chấp hành xong án phạt tù để tỷ lệ tái phạm tội không quá
2,5%.
"""


def _read(targets) -> list[tuple]:
    """What a target says: its indicator, direction, comparator, value and unit."""
    return [(t.indicator, t.direction, t.comparator, t.value, t.unit) for t in targets]


def test_line_breaks_inside_paragraphs_become_spaces_and_page_furniture_blanks():
    flowing = unwrap(WRAPPED)
    assert len(flowing) == len(WRAPPED)
    assert "Khối thi đua số 1 Công an tỉnh Hà Tĩnh" in flowing
    assert "Trang" not in flowing and "Bản tin" not in flowing
    assert "Thạch Hà.\nCác đơn vị" in flowing  # a sentence ending at a line end ends the paragraph
    assert flowing.split()[-3:] == ["không", "quá", "2,5%."]


def test_a_hard_wrapped_text_gives_its_targets_with_evidence_from_the_text(extract_text):
    result = extract_text(WRAPPED)
    assert [(t.value, t.indicator) for t in result.targets] == [
        (5, "số vụ phạm pháp hình sự"), (100, "tố giác, tin báo về tội phạm được tiếp nhận"),
        (92, "tỷ lệ giải quyết tố giác, tin báo về tội phạm"), (6, "bắt, vận động đầu thú đối tượng truy nã"),
        (2.5, "tỷ lệ tái phạm tội")]
    assert all(WRAPPED[t.evidence.start:t.evidence.end] == t.evidence.text for t in result.targets)
    assert [u.name for u in result.events[0].units] == [
        "Công an thành phố Hà Tĩnh", "Công an thị xã Hồng Lĩnh", "Công an huyện Thạch Hà"]


def test_a_text_of_one_paragraph_per_line_is_left_as_it_is():
    text = "\n".join(["Khối thi đua số 1 ký kết giao ước thi đua năm 2024 tại Công an tỉnh"] * 4
                     + ["Các đơn vị phấn đấu kéo giảm 5% số vụ phạm pháp hình sự so với năm 2023 và nhiều chỉ tiêu khác. " * 3] * 6)
    assert unwrap(text) is text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Công an tỉnh", "giảm 5%", "số vụ", ".", "\n", "\n\n", "Trang 2/5", "   ", "a) ", "- "]),
                max_size=80).map("".join))
def test_unwrap_only_replaces_characters(text):
    flowing = unwrap(text)
    assert len(flowing) == len(text)
    assert all(a == b or b == " " for a, b in zip(text, flowing))


TABLE = ("Khối thi đua số 2 ký kết giao ước thi đua năm 2021.\n"
         "STT\tChỉ tiêu\tKết quả năm 2020\tMức phấn đấu năm 2021\n"
         "1\tTỷ lệ điều tra, khám phá án hình sự\t81,2%\tTrên 80%\n"
         "\tTrong đó: án rất nghiêm trọng, đặc biệt nghiêm trọng\t100%\tTừ 95% trở lên\n"
         "2\tSố người chết do TNGT\tGiảm 3 người\tGiảm ít nhất 5% so với năm 2020\n")


def test_a_tables_number_and_result_columns_are_read_as_blank(extractor):
    flowing = extractor.layout.flowing(TABLE)
    assert len(flowing) == len(TABLE)
    assert "81,2%" not in flowing and "Kết quả" not in flowing and "Giảm 3 người" not in flowing
    assert "Mức phấn đấu năm 2021" in flowing and "Trên 80%" in flowing


def test_a_table_gives_the_pledged_column(extract_text):
    assert [(t.value, t.comparator, t.parent_id is not None) for t in extract_text(TABLE).targets] == [
        (80, ">", False), (95, ">=", True), (5, ">=", False)]


UNIT_TABLE = ("Cụm thi đua số 4 ký kết giao ước thi đua năm 2026.\n"
              "TT\tChỉ tiêu\tĐVT\tMức giao ước\n"
              "1\tThu nội địa so với thực hiện năm 2025\t%\tTăng tối thiểu 10\n"
              "2\tThu hồi nợ thuế năm trước chuyển sang\tTỷ đồng\tTối thiểu 900\n"
              "3\tHồ sơ hoàn thuế được giải quyết đúng thời hạn\t%\t100\n"
              "4\tHộ kinh doanh sử dụng hóa đơn điện tử\tHộ\tÍt nhất 12.000\n"
              "5\tDiện tích mặt bằng đã giải phóng bàn giao cho nhà thầu\tHa\t320\n"
              "6\tCông trình hoàn thành, bàn giao đưa vào sử dụng\tCông trình\tTối thiểu 14\n")


def test_a_tables_unit_column_gives_its_rows_figures_their_unit(extract_text):
    """Any word in the unit column names what its row counts; an "đã" in a row's label qualifies the indicator."""
    assert [(t.direction, t.value, t.unit, t.baseline_year) for t in extract_text(UNIT_TABLE).targets] == [
        ("increase", 10, "percent", 2025), ("reach", 900_000_000_000, "vnd", None), ("reach", 100, "percent", None),
        ("reach", 12_000, "count", None), ("reach", 320, "hectare", None), ("reach", 14, "count", None)]


MEMBER_TABLE = ("Cụm thi đua số 1 ký kết giao ước thi đua năm 2027. Cụm gồm Công an các tỉnh Tuyên Quang, Phú Thọ và "
                "Lào Cai. Bảng chỉ tiêu:\n"
                "Đơn vị | Giảm số vụ phạm tội về TTXH (%) | Tỷ lệ điều tra khám phá (%) | Bắt truy nã (đối tượng)\n"
                "Công an tỉnh Tuyên Quang | 5 | Trên 86 | 70\n"
                "Công an tỉnh Phú Thọ | 5 | Trên 88 | Ít nhất 120\n"
                "Công an tỉnh Lào Cai | 4 | Trên 86 | 65\n")


def test_a_table_of_members_gives_each_column_its_heads_indicator(extract_text):
    """Members as rows, indicators as column heads: one target per figure of a column, for the members giving it;
    the evidence is the cell."""
    result = extract_text(MEMBER_TABLE)
    got = [(t.direction, t.comparator, t.value, t.unit, t.indicator_key, t.units, t.evidence.text) for t in result.targets]
    assert got == [
        ("decrease", ">=", 5, "percent", "crime.cases", ["Công an tỉnh Tuyên Quang", "Công an tỉnh Phú Thọ"], "5"),
        ("decrease", ">=", 4, "percent", "crime.cases", ["Công an tỉnh Lào Cai"], "4"),
        ("reach", ">", 86, "percent", "crime.clearance", ["Công an tỉnh Tuyên Quang", "Công an tỉnh Lào Cai"], "Trên 86"),
        ("reach", ">", 88, "percent", "crime.clearance", ["Công an tỉnh Phú Thọ"], "Trên 88"),
        ("reach", ">=", 70, "count", "wanted.arrests", ["Công an tỉnh Tuyên Quang"], "70"),
        ("reach", ">=", 120, "count", "wanted.arrests", ["Công an tỉnh Phú Thọ"], "Ít nhất 120"),
        ("reach", ">=", 65, "count", "wanted.arrests", ["Công an tỉnh Lào Cai"], "65")]
    assert all(MEMBER_TABLE[t.evidence.start:t.evidence.end] == t.evidence.text for t in result.targets)


STACKED = ("Cụm thi đua số 4 ký kết giao ước thi đua năm 2017, với các nội dung sau:\n"
           "CHỈ TIÊU\nMỨC GIAO ƯỚC NĂM 2017\n"
           "Kéo giảm số vụ phạm pháp hình sự so với năm 2016\nTừ 5% trở lên\n"
           "Tỷ lệ điều tra, khám phá án hình sự\nTrên 72%\n"
           "Bắt, vận động đầu thú đối tượng truy nã (mỗi đơn vị)\nKhông dưới 40 đối tượng\n"
           "Oan, sai; bỏ lọt tội phạm\nKhông để xảy ra\n"
           "Người bị tạm giữ, tạm giam trốn khỏi nơi giam giữ\nKhông để xảy ra\n\n"
           "Thu Hà\n")


def test_a_table_copied_one_cell_per_line_is_read_by_rows(extractor, extract_text):
    flowing = extractor.layout.flowing(STACKED)
    assert len(flowing) == len(STACKED)
    assert "CHỈ TIÊU\tMỨC GIAO ƯỚC NĂM 2017\nKéo giảm số vụ phạm pháp hình sự so với năm 2016\tTừ 5% trở lên\n" in flowing
    assert "giam giữ\tKhông để xảy ra\n\nThu Hà\n" in flowing
    assert [(t.indicator, t.direction, t.value, t.baseline_year) for t in extract_text(STACKED).targets] == [
        ("số vụ phạm pháp hình sự", "decrease", 5, 2016), ("tỷ lệ điều tra, khám phá án hình sự", "reach", 72, None),
        ("bắt, vận động đầu thú đối tượng truy nã", "reach", 40, None), ("bỏ lọt tội phạm", "zero", 0, None),
        ("người bị tạm giữ, tạm giam trốn khỏi nơi giam giữ", "zero", 0, None)]


@pytest.mark.parametrize("lines", [
    "Báo cáo cho biết:\nNăm 2023 giảm 12 vụ.\nTỷ lệ đạt 81%.\nSố người chết giảm 3 người.\n",  # sentences, not cells
    "Công an tỉnh A\nSố: 12/KH-CA\nCụm thi đua số 3\nNgày 5/3/2024\nKế hoạch\n",  # too few label-value pairs
    "Tỷ lệ điều tra\nTrên 80%\n1. Giảm 5% số vụ\n2. Giảm 3% số người chết\n",
])
def test_lines_that_are_not_cells_stay_lines(extractor, lines):
    assert extractor.layout.stacked(lines) == lines


def test_a_table_whose_first_row_holds_figures_has_no_header(extractor):
    rows = ("Tỷ lệ hồ sơ thực hiện đúng hạn\tĐạt 100%\n"  # "thực hiện" heads a results column only in a header
            "Số vụ cháy so với năm 2023\tGiảm 5%\n")
    assert extractor.layout.flowing(rows) == rows


PIPE_TABLE = ("Sở Lao động phát động phong trào thi đua năm 2023. Chỉ tiêu:\n"
              "| STT | Chỉ tiêu | Đơn vị tính | Thực hiện năm 2022 | Chỉ tiêu năm 2023 |\n"
              "|---|---|---|---|---|\n"
              "| 1 | Tỷ lệ lao động qua đào tạo | % | 68,2 | 70 |\n"
              "|   | Trong đó: có bằng cấp, chứng chỉ | % | 26,5 | Trên 28 |\n"
              "| 2 | Số người được đào tạo nghề dưới 3 tháng | Người | 5.206 | 5.500 |\n"
              "| 3 | Vận động Quỹ “Đền ơn đáp nghĩa” | Triệu đồng | 1.460 | Tối thiểu 1.500 |\n")


def test_a_pipe_table_is_read_as_a_table(extractor, extract_text):
    flowing = extractor.layout.flowing(PIPE_TABLE)
    assert len(flowing) == len(PIPE_TABLE) and "|" not in flowing
    assert "68,2" not in flowing and "Thực hiện" not in flowing  # the results column, as in a tab-separated table
    assert [(t.indicator, t.value, t.unit, t.parent_id is not None) for t in extract_text(PIPE_TABLE).targets] == [
        ("tỷ lệ lao động qua đào tạo", 70, "percent", False), ("có bằng cấp, chứng chỉ", 28, "percent", True),
        ("số người được đào tạo nghề dưới 3 tháng", 5_500, "count", False),  # a bare figure opening a value cell
        ("vận động Quỹ “Đền ơn đáp nghĩa”", 1_500_000_000, "vnd", False)]


INNER_PIPE_TABLE = ("Hội nghị ký kết giao ước thi đua năm 2025 của Cụm thi đua các trường.\n\n"
                    "TT | Nội dung | Đơn vị tính | Chỉ tiêu 2025 | Ghi chú\n"
                    "1 | Học viên tốt nghiệp loại khá, giỏi | % | Từ 80 trở lên |\n"
                    "2 | Đề tài khoa học được nghiệm thu | Đề tài | Tối thiểu 3 | Theo Quy định số 11-QĐ/HV\n"
                    "3 | Học viên vi phạm quy chế phải xử lý kỷ luật | Trường hợp | 0 |\n")


def test_a_pipe_table_without_outer_pipes_is_read_as_a_table(extractor, extract_text):
    """"TT | Nội dung | Đơn vị tính | …": every pipe parts two cells; a document's code in a note is no figure,
    and a pledged count of 0 is a zero target."""
    flowing = extractor.layout.flowing(INNER_PIPE_TABLE)
    assert len(flowing) == len(INNER_PIPE_TABLE) and "|" not in flowing
    assert _read(extract_text(INNER_PIPE_TABLE).targets) == [
        ("học viên tốt nghiệp loại khá, giỏi", "reach", ">=", 80, "percent"),
        ("đề tài khoa học được nghiệm thu", "reach", ">=", 3, "count"),
        ("học viên vi phạm quy chế phải xử lý kỷ luật", "zero", "=", 0, "count")]


NOTED_TABLE = ("Sáng 4/3/2027, Cụm thi đua số 6 ký kết giao ước thi đua năm 2027.\n\n"
               "STT | Chỉ tiêu | Giao ước năm 2027 | Ghi chú\n"
               "1 | Tỷ lệ lao động qua đào tạo | Từ 31% trở lên | Tăng ít nhất 1,5 điểm phần trăm so với năm 2026\n"
               "2 | Số vụ tai nạn lao động chết người | Giảm 5 - 10% | So với năm 2026\n"
               "3 | Số lao động được giải quyết việc làm | Tối thiểu 25.000 người | Mỗi đơn vị\n")


def test_a_remark_going_on_with_its_rows_pledge_is_read(extractor, extract_text):
    """A remark opening with a change, its baseline or a part goes on with the row's pledge; others ("Mỗi đơn vị")
    stay blank."""
    flowing = extractor.layout.flowing(NOTED_TABLE)
    assert len(flowing) == len(NOTED_TABLE) and "Mỗi đơn vị" not in flowing
    assert [(t.direction, t.value, t.unit, t.baseline_year) for t in extract_text(NOTED_TABLE).targets] == [
        ("reach", 31, "percent", None), ("increase", 1.5, "percentage_point", 2026), ("decrease", 5, "percent", 2026),
        ("reach", 25_000, "count", None)]


CELL_PER_LINE_TABLE = ("Ngày 15/3/2016, Khối thi đua số 2 ký kết giao ước thi đua năm 2016 với các chỉ tiêu sau:\n"
                       "TT\nChỉ tiêu\nĐơn vị tính\nThực hiện năm 2015\nGiao ước năm 2016\n"
                       "1\nTỷ lệ sinh con thứ 3 trở lên\n%\n24,6\nDưới 23\n"
                       "2\nSố người mới sử dụng biện pháp tránh thai hiện đại\nNgười\n3.915\nTối thiểu 4.200\n"
                       "Trong đó: dụng cụ tử cung\nNgười\n1.087\nTối thiểu 1.150\n"
                       "3\nCộng tác viên dân số được tập huấn\n%\n92\n100\n\n"
                       "Phát biểu tại hội nghị, bà Nhung đề nghị các đơn vị sớm cụ thể hóa giao ước.")


def test_a_wide_table_copied_one_cell_per_line_is_read_by_rows(extractor, extract_text):
    """"TT⏎Chỉ tiêu⏎Đơn vị tính⏎…⏎1⏎…": the header's lines give the width; a row with no number is one line
    shorter; last year's column is no pledge, and the unit column gives bare figures their unit."""
    flowing = extractor.layout.flowing(CELL_PER_LINE_TABLE)
    assert len(flowing) == len(CELL_PER_LINE_TABLE) and "24,6" not in flowing
    assert [(t.value, t.unit, t.comparator, t.parent_id is not None) for t in extract_text(CELL_PER_LINE_TABLE).targets] == [
        (23, "percent", "<", False), (4200, "count", ">=", False), (1150, "count", ">=", True), (100, "percent", ">=", False)]


HALF_YEAR_TABLE = ("Sáng 26/2/2026, Cụm thi đua số 2 ký kết giao ước thi đua năm 2026.\n\n"
                   "TT | Nội dung | Thực hiện 6 tháng cuối năm 2025 | Giao ước năm 2026\n"
                   "1 | Mức độ hài lòng của người dân | 95,4% | Trên 97%\n"
                   "2 | Thời gian chờ đến lượt bình quân | 18 phút | Không quá 10 phút\n")


def test_a_header_opening_with_a_row_number_head_is_one_whatever_its_figures(extract_text):
    """"Thực hiện 6 tháng cuối năm 2025" holds a figure, yet under "TT" it heads last year's results."""
    assert [(t.value, t.unit) for t in extract_text(HALF_YEAR_TABLE).targets] == [(97, "percent"), (10, "minute")]


INFOGRAPHIC = ("Sáng 4/3/2024, Khối thi đua các đơn vị đăng kiểm ký kết giao ước thi đua năm 2024.\n\n"
               "▌ NĂM 2023 ĐÃ LÀM ĐƯỢC\n"
               "78.640 | lượt phương tiện được kiểm định\n"
               "61% | chủ phương tiện đặt lịch trực tuyến\n\n"
               "▌ CAM KẾT NĂM 2024\n"
               "↑ 10% | số lượt phương tiện được kiểm định so với năm 2023 (trong đó xe tải ↑ 15%)\n"
               "≤ 45 phút | thời gian chờ kiểm định bình quân mỗi lượt xe\n"
               "↓ 20% | ý kiến phản ánh của chủ phương tiện so với năm 2023\n"
               "0 | đăng kiểm viên vi phạm đạo đức nghề nghiệp\n")


def test_an_infographics_figure_then_label_lines_are_table_rows(extractor, extract_text):
    """"≥ 75% | phương tiện …": a run of lines of two cells is a table; a row opening with its figure reads its
    label after it, arrows are directions, a "0" cell a zero, and the rows under a heading take its mode."""
    flowing = extractor.layout.flowing(INFOGRAPHIC)
    assert len(flowing) == len(INFOGRAPHIC) and flowing.count("\t") == 6
    assert [(t.indicator, t.direction, t.comparator, t.value, t.unit, t.baseline_year, t.parent_id is not None)
            for t in extract_text(INFOGRAPHIC).targets] == [
        ("số lượt phương tiện được kiểm định", "increase", ">=", 10, "percent", 2023, False),
        ("xe tải", "increase", ">=", 15, "percent", 2023, True),
        ("thời gian chờ kiểm định bình quân mỗi lượt xe", "reach", "<=", 45, "minute", None, False),
        ("ý kiến phản ánh của chủ phương tiện", "decrease", ">=", 20, "percent", 2023, False),
        ("đăng kiểm viên vi phạm đạo đức nghề nghiệp", "zero", "=", 0, "count", None, False)]


def test_a_zero_in_a_value_cell_is_a_zero_target(extract_text):
    text = ("Hội nghị ký kết giao ước thi đua năm 2024.\n\nChỉ tiêu\tMức cam kết\n"
            "Tỷ lệ hồ sơ giải quyết đúng hạn\t100%\nSố vụ cháy lớn\t0\n")
    assert [(t.indicator, t.direction, t.value) for t in extract_text(text).targets] == [
        ("tỷ lệ hồ sơ giải quyết đúng hạn", "reach", 100), ("số vụ cháy lớn", "zero", 0)]


def test_a_single_line_with_a_pipe_is_no_table(extractor):
    text = "Thứ Hai, 04/03/2024 | 15:10\n\nCông an tỉnh ký kết giao ước thi đua."
    assert extractor.layout.flowing(text) == text


CSV_SHEET = ('"BẢNG CHỈ TIÊU GIAO ƯỚC THI ĐUA NĂM 2027",,,,,\n'
             '"Ký kết ngày 04/3/2027 tại Hội trường Trung tâm Khuyến nông tỉnh Nghệ An",,,,,\n'
             ',,,,,\n'
             'STT,Nội dung chỉ tiêu,Đơn vị tính,Kết quả năm 2026,Chỉ tiêu năm 2027,Ghi chú\n'
             '1,Diện tích canh tác lúa giảm phát thải,Ha,"8.450","Ít nhất 10.000",Toàn Cụm\n'
             '2,"Tỷ lệ hộ áp dụng tiến bộ kỹ thuật, công nghệ mới",%,"71,5",Trên 75,\n'
             '3,"Cháy, nổ tại kho vật tư",Vụ,0,0,Mỗi đơn vị\n')


def test_a_csv_sheet_is_read_as_a_table(extractor, extract_text):
    """Commas between fields part cells, quoted commas do not; the signing line under the title makes the sheet
    a pledge; remarks ("Ghi chú") are no indicator, and "giảm phát thải" names a kind of farming, no decrease."""
    flowing = extractor.layout.flowing(CSV_SHEET)
    assert len(flowing) == len(CSV_SHEET) and '"' not in flowing
    result = extract_text(CSV_SHEET)
    assert [(e.kind, str(e.date)) for e in result.events] == [("pledge_signing", "2027-03-04")]
    assert _read(result.targets) == [
        ("diện tích canh tác lúa giảm phát thải", "reach", ">=", 10000, "hectare"),
        ("tỷ lệ hộ áp dụng tiến bộ kỹ thuật, công nghệ mới", "reach", ">", 75, "percent"),
        ("cháy, nổ tại kho vật tư", "zero", "=", 0, "count")]


FORM = ("CỤM THI ĐUA SỐ ……6……\n\nBẢN GIAO ƯỚC THI ĐUA NĂM ……2020……\n\n"
        "Hôm nay, ngày ……26…… tháng ……02…… năm 2020, tại ……Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Bình Dương……\n"
        "Chúng tôi gồm đại diện lãnh đạo các đơn vị trong Cụm thi đua số ……6……:\n"
        "1. ……Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Bình Dương (Cụm trưởng)……\n"
        "2. ……Chi cục Tiêu chuẩn Đo lường Chất lượng tỉnh Đồng Nai……\n"
        "cùng thống nhất ký kết giao ước thi đua với các chỉ tiêu sau:\n"
        "1. Cơ sở được kiểm tra nhà nước về đo lường (mỗi đơn vị): tối thiểu ……120…… cơ sở\n"
        "2. Thời gian trả kết quả kiểm định: không quá ……03…… ngày làm việc\n")


def test_a_forms_dot_leaders_read_blank(extractor, extract_text):
    """The values filled in between a form's dot leaders are read as written."""
    flowing = extractor.layout.flowing(FORM)
    assert len(flowing) == len(FORM) and "…" not in flowing and "ngày   26   tháng" in flowing
    result = extract_text(FORM)
    (event,) = result.events
    assert (str(event.date), event.groups, len(event.units)) == ("2020-02-26", ["Cụm thi đua số 6"], 2)
    assert [(t.value, t.unit) for t in result.targets] == [(120, "count"), (3, "day")]


@pytest.mark.parametrize("text", [
    "Công an tỉnh A, Công an tỉnh B, Công an tỉnh C, Công an tỉnh D ký kết.\n"
    "Các chỉ tiêu: giảm 5%, tăng 10%, đạt 90%, trên 80%.\nTỷ lệ A, tỷ lệ B, tỷ lệ C, tỷ lệ D.\n",
    'Trích dẫn "a, b", c, d\n"x",y\n',
])
def test_prose_with_commas_is_no_csv(text):
    assert comma_separated(text) == text


@pytest.mark.parametrize(("text", "plain"), [
    ("## Năm 2025: doanh thu", "   Năm 2025: doanh thu"),
    ("**(BTQ) - Sáng 5/2, tại hội trường.**", "  (BTQ) - Sáng 5/2, tại hội trường.  "),
    ("*Lãnh đạo 5 doanh nghiệp ký giao ước. Ảnh: Đức Anh*", " Lãnh đạo 5 doanh nghiệp ký giao ước. Ảnh: Đức Anh "),
    ("* Mục một", "* Mục một"),  # a bullet stays
    ("Số #1 trong tỉnh, a * b", "Số #1 trong tỉnh, a * b"),
])
def test_markdown_marks_are_read_blank(text, plain):
    from pipeline.segment import unmarked

    assert unmarked(text) == plain


WEB_PAGE = ("Trang chủ | Thời sự | Pháp luật\n\nCụm thi đua số 3 ký kết giao ước thi đua năm 2016\n\n"
            "Chiều 24/2, Cụm thi đua số 3 tổ chức hội nghị ký kết giao ước thi đua năm 2016.\n\n"
            "Xem thêm: Bắt đối tượng truy nã đặc biệt sau 12 năm lẩn trốn\n\n"
            "TIN LIÊN QUAN\n• Công an Nghệ An phấn đấu bắt 200 đối tượng truy nã\n• Quảng Bình: TNGT dịp Tết giảm 3 vụ\n\n"
            "Theo giao ước, các đơn vị phấn đấu kéo giảm 5% số vụ phạm pháp hình sự.\n\n"
            "Bình luận (2)\nHoa: Mong giảm được ít nhất 10% trộm cắp. – 25/02/2016\nNam: Đồng tình!\n\n"
            "ĐỌC NHIỀU NHẤT\n1. Hà Tĩnh: 98% học sinh trở lại trường sau Tết\n")


def test_a_web_pages_boxes_read_blank(extractor, extract_text):
    """Related headlines, "Xem thêm" links, comments and most-read lists are not the article: blank, same length."""
    plain = extractor.layout.unboxed(WEB_PAGE)
    assert len(plain) == len(WEB_PAGE) and plain.count("\n") == WEB_PAGE.count("\n")
    for gone in ("Xem thêm", "TIN LIÊN QUAN", "200 đối tượng", "giảm 3 vụ", "Bình luận", "10% trộm cắp", "98% học sinh"):
        assert gone not in plain
    assert "Theo giao ước, các đơn vị phấn đấu kéo giảm 5%" in plain
    assert [t.value for t in extract_text(WEB_PAGE).targets] == [5]


def test_a_box_head_opening_the_text_is_its_title(extractor):
    text = "Bình luận\nGiao ước thi đua: đừng chạy theo con số\n\nNội dung."
    assert extractor.layout.unboxed(text) == text


def test_footnotes_and_their_marks_read_blank(extract_text):
    from pipeline.segment import unnoted

    text = ("Cụm thi đua số 7 ký kết giao ước thi đua năm 2018\n\n1. Tỷ lệ điều tra, khám phá án đạt trên 75%².\n"
            "2. Mỗi đơn vị bắt, vận động đầu thú không dưới 35 đối tượng truy nã[4].\n\n____________________\n"
            "² Chỉ tiêu Bộ Công an giao là trên 70%; năm 2017 toàn Cụm đạt 82,4%.\n"
            "[4] Năm 2017, 5 đơn vị bắt 186 đối tượng truy nã.\n")
    plain = unnoted(text)
    assert len(plain) == len(text) and plain.count("\n") == text.count("\n")
    assert "82,4" not in plain and "186" not in plain and "[4]" not in plain and "²" not in plain
    assert unnoted("Diện tích 500 m² mỗi trụ sở.") == "Diện tích 500 m² mỗi trụ sở."
    assert [(t.value, t.indicator_key) for t in extract_text(text).targets] == [(75, "crime.clearance"), (35, "wanted.arrests")]
