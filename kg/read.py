"""Read a document file into text: .txt/.md (UTF-8 with or without BOM, UTF-16, UTF-32, Windows-1258),
.docx (python-docx) and .pdf (pypdf text layer).

Every failure is a :class:`ReadError` naming the file and the problem; nothing else escapes.
"""

from __future__ import annotations

import codecs
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["ReadError", "Source", "decode_bytes", "read_source", "SUPPORTED_SUFFIXES"]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}
MAX_BYTES = 64 * 1024 * 1024


class ReadError(Exception):
    """A file that cannot be turned into text. ``str(err)`` is ``"PATH: reason"``."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class Source:
    path: str  # as given by the caller
    text: str  # decoded, not normalised
    sha256: str  # of the file's bytes
    encoding: str
    warnings: tuple[str, ...] = field(default=())


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: Vietnamese text has many NULs in one byte column."""
    if len(data) < 4 or len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes of a text document; returns ``(text, encoding, warnings)``."""
    if not data.strip():
        raise ReadError(path, "empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(enc), enc, ()
            except UnicodeDecodeError as e:
                raise ReadError(path, f"invalid {enc} text at byte {e.start}") from None
    u16 = _looks_utf16(data)
    if u16:
        try:
            return data.decode(u16), u16, ()
        except UnicodeDecodeError:
            pass
    if b"\x00" in data[:8192]:
        raise ReadError(path, "binary file (contains NUL bytes), not a text document")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            text = data.decode("utf-8", errors="replace")
            return text, "utf-8", ("truncated UTF-8: the last character was cut off and replaced",)
        bad = data.count(b"\xef\xbf\xbd")
        valid_prefix = e.start
    # Not UTF-8: Windows-1258 is the legacy code page of Vietnamese Windows.
    text = data.decode("cp1258", errors="replace")
    return (
        text,
        "cp1258",
        (f"not valid UTF-8 (first bad byte at {valid_prefix}); decoded as Windows-1258" + (f", {bad} replacement characters" if bad else ""),),
    )


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as e:  # pragma: no cover - declared dependency
        raise ReadError(str(path), "reading .docx needs python-docx (pip install python-docx)") from e
    try:
        document = docx.Document(str(path))
    except Exception as e:  # noqa: BLE001 - python-docx raises many types for bad files
        raise ReadError(str(path), f"not a readable .docx file ({type(e).__name__})") from None
    lines: list[str] = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                if cell.text not in cells:
                    cells.append(cell.text)
            lines.extend(cells)
    return "\n".join(lines)


def _read_pdf(path: Path) -> str:
    try:
        from pypdf import PdfReader
    except ImportError as e:  # pragma: no cover - declared dependency
        raise ReadError(str(path), "reading .pdf needs pypdf (pip install pypdf)") from e
    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as e:  # noqa: BLE001 - pypdf raises many types for bad files
        raise ReadError(str(path), f"not a readable .pdf file ({type(e).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError(str(path), "the PDF has no text layer (scanned image?); run OCR first")
    return text


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read one document file. Raises :class:`ReadError` with a clear reason."""
    shown = str(path)
    p = Path(path)
    try:
        if p.is_dir():
            raise ReadError(shown, "is a directory")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(shown, f"file too large ({size} bytes; the limit is {MAX_BYTES})")
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(shown, "no such file") from None
    except PermissionError:
        raise ReadError(shown, "permission denied") from None
    except IsADirectoryError:
        raise ReadError(shown, "is a directory") from None
    except OSError as e:
        raise ReadError(shown, f"cannot read ({e.strerror or e})") from None
    digest = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    if suffix == ".docx" or data[:2] == b"PK" and suffix not in TEXT_SUFFIXES - {""}:
        if data[:2] != b"PK":
            raise ReadError(shown, "not a .docx file (no ZIP signature)")
        return Source(shown, _read_docx(p), digest, "docx")
    if suffix == ".pdf" or data[:5] == b"%PDF-":
        if data[:5] != b"%PDF-":
            raise ReadError(shown, "not a .pdf file (no %PDF signature)")
        return Source(shown, _read_pdf(p), digest, "pdf")
    text, encoding, warnings = decode_bytes(data, shown)
    if not any(ch.isalpha() for ch in text[:65536]):
        raise ReadError(shown, "no text: the file has no letters")
    return Source(shown, text, digest, encoding, warnings)
