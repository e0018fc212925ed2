"""OCR of scanned pages: Tesseract's Vietnamese model through tesserocr, with a cache by file content.

What is read by OCR: images (.png, .jpg/.jpeg, .tif/.tiff, every frame of a multi-page TIFF) and the
pages of a PDF whose text layer is empty or garbage (:func:`layer_needs_ocr`). PDF pages are rendered
with poppler's ``pdftoppm`` at the resolution of the scan they hold.

Why tesserocr (README, "Scanned documents"): it calls libtesseract in this process, so the model is
loaded once per worker rather than once per page, and a page's text and its word confidences come from
one recognition; on rendered seed pages it took 0.85 s of CPU per page against 1.16 s for the
``tesseract`` command (what pytesseract runs) and 1.65 s for ocrmypdf.

Preprocessing (measured in bench/README.md): greyscale; the paper evened out (:func:`flatten`); a 3×3
median filter removes scan specks when the page's strokes are at least :data:`MEDIAN_MIN_STROKE` pixels
wide (at thinner strokes it erases diacritics). Confidence is Tesseract's mean word confidence (0–100); a
page below :data:`LOW_CONFIDENCE` is named in a warning.

Cache: the text of every OCR'd page, keyed by the file's SHA-256 and page number, in
``$KG_OCR_CACHE`` (default ``$XDG_CACHE_HOME/kg/ocr``, else ``~/.cache/kg/ocr``; empty: no cache), one
JSON file per scanned file; an unchanged scan is never read twice.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tempfile
import unicodedata
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # Pillow is imported when an image is read, not with kg
    from PIL import Image as PILImage

__all__ = [
    "IMAGE_SUFFIXES",
    "INSTALL_HINT",
    "LANGUAGE",
    "LOW_CONFIDENCE",
    "OcrCache",
    "OcrRun",
    "OcrUnavailable",
    "PageImage",
    "PageText",
    "cache_dir",
    "engine_name",
    "layer_needs_ocr",
    "may_need_ocr",
    "ocr_pages",
    "open_image",
    "recognise",
    "render_pdf_page",
]

LANGUAGE = "vie"
INSTALL_HINT = "install tesseract-ocr and tesseract-ocr-vie to read scanned files"
POPPLER_HINT = "install poppler-utils (pdftoppm) to read scanned PDF pages"
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff"})
#: Pages whose mean word confidence is below this are named in a warning (the file is "partial"). On
#: 304 rendered pages (bench/README.md) each of the 17 pages under 90 was read with a character
#: accuracy under 0.98 (mean 0.935); pages at 90-93 averaged 0.972, at 93 and over 0.988.
LOW_CONFIDENCE = 90.0
#: The median filter is applied when strokes are at least this wide (2·ink / edge pixels).
MEDIAN_MIN_STROKE = 2.5
MAX_PIXELS = 60_000_000  # a page image larger than this is scaled down first (a 600 dpi A3 page is 70 M)
REFUSE_PIXELS = 400_000_000  # and one larger than this is refused (decompression bombs)
#: A word without a letter or digit read with less confidence than this is a speck ("_", ":", "¬"):
#: dropped. Dashes that open list items are read at 85-93 (bench/README.md).
SPECK_CONFIDENCE = 80.0
#: Part of the cache key: a change to the preprocessing or the page segmentation reads pages again.
SETTINGS = f"{LANGUAGE}|psm3|flat|median{MEDIAN_MIN_STROKE}|speck{SPECK_CONFIDENCE}|v4"
RENDER_DPI = 300  # a PDF page without a raster image (vector text in a broken font)
MIN_DPI, MAX_DPI = 150, 400


PageImage = Callable[[int], "tuple[PILImage.Image, int | None]"]  # page number → image, dpi if known


class OcrUnavailable(Exception):
    """Tesseract (or its Vietnamese model, or pdftoppm) is not installed; ``str()`` says what to install."""


@dataclass(frozen=True)
class PageText:
    """One page read by OCR: 1-based ``number``, text, mean word confidence (0–100) and word count."""

    number: int
    text: str
    confidence: float
    words: int

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "text": self.text, "confidence": self.confidence, "words": self.words}


# -- the engine ----------------------------------------------------------------------------------
_TESSDATA_DIRS = (
    "/usr/share/tesseract-ocr/*/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
    "/opt/homebrew/share/tessdata",
)


def _tessdata() -> str | None:
    """The directory holding ``vie.traineddata``: ``$TESSDATA_PREFIX`` first, then Debian's and others."""
    import glob

    candidates: list[str] = []
    prefix = os.environ.get("TESSDATA_PREFIX")
    if prefix:
        candidates += [prefix, os.path.join(prefix, "tessdata")]
    for pattern in _TESSDATA_DIRS:
        candidates += sorted(glob.glob(pattern), reverse=True)
    for d in candidates:
        if os.path.isfile(os.path.join(d, f"{LANGUAGE}.traineddata")):
            return d
    return None


def _tesserocr() -> Any:
    """Import tesserocr with one OpenMP thread: a libtesseract built with OpenMP (Debian's, under a
    tesserocr built from source) reads ``OMP_THREAD_LIMIT`` when it is loaded, and its threads fight
    the build's worker processes (bench/README.md). The tesserocr wheel has no OpenMP."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    import tesserocr

    return tesserocr


class _Engine:
    """One Tesseract API per process (workers are forked: an API made by the parent is not reused)."""

    def __init__(self) -> None:
        try:
            tesserocr = _tesserocr()
        except ImportError:
            raise OcrUnavailable(f"{INSTALL_HINT} (and the Python package tesserocr)") from None
        tessdata = _tessdata()
        if tessdata is None:
            raise OcrUnavailable(INSTALL_HINT)
        try:
            self.api = tesserocr.PyTessBaseAPI(
                path=tessdata + os.sep, lang=LANGUAGE, psm=tesserocr.PSM.AUTO, oem=tesserocr.OEM.LSTM_ONLY
            )
        except RuntimeError:
            raise OcrUnavailable(f"{INSTALL_HINT} (Tesseract could not load {tessdata})") from None
        self.pid = os.getpid()
        self.name = engine_name()

    def read(self, image: PILImage.Image, dpi: int | None) -> list[list[list[tuple[str, float]]]]:
        """The words of a page with their confidence, in lines, in paragraphs (Tesseract's order)."""
        from tesserocr import RIL, iterate_level

        self.api.SetImage(image)
        if dpi:
            self.api.SetSourceResolution(dpi)
        self.api.Recognize()
        paragraphs: list[list[list[tuple[str, float]]]] = []
        iterator = self.api.GetIterator()
        if iterator is None:  # nothing on the page
            return paragraphs
        for word in iterate_level(iterator, RIL.WORD):
            try:
                text = word.GetUTF8Text(RIL.WORD)
            except RuntimeError:  # "No text returned": an empty page's only element
                continue
            if not text:
                continue
            if not paragraphs or word.IsAtBeginningOf(RIL.BLOCK) or word.IsAtBeginningOf(RIL.PARA):
                paragraphs.append([[]])
            elif word.IsAtBeginningOf(RIL.TEXTLINE):
                paragraphs[-1].append([])
            paragraphs[-1][-1].append((text, word.Confidence(RIL.WORD)))
        return paragraphs


_engine: _Engine | None = None


def _get_engine() -> _Engine:
    global _engine
    if _engine is None or _engine.pid != os.getpid():
        _engine = _Engine()
    return _engine


@cache
def engine_name() -> str:
    """``"tesseract 5.5.4"``: the library tesserocr runs (not necessarily Debian's command)."""
    try:
        first = _tesserocr().tesseract_version().splitlines()[0].strip()
    except (ImportError, IndexError, RuntimeError):
        return "tesseract"
    return first if first.startswith("tesseract") else f"tesseract {first}"


# -- preprocessing -------------------------------------------------------------------------------
def _greyscale(image: PILImage.Image) -> PILImage.Image:
    from PIL import Image, ImageOps

    image = ImageOps.exif_transpose(image) or image  # phone photos record their rotation in EXIF
    if image.mode in {"I", "F"} or image.mode.startswith("I;16"):  # 16-bit and float scans
        import numpy as np

        a = np.asarray(image, dtype=np.float64)
        scale = 255 / 65535 if a.max() > 255 else 1.0
        return Image.fromarray(np.clip(a * scale, 0, 255).astype(np.uint8))
    if image.mode in {"RGBA", "LA", "PA"} or (image.mode == "P" and "transparency" in image.info):
        background = Image.new("RGBA", image.size, "white")
        image = Image.alpha_composite(background, image.convert("RGBA"))
    return image.convert("L")


def stroke_width(image: PILImage.Image) -> float:
    """Mean width in pixels of the dark strokes of a greyscale page: 2 · ink pixels / edge pixels, in
    the rows of text lines only (rows with ink on over 2 % of the width), so that specks scattered
    over a sparse page do not pass for thin strokes."""
    import numpy as np

    a = np.asarray(image)
    ink = a < 128
    inner = ink.copy()
    inner[1:, :] &= ink[:-1, :]
    inner[:-1, :] &= ink[1:, :]
    inner[:, 1:] &= ink[:, :-1]
    inner[:, :-1] &= ink[:, 1:]
    rows = ink.sum(axis=1) > max(10, 0.02 * a.shape[1])
    n = int(ink[rows].sum())
    edge = n - int(inner[rows].sum())
    return 2 * n / edge if edge else 0.0


def flatten(image: PILImage.Image) -> PILImage.Image:
    """Even out the paper: divide the page by its background (the page shrunk 8 times, its text
    erased by a maximum filter, blurred and scaled back). Photos and scans of grey or unevenly lit
    paper otherwise defeat Tesseract's global threshold on sparse pages, which then read as nothing."""
    import numpy as np
    from PIL import Image, ImageFilter

    small = image.resize((max(1, image.width // 8), max(1, image.height // 8)), Image.Resampling.BOX)
    background = small.filter(ImageFilter.MaxFilter(5)).filter(ImageFilter.GaussianBlur(2))
    bg = np.maximum(np.asarray(background.resize(image.size, Image.Resampling.BILINEAR), dtype=np.float32), 1)
    page = np.asarray(image, dtype=np.float32)
    return Image.fromarray(np.clip(page * 255 / bg, 0, 255).astype(np.uint8))


def prepare(image: PILImage.Image) -> PILImage.Image:
    """The page as Tesseract reads it best: greyscale, scaled under :data:`MAX_PIXELS`, the paper
    evened out (:func:`flatten`), specks removed by a 3×3 median where strokes are wide enough."""
    from PIL import Image, ImageFilter

    image = _greyscale(image)
    pixels = image.width * image.height
    if pixels > MAX_PIXELS:
        k = (MAX_PIXELS / pixels) ** 0.5
        size = (max(1, int(image.width * k)), max(1, int(image.height * k)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    image = flatten(image)
    if stroke_width(image) >= MEDIAN_MIN_STROKE:
        image = image.filter(ImageFilter.MedianFilter(3))
    return image


def _is_speck(word: str, confidence: float) -> bool:
    return confidence < SPECK_CONFIDENCE and not any(ch.isalnum() for ch in word)


def recognise(image: PILImage.Image, number: int = 1, dpi: int | None = None) -> PageText:
    """OCR one page image: its text (words joined by spaces, lines by newlines, paragraphs by a blank
    line, specks dropped) and mean word confidence. Raises :class:`OcrUnavailable` when Tesseract or its
    model is missing."""
    engine = _get_engine()
    paragraphs = []
    confidences: list[float] = []
    for paragraph in engine.read(prepare(image), dpi):
        lines = []
        for line in paragraph:
            kept = [(w, c) for w, c in line if not _is_speck(w, c)]
            if kept:
                lines.append(" ".join(w for w, _ in kept))
                confidences += [c for _, c in kept]
        if lines:
            paragraphs.append("\n".join(lines))
    text = unicodedata.normalize("NFC", "\n\n".join(paragraphs))
    mean = round(sum(confidences) / len(confidences), 1) if confidences else 0.0
    return PageText(number, text, mean, len(confidences))


# -- images and PDF pages ------------------------------------------------------------------------
def open_image(data: bytes) -> tuple[int, PageImage]:
    """The number of pages of an image file (the frames of a multi-page TIFF) and a function giving
    page ``n`` (1-based) with its resolution when the file records one. Frames are decoded only when
    asked for. Raises ``ValueError`` with the reason when Pillow cannot read the file."""
    import io

    from PIL import Image, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # checked here, without Pillow's warning on stderr
    try:
        img = Image.open(io.BytesIO(data))
        count = int(getattr(img, "n_frames", 1) or 1)
    except UnidentifiedImageError:
        raise ValueError("not an image Pillow can read (damaged or an unsupported kind)") from None
    except (OSError, SyntaxError, EOFError, ValueError) as e:
        raise ValueError(f"damaged image ({e})") from None

    def page(n: int) -> tuple[PILImage.Image, int | None]:
        try:
            img.seek(n - 1)
            if img.width * img.height > REFUSE_PIXELS:
                raise ValueError(f"image too large ({img.width}×{img.height} pixels)")
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                img.load()
            frame = img.copy()
        except ValueError:
            raise
        except (OSError, SyntaxError, EOFError) as e:
            raise ValueError(f"damaged image, page {n} ({e})") from None
        dpi = img.info.get("dpi")
        try:
            res = round(float(dpi[0])) if dpi else None
        except (TypeError, ValueError, IndexError):
            res = None
        return frame, res if res and 50 <= res <= 1200 else None

    return count, page


def may_need_ocr(path: str | os.PathLike[str]) -> bool:
    """Images and PDFs: files whose reading may need OCR (seconds a page)."""
    return Path(path).suffix.lower() in IMAGE_SUFFIXES | {".pdf"}


def render_pdf_page(pdf: Path, number: int, dpi: int, timeout: float = 120.0) -> PILImage.Image:
    """Page ``number`` (1-based) of a PDF rendered in greyscale by ``pdftoppm``."""
    from PIL import Image

    exe = shutil.which("pdftoppm")
    if exe is None:
        raise OcrUnavailable(POPPLER_HINT)
    with tempfile.TemporaryDirectory(prefix="kg-ocr-") as tmp:
        out = Path(tmp) / "page"
        args = [exe, "-q", "-r", str(dpi), "-gray", "-png", "-f", str(number), "-l", str(number)]
        try:
            proc = subprocess.run(
                [*args, "-singlefile", str(pdf), str(out)], capture_output=True, timeout=timeout, check=False
            )
        except subprocess.TimeoutExpired:
            raise ValueError(f"rendering page {number} took over {timeout:.0f} s") from None
        png = out.with_suffix(".png")
        if proc.returncode != 0 or not png.exists():
            why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
            raise ValueError(f"pdftoppm could not render page {number}" + (f" ({why[0]})" if why else ""))
        with Image.open(png) as img:
            img.load()
            return img.copy()


# -- text layers ---------------------------------------------------------------------------------
_BAD_CHAR = re.compile("[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0e-\x1f\x7f]|\\(cid:\\d+\\)")
_WORD = re.compile(r"[^\W\d_]+")
_EDGE_PUNCT = "\"'“”‘’«»()[]{}<>.,:;!?…*-–—_/"
_INNER_OK = frozenset("-/.,:;'’&%+")
MIN_LETTERS = 20  # a text layer with fewer letters is empty (a page number, a stamp)


def _plausible(token: str) -> bool:
    """A whitespace-separated token of real text: letters, digits and the punctuation found inside
    words ("05-CT/TW", "1.000"), each run of letters ASCII or a well-formed Vietnamese syllable."""
    from kg.legacy import syllable_ok

    core = token.strip(_EDGE_PUNCT)
    if any(not (ch.isalnum() or ch in _INNER_OK) for ch in core):
        return False
    return all(w.isascii() or syllable_ok(w) for w in _WORD.findall(core))


def layer_needs_ocr(text: str) -> str | None:
    """Why a PDF page's text layer is unusable (``"empty"``, ``"garbage"``), or ``None`` when it is usable.

    Garbage: more than 5 % of its characters are replacement, private-use or control characters (a font
    without a Unicode map), fewer than half of them are letters (symbol soup), or fewer than 60 % of its
    words are made of ASCII letters or well-formed Vietnamese syllables (mojibake, a wrong code page).
    Legacy TCVN3/VNI text is converted before this test (kg.legacy), so it counts as usable.
    """
    letters = sum(1 for ch in text if ch.isalpha())
    if letters < MIN_LETTERS:
        return "empty"
    visible = sum(1 for ch in text if not ch.isspace())
    if len(_BAD_CHAR.findall(text)) > 0.05 * visible or letters < 0.5 * visible:
        return "garbage"
    words = [t for t in text.split() if any(ch.isalpha() for ch in t)]
    if sum(1 for t in words if _plausible(t)) < 0.6 * len(words):
        return "garbage"
    return None


# -- the cache -----------------------------------------------------------------------------------
def cache_dir() -> Path | None:
    """``$KG_OCR_CACHE`` (empty: no cache), else ``$XDG_CACHE_HOME/kg/ocr``, else ``~/.cache/kg/ocr``."""
    configured = os.environ.get("KG_OCR_CACHE")
    if configured is not None:
        return Path(configured) if configured.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "kg" / "ocr"


_SHA = re.compile(r"[0-9a-f]{64}")


class OcrCache:
    """Page texts of scanned files, one JSON file per file content: ``{dir}/{sha[:2]}/{sha}.json``."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory

    def _path(self, sha256: str) -> Path | None:
        if self.directory is None or not _SHA.fullmatch(sha256):
            return None
        return self.directory / sha256[:2] / f"{sha256}.json"

    def load(self, sha256: str) -> tuple[dict[int, PageText], str | None]:
        """The cached pages of a file and the engine that read them; an unreadable cache file, or one
        written with other settings, counts as empty."""
        path = self._path(sha256)
        if path is None:
            return {}, None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("settings") != SETTINGS:
                return {}, None
            pages = {}
            for p in data["pages"]:
                page = PageText(int(p["number"]), str(p["text"]), float(p["confidence"]), int(p["words"]))
                pages[page.number] = page
            return pages, str(data["engine"])
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return {}, None

    def save(self, sha256: str, engine: str, pages: dict[int, PageText]) -> None:
        """Write atomically (a temporary file renamed); a cache that cannot be written is skipped."""
        path = self._path(sha256)
        if path is None:
            return
        body = {
            "settings": SETTINGS,
            "engine": engine,
            "pages": [pages[n].to_json() for n in sorted(pages)],
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
            try:
                with os.fdopen(fd, "w", encoding="utf-8") as fh:
                    json.dump(body, fh, ensure_ascii=False)
                os.replace(tmp, path)
            except OSError:
                os.unlink(tmp)
                raise
        except OSError:
            pass


@dataclass(frozen=True)
class OcrRun:
    """The pages a file needed read by OCR, how many were recognised now and which engine read them."""

    pages: tuple[PageText, ...]
    recognised: int  # pages run through Tesseract in this call (0: all from the cache)
    engine: str


def ocr_pages(
    sha256: str,
    numbers: Sequence[int],
    page_image: PageImage,
    cache: OcrCache | None = None,
) -> OcrRun:
    """The OCR text of pages ``numbers``: from the cache when it has them, else ``page_image(n)`` →
    (image, dpi) read by Tesseract and added to the cache. Raises :class:`OcrUnavailable`."""
    cache = cache if cache is not None else OcrCache(cache_dir())
    cached, engine = cache.load(sha256)
    missing = [n for n in numbers if n not in cached]
    if missing:
        _get_engine()  # OcrUnavailable before any page is rendered
        for n in missing:
            image, dpi = page_image(n)
            try:
                cached[n] = recognise(image, n, dpi)
            except RuntimeError as e:  # tesserocr's errors; the file fails alone with the reason
                raise ValueError(f"Tesseract could not read page {n} ({e})") from None
        engine = engine_name()
        cache.save(sha256, engine, cached)
    return OcrRun(tuple(cached[n] for n in numbers), len(missing), engine or engine_name())
