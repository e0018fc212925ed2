"""Notes in lists of bodies ("Như trên", "Như kính gửi", "Lưu: VT") are kept in the record as written
but never become organisation nodes, so they never show up in who-addresses-whom, the exports or the
views (kg/data/non_bodies.tsv, kg.gazetteer.is_non_body, applied where kg.rdf mints organisations)."""

from __future__ import annotations

import pytest

from kg.gazetteer import is_non_body
from kg.pipeline import extract_text
from kg.rdf import record_nquads
from kg.store import MemoryStore

WHEN = "2024-05-01T12:00:00Z"


@pytest.mark.parametrize(
    ("name", "non_body"),
    [
        ("Như trên", True),
        ("Như trên (để thực hiện)", True),
        ("như trên;", True),
        ("Nhu tren", True),  # without diacritics
        ("Như kính gửi", True),
        ("Như Kính gửi;", True),
        ("Như Điều 4", True),
        ("Lưu: VT", True),
        ("Lưu VT, VP", True),
        ("Lưu: VT, Phòng Tổng hợp.", True),
        ("Lưu Văn phòng Huyện ủy", True),
        ("Lưu VPHU", True),
        ("Lưu trữ", True),
        ("VT", True),
        ("(b/c)", True),
        ("Sở Y tế", False),
        ("Văn phòng Huyện ủy", False),
        ("Vụ Pháp chế", False),
        ("Lực lượng vũ trang huyện", False),
        ("Như Thanh", False),  # a district's name is a body's name
        ("Ban Thường vụ Tỉnh ủy", False),
    ],
)
def test_non_body_table(name: str, non_body: bool) -> None:
    assert is_non_body(name) is non_body


TEXT = """TỈNH ỦY PHÚ YÊN
Số 77-CV/TU
Phú Yên, ngày 3 tháng 6 năm 2021
CÔNG VĂN
về phòng, chống dịch Covid-19
Kính gửi:
- Ban Tuyên giáo Tỉnh ủy;
- Như kính gửi cấp dưới;
1. Các cơ quan tăng cường tuyên truyền phòng, chống dịch.
T/M BAN THƯỜNG VỤ
PHÓ BÍ THƯ
Trần Văn Mười
Nơi nhận:
- Như trên;
- Sở Y tế;
- Như Điều 2;
- Lưu: VT, VPTU.
"""


def test_non_bodies_stay_in_the_record_but_are_no_organisations() -> None:
    rec = extract_text(TEXT, "pyt.txt")
    assert "Như trên" in [m.text for m in rec.distribution]  # the record keeps the list as written
    store = MemoryStore()
    store.replace_graphs({"urn:g": record_nquads(rec, TEXT, "x/pyt.txt", generated_at=WHEN)})
    labels = {
        r[0].value
        for r in store.query(
            "SELECT ?l WHERE { ?o a <http://www.w3.org/ns/org#Organization> ; "
            "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"
        ).rows
        if r[0] is not None
    }
    assert any(label.startswith("Sở Y tế") for label in labels)
    assert any(label.startswith("Ban Tuyên giáo") for label in labels)
    assert not [label for label in labels if is_non_body(label)], labels
    assert not [label for label in labels if label.startswith(("Như", "Lưu", "VT"))], labels
