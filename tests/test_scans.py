"""Scanned documents end to end with the real Tesseract: a seed printed as an image-only PDF and as a
phone photo (bench/scans.py: DejaVu Serif at 200 dpi, skew, blur, specks) gives the text version's
facts, and `kg build` of a mixed folder accounts for every file, says which were OCR'd, and never
reads an unchanged scan twice.

Needs Tesseract's Vietnamese model (tesseract-ocr-vie), tesserocr, poppler-utils and DejaVu fonts
(`.ci/run` installs them); without them these tests are skipped, except under CI, where they fail.
About 20 pages are read by OCR in all (1-2 s each on one core).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from click.testing import CliRunner

import kg.ocr as ocr
from kg.build import build
from kg.cli import main
from kg.pipeline import extract_source, extract_text
from kg.read import read_source
from kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "004_7b31ed35975d8353.txt"
CHAINS = ROOT / "tests" / "corpus" / "chains"
DPI = 200


def _missing() -> str | None:
    try:
        import tesserocr  # noqa: F401
    except ImportError:
        return "the Python package tesserocr"
    if ocr._tessdata() is None:
        return "tesseract-ocr-vie (Tesseract's Vietnamese model)"
    if shutil.which("pdftoppm") is None:
        return "poppler-utils (pdftoppm)"
    if not Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf").exists():
        return "fonts-dejavu-core"
    return None


@pytest.fixture(scope="module", autouse=True)
def tesseract() -> None:
    missing = _missing()
    if missing and os.environ.get("CI"):
        pytest.fail(f"CI must install {missing} (.ci/run)")
    if missing:
        pytest.skip(f"needs {missing}")


@pytest.fixture(scope="module")
def scans(bench_script: Callable[[str], ModuleType]) -> ModuleType:
    return bench_script("scans")


@pytest.fixture(scope="module")
def seed_files(scans: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Seed 004 as a 3-page image-only PDF (scan noise) and as one long PNG photo (photo noise)."""
    d = tmp_path_factory.mktemp("scans")
    text = SEED.read_text(encoding="utf-8")
    return {
        "pdf": scans.write_pdf(scans.page_images(text, DPI, "scan"), d / "seed.pdf", DPI),
        "png": scans.write_png(scans.page_images(text, DPI, "photo", tall=True)[0], d / "seed.png", DPI),
    }


@pytest.fixture(scope="module")
def read(seed_files: dict[str, Path], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Each rendering read once (the OCR cache of this module)."""
    mp = pytest.MonkeyPatch()
    mp.setenv("KG_OCR_CACHE", str(tmp_path_factory.mktemp("ocr-cache")))
    try:
        return {kind: read_source(path) for kind, path in seed_files.items()}
    finally:
        mp.undo()


def _person(rec: dict[str, Any], key: str) -> str | None:
    return (rec[key] or {}).get("name")


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_scanned_seed_gives_the_text_versions_facts(read: dict[str, Any], kind: str) -> None:
    src = read[kind]
    ocr_rec = extract_source(src).to_json()
    text_rec = extract_text(SEED.read_text(encoding="utf-8")).to_json()
    assert text_rec["number"] and text_rec["date"] and text_rec["issuer"] and text_rec["signatory"]
    for field in ("number", "date", "type", "place"):
        assert ocr_rec[field] == text_rec[field], field
    assert _person(ocr_rec, "issuer") == _person(text_rec, "issuer")
    assert _person(ocr_rec, "signatory") == _person(text_rec, "signatory")
    assert ocr_rec["signatory"]["position"] == text_rec["signatory"]["position"]
    assert ocr_rec["ocr"]["engine"].startswith("tesseract") and ocr_rec["ocr"]["language"] == "vie"
    assert ocr_rec["ocr"]["confidence"] >= ocr.LOW_CONFIDENCE and not src.warnings


@pytest.mark.parametrize("kind", ["pdf", "png"])
def test_character_accuracy(read: dict[str, Any], scans: ModuleType, kind: str) -> None:
    text = SEED.read_text(encoding="utf-8")
    printed = "\n".join(scans.printed_text(text, DPI, tall=kind == "png"))
    assert scans.char_accuracy(read[kind].text, printed) >= 0.98


def test_offsets_point_into_the_ocr_text_page_by_page(read: dict[str, Any], scans: ModuleType) -> None:
    src = read["pdf"]
    rec = extract_source(src)
    start, end = rec.spans["number"]
    assert rec.number and rec.number in src.text[start:end]
    assert rec.signatory is not None and rec.signatory.span is not None
    s, e = rec.signatory.span
    assert rec.signatory.name and rec.signatory.name.split()[-1] in src.text[s:e]
    printed = scans.printed_text(SEED.read_text(encoding="utf-8"), DPI)
    assert len(src.pages) == len(printed) == 3 and src.ocr.pages == (1, 2, 3)
    last_start, last_end = src.pages[-1]
    assert last_start <= s < last_end  # the signature is on the last page
    for (a, b), page in zip(src.pages, printed, strict=True):
        assert scans.char_accuracy(src.text[a:b], page) >= 0.95


def test_multi_page_tiff(scans: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_OCR_CACHE", "")
    pages = ["Số 45-KH/HU\nHuyện ủy lập kế hoạch tiêm vắc xin.", "Nơi nhận:\n- Như trên;\n- Lưu Văn phòng."]
    images = [scans.page_images(p, DPI, "scan")[0].crop((0, 0, 1654, 700)) for p in pages]
    src = read_source(scans.write_tiff(images, tmp_path / "two.tiff", DPI))
    assert [scans.char_accuracy(src.text[s:e], p) for (s, e), p in zip(src.pages, pages, strict=True)] == [
        1.0,
        1.0,
    ]


def test_unreadable_page_is_named_in_a_warning(
    scans: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page too blurred to read well: the file is partial, and the warning names the page."""
    from PIL import ImageFilter

    monkeypatch.setenv("KG_OCR_CACHE", "")
    text = (CHAINS / "bp_tu_120_kh.txt").read_text(encoding="utf-8")
    good, *_ = scans.page_images(text, DPI, "scan")
    bad = good.filter(ImageFilter.GaussianBlur(4))
    src = read_source(scans.write_pdf([good, bad], tmp_path / "blurred.pdf", DPI))
    assert src.ocr is not None
    c1, c2 = src.ocr.page_confidence
    assert c1 >= ocr.LOW_CONFIDENCE > c2
    line = f"{ocr.LOW_CONFIDENCE:.0f}"
    expected = f"low OCR confidence on page 2 (mean word confidence {c2:.0f}; below {line}): check the text"
    assert [w for w in src.warnings if "OCR" in w] == [expected]


# -- kg build of a mixed folder ----------------------------------------------------------------------
@pytest.fixture
def mixed(scans: ModuleType, tmp_path: Path) -> Path:
    """Text, .docx, born-digital PDF, scanned PDF and a photo of a page."""
    import docx

    d = tmp_path / "mixed"
    d.mkdir()
    shutil.copy(ROOT / "seeds" / "003_a326883bd8b66b63.txt", d / "letter.txt")
    document = docx.Document()
    for line in (CHAINS / "bp_ubnd_ct_04.txt").read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    document.save(str(d / "directive.docx"))
    shutil.copy(ROOT / "tests" / "data" / "formats" / "seed004.pdf", d / "born-digital.pdf")
    plan = (CHAINS / "bp_tu_120_kh.txt").read_text(encoding="utf-8")
    scans.write_pdf(scans.page_images(plan, DPI, "scan"), d / "scanned.pdf", DPI)
    notice = (CHAINS / "bp_tu_1187_cv.txt").read_text(encoding="utf-8")
    scans.write_png(scans.page_images(notice, DPI, "scan", tall=True)[0], d / "photo.png", DPI)
    return d


def _build(folder: Path, store: Path, *extra: str) -> tuple[int, dict[str, Any]]:
    res = CliRunner().invoke(
        main, ["build", str(folder), "--store", str(store), "--format", "json", "-q", *extra]
    )
    return res.exit_code, json.loads(res.output)


def test_build_of_a_mixed_folder_ocrs_each_scan_once(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_OCR_CACHE", str(tmp_path / "cache"))
    store = tmp_path / "store"
    code, report = _build(mixed, store, "--jobs", "2")
    assert code == 0, report
    files = {Path(f["path"]).name: f for f in report["files"]}
    assert sorted(files) == ["born-digital.pdf", "directive.docx", "letter.txt", "photo.png", "scanned.pdf"]
    assert len(report["files"]) == 5
    assert {n for n, f in files.items() if f["ocr"]} == {"scanned.pdf", "photo.png"}
    assert files["scanned.pdf"]["ocr"]["pages"] == [1, 2] and files["scanned.pdf"]["ocr"]["recognised"] == 2
    assert files["photo.png"]["ocr"]["recognised"] == 1
    for f in files.values():
        assert f["status"] in {"extracted", "partial"}, f
    assert files["scanned.pdf"]["number"] == "120-KH/TU"

    # the table says which files OCR read, with their confidence
    res = CliRunner().invoke(main, ["build", str(mixed), "--store", str(tmp_path / "store2"), "-q"])
    assert "2 files read by OCR: 3 pages, 0 recognised now, 3 from the OCR cache" in res.output
    assert f"{files['scanned.pdf']['ocr']['confidence']} (2 pages)" in res.output

    # re-run: every file unchanged, nothing read again
    code, again = _build(mixed, store)
    assert code == 0 and again["counts"]["unchanged"] == 5 and not any(f["ocr"] for f in again["files"])

    # forced re-extraction without Tesseract: the scans come from the OCR cache
    monkeypatch.setattr(ocr, "_TESSDATA_DIRS", ())
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "nowhere"))
    monkeypatch.setattr(ocr, "_engine", None)
    code, forced = _build(mixed, store, "--force", "--jobs", "2")
    assert code == 0, forced
    refiles = {Path(f["path"]).name: f for f in forced["files"]}
    for name in ("scanned.pdf", "photo.png"):
        assert refiles[name]["ocr"]["recognised"] == 0
        assert refiles[name]["quads"] == files[name]["quads"]
        assert refiles[name]["ocr"]["confidence"] == files[name]["ocr"]["confidence"]

    res = CliRunner().invoke(main, ["query", "scanned-documents", "--store", str(store), "--format", "json"])
    rows = json.loads(res.output)
    assert sorted(Path(r["source"]).name for r in rows) == ["photo.png", "scanned.pdf"]


def test_build_without_tesseract_fails_only_the_scans(
    mixed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_OCR_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setattr(ocr, "_TESSDATA_DIRS", ())
    monkeypatch.setenv("TESSDATA_PREFIX", str(tmp_path / "nowhere"))
    monkeypatch.setattr(ocr, "_engine", None)
    report = build([mixed], OxigraphStore(None), jobs=2, generated_at="2024-01-01T00:00:00Z")
    by_name = {Path(o.path).name: o for o in report.outcomes}
    assert by_name["photo.png"].status == "failed"
    assert by_name["photo.png"].reason == ocr.INSTALL_HINT
    assert by_name["scanned.pdf"].status == "failed"
    assert ocr.INSTALL_HINT in (by_name["scanned.pdf"].reason or "")
    for name in ("letter.txt", "directive.docx", "born-digital.pdf"):
        assert by_name[name].status in {"extracted", "partial"}, by_name[name]
    assert len(report.outcomes) == 5


@pytest.mark.parametrize("size", [(2, 2), (1654, 2339), (5000, 30)])
def test_images_without_text_fail_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """Blank, tiny and odd images: Tesseract finds no word (it used to raise "No text returned")."""
    from PIL import Image

    from kg.read import ReadError

    monkeypatch.setenv("KG_OCR_CACHE", "")
    path = tmp_path / "blank.png"
    Image.new("L", size, 255 if size[1] > 30 else 0).save(path)
    with pytest.raises(ReadError, match="OCR found no text in the image"):
        read_source(path)


def test_blank_page_of_a_scan_is_not_judged(
    scans: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    monkeypatch.setenv("KG_OCR_CACHE", "")
    text = (CHAINS / "bp_tu_120_kh.txt").read_text(encoding="utf-8")
    first = scans.page_images(text, DPI, "scan")[0]
    src = read_source(scans.write_pdf([first, Image.new("L", first.size, 255)], tmp_path / "two.pdf", DPI))
    assert src.ocr is not None and src.ocr.pages == (1, 2)
    s, e = src.pages[1]
    assert s == e and not src.warnings  # the blank back of the sheet: no text, no warning
