"""Targets stage: every row of the contract's meaning table, plus wordings beyond the dev set.

Each case is one pledge sentence (placed after a signing headline for 2023) and
the targets expected from it, as (direction, comparator, value, value_max, unit,
indicator_key).  To add a wording: add it to patterns/ and a row here.
"""

from __future__ import annotations

import pytest

MEANING_TABLE = [
    ("Phấn đấu giảm ít nhất 5% số vụ phạm pháp hình sự.", [("decrease", ">=", 5, None, "percent", "crime.cases")]),
    ("Kéo giảm trên 5% số vụ phạm tội về trật tự xã hội.", [("decrease", ">", 5, None, "percent", "crime.cases")]),
    ("Giảm 3 - 5% số vụ phạm pháp hình sự.", [("decrease", "between", 3, 5, "percent", "crime.cases")]),
    ("Giảm từ 3 đến 5% số vụ phạm pháp hình sự.", [("decrease", "between", 3, 5, "percent", "crime.cases")]),
    ("Tăng 10% số vụ phát hiện về ma túy so với năm 2022.", [("increase", ">=", 10, None, "percent", "drugs.cases")]),
    ("Tỷ lệ điều tra, khám phá án đạt trên 90%.", [("reach", ">", 90, None, "percent", "crime.clearance")]),
    ("Tỷ lệ điều tra, khám phá án vượt trên 90%.", [("reach", ">", 90, None, "percent", "crime.clearance")]),
    ("Tỷ lệ điều tra, khám phá án đạt hơn 90%.", [("reach", ">", 90, None, "percent", "crime.clearance")]),
    ("Tỷ lệ điều tra, khám phá án đạt 95% trở lên.", [("reach", ">=", 95, None, "percent", "crime.clearance")]),
    ("Tỷ lệ điều tra, khám phá án từ 95% trở lên.", [("reach", ">=", 95, None, "percent", "crime.clearance")]),
    ("Tỷ lệ điều tra, khám phá án ít nhất 95%.", [("reach", ">=", 95, None, "percent", "crime.clearance")]),
    ("Tỷ lệ điều tra, khám phá án không dưới 95%.", [("reach", ">=", 95, None, "percent", "crime.clearance")]),
    ("Tiếp nhận 100% tố giác, tin báo về tội phạm.", [("reach", ">=", 100, None, "percent", "reports.intake")]),
    ("100% tố giác, tin báo về tội phạm được tiếp nhận.", [("reach", ">=", 100, None, "percent", "reports.intake")]),
    ("Thu hồi tài sản trong các vụ án tham nhũng đạt 60%.",
     [("reach", ">=", 60, None, "percent", "corruption.asset_recovery")]),
    ("Tỷ lệ tái phạm tội không quá 2%.", [("reach", "<=", 2, None, "percent", "recidivism")]),
    ("Tỷ lệ tái phạm tội tối đa 2%.", [("reach", "<=", 2, None, "percent", "recidivism")]),
    ("Tỷ lệ tái phạm tội không vượt quá 2%.", [("reach", "<=", 2, None, "percent", "recidivism")]),
    ("Tỷ lệ tái phạm tội dưới 3%.", [("reach", "<", 3, None, "percent", "recidivism")]),
    ("Thời gian chờ không quá 45 phút.", [("reach", "<=", 45, None, "minute", None)]),
    ("Không để xảy ra oan sai.", [("zero", "=", 0, None, "count", "justice.wrongful")]),
    ("Tuyệt đối không để xảy ra oan sai.", [("zero", "=", 0, None, "count", "justice.wrongful")]),
    ("Bảo đảm không xảy ra cháy, nổ lớn.", [("zero", "=", 0, None, "count", "fire.incidents")]),
    ("Bắt ít nhất 50 đối tượng truy nã.", [("reach", ">=", 50, None, "count", "wanted.arrests")]),
    ("Giảm tỷ lệ tái phạm tội.", [("decrease", ">=", None, None, "percent", "recidivism")]),
]

BEYOND_DEV = [
    # a growth noun right before the figure: the growth of what it ends
    ("Dư nợ cho vay tăng trưởng 10 - 12%.", [("increase", "between", 10, 12, "percent", None)]),
    ("Thời gian kiểm soát thủ tục cho mỗi hành khách không quá 45 giây.", [("reach", "<=", 45, None, "second", None)]),
    ("Tổng hành trình tuần tra đạt trên 25.000 hải lý.", [("reach", ">", 25_000, None, "nautical_mile", None)]),
    # numbers written in words, as radio scripts and speeches give them ("năm" alone may be "year")
    ("Kéo giảm ít nhất mười phần trăm số vụ tai nạn giao thông.", [("decrease", ">=", 10, None, "percent", "traffic.accidents")]),
    ("Phấn đấu trên chín mươi lăm phần trăm hồ sơ được giải quyết đúng hạn.", [("reach", ">", 95, None, "percent", "admin.on_time")]),
    ("Một trăm phần trăm khu dân cư được kiểm tra.", [("reach", ">=", 100, None, "percent", None)]),
    ("Vận động ít nhất hai trăm triệu đồng.", [("reach", ">=", 200_000_000, None, "vnd", None)]),
    ("Giảm từ năm đến bảy phần trăm số vụ cháy.", [("decrease", "between", 5, 7, "percent", "fire.incidents")]),
    ("Mỗi xã xây dựng ít nhất một mô hình tự quản.", [("reach", ">=", 1, None, "count", None)]),
    ("Số vụ phát hiện về ma túy tăng gấp đôi so với năm 2022.", [("increase", ">=", 2, None, "times", "drugs.cases")]),
    ("Tăng gấp ba lần số mô hình tự quản.", [("increase", ">=", 3, None, "times", None)]),
    ("Phấn đấu ít nhất một nửa số chi hội có câu lạc bộ dưỡng sinh.", [("reach", ">=", 50, None, "percent", None)]),
    # a comparator before a number that ends its clause counts what the words before it name
    ("Thuê bao băng rộng cố định phát triển mới ít nhất 14.000.", [("reach", ">=", 14_000, None, "count", None)]),
    ("Cập nhật biến động cho ít nhất 1,5 triệu thửa đất.", [("reach", ">=", 1_500_000, None, "count", None)]),
    ("Số vụ lừa đảo chiếm đoạt tài sản thấp hơn năm 2022 ít nhất 10%.", [("decrease", ">=", 10, None, "percent", "crime.cases")]),
    # a zero trigger over a rate and its figure caps the rate; over anything else the figure qualifies the thing
    ("Phấn đấu không để tỷ lệ tái phạm tội vượt quá 2%.", [("reach", "<=", 2, None, "percent", "recidivism")]),
    ("Không để tỷ lệ hộ tái nghèo trên 1%.", [("reach", "<=", 1, None, "percent", None)]),
    ("Không để xảy ra ùn tắc giao thông kéo dài trên 4 giờ.", [("zero", "=", 0, None, "count", None)]),
    # results a pledge is measured against do not make its sentence a report
    ("Giao ước phải cao hơn kết quả đã đạt được, bởi vậy các đơn vị cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự.",
     [("decrease", ">=", 5, None, "percent", "crime.cases")]),
    ("Kết quả, các đơn vị đã kéo giảm 5% số vụ phạm pháp hình sự.", []),
    # a programme's times of day are no durations ("2 giờ 30 phút" is one)
    ("- 07 giờ 30 - 08 giờ 00: Đón tiếp đại biểu.", []),
    ("Thời gian có mặt tại hiện trường không quá 2 giờ 30 phút.", [("reach", "<=", 2, None, "hour", None)]),
    ("Từ năm nay, giảm 5% số vụ cháy.", [("decrease", ">=", 5, None, "percent", "fire.incidents")]),
    ("Hai mươi năm qua, các đơn vị luôn đoàn kết.", []),
    # police sites' abbreviations; a label with a note before its colon; a label naming what is not to happen
    ("Tỷ lệ ĐTKP án RNT, ĐBNT đạt trên 95%.", [("reach", ">", 95, None, "percent", "crime.clearance.serious")]),
    ("- Bắt, vận động đầu thú đối tượng truy nã (mỗi đơn vị): không dưới 150 đối tượng.",
     [("reach", ">=", 150, None, "count", "wanted.arrests")]),
    ("- Oan, sai; bỏ lọt tội phạm: không để xảy ra.",
     [("zero", "=", 0, None, "count", "justice.wrongful"), ("zero", "=", 0, None, "count", "justice.missed")]),
    # a label naming what the actions after its colon act on
    ("– Tố giác, tin báo về tội phạm: tiếp nhận 100%.", [("reach", ">=", 100, None, "percent", "reports.intake")]),
    ("– Hồ sơ thủ tục hành chính về cư trú: nộp trực tuyến trên 95%; giải quyết đúng hạn 100%.",
     [("reach", ">", 95, None, "percent", "admin.on_time"), ("reach", ">=", 100, None, "percent", "admin.on_time")]),
    ("– Điểm, tụ điểm phức tạp về ma túy: không để phát sinh.", [("zero", "=", 0, None, "count", "drugs.cases")]),
    ("2. Điều tra, khám phá án: tỷ lệ chung đạt trên 80%.", [("reach", ">", 80, None, "percent", "crime.clearance")]),
    # a multiple of the baseline; a fraction of a whole is a share (a date is neither)
    ("Số vận động viên đạt đẳng cấp kiện tướng tăng gấp 2 lần so với năm 2022.", [("increase", ">=", 2, None, "times", None)]),
    ("Số doanh nghiệp thành lập mới đạt gấp 1,5 lần năm 2022.", [("increase", ">=", 1.5, None, "times", None)]),
    ("Phấn đấu 4/5 số ấp, khóm đạt danh hiệu ấp, khóm văn hóa.", [("reach", ">=", 80, None, "percent", None)]),
    ("Bảo đảm ít nhất 3/4 diện tích được tưới chủ động.", [("reach", ">=", 75, None, "percent", None)]),
    ("Ngày 4/5, các đơn vị giảm 5% số vụ cháy.", [("decrease", ">=", 5, None, "percent", "fire.incidents")]),
    # full-width signs and digit groups split by a no-break space read as written the usual way
    ("Tỷ lệ điều tra, khám phá án hình sự > 80％.", [("reach", ">", 80, None, "percent", "crime.clearance")]),
    ("Toàn Cụm bắt, vận động đầu thú ≥ 1\u00a0500 đối tượng truy nã.", [("reach", ">=", 1500, None, "count", "wanted.arrests")]),
    ("Bắt ít nhất 1\u202f200 đối tượng truy nã.", [("reach", ">=", 1200, None, "count", "wanted.arrests")]),
    # decimal comma, baseline before the figure, money in đồng
    ("Số người chết do TNGT giảm 7,5% so với năm 2022.", [("decrease", ">=", 7.5, None, "percent", "traffic.deaths")]),
    ("Số thu ngân sách cao hơn năm 2022 ít nhất 10%.", [("increase", ">=", 10, None, "percent", None)]),
    ("Thu nộp ngân sách ít nhất 2.500 tỷ đồng.", [("reach", ">=", 2_500_000_000_000, None, "vnd", None)]),
    ("Bảo đảm thời gian giải quyết hồ sơ không quá 3 ngày làm việc.", [("reach", "<=", 3, None, "day", None)]),
    # a shared verb: both figures decrease, both floors
    ("Giảm ít nhất 5% số vụ TNGT và 5% số người chết.",
     [("decrease", ">=", 5, None, "percent", "traffic.accidents"), ("decrease", ">=", 5, None, "percent", "traffic.deaths")]),
    # three criteria, listed or not
    ("Kéo giảm TNGT trên cả 3 tiêu chí từ 5% trở lên.",
     [("decrease", ">=", 5, None, "percent", "traffic.accidents"), ("decrease", ">=", 5, None, "percent", "traffic.deaths"),
      ("decrease", ">=", 5, None, "percent", "traffic.injuries")]),
    # … named after "cả về"
    ("Tai nạn giao thông giảm 5% cả về số vụ, số người chết và số người bị thương.",
     [("decrease", ">=", 5, None, "percent", "traffic.accidents"), ("decrease", ">=", 5, None, "percent", "traffic.deaths"),
      ("decrease", ">=", 5, None, "percent", "traffic.injuries")]),
    # … or named in the indicator itself
    ("Giảm 10 - 15% số vụ, số người chết và số người bị thương do TNGT so với năm 2022.",
     [("decrease", "between", 10, 15, "percent", "traffic.accidents"), ("decrease", "between", 10, 15, "percent", "traffic.deaths"),
      ("decrease", "between", 10, 15, "percent", "traffic.injuries")]),
    ("Kéo giảm 5% số người chết và bị thương do tai nạn giao thông.",
     [("decrease", ">=", 5, None, "percent", "traffic.deaths"), ("decrease", ">=", 5, None, "percent", "traffic.injuries")]),
    # level markers turn a decrease into a level to reach
    ("Tỷ lệ hộ nghèo giảm xuống dưới 3%.", [("reach", "<", 3, None, "percent", None)]),
    ("Nâng tỷ lệ khám phá án xâm phạm sở hữu lên trên 70%.", [("reach", ">", 70, None, "percent", "crime.clearance")]),
    # other sectors
    ("Tỷ lệ học sinh tốt nghiệp trung học phổ thông đạt 98% trở lên.", [("reach", ">=", 98, None, "percent", None)]),
    ("Giải ngân 100% vốn đầu tư công được giao.", [("reach", ">=", 100, None, "percent", None)]),
    ("Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%.", [("reach", ">=", 100, None, "percent", "admin.on_time")]),
    ("Giải quyết dứt điểm 95% trở lên số đơn thư khiếu nại, tố cáo.", [("reach", ">=", 95, None, "percent", None)]),
    # two zero things; one thing named by a list
    ("Không để xảy ra oan, sai và bỏ lọt tội phạm.",
     [("zero", "=", 0, None, "count", "justice.wrongful"), ("zero", "=", 0, None, "count", "justice.missed")]),
    ("Không để hình thành băng, ổ, nhóm tội phạm.", [("zero", "=", 0, None, "count", None)]),
    ("Không để xảy ra tụ tập đông người, khiếu kiện vượt cấp.",
     [("zero", "=", 0, None, "count", None), ("zero", "=", 0, None, "count", None)]),
    ("Không để xảy ra tình trạng tảo hôn, hôn nhân cận huyết thống.",
     [("zero", "=", 0, None, "count", None), ("zero", "=", 0, None, "count", None)]),
    # outside the taxonomy, a thing word after a piece of two words or more opens a new thing
    ("Không để xảy ra bạo lực học đường, mất an toàn vệ sinh thực phẩm.",
     [("zero", "=", 0, None, "count", None), ("zero", "=", 0, None, "count", None)]),
    ("Không để xảy ra mất an toàn kho quỹ, sự cố an ninh mạng.",
     [("zero", "=", 0, None, "count", None), ("zero", "=", 0, None, "count", None)]),
    ("Không để phát sinh khiếu kiện đông người, vượt cấp.", [("zero", "=", 0, None, "count", None)]),
    ("Không để xảy ra tình trạng lạm dụng, trục lợi quỹ bảo hiểm y tế.", [("zero", "=", 0, None, "count", None)]),
    ("Không để xảy ra nổ, cháy trong kho.", [("zero", "=", 0, None, "count", "fire.incidents")]),
    # a figure inside the thing qualifies it; after a delimiter it is a target of its own
    ("Không để xảy ra ùn tắc giao thông kéo dài trên 4 giờ trên Quốc lộ 1.", [("zero", "=", 0, None, "count", None)]),
    ("Không để xảy ra cháy lớn, bắt ít nhất 10 đối tượng truy nã.",
     [("zero", "=", 0, None, "count", "fire.incidents"), ("reach", ">=", 10, None, "count", "wanted.arrests")]),
    # "trên cả 3 tiêu chí" is not a comparator; "trở lên" after "nghiêm trọng" belongs to the indicator
    ("Giảm ít nhất 10% số vụ án nghiêm trọng trở lên.", [("decrease", ">=", 10, None, "percent", None)]),
    # figure first with "trở lên"; "vì" for "do"; counts with ranges and floors; money with a sibling increase
    ("95% trở lên hồ sơ được giải quyết trước hạn.", [("reach", ">=", 95, None, "percent", "admin.on_time")]),
    ("Kéo giảm 10% số người chết vì TNGT.", [("decrease", ">=", 10, None, "percent", "traffic.deaths")]),
    ("Bắt từ 10 đến 15 đối tượng truy nã.", [("reach", "between", 10, 15, "count", "wanted.arrests")]),
    ("Mỗi đơn vị xây dựng ít nhất 01 mô hình tự quản về an ninh, trật tự.", [("reach", ">=", 1, None, "count", None)]),
    ("Thu ngân sách nhà nước đạt trên 12.000 tỷ đồng, tăng 10% so với năm 2022.",
     [("reach", ">", 12_000_000_000_000, None, "vnd", None), ("increase", ">=", 10, None, "percent", None)]),
    # a growth rate is not an increase ("tăng" opens the compound "tăng trưởng"); a score floor is no count
    ("Tăng trưởng tín dụng từ 12 đến 14%.", [("reach", "between", 12, 14, "percent", None)]),
    # … but growth since a named time is an increase
    ("Tăng trưởng tín dụng từ 12 đến 14% so với cuối năm 2022.", [("increase", "between", 12, 14, "percent", None)]),
    ("Tỷ lệ học sinh có điểm trung bình từ 6,5 trở lên đạt 90%.", [("reach", ">=", 90, None, "percent", None)]),
    # an age is not a count; a satisfaction rate is not an on-time rate
    ("Tỷ lệ trẻ em dưới 5 tuổi bị suy dinh dưỡng dưới 20%.", [("reach", "<", 20, None, "percent", None)]),
    ("Tỷ lệ người dân hài lòng với dịch vụ công đạt trên 90%.", [("reach", ">", 90, None, "percent", None)]),
    # a share of something named after the figure: that something gives the key
    ("Bắt, vận động đầu thú đạt ít nhất 30% số đối tượng truy nã hiện có.",
     [("reach", ">=", 30, None, "percent", "wanted.arrests")]),
    # an elided object after a manner word ("giải quyết đúng hạn") is borrowed from the neighbour
    ("Giải quyết 100% tin báo, tố giác về tội phạm, trong đó tỷ lệ giải quyết đúng hạn đạt trên 95%.",
     [("reach", ">=", 100, None, "percent", "reports.resolution"), ("reach", ">", 95, None, "percent", "reports.resolution")]),
    # a time limit measures speed, not the thing it names; a procedural "điều tra bổ sung" is no clearance rate
    ("Thời gian có mặt tại hiện trường các vụ cháy không quá 15 phút.", [("reach", "<=", 15, None, "minute", None)]),
    ("Tỷ lệ án trả hồ sơ để điều tra bổ sung dưới 3%.", [("reach", "<", 3, None, "percent", None)]),
    # a survey's questionnaires, the investigating agency: "điều tra" that clears no crime
    ("Tỷ lệ phiếu điều tra có sai sót phải thu thập lại không quá 2%.", [("reach", "<=", 2, None, "percent", None)]),
    ("100% vụ việc có dấu hiệu tội phạm được chuyển cơ quan điều tra đúng thời hạn.",
     [("reach", ">=", 100, None, "percent", None)]),
    # a change in points of a rate is not a change in per cent
    ("Tỷ lệ hộ nghèo giảm 1,5 điểm phần trăm.", [("decrease", ">=", 1.5, None, "percentage_point", None)]),
    # "điểm" after a decimal is a score point; after a whole number it counts places
    ("Điểm trung bình các môn thi tốt nghiệp tăng 0,2 điểm.", [("increase", ">=", 0.2, None, "point", None)]),
    ("Triệt xóa ít nhất 5 điểm bán lẻ ma túy.", [("reach", ">=", 5, None, "count", "drugs.cases")]),
    ("Trồng mới ít nhất 180 ha rừng.", [("reach", ">=", 180, None, "hectare", None)]),
    # comparators written as symbols
    ("Mức độ hài lòng của người dân ≥ 90%.", [("reach", ">=", 90, None, "percent", None)]),
    ("Tỷ lệ tái phạm tội ≤ 2 %.", [("reach", "<=", 2, None, "percent", "recidivism")]),
    ("Tỷ lệ án quá hạn < 1%.", [("reach", "<", 1, None, "percent", None)]),
    ("Giá bán điện bình quân đạt tối thiểu 1.120 đồng/kWh.", [("reach", ">=", 1120, None, "vnd/kWh", None)]),
    ("Tỷ suất sinh thô giảm từ 0,5‰ trở lên.", [("decrease", ">=", 0.5, None, "permille", None)]),
    ("Thu hút ít nhất 6,5 tỷ USD vốn đầu tư trực tiếp nước ngoài.", [("reach", ">=", 6_500_000_000, None, "usd", None)]),
    ("Kết nạp mới 5.000 hội viên.", [("reach", ">=", 5000, None, "count", None)]),
    ("Tốc độ tăng trưởng kinh tế đạt từ 7% trở lên.", [("increase", ">=", 7, None, "percent", None)]),  # a growth rate
    # exceeding a plan by a share is a rise over it; exceeding a level only reaches it
    ("Thu ngân sách trên địa bàn vượt ít nhất 10% dự toán tỉnh giao.", [("increase", ">=", 10, None, "percent", None)]),
    ("Thu ngân sách vượt dự toán ít nhất 5%.", [("increase", ">=", 5, None, "percent", None)]),
    # a figure of another unit listed after a ceiling does not share it
    ("Thời gian cấp giấy chứng nhận không quá 03 ngày làm việc, 100% hồ sơ được giải quyết đúng hạn.",
     [("reach", "<=", 3, None, "day", None), ("reach", ">=", 100, None, "percent", "admin.on_time")]),
    # a star rating is no count
    ("Có thêm ít nhất 20 sản phẩm đạt chuẩn OCOP từ 3 sao trở lên.", [("reach", ">=", 20, None, "count", None)]),
    # a summary in English restates the pledge
    ("English summary: the five authorities aim to raise the export value of zone-based firms by 10-12% over 2026.", []),
    # how the pledge is scored
    ("Chấm theo thang điểm 100; mỗi chỉ tiêu không đạt bị trừ từ 2 đến 5 điểm.", []),
    # who attended is no target
    ("Hội nghị diễn ra với sự chứng kiến của lãnh đạo tỉnh và hơn 200 đoàn viên, người lao động.", []),
    # a verb acting on the figure governs it, not a change named earlier in the sentence
    ("Ngoài mục tiêu kéo giảm tai nạn giao thông, các đội xử lý không dưới 30.000 trường hợp vi phạm.",
     [("reach", ">=", 30000, None, "count", None)]),
    ("Kéo giảm số vụ phạm tội được phát hiện 5%.", [("decrease", ">=", 5, None, "percent", None)]),
    # the pledge verb before a colon is a lead-in, not the label of what is measured
    ("Các đơn vị thống nhất giao ước: tiếp nhận 100% tin báo, giải quyết tin báo đạt tỷ lệ trên 85%.",
     [("reach", ">=", 100, None, "percent", "reports.intake"), ("reach", ">", 85, None, "percent", "reports.resolution")]),
]


@pytest.mark.parametrize(("sentence", "indicator"), [
    ("Dư nợ cho vay tăng trưởng 10 - 12%.", "dư nợ cho vay"),
    ("Phấn đấu đến hết năm 2023, tỷ lệ điều tra khám phá án đạt từ 80% trở lên.", "tỷ lệ điều tra khám phá án"),
    ("Tỷ lệ hộ nghèo giảm bình quân 4% trở lên.", "tỷ lệ hộ nghèo"),
    ("Số thu ngân sách cao hơn năm 2022 ít nhất 10%.", "số thu ngân sách"),
    ("Phấn đấu năm 2023 giảm 5% số vụ cháy, nổ.", "số vụ cháy, nổ"),
    ("Chỉ tiêu: giảm 5% số vụ phạm tội; tỷ lệ điều tra đạt 85%.", "tỷ lệ điều tra"),
    ("Giải quyết dứt điểm 95% trở lên số đơn thư khiếu nại, tố cáo.", "giải quyết dứt điểm số đơn thư khiếu nại, tố cáo"),
    # a list of "label: figure" lines names the indicator in the label
    ("- Tỷ lệ điều tra khám phá án hình sự: trên 82%.", "tỷ lệ điều tra khám phá án hình sự"),
    ("- Số vụ phạm pháp hình sự: giảm 5% so với năm 2022.", "số vụ phạm pháp hình sự"),
    ("Cấp căn cước công dân: 100% công dân đủ điều kiện.", "công dân đủ điều kiện"),
    ("Không để xảy ra bạo lực học đường, mất an toàn vệ sinh thực phẩm.", "mất an toàn vệ sinh thực phẩm"),
    ("Không để xảy ra ùn tắc giao thông kéo dài trên 4 giờ trên Quốc lộ 1.", "ùn tắc giao thông kéo dài trên 4 giờ trên Quốc lộ 1"),
    # a quoted term belongs to the thing; a quotation's closing mark ends it
    ("Không để hình thành băng, ổ, nhóm hoạt động theo kiểu “xã hội đen” trên địa bàn.",
     "hình thành băng, ổ, nhóm hoạt động theo kiểu “xã hội đen” trên địa bàn"),
    ("Không để phát sinh băng nhóm “tín dụng đen”.", "phát sinh băng nhóm “tín dụng đen”"),
    ("“Phải kiên quyết không để hình thành tụ điểm ma túy trên địa bàn”, đại diện Ban Giám đốc nhấn mạnh.",
     "hình thành tụ điểm ma túy trên địa bàn"),
    # a list item's own marker is not part of its indicator
    ("Các đơn vị phấn đấu: (1) giảm 5% số vụ cháy; (2) tỷ lệ điều tra khám phá án đạt trên 80%.", "tỷ lệ điều tra khám phá án"),
    ("Các đơn vị phấn đấu: a) giảm 5% số vụ cháy; b) tỷ lệ điều tra khám phá án đạt trên 80%.", "tỷ lệ điều tra khám phá án"),
    ("2) Tỷ lệ bắt đối tượng truy nã đạt 50%.", "tỷ lệ bắt đối tượng truy nã"),
    # the year or topic a sentence is set in is not what it measures; a comma may be the rate's own
    ("Năm 2023, tỷ lệ điều tra khám phá án đạt trên 90%.", "tỷ lệ điều tra khám phá án"),
    ("Trong năm 2023 tỷ lệ điều tra, khám phá án đạt trên 90%.", "tỷ lệ điều tra, khám phá án"),
    ("Đối với công tác điều tra, tỷ lệ khám phá án đạt trên 90%.", "tỷ lệ khám phá án"),
    ("Đối với tỷ lệ điều tra khám phá án, phấn đấu đạt trên 90%.", "tỷ lệ điều tra khám phá án"),
    ("Công an tỉnh phấn đấu đạt trên 90%.", ""),
    ("Theo nội dung giao ước, tỷ lệ hài lòng của người bệnh nội trú đạt trên 95%.",
     "tỷ lệ hài lòng của người bệnh nội trú"),
    # a lead-in that opens a longer linking verb is part of it
    ("Công suất sử dụng giường bệnh duy trì ở mức 85 - 95%.", "công suất sử dụng giường bệnh"),
    # "trở lên" closing a left indicator is kept whole ("lên" alone would be a level marker)
    ("Tỷ lệ điều tra khám phá án đạt trên 80%, trong đó án nghiêm trọng trở lên đạt trên 95%.",
     "tỷ lệ điều tra khám phá án nghiêm trọng trở lên"),
    ("Tăng trưởng tín dụng từ 12 đến 14%.", "tăng trưởng tín dụng"),
    # a direction verb after a comma starts the next commitment; a deadline is not part of the noun phrase
    ("Kết nạp mới ít nhất 7.000 hội viên, nâng chất lượng sinh hoạt chi, tổ hội.", "kết nạp mới hội viên"),
    ("Kiểm tra 100% cơ sở kinh doanh có điều kiện, phối hợp với lực lượng Cảnh sát giao thông kéo giảm tai nạn "
     "giao thông trên cả ba tiêu chí.", "kiểm tra cơ sở kinh doanh có điều kiện"),
    ("Không để băng nhóm lộng hành và gia tăng.", "băng nhóm lộng hành và gia tăng"),
    ("Triển khai bệnh án điện tử tại 100% khoa lâm sàng trước ngày 30/9/2023.",
     "triển khai bệnh án điện tử tại khoa lâm sàng"),
    # lead-in words after the measure word belong to the indicator, unless they pledge
    ("Tỷ lệ cơ sở Đoàn hoàn thành tốt nhiệm vụ trở lên không dưới 75%.", "tỷ lệ cơ sở Đoàn hoàn thành tốt nhiệm vụ trở lên"),
    ("Tỷ lệ bao phủ bảo hiểm y tế toàn Cụm đạt trên 95%.", "tỷ lệ bao phủ bảo hiểm y tế toàn Cụm"),
    ("Tỷ lệ điều tra khám phá án, phấn đấu đạt trên 90%.", "tỷ lệ điều tra khám phá án"),
    ("Số vụ phạm pháp hình sự, các đơn vị phấn đấu kéo giảm 5%.", "số vụ phạm pháp hình sự"),
    # … or open the figure after a comma; a time is measured too
    ("Các chi nhánh cam kết rút ngắn thời gian giải ngân, bảo đảm không quá 5 ngày làm việc.", "thời gian giải ngân"),
    # a note in brackets after the noun phrase is not part of it
    ("Kéo giảm 5% số vụ phạm pháp hình sự (tương đương 20 vụ) so với năm 2022.", "số vụ phạm pháp hình sự"),
    ("Tiếp nhận 100% tin báo về tội phạm (kể cả tin báo qua mạng).", "tiếp nhận tin báo về tội phạm"),
    ("- Tỷ lệ hộ nghèo (theo chuẩn nghèo đa chiều): giảm 1,5%.", "tỷ lệ hộ nghèo"),
    ("- Thời gian mất điện trung bình (SAIDI): không quá 300 phút.", "thời gian mất điện trung bình (SAIDI)"),
    # a bare count counts what is named before it, a subject's own words kept ("toàn Cụm"), unless a verb acts on it
    ("Các trường phấn đấu tuyển sinh toàn Cụm đạt ít nhất 9.500 lượt người.", "tuyển sinh toàn Cụm"),
    ("Phấn đấu tuyển sinh toàn Cụm đạt trên 95%.", "tuyển sinh toàn Cụm"),
    ("Các đơn vị phấn đấu bắt ít nhất 40 đối tượng.", "bắt đối tượng"),
    ("Hỗ trợ ít nhất 150 doanh nghiệp, hợp tác xã đưa sản phẩm lên sàn thương mại điện tử.",
     "doanh nghiệp, hợp tác xã đưa sản phẩm lên sàn thương mại điện tử"),
])
def test_indicator_boundaries(pledge_targets, sentence, indicator):
    assert pledge_targets(sentence)[-1].indicator == indicator


@pytest.mark.parametrize("sentence", ["Hội nghị bắt đầu lúc 8:30, các đơn vị phấn đấu giảm 5% số vụ cháy.",
                                      "Ngày 12/01/2023 lúc 14:05, các đơn vị phấn đấu giảm 5% số vụ cháy."])
def test_a_clock_time_is_not_a_figure(pledge_targets, sentence):
    assert [(t.value, t.indicator) for t in pledge_targets(sentence)] == [(5, "số vụ cháy")]


@pytest.mark.parametrize("sentence", [
    "Các đơn vị thống nhất phấn đấu thực hiện 10 nhóm chỉ tiêu; kéo giảm 5% số vụ phạm tội.",
    "Cụm ký giao ước với 8 nội dung, trong đó kéo giảm 5% số vụ phạm tội.",
])
def test_a_count_of_the_pledges_targets_is_no_target(pledge_targets, sentence):
    assert [(t.value, t.unit) for t in pledge_targets(sentence)] == [(5, "percent")]


def _shape(t):
    return (t.direction, t.comparator, t.value, t.value_max, t.unit, t.indicator_key)


@pytest.mark.parametrize(("sentence", "expected"), MEANING_TABLE + BEYOND_DEV, ids=lambda v: v if isinstance(v, str) else "")
def test_phrase_table(pledge_targets, sentence, expected):
    assert [_shape(t) for t in pledge_targets(sentence)] == expected


@pytest.mark.parametrize(("sentence", "baseline_year"), [
    ("Phấn đấu giảm 5% số vụ cháy so với năm 2021.", 2021),
    ("Số vụ cháy so với năm 2022 giảm ít nhất 5%.", 2022),  # the comparison before the figure
    ("Số vụ cháy thấp hơn năm 2021 ít nhất 5%.", 2021),
    ("Giảm 5% số vụ cháy so với năm trước.", 2022),
    ("Giảm 5% số vụ cháy so với năm liền kề.", 2022),
    ("Điểm trung bình tăng 0,2 điểm so với năm học trước.", 2022),
    ("Giảm 5% số vụ cháy so với cùng kỳ năm trước.", 2022),
    ("Nợ thuế giảm ít nhất 20% so với thời điểm 31/12/2021.", 2021),  # the state at a date
    ("Giảm 5% số vụ cháy.", None),
])
def test_baseline_year(pledge_targets, sentence, baseline_year):
    (target,) = pledge_targets(sentence)
    assert target.baseline_year == baseline_year


def test_baseline_not_a_year_keeps_its_phrase(pledge_targets):
    (target,) = pledge_targets("Tổng thu ngân sách đạt 105% so với dự toán.")
    assert (target.baseline_year, target.baseline) == (None, "so với dự toán")


@pytest.mark.parametrize("sentence", [
    "Kéo giảm ít nhất 5% số vụ phạm tội về TTXH, 10% số vụ cháy so với năm 2022.",
    # figures after their indicators: the second goes on with the first one's verb
    "Kéo giảm số vụ phạm tội về TTXH từ 5% trở lên, số vụ cháy từ 10% trở lên so với năm 2022.",
])
def test_shared_verb_and_baseline_apply_to_each_listed_figure(pledge_targets, sentence):
    assert [(t.direction, t.value, t.indicator_key, t.baseline_year) for t in pledge_targets(sentence)] == [
        ("decrease", 5, "crime.cases", 2022), ("decrease", 10, "fire.incidents", 2022)]


def test_a_listed_figure_with_its_own_verb_keeps_it(pledge_targets):
    targets = pledge_targets("Kéo giảm số vụ phạm pháp hình sự từ 5% trở lên, tỷ lệ điều tra khám phá đạt trên 80%.")
    assert [(t.direction, t.baseline_year) for t in targets] == [("decrease", None), ("reach", None)]


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ điều tra, khám phá án đạt trên 80%, trong đó trọng án đạt 95%.",
    "Tỷ lệ điều tra, khám phá án đạt trên 80%, riêng trọng án đạt 95%.",
    "Tỷ lệ điều tra, khám phá án đạt trên 80% (trong đó trọng án đạt 95%).",
    "Tỷ lệ điều tra, khám phá án đạt trên 80% (trong đó án rất nghiêm trọng, đặc biệt nghiêm trọng đạt 95%).",
])
def test_sub_target_points_at_its_parent(pledge_targets, sentence):
    general, serious = pledge_targets(sentence)
    assert serious.parent_id == general.id and general.parent_id is None
    assert serious.indicator_key == "crime.clearance.serious"
    assert serious.indicator.startswith("tỷ lệ điều tra, khám phá")


@pytest.mark.parametrize("sentence", [
    "Kéo giảm 5% số vụ phạm pháp hình sự (tương đương 20 vụ) so với năm 2022.",
    "Kéo giảm 5% số vụ phạm pháp hình sự, tương ứng với 20 vụ, so với năm 2022.",
])
def test_a_figure_restating_another_is_not_a_second_target(pledge_targets, sentence):
    assert [(_shape(t), t.baseline_year) for t in pledge_targets(sentence)] == [
        (("decrease", ">=", 5, None, "percent", "crime.cases"), 2022)]


@pytest.mark.parametrize("sentence", [
    "Kéo giảm ít nhất 4% số vụ phạm pháp hình sự so với năm 2022, trong đó tội phạm trộm cắp tài sản giảm 6%.",
    "Kéo giảm ít nhất 4% số vụ phạm pháp hình sự so với năm 2022. Trong đó, tội phạm trộm cắp tài sản giảm 6%.",
    "Tăng ít nhất 10% số vụ phạm tội về ma túy bị phát hiện so với năm trước, riêng số vụ vận chuyển tăng 15%.",
])
def test_a_change_inside_a_change_has_the_same_baseline(pledge_targets, sentence):
    general, part = pledge_targets(sentence)
    assert part.parent_id == general.id
    assert part.baseline_year == general.baseline_year == 2022


def test_a_part_compares_with_what_the_whole_before_the_marker_compares_with(pledge_targets):
    target, = pledge_targets("Kéo giảm tai nạn giao thông trên cả 3 tiêu chí so với năm 2022, trong đó số người chết "
                             "giảm ít nhất 5%.")
    assert (target.value, target.indicator_key, target.baseline_year) == (5, "traffic.deaths", 2022)


def test_criteria_named_after_their_marker_are_all_read_with_the_baseline_after_them(pledge_targets):
    targets = pledge_targets("6. Tai nạn giao thông: kéo giảm từ 5% trở lên trên cả 3 tiêu chí số vụ, số người chết, số "
                             "người bị thương so với năm 2022.")
    assert [(t.indicator_key, t.baseline_year) for t in targets] == [
        ("traffic.accidents", 2022), ("traffic.deaths", 2022), ("traffic.injuries", 2022)]


@pytest.mark.parametrize("sentence", [
    # a rate inside a change compares with nothing; a change inside a rate has nothing to inherit
    "Kéo giảm 5% số vụ phạm tội so với năm 2022, trong đó tỷ lệ điều tra khám phá án đạt trên 80%.",
    "Tỷ lệ điều tra khám phá án đạt trên 80%, trong đó số vụ trọng án giảm 5%.",
])
def test_a_part_without_a_change_to_compare_has_no_baseline(pledge_targets, sentence):
    assert pledge_targets(sentence)[-1].baseline_year is None


def test_an_đã_inside_what_a_rate_measures_qualifies_its_noun(pledge_targets):
    target, = pledge_targets("Tỷ lệ khách hàng cá nhân đã cập nhật thông tin sinh trắc học đạt trên 95%.")
    assert (target.indicator, target.value) == ("tỷ lệ khách hàng cá nhân đã cập nhật thông tin sinh trắc học", 95)


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ hồ sơ giải quyết đúng hạn đạt 100%; riêng Thanh tra tỉnh phấn đấu giải quyết trên 90% số vụ việc khiếu nại.",
    "Tỷ lệ thu gom rác thải đạt tối thiểu 85%; riêng huyện Tam Đảo phấn đấu đón ít nhất 850.000 lượt khách du lịch.",
])
def test_riêng_before_a_body_or_place_narrows_who_pledges_not_the_measure(pledge_targets, sentence):
    assert [t.parent_id for t in pledge_targets(sentence)] == [None, None]


def test_sibling_without_marker_has_no_parent(pledge_targets):
    general, serious = pledge_targets("Tỷ lệ điều tra, khám phá án đạt hơn 75%, án rất nghiêm trọng đạt trên 92%.")
    assert serious.parent_id is None
    assert serious.indicator == "tỷ lệ điều tra, khám phá án rất nghiêm trọng"


@pytest.mark.parametrize("sentence", [
    "Tỷ lệ thi hành án dân sự xong về việc đạt trên 84%, về tiền đạt trên 48%.",
    "Tỷ lệ thi hành án dân sự xong về việc đạt trên 84%; về tiền đạt trên 48%.",
])
def test_a_facet_alone_shares_its_neighbours_stem(pledge_targets, sentence):
    assert [t.indicator for t in pledge_targets(sentence)] == [
        "tỷ lệ thi hành án dân sự xong về việc", "tỷ lệ thi hành án dân sự xong về tiền"]


def test_a_place_alone_shares_its_neighbours_stem(pledge_targets):
    sentence = ("Bảo đảm thời gian có mặt tại hiện trường ở khu vực nội thành không quá 15 phút, "
                "ở khu vực nông thôn không quá 30 phút kể từ khi nhận tin báo.")
    assert [t.indicator for t in pledge_targets(sentence)] == [
        "thời gian có mặt tại hiện trường ở khu vực nội thành", "thời gian có mặt tại hiện trường ở khu vực nông thôn"]


BROKEN_DOWN = ("Chiều 12/3/2027, Cụm thi đua số 2 gồm Sở Xây dựng các tỉnh Thái Nguyên, Lạng Sơn, Cao Bằng ký kết "
               "giao ước thi đua năm 2027.\n"
               "- Hoàn thành ít nhất 3.200 căn nhà ở xã hội, trong đó:\n + Thái Nguyên: ít nhất 1.500 căn;\n"
               " + Lạng Sơn, Cao Bằng: ít nhất 700 căn.\n"
               "- Kéo giảm số vụ vi phạm trật tự xây dựng so với năm 2026, cụ thể:\n"
               " + Sở Xây dựng tỉnh Thái Nguyên: giảm 10%;\n + Sở Xây dựng tỉnh Cao Bằng: giảm ít nhất 5%.\n")


def test_lines_labelled_with_units_break_down_the_target_above(extract_text):
    """"+ Thái Nguyên: ít nhất 1.500 căn" is the figure of the measure above for the units it names; a heading
    with no figure of its own ("Kéo giảm …, cụ thể:") is not a target besides its lines."""
    targets = extract_text(BROKEN_DOWN).targets
    houses, thai_nguyen, two, *violations = targets
    assert [(t.indicator, t.value) for t in targets] == [
        ("hoàn thành căn nhà ở xã hội", 3200), ("hoàn thành căn nhà ở xã hội", 1500),
        ("hoàn thành căn nhà ở xã hội", 700),
        ("số vụ vi phạm trật tự xây dựng", 10), ("số vụ vi phạm trật tự xây dựng", 5)]
    assert thai_nguyen.parent_id == two.parent_id == houses.id
    assert thai_nguyen.units == ["Sở Xây dựng tỉnh Thái Nguyên"]
    assert two.units == ["Sở Xây dựng tỉnh Lạng Sơn", "Sở Xây dựng tỉnh Cao Bằng"]
    assert [(t.direction, t.baseline_year, t.parent_id, t.units) for t in violations] == [
        ("decrease", 2026, None, ["Sở Xây dựng tỉnh Thái Nguyên"]), ("decrease", 2026, None, ["Sở Xây dựng tỉnh Cao Bằng"])]


@pytest.mark.parametrize(("text", "inside"), [("- Cao Bằng: ít nhất 400 căn", "cao bằng"),
                                             ("tặng bằng khen cho 5 tập thể", "bằng khen")])
def test_a_word_holding_a_lexicon_syllable_is_that_word(extractor, text, inside):
    """"bằng" links an indicator to its figure, but not inside "Cao Bằng" or "bằng khen" (``word_lookalikes``)."""
    doc = extractor.nlp.make_doc(text)
    matches = extractor.lexicon.match(doc)
    word = next(s for s in matches.by_label["word_lookalikes"] if doc.view_text(*s) == inside)
    assert not [s for label, spans in matches.by_label.items() if label != "word_lookalikes"
                for s in spans if s[0] < word[1] and word[0] < s[1]]


@pytest.mark.parametrize(("sentence", "indicators"), [
    ("Thời gian thông quan trung bình đối với tờ khai luồng vàng không quá 2 giờ, luồng đỏ không quá 8 giờ.",
     ["thời gian thông quan trung bình đối với tờ khai luồng vàng",
      "thời gian thông quan trung bình đối với tờ khai luồng đỏ"]),
    ("Mức độ hài lòng của người bệnh nội trú đạt trên 95%, người bệnh ngoại trú từ 92% trở lên.",
     ["mức độ hài lòng của người bệnh nội trú", "mức độ hài lòng của người bệnh ngoại trú"]),
])
def test_an_indicator_opening_with_a_word_of_its_neighbours_shares_the_words_before_it(pledge_targets, sentence,
                                                                                         indicators):
    assert [t.indicator for t in pledge_targets(sentence)] == indicators


@pytest.mark.parametrize("connective", ["Bên cạnh đó", "Ngoài ra", "Mặt khác", "Cùng với đó"])
def test_a_connective_opening_the_sentence_is_not_part_of_the_indicator(pledge_targets, connective):
    target, = pledge_targets(f"{connective}, tỷ lệ điều tra, khám phá án đạt trên 75%.")
    assert target.indicator == "tỷ lệ điều tra, khám phá án"


def test_a_time_limit_counts_from_a_clause_not_a_noun_phrase(pledge_targets):
    target, = pledge_targets("Thời gian cấp hộ chiếu không quá 5 ngày làm việc kể từ khi nhận đủ hồ sơ hợp lệ.")
    assert (target.indicator, target.comparator, target.value, target.unit) == ("thời gian cấp hộ chiếu", "<=", 5, "day")


def test_elided_indicator_borrows_its_neighbours_object(pledge_targets):
    intake, resolution = pledge_targets(
        "Tiếp nhận 100% tin báo tố giác tội phạm, kiến nghị khởi tố và giải quyết đạt tỷ lệ 90% trở lên.")
    assert (intake.indicator_key, resolution.indicator_key) == ("reports.intake", "reports.resolution")
    assert resolution.indicator == "giải quyết tin báo tố giác tội phạm, kiến nghị khởi tố"


def test_a_result_sentence_may_turn_to_the_pledge_in_a_later_clause(pledge_targets):
    (target,) = pledge_targets("Năm 2022, tỷ lệ điều tra khám phá án đạt 85%; năm 2023 phấn đấu đạt 90%.")
    assert (target.value, target.indicator, target.indicator_key) == (90, "tỷ lệ điều tra khám phá án", "crime.clearance")


def test_period_year_follows_the_pledge_not_the_signing_date(extract_text):
    result = extract_text("Chiều 27/12/2024, Cụm thi đua số 9 ký kết giao ước thi đua năm 2025.\n"
                          "Các đơn vị phấn đấu giảm 10% số vụ cháy so với năm trước.")
    (target,) = result.targets
    assert (result.events[0].date.isoformat(), target.period_year, target.baseline_year) == ("2024-12-27", 2025, 2024)


@pytest.mark.parametrize("text", [
    "Năm 2022, các đơn vị trong Cụm đã kéo giảm 7,5% số vụ phạm tội về trật tự xã hội.",
    "Báo cáo tổng kết cho thấy, năm 2022 tỷ lệ điều tra, khám phá án đạt 87,3%.",
    "Trong quý I, lực lượng chức năng đã điều tra làm rõ 109 vụ, đạt tỷ lệ 86,5%.",
    # a school year, an "as of" date and "Đánh giá năm …" frame a report too
    "Năm học 2021 - 2022, tỷ lệ học sinh tốt nghiệp đạt 99,6%.",
    "Theo báo cáo, đến 31/12/2022, tổng dư nợ tín dụng đạt 142.300 tỷ đồng, tăng 11,4% so với cuối năm 2021.",
    "Đánh giá năm 2022, có hơn 215.000 hộ đạt danh hiệu sản xuất giỏi, chiếm 38% số hộ đăng ký.",
    # a report opener; part of a past year; last year
    "Theo báo cáo, 6 tháng đầu năm 2023, xảy ra 126 vụ TNGT, so với cùng kỳ năm 2022 giảm 14 vụ (10%).",
    "Theo thống kê, tỷ lệ điều tra, khám phá án đạt 86,1%.",
    "Trong 6 tháng cuối năm 2022, các đơn vị phát hiện 23 vụ vi phạm; kéo giảm 4,1% số vụ phạm pháp hình sự.",
    "Năm ngoái, tỷ lệ tái phạm tội ở tỉnh là 4,2%.",
    # "Trong năm," stays in the year of the sentence before it
    "Năm 2022, các trại giam quản lý hơn 9.800 phạm nhân. Trong năm, các đơn vị không để xảy ra phạm nhân trốn trại.",
    # "phải" of "số phải thu" is no pledge; a report's "không để" is no turn to the pledge
    "Năm 2022, các đơn vị đã hoàn thành các chỉ tiêu. Tỷ lệ nợ đóng giảm còn 2,9% số phải thu.",
    "Năm 2022, các đơn vị đã bắt giữ 214 vụ; duy trì không để tàu cá vi phạm vùng biển nước ngoài.",
    # a change against a year before last is an earlier year's result, unless a verb pledges it
    "Các đơn vị kéo giảm 6,4% số vụ phạm pháp hình sự so với năm 2020, trong khi giao ước chỉ đặt mức giảm 4%.",
    "Đầu năm 2022, các đơn vị đã ký giao ước với 8 chỉ tiêu. Tỷ lệ điều tra, khám phá án đạt 83,7%.",
    # an "đã" closing the indicator reports
    "Tỷ lệ điều tra khám phá án đã đạt 85%.",
    # a figure that is the subject of a past verb
    "Hơn 2.400 cán bộ, chiến sĩ đã được điều động về Công an cấp xã.",
    # last year's pledge, recalled
    "Tại hội nghị ký kết giao ước năm trước, các đơn vị đã cam kết kéo giảm ít nhất 5% số vụ phạm pháp hình sự.",
    # nor is one in a later sentence of the report's paragraph
    "Năm 2022, các đơn vị đã bắt giữ 214 vụ. Tình hình cơ bản ổn định, không để xảy ra điểm nóng về an ninh, trật tự.",
    # a frame after a list item's or a note's mark
    "(4) Năm 2020, tỷ lệ này đạt 88,7%.",
    "- Năm 2021, tỷ lệ điều tra, khám phá án đạt 84,2%.",
])
def test_reported_results_are_not_targets(extract_text, text):
    assert extract_text("Hội nghị ký kết giao ước thi đua năm 2023.\n" + text).targets == []


def test_related_article_links_under_a_story_are_not_its_targets(extract_text):
    text = ("Công an tỉnh ký kết giao ước thi đua năm 2024.\nCác đơn vị phấn đấu giảm 5% số vụ cháy.\n\nTin liên quan\n"
            "» Công an huyện A phát động thi đua, phấn đấu bắt trên 10 đối tượng truy nã (14/02/2023)\n"
            "» Tỷ lệ điều tra, khám phá án năm 2022 đạt 86,1% (05-01-2023)\n")
    assert [t.value for t in extract_text(text).targets] == [5]


def test_a_statistics_report_has_no_targets(extract_text):
    text = ("Công an tỉnh họp báo quý I/2024.\nTrong quý I, xảy ra 126 vụ phạm tội, giảm 16 vụ (tương ứng 11,3%) "
            "so với cùng kỳ. Công an tỉnh tiếp nhận 211 tố giác, đã giải quyết 188 tin, đạt 89,1%.")
    result = extract_text(text)
    assert (result.events, result.targets) == ([], [])


def test_a_past_participle_in_another_targets_words_does_not_make_later_figures_results(pledge_targets):
    targets = pledge_targets("Phấn đấu hoàn thành 100% kế hoạch thanh tra đã được phê duyệt, trong đó ít nhất 15% số cuộc "
                             "thanh tra được thực hiện theo chuyên đề; tỷ lệ thu hồi tiền sai phạm đạt trên 85% số tiền "
                             "kiến nghị thu hồi theo kết luận thanh tra đã có hiệu lực, thu hồi đất sai phạm đạt từ 70% trở lên.")
    assert [t.value for t in targets] == [100, 15, 85, 70]


@pytest.mark.parametrize(("sentence", "values"), [
    # the clauses after a reported one go on reporting …
    ("Sau 6 tháng vận hành, 5 trung tâm đã tiếp nhận 21.386 hồ sơ, giải quyết đúng hạn 99,1%; tỷ lệ hồ sơ trực tuyến "
     "toàn trình đạt 64,7%; chỉ số hài lòng của người dân bình quân 96,4%.", []),
    # … until one with a cue or a time frame of its own
    ("Các đơn vị đã giải quyết 91% tin báo; năm 2023 phấn đấu giải quyết trên 92%.", [92]),
    ("Các đơn vị đã giải quyết 91% tin báo; cam kết tỷ lệ khám phá án đạt trên 75%.", [75]),
])
def test_clauses_after_a_reported_one_report_too(pledge_targets, sentence, values):
    assert [t.value for t in pledge_targets(sentence)] == values


def test_another_years_figure_in_brackets_is_no_target(pledge_targets):
    targets = pledge_targets("Tiếp nhận 100% tố giác, tin báo về tội phạm (năm 2021 tiếp nhận 512 tin), giải quyết đạt "
                             "trên 90%; kéo giảm ít nhất 5% số vụ phạm pháp hình sự (năm 2021 xảy ra 214 vụ).")
    assert [(t.value, t.indicator_key) for t in targets] == [
        (100, "reports.intake"), (90, "reports.resolution"), (5, "crime.cases")]


def test_a_pledge_against_an_earlier_year_is_still_a_pledge(pledge_targets):
    (target,) = pledge_targets("Các đơn vị phấn đấu kéo giảm 5% số vụ phạm pháp hình sự so với năm 2020.")
    assert (target.value, target.baseline_year) == (5, 2020)


def test_a_text_with_no_pledge_event_has_no_targets(extract_text):
    """A year-end review promising to go on is no pledge, however its sentences are worded."""
    text = ("Công an tỉnh tổng kết công tác năm 2021\n\nNăm 2021, lực lượng Công an tỉnh bảo đảm an ninh, trật tự với "
            "hơn 12.000 lượt cán bộ, chiến sĩ; các đơn vị không để xảy ra bị động, bất ngờ. Năm 2022, Công an tỉnh "
            "phấn đấu kéo giảm 5% số vụ phạm tội.")
    result = extract_text(text)
    assert (result.events, result.targets) == ([], [])


@pytest.mark.parametrize(("headline", "body", "expected"), [
    ("Khối thi đua số 2: Năm 2020 phấn đấu kéo giảm trên 5% tội phạm hình sự",
     "thống nhất kéo giảm trên 5% số vụ phạm pháp hình sự so với năm 2019.", [(5, "crime.cases")]),
    ("Khối doanh nghiệp giao ước doanh thu 12,5 nghìn tỷ đồng",  # the headline words the figure its own way
     "các doanh nghiệp phấn đấu tổng doanh thu toàn Khối đạt ít nhất 12,5 nghìn tỷ đồng.", [(12_500_000_000_000, None)]),
    # the headline under a page's head lines, and a news script's labelled title line
    ("CÔNG AN TỈNH NINH BÌNH\nTrang chủ > Tin tức\n\nKhối thi đua giao ước giảm 5 - 7% tai nạn giao thông",
     "kéo giảm từ 5 đến 7% số vụ tai nạn giao thông so với năm 2019.", [(5, "traffic.accidents")]),
    ("KỊCH BẢN TIN THỜI SỰ 19 GIỜ\nTít: Khối thi đua giao ước giảm 5 - 7% tai nạn giao thông",
     "kéo giảm từ 5 đến 7% số vụ tai nạn giao thông so với năm 2019.", [(5, "traffic.accidents")]),
])
def test_headline_repeating_a_body_target_counts_once(extract_text, headline, body, expected):
    result = extract_text(f"{headline}\n\nNgày 21/2/2020, Khối thi đua số 2 ký kết giao ước thi đua năm 2020, {body}")
    assert [(t.value, t.indicator_key) for t in result.targets] == expected
    assert result.targets[0].evidence.start > len(headline)


def test_a_body_target_restated_in_a_quote_counts_once(extract_text):
    result = extract_text("Khối thi đua ký kết giao ước thi đua năm 2018\nCác đơn vị phấn đấu giảm ít nhất 10% "
                          "cả số vụ, số người chết và số người bị thương do tai nạn giao thông so với năm 2017.\n"
                          "Đại tá Lê Văn Thành nhấn mạnh: “Chỉ tiêu giảm 10% tai nạn giao thông là chỉ tiêu khó, "
                          "đòi hỏi lực lượng phải tăng cường tuần tra”.")
    assert [(t.indicator_key, t.value, t.baseline_year) for t in result.targets] == [
        ("traffic.accidents", 10, 2017), ("traffic.deaths", 10, 2017), ("traffic.injuries", 10, 2017)]


def test_a_quotation_restating_a_target_shorter_counts_once(extract_text):
    result = extract_text("Khối thi đua ký kết giao ước thi đua năm 2020.\nTỷ lệ nợ xấu dưới 1%; dư nợ nợ xấu "
                          "của hộ trồng cà phê dưới 1%.\n“Chỉ tiêu nợ xấu dưới 1% là mức cao nhất từ trước đến nay”, "
                          "ông Sỹ nhấn mạnh.")
    quote = result.document.text.index("“")
    assert [t.value for t in result.targets] == [1, 1] and all(t.evidence.start < quote for t in result.targets)


def test_different_things_of_one_key_are_different_targets(extract_text):
    result = extract_text("Khối thi đua ký kết giao ước thi đua năm 2023.\nKhông để xảy ra cháy, nổ lớn. "
                          "Không để xảy ra cháy tại các chợ, trung tâm thương mại. Tỷ lệ điều tra khám phá án đạt "
                          "trên 80%, trong đó trọng án đạt 95%. Tỷ lệ điều tra án kinh tế đạt trên 70%, trong đó "
                          "án tham nhũng đạt 95%.")
    assert [t.value for t in result.targets] == [0, 0, 80, 95, 70, 95]
    assert result.targets[3].parent_id == result.targets[2].id and result.targets[5].parent_id == result.targets[4].id


def test_pictograph_bullets_take_the_mode_of_their_heading(extract_text):
    text = ("Cụm thi đua ký kết giao ước thi đua năm 2024 🎉\n\nNhìn lại năm 2023, các đơn vị đã nỗ lực vượt khó 💪\n"
            "📊 Tỷ lệ tiêm chủng mở rộng đạt 96,8%\n\nNăm 2024 các đơn vị cùng cam kết 👇\n\n"
            "✅ Tiêm chủng mở rộng đạt trên 95%\n")
    assert [t.value for t in extract_text(text).targets] == [95]


def test_a_bulleted_list_takes_the_mode_of_its_heading(extract_text):
    text = ("Công an tỉnh phát động phong trào thi đua năm 2024\n\nCác chỉ tiêu chủ yếu phấn đấu đạt được:\n"
            "- Giảm 5% số vụ phạm tội về trật tự xã hội.\n- Tỷ lệ điều tra, khám phá án đạt trên 85%.\n")
    assert [(t.value, t.indicator) for t in extract_text(text).targets] == [
        (5, "số vụ phạm tội về trật tự xã hội"), (85, "tỷ lệ điều tra, khám phá án")]


def test_a_facet_after_each_figure_names_its_part(pledge_targets):
    targets = pledge_targets("Thi hành xong trên 85% về việc và trên 50% về tiền trong số có điều kiện thi hành.")
    assert [(t.value, t.indicator) for t in targets] == [
        (85, "thi hành xong về việc"), (50, "thi hành xong về tiền trong số có điều kiện thi hành")]


@pytest.mark.parametrize(("sentence", "baselines"), [
    ("Số vụ phát hiện về ma túy tăng 10%, về khai thác lâm sản trái phép tăng 15% so với năm 2022.", [2022, 2022]),
    ("Kéo giảm 5% số vụ phạm pháp hình sự; số vụ tai nạn giao thông giảm 10% so với năm 2022.", [None, 2022]),
    ("Giải ngân cao hơn kế hoạch ít nhất 5%, còn số lượt người được bồi dưỡng tăng 20% so với năm 2022.", [None, 2022]),
])
def test_changes_listed_with_commas_share_the_last_ones_baseline(pledge_targets, sentence, baselines):
    assert [t.baseline_year for t in pledge_targets(sentence)] == baselines


@pytest.mark.parametrize("opening", ["Năm qua", "Thời gian qua", "6 tháng đầu năm", "Giai đoạn 2019 - 2023",
                                     "Năm học 2023 - 2024", "Về công tác điều tra, năm qua",  # after a topic too
                                     "Thay mặt Cụm trưởng năm 2023, đồng chí Phó Giám đốc báo cáo: năm qua",  # or a colon
                                     "Thay mặt Cụm trưởng năm 2023, lãnh đạo Công an tỉnh Cà Mau cho biết, năm qua"])
def test_a_sentence_framed_in_the_past_reports_results(extract_text, opening):
    text = f"Công an tỉnh ký kết giao ước thi đua năm 2024.\n{opening}, tỷ lệ điều tra khám phá án đạt 85%."
    assert extract_text(text).targets == []


def test_a_span_reaching_the_pledge_year_is_not_the_past(extract_text):
    text = "Công an tỉnh ký kết giao ước thi đua năm 2024.\nGiai đoạn 2024 - 2026, tỷ lệ điều tra khám phá án đạt trên 85%."
    assert [t.value for t in extract_text(text).targets] == [85]


@pytest.mark.parametrize("sentence", [
    # measured against a pledge: a result
    "Tỷ lệ giải quyết tin báo đạt 91,3%, vượt chỉ tiêu đề ra.",
    # a cue dated before the pledge year is about last year's pledge
    "Tỷ lệ giải quyết tin báo đạt 91,3%, cao hơn chỉ tiêu giao ước năm 2023 là 90%.",
])
def test_a_sentence_measuring_against_a_pledge_reports_a_result(extract_text, sentence):
    text = f"Cụm thi đua tổng kết năm 2023, ký kết giao ước thi đua năm 2024.\n{sentence}"
    assert extract_text(text).targets == []


def test_a_pledge_higher_than_last_years_is_this_years(extract_text):
    text = ("Cụm thi đua ký kết giao ước thi đua năm 2024.\nCác đơn vị ký giao ước với nhiều chỉ tiêu cao hơn năm trước. "
            "Theo đó, toàn Cụm kết nạp mới ít nhất 7.000 hội viên.")
    assert [t.value for t in extract_text(text).targets] == [7000]


def test_without_a_pledge_event_a_zero_clause_reports(extract_text):
    text = ("Cụm thi đua tổng kết công tác năm 2025\nCông tác phòng chống dịch được triển khai quyết liệt, trong năm "
            "không để xảy ra dịch bệnh lớn; diện tích lúa bị sâu bệnh giảm 15,3% so với cùng kỳ.")
    assert extract_text(text).targets == []


def test_a_sentence_citing_a_past_years_results_reports_them(extract_text):
    text = ("Khối thi đua ký kết giao ước thi đua năm 2019.\nCăn cứ kết quả thực hiện nhiệm vụ năm 2018 của Khối: "
            "kiểm sát 100% tin báo, tố giác về tội phạm; truy tố đúng thời hạn 100% số bị can.")
    assert extract_text(text).targets == []


def test_a_year_end_review_reports_until_it_turns_to_the_pledge(extract_text):
    """Paragraphs with no cue of their own after a report and before the first pledge are the report's."""
    text = ("Ngày 23/12, Cụm thi đua số 8 tổ chức hội nghị tổng kết phong trào thi đua năm 2022.\n"
            "Năm 2022, tỷ lệ điều tra, khám phá án đạt 84,6%.\n"
            "Tai nạn giao thông giảm trên cả 3 tiêu chí: giảm 11,2% số vụ so với năm trước; số vụ cháy giảm 6,1%.\n"
            "Cuối hội nghị, các đơn vị ký kết giao ước thi đua năm 2023 với quyết tâm kéo giảm trên 3% số vụ phạm "
            "tội về trật tự xã hội, nâng tỷ lệ điều tra, khám phá án lên trên 82%.\n"
            "Số vụ cháy giảm 5% so với năm 2022.")
    result = extract_text(text)
    assert result.events[0].period_year == 2023  # the signing's own year, not the review's
    assert [(t.value, t.period_year) for t in result.targets] == [(3, 2023), (82, 2023), (5, 2023)]


def test_a_pledge_for_a_span_of_years_is_for_its_first_year_and_its_deadlines_for_theirs(extract_text):
    text = ("Sáng 6/2/2026, Cụm thi đua số 2 tổ chức hội nghị ký kết giao ước thi đua giai đoạn 2026 – 2030.\n"
            "Mỗi năm trong giai đoạn 2026 – 2030, các đơn vị phấn đấu kéo giảm tối thiểu 5% số vụ phạm tội về trật "
            "tự xã hội so với năm trước.\n"
            "Đến năm 2030, tỷ lệ điều tra, khám phá án phải đạt trên 90%. Tỷ lệ tái phạm tội dưới 2%.\n"
            "Không để xảy ra oan, sai.")
    result = extract_text(text)
    assert result.events[0].period_year == 2026
    assert [(t.value, t.period_year, t.baseline_year) for t in result.targets] == [
        (5, 2026, 2025), (90, 2030, None), (2, 2030, None), (0, 2026, None)]


def test_a_pledge_to_exceed_its_targets_is_still_a_pledge(extract_text):
    text = ("Cụm thi đua ký kết giao ước thi đua năm 2024.\n"
            "Các đơn vị phấn đấu hoàn thành vượt mức chỉ tiêu, tỷ lệ điều tra khám phá án đạt trên 85%.")
    assert [t.value for t in extract_text(text).targets] == [85]


@pytest.mark.parametrize("sentence", [
    "Phát động phong trào thi đua với khẩu hiệu “Không để ai bị bỏ lại phía sau”; không để xảy ra trục lợi chính sách.",
    "Các đơn vị thi đua theo chủ đề thi đua: “Không để ai bị bỏ lại phía sau”. Không để xảy ra trục lợi chính sách.",
])
def test_a_quoted_slogan_is_no_zero_target(pledge_targets, sentence):
    assert [t.indicator for t in pledge_targets(sentence)] == ["trục lợi chính sách"]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a quoted name after a floor is counted; a post's emoji ends the phrase before it
    ("Giúp 1.500 hộ phụ nữ nghèo thoát nghèo 🏡 mỗi tỉnh trao tặng tối thiểu 20 “Mái ấm tình thương”.",
     [("giúp hộ phụ nữ nghèo thoát nghèo", 1500), ("trao tặng Mái ấm tình thương", 20)]),
    # a range counts what it names; a span of years does not
    ("Mỗi tỉnh thành lập mới từ 30 đến 40 HTX.", [("thành lập mới hợp tác xã", 30)]),
    ("Huy động trẻ em từ 3 đến 5 tuổi ra lớp đạt trên 95%.", [("huy động trẻ em từ 3 đến 5 tuổi ra lớp", 95)]),
    # a lead-in's words after a preposition name whose; words before "cho" name what is given
    ("Doanh thu của mỗi đơn vị tăng tối thiểu 6%.", [("doanh thu của mỗi đơn vị", 6)]),
    ("Bảo đảm việc làm ổn định cho 100% người lao động.", [("việc làm ổn định cho người lao động", 100)]),
    # "kết quả" heads a rate as "tỷ lệ" does: the rest comes from its neighbour's object
    ("Tiếp nhận, phân loại 100% tố giác, tin báo về tội phạm, kết quả giải quyết đạt 90% trở lên.",
     [("tiếp nhận, phân loại tố giác, tin báo về tội phạm", 100), ("kết quả giải quyết tố giác, tin báo về tội phạm", 90)]),
    # trafficking opens a thing of its own in a "không để" list
    ("Không để xảy ra bạo lực gia đình nghiêm trọng, mua bán phụ nữ, trẻ em.",
     [("bạo lực gia đình nghiêm trọng", 0), ("mua bán phụ nữ, trẻ em", 0)]),
])
def test_wordings_of_further_sectors(pledge_targets, sentence, expected):
    assert [(t.indicator, t.value) for t in pledge_targets(sentence)] == expected


def test_a_figure_before_a_conjunction_reads_its_subject(pledge_targets):
    targets = pledge_targets("Các sở phấn đấu tổng lượt khách lưu trú tăng từ 12% trở lên và tổng thu từ khách du lịch "
                             "tăng ít nhất 15% so với năm 2017.")
    assert [(t.indicator, t.value) for t in targets] == [("tổng lượt khách lưu trú", 12), ("tổng thu từ khách du lịch", 15)]


@pytest.mark.parametrize(("sentence", "indicator"), [
    ("100% doanh nghiệp có từ 10 lao động trở lên tổ chức đối thoại định kỳ.",
     "doanh nghiệp có từ 10 lao động trở lên tổ chức đối thoại định kỳ"),
    ("100% cơ sở lưu trú du lịch từ 3 sao trở lên được thanh tra, kiểm tra.",
     "cơ sở lưu trú du lịch từ 3 sao trở lên được thanh tra, kiểm tra"),
])
def test_a_bounded_count_inside_a_shares_phrase_qualifies_it(pledge_targets, sentence, indicator):
    assert [(t.indicator, t.value) for t in pledge_targets(sentence)] == [(indicator, 100)]


def test_a_part_named_in_the_next_sentence_takes_its_key_within_its_wholes_measure(extract_text):
    result = extract_text("Cụm thi đua ký kết giao ước thi đua năm 2017.\nTỷ lệ điều tra, khám phá án hình sự\tTrên 72%\n"
                          "Trong đó: án rất nghiêm trọng, đặc biệt nghiêm trọng\tTrên 90%\n")
    assert [(t.indicator_key, t.parent_id is not None) for t in result.targets] == [
        ("crime.clearance", False), ("crime.clearance.serious", True)]


@pytest.mark.parametrize(("sentence", "key"), [
    ("Kéo giảm ít nhất 10% số vụ lừa đảo chiếm đoạt tài sản trên không gian mạng so với năm 2023.", "crime.cases"),
    ("Bắt, vận động đầu thú ít nhất 20 đối tượng truy nã lẩn trốn qua biên giới.", "wanted.arrests"),  # not an escape
    ("Không để xảy ra mất an toàn vũ khí, vật liệu nổ, công cụ hỗ trợ.", None),  # explosives are no fire
    ("Không để xảy ra cháy, nổ gây thiệt hại nghiêm trọng.", "fire.incidents"),
])
def test_taxonomy_keys_of_further_wordings(pledge_targets, sentence, key):
    assert [t.indicator_key for t in pledge_targets(sentence)] == [key]


def test_a_capital_plan_is_no_pledge_cue(extract_text):
    result = extract_text("Cụm thi đua số 1 ký kết giao ước thi đua năm 2017.\nNăm 2016 là năm đầu của giai đoạn mới. "
                          "Các Ban Dân tộc đã tham mưu giải ngân 96,8% kế hoạch vốn; cấp phát báo cho 100% người có uy tín.")
    assert result.targets == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Phản ánh của công dân qua đường dây nóng được trả lời trong vòng 24 giờ.",
     [("phản ánh của công dân qua đường dây nóng được trả lời", "<=", 24, "hour")]),
    # a deadline inside another pledge qualifies it
    ("100% trường hợp vi phạm được gửi thông báo đến chủ phương tiện trong thời hạn 10 ngày.",
     [("trường hợp vi phạm được gửi thông báo đến chủ phương tiện trong thời hạn 10 ngày", ">=", 100, "percent")]),
    ("Tỷ lệ sinh viên tốt nghiệp có việc làm trong vòng 12 tháng đạt trên 80%.",
     [("tỷ lệ sinh viên tốt nghiệp có việc làm trong vòng 12 tháng", ">", 80, "percent")]),
])
def test_a_deadline_is_a_limit_only_where_nothing_else_is_pledged(pledge_targets, sentence, expected):
    assert [(t.indicator, t.comparator, t.value, t.unit) for t in pledge_targets(sentence)] == expected


@pytest.mark.parametrize(("sentence", "value", "unit"), [
    ("Sản lượng lúa toàn vùng đạt trên 24 triệu tấn.", 24_000_000, "tonne"),  # a magnitude word scales its unit
    ("Năng suất lúa bình quân đạt từ 6 tấn/ha trở lên.", 6, "tonne/hectare"),  # a rate
    ("Thu nhập bình quân của người lao động đạt từ 9,5 triệu đồng/người/tháng trở lên.", 9_500_000, "vnd/person/month"),
])
def test_magnitudes_and_rates_make_the_unit(pledge_targets, sentence, value, unit):
    (target,) = pledge_targets(sentence)
    assert (target.value, target.unit) == (value, unit)
