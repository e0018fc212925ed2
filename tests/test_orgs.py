"""Canonical spelling of organisation names and scoping to the issuer's jurisdiction."""

from __future__ import annotations

import unicodedata

import pytest

from kg.extract.orgs import canonical_org, scope_org
from kg.record import Jurisdiction


@pytest.mark.parametrize(
    ("written", "canonical"),
    [
        ("- UBND  tỉnh,", "Ủy ban nhân dân tỉnh"),
        ("Tỉnh uỷ Hoà Bình.", "Tỉnh ủy Hòa Bình"),
        ("BCĐ phòng, chống dịch tỉnh", "Ban Chỉ đạo phòng, chống dịch tỉnh"),
        ("UBND TP Hà Nội", "Ủy ban nhân dân thành phố Hà Nội"),
        ("Ban cán sự đảng UBND tỉnh", "Ban cán sự đảng Ủy ban nhân dân tỉnh"),
        ("Thường trực HĐND huyện;", "Thường trực Hội đồng nhân dân huyện"),
        ("UBMTTQVN tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
        ("Văn phòng  VPTU", "Văn phòng Văn phòng Tỉnh ủy"),
        (unicodedata.normalize("NFD", "Ban Tuyên giáo Tỉnh uỷ"), "Ban Tuyên giáo Tỉnh ủy"),
        ("Bộ Y tế", "Bộ Y tế"),
    ],
)
def test_canonical_org(written: str, canonical: str) -> None:
    assert canonical_org(written) == canonical


TAY_NINH = Jurisdiction(province="Tây Ninh")
BAO_LAM = Jurisdiction(province="Lâm Đồng", district="Bảo Lâm")
CAN_THO = Jurisdiction(province="Cần Thơ")


@pytest.mark.parametrize(
    ("name", "jur", "scoped"),
    [
        ("Ban Tuyên giáo Tỉnh ủy", TAY_NINH, "Ban Tuyên giáo Tỉnh ủy Tây Ninh"),
        ("Ủy ban nhân dân tỉnh", TAY_NINH, "Ủy ban nhân dân tỉnh Tây Ninh"),
        ("Ủy ban nhân dân huyện", BAO_LAM, "Ủy ban nhân dân huyện Bảo Lâm"),
        ("Ban Dân vận Huyện ủy", BAO_LAM, "Ban Dân vận Huyện ủy Bảo Lâm"),
        ("Ủy ban nhân dân huyện", TAY_NINH, "Ủy ban nhân dân huyện"),  # district unknown
        ("Ban Tuyên giáo Thành ủy", CAN_THO, "Ban Tuyên giáo Thành ủy Cần Thơ"),
        ("Ủy ban nhân dân tỉnh Quảng Bình", TAY_NINH, "Ủy ban nhân dân tỉnh Quảng Bình"),  # already named
        ("Sở Y tế", TAY_NINH, "Sở Y tế"),
        ("Ban Tuyên giáo Tỉnh ủy", Jurisdiction(), "Ban Tuyên giáo Tỉnh ủy"),  # unknown jurisdiction
        ("Bộ Y tế", Jurisdiction(national=True), "Bộ Y tế"),
    ],
)
def test_scope_org(name: str, jur: Jurisdiction, scoped: str) -> None:
    assert scope_org(name, jur) == scoped


@pytest.mark.parametrize(
    ("written", "name"),
    [
        # a name typed or OCR'd without diacritics gets them back, part by known part
        ("SO Y TE", "Sở Y tế"),
        ("CUC THUE TP HA NOI", "Cục Thuế thành phố Hà Nội"),
        ("CUC THUE TP HA NỘI", "Cục Thuế thành phố Hà Nội"),  # a word that kept its mark
        ("UY BAN NHAN DAN HUYEN BAO LAM", "Ủy ban nhân dân huyện Bảo Lâm"),
        ("Phong Giao duc va Dao tao huyen Bao Lam", "Phòng Giáo dục và Đào tạo huyện Bảo Lâm"),
        ("BAN TUYEN GIAO TINH UY", "Ban Tuyên giáo Tỉnh ủy"),
        # "quan" alone is quận or cơ quan: the phrase decides
        ("CO QUAN THUONG TRUC BAN CHI DAO", "Cơ quan Thường trực Ban Chỉ đạo"),
        # names with their marks are left as they are (a few unmarked words are normal: "Ban", "quan")
        ("CƠ QUAN THƯỜNG TRỰC BAN CHỈ ĐẠO", "Cơ quan Thường trực Ban Chỉ đạo"),
        ("SỞ NGOẠI VỤ", "Sở Ngoại vụ"),
    ],
)
def test_recase_org_restores_lost_marks(written: str, name: str) -> None:
    from kg.extract.lexicon import recase_org

    assert recase_org(written) == name
