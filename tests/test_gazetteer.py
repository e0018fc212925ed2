"""Tests of kg.gazetteer and of the data tables in kg/data/."""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg import gazetteer as gz
from kg.normalise import canonical_tones
from kg.text import fold, slug

TABLES = {
    "doc_types.tsv": 35,
    "issuer_codes.tsv": 60,
    "provinces.tsv": 64,
    "districts.tsv": 700,
    "abbreviations.tsv": 80,
    "positions.tsv": 50,
    "capacities.tsv": 15,
    "body_types.tsv": 60,
}


# --------------------------------------------------------------------------- tables load


@pytest.mark.parametrize(("name", "min_rows"), sorted(TABLES.items()))
def test_table_loads_with_expected_columns(name: str, min_rows: int) -> None:
    rows = gz.load_table(name)
    assert len(rows) >= min_rows
    assert all(tuple(r) == gz.COLUMNS[name] for r in rows)
    assert gz.load_table(name.removesuffix(".tsv")) == rows


@pytest.mark.parametrize("name", sorted(TABLES))
def test_cells_are_nfc_canonical_tones_and_stripped(name: str) -> None:
    for row in gz.load_table(name):
        for cell in row.values():
            assert unicodedata.normalize("NFC", cell) == cell
            assert canonical_tones(cell) == cell, cell
            assert cell == cell.strip()
            assert "\t" not in cell


@pytest.mark.parametrize(
    ("accessor", "count"),
    [
        (gz.doc_types, len(gz.load_table("doc_types"))),
        (gz.issuer_codes, len(gz.load_table("issuer_codes"))),
        (gz.provinces, 64),
        (gz.districts, len(gz.load_table("districts"))),
        (gz.abbreviations, len(gz.load_table("abbreviations"))),
        (gz.positions, len(gz.load_table("positions"))),
        (gz.capacities, len(gz.load_table("capacities"))),
        (gz.body_types, len(gz.load_table("body_types"))),
    ],
)
def test_accessors_return_cached_tuples(accessor, count: int) -> None:  # type: ignore[no-untyped-def]
    items = accessor()
    assert isinstance(items, tuple)
    assert len(items) == count
    assert accessor() is items


def test_load_table_returns_fresh_dicts() -> None:
    rows = gz.load_table("capacities")
    rows[0]["form"] = "changed"
    assert gz.load_table("capacities")[0]["form"] == "T/M"


# --------------------------------------------------------------------------- malformed tables


@pytest.fixture
def fake_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(gz, "_data_files", lambda: tmp_path)
    gz._read_table.cache_clear()
    yield tmp_path
    gz._read_table.cache_clear()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\tb\n# comment\nx\ty\tz\n", r"bad\.tsv, line 3: 3 cells, header has 2 columns"),
        ("a\tb\nx y\n", "bad.tsv, line 2: no tab in row"),
        ("a\tb\n\nx\tHoa\u0300\n", r"bad.tsv, line 3: cell .* is not in Unicode NFC"),
        ("a\ta\n", "bad.tsv, line 1: bad header"),
        ("# only comments\n", "bad.tsv: empty table"),
    ],
)
def test_malformed_table_names_file_and_line(fake_data: Path, text: str, message: str) -> None:
    (fake_data / "bad.tsv").write_text(text, encoding="utf-8")
    with pytest.raises(gz.GazetteerError, match=message):
        gz.load_table("bad")


def test_wrong_header_of_known_table(fake_data: Path) -> None:
    (fake_data / "districts.tsv").write_text("province\tname\n", encoding="utf-8")
    with pytest.raises(gz.GazetteerError, match=r"districts\.tsv, line 1: header"):
        gz.load_table("districts.tsv")


def test_missing_table(fake_data: Path) -> None:
    with pytest.raises(gz.GazetteerError, match=r"nothing\.tsv: no such table"):
        gz.load_table("nothing")


def test_comments_blank_lines_and_short_rows(fake_data: Path) -> None:
    (fake_data / "ok.tsv").write_text("\ufeffa\tb\tc\n# x\n\n p \t q \n", encoding="utf-8")
    assert gz.load_table("ok") == [{"a": "p", "b": "q", "c": ""}]


# --------------------------------------------------------------------------- controlled values


@pytest.mark.parametrize(
    ("items", "field", "allowed"),
    [
        (gz.doc_types(), "system", {"party", "state", "both"}),
        (gz.issuer_codes(), "system", {"party", "state", "front"}),
        (gz.issuer_codes(), "level", {"central", "province", "district", "commune", ""}),
        (gz.issuer_codes(), "scope", {"national", "local"}),
        (gz.provinces(), "kind", {"tỉnh", "thành phố"}),
        (gz.provinces(), "period", {"before-2025", "after-2025", "both"}),
        (gz.districts(), "kind", {"huyện", "quận", "thị xã", "thành phố"}),
        (gz.capacities(), "system", {"party", "state"}),
        (gz.body_types(), "kind", {"party", "state", "front", "armed", "other"}),
        (gz.body_types(), "level_hint", {"central", "province", "district", "commune", ""}),
    ],
)
def test_controlled_values(items: tuple[object, ...], field: str, allowed: set[str]) -> None:
    assert {getattr(i, field) for i in items} <= allowed


def test_national_issuers_are_central() -> None:
    assert all(i.level == "central" for i in gz.issuer_codes() if i.scope == "national")


# --------------------------------------------------------------------------- uniqueness


@pytest.mark.parametrize("system", ["party", "state"])
def test_doc_type_codes_unique_per_system(system: str) -> None:
    codes = Counter(
        d.code
        for d in gz.doc_types()
        if d.code and d.system in (system, "both") and d.name_vi != "Thông báo kết luận"
    )
    assert [c for c, n in codes.items() if n > 1] == []


@pytest.mark.parametrize("system", ["party", "state", "front"])
def test_issuer_codes_unique_per_system(system: str) -> None:
    codes = Counter(i.code for i in gz.issuer_codes() if i.system == system)
    assert [c for c, n in codes.items() if n > 1] == []


@pytest.mark.parametrize(
    ("items", "key"),
    [
        (gz.provinces(), lambda p: p.name),
        (gz.provinces(), lambda p: p.slug),
        (gz.districts(), lambda d: (d.province, d.name, d.kind)),
        (gz.abbreviations(), lambda a: (a.abbr, a.expansion, a.context)),
        (gz.positions(), lambda p: p.position),
        (gz.capacities(), lambda c: c.form),
        (gz.body_types(), lambda b: b.head),
    ],
)
def test_keys_unique(items: tuple[object, ...], key) -> None:  # type: ignore[no-untyped-def]
    counts = Counter(key(i) for i in items)
    assert [k for k, n in counts.items() if n > 1] == []


def test_province_spellings_do_not_collide() -> None:
    owner: dict[str, str] = {}
    for p in gz.provinces():
        for spelling in (p.name, *p.variants):
            assert owner.setdefault(fold(spelling), p.name) == p.name, spelling


# --------------------------------------------------------------------------- provinces and districts


@pytest.mark.parametrize(("period", "count"), [("before-2025", 63), ("after-2025", 34)])
def test_province_counts(period: str, count: int) -> None:
    attr = "before_2025" if period == "before-2025" else "after_2025"
    assert sum(getattr(p, attr) for p in gz.provinces()) == count


@pytest.mark.parametrize(
    ("name", "kind", "slug_", "period"),
    [
        ("Cần Thơ", "thành phố", "can-tho", "both"),
        ("Hồ Chí Minh", "thành phố", "ho-chi-minh", "both"),
        ("Bà Rịa - Vũng Tàu", "tỉnh", "ba-ria-vung-tau", "before-2025"),
        ("Thừa Thiên Huế", "tỉnh", "thua-thien-hue", "before-2025"),
        ("Huế", "thành phố", "hue", "after-2025"),
        ("Lâm Đồng", "tỉnh", "lam-dong", "both"),
        ("Đắk Lắk", "tỉnh", "dak-lak", "both"),
        ("Hòa Bình", "tỉnh", "hoa-binh", "before-2025"),
    ],
)
def test_province_rows(name: str, kind: str, slug_: str, period: str) -> None:
    p = gz.province_by_slug(slug_)
    assert p is not None
    assert (p.name, p.kind, p.slug, p.period) == (name, kind, slug_, period)


def test_province_slugs_follow_kg_text_slug() -> None:
    assert all(p.slug == slug(p.name) for p in gz.provinces())


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tỉnh Lâm Đồng", "Lâm Đồng"),
        ("LÂM ĐỒNG", "Lâm Đồng"),
        ("Thành phố Cần Thơ", "Cần Thơ"),
        ("THÀNH PHỐ CẦN THƠ", "Cần Thơ"),
        ("TP. Hồ Chí Minh", "Hồ Chí Minh"),
        ("TP HCM", "Hồ Chí Minh"),
        ("TP.HCM", "Hồ Chí Minh"),
        ("Sài Gòn", "Hồ Chí Minh"),
        ("Hoà Bình", "Hòa Bình"),
        ("Hòa Bình", "Hòa Bình"),
        ("hoa binh", "Hòa Bình"),
        ("tinh khanh hoa", "Khánh Hòa"),
        ("Thanh Hoá", "Thanh Hóa"),
        ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Bà Rịa – Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Đắc Lắc", "Đắk Lắk"),
        ("Bắc Cạn", "Bắc Kạn"),
        ("Thừa Thiên - Huế", "Thừa Thiên Huế"),
        ("thành phố Huế", "Huế"),
        ("  Hà   Nội ", "Hà Nội"),
        ("Thủ đô Hà Nội", "Hà Nội"),
    ],
)
def test_province_by_name(text: str, expected: str) -> None:
    p = gz.province_by_name(text)
    assert p is not None
    assert p.name == expected


@pytest.mark.parametrize("text", ["", "Campuchia", "Bavet", "tỉnh"])
def test_province_by_name_unknown(text: str) -> None:
    assert gz.province_by_name(text) is None


def test_every_district_province_exists() -> None:
    names = {p.name for p in gz.provinces() if p.before_2025}
    assert {d.province for d in gz.districts()} == names


@pytest.mark.parametrize(
    ("province", "count"),
    [("Hà Nội", 30), ("Cần Thơ", 9), ("Lâm Đồng", 12), ("Đà Nẵng", 8), ("Cà Mau", 9)],
)
def test_district_counts(province: str, count: int) -> None:
    assert len(gz.districts_in(province)) == count


@pytest.mark.parametrize(
    ("province", "name", "kind"),
    [
        ("tỉnh Lâm Đồng", "Bảo Lâm", "huyện"),
        ("Cần Thơ", "Ninh Kiều", "quận"),
        ("TP. Hồ Chí Minh", "Thủ Đức", "thành phố"),
        ("TP. Hồ Chí Minh", "Gò Vấp", "quận"),
        ("Hà Nội", "Sơn Tây", "thị xã"),
        ("Ninh Thuận", "Phan Rang - Tháp Chàm", "thành phố"),
    ],
)
def test_district_present(province: str, name: str, kind: str) -> None:
    assert gz.District(gz.province_by_name(province).name, name, kind) in gz.districts_in(province)  # type: ignore[union-attr]


# --------------------------------------------------------------------------- issuers


@pytest.mark.parametrize(
    ("code", "system", "name_vi", "level", "scope"),
    [
        ("BTGTW", None, "Ban Tuyên giáo Trung ương", "central", "national"),
        ("BCT", "party", "Bộ Chính trị", "central", "national"),
        ("BCT", "state", "Bộ Công Thương", "central", "national"),
        ("TU", "party", "Tỉnh ủy", "province", "local"),
        ("HU", None, "Huyện ủy", "district", "local"),
        ("BCSD", None, "Ban cán sự đảng", "", "local"),
        ("TTg", "state", "Thủ tướng Chính phủ", "central", "national"),
        ("BYT-MT", "state", "Bộ Y tế", "central", "national"),
        ("UBND-VX", "state", "Ủy ban nhân dân", "", "local"),
        ("BTC", "state", "Bộ Tài chính", "central", "national"),
        ("BNNMT", None, "Bộ Nông nghiệp và Môi trường", "central", "national"),
        ("TLĐ", "state", "Tổng Liên đoàn Lao động Việt Nam", "central", "national"),
        ("TLD", None, "Tổng Liên đoàn Lao động Việt Nam", "central", "national"),
        ("MTTW", None, "Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam", "central", "national"),
        ("ttg", None, "Thủ tướng Chính phủ", "central", "national"),
    ],
)
def test_issuer_by_code(code: str, system: str | None, name_vi: str, level: str, scope: str) -> None:
    issuer = gz.issuer_by_code(code, system)
    assert issuer is not None
    assert (issuer.name_vi, issuer.level, issuer.scope) == (name_vi, level, scope)


def test_issuers_by_code_lists_homonyms() -> None:
    assert {(i.system, i.name_vi) for i in gz.issuers_by_code("BCT")} == {
        ("party", "Bộ Chính trị"),
        ("state", "Bộ Công Thương"),
    }


@pytest.mark.parametrize("code", ["", "XYZ", "-"])
def test_issuer_by_code_unknown(code: str) -> None:
    assert gz.issuer_by_code(code) is None


# --------------------------------------------------------------------------- document types

CANONICAL_TYPES = [
    "Công văn",
    "Thông báo kết luận",
    "Thông báo",
    "Chỉ thị",
    "Nghị quyết",
    "Kết luận",
    "Kế hoạch",
    "Hướng dẫn",
    "Quyết định",
    "Tờ trình",
    "Công điện",
    "Thông tư",
    "Nghị định",
    "Quy định",
    "Chương trình",
    "Báo cáo",
    "Đề án",
    "Thông tri",
    "Quy chế",
    "Luật",
    "Giấy mời",
]


@pytest.mark.parametrize("name", CANONICAL_TYPES)
def test_canonical_type_names_exist(name: str) -> None:
    dt = gz.doc_type_by_name(name)
    assert dt is not None
    assert dt.name_vi == name


@pytest.mark.parametrize(
    ("code", "system", "name_vi"),
    [
        ("TT", "party", "Thông tri"),
        ("TT", "state", "Thông tư"),
        ("CV", "party", "Công văn"),
        ("CV", None, "Công văn"),
        ("TB", None, "Thông báo"),
        ("TB", "party", "Thông báo"),
        ("QĐ", "state", "Quyết định"),
        ("QD", None, "Quyết định"),
        ("QĐi", "party", "Quy định"),
        ("QĐI", None, "Quy định"),
        ("QyĐ", "state", "Quy định"),
        ("NĐ", "state", "Nghị định"),
        ("CĐ", "state", "Công điện"),
        ("TTr", "party", "Tờ trình"),
        ("CTr", None, "Chương trình"),
        ("ĐA", None, "Đề án"),
        ("KL", "party", "Kết luận"),
        ("GM", "state", "Giấy mời"),
        ("QH", "state", "Luật"),
    ],
)
def test_doc_type_by_code(code: str, system: str | None, name_vi: str) -> None:
    dt = gz.doc_type_by_code(code, system)
    assert dt is not None
    assert dt.name_vi == name_vi


@pytest.mark.parametrize("code", ["", "ZZ", "BYT"])
def test_doc_type_by_code_unknown(code: str) -> None:
    assert gz.doc_type_by_code(code) is None


@pytest.mark.parametrize(
    ("text", "system", "code", "name_vi"),
    [
        ("THÔNG BÁO KẾT LUẬN", None, "TB", "Thông báo kết luận"),
        ("thong bao ket luan", None, "TB", "Thông báo kết luận"),
        ("THÔNG TƯ", None, "TT", "Thông tư"),
        ("Quy định", "party", "QĐi", "Quy định"),
        ("Quy định", "state", "QyĐ", "Quy định"),
        ("Bộ luật", None, "QH", "Luật"),
    ],
)
def test_doc_type_by_name(text: str, system: str | None, code: str, name_vi: str) -> None:
    dt = gz.doc_type_by_name(text, system)
    assert dt is not None
    assert (dt.code, dt.name_vi) == (code, name_vi)


# --------------------------------------------------------------------------- small tables


@pytest.mark.parametrize(
    ("form", "canonical", "system", "meaning_vi"),
    [
        ("T/M", "T/M", "party", "thay mặt"),
        ("t/m", "T/M", "party", "thay mặt"),
        ("T.M", "T/M", "party", "thay mặt"),
        ("TM.", "TM.", "state", "thay mặt"),
        ("K/T", "K/T", "party", "ký thay"),
        ("K. T", "K/T", "party", "ký thay"),
        ("KT.", "KT.", "state", "ký thay"),
        ("T/L", "T/L", "party", "thừa lệnh"),
        ("TL.", "TL.", "state", "thừa lệnh"),
        ("TUQ.", "TUQ.", "state", "thừa ủy quyền"),
        ("Q.", "Q.", "state", "quyền"),
    ],
)
def test_capacity_by_form(form: str, canonical: str, system: str, meaning_vi: str) -> None:
    cap = gz.capacity_by_form(form)
    assert cap is not None
    assert (cap.canonical, cap.system, cap.meaning_vi) == (canonical, system, meaning_vi)


def test_canonical_capacities_are_forms() -> None:
    forms = {c.form for c in gz.capacities()}
    assert {c.canonical for c in gz.capacities()} <= forms


@pytest.mark.parametrize(
    ("abbr", "expansions"),
    [
        ("UBND", {"Ủy ban nhân dân"}),
        ("VPTU", {"Văn phòng Tỉnh ủy"}),
        ("VPHU", {"Văn phòng Huyện ủy"}),
        ("BTC", {"Ban Tổ chức", "Bộ Tài chính"}),
        ("TT", {"Thường trực", "Trung tâm", "Thông tư", "Thông tri"}),
        ("Đ/c", {"đồng chí"}),
        ("đ/c", {"đồng chí"}),
        ("KT-XH", {"kinh tế - xã hội"}),
        ("ubnd", {"Ủy ban nhân dân"}),
    ],
)
def test_abbreviations_for(abbr: str, expansions: set[str]) -> None:
    assert {a.expansion for a in gz.abbreviations_for(abbr)} == expansions


@pytest.mark.parametrize(
    ("position", "name_en", "alias"),
    [
        ("Phó Bí thư Thường trực", "Standing Deputy Secretary", "PBTTT"),
        ("Ủy viên Ban Thường vụ", "Member of the Standing Committee", "Ủy viên Thường vụ"),
        ("Tỉnh ủy viên", "Member of the Provincial Party Committee", "TUV"),
        ("Thủ tướng", "Prime Minister", "Thủ tướng Chính phủ"),
        ("Chánh Văn phòng", "Chief of Office", "CVP"),
        ("Trưởng Ban Chỉ đạo", "Head of the Steering Committee", "Trưởng BCĐ"),
    ],
)
def test_positions(position: str, name_en: str, alias: str) -> None:
    found = [p for p in gz.positions() if p.position == position]
    assert len(found) == 1
    assert found[0].name_en == name_en
    assert alias in found[0].aliases


@pytest.mark.parametrize(
    ("head", "kind", "level_hint"),
    [
        ("Ban Tuyên giáo", "party", ""),
        ("Tỉnh ủy", "party", "province"),
        ("Huyện ủy", "party", "district"),
        ("Ủy ban nhân dân", "state", ""),
        ("Sở", "state", "province"),
        ("Ủy ban Mặt trận Tổ quốc Việt Nam", "front", ""),
        ("Bộ Chỉ huy Quân sự", "armed", "province"),
        ("Trung tâm Kiểm soát bệnh tật", "state", "province"),
    ],
)
def test_body_types(head: str, kind: str, level_hint: str) -> None:
    found = [b for b in gz.body_types() if b.head == head]
    assert [(b.kind, b.level_hint) for b in found] == [(kind, level_hint)]
