"""Read a document file into text: .txt/.md (UTF-8 with or without BOM, UTF-16, UTF-32, Windows-1258,
legacy TCVN3/ABC and VNI fonts), saved web pages (HTML), .docx (python-docx) and .pdf (pypdf text layer).

Every failure is a :class:`ReadError` naming the file and a specific reason; nothing else escapes.
Problems that still leave a usable text (a truncated last character, a legacy font code converted,
a few bad bytes) are returned as ``Source.warnings`` and end up in the record's warnings.

Limits keep one bad input from stalling a batch: text files over :data:`MAX_TEXT_BYTES` and .docx/.pdf
files over :data:`MAX_BYTES` are refused before they are read, and so is a decoded text longer than
:data:`MAX_CHARS` characters (a directive is rarely over 100,000; extraction takes about 2 s a million).
"""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import re
import stat
import unicodedata
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from kg.legacy import repair_legacy, vietnamese_score

__all__ = [
    "MAX_BYTES",
    "MAX_CHARS",
    "MAX_TEXT_BYTES",
    "SUPPORTED_SUFFIXES",
    "ReadError",
    "Source",
    "decode_bytes",
    "read_source",
]

TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".pdf"}
MAX_BYTES = 64 * 1024 * 1024  # .docx / .pdf files (images make them large)
MAX_TEXT_BYTES = 16 * 1024 * 1024  # plain text files
MAX_CHARS = 4_000_000  # decoded text of any file
MAX_UNZIPPED = 256 * 1024 * 1024  # a .docx's members, uncompressed (zip bombs)


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

# Signatures of formats that are not text documents, with what to tell the user.
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        "old Microsoft Office binary file (.doc/.xls, OLE2): kg reads .docx; convert it first "
        "(libreoffice --headless --convert-to docx FILE)",
    ),
    (b"{\\rtf", "RTF document: save it as .docx or .txt first"),
    (b"\x89PNG\r\n\x1a\n", "PNG image, not a text document (run OCR first)"),
    (b"\xff\xd8\xff", "JPEG image, not a text document (run OCR first)"),
    (b"GIF87a", "GIF image, not a text document"),
    (b"GIF89a", "GIF image, not a text document"),
    (b"II*\x00", "TIFF image, not a text document (run OCR first)"),
    (b"MM\x00*", "TIFF image, not a text document (run OCR first)"),
    (b"\x1f\x8b", "gzip archive, not a text document (unpack it first)"),
    (b"Rar!\x1a\x07", "RAR archive, not a text document (unpack it first)"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive, not a text document (unpack it first)"),
    (b"\x7fELF", "executable (ELF), not a text document"),
    (b"MZ", "Windows executable, not a text document"),
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_CONTROL_SAMPLE = 65536


def _looks_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM: Vietnamese text has many NULs in one byte column."""
    if len(data) < 4:
        return None
    sample = data[: 1 << 20]
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    half = len(sample) // 2
    if odd > half * 0.3 and even < half * 0.05:
        return "utf-16-le"
    if even > half * 0.3 and odd < half * 0.05:
        return "utf-16-be"
    return None


def _signature(data: bytes) -> str | None:
    for magic, what in _SIGNATURES:
        if data.startswith(magic):
            if magic == b"MZ" and len(data) > 64 and b"PE\x00\x00" not in data[:4096]:
                continue  # "MZ..." could start a text
            return what
    return None


def _check_controls(text: str, path: str) -> None:
    sample = text[:_CONTROL_SAMPLE]
    if not sample:
        return
    n = len(_CONTROL.findall(sample))
    if n > max(8, len(sample) // 100):
        pct = 100 * n / len(sample)
        raise ReadError(path, f"binary data, not a text document ({pct:.0f}% control characters)")


def _decode_unicode(data: bytes, enc: str, path: str) -> tuple[str, tuple[str, ...]]:
    """A UTF-16/32 decode that tolerates a cut-off end or a few bad units, with a warning."""
    try:
        return data.decode(enc), ()
    except UnicodeDecodeError as e:
        text = data.decode(enc, errors="replace")
        bad = text.count("\ufffd")
        if bad > max(4, len(text) // 1000):
            reason = f"invalid {enc} text ({bad} bad code units, first at byte {e.start})"
            raise ReadError(path, reason) from None
        if e.reason in {"truncated data", "unexpected end of data"}:
            return text, (f"truncated {enc}: the last character was cut off and replaced",)
        return text, (f"{bad} invalid {enc} code units replaced (first at byte {e.start})",)


def _utf8_mostly(data: bytes, first_bad: int) -> tuple[str, str] | None:
    """UTF-8 with a few corrupt bytes: the text with U+FFFD for them, and a warning."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text[: _CONTROL_SAMPLE * 4] if ord(ch) > 0x7F and ch != "\ufffd")
    if bad and multibyte >= 10 * bad:
        return text, f"{bad} invalid UTF-8 byte sequences replaced by U+FFFD (first at byte {first_bad})"
    return None


def decode_bytes(data: bytes, path: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode bytes of a text document; returns ``(text, encoding, warnings)``.

    Raises :class:`ReadError` for empty or binary data. Legacy font codes (TCVN3, VNI) are converted
    to Unicode (see :mod:`kg.legacy`) with a warning saying so.
    """
    if not data.strip():
        raise ReadError(path, "empty file" if not data else "empty file (only whitespace)")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            text, warnings = _decode_unicode(data, enc, path)
            _check_controls(text, path)
            return _legacy(text, enc, warnings)
    u16 = _looks_utf16(data)
    if u16:
        text, warnings = _decode_unicode(data, u16, path)
        _check_controls(text, path)
        return _legacy(text, u16, warnings)
    what = _signature(data)
    if what:
        raise ReadError(path, what)
    warnings: tuple[str, ...] = ()
    nuls = data.count(b"\x00")
    if nuls:
        if b"\x00" in data[:8192] or nuls > len(data) // 1000:
            raise ReadError(path, "binary file (contains NUL bytes), not a text document")
        data = data.replace(b"\x00", b"")
        warnings += (f"{nuls} stray NUL bytes removed",)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        if e.start >= len(data) - 3 and e.reason == "unexpected end of data":
            text = data.decode("utf-8", errors="replace")
            _check_controls(text, path)
            return _legacy(
                text, "utf-8", (*warnings, "truncated UTF-8: the last character was cut off and replaced")
            )
        mostly = _utf8_mostly(data, e.start)
        if mostly:
            _check_controls(mostly[0], path)
            return _legacy(mostly[0], "utf-8", (*warnings, mostly[1]))
        return _eight_bit(data, e.start, path, warnings)
    _check_controls(text, path)
    return _legacy(text, "utf-8", warnings)


def _eight_bit(
    data: bytes, first_bad: int, path: str, warnings: tuple[str, ...]
) -> tuple[str, str, tuple[str, ...]]:
    """Not UTF-8: Windows-1258 (the Vietnamese code page) or a legacy font code, whichever reads best."""
    cp = data.decode("cp1258", errors="replace")
    _check_controls(cp, path)
    legacy = repair_legacy(data.decode("latin-1"))
    if legacy is not None:
        cp_score = vietnamese_score(unicodedata.normalize("NFC", cp[:400_000]))
        if legacy.after.score > cp_score:
            return legacy.text, legacy.encoding, (*warnings, legacy.warning)
    bad = cp.count("\ufffd")
    note = f"not valid UTF-8 (first bad byte at {first_bad}); decoded as Windows-1258"
    if bad:
        note += f", {bad} undecodable bytes replaced"
    return cp, "cp1258", (*warnings, note)


def _legacy(text: str, encoding: str, warnings: tuple[str, ...]) -> tuple[str, str, tuple[str, ...]]:
    """Unicode text that still carries a legacy font code (a .VnTime document pasted or saved as UTF-8)."""
    legacy = repair_legacy(text)
    if legacy is None:
        return text, encoding, warnings
    return legacy.text, f"{encoding}+{legacy.encoding}", (*warnings, legacy.warning)


# -- HTML ----------------------------------------------------------------------------------------
_HTML_START = re.compile(
    r"\A\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_BLOCK_TAGS = frozenset(
    "p div br li tr h1 h2 h3 h4 h5 h6 table ul ol section article header footer blockquote pre hr td th "
    "title".split()
)


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style", "noscript", "template"}:
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style", "noscript", "template"}:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, block elements on their own lines."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t\r\f\v]*\n[ \t\r\f\v\n]*\n", "\n\n", text)
    return text.strip("\n")


# -- containers ----------------------------------------------------------------------------------
def _read_docx(path: Path, data: bytes) -> str:
    import io

    try:
        import docx  # python-docx
    except ImportError as e:  # pragma: no cover - declared dependency
        raise ReadError(str(path), "reading .docx needs python-docx (pip install python-docx)") from e
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            names = set(z.namelist())
            total = sum(i.file_size for i in z.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ReadError(str(path), "not a readable .docx file (damaged or not a ZIP archive)") from None
    if total > MAX_UNZIPPED:
        reason = f"the .docx unpacks to {total} bytes (over {MAX_UNZIPPED}): refused as a zip bomb"
        raise ReadError(str(path), reason)
    if "word/document.xml" not in names:
        if "EncryptedPackage" in names:
            raise ReadError(str(path), "the .docx is password-protected")
        raise ReadError(str(path), "not a .docx file (a ZIP archive without word/document.xml)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:
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


def _read_pdf(path: Path, data: bytes) -> str:
    import io

    try:
        from pypdf import PdfReader
    except ImportError as e:  # pragma: no cover - declared dependency
        raise ReadError(str(path), "reading .pdf needs pypdf (pip install pypdf)") from e
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                reader.decrypt("")
            except Exception:
                raise ReadError(str(path), "the PDF is password-protected") from None
        pages: list[str] = []
        size = 0
        for page in reader.pages:
            t = page.extract_text() or ""
            size += len(t)
            if size > MAX_CHARS:
                raise ReadError(str(path), f"text layer too long (over {MAX_CHARS} characters)")
            pages.append(t)
    except ReadError:
        raise
    except Exception as e:
        reason = "the PDF is password-protected" if "decrypt" in str(e).lower() else None
        raise ReadError(str(path), reason or f"not a readable .pdf file ({type(e).__name__})") from None
    text = "\n".join(pages)
    if not text.strip():
        raise ReadError(str(path), "the PDF has no text layer (scanned image?); run OCR first")
    return text


def _open_error(shown: str, e: OSError) -> ReadError:
    if isinstance(e, FileNotFoundError):
        return ReadError(shown, "no such file")
    if isinstance(e, PermissionError):
        return ReadError(shown, "permission denied: cannot read the file")
    if isinstance(e, IsADirectoryError):
        return ReadError(shown, "is a directory")
    if e.errno == errno.ELOOP:
        return ReadError(shown, "symbolic link loop")
    if e.errno == errno.ENAMETOOLONG:
        return ReadError(shown, "file name too long")
    return ReadError(shown, f"cannot read ({e.strerror or e})")


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def _read_bytes(p: Path, shown: str) -> bytes:
    try:
        st = p.stat()
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(shown, "is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(shown, "not a regular file (a pipe, socket or device)")
        is_text = p.suffix.lower() in TEXT_SUFFIXES
        limit = MAX_TEXT_BYTES if is_text else MAX_BYTES
        if st.st_size > limit:
            raise ReadError(
                shown,
                f"file too large ({_mb(st.st_size)}; kg reads {'text ' if is_text else ''}files up to "
                f"{_mb(limit)}): a directive is rarely over 1 MB — several documents in one file, "
                "or not a document?",
            )
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except ReadError:
        raise
    except OSError as e:
        raise _open_error(shown, e) from None
    if len(data) > limit:  # grew while we looked
        raise ReadError(shown, f"file too large (over {_mb(limit)})")
    return data


def read_source(path: str | os.PathLike[str]) -> Source:
    """Read one document file. Raises :class:`ReadError` with a clear reason."""
    shown = str(path)
    try:
        return _read_source(Path(path), shown)
    except ReadError:
        raise
    except MemoryError:
        raise ReadError(shown, "not enough memory to read it") from None
    except RecursionError:
        raise ReadError(shown, "too deeply nested to read") from None
    except (UnicodeError, ValueError) as e:
        raise ReadError(shown, f"cannot read ({type(e).__name__}: {e})") from None


def _read_source(p: Path, shown: str) -> Source:
    data = _read_bytes(p, shown)
    digest = hashlib.sha256(data).hexdigest()
    suffix = p.suffix.lower()
    warnings: tuple[str, ...] = ()
    if suffix == ".docx" or (data[:2] == b"PK" and suffix not in TEXT_SUFFIXES - {""}):
        if data[:2] != b"PK":
            if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                raise ReadError(shown, "password-protected or old-format Word file (OLE2), not a .docx")
            raise ReadError(shown, "not a .docx file (no ZIP signature)")
        text, encoding = _read_docx(p, data), "docx"
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        if data[:5] != b"%PDF-":
            raise ReadError(shown, "not a .pdf file (no %PDF signature)")
        text, encoding = _read_pdf(p, data), "pdf"
    else:
        text, encoding, warnings = decode_bytes(data, shown)
        if _HTML_START.match(text[:4096]):
            text = html_to_text(text)
            encoding += "+html"
            warnings += ("HTML page: the text was taken from the markup",)
            if not text.strip():
                raise ReadError(shown, "HTML page without text")
    if encoding in {"docx", "pdf"}:
        encoding, text, warnings = _repair_container(encoding, text)
        if not text.strip():
            raise ReadError(shown, f"the {encoding.split('+')[0]} has no text")
    if len(text) > MAX_CHARS:
        raise ReadError(
            shown, f"text too long ({len(text)} characters; kg extracts documents up to {MAX_CHARS})"
        )
    if not any(ch.isalpha() for ch in text[:65536]):
        raise ReadError(shown, "no text: the file has no letters")
    return Source(shown, text, digest, encoding, warnings)


def _repair_container(encoding: str, text: str) -> tuple[str, str, tuple[str, ...]]:
    legacy = repair_legacy(text)
    if legacy is None:
        return encoding, text, ()
    return f"{encoding}+{legacy.encoding}", legacy.text, (legacy.warning,)
