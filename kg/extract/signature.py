"""The signature block: capacity, body signed for, position, name."""

from __future__ import annotations

from kg.normalise import NormText
from kg.record import Signatory
from kg.segment import Segments


def extract_signatory(nt: NormText, seg: Segments) -> Signatory | None:
    return None
