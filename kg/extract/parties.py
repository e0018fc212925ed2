"""Recipients ("Kính gửi") and distribution ("Nơi nhận") lists."""

from __future__ import annotations

from kg.extract.context import Context
from kg.normalise import NormText
from kg.record import Mention
from kg.segment import Segments


def extract_recipients(nt: NormText, seg: Segments, ctx: Context) -> tuple[Mention, ...]:
    return ()


def extract_distribution(nt: NormText, seg: Segments, ctx: Context) -> tuple[Mention, ...]:
    return ()
