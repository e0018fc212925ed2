"""Legacy Vietnamese font codes (TCVN3/ABC, VNI-Windows): detection, conversion, no false alarms."""

from __future__ import annotations

import subprocess
import unicodedata
from pathlib import Path

import pytest

from kg.gazetteer import load_table
from kg.legacy import convert_tcvn3, convert_vni, detect_legacy, encode_tcvn3, encode_vni, repair_legacy
from kg.read import read_source

ROOT = Path(__file__).resolve().parent
CORPUS = sorted((ROOT / "corpus" / "chains").glob("*.txt"))
REAL = sorted((ROOT / "data" / "realdocs").glob("*.txt"))

SAMPLE = (
    "TỈNH ỦY HÀ GIANG\n"
    "Số 1042-CV/TU\n"
    "V/v tăng cường công tác tuyên truyền, định hướng dư luận trong phòng, chống dịch Covid-19\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\n"
    "Hà Giang, ngày 24 tháng 5 năm 2021\n"
    "Kính gửi: Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy.\n"
    "Thực hiện Công văn số 612-CV/BTGTW ngày 20/5/2021 của Ban Tuyên giáo Trung ương.\n"
    "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\nThào Hồng Sơn\n"
)


@pytest.mark.parametrize(
    ("tcvn3", "unicode"),
    [
        ("C«ng v¨n", "Công văn"),
        ("Ban Th­êng vô TØnh ñy", "Ban Thường vụ Tỉnh ủy"),
        ("phßng, chèng dÞch", "phòng, chống dịch"),
        ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM", "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("§¶NG CéNG S¶N VIÖT NAM", "ĐẢNG CỘNG SẢN VIỆT NAM"),
        ("Sè 12-CV/TU", "Số 12-CV/TU"),
        ("Tæ chøc thùc hiÖn", "Tổ chức thực hiện"),
    ],
)
def test_tcvn3_conversion(tcvn3: str, unicode: str) -> None:
    assert convert_tcvn3(tcvn3) == unicode


@pytest.mark.parametrize(
    ("vni", "unicode"),
    [
        ("Xin chaøo caùc baïn", "Xin chào các bạn"),
        ("Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam", "Cộng hòa xã hội chủ nghĩa Việt Nam"),
        ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        ("Ñoäc laäp - Töï do - Haïnh phuùc", "Độc lập - Tự do - Hạnh phúc"),
        ("Ban Thöôøng vuï Tænh uûy", "Ban Thường vụ Tỉnh ủy"),
    ],
)
def test_vni_conversion(vni: str, unicode: str) -> None:
    assert convert_vni(vni) == unicode


def test_tcvn3_table_agrees_with_glibc() -> None:
    rows = load_table("tcvn3")
    assert len(rows) >= 85
    try:
        probe = subprocess.run(["iconv", "-l"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        pytest.skip("iconv not available")
    if "TCVN5712-1" not in probe.stdout:
        pytest.skip("this iconv has no TCVN5712-1")
    data = bytes(int(r["byte"], 16) for r in rows)
    out = subprocess.run(["iconv", "-f", "TCVN5712-1", "-t", "UTF-8"], input=data, capture_output=True)
    assert out.stdout.decode("utf-8") == "".join(r["unicode"] for r in rows)


def test_vni_table_is_complete() -> None:
    """Every Vietnamese letter, both cases, has a VNI form."""
    table = {r["unicode"] for r in load_table("vni")}
    for base in "aăâeêioôơuưy":
        for tone in ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            ch = unicodedata.normalize("NFC", base + tone)
            if ch.isascii():
                continue
            assert ch in table and ch.upper() in table, ch
    assert {"đ", "Đ"} <= table


@pytest.mark.parametrize("path", CORPUS + REAL, ids=lambda p: p.name)
def test_no_false_alarm_on_unicode_documents(path: Path) -> None:
    assert detect_legacy(read_source(path).text) is None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_round_trip_of_corpus(path: Path) -> None:
    text = unicodedata.normalize("NFC", read_source(path).text)
    t = repair_legacy(encode_tcvn3(text))
    assert t is not None and t.encoding == "tcvn3"
    assert t.text.lower() == text.lower()  # capitals are lost by the .Vn*H fonts, restored where evident
    v = repair_legacy(encode_vni(text))
    assert v is not None and v.encoding == "vni"
    assert v.text == text


def test_capitals_of_uppercase_fonts_are_restored() -> None:
    got = repair_legacy(encode_tcvn3(SAMPLE))
    assert got is not None
    assert got.text.splitlines()[0] == "TỈNH ỦY HÀ GIANG"
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in got.text
    assert "Số 1042-CV/TU" in got.text and "Tỉnh ủy" in got.text


def test_mixed_document_converts_only_legacy_lines() -> None:
    legacy = encode_tcvn3(SAMPLE)
    mixed = legacy + "Phần thân văn bản bằng Unicode: các đồng chí thực hiện.\n"
    got = repair_legacy(mixed)
    assert got is not None
    assert got.text.endswith("Phần thân văn bản bằng Unicode: các đồng chí thực hiện.\n")


def test_tcvn3_keeps_offsets() -> None:
    legacy = encode_tcvn3(SAMPLE)
    got = repair_legacy(legacy)
    assert got is not None and len(got.text) == len(legacy)


@pytest.mark.parametrize(
    "text",
    [
        "Müller, Ørsted and Ångström wrote « façade » — déjà vu; 30°C ± 2 × 3 ÷ 4 ¶ § ©",
        "Nhiệt độ 30°C, giá 1.000 €; email: a@b.vn; Ðảng ủy (Ð in place of Đ)",
        "",
        "ASCII only, no accents at all.",
    ],
)
def test_foreign_or_plain_text_is_left_alone(text: str) -> None:
    assert detect_legacy(text) is None


def test_warning_names_the_encoding() -> None:
    got = repair_legacy(encode_vni(SAMPLE))
    assert got is not None and "VNI" in got.warning and "converted to Unicode" in got.warning
    got = repair_legacy(encode_tcvn3(SAMPLE))
    assert got is not None and "TCVN3" in got.warning


def _unknown_font(text: str) -> str:
    """The text in a made-up 8-bit font code (as a font kg has no table for would leave it): every
    letter with a diacritic becomes a Latin-1 symbol, as such fonts put their letters there."""
    symbols = "¢£¤¥¦§¨ª«¬®¯±²³´µ¶·¸¹º»¼½¾¿×÷þÞ"
    out = []
    for ch in unicodedata.normalize("NFC", text):
        out.append(symbols[ord(ch) % len(symbols)] if ord(ch) > 0x7F else ch)
    return "".join(out)


def test_text_in_an_unknown_font_code_is_warned_not_extracted(tmp_path: Path) -> None:
    from kg.build import build
    from kg.legacy import not_vietnamese_warning
    from kg.store import MemoryStore

    garbled = _unknown_font(SAMPLE * 3)
    warning = not_vietnamese_warning(garbled)
    assert warning is not None and warning.startswith("the text does not read as Vietnamese")
    # read_source takes part of this made-up code for TCVN3 and converts it: still no Vietnamese
    converted = repair_legacy(garbled)
    assert converted is not None and not_vietnamese_warning(converted.text) is not None
    f = tmp_path / "unknown-font.txt"
    f.write_text(garbled, encoding="utf-8")
    (tmp_path / "good.txt").write_text(SAMPLE, encoding="utf-8")
    report = build([tmp_path], MemoryStore(), jobs=1, generated_at="2024-05-01T12:00:00Z")
    by = {Path(o.path).name: o for o in report.outcomes}
    assert by["unknown-font.txt"].status == "partial"
    assert "does not read as Vietnamese" in (by["unknown-font.txt"].reason or "")
    assert "does not read as Vietnamese" not in (by["good.txt"].reason or "")


@pytest.mark.parametrize(
    "path", [*CORPUS, *sorted((ROOT.parent / "seeds").glob("*.txt"))], ids=lambda p: p.name
)
def test_vietnamese_documents_read_as_vietnamese(path: Path) -> None:
    from kg.legacy import not_vietnamese_warning

    assert not_vietnamese_warning(read_source(path).text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Cong van ve viec tang cuong phong chong dich Covid-19 tren dia ban tinh",  # no diacritics
        "Tăng cường công tác phòng chống dịch; Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy thực hiện nghiêm",
        "Số 12",  # too short to judge
        SAMPLE,
        encode_tcvn3(SAMPLE),  # a known legacy code: converted by read_source, not garbled
    ],
)
def test_no_garbled_warning_for_vietnamese(text: str) -> None:
    from kg.legacy import not_vietnamese_warning

    source = repair_legacy(text)
    assert not_vietnamese_warning(source.text if source else text) is None


def test_ocr_of_a_font_kg_does_not_know_is_warned() -> None:
    """An OCR of a page in an unknown font: letters dropped or misread as Latin-1 letters and digits."""
    from kg.legacy import not_vietnamese_warning

    ocr = (
        "Kïnh gäi: C«c huyÖn ñy, thµnh ñy. Thùc hiÖn c«ng v¨n sè 12, yªu cÇu c«c c¬ quan tæ chøc "
        "thùc hiÖn nghiªm. Tæng Liªn ®oµn ®Ò nghÞ c«c ®¬n vÞ b«o c«o kÕt qu¶ vÒ Ban Th­êng vô. "
    ) * 2
    ocr = ocr.replace("«", "ü").replace("µ", "ä")
    assert not_vietnamese_warning(ocr) is not None
