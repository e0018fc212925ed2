"""Property-based tests: for any text, extraction returns a record whose spans are inside the text and
point at the values they claim, and whose RDF parses and conforms to the SHACL shapes."""

from __future__ import annotations

import unicodedata

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.pipeline import extract_text
from kg.validate import record_problems

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

try:
    from kg.rdf import record_nquads
except ImportError:  # pragma: no cover - rdf.py lands separately
    record_nquads = None  # type: ignore[assignment]

GENERATED_AT = "2024-01-01T00:00:00Z"

# -- document-like texts ---------------------------------------------------------------------------
ISSUERS = [
    ("TỈNH ỦY CẦN THƠ", "TU"),
    ("THÀNH ỦY HÀ NỘI", "TU"),
    ("HUYỆN ỦY BẢO LÂM", "HU"),
    ("ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC", "UBND"),
    ("BỘ Y TẾ", "BYT"),
    ("BAN TUYÊN GIÁO TRUNG ƯƠNG", "BTGTW"),
]
MOTTOS = ["ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"]
KINDS = ["CV", "KH", "CT", "TB", "NQ", "QĐ", "HD", "CĐ"]
PLACES = ["Cần Thơ", "Hà Nội", "Bảo Lâm", "Đồng Xoài", "Hà Giang", "TP. Hồ Chí Minh"]
TITLES = [
    "V/v tăng cường công tác phòng, chống dịch Covid-19",
    "KẾ HOẠCH\ntriển khai tiêm vắc-xin phòng Covid-19",
    "CHỈ THỊ\nvề việc thực hiện giãn cách xã hội",
    "THÔNG BÁO KẾT LUẬN\ncủa Ban Thường vụ Tỉnh ủy",
]
BODY = [
    "Thực hiện Công văn số {n2}-CV/BTGTW ngày {d2}/{m2}/{y} của Ban Tuyên giáo Trung ương,",
    "Căn cứ Chỉ thị số 15/CT-TTg ngày 27/3/2020 của Thủ tướng Chính phủ;",
    "1. Các cấp ủy đảng chỉ đạo đẩy mạnh tuyên truyền, thực hiện nghiêm thông điệp 5K.",
    "2. Sở Y tế chủ trì, phối hợp với Công an tỉnh tổ chức cách ly y tế, xét nghiệm.",
    "- Đeo khẩu trang nơi công cộng; hạn chế tụ tập đông người.",
    "Đồng chí Nguyễn Văn An, Phó Chủ tịch UBND tỉnh trực tiếp chỉ đạo.",
]
SIGNATURES = [
    "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\n{name}",
    "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\n{name}",
    "K/T BÍ THƯ\nPHÓ BÍ THƯ THƯỜNG TRỰC\n{name}",
]
NAMES = ["Thào Hồng Sơn", "Nguyễn Thị Hòa", "Trần Văn Lâm", "Lê Quốc Phong"]
NOISE = st.text(
    alphabet=st.sampled_from(
        list("*#_-–—.,;:/\\()[]{}<>\"'`~|!?@$%^&=+ \t\r\n\u00a0\u200b\ufeff\u00adĐđÐ0123456789")
    ),
    max_size=8,
)


@st.composite
def document_texts(draw: st.DrawFn) -> str:
    issuer, code = draw(st.sampled_from(ISSUERS))
    kind = draw(st.sampled_from(KINDS))
    n = draw(st.integers(1, 99999))
    y = draw(st.integers(1990, 2030))
    m = draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    number = draw(st.sampled_from([f"{n}-{kind}/{code}", f"{n}/{kind}-{code}", f"{n} - {kind}/{code}"]))
    lines = [
        issuer,
        draw(st.sampled_from(["*", "", "***"])),
        draw(st.sampled_from([f"Số {number}", f"Số: {number}", f"Số:{number}", f"So {number}", number])),
        draw(st.sampled_from(MOTTOS)),
        draw(st.sampled_from([f"{p}, ngày {d} tháng {m} năm {y}" for p in PLACES] + [f"ngày {d}/{m}/{y}"])),
        draw(st.sampled_from(TITLES)),
        draw(
            st.sampled_from(
                ["Kính gửi: Các huyện ủy, thành ủy trực thuộc.", "Kính gửi:\n- Sở Y tế;\n- Công an tỉnh."]
            )
        ),
    ]
    body = draw(st.lists(st.sampled_from(BODY), max_size=6))
    lines += [b.format(n2=draw(st.integers(1, 9999)), d2=d, m2=m, y=y) for b in body]
    lines.append(draw(st.sampled_from(SIGNATURES)).format(name=draw(st.sampled_from(NAMES))))
    lines.append(draw(st.sampled_from(["Nơi nhận:\n- Như trên,\n- Lưu VP.", "", "Nơi nhận:"])))
    # Noise: shuffled lines, dropped lines, junk between lines, odd case, markdown, CRLF, NFD.
    if draw(st.booleans()):
        lines = draw(st.permutations(lines))
    keep = draw(st.lists(st.booleans(), min_size=len(lines), max_size=len(lines)))
    lines = [ln for ln, k in zip(lines, keep, strict=True) if k or draw(st.booleans())]
    out: list[str] = []
    for ln in lines:
        if draw(st.integers(0, 4)) == 0:
            ln = draw(NOISE) + ln + draw(NOISE)
        style = draw(st.integers(0, 9))
        if style == 0:
            ln = ln.upper()
        elif style == 1:
            ln = ln.lower()
        elif style == 2:
            ln = f"**{ln}**"
        out.append(ln)
    sep = draw(st.sampled_from(["\n", "\r\n", "\n\n", "\n  "]))
    text = sep.join(out)
    if draw(st.booleans()):
        text = unicodedata.normalize("NFD", text)
    return text


def _check(text: str) -> None:
    rec = extract_text(text, "doc.txt")
    assert rec.text_length == len(text)
    problems = record_problems(rec, text)
    assert not problems, problems
    if record_nquads is not None:
        nq = record_nquads(rec, text, "doc.txt", generated_at=GENERATED_AT)
        quads = list(ox.parse(nq.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        assert quads
        assert all(not isinstance(q.subject, ox.BlankNode) for q in quads)


@SETTINGS
@given(st.text(max_size=400))
def test_any_unicode_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=2000))
def test_any_longer_text(text: str) -> None:
    _check(text)


@SETTINGS
@given(document_texts())
def test_document_like_texts(text: str) -> None:
    _check(text)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(1, 99999),
    st.sampled_from(KINDS),
    st.sampled_from(ISSUERS),
    st.integers(2000, 2030),
    st.integers(1, 12),
    st.integers(1, 28),
)
def test_clean_header_is_read(n: int, kind: str, issuer: tuple[str, str], y: int, m: int, d: int) -> None:
    """A clean header gives its number and date back, and the spans point at them."""
    number = f"{n}-{kind}/{issuer[1]}"
    text = (
        f"{issuer[0]}\n*\nSố {number}\nĐẢNG CỘNG SẢN VIỆT NAM\nCần Thơ, ngày {d} tháng {m} năm {y}\n\n"
        "KẾ HOẠCH\ntriển khai công tác phòng, chống dịch\n\nNội dung kế hoạch.\n"
    )
    rec = extract_text(text)
    assert rec.number == number
    assert rec.date == f"{y:04d}-{m:02d}-{d:02d}"
    s, e = rec.spans["number"]
    assert text[s:e].endswith(number)


# -- SHACL on a sample (pyshacl is slow: a few examples only) ---------------------------------------
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(document_texts(), st.text(max_size=300)))
def test_rdf_conforms_to_shapes(text: str) -> None:
    if record_nquads is None:
        pytest.skip("kg.rdf is not there yet")
    from kg.ontology_tools import ontology_path

    if not ontology_path("shapes.ttl").exists():
        pytest.skip("ontology/shapes.ttl is not there yet")
    from kg.validate import validate_nquads

    rec = extract_text(text, "doc.txt")
    nq = record_nquads(rec, text, "doc.txt", generated_at=GENERATED_AT)
    violations = [v for v in validate_nquads(nq) if v.severity == "Violation"]
    assert not violations, violations
