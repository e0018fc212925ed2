"""People named in the body with their posts."""

from __future__ import annotations

from kg.extract.context import Context
from kg.normalise import NormText
from kg.record import Person, Signatory
from kg.segment import Segments


def extract_persons(
    nt: NormText, seg: Segments, ctx: Context, signatory: Signatory | None
) -> tuple[Person, ...]:
    return ()
