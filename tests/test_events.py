"""Events and units stages: dates, groups, host, place, organizer, slogan, member lists."""

from __future__ import annotations

import pytest

SIGNING = "Cụm thi đua số 5 Bộ Công an ký kết giao ước thi đua năm 2023\n\n"


@pytest.mark.parametrize(("sentence", "date", "date_end"), [
    ("Ngày 3/3, tại Công an tỉnh Thanh Hoá, Cụm thi đua số 5 tổ chức hội nghị.", "2023-03-03", None),
    ("Chiều 23-3, Cụm thi đua số 5 tổ chức hội nghị.", "2023-03-23", None),
    ("Ngày 24 tháng 2 năm 2023, Cụm thi đua số 5 tổ chức hội nghị.", "2023-02-24", None),
    ("Từ ngày 25/2 đến ngày 28/2/2023, Cụm thi đua số 5 tổ chức hội nghị.", "2023-02-25", "2023-02-28"),
    ("Từ ngày 27/2 đến ngày 1/3/2023, các khối tổ chức hội nghị.", "2023-02-27", "2023-03-01"),
    ("Hôm nay, ngày 05/4/2023, tại Công an tỉnh Quảng Trị, Cụm thi đua số 5 tổ chức hội nghị.", "2023-04-05", None),
    ("Sáng nay (15/3), Cụm thi đua số 5 tổ chức hội nghị.", "2023-03-15", None),
    ("Vào ngày 15-3-2023, Cụm thi đua số 5 tổ chức hội nghị.", "2023-03-15", None),
])
def test_dates(extract_text, sentence, date, date_end):
    (event,) = extract_text(SIGNING + sentence).events
    assert (str(event.date), str(event.date_end) if event.date_end else None) == (date, date_end)


def test_december_signing_is_dated_the_year_before_the_pledge(extract_text):
    (event,) = extract_text("Cụm thi đua số 9 ký kết giao ước thi đua năm 2025\n\nChiều 27/12, Cụm thi đua số 9 tổ chức hội nghị.").events
    assert (str(event.date), event.period_year) == ("2024-12-27", 2025)


@pytest.mark.parametrize(("sentence", "period"), [
    ("Chiều 27/12/2024, Cụm thi đua số 9 ký kết giao ước thi đua.", 2025),
    ("Sáng 15/3/2024, Cụm thi đua số 9 ký kết giao ước thi đua.", 2024),
])
def test_a_pledge_naming_no_year_is_for_the_year_after_a_late_signing(extract_text, sentence, period):
    assert extract_text(sentence).events[0].period_year == period


@pytest.mark.parametrize(("line", "published"), [
    ("27/12/2024 | 19:05", "2024-12-27"),
    ("Thứ Ba, 23/09/2025 - 14:05 | Lượt xem: 412", "2025-09-23"),
    ("09/03/2018 16:22 GMT+7", "2018-03-09"),
])
def test_page_date_lines(extract_text, line, published):
    assert str(extract_text(f"Cụm thi đua số 9 ký kết giao ước thi đua\n\n{line}\n\nNội dung.").document.published) == published


def test_page_date_line_gives_the_year(extract_text):
    text = "Cụm 9 ký kết giao ước thi đua năm 2025\n\n27/12/2024 | 19:05\n\nChiều 27/12, tại Công an tỉnh Kiên Giang, Cụm thi đua số 9 tổ chức hội nghị."
    result = extract_text(text)
    assert str(result.document.published) == "2024-12-27"
    assert str(result.events[0].date) == "2024-12-27"


@pytest.mark.parametrize(("text", "groups"), [
    ("Cụm thi đua số 1, 2, 3 và 4 thuộc Công an tỉnh Đắk Nông ký kết giao ước thi đua năm 2023.",
     ["Cụm thi đua số 1", "Cụm thi đua số 2", "Cụm thi đua số 3", "Cụm thi đua số 4"]),
    ("Cụm thi đua số II Bộ Công an ký kết giao ước thi đua năm 2018.", ["Cụm thi đua số 2"]),
    ("Ba khối thi đua thuộc Công an tỉnh Bắc Giang gồm Khối An ninh, Khối Cảnh sát và Khối Công an các huyện, "
     "thành phố lần lượt ký kết giao ước thi đua năm 2024.",
     ["Khối An ninh", "Khối Cảnh sát", "Khối Công an các huyện, thành phố"]),
    ("Bốn khối thi đua của Công an tỉnh Sơn La gồm Khối An ninh, Khối Xây dựng lực lượng - Hậu cần và Khối Công an các "
     "huyện, thành phố ký kết giao ước thi đua năm 2017.",
     ["Khối An ninh", "Khối Xây dựng lực lượng - Hậu cần", "Khối Công an các huyện, thành phố"]),
    ("KHỐI THI ĐUA SỐ 3\nGIAO ƯỚC THI ĐUA năm 2022", ["Khối thi đua số 3"]),
])
def test_groups(extract_text, text, groups):
    assert extract_text(text).events[0].groups == groups


def test_member_list_is_expanded_checked_and_resolved(extract_text):
    text = ("Cụm thi đua số 6 ký kết giao ước thi đua năm 2021\n\nChiều 23-3, tại Hội trường Công an tỉnh Đắk Lắk, "
            "Cụm thi đua số 6 Bộ Công an tổ chức hội nghị. Cụm gồm Công an 6 tỉnh: Đak Lak, Gia Lai, Kon Tum, Đak Nông, "
            "Lâm Đồng và Bình Phước; năm nay Công an tỉnh Đắk Lắk được Bộ Công an phân công làm đơn vị Cụm trưởng.")
    result = extract_text(text)
    (event,) = result.events
    assert [u.name for u in event.units][:1] == ["Công an tỉnh Đắk Lắk"]
    assert [(u.province, u.province_code, u.province_now) for u in event.units][3] == ("Đắk Nông", "67", "Lâm Đồng")
    assert (event.host, event.place, event.organizer) == ("Công an tỉnh Đắk Lắk", "Công an tỉnh Đắk Lắk", "Bộ Công an")
    assert result.warnings == []


@pytest.mark.parametrize(("members", "names"), [
    ("CATP Bảo Lộc (Khối trưởng), CAH Di Linh và CAH Cát Tiên",
     ["Công an thành phố Bảo Lộc", "Công an huyện Di Linh", "Công an huyện Cát Tiên"]),
    ("CA huyện Di Linh, CATX Buôn Hồ và CAQ Ninh Kiều",
     ["Công an huyện Di Linh", "Công an thị xã Buôn Hồ", "Công an quận Ninh Kiều"]),
])
def test_police_sites_abbreviated_forces_are_written_out(extract_text, members, names):
    text = ("Khối thi đua số 2 CAT Lâm Đồng ký kết giao ước thi đua năm 2019\n\n"
            f"Ngày 27/2/2019, Khối thi đua số 2 CAT Lâm Đồng ký kết giao ước thi đua năm 2019. Khối gồm: {members}.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == names
    assert event.organizer == "Công an tỉnh Lâm Đồng"


@pytest.mark.parametrize(("members", "first"), [
    ("BHXH các tỉnh: Đồng Nai, Bình Dương và Tây Ninh", "Bảo hiểm xã hội tỉnh Đồng Nai"),
    ("VKSND các tỉnh: Đồng Nai, Bình Dương và Tây Ninh", "Viện kiểm sát nhân dân tỉnh Đồng Nai"),
    ("KBNN các tỉnh: Đồng Nai, Bình Dương và Tây Ninh", "Kho bạc Nhà nước tỉnh Đồng Nai"),
    ("Sở GTVT các tỉnh: Đồng Nai, Bình Dương và Tây Ninh", "Sở Giao thông vận tải tỉnh Đồng Nai"),
    ("Bộ CHQS các tỉnh Đồng Nai (Cụm trưởng), Bình Dương và Tây Ninh", "Bộ Chỉ huy Quân sự tỉnh Đồng Nai"),
    ("Chi nhánh NHCSXH 3 tỉnh: Đồng Nai (Cụm trưởng), Bình Dương và Tây Ninh",
     "Chi nhánh Ngân hàng Chính sách xã hội tỉnh Đồng Nai"),
])
def test_abbreviated_member_types_are_written_out(extract_text, members, first):
    text = f"Cụm thi đua số 6 ký kết giao ước thi đua năm 2025\n\nNgày 20/12/2024, {members} ký kết giao ước thi đua năm 2025."
    (event,) = extract_text(text).events
    assert [u.name for u in event.units][0] == first and len(event.units) == 3
    assert [u.province_code for u in event.units] == ["75", "74", "72"]


@pytest.mark.parametrize(("members", "first"), [
    # a region named between the level and the colon; the type's abbreviation in brackets
    ("Cụm gồm Cục Thống kê 3 tỉnh vùng Đông Nam Bộ: Đồng Nai (Cụm trưởng), Bình Dương và Tây Ninh.",
     "Cục Thống kê tỉnh Đồng Nai"),
    ("Cụm gồm 3 Cục Thi hành án dân sự (THADS) các tỉnh khu vực Đông Nam Bộ: Đồng Nai (Cụm trưởng), Bình Dương "
     "và Tây Ninh.", "Cục Thi hành án dân sự tỉnh Đồng Nai"),
    ("Cụm gồm Liên đoàn Lao động (LĐLĐ) các tỉnh Đồng Nai, Bình Dương và Tây Ninh.", "Liên đoàn Lao động tỉnh Đồng Nai"),
    ("Cụm gồm Hội Chữ thập đỏ các tỉnh Đồng Nai, Bình Dương và Tây Ninh.", "Hội Chữ thập đỏ tỉnh Đồng Nai"),
    ("Cụm gồm cơ sở cai nghiện ma túy 3 tỉnh Đồng Nai (Cụm trưởng), Bình Dương và Tây Ninh.",
     "Cơ sở cai nghiện ma túy tỉnh Đồng Nai"),
    ("Cụm gồm Bảo tàng các tỉnh Đồng Nai, Bình Dương và Tây Ninh.", "Bảo tàng tỉnh Đồng Nai"),
    # a body of no listed type, opened by a generic head word and closed by its level word
    ("Cụm gồm Đài Phát thanh và Truyền hình tỉnh Đồng Nai (Cụm trưởng), Đài Phát thanh và Truyền hình tỉnh Bình "
     "Dương và Đài Phát thanh và Truyền hình tỉnh Tây Ninh.", "Đài Phát thanh và Truyền hình tỉnh Đồng Nai"),
])
def test_member_lists_of_further_sectors(extract_text, members, first):
    text = f"Ngày 20/12/2024, Cụm thi đua số 6 ký kết giao ước thi đua năm 2025. {members}"
    (event,) = extract_text(text).events
    assert [u.name for u in event.units][0] == first and len(event.units) == 3
    assert [u.province_code for u in event.units] == ["75", "74", "72"]


@pytest.mark.parametrize(("text", "names"), [
    # the places described between the level and their names
    ("Ngày 25/2/2021, Khối thi đua số 2, gồm Công an 3 huyện miền núi Thanh Sơn, Tân Sơn và Yên Lập, ký kết giao ước "
     "thi đua năm 2021.", ["Công an huyện Thanh Sơn", "Công an huyện Tân Sơn", "Công an huyện Yên Lập"]),
    # "tỉnh, thành" lists provinces and cities; a city's own level word names only that city
    ("Ngày 10/3/2026, Cụm thi đua số 9 gồm Hội LHPN 3 tỉnh, thành: An Giang (Cụm trưởng), TP. Cần Thơ và Cà Mau ký "
     "kết giao ước thi đua năm 2026.", ["Hội Liên hiệp Phụ nữ tỉnh An Giang", "Hội Liên hiệp Phụ nữ thành phố Cần Thơ",
                                        "Hội Liên hiệp Phụ nữ tỉnh Cà Mau"]),
    ("Ngày 22/3/2019, Cụm thi đua số 3 gồm Liên minh HTX 3 tỉnh: Thanh Hóa, Nghệ An và Hà Tĩnh ký kết giao ước thi "
     "đua năm 2019.", ["Liên minh Hợp tác xã tỉnh Thanh Hóa", "Liên minh Hợp tác xã tỉnh Nghệ An",
                       "Liên minh Hợp tác xã tỉnh Hà Tĩnh"]),
    ("Ngày 4/3/2027, Cụm thi đua số 2 của tỉnh Hưng Yên ký kết giao ước thi đua năm 2027. Cụm gồm Ủy ban MTTQ ba xã "
     "ven biển là Tiền Hải, Thái Thụy và Đồng Châu.", ["Ủy ban Mặt trận Tổ quốc Việt Nam xã Tiền Hải",
                                                      "Ủy ban Mặt trận Tổ quốc Việt Nam xã Thái Thụy",
                                                      "Ủy ban Mặt trận Tổ quốc Việt Nam xã Đồng Châu"]),
    # bodies named with a bare province; a venue's address is no member; a list whose count it names is the members
    ("Ngày 18/3/2022, Cụm thi đua số 9 ký kết giao ước thi đua năm 2022. Cụm gồm 3 đơn vị: Viễn thông Cần Thơ (Cụm "
     "trưởng), Viễn thông Hậu Giang và Viễn thông Cà Mau.", ["Viễn thông Cần Thơ", "Viễn thông Hậu Giang",
                                                           "Viễn thông Cà Mau"]),
    ("Ngày 20/12/2018, Cụm thi đua số 1 gồm Cảng vụ Hàng hải Hải Phòng (Cụm trưởng), Quảng Ninh và Thanh Hóa ký kết "
     "giao ước thi đua năm 2019.", ["Cảng vụ Hàng hải Hải Phòng", "Cảng vụ Hàng hải Quảng Ninh",
                                   "Cảng vụ Hàng hải Thanh Hóa"]),
    ("Hội nghị ký kết giao ước thi đua năm 2016, ngày 15/3/2016, tại Hội trường Sở Thông tin và Truyền thông tỉnh Điện "
     "Biên, phường Mường Thanh. Thành phần: lãnh đạo Sở Thông tin và Truyền thông 3 tỉnh: Điện Biên, Lai Châu và Sơn La.",
     ["Sở Thông tin và Truyền thông tỉnh Điện Biên", "Sở Thông tin và Truyền thông tỉnh Lai Châu",
      "Sở Thông tin và Truyền thông tỉnh Sơn La"]),
    # the host named first, "cùng" the others; places that each bring their own level word
    ("Chiều 12-3-2019, Công an tỉnh Bình Phước (đơn vị Cụm trưởng) cùng Công an các tỉnh Đồng Nai và Tây Ninh đã ký kết "
     "giao ước thi đua năm 2019.", ["Công an tỉnh Bình Phước", "Công an tỉnh Đồng Nai", "Công an tỉnh Tây Ninh"]),
    ("Ngày 7/3/2024, Cụm thi đua số 3 ký kết giao ước thi đua năm 2024. Cụm gồm Công an 3 địa phương: thành phố Đà Nẵng "
     "(Cụm trưởng), tỉnh Quảng Nam và tỉnh Khánh Hòa.", ["Công an thành phố Đà Nẵng", "Công an tỉnh Quảng Nam",
                                                       "Công an tỉnh Khánh Hòa"]),
    # one member per line, each line going on about it
    ("Ngày 20/1/2026, Khối thi đua số 9 ký kết giao ước thi đua năm 2026. Khối gồm 3 đơn vị ở vùng biên giới:\n"
     "- Công an xã Đồng Văn (Khối trưởng), hình thành từ thị trấn Đồng Văn và các xã Tả Lủng, Tả Phìn;\n"
     "- Công an xã Lũng Cú (Khối phó), từ các xã Lũng Cú, Ma Lé;\n- Công an xã Sơn Vĩ, từ các xã Sơn Vĩ, Xín Cái.\n",
     ["Công an xã Đồng Văn", "Công an xã Lũng Cú", "Công an xã Sơn Vĩ"]),
    # … naming the bodies it was merged from, the list of which runs on to the next line; an abbreviated type
    ("Ngày 25/02/2027, Cụm thi đua số 6 ký kết giao ước thi đua năm 2027. Cụm gồm Sở NN&MT của 3 tỉnh, thành phố:\n"
     "+ Sở NN&MT thành phố Cần Thơ (Cụm trưởng), hợp nhất từ Sở NN&MT thành phố Cần Thơ, tỉnh Hậu Giang và tỉnh Sóc "
     "Trăng;\n+ Sở NN&MT tỉnh An Giang (Cụm phó), hợp nhất từ Sở NN&MT tỉnh An Giang và tỉnh Kiên Giang;\n"
     "+ Sở NN&MT tỉnh Cà Mau, hợp nhất từ Sở NN&MT tỉnh Cà Mau và tỉnh Bạc Liêu.\n",
     ["Sở Nông nghiệp và Môi trường thành phố Cần Thơ", "Sở Nông nghiệp và Môi trường tỉnh An Giang",
      "Sở Nông nghiệp và Môi trường tỉnh Cà Mau"]),
    # an abbreviated type; the places' qualifier before a colon
    ("Chiều 19/12/2025, Cụm thi đua số 7 ký kết giao ước thi đua năm 2026. Cụm do Trung tâm Phục vụ hành chính công tỉnh "
     "Ninh Bình hướng dẫn, gồm TT PVHCC 3 xã ven biển: Hải Hậu (Cụm trưởng), Hải Anh và Hải Tiến.",
     ["Trung tâm Phục vụ hành chính công xã Hải Hậu", "Trung tâm Phục vụ hành chính công xã Hải Anh",
      "Trung tâm Phục vụ hành chính công xã Hải Tiến"]),
    # "của" before the places; a note of what a member was formed from is its history, not a list of members
    ("Sáng 10/3/2026, Cụm thi đua số 4 ký kết giao ước thi đua năm 2026. Cụm gồm Sở Dân tộc và Tôn giáo của 3 tỉnh sau "
     "sắp xếp: Đắk Lắk (Cụm trưởng; hợp nhất từ Sở Dân tộc và Tôn giáo hai tỉnh Đắk Lắk và Phú Yên), Gia Lai (từ Gia "
     "Lai và Bình Định) và Khánh Hòa.", ["Sở Dân tộc và Tôn giáo tỉnh Đắk Lắk", "Sở Dân tộc và Tôn giáo tỉnh Gia Lai",
                                         "Sở Dân tộc và Tôn giáo tỉnh Khánh Hòa"]),
    # an association named by "Hội" and a capitalised word; a hall ("Hội trường") is no body
    ("Hôm nay, ngày 15/3/2016, tại Hội trường Hội Người mù tỉnh Yên Bái, đại diện lãnh đạo Hội Người mù 3 tỉnh: Yên Bái "
     "(Cụm trưởng), Lào Cai và Hà Giang thống nhất ký giao ước thi đua năm 2016.",
     ["Hội Người mù tỉnh Yên Bái", "Hội Người mù tỉnh Lào Cai", "Hội Người mù tỉnh Hà Giang"]),
    ("Sáng 5/3/2026, tại Hội trường Công an tỉnh Đồng Tháp, Công an 2 tỉnh Đồng Tháp – Vĩnh Long thuộc Cụm thi đua số 9 "
     "ký kết giao ước thi đua năm 2026.", ["Công an tỉnh Đồng Tháp", "Công an tỉnh Vĩnh Long"]),
    # Party committees, their standing boards signing for them
    ("Hôm nay, ngày 22/01/2027, tại Hội trường Đảng ủy xã Bát Xát, tỉnh Lào Cai, đại diện Ban Thường vụ Đảng ủy 3 xã "
     "trong Khối thi đua số 5 gồm: Bát Xát (Khối trưởng), Y Tý và Dền Sáng thống nhất ký kết giao ước thi đua năm 2027.",
     ["Đảng ủy xã Bát Xát", "Đảng ủy xã Y Tý", "Đảng ủy xã Dền Sáng"]),
    # … listed after their type word said once
    ("Sáng 25/2/2022, Khối thi đua số 2 (Khối Cảnh sát) Công an tỉnh Đắk Nông ký kết giao ước thi đua năm 2022. Khối "
     "gồm 3 phòng: Cảnh sát hình sự (Khối trưởng), Cảnh sát kinh tế và Cảnh sát giao thông.",
     ["Phòng Cảnh sát hình sự Công an tỉnh Đắk Nông", "Phòng Cảnh sát kinh tế Công an tỉnh Đắk Nông",
      "Phòng Cảnh sát giao thông Công an tỉnh Đắk Nông"]),
    # the departments of one force
    ("Ngày 21/2/2023, Khối thi đua số 3 Công an tỉnh Bình Dương ký kết giao ước thi đua năm 2023. Khối gồm 3 đơn vị: "
     "Phòng Cảnh sát kinh tế (Khối trưởng), Phòng An ninh kinh tế (PA04) và Phòng Cảnh sát môi trường (PC05).",
     ["Phòng Cảnh sát kinh tế Công an tỉnh Bình Dương", "Phòng An ninh kinh tế Công an tỉnh Bình Dương",
      "Phòng Cảnh sát môi trường Công an tỉnh Bình Dương"]),
])
def test_member_lists_written_in_further_ways(extract_text, text, names):
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == names


def test_a_groups_other_name_in_brackets_is_the_same_group(extract_text):
    text = "Sáng 25/2/2022, Khối thi đua số 2 (Khối Cảnh sát) Công an tỉnh Đắk Nông ký kết giao ước thi đua năm 2022."
    assert extract_text(text).events[0].groups == ["Khối thi đua số 2"]


def test_announced_count_that_disagrees_with_the_list_is_reported(extract_text):
    result = extract_text("Cụm thi đua số 6 ký kết giao ước thi đua năm 2021. Cụm gồm Công an 5 tỉnh: Gia Lai, Kon Tum, Lâm Đồng.")
    assert [w.code for w in result.warnings] == ["unit_count_mismatch"]


def test_units_after_the_2025_reorganisation_use_the_new_list(extract_text):
    text = ("Sáng 12/3/2026, tại Công an tỉnh Hà Tĩnh, Cụm thi đua số 5 Bộ Công an tổ chức hội nghị ký kết giao ước "
            "thi đua năm 2026. Cụm gồm Công an các tỉnh Thanh Hóa, Quảng Trị và Công an thành phố Huế.")
    units = extract_text(text).events[0].units
    assert [(u.name, u.province_code) for u in units] == [
        ("Công an tỉnh Thanh Hóa", "38"), ("Công an tỉnh Quảng Trị", "44"), ("Công an thành phố Huế", "46")]


@pytest.mark.parametrize("members", [
    "Công an thành phố Phan Thiết, Công an thị xã La Gi và Công an huyện Hàm Tân",
    "TTYT thành phố Phan Thiết, TTYT thị xã La Gi và TTYT huyện Hàm Tân",
    "Công an thành phố Phan Thiết, Công an thị xã La Gi và Công an huyện Quảng Ninh",  # a district named like a province
])
def test_district_units_take_the_one_province_the_text_names(extract_text, members):
    text = (f"Sáng 16/2/2023, tại Hội trường Công an tỉnh Bình Thuận, Cụm thi đua số 1 gồm {members} "
            "ký kết giao ước thi đua năm 2023.")
    (event,) = extract_text(text).events
    assert len(event.units) == 3
    assert {(u.province, u.province_code) for u in event.units} == {("Bình Thuận", "60")}


@pytest.mark.parametrize(("text", "province"), [
    ("Sở Y tế Sóc Trăng. Sáng 27/02/2024, Cụm thi đua số 2 gồm TTYT huyện Mỹ Xuyên, TTYT huyện Trần Đề và "
     "TTYT thị xã Vĩnh Châu ký kết giao ước thi đua năm 2024.", "Sóc Trăng"),
    ("Sáng 27/02/2024, Cụm thi đua số 2 gồm TTYT huyện Mỹ Xuyên, TTYT huyện Trần Đề và TTYT thị xã Vĩnh Châu "
     "ký kết giao ước thi đua năm 2024, tại phường Bạc Liêu.", None),
    ("Sở Y tế Sóc Trăng và Sở Y tế Bạc Liêu chứng kiến. Sáng 27/02/2024, Cụm thi đua số 2 gồm TTYT huyện Mỹ Xuyên "
     "và TTYT huyện Trần Đề ký kết giao ước thi đua năm 2024.", None),
])
def test_district_units_take_the_one_province_the_text_names_bare(extract_text, text, province):
    """A province named without its level word places district units; a ward named after one does not."""
    (event,) = extract_text(text).events
    assert {u.province for u in event.units} == {province}


@pytest.mark.parametrize(("listed", "names"), [
    ("Công an 4 tỉnh Đồng Tháp – Vĩnh Long – An Giang – Cà Mau",
     ["Công an tỉnh Đồng Tháp", "Công an tỉnh Vĩnh Long", "Công an tỉnh An Giang", "Công an tỉnh Cà Mau"]),
    ("Công an các tỉnh Bà Rịa - Vũng Tàu, Bình Dương và Đồng Nai",
     ["Công an tỉnh Bà Rịa - Vũng Tàu", "Công an tỉnh Bình Dương", "Công an tỉnh Đồng Nai"]),
])
def test_provinces_listed_with_dashes_are_members(extract_text, listed, names):
    text = f"Sáng 5/3/2024, {listed} thuộc Cụm thi đua số 9 ký kết giao ước thi đua năm 2024."
    assert [u.name for u in extract_text(text).events[0].units] == names


@pytest.mark.parametrize(("listed", "names", "codes"), [
    ("Công an Hà Tĩnh, Nghệ An và Quảng Bình", ["Công an tỉnh Hà Tĩnh", "Công an tỉnh Nghệ An", "Công an tỉnh Quảng Bình"],
     ["42", "40", "44"]),
    ("KBNN Kon Tum, Gia Lai và Lâm Đồng", ["Kho bạc Nhà nước Kon Tum", "Kho bạc Nhà nước Gia Lai",
                                         "Kho bạc Nhà nước Lâm Đồng"], ["62", "64", "68"]),
    ("PC Cao Bằng, PC Bắc Kạn", ["Công ty Điện lực Cao Bằng", "Công ty Điện lực Bắc Kạn"], ["04", "06"]),
])
def test_a_type_before_bare_province_names_lists_provincial_units(extract_text, listed, names, codes):
    """Named in full with the province's level word, unless the type's units are named without one."""
    (event,) = extract_text(f"Sáng 22/3/2024, Cụm thi đua gồm {listed} ký kết giao ước thi đua năm 2024.").events
    assert [(u.name, u.province_code) for u in event.units] == list(zip(names, codes))


@pytest.mark.parametrize(("listed", "names"), [
    ("Công an 5 địa phương: Hà Tĩnh (Cụm trưởng), Nghệ An và thành phố Huế",
     ["Công an tỉnh Hà Tĩnh", "Công an tỉnh Nghệ An", "Công an thành phố Huế"]),
    ("Văn phòng Đăng ký đất đai 5 địa phương: Hà Tĩnh (Cụm trưởng), Nghệ An và thành phố Huế",
     ["Văn phòng Đăng ký đất đai tỉnh Hà Tĩnh", "Văn phòng Đăng ký đất đai tỉnh Nghệ An",
      "Văn phòng Đăng ký đất đai thành phố Huế"]),
    ("Trung tâm Công tác xã hội 3 tỉnh, thành: Hà Tĩnh, Nghệ An và thành phố Huế",
     ["Trung tâm Công tác xã hội tỉnh Hà Tĩnh", "Trung tâm Công tác xã hội tỉnh Nghệ An",
      "Trung tâm Công tác xã hội thành phố Huế"]),
    # a generic name stops at a member cue
    ("Hội LHPN Việt Nam gồm Hội LHPN 3 tỉnh, thành: Hà Tĩnh, Nghệ An và thành phố Huế",
     ["Hội Liên hiệp Phụ nữ tỉnh Hà Tĩnh", "Hội Liên hiệp Phụ nữ tỉnh Nghệ An", "Hội Liên hiệp Phụ nữ thành phố Huế"]),
    ("Liên hiệp các Hội Khoa học và Kỹ thuật 3 tỉnh, thành phố: Hưng Yên (Cụm trưởng), Hải Phòng và Bắc Ninh",
     ["Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hưng Yên", "Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Hải Phòng",
      "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Ninh"]),
    # a plural level word between members: "…, các tỉnh A, B"
    ("Công an 4 địa phương: thành phố Huế (Cụm trưởng), thành phố Đà Nẵng, các tỉnh Quảng Trị và Quảng Ngãi",
     ["Công an thành phố Huế", "Công an thành phố Đà Nẵng", "Công an tỉnh Quảng Trị", "Công an tỉnh Quảng Ngãi"]),
])
def test_localities_counted_with_any_level_word_are_provinces(extract_text, listed, names):
    """"5 địa phương", "5 tỉnh, thành": each member is named with its own province-level word."""
    (event,) = extract_text(f"Sáng 6/3/2026, Cụm thi đua số 3 ký kết giao ước thi đua năm 2026. Cụm gồm {listed}.").events
    assert [u.name for u in event.units] == names


def test_levels_counted_one_by_one_share_the_type(extract_text):
    """"UBND 3 đặc khu và 3 phường ven biển: đặc khu A, …": six members, each with its own level word."""
    (event,) = extract_text("Ngày 12/3/2026, Cụm thi đua số 9 thuộc UBND tỉnh An Giang ký kết giao ước thi đua năm 2026. "
                            "Cụm gồm UBND 1 đặc khu và 2 phường ven biển: đặc khu Phú Quốc (Cụm trưởng), phường Rạch Giá "
                            "và phường Hà Tiên.").events
    assert [u.name for u in event.units] == ["Ủy ban nhân dân đặc khu Phú Quốc", "Ủy ban nhân dân phường Rạch Giá",
                                             "Ủy ban nhân dân phường Hà Tiên"]


LEVEL_LINES = ("Sáng 5/3/2026, Cụm thi đua số 3 tổ chức hội nghị ký kết giao ước thi đua năm 2026.\n"
               "Cụm gồm 2 phường và 1 xã ở phía Nam tỉnh Quảng Trị:\n"
               "- Phường Đồng Hới (Cụm trưởng), sáp nhập từ các phường Đồng Phú, Hải Thành;\n"
               "- Phường Đồng Thuận, sáp nhập từ các phường Bắc Lý, Bắc Nghĩa;\n"
               "- Xã Quảng Ninh, sáp nhập từ các xã Vĩnh Ninh, Võ Ninh.\n"
               "{signed}")


@pytest.mark.parametrize(("signed", "names"), [
    ("Lãnh đạo UBND 3 xã, phường ký kết giao ước.",
     ["Ủy ban nhân dân phường Đồng Hới", "Ủy ban nhân dân phường Đồng Thuận", "Ủy ban nhân dân xã Quảng Ninh"]),
    ("Lãnh đạo Đảng ủy các xã, phường ký kết giao ước.",
     ["Đảng ủy phường Đồng Hới", "Đảng ủy phường Đồng Thuận", "Đảng ủy xã Quảng Ninh"]),
    ("Lãnh đạo UBND 5 xã, phường ký kết giao ước.", []),  # a count of other bodies: not these members' type
])
def test_members_listed_by_level_alone_take_the_type_a_count_names(extract_text, signed, names):
    """The lines name places; the bodies that sign are said elsewhere, with their number."""
    (event,) = extract_text(LEVEL_LINES.format(signed=signed)).events
    assert [u.name for u in event.units if u.name.startswith(("Ủy", "Đảng"))] == names


@pytest.mark.parametrize("sentence", [
    "Giám đốc KBNN Đắk Lắk, Cụm trưởng, phát biểu.",
    "Công an Vĩnh Phúc Nguyễn Văn An phát biểu.",
])
def test_a_type_before_a_bare_province_name_names_only_provinces(extractor, sentence):
    names = [i.name for run in extractor.units.lists(sentence) for i in run.items]
    assert names in ([], ["Đắk Lắk"])


def test_district_units_of_a_text_naming_several_provinces_stay_unplaced(extract_text):
    text = ("Sáng 16/2/2023, tại Công an tỉnh Bình Thuận, Cụm thi đua gồm Công an huyện Hàm Tân và Công an huyện "
            "Tánh Linh ký kết giao ước thi đua năm 2023, với sự tham dự của Công an tỉnh Ninh Thuận.")
    (event,) = extract_text(text).events
    assert {u.province for u in event.units} == {None}


def test_district_units_take_the_province_of_their_force(extract_text):
    text = ("Ngày 17/2/2022, tại Công an thị xã An Nhơn, Khối thi đua số 2 Công an tỉnh Bình Định ký kết giao ước thi đua "
            "năm 2022. Khối gồm 5 đơn vị: Công an thị xã An Nhơn (Khối trưởng), Công an các huyện Tuy Phước, Phù Cát, "
            "Tây Sơn và Vân Canh.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Công an thị xã An Nhơn", "Công an huyện Tuy Phước", "Công an huyện Phù Cát",
                                             "Công an huyện Tây Sơn", "Công an huyện Vân Canh"]
    assert {(u.province, u.province_code, u.province_now) for u in event.units} == {("Bình Định", "52", "Gia Lai")}
    assert (event.host, event.organizer) == ("Công an thị xã An Nhơn", "Công an tỉnh Bình Định")


def test_slogan_and_campaign_launch(extract_text):
    text = ("Ngày 8/1/2024, tại Hội trường Công an tỉnh, Công an tỉnh Long An tổ chức hội nghị phát động phong trào thi đua "
            "năm 2024 với khẩu hiệu hành động “Xây dựng Công an nhân dân thật sự trong sạch, vững mạnh”.")
    (event,) = extract_text(text).events
    assert (event.kind, event.place, event.organizer, event.groups) == (
        "campaign_launch", "Công an tỉnh Long An", "Công an tỉnh Long An", [])
    assert event.slogan == "Xây dựng Công an nhân dân thật sự trong sạch, vững mạnh"
    assert [u.name for u in event.units] == ["Công an tỉnh Long An"]


@pytest.mark.parametrize("text", [
    "Công an tỉnh Tiền Giang họp báo thông tin tình hình quý I/2024.",
    # a pledge made before, now carried out or measured against
    "Công an tỉnh tích cực thực hiện các nội dung giao ước thi đua trong Cụm thi đua số 7.",
    "Thực hiện giao ước thi đua đã ký kết trong Cụm từ đầu năm, Công an tỉnh kéo giảm 9,6% số vụ phạm tội.",
    # a signing for a year already over when the text was written: recalled in a review
    "Ngày 8/1/2021, Sở Giao thông vận tải tổng kết năm 2020. Đầu năm, Sở đã ký giao ước thi đua năm 2020 với các "
    "đơn vị trong Khối, cam kết kéo giảm ít nhất 5% số người chết do tai nạn giao thông.",
    # a signing asked for, not held
    "Đồng chí Phó Chủ tịch đề nghị các đơn vị không tự mãn; đồng thời phối hợp tổ chức ký kết giao ước thi đua năm 2020.",
    # made since the start of the year, reported now (a number's full stop does not end the sentence)
    "Ngày 18/8/2022, xã tổ chức Ngày hội. Ngay từ đầu năm, 12 bản trong xã đã ký giao ước thi đua; 1.146 hộ gia đình "
    "ký cam kết không vi phạm pháp luật.",
    # a signing planned, named before the plan
    "Hội nghị ký kết giao ước thi đua năm 2025 của các Khối, Cụm thi đua dự kiến tổ chức vào ngày 14/02/2025 tại "
    "Trung tâm Hội nghị tỉnh.",
    # a pledge reviewed, or said to have been signed on a day
    "Ngày 12/7/2018, Cụm thi đua số 1 tổ chức hội nghị sơ kết 6 tháng thực hiện phong trào thi đua và giao ước thi đua "
    "năm 2018. Giao ước thi đua năm 2018 của Cụm được ký kết ngày 27/2/2018 tại Điện Biên Phủ.",
    # a pledge document cited as the basis of another
    "HƯỚNG DẪN chấm điểm thi đua năm 2024\nCăn cứ Giao ước thi đua năm 2024 của Cụm thi đua số 7 ký ngày 06/3/2024,\n"
    "Công an tỉnh Bình Định hướng dẫn việc tự chấm điểm như sau: giảm từ 5% trở lên được 10 điểm.",
    # a signing denied, or one the pledge is the subject of something to come
    "Những tháng cuối năm, các cụm, khối không ký giao ước mới mà tổng hợp kết quả thực hiện.",
    "Quy chế hoạt động và giao ước thi đua năm 2026 sẽ được xây dựng, ký kết trong quý I/2026.",
    # a signing dated after the page that announces it
    "Hội nghị ký kết giao ước thi đua Cụm thi đua số 1 năm 2019\n\nThứ Hai, 04/03/2019 - 09:30\n\nTheo kế hoạch, "
    "ngày 08/3/2019, tại Hội trường Công an tỉnh Điện Biên, Cụm thi đua số 1 tổ chức hội nghị ký kết giao ước thi đua.",
    # a signing in a year before the page's date line
    "Sở Nội vụ sắp xếp lại các khối thi đua\n\nThứ Ba, 23/09/2025 - 14:05 | Lượt xem: 412\n\nNgày 22/9/2025, "
    "UBND tỉnh thành lập các cụm, khối thi đua. Năm 2024, 100% cụm, khối đã ký kết giao ước thi đua.",
    # a draft sent out for comments
    "CÔNG AN PHƯỜNG TRẤN BIÊN\nV/v góp ý dự thảo Bản giao ước thi đua năm 2026\n\nĐề nghị Công an các phường góp ý "
    "trước ngày 12/01/2026.\n\nDỰ THẢO (lần 1)\n\nBẢN GIAO ƯỚC THI ĐUA NĂM 2026\n\nHôm nay, ngày ..... tháng 01 năm "
    "2026, Công an 3 phường: Trấn Biên, Biên Hòa và Tam Hiệp thống nhất ký kết giao ước thi đua với các chỉ tiêu sau:\n"
    "1. Kéo giảm ít nhất 5% số vụ phạm tội về trật tự xã hội so với năm 2025.",
    # a tag page: other articles' dates, headlines and cut-off leads
    "TAG: GIAO ƯỚC THI ĐUA\nCó 37 bài viết\n\n" + "".join(
        f"{d}/03/2023 16:40\nKhối thi đua số {d} ký kết giao ước thi đua năm 2023\nChiều {d}/3, các cơ quan trong Khối "
        "thi đua đã ký kết giao ước thi đua năm 2023, phấn đấu kéo giảm ít nhất 5% số vụ phạm tội ...\n\n" for d in (13, 9, 2)),
])
def test_text_without_a_pledge_has_no_event(extract_text, text):
    assert extract_text(text).events == []


def test_bilateral_pledge_lists_both_signers(extract_text):
    text = ("Ngày 10/2/2024, tại Công an tỉnh Lạng Sơn, Công an tỉnh Lạng Sơn ký kết giao ước thi đua năm 2024 với "
            "Công an tỉnh Cao Bằng. Hai đơn vị cam kết giảm 5% số vụ phạm tội về ma túy.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Công an tỉnh Lạng Sơn", "Công an tỉnh Cao Bằng"]


def test_agencies_of_any_department_are_units(extractor):
    text = "Cụm gồm Sở Nông nghiệp và Phát triển nông thôn tỉnh Nghệ An, Sở Tư pháp tỉnh Hà Tĩnh và Công an tỉnh Quảng Bình."
    (run,) = extractor.units.lists(text)
    assert [(i.org_type, i.kind, i.name) for i in run.items] == [
        ("Sở Nông nghiệp và Phát triển nông thôn", "agency", "Nghệ An"), ("Sở Tư pháp", "agency", "Hà Tĩnh"),
        ("Công an", "police", "Quảng Bình")]


def test_a_list_may_change_level_midway(extractor):
    (run,) = extractor.units.lists("Khối gồm Công an các huyện Kỳ Anh, Cẩm Xuyên và thị xã Kỳ Anh.")
    assert [(i.org_type, i.level, i.name) for i in run.items] == [
        ("Công an", "huyện", "Kỳ Anh"), ("Công an", "huyện", "Cẩm Xuyên"), ("Công an", "thị xã", "Kỳ Anh")]


@pytest.mark.parametrize("listed", ["Công an các huyện Tri Tôn, Châu Phú, tỉnh An Giang",
                                    "Công an huyện Tri Tôn, tỉnh An Giang và Công an huyện Châu Phú, tỉnh An Giang"])
def test_a_wider_place_after_district_units_is_where_they_are_not_a_member(extract_text, listed):
    text = f"Sáng 22/3/2024, {listed} tổ chức ký kết giao ước thi đua năm 2024. Hai đơn vị cam kết giảm 5% số vụ cháy."
    (event,) = extract_text(text).events
    assert [(u.name, u.province, u.province_code) for u in event.units] == [
        ("Công an huyện Tri Tôn", "An Giang", "89"), ("Công an huyện Châu Phú", "An Giang", "89")]


@pytest.mark.parametrize(("leader", "host"), [
    ("Giám đốc Bảo hiểm xã hội tỉnh Sóc Trăng, Trưởng Cụm thi đua số 5", "Bảo hiểm xã hội tỉnh Sóc Trăng"),
    ("Giám đốc Bảo hiểm xã hội tỉnh Bạc Liêu, Phó Trưởng Cụm thi đua số 5", None),
])
def test_the_leader_of_a_cluster_may_be_written_before_it(extract_text, leader, host):
    text = ("Ngày 14/02/2025, Cụm thi đua số 5 gồm Bảo hiểm xã hội các tỉnh: Sóc Trăng, Bạc Liêu và Cà Mau ký kết giao "
            f"ước thi đua năm 2025. Phát biểu tại hội nghị, {leader} đề nghị các đơn vị thực hiện tốt các chỉ tiêu.")
    (event,) = extract_text(text).events
    assert event.host == host


@pytest.mark.parametrize(("text", "names"), [
    ("Ngày 26/2/2026, tại Công an tỉnh Điện Biên, Công an tỉnh Điện Biên - Cụm trưởng Cụm thi đua số 1 chủ trì ký kết "
     "giao ước thi đua năm 2026 với Công an các tỉnh: Lai Châu, Sơn La, Lào Cai.",
     ["Công an tỉnh Điện Biên", "Công an tỉnh Lai Châu", "Công an tỉnh Sơn La", "Công an tỉnh Lào Cai"]),
    # the leader written shorter in the list is not added again
    ("Ngày 12/3/2019, UBND tỉnh Lào Cai - đơn vị Cụm trưởng Cụm thi đua các tỉnh miền núi đã tổ chức ký kết giao "
     "ước thi đua năm 2019. Cụm gồm 3 tỉnh: Lào Cai, Hà Giang và Cao Bằng.",
     ["tỉnh Lào Cai", "tỉnh Hà Giang", "tỉnh Cao Bằng"]),
    # what the listed places are named after goes before the colon
    ("Ngày 10/3/2026, Khối thi đua số 3 thuộc Tỉnh ủy Hà Tĩnh ký kết giao ước thi đua năm 2026. Khối gồm Đảng ủy "
     "3 xã mang tên 3 huyện trước đây: Hương Khê (Khối trưởng), Vũ Quang và Can Lộc.",
     ["Đảng ủy xã Hương Khê", "Đảng ủy xã Vũ Quang", "Đảng ủy xã Can Lộc"]),
])
def test_the_members_named_around_a_list(extract_text, text, names):
    """The leader signing "với" the listed others is one of them; a list's cue may say what its places are named after."""
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == names


@pytest.mark.parametrize("table", [
    "STT | Đơn vị | Nhiệm vụ trong Khối\n1 | Công an thành phố Hải Phòng | Khối trưởng\n"
    "2 | Viện kiểm sát nhân dân thành phố Hải Phòng | Khối phó\n3 | Sở Tư pháp | Thành viên\n",
    "Tên đơn vị\tGhi chú\nCông an thành phố Hải Phòng\tKhối trưởng\nViện kiểm sát nhân dân thành phố Hải Phòng\tKhối phó\n"
    "Sở Tư pháp\t\n",
])
def test_a_table_column_of_members_names_the_members_and_their_roles(extract_text, table):
    text = ("Chiều 5/3/2026, tại Trung tâm Hội nghị thành phố Hải Phòng, Khối thi đua Nội chính tổ chức hội nghị ký kết "
            f"giao ước thi đua năm 2026. Các thành viên Khối năm 2026 như sau:\n\n{table}\n"
            "Công an thành phố phấn đấu kéo giảm từ 5% trở lên số vụ phạm tội về trật tự xã hội.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Công an thành phố Hải Phòng", "Viện kiểm sát nhân dân thành phố Hải Phòng",
                                             "Sở Tư pháp thành phố Hải Phòng"]
    assert event.host == "Công an thành phố Hải Phòng"


def test_area_teams_of_a_merged_province_are_in_the_province_in_force(extract_text):
    text = ("CÔNG AN TỈNH TÂY NINH\n\nSáng 5/2/2026, Khối thi đua số 2 thuộc Phòng Cảnh sát PCCC và CNCH tổ chức ký kết "
            "giao ước thi đua năm 2026. Khối gồm 3 Đội Cảnh sát PCCC và CNCH khu vực: Tân An (Khối trưởng), Bến Lức và "
            "Trảng Bàng. Sau khi hợp nhất Công an tỉnh Tây Ninh và Công an tỉnh Long An, các đội được sắp xếp lại.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == [f"Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực {n}"
                                             for n in ("Tân An", "Bến Lức", "Trảng Bàng")]
    assert {(u.province, u.province_code) for u in event.units} == {("Tây Ninh", "80")}
    assert event.host == event.units[0].name


def test_plural_cluster_leaders_name_no_host(extract_text):
    text = ("Cụm thi đua số 1, 2 và 3 thuộc Công an tỉnh Đắk Nông ký kết giao ước thi đua năm 2023. Dự hội nghị có "
            "lãnh đạo Công an tỉnh Đắk Nông và đại diện các đơn vị Cụm trưởng.")
    assert extract_text(text).events[0].host is None


@pytest.mark.parametrize("reference", ["Căn cứ Kế hoạch số 12/KH-CAT-PV01", "Căn cứ Quyết định số 05/2024/QĐ-UBND",
                                       "Căn cứ Hướng dẫn số 3/HD-CAT,",
                                       "Căn cứ Luật Thi đua, khen thưởng",  # a law has no number: its line cites it
                                       "- Căn cứ Quyết định số 412-QĐ/TU"])  # a Party document's number, a listed basis
def test_a_cited_documents_date_is_not_the_events(extract_text, reference):
    text = ("CÔNG AN TỈNH PHÚ THỌ\nCỤM THI ĐUA SỐ 2\n\nPhú Thọ, ngày 22 tháng 01 năm 2024\n\nGIAO ƯỚC THI ĐUA NĂM 2024\n\n"
            f"{reference} ngày 05/01/2024 của Công an tỉnh Phú Thọ về phát động phong trào thi đua năm 2024;\n"
            "Công an các huyện: Thanh Sơn, Tân Sơn và Yên Lập thống nhất ký kết giao ước thi đua năm 2024.")
    assert str(extract_text(text).events[0].date) == "2024-01-22"


PLAN = ("SỞ TƯ PHÁP TỈNH ĐẮK NÔNG\nTRUNG TÂM TRỢ GIÚP PHÁP LÝ NHÀ NƯỚC\n\nSố: 18/KH-TGPL\nGia Nghĩa, ngày 15 tháng 3 năm 2024\n\n"
        "KẾ HOẠCH\n{title} năm 2024 của Cụm thi đua khu vực Tây Nguyên\n\n"
        "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n"
        "Căn cứ Giao ước thi đua năm 2024 {signed} ngày 06/3/2024 tại Trung tâm Trợ giúp pháp lý nhà nước tỉnh Kon Tum,\n\n"
        "Năm 2024, Trung tâm phấn đấu hoàn thành các chỉ tiêu đã cam kết:\n"
        "1. Tiếp nhận, thụ lý 100% yêu cầu trợ giúp pháp lý.\n2. Số vụ việc tham gia tố tụng tăng ít nhất 10% so với năm 2023.\n")


@pytest.mark.parametrize("signed", ["ký kết", "được ký kết"])  # the basis words the signing as done before
def test_a_plan_to_carry_out_a_pledge_has_the_signing_its_basis_cites(extract_text, signed):
    result = extract_text(PLAN.format(title="Triển khai thực hiện giao ước thi đua", signed=signed))
    (event,) = result.events
    assert (str(event.date), event.period_year) == ("2024-03-06", 2024)
    assert [(t.value, t.baseline_year) for t in result.targets] == [(100, None), (10, 2023)]


def test_an_instruction_on_how_to_make_pledges_has_no_event(extract_text):
    text = ("UBND TỈNH NINH THUẬN\nHỘI ĐỒNG THI ĐUA - KHEN THƯỞNG\nSố: 63/HD-HĐTĐKT\n\nNinh Thuận, ngày 28 tháng 12 năm 2020\n\n"
            "HƯỚNG DẪN\nCách xây dựng chỉ tiêu giao ước thi đua năm 2021\n\n"
            "- Trong tháng 02/2021: các Cụm, Khối tổ chức ký kết giao ước thi đua; ví dụ “Thu ngân sách tăng ít nhất 8%”.")
    result = extract_text(text)
    assert (result.events, result.targets) == ([], [])


def test_a_news_page_about_a_guidance_has_no_event(extract_text):
    """Its headline opens with "Hướng dẫn": the signings it names are to be held as it says."""
    text = ("BAN THI ĐUA - KHEN THƯỞNG TỈNH PHÚ YÊN\nThứ Năm, 16/11/2023 - 10:20\n\n"
            "Hướng dẫn tổng kết, bình xét khen thưởng năm 2023 đối với các cụm, khối thi đua\n\n"
            "Ngày 14/11, Hội đồng Thi đua - Khen thưởng tỉnh ban hành Hướng dẫn số 28/HD-HĐTĐKT. Đơn vị được đề nghị tặng "
            "Cờ thi đua phải hoàn thành 100% chỉ tiêu. Hội nghị ký kết giao ước thi đua năm 2024 của các cụm, khối tổ "
            "chức trong quý I/2024.")
    result = extract_text(text)
    assert (result.events, result.targets) == ([], [])


def test_a_plan_to_check_a_pledge_has_no_event(extract_text):
    assert extract_text(PLAN.format(title="Kiểm tra chéo việc thực hiện giao ước thi đua", signed="được ký kết")).events == []


def test_a_deadline_is_not_the_events_date(extract_text):
    text = ("BIÊN BẢN\nHội nghị ký kết giao ước thi đua năm 2016\n\nVào hồi 08 giờ 30 phút, ngày 26 tháng 02 năm 2016, "
            "tại Hội trường Cục Thi hành án dân sự tỉnh Hưng Yên.\n\nHội nghị thống nhất giao Cụm trưởng tổ chức "
            "kiểm tra chéo, tổng hợp kết quả gửi Tổng cục trước ngày 15/11/2016.")
    (event,) = extract_text(text).events
    assert str(event.date) == "2016-02-26"


@pytest.mark.parametrize("box", ["Tin liên quan", "Các tin khác"])
def test_a_group_in_a_box_of_other_articles_is_not_the_events(extract_text, box):
    text = (f"Ngày 28/12/2026, Cụm thi đua số 6 ký kết giao ước thi đua năm 2027.\n\n{box}:\n"
            "- Cụm thi đua số 2 tổng kết năm 2026 (26/12/2026)\n")
    assert extract_text(text).events[0].groups == ["Cụm thi đua số 6"]


def test_a_group_named_at_the_end_of_a_line_does_not_take_the_next_lines_units_as_its_body(extract_text):
    text = ("CÔNG AN TỈNH PHÚ THỌ\n\nGIAO ƯỚC THI ĐUA NĂM 2024\n\nCăn cứ Quy chế hoạt động của Cụm thi đua số 2,\n\n"
            "Công an các huyện: Thanh Sơn, Tân Sơn và Yên Lập thống nhất ký kết giao ước thi đua năm 2024.")
    (event,) = extract_text(text).events
    assert event.organizer == "Công an tỉnh Phú Thọ"
    assert [u.name for u in event.units] == ["Công an huyện Thanh Sơn", "Công an huyện Tân Sơn", "Công an huyện Yên Lập"]


@pytest.mark.parametrize(("venue", "place"), [
    ("tại Phòng Cảnh sát PCCC và CNCH Công an thành phố Hà Nội",  # a department of a force is a unit itself
     "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an thành phố Hà Nội"),
    ("tại Nhà khách Công an tỉnh Bắc Ninh", "Công an tỉnh Bắc Ninh"),
    ("tại Trung tâm Hội nghị tỉnh Bắc Ninh", "Trung tâm Hội nghị tỉnh Bắc Ninh"),
    ("tại Hà Nội", None),  # a city, not a unit: the members listed after the comma are not the venue
])
def test_place_of_a_department_or_building_is_its_unit(extract_text, venue, place):
    text = (f"Sáng 12/01/2026, {venue}, Cụm thi đua số 1 gồm Công an thành phố Hà Nội, Công an tỉnh Bắc Ninh và "
            "Công an tỉnh Hưng Yên ký kết giao ước thi đua năm 2026.")
    assert extract_text(text).events[0].place == place


def test_the_pledge_year_may_come_late_in_the_events_sentence(extract_text):
    text = ("Chiều 20/12/2023, Công an tỉnh Sóc Trăng tổ chức lễ phát động đợt thi đua cao điểm tấn công, trấn áp tội "
            "phạm, bảo đảm an ninh, trật tự Tết Nguyên đán Giáp Thìn năm 2024.\n\nTrong đợt cao điểm năm 2023, toàn "
            "lực lượng đã bắt 27 đối tượng truy nã. Lần này, các đơn vị phấn đấu kéo giảm từ 5% trở lên số vụ phạm "
            "pháp hình sự so với cùng kỳ.")
    result = extract_text(text)
    assert (result.events[0].kind, result.events[0].period_year) == ("campaign_launch", 2024)
    assert result.targets[0].baseline_year == 2023


@pytest.mark.parametrize("members", [
    "gồm Công an tỉnh Lạng Sơn (đơn vị Cụm trưởng), Công an tỉnh Cao Bằng, Công an tỉnh Hà Giang (Cụm phó) và "
    "Công an tỉnh Tuyên Quang",
    "gồm Công an tỉnh Lạng Sơn (đơn vị được Bộ Công an phân công làm Cụm trưởng năm 2023), Công an tỉnh Cao Bằng, "
    "Công an tỉnh Hà Giang và Công an tỉnh Tuyên Quang",
    "gồm: Công an tỉnh Lạng Sơn (Cụm trưởng, đăng cai tổ chức hội nghị năm nay), Công an tỉnh Cao Bằng "
    "(Cụm phó), Công an tỉnh Hà Giang (thành viên) và Công an tỉnh Tuyên Quang (thành viên)",
    "gồm Công an tỉnh Lạng Sơn [Cụm trưởng], Công an tỉnh Cao Bằng, Công an tỉnh Hà Giang [Cụm phó], "
    "Công an tỉnh Tuyên Quang",
    "gồm Công an 4 tỉnh: Lạng Sơn(Cụm trưởng), Cao Bằng, Hà Giang ( Cụm phó ) và Tuyên Quang",
])
def test_a_bracketed_note_after_a_member_does_not_end_the_list(extract_text, members):
    text = f"Ngày 10/3/2023, Cụm thi đua số 3 {members} ký kết giao ước thi đua năm 2023."
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Công an tỉnh Lạng Sơn", "Công an tỉnh Cao Bằng", "Công an tỉnh Hà Giang",
                                             "Công an tỉnh Tuyên Quang"]
    assert event.host == "Công an tỉnh Lạng Sơn"


@pytest.mark.parametrize(("members", "names"), [
    ("Khối gồm Công an các huyện Tuy Phước (đơn vị Khối trưởng năm 2023), Phù Cát, Tây Sơn (Khối phó) và Vân Canh.",
     ["Công an huyện Tuy Phước", "Công an huyện Phù Cát", "Công an huyện Tây Sơn", "Công an huyện Vân Canh"]),
    ("Cụm gồm Cục Thuế tỉnh Nam Định (Cụm trưởng năm 2023 theo Quyết định của Tổng cục Thuế), Cục Thuế tỉnh Hà Nam "
     "và Cục Thuế tỉnh Thái Bình.", ["Cục Thuế tỉnh Nam Định", "Cục Thuế tỉnh Hà Nam", "Cục Thuế tỉnh Thái Bình"]),
])
def test_a_note_in_brackets_is_not_part_of_a_members_name(extractor, members, names):
    (run,) = extractor.units.lists(members)
    assert [extractor.units.unit(item, None).name for item in run.items] == names


def test_brackets_that_name_units_hold_the_list_not_a_note(extract_text):
    text = ("Sáng 26/1/2024, Khối thi đua số 1 Công an Thành phố Hồ Chí Minh (gồm Công an Quận 1, Quận 3, Quận 4, "
            "Quận 5 và quận Phú Nhuận) tổ chức hội nghị ký kết giao ước thi đua năm 2024.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Công an Quận 1", "Công an Quận 3", "Công an Quận 4", "Công an Quận 5",
                                             "Công an quận Phú Nhuận"]


@pytest.mark.parametrize(("sentence", "names"), [
    ("Sáng 15/3/2024, Bộ Chỉ huy BĐBP tỉnh Hà Tĩnh tổ chức Lễ ký kết giao ước thi đua năm 2024 giữa các Đồn Biên "
     "phòng: Đồn Biên phòng Cửa khẩu Quốc tế Cầu Treo, Đồn Biên phòng Sơn Hồng và Đồn Biên phòng Cửa khẩu cảng Vũng Áng.",
     ["Đồn Biên phòng Cửa khẩu Quốc tế Cầu Treo", "Đồn Biên phòng Sơn Hồng", "Đồn Biên phòng Cửa khẩu cảng Vũng Áng"]),
    ("Ngày 20/2/2024, tại Đồn Biên phòng Nậm Cắn, các đồn Biên phòng Nậm Cắn, Tam Hợp (Cụm trưởng) và Mường Ải ký kết "
     "giao ước thi đua năm 2024.", ["Đồn Biên phòng Nậm Cắn", "Đồn Biên phòng Tam Hợp", "Đồn Biên phòng Mường Ải"]),
    ("Ngày 20/2/2024, Đồn BP Lũng Cú ký kết giao ước thi đua năm 2024 với Đồn BP Săm Pun.",
     ["Đồn Biên phòng Lũng Cú", "Đồn Biên phòng Săm Pun"]),
    ("Ngày 1/3/2024, Cụm thi đua số 2 gồm 3 đồn Biên phòng: Cửa khẩu quốc tế Lao Bảo, Cửa khẩu La Lay và A Dơi ký kết "
     "giao ước thi đua năm 2024.",
     ["Đồn Biên phòng Cửa khẩu quốc tế Lao Bảo", "Đồn Biên phòng Cửa khẩu La Lay", "Đồn Biên phòng A Dơi"]),
    ("Chiều 5/3/2025, Hải đội Biên phòng 1, Hải đội Biên phòng 2 và Đồn Biên phòng Cô Tô ký kết giao ước thi đua năm 2025.",
     ["Hải đội Biên phòng 1", "Hải đội Biên phòng 2", "Đồn Biên phòng Cô Tô"]),
    ("Ngày 12/3/2024, Cụm thi đua gồm Công an huyện Kỳ Sơn (Cụm trưởng), Đội Biên phòng Mường Típ và Đồn Biên phòng Nậm "
     "Cắn ký kết giao ước thi đua năm 2024.",
     ["Công an huyện Kỳ Sơn", "Đội Biên phòng Mường Típ", "Đồn Biên phòng Nậm Cắn"]),
])
def test_border_guard_posts_are_units_named_in_full(extract_text, sentence, names):
    (event,) = extract_text(sentence).events
    assert [u.name for u in event.units] == names
    assert {u.kind for u in event.units if "Biên phòng" in u.name} == {"agency"}


@pytest.mark.parametrize(("listed", "province"), [
    ("Đồn Biên phòng Nậm Cắn và Đồn Biên phòng Tam Hợp, tỉnh Nghệ An", "Nghệ An"),
    ("Đồn Biên phòng Nậm Cắn, huyện Kỳ Sơn và Đồn Biên phòng Tam Hợp, huyện Tương Dương", None),  # no "Đồn … huyện Kỳ Sơn"
    ("Hải đội Biên phòng 1 và Hải đội Biên phòng 2 thuộc Bộ Chỉ huy Bộ đội Biên phòng tỉnh Quảng Ninh", "Quảng Ninh"),
    ("Đồn Biên phòng Hoành Mô và Đồn Biên phòng Bắc Phong Sinh thuộc Bộ Chỉ huy BĐBP tỉnh Quảng Ninh", "Quảng Ninh"),
    ("các đồn Biên phòng Nậm Cắn và Tam Hợp thuộc BĐBP tỉnh Nghệ An", "Nghệ An"),
])
def test_a_place_after_a_border_post_says_where_it_is(extract_text, listed, province):
    (event,) = extract_text(f"Sáng 22/3/2024, {listed} ký kết giao ước thi đua năm 2024.").events
    assert len(event.units) == 2 and {u.province for u in event.units} == {province}


@pytest.mark.parametrize("sentence", [
    "Nhân kỷ niệm ngày truyền thống Bộ đội Biên phòng Việt Nam, Công an tỉnh Lai Châu tặng quà.",
    "Các lực lượng phối hợp với bộ đội biên phòng, hải quan và các đồn biên phòng trên tuyến biên giới Hà Giang.",
])
def test_border_guard_words_that_name_no_post_are_no_unit(extractor, sentence):
    types = {i.org_type for run in extractor.units.lists(sentence) for i in run.items}
    assert not types & {"Đồn Biên phòng", "Đội Biên phòng"}


@pytest.mark.parametrize(("sentence", "organizer", "province"), [
    ("Chi cục Thuế các huyện Ý Yên, Vụ Bản và Nam Trực thuộc Cục Thuế tỉnh Nam Định ký kết giao ước thi đua năm 2024.",
     "Cục Thuế tỉnh Nam Định", "Nam Định"),
    ("Đồn Biên phòng Lũng Cú và Đồn Biên phòng Săm Pun thuộc Bộ đội Biên phòng tỉnh Hà Giang ký kết giao ước thi đua "
     "năm 2024.", "Bộ đội Biên phòng tỉnh Hà Giang", "Hà Giang"),
])
def test_a_national_bodys_name_that_opens_a_provincial_units_name_is_that_unit(extract_text, sentence, organizer, province):
    (event,) = extract_text(f"Sáng 22/3/2024, {sentence}").events
    assert (event.organizer, {u.province for u in event.units}) == (organizer, {province})


@pytest.mark.parametrize(("listed", "names"), [
    ("Công an tỉnh Nghệ An, Đại tá Nguyễn Đức Hải", ["Công an tỉnh Nghệ An"]),
    ("Đồn Biên phòng Nậm Cắn, Thiếu tá Lê Văn Bình", ["Đồn Biên phòng Nậm Cắn"]),
    ("Công an các huyện Duy Xuyên, Đại Lộc và Trung Khánh", ["Công an huyện Duy Xuyên", "Công an huyện Đại Lộc",
                                                          "Công an huyện Trung Khánh"]),
])
def test_a_rank_after_a_member_opens_a_persons_name_not_another_member(extractor, listed, names):
    (run,) = extractor.units.lists(f"Phát biểu tại hội nghị, {listed} cho biết.")
    assert [extractor.units.unit(item, None).name for item in run.items] == names


@pytest.mark.parametrize(("sentence", "units"), [
    ("Ngày 5/3/2024, Cụm thi đua số 6 gồm Hội Nông dân các tỉnh, thành phố: Sóc Trăng, Bạc Liêu và TP. Cần Thơ ký kết "
     "giao ước thi đua năm 2024.",
     [("Hội Nông dân tỉnh Sóc Trăng", "Sóc Trăng"), ("Hội Nông dân tỉnh Bạc Liêu", "Bạc Liêu"),
      ("Hội Nông dân thành phố Cần Thơ", "Cần Thơ")]),
    ("Ngày 8/3/2024, Hội Liên hiệp Phụ nữ tỉnh Cao Bằng ký kết giao ước thi đua năm 2024 với Hội Liên hiệp Phụ nữ "
     "tỉnh Bắc Kạn.", [("Hội Liên hiệp Phụ nữ tỉnh Cao Bằng", "Cao Bằng"), ("Hội Liên hiệp Phụ nữ tỉnh Bắc Kạn", "Bắc Kạn")]),
    ("Ngày 23/01/2026, Cụm thi đua số 4 gồm: Tỉnh đoàn Đắk Lắk (Cụm trưởng), Tỉnh đoàn Gia Lai và Thành đoàn Huế ký kết "
     "giao ước thi đua năm 2026.",
     [("Tỉnh đoàn Đắk Lắk", "Đắk Lắk"), ("Tỉnh đoàn Gia Lai", "Gia Lai"), ("Thành đoàn Huế", "Huế")]),
])
def test_mass_organisations_are_units_of_their_province(extract_text, sentence, units):
    (event,) = extract_text(sentence).events
    assert [(u.name, u.province) for u in event.units] == units
    assert {u.kind for u in event.units} == {"other"}


@pytest.mark.parametrize("members", [
    "1. Công an tỉnh Khánh Hòa (Cụm trưởng);\n2. Công an tỉnh Phú Yên;\n3. Công an tỉnh Ninh Thuận,\n",
    "- Công an tỉnh Khánh Hòa\n- Công an tỉnh Phú Yên\n- Công an tỉnh Ninh Thuận\n",
    # the next numbered line is not a member
    "1. Công an tỉnh Khánh Hòa;\n2. Công an tỉnh Phú Yên;\n3. Công an tỉnh Ninh Thuận;\n4. Quán triệt chỉ thị;\n",
])
def test_members_listed_one_per_line(extract_text, members):
    text = (f"Hôm nay, ngày 09/3/2021, đại diện Công an các tỉnh trong Cụm thi đua số 8 gồm:\n{members}"
            "thống nhất ký kết Bản giao ước thi đua năm 2021.\n2. Quán triệt các chỉ thị của Bộ.\n")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Công an tỉnh Khánh Hòa", "Công an tỉnh Phú Yên", "Công an tỉnh Ninh Thuận"]


def test_a_province_in_brackets_after_a_named_unit_is_its_province(extract_text):
    text = ("Ngày 23/2/2023, Cụm thi đua số 4 gồm 3 đơn vị: Trại giam Suối Tre (Đồng Nai), Trại giam Bàu Cạn (Bình Dương) "
            "và Trại tạm giam Công an tỉnh Tây Ninh ký kết giao ước thi đua năm 2023.")
    (event,) = extract_text(text).events
    assert [(u.name, u.province, u.kind) for u in event.units][:2] == [
        ("Trại giam Suối Tre", "Đồng Nai", "police"), ("Trại giam Bàu Cạn", "Bình Dương", "police")]


def test_a_named_units_number_and_a_province_beside_its_role_are_kept(extract_text):
    text = ("Sáng 21/2/2014, Cụm thi đua số 2 ký kết giao ước năm 2014. Cụm gồm các trại giam Phú Sơn 4 (Thái Nguyên, "
            "Cụm trưởng), Ngọc Lý (Cụm phó, Bắc Giang) và Hồng Ca (Yên Bái).")
    (event,) = extract_text(text).events
    assert [(u.name, u.province) for u in event.units] == [
        ("Trại giam Phú Sơn 4", "Thái Nguyên"), ("Trại giam Ngọc Lý", "Bắc Giang"), ("Trại giam Hồng Ca", "Yên Bái")]
    assert event.host == "Trại giam Phú Sơn 4"


def test_a_commune_named_after_a_former_province_is_in_its_forces_province(extract_text):
    text = ("Ngày 16/1/2026, Khối thi đua số 4 thuộc Công an tỉnh Cà Mau ký kết giao ước thi đua năm 2026. Khối gồm "
            "Công an xã Vĩnh Trạch, Công an phường Giá Rai và Công an phường Bạc Liêu.")
    (event,) = extract_text(text).events
    assert {(u.province, u.province_code) for u in event.units} == {("Cà Mau", "96")}


@pytest.mark.parametrize(("text", "units", "host"), [
    ("Ngày 18/7/2025, Cụm thi đua số 5 gồm Phòng CSGT Công an các tỉnh Đồng Nai, Tây Ninh và Lâm Đồng ký kết giao ước "
     "thi đua năm 2025. Phòng CSGT Công an tỉnh Đồng Nai là đơn vị Cụm trưởng.",
     ["Phòng Cảnh sát giao thông Công an tỉnh Đồng Nai", "Phòng Cảnh sát giao thông Công an tỉnh Tây Ninh",
      "Phòng Cảnh sát giao thông Công an tỉnh Lâm Đồng"], "Phòng Cảnh sát giao thông Công an tỉnh Đồng Nai"),
    ("Ngày 7/3/2024, Cụm thi đua số 2 gồm Phòng Cảnh sát PCCC và CNCH Công an các tỉnh Quảng Ninh và Bắc Ninh ký kết "
     "giao ước thi đua năm 2024.",
     ["Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Quảng Ninh",
      "Phòng Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an tỉnh Bắc Ninh"], None),
])
def test_a_department_written_before_its_forces_is_the_unit(extract_text, text, units, host):
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == units
    assert event.host == host


def test_departments_named_alone_are_departments_of_the_force_organising(extract_text):
    text = ("Ngày 6/3/2018, tại Hội trường Công an tỉnh, Khối thi đua Cảnh sát, Công an tỉnh Bình Phước tổ chức ký kết "
            "giao ước thi đua năm 2018. Khối gồm 3 phòng nghiệp vụ: Phòng Cảnh sát giao thông (Khối trưởng), Phòng Cảnh "
            "sát hình sự và Phòng Cảnh sát kinh tế.")
    (event,) = extract_text(text).events
    assert event.groups == ["Khối thi đua Cảnh sát"]
    assert [(u.name, u.province) for u in event.units] == [
        ("Phòng Cảnh sát giao thông Công an tỉnh Bình Phước", "Bình Phước"),
        ("Phòng Cảnh sát hình sự Công an tỉnh Bình Phước", "Bình Phước"),
        ("Phòng Cảnh sát kinh tế Công an tỉnh Bình Phước", "Bình Phước")]
    assert event.host == "Phòng Cảnh sát giao thông Công an tỉnh Bình Phước"


def test_departments_named_alone_are_of_the_force_of_the_one_province_the_text_names(extract_text):
    """No organizer found ("Khối thi đua số 3 (Khối Cảnh sát) Công an tỉnh …"), but one province named."""
    text = ("Chiều 14/2/2020, tại Hội trường Phòng Cảnh sát giao thông, Khối thi đua số 3 (Khối Cảnh sát) Công an tỉnh "
            "Thừa Thiên Huế tổ chức ký kết giao ước thi đua năm 2020. Khối gồm 2 đơn vị: Phòng Cảnh sát hình sự (PC02, "
            "Khối trưởng) và Phòng Cảnh sát giao thông (PC08).")
    (event,) = extract_text(text).events
    assert [(u.name, u.province_code) for u in event.units] == [
        ("Phòng Cảnh sát hình sự Công an tỉnh Thừa Thiên Huế", "46"),
        ("Phòng Cảnh sát giao thông Công an tỉnh Thừa Thiên Huế", "46")]


def test_the_host_may_be_named_by_its_own_part_of_the_members_name(extract_text):
    """"Trưởng phòng GD&ĐT huyện Yên Châu, Khối trưởng": no unit written out before the role, but a member's place."""
    text = ("Ngày 23/9/2022, Khối thi đua số 2 thuộc Sở Giáo dục và Đào tạo tỉnh Sơn La ký kết giao ước thi đua năm học "
            "2022 - 2023. Khối gồm Phòng Giáo dục và Đào tạo các huyện Mộc Châu, Yên Châu và Vân Hồ.\n\n"
            "Ông Lò Văn Chiến, Trưởng phòng GD&ĐT huyện Yên Châu, Khối trưởng, cho biết khó khăn lớn nhất là duy trì sĩ số.")
    (event,) = extract_text(text).events
    assert [u.province for u in event.units] == ["Sơn La"] * 3
    assert event.host == "Phòng Giáo dục và Đào tạo huyện Yên Châu"


def test_bodies_of_the_provincial_party_committee_take_the_provinces_bare_name(extract_text):
    text = ("Sáng 03/3/2016, Khối thi đua các cơ quan Đảng, đoàn thể tỉnh thuộc Hội đồng Thi đua - Khen thưởng tỉnh Bình "
            "Dương ký kết giao ước thi đua năm 2016. Khối gồm 4 cơ quan: Ban Tổ chức Tỉnh ủy (Khối trưởng), Ban Tuyên "
            "giáo Tỉnh ủy, Ủy ban Kiểm tra Tỉnh ủy và Tỉnh đoàn.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Ban Tổ chức Tỉnh ủy Bình Dương", "Ban Tuyên giáo Tỉnh ủy Bình Dương",
                                             "Ủy ban Kiểm tra Tỉnh ủy Bình Dương", "Tỉnh đoàn Bình Dương"]
    assert {u.province_code for u in event.units} == {"74"}


@pytest.mark.parametrize("planned", [
    "Các đơn vị thống nhất đầu năm 2026 sẽ tổ chức ký kết giao ước thi đua.",
    "Theo kế hoạch, hội nghị ký kết giao ước thi đua năm 2026 của Cụm dự kiến được tổ chức trong tháng 3/2026.",
    # "giao ước thi đua" inside "ký kết giao ước thi đua" is judged with it
    "Chiều 2/3, Công an tỉnh họp triển khai công tác chuẩn bị Hội nghị ký kết giao ước thi đua năm 2026 của Cụm.",
    "Việc bầu Cụm trưởng và ký kết giao ước thi đua sẽ thực hiện khi có hướng dẫn của Ban Thi đua - Khen thưởng.",
])
def test_a_signing_still_to_come_is_no_event(extract_text, planned):
    result = extract_text("Cụm thi đua số 3 tổng kết công tác thi đua năm 2025\n"
                          "Ngày 19/12/2025, Cụm thi đua số 3 tổ chức hội nghị tổng kết. Năm 2025, tỷ lệ xã đạt chuẩn "
                          f"nông thôn mới đạt 81,5%. {planned}")
    assert (result.events, result.targets) == ([], [])


def test_a_bulletin_header_gives_the_year_of_a_date_written_without_one(extract_text):
    text = ("HỘI CHỮ THẬP ĐỎ THÀNH PHỐ ĐÀ NẴNG\nBẢN TIN NHÂN ĐẠO\nSố 01 - Quý I năm 2026\n\n"
            "Ngày 10/3, Cụm thi đua số 3 tổ chức hội nghị ký kết giao ước thi đua.")
    (event,) = extract_text(text).events
    assert (str(event.date), event.period_year) == ("2026-03-10", 2026)


def test_a_city_that_is_a_province_is_not_narrower_than_the_province_after_it(extract_text):
    text = ("Ngày 10/3/2026, Cụm thi đua số 3 ký kết giao ước thi đua. Cụm gồm Hội Chữ thập đỏ tỉnh Quảng Trị, "
            "thành phố Đà Nẵng (Cụm trưởng) và tỉnh Quảng Ngãi.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Hội Chữ thập đỏ tỉnh Quảng Trị", "Hội Chữ thập đỏ thành phố Đà Nẵng",
                                             "Hội Chữ thập đỏ tỉnh Quảng Ngãi"]


def test_bodies_of_the_texts_own_province_are_named_with_it(extract_text):
    text = ("Ngày 23/1/2024, Khối thi đua các đoàn thể tỉnh Quảng Bình tổ chức hội nghị ký kết giao ước thi đua năm "
            "2024. Khối gồm 4 đơn vị: Ủy ban MTTQ Việt Nam tỉnh, Liên đoàn Lao động tỉnh, Tỉnh đoàn và Hội Nông dân tỉnh. "
            "Đại diện Công an tỉnh, Sở Nội vụ dự hội nghị.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == [
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Bình", "Liên đoàn Lao động tỉnh Quảng Bình", "Tỉnh đoàn Quảng Bình",
        "Hội Nông dân tỉnh Quảng Bình"]
    assert {u.province_code for u in event.units} == {"44"}


def test_a_campaign_launch_has_the_launching_force_as_its_unit(extract_text):
    text = ("Sáng 6/1/2027, Công an tỉnh Ninh Bình tổ chức hội nghị tổng kết công tác năm 2026. Năm 2026 là năm đầu "
            "tiên sau khi hợp nhất Công an ba tỉnh Hà Nam, Nam Định, Ninh Bình. Giám đốc Công an tỉnh phát động phong "
            "trào thi đua “Vì an ninh Tổ quốc” năm 2027.")
    (event,) = extract_text(text).events
    assert (event.kind, [u.name for u in event.units]) == ("campaign_launch", ["Công an tỉnh Ninh Bình"])


def test_a_level_abbreviation_written_against_the_name_is_read(extract_text):
    text = ("Ngày 2/3/2016, Cụm thi đua số 2 ký kết giao ước thi đua năm 2016. Cụm gồm 3 đơn vị: LĐLĐ các tỉnh "
            "Hải Dương, Hưng Yên và LĐLĐ TP.Hải Phòng.")
    (event,) = extract_text(text).events
    assert [(u.name, u.province_code) for u in event.units][-1] == ("Liên đoàn Lao động thành phố Hải Phòng", "31")


@pytest.mark.parametrize(("members", "names", "host"), [
    ("Khối gồm Sở Nội vụ (Khối trưởng), Sở Tư pháp, Thanh tra tỉnh, Văn phòng Ủy ban nhân dân (UBND) tỉnh và Sở Kế "
     "hoạch và Đầu tư đã ký kết giao ước.",
     ["Sở Nội vụ tỉnh Sóc Trăng", "Sở Tư pháp tỉnh Sóc Trăng", "Thanh tra tỉnh Sóc Trăng",
      "Văn phòng Ủy ban nhân dân tỉnh Sóc Trăng", "Sở Kế hoạch và Đầu tư tỉnh Sóc Trăng"], "Sở Nội vụ tỉnh Sóc Trăng"),
    ("Khối gồm 3 bệnh viện: Bệnh viện Đa khoa tỉnh (Khối trưởng), Bệnh viện Sản - Nhi và Bệnh viện Mắt.",
     ["Bệnh viện Đa khoa tỉnh Sóc Trăng", "Bệnh viện Sản - Nhi tỉnh Sóc Trăng", "Bệnh viện Mắt tỉnh Sóc Trăng"],
     "Bệnh viện Đa khoa tỉnh Sóc Trăng"),
    # units named by their number; "phòng, chống" inside a name; a role note before the last item is no part of a name
    ("Khối gồm 4 đơn vị: Hải đoàn 11 (Khối trưởng), Hải đội 102, Đội đặc nhiệm phòng, chống tội phạm ma túy số 1 "
     "(Khối phó) và Hải đội 103.",
     ["Hải đoàn 11", "Hải đội 102", "Đội đặc nhiệm phòng, chống tội phạm ma túy số 1", "Hải đội 103"], "Hải đoàn 11"),
    ("Khối gồm: Phòng Công chứng số 1 (Khối trưởng), Phòng Công chứng số 2 và Phòng Công chứng số 3.",  # a colon after the cue
     ["Phòng Công chứng số 1", "Phòng Công chứng số 2", "Phòng Công chứng số 3"], "Phòng Công chứng số 1"),
    # the signers introduced as those taking part; "Tuần tra, kiểm soát" inside a name
    ("Tham gia ký kết có Đội Tuần tra, kiểm soát giao thông số 1 (Khối trưởng), Đội Tuần tra, kiểm soát giao thông số 2 "
     "và Đội Cảnh sát giao thông đường thủy.",
     ["Đội Tuần tra, kiểm soát giao thông số 1", "Đội Tuần tra, kiểm soát giao thông số 2",
      "Đội Cảnh sát giao thông đường thủy"], "Đội Tuần tra, kiểm soát giao thông số 1"),
    # the first item's type and level, left out of the others
    ("Khối gồm 3 bệnh viện tuyến huyện: BVĐK huyện Mỹ Tú (Khối trưởng), Long Phú (đơn vị đăng cai) và Cù Lao Dung.",
     ["Bệnh viện Đa khoa huyện Mỹ Tú", "Bệnh viện Đa khoa huyện Long Phú", "Bệnh viện Đa khoa huyện Cù Lao Dung"],
     "Bệnh viện Đa khoa huyện Mỹ Tú"),
    ("Khối gồm 3 trường: THPT Hoàng Diệu (Khối trưởng), Lê Lợi (Khối phó) và Phan Văn Hùng.",
     ["THPT Hoàng Diệu", "THPT Lê Lợi", "THPT Phan Văn Hùng"], "THPT Hoàng Diệu"),
    ("Khối gồm QTDND Vũ Hội (Khối trưởng), Đông Kinh và Thụy Hà.",  # a type named with the unit's own name
     ["Quỹ tín dụng nhân dân Vũ Hội", "Quỹ tín dụng nhân dân Đông Kinh", "Quỹ tín dụng nhân dân Thụy Hà"],
     "Quỹ tín dụng nhân dân Vũ Hội"),
])
def test_bodies_listed_by_their_own_names_belong_to_the_texts_province(extract_text, members, names, host):
    text = f"Sáng 25/2/2016, Khối thi đua số 2 tỉnh Sóc Trăng tổ chức hội nghị ký kết giao ước thi đua năm 2016. {members}"
    (event,) = extract_text(text).events
    assert ([u.name for u in event.units], event.host) == (names, host)
    assert {u.province_code for u in event.units} == {"94"}


def test_a_described_group_beside_a_numbered_one_is_the_same(extract_text):
    text = ("Ngày 5/3/2013, Khối thi đua các Trung tâm Y tế huyện miền núi tổ chức ký cam kết thi đua năm 2013. Năm "
            "nay, Khối thi đua số 3 có 4 thành viên.")
    (event,) = extract_text(text).events
    assert event.groups == ["Khối thi đua số 3"]


def test_the_place_closing_a_named_list_is_every_members(extract_text):
    text = ("Chiều 25/01/2027, Khối thi đua số 2 thuộc Thuế tỉnh Nghệ An ký kết giao ước thi đua năm 2027. Khối gồm 3 đơn "
            "vị: Thuế cơ sở 5 (Khối trưởng năm 2026), Thuế cơ sở 3 và Thuế cơ sở 7 tỉnh Nghệ An.")
    (event,) = extract_text(text).events
    assert [(u.name, u.province_code) for u in event.units] == [
        (f"Thuế cơ sở {n} tỉnh Nghệ An", "40") for n in (5, 3, 7)]
    assert event.host == "Thuế cơ sở 5 tỉnh Nghệ An"


def test_branches_listed_after_the_first_by_their_provinces_alone(extract_text):
    text = ("Ngày 10/01/2020, Cụm thi đua số 9 khu vực Tây Nguyên ký kết giao ước thi đua năm 2020. Cụm gồm 3 chi nhánh "
            "loại I: Agribank Chi nhánh tỉnh Đắk Lắk (Cụm trưởng năm 2020), Lâm Đồng (Cụm trưởng năm 2019) và Gia Lai.")
    (event,) = extract_text(text).events
    assert [(u.name, u.province_code) for u in event.units] == [
        ("Agribank Chi nhánh tỉnh Đắk Lắk", "66"), ("Agribank Chi nhánh tỉnh Lâm Đồng", "68"),
        ("Agribank Chi nhánh tỉnh Gia Lai", "64")]
    assert event.host == "Agribank Chi nhánh tỉnh Đắk Lắk"


def test_with_no_member_cue_the_longest_list_names_the_members(extract_text):
    text = ("Công an tỉnh Lai Châu cùng Công an tỉnh Sơn La dự hội nghị.\n\n"
            "Sáng 26/2/2026, Công an tỉnh Điện Biên chủ trì hội nghị ký kết giao ước thi đua năm 2026 với Công an "
            "các tỉnh: Lai Châu, Sơn La, Lào Cai, Tuyên Quang.")
    (event,) = extract_text(text).events
    assert [u.province for u in event.units][-4:] == ["Lai Châu", "Sơn La", "Lào Cai", "Tuyên Quang"]


def test_a_generic_type_with_its_abbreviation_before_a_count_lists_its_units(extract_text):
    text = ("Căn cứ Hướng dẫn số 118/HD-BYT về việc tổ chức các Cụm thi đua các Trung tâm Kiểm soát bệnh tật tỉnh, thành phố;\n"
            "Ngày 7/3/2025, Cụm thi đua số 1 ký kết giao ước thi đua năm 2025. Lãnh đạo Trung tâm Kiểm soát bệnh tật "
            "(CDC) 3 tỉnh: Sơn La (Cụm trưởng), Điện Biên và Lai Châu ký giao ước.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Trung tâm Kiểm soát bệnh tật tỉnh Sơn La", "Trung tâm Kiểm soát bệnh tật "
                                             "tỉnh Điện Biên", "Trung tâm Kiểm soát bệnh tật tỉnh Lai Châu"]
    assert event.groups == ["Cụm thi đua số 1"]  # "các Cụm thi đua các …" names a kind of group


def test_a_counted_group_name_is_a_kind_and_its_bracket_lists_the_groups(extract_text):
    text = ("Sáng 15/1/2019, Bộ Công an tổ chức hội nghị. Lãnh đạo các đơn vị Cụm trưởng đã thay mặt 3 Cụm thi đua Công an "
            "các địa phương (Cụm thi đua số 1, 2 và 3) ký kết giao ước thi đua năm 2019.")
    (event,) = extract_text(text).events
    assert event.groups == ["Cụm thi đua số 1", "Cụm thi đua số 2", "Cụm thi đua số 3"]


def test_bodies_named_after_their_province_take_it(extract_text):
    text = ("Ngày 19/10/2018, Cụm thi đua số 7 ký kết giao ước thi đua năm học 2018 - 2019. Cụm gồm 3 trường: Đại học "
            "Đồng Tháp (Cụm trưởng), Đại học Tiền Giang và Đại học Trà Vinh.")
    (event,) = extract_text(text).events
    assert [(u.name, u.province_code) for u in event.units] == [
        ("Đại học Đồng Tháp", "87"), ("Đại học Tiền Giang", "82"), ("Đại học Trà Vinh", "84")]


@pytest.mark.parametrize(("day", "date"), [("19/10", "2018-10-19"), ("17/2", "2019-02-17")])
def test_a_school_years_date_without_a_year_is_in_the_year_of_its_season(extract_text, day, date):
    text = f"Ngày {day}, Cụm thi đua số 7 tổ chức hội nghị ký kết giao ước thi đua năm học 2018 - 2019."
    (event,) = extract_text(text).events
    assert (str(event.date), event.period_year) == (date, 2018)


@pytest.mark.parametrize("prefix", ["", "İstanbul. "])  # "İ" lowers to two characters: the list is still found
def test_a_named_list_is_found_whatever_the_case_of_the_text(extractor, prefix):
    found = extractor.units.named_list(f"{prefix}Khối gồm Sở Nội vụ (Khối trưởng), Sở Tư pháp và Thanh tra tỉnh.")
    assert found is not None and len(found.items) == 3


def test_units_named_by_number_carry_their_kind_along_a_list(extract_text):
    text = ("Sáng 16/2/2023, Khối thi đua các Đội Quản lý thị trường tỉnh Tây Ninh ký kết giao ước thi đua năm 2023. "
            "Khối gồm 4 đơn vị: Đội QLTT số 1 (Khối trưởng), Đội QLTT số 2, số 3 và Đội QLTT cơ động.")
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == ["Đội Quản lý thị trường số 1", "Đội Quản lý thị trường số 2",
                                             "Đội Quản lý thị trường số 3", "Đội Quản lý thị trường cơ động"]
    assert event.host == "Đội Quản lý thị trường số 1"


def test_signing_minutes_list_their_parties(extract_text):
    text = ("BIÊN BẢN\nKÝ KẾT GIAO ƯỚC THI ĐUA NĂM 2021\nKhối thi đua các doanh nghiệp cấp nước, môi trường đô thị\n\n"
            "Hôm nay, ngày 05 tháng 02 năm 2021, tại Đà Lạt, tỉnh Lâm Đồng, chúng tôi gồm:\n"
            "BÊN A: CÔNG TY CỔ PHẦN CẤP THOÁT NƯỚC LÂM ĐỒNG (Khối trưởng)\n- Đại diện: Ông Trần Quang Vinh\n"
            "BÊN B: CÔNG TY TNHH MỘT THÀNH VIÊN CÔNG TRÌNH ĐÔ THỊ BẢO LỘC\n- Đại diện: Bà Hoàng Thị Minh Nguyệt\n\n"
            "Hai bên thống nhất ký kết giao ước thi đua năm 2021.")
    (event,) = extract_text(text).events
    assert event.groups == ["Khối thi đua các doanh nghiệp cấp nước, môi trường đô thị"]
    assert [(u.name, u.kind, u.province) for u in event.units] == [
        ("Công Ty Cổ Phần Cấp Thoát Nước Lâm Đồng", "other", "Lâm Đồng"),
        ("Công Ty TNHH Một Thành Viên Công Trình Đô Thị Bảo Lộc", "other", "Lâm Đồng")]


def test_a_review_that_signs_next_years_pledge_is_a_signing(extract_text):
    text = ("Ngày 20/12/2018, Cụm thi đua số 1 tổ chức hội nghị tổng kết công tác năm 2018 và ký kết giao ước thi đua "
            "năm 2019.")
    (event,) = extract_text(text).events
    assert (event.kind, event.period_year) == ("pledge_signing", 2019)



def test_a_pledge_for_the_new_year_at_a_review_of_the_last_is_for_its_dates_year(extract_text):
    text = ("Khối doanh nghiệp tỉnh ký kết giao ước thi đua\n\nNgày 22/2/2024, Khối thi đua các doanh nghiệp tỉnh tổ chức "
            "hội nghị tổng kết công tác thi đua, khen thưởng năm 2023 và ký kết giao ước thi đua năm mới.")
    (event,) = extract_text(text).events
    assert (str(event.date), event.period_year) == ("2024-02-22", 2024)


@pytest.mark.parametrize(("page", "events"), [("19/07/2019 08:30", 0), ("10/03/2019 08:30", 1)])
def test_a_page_written_months_after_the_signing_it_names_recalls_it(extract_text, page, events):
    text = (f"CÔNG AN TỈNH KON TUM\n{page}\n\nCụm thi đua số 6 kiểm tra chéo tại Công an tỉnh Kon Tum\n\n"
            "Giao ước thi đua năm 2019 được Công an 5 tỉnh Tây Nguyên ký kết ngày 8/3/2019 tại Công an tỉnh Gia Lai, "
            "gồm 10 nhóm chỉ tiêu.")
    assert len(extract_text(text).events) == events


def test_a_dateline_with_no_agency_dates_the_event(extract_text):
    text = ("Cụm thi đua số 2 ký kết giao ước thi đua năm 2026\n\nQUẢNG NINH, 06/3/2026 - Công an 5 địa phương thuộc "
            "Cụm thi đua số 2 đã ký kết giao ước thi đua năm 2026 tại Công an tỉnh Quảng Ninh.")
    assert str(extract_text(text).events[0].date) == "2026-03-06"


@pytest.mark.parametrize("dateline", ["Đà Nẵng, 9/3 (TTXVN) -", "ĐÀ NẴNG, 9/3 -"])
def test_a_wire_storys_dateline_dates_the_event(extract_text, dateline):
    text = ("Cụm thi đua các Sở Du lịch miền Trung ký giao ước năm 2018\n\n09/03/2018 16:22 GMT+7\n\n"
            f"{dateline} Chiều nay, tại trụ sở Sở Du lịch thành phố Đà Nẵng, Cụm thi đua các Sở Du lịch khu "
            "vực miền Trung đã ký kết giao ước thi đua năm 2018.")
    result = extract_text(text)
    assert str(result.document.published) == "2018-03-09"
    assert str(result.events[0].date) == "2018-03-09"


def test_a_ministrys_campaign_launch_asking_for_signings_is_a_launch_by_the_ministry(extract_text):
    text = ("Phát động phong trào thi đua “Vì an ninh Tổ quốc” năm 2017 trong toàn lực lượng Công an nhân dân\n\n"
            "Sáng 6/1/2017, tại Hội trường Bộ Công an, Bộ Công an tổ chức Lễ phát động phong trào thi đua “Vì an ninh Tổ "
            "quốc” năm 2017. Bộ trưởng giao Tổng cục Chính trị hướng dẫn Công an các đơn vị, địa phương tổ chức ký kết "
            "giao ước thi đua trong các Cụm, Khối thi đua trước ngày 15/3/2017. Đại diện Công an thành phố Hà Nội và Công "
            "an tỉnh Nghệ An phát biểu hưởng ứng.")
    (event,) = extract_text(text).events
    assert (event.kind, event.organizer) == ("campaign_launch", "Bộ Công an")
    assert [(u.name, u.kind, u.province) for u in event.units] == [("Bộ Công an", "police", None)]


@pytest.mark.parametrize(("text", "date"), [
    # a signing with no date of its own is not dated after its page
    ("TRỰC TIẾP: Cụm thi đua số 3 ký kết giao ước thi đua năm 2025\n\nThứ Sáu, 21/02/2025 | Cập nhật liên tục\n\n"
     "10h05: Lễ ký kết. Giám đốc Công an 3 tỉnh Lạng Sơn, Cao Bằng và Bắc Kạn ký giao ước thi đua năm 2025.\n"
     "09h40: Lưu ý từ ngày 1/3/2025, các chỉ tiêu phải được phân bổ xuống Công an cấp xã.\n", "2025-02-21"),
    # a report's "Thời gian:" field, not its own date line
    ("CÔNG AN TỈNH ĐỒNG THÁP\nKHỐI THI ĐUA SỐ 4\n\nTháp Mười, ngày 25 tháng 02 năm 2022\n\nBÁO CÁO NHANH\n"
     "Kết quả tổ chức ký kết giao ước thi đua năm 2022\n\n1. Thời gian, địa điểm, thành phần\n"
     "- Thời gian: 08 giờ 00 ngày 24/02/2022.\n- Địa điểm: Hội trường Công an huyện Tháp Mười.\n", "2022-02-24"),
    # an event card's field, the date written bare
    ("THÔNG TIN SỰ KIỆN\nTên sự kiện: Hội nghị ký kết giao ước thi đua năm 2023 Cụm thi đua số 3\n"
     "Bắt đầu: 08:00, Thứ Năm, 02/03/2023\nKết thúc: 11:30, Thứ Năm, 02/03/2023\n", "2023-03-02"),
])
def test_an_event_sentence_without_a_date_takes_the_right_one(extract_text, text, date):
    (event,) = extract_text(text).events
    assert str(event.date) == date


def test_the_host_is_the_leader_of_the_pledges_year_not_the_next_one(extract_text):
    text = ("Cụm thi đua số 3 ký kết giao ước thi đua năm 2025\n\n"
            "11h10: Hội nghị bế mạc. Công an tỉnh Cao Bằng được bầu làm Cụm trưởng năm 2026.\n"
            "08h50: Công an tỉnh Thái Nguyên, Cụm trưởng năm 2024, báo cáo tổng kết.\n"
            "08h30: Khai mạc. Giám đốc Công an tỉnh Lạng Sơn, Cụm trưởng năm 2025, phát biểu. Cụm gồm Công an 3 tỉnh "
            "Lạng Sơn, Cao Bằng và Thái Nguyên.\n")
    (event,) = extract_text(text).events
    assert event.host == "Công an tỉnh Lạng Sơn"


@pytest.mark.parametrize(("text", "units", "groups"), [
    ("Ngày 14/3, Cụm thi đua các Sở Nông nghiệp và Phát triển nông thôn vùng Đồng bằng sông Cửu Long tổ chức hội "
     "nghị ký kết giao ước thi đua năm 2019. Cụm gồm Sở NN&PTNT 3 tỉnh: Đồng Tháp (Cụm trưởng), Long An và Cà Mau.",
     ["Sở Nông nghiệp và Phát triển nông thôn tỉnh Đồng Tháp", "Sở Nông nghiệp và Phát triển nông thôn tỉnh Long An",
      "Sở Nông nghiệp và Phát triển nông thôn tỉnh Cà Mau"],
     ["Cụm thi đua các Sở Nông nghiệp và Phát triển nông thôn vùng Đồng bằng sông Cửu Long"]),
    ("Ngày 18/3, Cụm thi đua số 4 ký kết giao ước thi đua năm 2022. Cụm gồm Trung tâm Công tác xã hội 2 tỉnh: "
     "Đắk Lắk (Cụm trưởng) và Gia Lai.",
     ["Trung tâm Công tác xã hội tỉnh Đắk Lắk", "Trung tâm Công tác xã hội tỉnh Gia Lai"], ["Cụm thi đua số 4"]),
    ("Chiều thứ Bảy vừa qua (16/1), sáu tờ báo gồm Báo Thanh Hóa, Báo Nghệ An và Báo Quảng Trị đã ký kết giao ước "
     "thi đua năm 2021. Báo Quảng Trị làm Cụm trưởng Cụm thi đua các báo Đảng khu vực Bắc Trung Bộ – cụm thi đua "
     "hoạt động theo hướng dẫn của Ban Tuyên giáo Trung ương.",
     ["Báo Thanh Hóa", "Báo Nghệ An", "Báo Quảng Trị"], ["Cụm thi đua các báo Đảng khu vực Bắc Trung Bộ"]),
    ("Sáng 21/2/2020, tại Hội trường Sở Y tế, Khối thi đua các sở, ban, ngành văn hóa - xã hội tỉnh Gia Lai tổ "
     "chức hội nghị ký kết giao ước thi đua năm 2020. Dự hội nghị có lãnh đạo 3 đơn vị thành viên: Sở Y tế (Khối "
     "trưởng), Sở Văn hóa, Thể thao và Du lịch và Ban Dân tộc tỉnh.",
     ["Sở Y tế tỉnh Gia Lai", "Sở Văn hóa, Thể thao và Du lịch tỉnh Gia Lai", "Ban Dân tộc tỉnh Gia Lai"],
     ["Khối thi đua các sở, ban, ngành văn hóa - xã hội"]),
    ("Ngày 9/3/2023, Khối thi đua các cơ quan, đơn vị khu vực thành phố Vinh ký kết giao ước thi đua năm 2023. "
     "Khối gồm Sở Tư pháp và Sở Y tế tỉnh Nghệ An.",
     ["Sở Tư pháp tỉnh Nghệ An", "Sở Y tế tỉnh Nghệ An"], ["Khối thi đua các cơ quan, đơn vị khu vực thành phố Vinh"]),
])
def test_bodies_outside_the_police_and_their_groups(extract_text, text, units, groups):
    """An abbreviated type ("Sở NN&PTNT"), a generic head before a count of provinces, newspapers named by their
    province, members after "thành viên:"; a group's name holds a type's "và", a list of kinds of body ("các sở,
    ban, ngành") and a dash between lower-case words, and ends at a dash opening a clause or at the province it
    belongs to (a town may be part of it)."""
    (event,) = extract_text(text).events
    assert [u.name for u in event.units] == units
    assert event.groups == groups


def test_a_weekday_between_a_date_lead_and_the_date(extract_text):
    text = "Chiều thứ Bảy vừa qua (16/1), Công an tỉnh A ký kết giao ước thi đua năm 2021 với Công an tỉnh B."
    assert extract_text(text).events[0].date.isoformat() == "2021-01-16"


RESOLUTION = ("HỘI ĐỒNG NHÂN DÂN XÃ AN ĐỊNH\nSố: 41/NQ-HĐND\n\nAn Định, ngày 19 tháng 12 năm 2025\n\nNGHỊ QUYẾT\n"
              "Về nhiệm vụ phát triển kinh tế - xã hội năm 2026\n\n"
              "Điều 2. Tỷ lệ hộ nghèo giảm còn dưới 1,6%.\n"
              "Điều 3. Đẩy mạnh các phong trào thi đua yêu nước, {signing} thực hiện thắng lợi Nghị quyết này.\n")


@pytest.mark.parametrize(("signing", "events"), [
    ("tổ chức cho các ấp đăng ký, ký kết giao ước thi đua", 0),  # a task the resolution sets
    ("phối hợp phát động phong trào thi đua lao động sản xuất", 0),  # a launch it asks for
    ("ngay tại kỳ họp, trưởng 6 ấp đã ký kết giao ước thi đua", 1),  # a signing it reports
])
def test_a_resolution_names_an_event_only_when_it_reports_one(extract_text, signing, events):
    assert len(extract_text(RESOLUTION.format(signing=signing)).events) == events
