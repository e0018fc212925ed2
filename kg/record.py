"""The extracted record: frozen dataclasses and their JSON form (docs/record.md).

Every fact carries ``span``: ``(start, end)`` character offsets into the original decoded text.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from typing import Any

from kg.text import slug

Span = tuple[int, int]

__all__ = [
    "Assignment",
    "Citation",
    "DirectiveSource",
    "Issuer",
    "Jurisdiction",
    "Measure",
    "Meeting",
    "Mention",
    "Ocr",
    "Person",
    "Record",
    "Signatory",
    "Slogan",
    "Span",
    "replace",
]


@dataclass(frozen=True)
class Jurisdiction:
    """Where a body sits: the country (``national``), a province, or a district of a province."""

    province: str | None = None
    district: str | None = None
    national: bool = False

    @property
    def known(self) -> bool:
        return self.national or self.province is not None

    @property
    def key(self) -> str | None:
        """Slug used in IRIs and identity keys: ``vn``, ``lam-dong``, ``lam-dong/bao-lam``."""
        if self.national:
            return "vn"
        if self.province is None:
            return None
        if self.district:
            return f"{slug(self.province)}/{slug(self.district)}"
        return slug(self.province)


@dataclass(frozen=True)
class Issuer:
    name: str  # as the record shows it: "Thành ủy Cần Thơ", "Tỉnh ủy" when the province is not named
    level: str | None  # central | province | district | commune
    parent: str | None
    span: Span | None
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    system: str | None = None  # party | state
    inferred: bool = False  # read from the body rather than the header

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "level": self.level,
            "parent": self.parent,
            "span": list(self.span) if self.span else None,
            "system": self.system,
            "jurisdiction": self.jurisdiction.key,
            "inferred": self.inferred,
        }


@dataclass(frozen=True)
class Signatory:
    name: str | None
    position: str | None
    capacity: str | None  # T/M, K/T, T/L, T/U, Q. (Party) or TM., KT., TL., TUQ. (State)
    on_behalf_of: str | None
    span: Span | None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "position": self.position,
            "capacity": self.capacity,
            "on_behalf_of": self.on_behalf_of,
            "span": list(self.span) if self.span else None,
        }


@dataclass(frozen=True)
class Mention:
    """An item of a list block ("Kính gửi", "Nơi nhận") with its span; ``parts``: the bodies an item
    such as "các Bộ: Công an, Y tế" names one by one ("Bộ Công an", "Bộ Y tế"), empty otherwise."""

    text: str
    span: Span
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    number: str | None
    type: str | None
    date: str | None  # YYYY-MM-DD
    issuer: str | None
    title: str | None
    relation: str  # implements | based_on | approves | cites
    span: Span
    jurisdiction: Jurisdiction = field(default_factory=Jurisdiction)
    issuer_level: str | None = None
    cites: tuple[Citation, ...] = ()  # citations inside this cited document's own title
    mentions: tuple[Span, ...] = ()  # short references to it ("Chỉ thị 16", "Kế hoạch nêu trên")

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "type": self.type,
            "date": self.date,
            "issuer": self.issuer,
            "title": self.title,
            "relation": self.relation,
            "span": list(self.span),
            "jurisdiction": self.jurisdiction.key,
            "issuer_level": self.issuer_level,
            "cites": [c.to_json() for c in self.cites],
            "mentions": [list(m) for m in self.mentions],
        }


@dataclass(frozen=True)
class DirectiveSource:
    """A body whose directions the text follows without citing a numbered document."""

    body: str
    relation: str  # implements | based_on | cites
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"body": self.body, "relation": self.relation, "span": list(self.span)}


@dataclass(frozen=True)
class Measure:
    concept: str  # a code of the measure scheme (kg/data/measures.tsv)
    evidence: str  # the clause that prescribes it (normalised text)
    span: Span  # the clause in the original text
    assigned_to: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    deadline: str | None = None
    item: str | None = None  # numbered item label: "2.2", "3"
    cue: str | None = None  # the words that triggered the concept

    def to_json(self) -> dict[str, Any]:
        return {
            "concept": self.concept,
            "evidence": self.evidence,
            "assigned_to": list(self.assigned_to),
            "span": list(self.span),
            "lead": list(self.lead),
            "support": list(self.support),
            "targets": list(self.targets),
            "deadline": self.deadline,
            "item": self.item,
            "cue": self.cue,
        }


@dataclass(frozen=True)
class Slogan:
    text: str  # canonical form: "5K", "4 tại chỗ", "mục tiêu kép"
    span: Span
    stands_for: tuple[str, ...] = ()  # measure codes

    def to_json(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span), "stands_for": list(self.stands_for)}


@dataclass(frozen=True)
class Assignment:
    body: str  # as written, canonical spelling: "Ban Tuyên giáo Tỉnh ủy"
    role: str  # lead | support | responsible
    span: Span
    item: str | None = None
    scoped: str | None = None  # scoped to the issuer's jurisdiction: "Ban Tuyên giáo Tỉnh ủy Tây Ninh"

    def to_json(self) -> dict[str, Any]:
        return {
            "body": self.body,
            "role": self.role,
            "span": list(self.span),
            "item": self.item,
            "scoped": self.scoped,
        }


@dataclass(frozen=True)
class Person:
    name: str
    positions: tuple[str, ...]
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "positions": list(self.positions), "span": list(self.span)}


@dataclass(frozen=True)
class Meeting:
    date: str | None
    body: str | None
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {"date": self.date, "body": self.body, "span": list(self.span)}


@dataclass(frozen=True)
class Ocr:
    """How a scanned document's text was read: engine, language and Tesseract's mean word confidence
    (0-100), overall (weighted by words) and for each page read by OCR (1-based page numbers)."""

    engine: str  # "tesseract 5.5.4"
    language: str  # Tesseract's model: "vie"
    confidence: float
    pages: tuple[int, ...]
    page_confidence: tuple[float, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "language": self.language,
            "confidence": self.confidence,
            "pages": list(self.pages),
            "page_confidence": list(self.page_confidence),
        }


SCALAR_FIELDS = ("number", "type", "date", "place", "title")


@dataclass(frozen=True)
class Record:
    """Everything extracted from one document."""

    source: str
    sha256: str
    number: str | None = None
    type: str | None = None
    date: str | None = None
    place: str | None = None
    title: str | None = None
    issuer: Issuer | None = None
    signatory: Signatory | None = None
    recipients: tuple[Mention, ...] = ()
    distribution: tuple[Mention, ...] = ()
    citations: tuple[Citation, ...] = ()
    directive_sources: tuple[DirectiveSource, ...] = ()
    measures: tuple[Measure, ...] = ()
    slogans: tuple[Slogan, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    persons: tuple[Person, ...] = ()
    meeting: Meeting | None = None
    spans: dict[str, Span] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()
    encoding: str | None = None
    text_length: int = 0
    pages: tuple[Span, ...] = ()  # paged sources (PDF, images): each page's [start, end) in the text
    ocr: Ocr | None = None  # set when some of the text was read by OCR

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def to_json(self) -> dict[str, Any]:
        """The JSON object of docs/record.md (required keys first, extras after)."""
        return {
            "source": self.source,
            "number": self.number,
            "type": self.type,
            "date": self.date,
            "place": self.place,
            "title": self.title,
            "issuer": self.issuer.to_json() if self.issuer else None,
            "signatory": self.signatory.to_json() if self.signatory else None,
            "recipients": [m.text for m in self.recipients],
            "distribution": [m.text for m in self.distribution],
            "citations": [c.to_json() for c in self.citations],
            "measures": [m.to_json() for m in self.measures],
            "assignments": [a.to_json() for a in self.assignments],
            "persons": [p.to_json() for p in self.persons],
            "spans": {k: list(v) for k, v in self.spans.items() if getattr(self, k, None) is not None},
            # Extra keys (allowed by the spec).
            "recipient_spans": [list(m.span) for m in self.recipients],
            "distribution_spans": [list(m.span) for m in self.distribution],
            "directive_sources": [d.to_json() for d in self.directive_sources],
            "slogans": [s.to_json() for s in self.slogans],
            "meeting": self.meeting.to_json() if self.meeting else None,
            "sha256": self.sha256,
            "encoding": self.encoding,
            "warnings": list(self.warnings),
            "pages": [list(p) for p in self.pages],
            "ocr": self.ocr.to_json() if self.ocr else None,
        }


def record_field_names() -> list[str]:
    return [f.name for f in fields(Record)]
