"""kg.ocr and the reading of scanned files, without Tesseract: which PDF pages are read by OCR, the
cache, page ranges, the low-confidence warning, and the failure when Tesseract is not installed.

Tesseract itself is replaced by a stand-in that records the pages it is given (``fake_ocr``); the real
engine is exercised by tests/test_scans.py.
"""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

import kg.ocr as ocr
from kg.ocr import INSTALL_HINT, OcrCache, PageText, layer_needs_ocr
from kg.pipeline import extract_source
from kg.read import ReadError, read_source

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
VIET = (
    "Ủy ban nhân dân tỉnh yêu cầu các sở, ban, ngành và Ủy ban nhân dân các huyện thực hiện nghiêm "
    "Công văn số 05-CT/TW ngày 1/4/2021 về tăng cường phòng, chống dịch Covid-19 (kèm theo)."
)
needs_font = pytest.mark.skipif(not FONT.exists(), reason="needs fonts-dejavu-core (DejaVu Serif)")
needs_pdftoppm = pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")


# -- text layers -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("", "empty"),
        ("Trang 2", "empty"),  # a page number or a stamp: too few letters
        (VIET, None),
        ("The Ministry of Health asks every province to strengthen testing and contact tracing.", None),
        ("THÔNG BÁO KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY về công tác phòng, chống dịch", None),
        # OCR noise in a text layer is still text: kg reads it
        ("Tinh uy yeu cau cac cap uy, chinh quyen thuc hien nghiem cac bien phap phong chong dich", None),
        (VIET.encode("utf-8").decode("cp1252", errors="replace"), "garbage"),  # mojibake
        ("(cid:12)(cid:44)(cid:55) " * 20 + "abc def ghi jkl mno pqr stu", "garbage"),  # no Unicode map
        ("\ue012\ue013\ue014 " * 30 + "Ban chỉ đạo phòng chống dịch", "garbage"),  # private-use glyphs
        ("#$%^&*()!@ 12 ab " * 20, "garbage"),  # symbol soup
        ("ÿþ¤¦§¨©ª«¬®¯°±²³´µ¶·¸¹º»¼½¾ Ãæçèéêë ìíîïðñòóôõö " * 5, "garbage"),
    ],
)
def test_layer_needs_ocr(text: str, why: str | None) -> None:
    assert layer_needs_ocr(text) == why


def test_every_corpus_text_is_a_usable_layer() -> None:
    """No document of the corpora (real ones with OCR slips and old fonts included) would be OCR'd."""
    root = Path(__file__).resolve().parent.parent
    files = [
        *root.glob("seeds/*.txt"),
        *root.glob("tests/corpus/chains/*.txt"),
        *root.glob("tests/data/realdocs/*.txt"),
    ]
    assert len(files) > 50
    for f in files:
        assert layer_needs_ocr(f.read_text(encoding="utf-8")) is None, f.name


# -- preprocessing ---------------------------------------------------------------------------------
def _page(dpi: int, lines: int = 30, specks: int = 0) -> Image.Image:
    import random

    size = (round(8.27 * dpi), round(11.69 * dpi))
    img = Image.new("L", size, 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(FONT), round(12 * dpi / 72))
    for i in range(lines):
        draw.text((dpi, dpi + i * font.size * 1.5), VIET[:60], font=font, fill=20)
    rng = random.Random(1)
    for _ in range(specks):
        x, y = rng.randrange(size[0]), rng.randrange(size[1])
        draw.rectangle((x, y, x + 1, y + 1), fill=0)
    return img


@needs_font
def test_stroke_width_follows_resolution_and_ignores_specks() -> None:
    thin, wide = ocr.stroke_width(_page(150)), ocr.stroke_width(_page(300))
    assert thin < ocr.MEDIAN_MIN_STROKE < wide
    # a sparse page covered in specks: the text rows alone are measured
    sparse = ocr.stroke_width(_page(300, lines=3, specks=3000))
    assert abs(sparse - wide) < 0.5


@needs_font
def test_flatten_evens_out_grey_paper() -> None:
    page = _page(150, lines=2)
    shade = Image.linear_gradient("L").resize(page.size).point(lambda v: 255 - 60 * v // 255)
    from PIL import ImageChops

    grey = ImageChops.darker(page, shade)
    flat = ocr.flatten(grey)
    corner_top, corner_bottom = flat.getpixel((5, 5)), flat.getpixel((5, flat.height - 5))
    assert grey.getpixel((5, grey.height - 5)) < 210  # the bottom of the paper was dark grey
    assert corner_top > 240 and corner_bottom > 240  # now white
    assert flat.getextrema()[0] < 60  # and the ink is still ink


# -- the cache -------------------------------------------------------------------------------------
SHA = "ab" * 32


def test_cache_round_trip_and_what_counts_as_a_miss(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path)
    pages = {1: PageText(1, "Số 12/CT-UBND", 91.5, 2), 3: PageText(3, "Nơi nhận", 88.0, 2)}
    cache.save(SHA, "tesseract 5.5.4", pages)
    path = tmp_path / "ab" / f"{SHA}.json"
    assert json.loads(path.read_text(encoding="utf-8"))["settings"] == ocr.SETTINGS
    assert cache.load(SHA) == (pages, "tesseract 5.5.4")
    assert cache.load("cd" * 32) == ({}, None)
    body = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({**body, "settings": "other preprocessing"}), encoding="utf-8")
    assert cache.load(SHA) == ({}, None)  # read with other settings: read again
    path.write_text("{not json", encoding="utf-8")
    assert cache.load(SHA) == ({}, None)
    assert OcrCache(tmp_path).load("../../etc/passwd") == ({}, None)  # only hex digests name files


def test_cache_that_cannot_be_written_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    OcrCache(blocker / "sub").save(SHA, "tesseract", {1: PageText(1, "a", 90.0, 1)})  # no exception


def test_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KG_OCR_CACHE", str(tmp_path / "c"))
    assert ocr.cache_dir() == tmp_path / "c"
    monkeypatch.setenv("KG_OCR_CACHE", "")
    assert ocr.cache_dir() is None
    monkeypatch.delenv("KG_OCR_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert ocr.cache_dir() == tmp_path / "xdg" / "kg" / "ocr"


# -- a stand-in for Tesseract ------------------------------------------------------------------------
class FakeOcr:
    """Records the pages given to Tesseract; each page's text is ``page_texts[n]`` (default: VIET)."""

    def __init__(self) -> None:
        self.calls: list[tuple[int, int | None]] = []
        self.page_texts: dict[int, str] = {}
        self.confidence: dict[int, float] = {}

    def __call__(self, image: Image.Image, number: int = 1, dpi: int | None = None) -> PageText:
        assert image.width > 100 and image.height > 100
        self.calls.append((number, dpi))
        text = self.page_texts.get(number, VIET)
        return PageText(number, text, self.confidence.get(number, 92.0), len(text.split()))


@pytest.fixture
def fake_ocr(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeOcr]:
    fake = FakeOcr()
    monkeypatch.setattr(ocr, "recognise", fake)
    monkeypatch.setattr(ocr, "_get_engine", lambda: None)
    monkeypatch.setattr(ocr, "engine_name", lambda: "tesseract (stand-in)")
    monkeypatch.setenv("KG_OCR_CACHE", str(tmp_path / "ocr-cache"))
    yield fake


def _png(path: Path, size: tuple[int, int] = (600, 800)) -> Path:
    Image.new("L", size, 255).save(path, "PNG", dpi=(200, 200))
    return path


def _scan_pdf(path: Path, pages: int = 1) -> Path:
    """An image-only PDF: blank A4 pages at 200 dpi (what a page shows does not matter to the stand-in)."""
    images = [Image.new("L", (1654, 2339), 255) for _ in range(pages)]
    images[0].save(path, "PDF", resolution=200, save_all=True, append_images=images[1:])
    return path


def _text_pdf(lines: list[str], invisible: bool = False) -> bytes:
    """A one-page A4 PDF whose text layer is ``lines`` in Helvetica (rendering mode 3: invisible, as the
    text layer a scanner's OCR lays over the image)."""
    ops = ["BT", "/F1 11 Tf", "3 Tr" if invisible else "0 Tr", "14 TL", "60 780 Td"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        ops.append(f"({escaped}) '")
    ops.append("ET")
    content = "\n".join(ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.44 842.04] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _overlay(scan: Path, layer: bytes, out: Path) -> Path:
    """The scan's page with ``layer``'s text drawn over it (a scan with a text layer)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=scan)
    writer.pages[0].merge_page(PdfReader(io.BytesIO(layer)).pages[0])
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def _concat(parts: list[Path], out: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for p in parts:
        for page in PdfReader(p).pages:
            writer.add_page(page)
    with out.open("wb") as fh:
        writer.write(fh)
    return out


ROOT = Path(__file__).resolve().parent.parent
BORN_DIGITAL = ROOT / "tests" / "data" / "formats" / "seed004.pdf"
LETTERS = "Nguoi ky: So Y te tinh Binh Phuoc. Thoi gian ky: 01.05.2021"


# -- which PDF pages are read by OCR -----------------------------------------------------------------
@needs_pdftoppm
def test_a_usable_text_layer_is_never_ocrd(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    src = read_source(BORN_DIGITAL)
    assert fake_ocr.calls == [] and src.ocr is None and src.encoding == "pdf"
    assert len(src.pages) == 2


@needs_pdftoppm
def test_image_only_pdf_pages_are_ocrd_at_the_scan_resolution(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    fake_ocr.page_texts = {1: "Số 12/CT-UBND\nTrang một", 2: "Trang hai của văn bản"}
    src = read_source(_scan_pdf(tmp_path / "scan.pdf", pages=2))
    assert fake_ocr.calls == [(1, 200), (2, 200)]  # rendered at the 200 dpi of the scan
    assert src.text == "Số 12/CT-UBND\nTrang một\nTrang hai của văn bản"
    assert [src.text[s:e] for s, e in src.pages] == ["Số 12/CT-UBND\nTrang một", "Trang hai của văn bản"]
    assert src.ocr is not None and src.ocr.pages == (1, 2) and src.encoding == "pdf+ocr"
    assert src.ocr.engine == "tesseract (stand-in)" and src.ocr.language == "vie"
    assert src.ocr_recognised == 2


@needs_pdftoppm
def test_mixed_pdf_only_the_scanned_page_is_ocrd(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    fake_ocr.page_texts = {3: "Trang quét: Nơi nhận - Lưu VT."}
    mixed = _concat([BORN_DIGITAL, _scan_pdf(tmp_path / "scan.pdf")], tmp_path / "mixed.pdf")
    src = read_source(mixed)
    assert [n for n, _ in fake_ocr.calls] == [3]
    assert src.ocr is not None and src.ocr.pages == (3,)
    born = read_source(BORN_DIGITAL)
    assert src.text == born.text + "\nTrang quét: Nơi nhận - Lưu VT."
    s, e = src.pages[2]
    assert src.text[s:e] == "Trang quét: Nơi nhận - Lưu VT."
    record = extract_source(src)
    assert record.number == extract_source(born).number  # facts of the text pages unchanged
    assert record.to_json()["ocr"]["pages"] == [3]
    assert record.to_json()["pages"] == [list(p) for p in src.pages]


@needs_pdftoppm
def test_garbage_text_layer_over_a_scan_is_replaced(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    junk = ["ÿþ¤¦§¨©ª«¬®¯°±²³ ´µ¶·¸¹º»¼½¾ ×÷ " * 3] * 6
    pdf = _overlay(_scan_pdf(tmp_path / "s.pdf"), _text_pdf(junk, invisible=True), tmp_path / "g.pdf")
    assert layer_needs_ocr(read_layer(pdf)) == "garbage"
    src = read_source(pdf)
    assert [n for n, _ in fake_ocr.calls] == [1]
    assert src.text == VIET


@needs_pdftoppm
def test_short_layer_over_a_scan_gives_way_to_the_scan(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    """A signature note ("Người ký: ...") as the only text of a scanned page."""
    pdf = _overlay(_scan_pdf(tmp_path / "s.pdf"), _text_pdf([LETTERS]), tmp_path / "signed.pdf")
    src = read_source(pdf)
    assert [n for n, _ in fake_ocr.calls] == [1]
    assert src.text == VIET and src.ocr is not None


@needs_pdftoppm
def test_short_layer_stays_when_the_scan_says_no_more(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    fake_ocr.page_texts = {1: "Người ký"}
    pdf = _overlay(_scan_pdf(tmp_path / "s.pdf"), _text_pdf([LETTERS]), tmp_path / "signed.pdf")
    src = read_source(pdf)
    assert src.text == LETTERS and src.ocr is None


def test_short_layer_without_a_scan_is_kept(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    pdf = tmp_path / "short.pdf"
    pdf.write_bytes(_text_pdf([LETTERS]))
    src = read_source(pdf)
    assert fake_ocr.calls == [] and src.text == LETTERS


def read_layer(pdf: Path) -> str:
    from pypdf import PdfReader

    return PdfReader(pdf).pages[0].extract_text()


# -- images ------------------------------------------------------------------------------------------
def test_multi_page_tiff_every_frame_is_a_page(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    fake_ocr.page_texts = {1: "Trang một có chữ", 2: "Trang hai có chữ", 3: "Trang ba có chữ"}
    frames = [Image.new("L", (400 + 10 * i, 500), 255) for i in range(3)]
    tif = tmp_path / "scan.tif"
    frames[0].save(tif, "TIFF", save_all=True, append_images=frames[1:], dpi=(300, 300))
    src = read_source(tif)
    assert fake_ocr.calls == [(1, 300), (2, 300), (3, 300)]
    assert [src.text[s:e] for s, e in src.pages] == [
        "Trang một có chữ",
        "Trang hai có chữ",
        "Trang ba có chữ",
    ]
    assert src.encoding == "image+ocr"


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.png", "PNG"), ("b.jpg", "JPEG"), ("c.jpeg", "JPEG"), ("d.tiff", "TIFF")]
)
def test_image_kinds(fake_ocr: FakeOcr, tmp_path: Path, name: str, fmt: str) -> None:
    path = tmp_path / name
    Image.new("RGB", (300, 400), "white").save(path, fmt)
    assert read_source(path).text == VIET


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("fake.png", b"just some text, not an image", "not a PNG, JPEG or TIFF image"),
        ("cut.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image"),
        ("cut.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 40, "image"),
    ],
)
def test_broken_images_fail_with_the_reason(
    fake_ocr: FakeOcr, tmp_path: Path, name: str, data: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReadError) as e:
        read_source(path)
    assert reason in e.value.reason and e.value.path == str(path)
    assert fake_ocr.calls == []


def test_image_without_text_fails(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    fake_ocr.page_texts = {1: "- ."}
    with pytest.raises(ReadError, match="OCR found no text in the image"):
        read_source(_png(tmp_path / "blank.png"))


# -- confidence --------------------------------------------------------------------------------------
@needs_pdftoppm
def test_low_confidence_pages_are_named_and_make_the_record_partial(
    fake_ocr: FakeOcr, tmp_path: Path
) -> None:
    fake_ocr.confidence = {2: 61.0, 3: 40.0}
    fake_ocr.page_texts = {3: "- -"}  # a blank back page: too few words to judge
    src = read_source(_scan_pdf(tmp_path / "scan.pdf", pages=3))
    assert src.ocr is not None and src.ocr.page_confidence == (92.0, 61.0, 40.0)
    words = [len(t.split()) for t in (VIET, VIET)]
    assert src.ocr.confidence == round((92.0 * words[0] + 61.0 * words[1] + 40.0 * 2) / (sum(words) + 2), 1)
    low = [w for w in src.warnings if "OCR confidence" in w]
    line = f"{ocr.LOW_CONFIDENCE:.0f}"
    assert low == [f"low OCR confidence on page 2 (mean word confidence 61; below {line}): check the text"]
    assert low[0] in extract_source(src).warnings


def test_confident_ocr_is_no_warning(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    src = read_source(_png(tmp_path / "p.png"))
    assert not src.warnings and src.ocr is not None and src.ocr.confidence == 92.0


# -- the cache in use --------------------------------------------------------------------------------
def test_an_unchanged_scan_is_never_read_twice(fake_ocr: FakeOcr, tmp_path: Path) -> None:
    first = read_source(_png(tmp_path / "p.png"))
    copy = tmp_path / "copy.png"
    shutil.copy(tmp_path / "p.png", copy)  # same bytes under another name
    again = read_source(copy)
    assert len(fake_ocr.calls) == 1
    assert again.text == first.text and again.ocr == first.ocr
    assert (first.ocr_recognised, again.ocr_recognised) == (1, 0)
    _png(copy, size=(601, 800))  # changed content: read again
    read_source(copy)
    assert len(fake_ocr.calls) == 2


# -- Tesseract not installed --------------------------------------------------------------------------
@pytest.fixture
def no_tesseract(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No Vietnamese model anywhere kg looks, and an empty OCR cache."""
    monkeypatch.setattr(ocr, "_TESSDATA_DIRS", ())
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "nowhere"))
    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setenv("KG_OCR_CACHE", str(tmp_path / "ocr-cache"))


def test_without_tesseract_an_image_fails_with_the_apt_line(no_tesseract: None, tmp_path: Path) -> None:
    with pytest.raises(ReadError) as e:
        read_source(_png(tmp_path / "photo.png"))
    assert (
        e.value.reason == INSTALL_HINT == "install tesseract-ocr and tesseract-ocr-vie to read scanned files"
    )


def test_without_the_binding_an_image_fails_with_the_apt_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import sys

    monkeypatch.setitem(sys.modules, "tesserocr", None)  # import fails
    monkeypatch.setattr(ocr, "_engine", None)
    monkeypatch.setenv("KG_OCR_CACHE", "")
    with pytest.raises(ReadError, match=INSTALL_HINT):
        read_source(_png(tmp_path / "photo.png"))


@needs_pdftoppm
def test_without_tesseract_a_scanned_pdf_fails_and_a_mixed_one_is_partial(
    no_tesseract: None, tmp_path: Path
) -> None:
    with pytest.raises(ReadError, match=f"no text layer.*{INSTALL_HINT}"):
        read_source(_scan_pdf(tmp_path / "scan.pdf"))
    mixed = _concat([BORN_DIGITAL, _scan_pdf(tmp_path / "scan.pdf")], tmp_path / "mixed.pdf")
    src = read_source(mixed)
    assert src.text == read_source(BORN_DIGITAL).text + "\n"  # the scanned page is there, empty
    assert src.warnings == (f"page 3 not read (no usable text layer): {INSTALL_HINT}",)
    assert src.ocr is None


def test_without_pdftoppm_a_scanned_pdf_fails_with_the_package(
    fake_ocr: FakeOcr, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    pdf = _scan_pdf(tmp_path / "scan.pdf")
    monkeypatch.setenv("PATH", str(tmp_path / "empty-bin"))
    with pytest.raises(ReadError, match="install poppler-utils"):
        read_source(pdf)


def test_without_tesseract_text_files_are_read_as_before(no_tesseract: None) -> None:
    src = read_source(ROOT / "seeds" / "004_7b31ed35975d8353.txt")
    assert src.ocr is None and src.pages == ()


def test_sixteen_bit_scans_keep_their_ink() -> None:
    import numpy as np

    page = np.full((40, 60), 60000, dtype=np.uint16)
    page[10:20, 10:50] = 1000
    grey = ocr._greyscale(Image.fromarray(page))
    assert grey.mode == "L" and grey.getextrema() == (3, 233)  # Pillow's own conversion gives (255, 255)
    assert ocr._greyscale(Image.new("CMYK", (4, 4), (0, 0, 0, 255))).getextrema()[1] < 10
    assert ocr._greyscale(Image.new("LA", (4, 4), (0, 0))).getextrema() == (255, 255)  # transparent: paper
