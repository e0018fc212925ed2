"""Word 97-2003 (.doc, read by antiword) and born-digital PDF fixtures made from a seed
(tests/data/formats/README.md): the text round-trips and the record is the text file's."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import extract_file, extract_text
from kg.read import ReadError, read_source

ROOT = Path(__file__).resolve().parent.parent
FORMATS = ROOT / "tests" / "data" / "formats"
SEED = ROOT / "seeds" / "004_7b31ed35975d8353.txt"
needs_antiword = pytest.mark.skipif(
    shutil.which("antiword") is None, reason="needs antiword (apt-get install antiword)"
)
FIELDS = ("number", "type", "date", "place", "title", "issuer", "signatory", "recipients", "distribution")


def _facts(rec: dict[str, object]) -> dict[str, object]:
    """The record without offsets (the .doc text differs from the seed's in whitespace-only lines)."""

    def strip(o: object) -> object:
        if isinstance(o, dict):
            return {k: strip(v) for k, v in o.items() if k != "span"}
        if isinstance(o, list):
            return [strip(x) for x in o]
        return o

    keep = {k: rec[k] for k in (*FIELDS, "citations", "measures", "assignments", "persons")}
    return strip(keep)  # type: ignore[return-value]


@needs_antiword
def test_doc_text_round_trips() -> None:
    src = read_source(FORMATS / "seed004.doc")
    assert src.encoding == "doc" and not src.warnings
    seed = SEED.read_text(encoding="utf-8")
    # LibreOffice keeps a line holding one space as an empty paragraph: the only difference
    assert [line.rstrip() for line in src.text.split("\n")] == [
        line.rstrip() for line in seed.strip("\n").split("\n")
    ]


@needs_antiword
def test_doc_gives_the_text_files_record() -> None:
    doc = extract_file(FORMATS / "seed004.doc").to_json()
    text = extract_text(SEED.read_text(encoding="utf-8")).to_json()
    assert doc["number"] and doc["signatory"]
    assert _facts(doc) == _facts(text)


@needs_antiword
def test_doc_with_a_header_table() -> None:
    rec = extract_file(FORMATS / "header-table.doc")
    assert (rec.number, rec.type, rec.date, rec.place) == (
        "12/CT-UBND",
        "Chỉ thị",
        "2021-04-03",
        "Bình Phước",
    )
    assert rec.issuer is not None and rec.issuer.name == "Ủy ban nhân dân tỉnh Bình Phước"


def test_doc_without_antiword(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReadError, match="needs antiword: apt-get install antiword"):
        read_source(FORMATS / "seed004.doc")


@needs_antiword
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "not a Word 97-2003 document"),  # damaged OLE2
        (b"{\\rtf1\\ansi Cong van}", "RTF document"),  # RTF saved as .doc (common on portals)
    ],
)
def test_broken_doc(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "x.doc"
    path.write_bytes(data)
    with pytest.raises(ReadError, match=reason):
        read_source(path)


@needs_antiword
def test_truncated_doc_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "cut.doc"
    path.write_bytes((FORMATS / "seed004.doc").read_bytes()[:2000])
    with pytest.raises(ReadError, match="not a Word 97-2003 document"):
        read_source(path)


def test_born_digital_pdf_gives_the_text_files_record() -> None:
    src = read_source(FORMATS / "seed004.pdf")
    assert src.ocr is None and src.encoding == "pdf" and len(src.pages) == 2
    pdf = extract_file(FORMATS / "seed004.pdf").to_json()
    text = extract_text(SEED.read_text(encoding="utf-8")).to_json()
    for field in ("number", "type", "date", "place", "title"):
        assert pdf[field] == text[field], field
    assert _facts(pdf)["issuer"] == _facts(text)["issuer"]
    assert _facts(pdf)["signatory"] == _facts(text)["signatory"]
    assert pdf["ocr"] is None and pdf["pages"] == [list(p) for p in src.pages]
