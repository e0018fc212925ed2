"""Header facts: number, type, date, place, title, issuer, meeting.

The rules live in the modules this one calls: :mod:`kg.extract.identifiers` (number and the type it
encodes), :mod:`kg.extract.dates` (place-date line, meeting), :mod:`kg.extract.title` (title, type
line, the text naming itself) and :mod:`kg.extract.issuer` (issuing body, header or inferred).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from kg import gazetteer as gz
from kg.extract.context import Found
from kg.extract.dates import find_meeting, find_place_date
from kg.extract.identifiers import DocNumber, find_number
from kg.extract.issuer import authority_issuer, central_organ, find_issuer, infer_issuer, party_department
from kg.extract.lexicon import issuer_names
from kg.extract.title import find_self_type, find_title
from kg.normalise import NormText
from kg.record import Issuer, Jurisdiction, Meeting
from kg.segment import Segments, opens_with_subject_mark
from kg.text import fold

__all__ = ["Header", "extract_header", "type_from_number"]


@dataclass(frozen=True)
class Header:
    number: Found[str] | None = None
    type: Found[str] | None = None
    date: Found[str] | None = None
    place: Found[str] | None = None
    title: Found[str] | None = None
    issuer: Issuer | None = None
    meeting: Meeting | None = None


# Types of documents that are never addressed to anyone ("Kính gửi"): legal acts and decisions.
_NEVER_ADDRESSED = frozenset(
    ("Luật", "Nghị định", "Thông tư", "Quyết định", "Nghị quyết", "Chỉ thị", "Quy định", "Quy chế")
)


def type_from_number(dn: DocNumber) -> str | None:
    """Type name encoded by the number: the type code, or Công văn for a State number without one."""
    if dn.type_code:
        dt = gz.doc_type_by_code(dn.type_code, dn.system)
        return dt.name_vi if dt else None
    if dn.system == "state" and dn.issuer_code:
        return "Công văn"
    return None


_OF_BODY = re.compile(r"\nCỦA ([^\n]+)\n")


def _issuing_organ(nt: NormText, seg: Segments, issuer: Issuer | None) -> Issuer | None:
    """ "CHỈ THỊ / CỦA BAN BÍ THƯ": the organ named under the type line issues for the header's body."""
    z = seg.get("title")
    if z is None:
        return issuer
    m = _OF_BODY.search(nt.text, z[0], z[1] + 1)
    if not m:
        return issuer
    ic = issuer_names().get(fold(m.group(1)))
    if ic is not None:
        jur = (
            Jurisdiction(national=True)
            if ic.national
            else (issuer.jurisdiction if issuer else Jurisdiction())
        )
        return Issuer(
            ic.name_vi,
            ic.level or (issuer.level if issuer else None),
            issuer.name if issuer else None,
            nt.span(m.start(1), m.end(1)),
            jur,
            ic.system,
        )
    return issuer


def _department_by_code(issuer: Issuer | None, dn: DocNumber | None) -> Issuer | None:
    """A header naming only the Party committee ("BAN CHẤP HÀNH TRUNG ƯƠNG", the department's line
    lost) while the number's issuer code names one of its departments ("5273-CV/BTGTW"): the
    department issues, for the committee."""
    if issuer is None or issuer.inferred or issuer.system != "party" or dn is None or not dn.issuer_code:
        return issuer
    ic = gz.issuer_by_code(dn.issuer_code.split("-")[0], "party")
    if ic is None or ic.system != "party" or (ic.level and ic.level != issuer.level):
        return issuer
    name = party_department(ic.name_vi, issuer.name, issuer.jurisdiction.national)
    if name is None or fold(name) == fold(issuer.name):
        return issuer
    return Issuer(name, issuer.level, issuer.name, issuer.span, issuer.jurisdiction, "party")


def _place_of_issuer(place: Found[str] | None, issuer: Issuer | None) -> Found[str] | None:
    """A place printed without its marks that the gazetteers could not restore alone ("Phu Yen": Phú Yên
    or Phù Yên?) is the issuer's province or district when it folds to its name."""
    if place is None or issuer is None or not any(w.isascii() and w.isalpha() for w in place.value.split()):
        return place
    jur = issuer.jurisdiction
    for name in (jur.district, jur.province):
        if name and fold(name) == fold(place.value):
            return Found(name, place.span)
    return place


def _issuer_of_place(issuer: Issuer | None, place: Found[str] | None) -> Issuer | None:
    """A provincial or district agency named without its place ("SỞ Y TẾ", the line of its People's
    Committee lost or never printed) is the agency of the province or district its letter is dated from
    ("Bình Dương, ngày ..." → "Sở Y tế tỉnh Bình Dương")."""
    if (
        issuer is None
        or place is None
        or issuer.inferred
        or issuer.system != "state"
        or issuer.jurisdiction.known
        or issuer.level not in ("province", "district")
    ):
        return issuer
    if issuer.level == "province" and (p := gz.province_by_name(place.value)) is not None:
        return replace(
            issuer, name=f"{issuer.name} {p.kind} {p.name}", jurisdiction=Jurisdiction(province=p.name)
        )
    if issuer.level == "district":
        ds = [d for d in gz.districts() if fold(d.name) == fold(place.value)]
        if len({d.province for d in ds}) == 1:
            d = ds[0]
            jur = Jurisdiction(province=d.province, district=d.name)
            return replace(issuer, name=f"{issuer.name} {d.kind} {d.name}", jurisdiction=jur)
    return issuer


def _damaged_by_code(issuer: Issuer | None, dn: DocNumber | None) -> Issuer | None:
    """A header name OCR damaged past the gazetteers ("TỎNG CỤC 'G CỤC THUÊSZ") while the number's issuer
    code names one national body ("470/TCT-TTKT": Tổng cục Thuế) that the damaged name opens like (its head
    words, "Tổng cục") and whose other words it still holds, at least half of them ("thuêsz"): that body,
    under the parent the header names."""
    if issuer is None or issuer.inferred or dn is None or not dn.issuer_code or dn.system != "state":
        return issuer
    ic = gz.issuer_by_code(dn.issuer_code, "state")
    if ic is None or not ic.national or fold(ic.name_vi) == fold(issuer.name):
        return issuer
    if issuer_names().get(fold(issuer.name)) is not None:
        return issuer  # a body the gazetteers know: another body's letter, not damage
    words = ic.name_vi.split()
    k = 1
    while k < len(words) and not words[k][:1].isupper():
        k += 1
    head, rest = fold(" ".join(words[:k])), [fold(w) for w in words[k:]]
    got = fold(issuer.name).split()
    if not rest or " ".join(got[:k]) != head:
        return issuer
    held = sum(any(g.startswith(w) for g in got[k:]) for w in rest)
    if 2 * held < len(rest):
        return issuer
    return Issuer(
        ic.name_vi, ic.level or issuer.level, issuer.parent, issuer.span, Jurisdiction(national=True), "state"
    )


_COMMITTEE_OF = re.compile(r" ((?:Tỉnh|Huyện|Quận|Thành|Thị) ủy)$")


def _department_of_place(
    issuer: Issuer | None, dn: DocNumber | None, place: Found[str] | None
) -> Issuer | None:
    """A department of a Party committee printed without the committee's line ("BAN TUYÊN GIÁO",
    "VĂN PHÒNG": the top line lost or cropped), whose number's code names it ("12-CV/BTGHU": the Ban
    Tuyên giáo of a Huyện ủy): the department of the committee of the place its letter is dated from."""
    if (
        place is None
        or dn is None
        or not dn.issuer_code
        or (issuer is not None and (issuer.parent or issuer.jurisdiction.known))
    ):
        return issuer
    ic = gz.issuer_by_code(dn.issuer_code.split("-")[0], "party")
    m = _COMMITTEE_OF.search(ic.name_vi) if ic is not None and ic.system == "party" else None
    if ic is None or m is None or ic.scope != "local" or ic.name_vi == m.group(1):
        return issuer
    if issuer is not None and not fold(ic.name_vi).startswith(fold(issuer.name)):
        return issuer  # the header names another body
    ds = [d for d in gz.districts() if fold(d.name) == fold(place.value)]
    p = gz.province_by_name(place.value)
    if ic.level == "province" and (p is not None or len({d.province for d in ds}) == 1):
        where = p.name if p is not None else ds[0].province  # "Vinh, ngày ...": the city of the province
        jur = Jurisdiction(province=where)
    elif ic.level == "district" and len({d.province for d in ds}) == 1:
        jur, where = Jurisdiction(province=ds[0].province, district=ds[0].name), ds[0].name
    else:
        return issuer
    committee = m.group(1)
    if committee == "Tỉnh ủy" and (p := gz.province_by_name(where)) is not None and p.kind == "thành phố":
        committee = "Thành ủy"
    name = f"{ic.name_vi[: m.start()]} {committee} {where}"
    span = issuer.span if issuer is not None else place.span
    inferred = issuer.inferred if issuer is not None else True
    return Issuer(name, ic.level, f"{committee} {where}", span, jur, "party", inferred)


def _with_authority(nt: NormText, seg: Segments, issuer: Issuer | None) -> Issuer | None:
    """The body of a decision's authority line ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X") when the header names
    none (lost, unreadable, never printed) or names it without its place ("ỦY BAN NHÂN DÂN")."""
    if issuer is not None and issuer.jurisdiction.known:
        return issuer
    auth = authority_issuer(nt, seg)
    if auth is None or (issuer is not None and not fold(auth.name).startswith(fold(issuer.name))):
        return issuer
    return auth


def extract_header(nt: NormText, seg: Segments) -> Header:
    dn, number = find_number(nt, seg)
    place, when = find_place_date(nt, seg)
    title, line_type = find_title(nt, seg)

    doc_type: Found[str] | None = None
    if dn is not None:
        name = type_from_number(dn)
        if name is not None:
            z = seg.get("number")
            span = number.span if number else (nt.span(*z) if z else (0, 0))
            doc_type = Found(name, span)
    if line_type is not None:
        # a type line refines the number's type ("THÔNG BÁO KẾT LUẬN" for a -TB/ number), and names it
        # where a State number without a type code only implied a Công văn ("CÔNG ĐIỆN", "THÔNG BÁO" over
        # "Số: 12/UBND-VX")
        if (
            doc_type is None
            or (dn is not None and dn.system == "state" and dn.type_code is None)
            or (
                gz.doc_type_by_name(line_type.value) is not None
                and (
                    dn is not None
                    and dn.type_code is not None
                    and (gz.doc_type_by_name(line_type.value) or gz.doc_types()[0]).code == dn.type_code
                )
            )
        ):
            doc_type = line_type
    if doc_type is None:
        z = seg.get("title")
        if z is not None and opens_with_subject_mark(nt.text[z[0] : z[1]]):
            # a letter's subject line ("V/v", "VW" as OCR read it): a Công văn, whatever it quotes
            doc_type = Found("Công văn", nt.span(z[0], z[0] + 3))
    if doc_type is None:
        doc_type = find_self_type(nt, seg)
        if doc_type is not None and doc_type.value in _NEVER_ADDRESSED and seg.get("kinh_gui") is not None:
            # a text addressed "Kính gửi: ..." is no legal act: its "Nghị định này" is the cited decree's
            # (a letter is a Công văn only by its number or its "V/v": no type rather than a guess)
            doc_type = None

    issuer = _with_authority(nt, seg, find_issuer(nt, seg)) or infer_issuer(nt, seg, dn)
    issuer = _issuing_organ(nt, seg, issuer)
    issuer = _department_by_code(issuer, dn)
    issuer = _damaged_by_code(issuer, dn)
    issuer = central_organ(nt, seg, issuer)
    place = _place_of_issuer(place, issuer)
    issuer = _issuer_of_place(issuer, place)
    issuer = _department_of_place(issuer, dn, place)
    meeting = find_meeting(nt, seg) if when is None else None
    return Header(number, doc_type, when, place, title, issuer, meeting)
