"""What extractors share: a found scalar with its span, and the document context."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

from kg.record import Issuer, Jurisdiction, Span

T = TypeVar("T")


@dataclass(frozen=True)
class Found(Generic[T]):
    """A value read from the text, with its span in the original text."""

    value: T
    span: Span


@dataclass(frozen=True)
class Context:
    """Facts about the document that later extractors need (issuer scope, identity)."""

    sha256: str
    issuer: Issuer | None = None
    doc_type: str | None = None
    year: int | None = None
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def jurisdiction(self) -> Jurisdiction:
        return self.issuer.jurisdiction if self.issuer else Jurisdiction()

    @property
    def level(self) -> str | None:
        return self.issuer.level if self.issuer else None
