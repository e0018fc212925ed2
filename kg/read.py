"""Read a document file into text: .txt/.md (UTF-8 with or without BOM, UTF-16, UTF-32, Windows-1258,
legacy TCVN3/ABC and VNI fonts), saved web pages (HTML), .docx (python-docx), .doc (antiword), .pdf
(pypdf's text layer; pages without a usable one by OCR) and images (.png, .jpg, .tif: OCR, kg.ocr).

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
import tempfile
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.legacy import convert_legacy, repair_legacy, vietnamese_score
from kg.ocr import (
    IMAGE_SUFFIXES,
    LANGUAGE,
    LOW_CONFIDENCE,
    MAX_DPI,
    MIN_DPI,
    RENDER_DPI,
    OcrRun,
    OcrUnavailable,
    PageImage,
    PageText,
    layer_needs_ocr,
    ocr_pages,
    open_image,
    render_pdf_page,
)
from kg.record import Ocr, Span

if TYPE_CHECKING:
    from PIL import Image as PILImage
    from pypdf import PageObject

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
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | {".docx", ".doc", ".pdf"} | IMAGE_SUFFIXES
MAX_BYTES = 64 * 1024 * 1024  # .docx / .doc / .pdf files and images
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
    pages: tuple[Span, ...] = ()  # PDF and images: each page's [start, end) in ``text``
    ocr: Ocr | None = None  # set when pages were read by OCR
    ocr_recognised: int = 0  # pages Tesseract read in this call (the others came from the OCR cache)


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
        "old Microsoft Office binary file (OLE2): kg reads it as Word 97-2003 when it is named .doc; "
        "or convert it (libreoffice --headless --convert-to docx FILE)",
    ),
    (b"{\\rtf", "RTF document: save it as .docx or .txt first"),
    (b"\x89PNG\r\n\x1a\n", "PNG image: kg reads it by OCR when it is named .png"),
    (b"\xff\xd8\xff", "JPEG image: kg reads it by OCR when it is named .jpg or .jpeg"),
    (b"GIF87a", "GIF image, not a text document"),
    (b"GIF89a", "GIF image, not a text document"),
    (b"II*\x00", "TIFF image: kg reads it by OCR when it is named .tif or .tiff"),
    (b"MM\x00*", "TIFF image: kg reads it by OCR when it is named .tif or .tiff"),
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


@dataclass(frozen=True)
class _PdfPage:
    text: str  # the text layer
    raster_pixels: int  # pixels of the largest image drawn on the page (0: none)
    dpi: int  # resolution to render it at for OCR: its largest image's, else RENDER_DPI


def _pdf_images(resources: Any, depth: int = 0) -> list[tuple[int, int]]:
    """(width, height) of the images of a page's resources, inside form XObjects too (3 levels)."""
    out: list[tuple[int, int]] = []
    try:
        xobjects = resources.get_object().get("/XObject")
        if xobjects is None:
            return out
        for ref in xobjects.get_object().values():
            x = ref.get_object()
            if x.get("/Subtype") == "/Image":
                out.append((int(x.get("/Width", 0)), int(x.get("/Height", 0))))
            elif x.get("/Subtype") == "/Form" and depth < 3 and "/Resources" in x:
                out += _pdf_images(x["/Resources"], depth + 1)
    except Exception:  # a damaged resource dictionary: no image known, the page is judged by its text
        pass
    return out


def _pdf_page(page: PageObject, text: str) -> _PdfPage:
    images = _pdf_images(page.get("/Resources"))
    if not images:
        return _PdfPage(text, 0, RENDER_DPI)
    w, h = max(images, key=lambda wh: wh[0] * wh[1])
    try:
        box = page.mediabox
        longest = max(float(box.width), float(box.height)) / 72
        dpi = round(max(w, h) / longest) if longest > 0 else RENDER_DPI
    except Exception:
        dpi = RENDER_DPI
    return _PdfPage(text, w * h, min(MAX_DPI, max(MIN_DPI, dpi)))


def _read_pdf(path: Path, data: bytes) -> list[_PdfPage]:
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
        pages: list[_PdfPage] = []
        size = 0
        for page in reader.pages:
            t = page.extract_text() or ""
            size += len(t)
            if size > MAX_CHARS:
                raise ReadError(str(path), f"text layer too long (over {MAX_CHARS} characters)")
            pages.append(_pdf_page(page, t))
    except ReadError:
        raise
    except Exception as e:
        reason = "the PDF is password-protected" if "decrypt" in str(e).lower() else None
        raise ReadError(str(path), reason or f"not a readable .pdf file ({type(e).__name__})") from None
    if not pages:
        raise ReadError(str(path), "the PDF has no pages")
    return pages


# -- scanned pages (OCR) -------------------------------------------------------------------------
SHORT_LAYER = 300  # letters: a layer this short on a page holding a scan is a stamp or a signature note
SCAN_PIXELS = 1_000_000  # an image this large drawn on a page is a scan of it (an A4 page at 120 dpi)


@dataclass
class _Paged:
    """The pages of a document on their way to one text (joined by newlines), and what OCR said."""

    texts: list[str]
    warnings: list[str]
    ocr_pages: list[PageText] = field(default_factory=list)
    recognised: int = 0
    engine: str = ""

    def add(self, run: OcrRun, keep: Callable[[PageText], bool] = lambda _: True) -> None:
        """Put the pages OCR read in place of the text layer (those ``keep`` accepts)."""
        for page in run.pages:
            if keep(page):
                self.texts[page.number - 1] = page.text
                self.ocr_pages.append(page)
        self.recognised, self.engine = run.recognised, run.engine

    def source(self, shown: str, digest: str, encoding: str) -> Source:
        spans: list[Span] = []
        start = 0
        for t in self.texts:
            spans.append((start, start + len(t)))
            start += len(t) + 1
        ocr = None
        if self.ocr_pages:
            pages = self.ocr_pages
            total = sum(p.words for p in pages)
            mean = sum(p.confidence * p.words for p in pages) / total if total else 0.0
            numbers = tuple(p.number for p in pages)
            ocr = Ocr(self.engine, LANGUAGE, round(mean, 1), numbers, tuple(p.confidence for p in pages))
            low = [p for p in pages if p.confidence < LOW_CONFIDENCE and p.words >= MIN_WORDS]
            if low:
                scores = ", ".join(f"{p.confidence:.0f}" for p in low)
                self.warnings.append(
                    f"low OCR confidence on {_pages_phrase([p.number for p in low])} (mean word confidence "
                    f"{scores}; below {LOW_CONFIDENCE:.0f}): check the text"
                )
            encoding += "+ocr"
        text = "\n".join(self.texts)
        return Source(shown, text, digest, encoding, tuple(self.warnings), tuple(spans), ocr, self.recognised)


MIN_WORDS = 5  # a page with fewer words is blank (the back of a sheet): its confidence says nothing


def _pages_phrase(numbers: list[int]) -> str:
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(str(n) for n in numbers)


def _letters(text: str) -> int:
    return sum(1 for ch in text if ch.isalpha())


def _run_ocr(shown: str, digest: str, numbers: list[int], page_image: PageImage) -> OcrRun:
    """kg.ocr.ocr_pages with its failures as ReadError; OcrUnavailable is passed on to the caller."""
    try:
        return ocr_pages(digest, numbers, page_image)
    except ValueError as e:
        raise ReadError(shown, str(e)) from None


def _read_pdf_source(p: Path, shown: str, data: bytes, digest: str) -> Source:
    """The text layer of each page; pages whose layer is empty or garbage, and pages holding a scan
    under a short layer (a signature note), are read by OCR."""
    pages = _read_pdf(p, data)
    texts = [pg.text for pg in pages]
    encoding, warnings = "pdf", []
    legacy = repair_legacy("\n".join(texts))
    if legacy is not None:  # converted page by page, so each page keeps its own range
        texts = [convert_legacy(t, legacy.encoding) for t in texts]
        encoding += f"+{legacy.encoding}"
        warnings.append(legacy.warning)
    unusable = [i + 1 for i, t in enumerate(texts) if layer_needs_ocr(t)]
    short = [
        i + 1
        for i, (pg, t) in enumerate(zip(pages, texts, strict=True))
        if i + 1 not in unusable and pg.raster_pixels >= SCAN_PIXELS and _letters(t) < SHORT_LAYER
    ]
    paged = _Paged(texts, warnings)
    wanted = sorted(unusable + short)
    if wanted:
        with tempfile.TemporaryDirectory(prefix="kg-pdf-") as tmp:
            pdf = Path(tmp) / "document.pdf"

            def page_image(n: int) -> tuple[PILImage.Image, int | None]:
                if not pdf.exists():  # the bytes that were hashed, not the file as it is now
                    pdf.write_bytes(data)
                return render_pdf_page(pdf, n, pages[n - 1].dpi), pages[n - 1].dpi

            try:
                run = _run_ocr(shown, digest, wanted, page_image)
            except OcrUnavailable as e:
                if len(unusable) == len(pages):
                    raise ReadError(shown, f"the PDF has no text layer (scanned pages): {e}") from None
                if unusable:
                    warnings.append(f"{_pages_phrase(unusable)} not read (no usable text layer): {e}")
                    for n in unusable:
                        texts[n - 1] = ""
            else:
                # a short layer stays unless the scan under it says more
                paged.add(
                    run,
                    lambda pg: pg.number in unusable or _letters(pg.text) > _letters(texts[pg.number - 1]),
                )
    if not any(t.strip() for t in paged.texts):
        raise ReadError(shown, "the pdf has no text" + (" (OCR found none either)" if wanted else ""))
    return paged.source(shown, digest, encoding)


_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _read_image_source(shown: str, data: bytes, digest: str) -> Source:
    """Every page of a PNG, JPEG or (multi-page) TIFF read by OCR."""
    if not data.startswith(_IMAGE_MAGIC):
        raise ReadError(shown, "not a PNG, JPEG or TIFF image (no image signature)")
    try:
        count, page_image = open_image(data)
        run = _run_ocr(shown, digest, list(range(1, count + 1)), page_image)
    except (OcrUnavailable, ValueError) as e:
        raise ReadError(shown, str(e)) from None
    paged = _Paged([""] * count, [])
    paged.add(run)
    if sum(_letters(t) for t in paged.texts) < 10:
        raise ReadError(shown, "OCR found no text in the image (a photo or drawing, not a document?)")
    return paged.source(shown, digest, "image")


# -- Word 97-2003 --------------------------------------------------------------------------------
def _read_doc(shown: str, data: bytes) -> str:
    """A Word 97-2003 file's text by antiword (UTF-8, paragraphs unwrapped; tables as ``|cell|cell|``)."""
    import shutil
    import subprocess

    exe = shutil.which("antiword")
    if exe is None:
        raise ReadError(
            shown,
            "reading .doc (Word 97-2003) needs antiword: apt-get install antiword "
            "(or convert it: libreoffice --headless --convert-to docx FILE)",
        )
    with tempfile.TemporaryDirectory(prefix="kg-doc-") as tmp:
        doc = Path(tmp) / "document.doc"
        doc.write_bytes(data)
        try:
            proc = subprocess.run(
                [exe, "-w", "0", "-m", "UTF-8.txt", str(doc)], capture_output=True, timeout=60, check=False
            )
        except subprocess.TimeoutExpired:
            raise ReadError(shown, "antiword took over 60 s on this .doc") from None
    if proc.returncode != 0:
        why = proc.stderr.decode("utf-8", "replace").replace(str(doc), "the file").strip().splitlines()
        detail = why[0] if why else f"antiword exit status {proc.returncode}"
        if "not a word" in detail.lower():
            detail = "not a Word 97-2003 document (damaged, or another Office file such as .xls)"
        elif "encrypt" in detail.lower() or "password" in detail.lower():
            detail = "the .doc is password-protected"
        raise ReadError(shown, detail)
    return proc.stdout.decode("utf-8", "replace").strip("\n")


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
    if suffix in IMAGE_SUFFIXES:
        return _checked(_read_image_source(shown, data, digest))
    if suffix == ".doc" and data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        text, encoding = _read_doc(shown, data), "doc"
    elif suffix == ".docx" or (data[:2] == b"PK" and suffix not in TEXT_SUFFIXES - {""}):
        if data[:2] != b"PK":
            if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
                raise ReadError(shown, "password-protected or old-format Word file (OLE2), not a .docx")
            raise ReadError(shown, "not a .docx file (no ZIP signature)")
        text, encoding = _read_docx(p, data), "docx"
    elif suffix == ".pdf" or data[:5] == b"%PDF-":
        if data[:5] != b"%PDF-":
            raise ReadError(shown, "not a .pdf file (no %PDF signature)")
        return _checked(_read_pdf_source(p, shown, data, digest))
    else:
        text, encoding, warnings = decode_bytes(data, shown)
        if _HTML_START.match(text[:4096]):
            text = html_to_text(text)
            encoding += "+html"
            warnings += ("HTML page: the text was taken from the markup",)
            if not text.strip():
                raise ReadError(shown, "HTML page without text")
    if encoding in {"docx", "doc"}:
        encoding, text, warnings = _repair_container(encoding, text)
        if not text.strip():
            raise ReadError(shown, f"the {encoding.split('+')[0]} has no text")
    return _checked(Source(shown, text, digest, encoding, warnings))


def _checked(src: Source) -> Source:
    if len(src.text) > MAX_CHARS:
        raise ReadError(
            src.path, f"text too long ({len(src.text)} characters; kg extracts documents up to {MAX_CHARS})"
        )
    if not any(ch.isalpha() for ch in src.text[:65536]):
        raise ReadError(src.path, "no text: the file has no letters")
    return src


def _repair_container(encoding: str, text: str) -> tuple[str, str, tuple[str, ...]]:
    legacy = repair_legacy(text)
    if legacy is None:
        return encoding, text, ()
    return f"{encoding}+{legacy.encoding}", legacy.text, (legacy.warning,)
