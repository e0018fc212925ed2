"""Cited documents (by number) and directing bodies (references without a number)."""

from __future__ import annotations

from kg.extract.context import Context
from kg.normalise import NormText
from kg.record import Citation, DirectiveSource
from kg.segment import Segments


def extract_citations(
    nt: NormText, seg: Segments, ctx: Context
) -> tuple[tuple[Citation, ...], tuple[DirectiveSource, ...]]:
    return (), ()
