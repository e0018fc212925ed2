"""Prescribed measures, slogans and tasked bodies."""

from __future__ import annotations

from kg.extract.context import Context
from kg.normalise import NormText
from kg.record import Assignment, Measure, Slogan
from kg.segment import Segments


def extract_measures(
    nt: NormText, seg: Segments, ctx: Context
) -> tuple[tuple[Measure, ...], tuple[Slogan, ...], tuple[Assignment, ...]]:
    return (), (), ()
