"""Header facts: number, type, date, place, title, issuer, meeting. (Entry point; rules filled in by its owner.)"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.context import Found
from kg.normalise import NormText
from kg.record import Issuer, Meeting
from kg.segment import Segments


@dataclass(frozen=True)
class Header:
    number: Found[str] | None = None
    type: Found[str] | None = None
    date: Found[str] | None = None
    place: Found[str] | None = None
    title: Found[str] | None = None
    issuer: Issuer | None = None
    meeting: Meeting | None = None


def extract_header(nt: NormText, seg: Segments) -> Header:
    return Header()
