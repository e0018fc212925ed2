"""One document through the stages: read → normalise → segment → extract → record."""

from __future__ import annotations

import hashlib
import os

from kg.extract.citations import extract_citations
from kg.extract.context import Context
from kg.extract.header import extract_header
from kg.extract.measures import extract_measures
from kg.extract.parties import distribution_pieces, extract_distribution, extract_recipients
from kg.extract.persons import extract_persons
from kg.extract.signature import extract_signatory
from kg.inspect_text import pasted_documents_warning
from kg.legacy import not_vietnamese_warning
from kg.normalise import normalise
from kg.read import Source, read_source
from kg.record import Record, Span, replace
from kg.segment import segment

__all__ = ["extract_file", "extract_source", "extract_text"]


def extract_text(
    text: str,
    source: str = "<text>",
    sha256: str | None = None,
    encoding: str | None = None,
    read_warnings: tuple[str, ...] = (),
) -> Record:
    """Extract a :class:`Record` from decoded text. Pure: the same text gives the same record."""
    if sha256 is None:
        sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    nt = normalise(text)
    seg = segment(nt)
    header = extract_header(nt, seg)
    spans: dict[str, Span] = {}
    values: dict[str, str | None] = {}
    for name in ("number", "type", "date", "place", "title"):
        found = getattr(header, name)
        values[name] = found.value if found else None
        if found:
            spans[name] = found.span
    year = int(values["date"][:4]) if values["date"] else None
    extra = {"number": values["number"]} if values["number"] else {}
    ctx = Context(sha256=sha256, issuer=header.issuer, doc_type=values["type"], year=year, extra=extra)
    signatory = extract_signatory(nt, seg)
    recipients = extract_recipients(nt, seg, ctx)
    listed = distribution_pieces(nt, seg)  # the Nơi nhận items, read once for both
    distribution = extract_distribution(nt, seg, ctx, listed)
    persons = extract_persons(nt, seg, ctx, signatory, listed)
    citations, directive_sources = extract_citations(nt, seg, ctx)
    measures, slogans, assignments = extract_measures(nt, seg, ctx, tuple(r.text for r in recipients))
    warnings = list(read_warnings)
    if (pasted := pasted_documents_warning(text)) is not None:
        warnings.append(pasted)
    if (garbled := not_vietnamese_warning(text)) is not None:
        warnings.append(garbled)
    for name in ("number", "type", "date", "title"):
        if values[name] is None:
            warnings.append(f"no {name} found")
    if header.issuer is None:
        warnings.append("no issuer found")
    if signatory is None:
        warnings.append("no signatory found")
    return Record(
        source=source,
        sha256=sha256,
        number=values["number"],
        type=values["type"],
        date=values["date"],
        place=values["place"],
        title=values["title"],
        issuer=header.issuer,
        signatory=signatory,
        recipients=recipients,
        distribution=distribution,
        citations=citations,
        directive_sources=directive_sources,
        measures=measures,
        slogans=slogans,
        assignments=assignments,
        persons=persons,
        meeting=header.meeting,
        spans=spans,
        warnings=tuple(warnings),
        encoding=encoding,
        text_length=len(text),
    )


def extract_source(src: Source, shown: str | None = None) -> Record:
    """Extract a read file: :func:`extract_text` of its text, with its pages and how OCR read them."""
    record = extract_text(src.text, shown or src.path, src.sha256, src.encoding, src.warnings)
    if src.pages or src.ocr:
        record = replace(record, pages=src.pages, ocr=src.ocr)
    return record


def extract_file(path: str | os.PathLike[str]) -> Record:
    """Read and extract one file. Raises :class:`kg.read.ReadError` when it cannot be read."""
    return extract_source(read_source(path))
