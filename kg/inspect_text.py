"""Checks on a decoded text as a whole, before extraction: several documents pasted into one file.

A directive has one national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" for State bodies, "ĐẢNG
CỘNG SẢN VIỆT NAM" for Party committees), one "Số ..." line in its header and one signature block
closed by "Nơi nhận". A file with several of them is several documents pasted together: the extractor
reads only the first header, so the others' facts would be lost or mixed; the record says so.
"""

from __future__ import annotations

import re

from kg.text import fold

__all__ = ["document_starts", "pasted_documents_warning", "signature_blocks"]

_MOTTO = re.compile(r"^(?:cong hoa xa hoi chu nghia viet nam|dang cong san viet nam)\b")
_NUMBER = re.compile(r"^so\s*:?\s*\d+[\w.]*\s*[-/]\s*[a-z]")
_NOI_NHAN = re.compile(r"^noi nhan\s*:?")
# Headers closer than this belong to one header block (the two columns of a header, motto then number).
_SAME_HEADER = 600
# A repeated block needs this much text before it to count as another document.
_MIN_DOCUMENT = 200


# Lines that can be a motto ("CỘNG HÒA ...", "ĐẢNG CỘNG SẢN ..."), a "Số" line or "Nơi nhận" start with:
_CANDIDATE_START = frozenset("CcĐđDdSsNn")


def _lines(text: str) -> list[tuple[int, str, str]]:
    """``(offset, stripped line, folded line)`` for each non-blank line that could start a block."""
    out: list[tuple[int, str, str]] = []
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip(" \t*#_|>\r\n\ufeff\u00a0")
        if stripped and stripped[0] in _CANDIDATE_START:
            out.append((pos + line.find(stripped[0]), stripped[:120], fold(stripped[:120])))
        pos += len(line)
    return out


def _is_number_line(stripped: str, folded: str) -> bool:
    """The header's "Số: 12/CT-UBND" line, not a wrapped body line "số 1960/QĐ-TCT ngày ..."."""
    if not stripped.startswith(("Số", "SỐ", "So", "SO")) or not _NUMBER.match(folded):
        return False
    return bool(re.match(r"so\s*:", folded)) or len(stripped) < 40 or ", ngay" in folded


def _clusters(offsets: list[int]) -> list[int]:
    starts: list[int] = []
    for o in sorted(offsets):
        if not starts or o - starts[-1] > _SAME_HEADER:
            if starts and o - starts[-1] < _MIN_DOCUMENT:
                continue
            starts.append(o)
    return starts


def document_starts(text: str) -> list[int]:
    """Offsets (into ``text``) of the header blocks: motto lines and "Số ..." lines, clustered."""
    return _document_starts(_lines(text))


def _document_starts(lines: list[tuple[int, str, str]]) -> list[int]:
    mottos = [pos for pos, _, f in lines if _MOTTO.match(f)]
    numbers = [pos for pos, s, f in lines if _is_number_line(s, f)]
    by_motto = _clusters(mottos)
    by_number = _clusters(numbers)
    return by_motto if len(by_motto) >= len(by_number) else by_number


def signature_blocks(text: str) -> list[int]:
    """Offsets of the "Nơi nhận" lines that close signature blocks."""
    return _signature_blocks(_lines(text))


def _signature_blocks(lines: list[tuple[int, str, str]]) -> list[int]:
    return _clusters([pos for pos, _, f in lines if _NOI_NHAN.match(f)])


def pasted_documents_warning(text: str) -> str | None:
    """A warning when ``text`` holds several documents pasted together, else ``None``."""
    lines = _lines(text)
    starts = _document_starts(lines)
    if len(starts) >= 2:
        return (
            f"several documents pasted together: {len(starts)} headers at offsets "
            + ", ".join(str(o) for o in starts)
            + "; only the first is extracted as the document"
        )
    blocks = _signature_blocks(lines)
    if len(blocks) >= 2:
        return (
            f"several documents pasted together: {len(blocks)} signature blocks (Nơi nhận) at offsets "
            + ", ".join(str(o) for o in blocks)
            + "; only the first is extracted as the document"
        )
    return None
