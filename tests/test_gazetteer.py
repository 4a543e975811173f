"""Province gazetteer: gold units, spelling variants, dates around the 2025 reform."""

from __future__ import annotations

import datetime
import json
from pathlib import Path
from typing import Any

import pytest

from pipeline.gazetteer import REFORM_DATE, Gazetteer, GazetteerError, ProvinceRef
from pipeline.normalise import loose_key, norm_phrase
from pipeline.pattern_files import Patterns

GOLD_DIR = Path(__file__).resolve().parents[1] / "corpus" / "dev"
BEFORE = datetime.date(2024, 6, 1)
AFTER = datetime.date(2026, 3, 12)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load(Patterns())


def _gold_units() -> list[Any]:
    """(province as written in the gold, event date, expected code, expected province_now)."""
    cases = {}
    for path in sorted(GOLD_DIR.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for event in gold["events"]:
            for unit in event["units"]:
                if unit["province"] is None:
                    continue
                key = (unit["province"], event["date"], unit["province_code"], unit["province_now"])
                cases.setdefault(key, f"{path.name[:6]}-{unit['province']}-{event['date'][:4]}")
    return [pytest.param(*key, id=ident) for key, ident in cases.items()]


GOLD_UNITS = _gold_units()


def test_gold_has_units() -> None:
    assert len(GOLD_UNITS) >= 40


@pytest.mark.parametrize(("province", "date", "code", "now"), GOLD_UNITS)
def test_gold_unit(gaz: Gazetteer, province: str, date: str, code: str, now: str) -> None:
    ref = gaz.resolve(province, datetime.date.fromisoformat(date))
    assert ref is not None
    assert (ref.name, ref.code, ref.province_now) == (province, code, now)


@pytest.mark.parametrize(("province", "date", "code", "now"), GOLD_UNITS)
def test_gold_unit_with_prefix_and_loose_spelling(gaz: Gazetteer, province: str, date: str, code: str, now: str) -> None:
    on = datetime.date.fromisoformat(date)
    for spelling in (f"tỉnh {province}", f"Thành phố {province}", province.upper(), loose_key(province)):
        ref = gaz.resolve(spelling, on)
        assert ref is not None, spelling
        assert (ref.name, ref.code, ref.province_now) == (province, code, now), spelling


@pytest.mark.parametrize(
    ("name", "on", "expected"),
    [
        ("Quảng Bình", BEFORE, ProvinceRef("Quảng Bình", "44", "tỉnh", "Quảng Trị")),
        ("Quảng Trị", BEFORE, ProvinceRef("Quảng Trị", "45", "tỉnh", "Quảng Trị")),
        ("Quảng Trị", AFTER, ProvinceRef("Quảng Trị", "44", "tỉnh", "Quảng Trị")),
        ("Thừa Thiên Huế", BEFORE, ProvinceRef("Thừa Thiên Huế", "46", "tỉnh", "Huế")),
        ("Huế", AFTER, ProvinceRef("Huế", "46", "thành phố", "Huế")),
        ("Kiên Giang", BEFORE, ProvinceRef("Kiên Giang", "91", "tỉnh", "An Giang")),
        ("An Giang", BEFORE, ProvinceRef("An Giang", "89", "tỉnh", "An Giang")),
        ("An Giang", AFTER, ProvinceRef("An Giang", "91", "tỉnh", "An Giang")),
        ("Hà Giang", BEFORE, ProvinceRef("Hà Giang", "02", "tỉnh", "Tuyên Quang")),
        ("Lào Cai", BEFORE, ProvinceRef("Lào Cai", "10", "tỉnh", "Lào Cai")),
        ("Lào Cai", AFTER, ProvinceRef("Lào Cai", "15", "tỉnh", "Lào Cai")),
        ("Yên Bái", BEFORE, ProvinceRef("Yên Bái", "15", "tỉnh", "Lào Cai")),
        ("Hòa Bình", BEFORE, ProvinceRef("Hòa Bình", "17", "tỉnh", "Phú Thọ")),
        ("Nam Định", BEFORE, ProvinceRef("Nam Định", "36", "tỉnh", "Ninh Bình")),
        ("Hải Dương", BEFORE, ProvinceRef("Hải Dương", "30", "tỉnh", "Hải Phòng")),
        ("Long An", BEFORE, ProvinceRef("Long An", "80", "tỉnh", "Tây Ninh")),
        ("Tây Ninh", AFTER, ProvinceRef("Tây Ninh", "80", "tỉnh", "Tây Ninh")),
        ("Bình Định", BEFORE, ProvinceRef("Bình Định", "52", "tỉnh", "Gia Lai")),
        ("Gia Lai", AFTER, ProvinceRef("Gia Lai", "52", "tỉnh", "Gia Lai")),
        ("Đắk Nông", BEFORE, ProvinceRef("Đắk Nông", "67", "tỉnh", "Lâm Đồng")),
        ("Hồ Chí Minh", BEFORE, ProvinceRef("Hồ Chí Minh", "79", "thành phố", "Hồ Chí Minh")),
        ("Hải Phòng", None, ProvinceRef("Hải Phòng", "31", "thành phố", "Hải Phòng")),
        # the day of the reform belongs to the new list, the day before to the old one
        ("Quảng Trị", REFORM_DATE, ProvinceRef("Quảng Trị", "44", "tỉnh", "Quảng Trị")),
        ("Quảng Trị", REFORM_DATE - datetime.timedelta(days=1), ProvinceRef("Quảng Trị", "45", "tỉnh", "Quảng Trị")),
        # a name only in the other list falls back to it
        ("Quảng Bình", AFTER, ProvinceRef("Quảng Bình", "44", "tỉnh", "Quảng Trị")),
        ("Kiên Giang", AFTER, ProvinceRef("Kiên Giang", "91", "tỉnh", "An Giang")),
        # ... except a plain renaming, answered in the list of the date
        ("Huế", BEFORE, ProvinceRef("Thừa Thiên Huế", "46", "tỉnh", "Huế")),
        ("Huế", None, ProvinceRef("Thừa Thiên Huế", "46", "tỉnh", "Huế")),
        ("Thành phố Huế", BEFORE, ProvinceRef("Thừa Thiên Huế", "46", "tỉnh", "Huế")),
        ("Thừa Thiên Huế", AFTER, ProvinceRef("Huế", "46", "thành phố", "Huế")),
    ],
)
def test_resolve_by_date(gaz: Gazetteer, name: str, on: datetime.date | None, expected: ProvinceRef) -> None:
    assert gaz.resolve(name, on) == expected


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Đak Lak", "Đắk Lắk"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Daklak", "Đắk Lắk"),
        ("Đăk Lăk", "Đắk Lắk"),
        ("ĐẮK LẮK", "Đắk Lắk"),
        ("Đak Nông", "Đắk Nông"),
        ("Đắc Nông", "Đắk Nông"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("thanh hoa", "Thanh Hóa"),
        ("Hoà Bình", "Hòa Bình"),
        ("Khánh Hoà", "Khánh Hòa"),
        ("Hà Nôị", "Hà Nội"),
        ("Ha Noi", "Hà Nội"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Kontum", "Kon Tum"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("Thừa Thiên–Huế", "Thừa Thiên Huế"),
        ("TT Huế", "Thừa Thiên Huế"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("BR-VT", "Bà Rịa - Vũng Tàu"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("TP HCM", "Hồ Chí Minh"),
        ("TPHCM", "Hồ Chí Minh"),
        ("Tp. Hồ Chí Minh", "Hồ Chí Minh"),
        ("Thành phố Hồ Chí Minh", "Hồ Chí Minh"),
        ("Sài Gòn", "Hồ Chí Minh"),
        ("tỉnh Quảng Bình", "Quảng Bình"),
        ("Tỉnh  Thanh   Hoá", "Thanh Hóa"),
        ("TỈNH NGHỆ AN", "Nghệ An"),
        ("tinh Nghe An", "Nghệ An"),
        ("TP Hải Phòng", "Hải Phòng"),
        ("T.P Cần Thơ", "Cần Thơ"),
        ("Thanh Ho\u0061\u0301", "Thanh Hóa"),  # decomposed (NFD) old-style tone mark
    ],
)
def test_spelling_variants(gaz: Gazetteer, spelling: str, canonical: str) -> None:
    ref = gaz.resolve(spelling, BEFORE)
    assert ref is not None and ref.name == canonical


@pytest.mark.parametrize(
    "name",
    [
        "Diễn Châu",
        "An Nhơn",
        "Tuy Phước",
        "Tịnh Biên",  # "tịnh" is not the prefix "tỉnh"
        "Tĩnh Gia",
        "Cụm thi đua số 5",
        "Bộ Công an",
        "Việt Nam",
        "Quảng",
        "tỉnh",
        "thành phố",
        "",
        "   ",
    ],
)
def test_non_provinces(gaz: Gazetteer, name: str) -> None:
    assert gaz.resolve(name, BEFORE) is None
    assert gaz.resolve(name, AFTER) is None


def test_list_sizes(gaz: Gazetteer) -> None:
    assert len(gaz.legacy()) == 63
    assert len(gaz.current()) == 34
    assert {r.province_now for r in gaz.legacy()} == {r.name for r in gaz.current()}
    for refs in (gaz.legacy(), gaz.current()):
        assert len({r.code for r in refs}) == len(refs)
        assert all(len(r.code) == 2 and r.code.isdigit() for r in refs)
        assert {r.level for r in refs} == {"tỉnh", "thành phố"}


def test_no_two_provinces_share_a_loose_key(gaz: Gazetteer) -> None:
    """Within each list, and across lists unless it is the same name."""
    seen: dict[str, str] = {}
    for ref in [*gaz.legacy(), *gaz.current()]:
        key = loose_key(ref.name)
        assert seen.setdefault(key, ref.name) == ref.name, (key, seen[key], ref.name)


def test_no_variant_has_another_provinces_key(gaz: Gazetteer) -> None:
    names = {loose_key(r.name): r.name for r in [*gaz.legacy(), *gaz.current()]}
    variants = Patterns().load("admin/province_variants.json")
    for form, canonical in variants.items():
        if form.startswith("_"):
            continue
        assert canonical in names.values(), form
        assert names.get(loose_key(form), canonical) == canonical, form
        assert gaz.canonical(form) == canonical, form


def test_clashing_variant_is_rejected() -> None:
    legacy = [{"name": "Đắk Lắk", "level": "tỉnh", "code": "66", "now": "Đắk Lắk"},
              {"name": "Đắk Nông", "level": "tỉnh", "code": "67", "now": "Đắk Lắk"}]
    current = [{"name": "Đắk Lắk", "level": "tỉnh", "code": "66"}]
    with pytest.raises(GazetteerError):
        Gazetteer(legacy, current, {"Dak Nong": "Đắk Lắk"})
    with pytest.raises(GazetteerError):
        Gazetteer(legacy, current, {"Đak Lak": "Nowhere"})


def test_surface_forms(gaz: Gazetteer) -> None:
    forms = gaz.surface_forms()
    mapping = dict(forms)
    assert len(mapping) == len(forms)  # no duplicates
    assert all(form == norm_phrase(form) for form in mapping)
    assert mapping["thanh hóa"] == "Thanh Hóa"
    assert mapping["huế"] == "Huế"
    assert mapping["thừa thiên huế"] == "Thừa Thiên Huế"
    assert mapping["đak lak"] == "Đắk Lắk"
    assert mapping["sài gòn"] == "Hồ Chí Minh"
    assert mapping["bà rịa - vũng tàu"] == "Bà Rịa - Vũng Tàu"
    assert not any(form.startswith(("tỉnh ", "thành phố ")) for form in mapping)
    names = {r.name for r in [*gaz.legacy(), *gaz.current()]}
    assert names <= set(mapping.values())
    assert len(names) == 64  # 63 legacy + "Huế"
    lengths = [len(form) for form, _ in forms]
    assert lengths == sorted(lengths, reverse=True)
    for form, canonical in forms:
        assert gaz.canonical(form) == canonical, form
