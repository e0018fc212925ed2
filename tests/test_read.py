"""Reading hostile and odd inputs: each ends in text (with a specific warning) or a specific ReadError."""

from __future__ import annotations

import io
import os
import unicodedata
import zipfile
from pathlib import Path

import pytest

import kg.read
from kg.inspect_text import document_starts, pasted_documents_warning
from kg.legacy import encode_tcvn3, encode_vni
from kg.pipeline import extract_text
from kg.read import ReadError, decode_bytes, html_to_text, read_source

ROOT = Path(__file__).resolve().parent
DOC = (ROOT / "corpus" / "chains" / "hg_tu_1042_cv.txt").read_text(encoding="utf-8")
DOC2 = (ROOT / "corpus" / "chains" / "bp_tu_120_kh.txt").read_text(encoding="utf-8")


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _reason(path: Path) -> str:
    with pytest.raises(ReadError) as err:
        read_source(path)
    assert str(err.value).startswith(str(path) + ": ")
    return err.value.reason


# -- refused inputs: (file name, bytes, words the reason must contain) --------------------------------
REFUSED = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b" \n\t\r\n  ", "only whitespace"),
    ("nul.txt", b"abc\x00\x01\x02def" * 100, "binary file (contains NUL bytes)"),
    ("random.txt", bytes((i * 7919 + 13) % 256 for i in range(1, 20000) if (i * 7919 + 13) % 256), "binary"),
    ("image.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "PNG image"),
    ("photo.txt", b"\xff\xd8\xff\xe0" + b"JFIF" * 100, "JPEG image"),
    ("old.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "old Microsoft Office binary file"),
    ("doc.rtf.txt", b"{\\rtf1\\ansi Cong van}", "RTF document"),
    ("digits.txt", b"12345 67890\n2021-05-24\n", "no letters"),
    ("not.docx", b"Hello, I am text", "not a .docx file (no ZIP signature)"),
    ("not.pdf", b"Hello, I am text", "not a .pdf file (no %PDF signature)"),
]


@pytest.mark.parametrize(("name", "data", "expected"), REFUSED, ids=[r[0] for r in REFUSED])
def test_refused_with_specific_reason(tmp_path: Path, name: str, data: bytes, expected: str) -> None:
    assert expected in _reason(_write(tmp_path, name, data))


def _zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


def test_zip_that_is_not_a_docx(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.docx", _zip_bytes({"hello.txt": b"hi"}))
    assert "without word/document.xml" in _reason(p)


def test_damaged_docx(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.docx", b"PK\x03\x04" + b"\x00garbage" * 50)
    assert "not a readable .docx" in _reason(p)


def test_zip_bomb_docx_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.read, "MAX_UNZIPPED", 1_000_000)
    p = _write(tmp_path, "bomb.docx", _zip_bytes({"word/document.xml": b"<a/>" + b" " * 2_000_000}))
    assert "zip bomb" in _reason(p)


def test_damaged_pdf(tmp_path: Path) -> None:
    p = _write(tmp_path, "a.pdf", b"%PDF-1.4\n" + b"garbage\n" * 100)
    reason = _reason(p)
    assert "not a readable .pdf" in reason or "no text layer" in reason


# -- files the system refuses ------------------------------------------------------------------------
def test_missing_file(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt") == "no such file"


def test_directory(tmp_path: Path) -> None:
    assert _reason(tmp_path) == "is a directory"


def test_symlink_loop_file(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.symlink_to(b)
    b.symlink_to(a)
    assert _reason(a) == "symbolic link loop"


def test_fifo_does_not_block(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    assert "not a regular file" in _reason(fifo)


@pytest.mark.skipif(os.geteuid() == 0, reason="running as root: chmod 000 does not stop root from reading")
def test_unreadable_file_real_permissions(tmp_path: Path) -> None:
    p = _write(tmp_path, "secret.txt", DOC.encode())
    p.chmod(0)
    try:
        assert "permission denied" in _reason(p)
    finally:
        p.chmod(0o644)


def test_unreadable_file_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path, "secret.txt", DOC.encode())

    def denied(*args: object, **kwargs: object) -> object:
        raise PermissionError(13, "Permission denied", str(p))

    monkeypatch.setattr(kg.read, "open", denied, raising=False)
    assert _reason(p) == "permission denied: cannot read the file"


def test_io_error_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    p = _write(tmp_path, "flaky.txt", DOC.encode())

    def eio(*args: object, **kwargs: object) -> object:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(kg.read, "open", eio, raising=False)
    assert _reason(p) == "cannot read (Input/output error)"


# -- size limits -------------------------------------------------------------------------------------
def test_50_mb_file_is_refused_fast_without_reading_it(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    line = ("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy tổ chức thực hiện nghiêm túc. " * 4 + "\n").encode()
    with open(p, "wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert p.stat().st_size >= 50 * 1024 * 1024
    reason = _reason(p)
    assert reason.startswith("file too large (50.0 MB; kg reads text files up to 16.0 MB)")


def test_large_document_reads_in_reasonable_time(tmp_path: Path) -> None:
    body = (DOC + "\n") * (3 * 1024 * 1024 // len(DOC.encode()))  # ~3 MB of text
    p = _write(tmp_path, "big.txt", body.encode())
    src = read_source(p)
    assert len(src.text) == len(body)


def test_text_longer_than_limit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kg.read, "MAX_CHARS", 1000)
    p = _write(tmp_path, "long.txt", DOC.encode())
    assert "text too long" in _reason(p)


# -- decoded with a warning --------------------------------------------------------------------------
def test_truncated_utf8(tmp_path: Path) -> None:
    data = DOC.encode()[:-1] + "ệ".encode()[:2]
    src = read_source(_write(tmp_path, "cut.txt", data))
    assert src.encoding == "utf-8"
    assert src.warnings == ("truncated UTF-8: the last character was cut off and replaced",)
    assert src.text.endswith("\ufffd")


def test_a_few_bad_bytes_in_utf8(tmp_path: Path) -> None:
    data = DOC.encode()
    data = data[:500] + b"\xff\xfe" + data[500:]
    src = read_source(_write(tmp_path, "bad.txt", data))
    assert src.encoding == "utf-8"
    assert "invalid UTF-8 byte sequences replaced" in src.warnings[0]
    assert "first at byte 500" in src.warnings[0]


def test_stray_nul_bytes_late_in_file(tmp_path: Path) -> None:
    data = DOC.encode() * 10
    data = data[:-100] + b"\x00" + data[-100:]
    src = read_source(_write(tmp_path, "nul.txt", data))
    assert src.warnings == ("1 stray NUL bytes removed",)


def _cp1258_form(text: str) -> str:
    """Windows-1258 spelling: precomposed â ê ô ă ơ ư, tone marks as separate combining characters."""
    out = []
    for ch in text:
        d = unicodedata.normalize("NFD", ch)
        tones = "".join(c for c in d if c in "\u0300\u0301\u0303\u0309\u0323")
        base = unicodedata.normalize("NFC", "".join(c for c in d if c not in tones))
        out.append(base + tones)
    return "".join(out)


def test_windows_1258(tmp_path: Path) -> None:
    data = _cp1258_form(DOC).encode("cp1258")
    src = read_source(_write(tmp_path, "cp.txt", data))
    assert src.encoding == "cp1258"
    assert unicodedata.normalize("NFC", src.text) == unicodedata.normalize("NFC", DOC)
    assert "decoded as Windows-1258" in src.warnings[0]
    assert extract_text(src.text).number == "1042-CV/TU"


def test_tcvn3_bytes(tmp_path: Path) -> None:
    data = encode_tcvn3(DOC).encode("latin-1")
    src = read_source(_write(tmp_path, "abc.txt", data))
    assert src.encoding == "tcvn3"
    assert src.warnings[0].startswith("legacy TCVN3 (ABC, .VnTime fonts) encoding detected")
    assert src.text.lower() == unicodedata.normalize("NFC", DOC).lower()
    rec = extract_text(src.text)
    assert rec.number == "1042-CV/TU" and rec.date == "2021-05-24"


def test_vni_bytes(tmp_path: Path) -> None:
    data = encode_vni(DOC).encode("cp1252")
    src = read_source(_write(tmp_path, "vni.txt", data))
    assert src.encoding == "vni"
    assert src.text == unicodedata.normalize("NFC", DOC)
    assert "VNI-Windows" in src.warnings[0]


def test_tcvn3_saved_as_utf8(tmp_path: Path) -> None:
    """A .VnTime document copied into a UTF-8 file keeps the font's code points."""
    src = read_source(_write(tmp_path, "abc-utf8.txt", encode_tcvn3(DOC).encode("utf-8")))
    assert src.encoding == "utf-8+tcvn3"
    assert extract_text(src.text).number == "1042-CV/TU"


def test_tcvn3_docx(tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    d = docx.Document()
    for line in encode_tcvn3(DOC).splitlines():
        d.add_paragraph(line)
    p = tmp_path / "old.docx"
    d.save(str(p))
    src = read_source(p)
    assert src.encoding == "docx+tcvn3"
    assert "Ban Thường vụ Tỉnh ủy" in src.text


def test_nfd_text(tmp_path: Path) -> None:
    src = read_source(_write(tmp_path, "nfd.txt", unicodedata.normalize("NFD", DOC).encode()))
    assert src.encoding == "utf-8" and src.warnings == ()
    rec = extract_text(src.text)
    assert rec.number == "1042-CV/TU"
    s, e = rec.spans["number"]
    assert unicodedata.normalize("NFC", src.text[s:e]).endswith("1042-CV/TU")


@pytest.mark.parametrize("enc", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_unicode_encodings(tmp_path: Path, enc: str) -> None:
    src = read_source(_write(tmp_path, "u.txt", DOC.encode(enc)))
    assert src.text == DOC and src.warnings == ()


def test_truncated_utf16(tmp_path: Path) -> None:
    src = read_source(_write(tmp_path, "u16.txt", DOC.encode("utf-16")[:-1]))
    assert src.warnings == ("truncated utf-16: the last character was cut off and replaced",)


def test_html_page(tmp_path: Path) -> None:
    html = (
        "<!DOCTYPE html><html><head><title>Cổng thông tin</title><script>var x = '<p>no</p>';</script>"
        "<style>p {color: red}</style></head><body>"
        + "".join(f"<p>{line}</p>" for line in DOC.splitlines() if line.strip())
        + "<p>A &amp; B &lt;C&gt;</p></body></html>"
    )
    src = read_source(_write(tmp_path, "page.txt", html.encode()))
    assert src.encoding == "utf-8+html"
    assert "var x" not in src.text and "color" not in src.text and "A & B <C>" in src.text
    assert extract_text(src.text).number == "1042-CV/TU"


def test_html_to_text_keeps_blocks() -> None:
    assert html_to_text("<div>Số 12-CV/TU</div><div>Hà Nội</div>") == "Số 12-CV/TU\n\nHà Nội"


def test_decode_bytes_plain() -> None:
    assert decode_bytes("Công văn".encode()) == ("Công văn", "utf-8", ())


# -- several documents pasted together ---------------------------------------------------------------
def test_single_documents_are_not_flagged() -> None:
    for path in sorted((ROOT / "corpus" / "chains").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        assert pasted_documents_warning(text) is None, path.name


def test_pasted_documents_are_flagged_with_offsets() -> None:
    text = DOC + "\n\n" + DOC2 + "\n\n" + DOC
    starts = document_starts(text)
    assert len(starts) == 3
    assert starts[1] >= len(DOC) and starts[2] >= len(DOC) + len(DOC2)
    warning = pasted_documents_warning(text)
    assert warning is not None
    assert warning.startswith("several documents pasted together: 3 headers at offsets ")


def test_pasted_signature_blocks_without_headers() -> None:
    body = "Các cấp ủy thực hiện nghiêm túc công văn này. " * 20
    text = f"{body}\nNơi nhận:\n- Như trên,\n- Lưu.\n\n{body}\nNơi nhận:\n- Như trên.\n"
    warning = pasted_documents_warning(text)
    assert warning is not None and "2 signature blocks" in warning


def test_pasted_warning_reaches_the_record() -> None:
    rec = extract_text(DOC + "\n\n" + DOC2)
    assert any(w.startswith("several documents pasted together") for w in rec.warnings)
