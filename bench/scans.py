"""Render document texts as scans: pages of an image-only PDF, PNG photos, multi-page TIFFs, with noise.

Used by ``bench/bench_ocr.py`` and by the OCR tests. A text is laid out on A4 pages in Debian's DejaVu
Serif (``fonts-dejavu-core``), markdown emphasis removed (a printed page has none), lines wrapped to the
page width; :func:`printed_text` is exactly the text on the pages, the reference of the character
accuracy. Noise levels: ``clean`` (the page as printed), ``scan`` (a slight skew, blur and speckles, as
a flatbed scan of a photocopy), ``photo`` (a stronger skew, blur and speckles, uneven grey paper, JPEG
artefacts, as a phone photo).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

__all__ = [
    "FONT",
    "NOISE",
    "char_accuracy",
    "edit_distance",
    "page_images",
    "printed_text",
    "write_pdf",
    "write_png",
    "write_tiff",
]

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf")
A4_INCHES = (8.27, 11.69)
MARGIN_INCHES = 0.8
POINTS = 12  # font size; official documents use 13-14 pt Times, DejaVu Serif is wider


@dataclass(frozen=True)
class Noise:
    skew_degrees: float  # the page is rotated by up to this much, either way
    blur: float  # Gaussian blur radius in pixels at 300 dpi (scaled to the resolution)
    speckles: float  # dark specks per square inch
    paper: int  # darkest grey of the paper (255 = white)
    jpeg_quality: int | None  # JPEG artefacts (photos)


NOISE: dict[str, Noise] = {
    "clean": Noise(0.0, 0.0, 0.0, 255, None),
    "scan": Noise(0.8, 0.6, 6.0, 245, None),
    "photo": Noise(1.5, 1.0, 20.0, 215, 70),
}

_EMPHASIS = re.compile(r"\*+")
_EMPHASIS_BETWEEN = re.compile(r"(?<=\w)\*+(?=\w)")  # "BÁO**KẾT": two words (as kg.normalise reads it)


RULE = "\x00rule"  # a line of dashes (------) is printed as a rule: a drawn line, no text
_RULE_LINE = re.compile(r"\s*[-_=—–]{3,}\s*")


def _clean_lines(text: str) -> list[str]:
    """The source lines as they would be printed: no markdown asterisks, spaces folded, rules."""
    out = []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if _RULE_LINE.fullmatch(line):
            out.append(RULE)
            continue
        line = _EMPHASIS.sub("", _EMPHASIS_BETWEEN.sub(" ", line))
        line = re.sub(r"[ \t\u00a0]+", " ", line).strip()
        out.append(line)
    # no runs of blank lines: one blank line between paragraphs, none at either end
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip("\n")
    return joined.split("\n")


def _font(dpi: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), round(POINTS * dpi / 72))


def _wrap(lines: list[str], font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    out: list[str] = []
    for line in lines:
        if not line or line == RULE:
            out.append(line)
            continue
        current = ""
        for word in line.split(" "):
            trial = f"{current} {word}" if current else word
            if current and font.getlength(trial) > width:
                out.append(current)
                current = word
            else:
                current = trial
        out.append(current)
    return out


def _layout(text: str, dpi: int, tall: bool = False) -> list[list[str]]:
    """Printed lines per page (``tall``: all on one page as long as the text, a photo of a long sheet)."""
    font = _font(dpi)
    width = round((A4_INCHES[0] - 2 * MARGIN_INCHES) * dpi)
    line_height = round(font.size * 1.45)
    lines = _wrap(_clean_lines(text), font, width)
    per_page = len(lines) if tall else int((A4_INCHES[1] - 2 * MARGIN_INCHES) * dpi) // line_height
    pages = [lines[i : i + per_page] for i in range(0, len(lines), max(1, per_page))]
    return [[*p] for p in pages if any(p)] or [[""]]


def printed_text(text: str, dpi: int = 200, tall: bool = False) -> list[str]:
    """The text of each page exactly as :func:`page_images` prints it (a rule is an empty line)."""
    return [
        "\n".join("" if line == RULE else line for line in p).strip("\n") for p in _layout(text, dpi, tall)
    ]


def _noisy(img: Image.Image, noise: Noise, dpi: int, rng: random.Random) -> Image.Image:
    if noise.paper < 255:  # uneven paper: a grey gradient under the ink
        w, h = img.size
        shade = (
            Image.linear_gradient("L").resize((w, h)).point(lambda v: 255 - (255 - noise.paper) * v // 255)
        )
        img = ImageChops.darker(img, shade)
    if noise.speckles:
        draw = ImageDraw.Draw(img)
        w, h = img.size
        n = int(noise.speckles * (w / dpi) * (h / dpi))
        r = max(1, dpi // 150)
        for _ in range(n):
            x, y = rng.randrange(w), rng.randrange(h)
            s = rng.randint(1, r + 1)
            draw.ellipse((x, y, x + s, y + s), fill=rng.randint(0, 90))
    if noise.skew_degrees:
        angle = rng.uniform(0.5, 1.0) * noise.skew_degrees * rng.choice((-1, 1))
        img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=False, fillcolor=noise.paper)
    if noise.blur:
        img = img.filter(ImageFilter.GaussianBlur(noise.blur * dpi / 300))
    if noise.jpeg_quality:
        img = _jpeg(img, noise.jpeg_quality)
    return img


def page_images(
    text: str, dpi: int = 200, noise: str = "clean", seed: int = 1, tall: bool = False
) -> list[Image.Image]:
    """Greyscale page images of ``text`` with the named noise (:data:`NOISE`), deterministic by seed;
    ``tall``: one page as long as the text."""
    level = NOISE[noise]
    rng = random.Random(seed)
    font = _font(dpi)
    margin = round(MARGIN_INCHES * dpi)
    line_height = round(font.size * 1.45)
    images = []
    for lines in _layout(text, dpi, tall):
        height = max(round(A4_INCHES[1] * dpi), 2 * margin + line_height * len(lines)) if tall else None
        size = (round(A4_INCHES[0] * dpi), height or round(A4_INCHES[1] * dpi))
        img = Image.new("L", size, 255)
        draw = ImageDraw.Draw(img)
        y = margin
        for line in lines:
            if line == RULE:
                mid = y + line_height // 2
                draw.line((margin + dpi // 2, mid, margin + dpi * 2, mid), fill=20, width=max(1, dpi // 100))
            elif line:
                draw.text((margin, y), line, font=font, fill=20)
            y += line_height
        images.append(_noisy(img, level, dpi, rng))
    return images


def _jpeg(img: Image.Image, quality: int) -> Image.Image:
    import io

    buf = io.BytesIO()
    img.save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return Image.open(buf).convert("L")


def write_pdf(images: list[Image.Image], path: Path, dpi: int = 200) -> Path:
    """An image-only PDF (no text layer), one page per image."""
    import time

    first, *rest = images
    fixed = time.gmtime(1609459200)  # 2021-01-01: byte-identical files for the same input
    first.save(
        path,
        "PDF",
        resolution=dpi,
        save_all=True,
        append_images=rest,
        title="scan",
        creationDate=fixed,
        modDate=fixed,
    )
    return path


def write_png(image: Image.Image, path: Path, dpi: int = 200) -> Path:
    """A PNG of one page (a photo when the page has the ``photo`` noise)."""
    image.save(path, "PNG", dpi=(dpi, dpi))
    return path


def write_tiff(images: list[Image.Image], path: Path, dpi: int = 200) -> Path:
    """A multi-page TIFF (deflate-compressed greyscale), as archive scanners write."""
    first, *rest = images
    first.save(path, "TIFF", dpi=(dpi, dpi), compression="tiff_deflate", save_all=True, append_images=rest)
    return path


# -- scoring -------------------------------------------------------------------------------------
def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions of code points), Myers' bit-vector
    algorithm on Python integers: O(len(a)) big-integer operations of len(b) bits."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    m = len(b)
    peq: dict[str, int] = {}
    for i, ch in enumerate(b):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    pv, mv, score = mask, 0, m
    for ch in a:
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    return score


def _squash(s: str) -> str:
    import unicodedata

    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip()


def char_accuracy(ocr: str, reference: str) -> float:
    """1 - edit distance / reference length, over NFC text with whitespace runs folded to one space."""
    o, r = _squash(ocr), _squash(reference)
    if not r:
        return 1.0 if not o else 0.0
    return max(0.0, 1.0 - edit_distance(o, r) / len(r))
