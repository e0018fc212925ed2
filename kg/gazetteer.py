"""Gazetteers: the data tables in ``kg/data/*.tsv``, loaded once and cached.

Tables are UTF-8, tab-separated, with a header row; lines starting with ``#`` are comments and lists
inside a cell are separated by `` | `` (see ARCHITECTURE.md). They are read as package data with
:mod:`importlib.resources`, so they work from a source checkout and after ``pip install``.

Accessors return tuples of frozen dataclasses; lookups (``*_by_*``) accept text in any tone style
and case and fall back to a diacritic-insensitive match (:func:`kg.text.fold`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Protocol, TypeVar

from kg.normalise import canonical_tones
from kg.text import fold

__all__ = [
    "Abbreviation",
    "BodyType",
    "Capacity",
    "District",
    "DocType",
    "GazetteerError",
    "IssuerCode",
    "Position",
    "Province",
    "abbreviations",
    "abbreviations_for",
    "body_types",
    "capacities",
    "capacity_by_form",
    "districts",
    "districts_in",
    "doc_type_by_code",
    "doc_type_by_name",
    "doc_types",
    "is_non_body",
    "issuer_by_code",
    "issuer_codes",
    "issuers_by_code",
    "load_table",
    "positions",
    "province_by_name",
    "province_by_slug",
    "province_name_words",
    "provinces",
]

DATA_PACKAGE = "kg"  # tables live in kg/data/ (package data of kg, see setup.cfg)
DATA_DIR = "data"
LIST_SEP = " | "

# Expected columns of the tables owned by this module (other tables are loaded as they are).
COLUMNS: dict[str, tuple[str, ...]] = {
    "doc_types.tsv": ("code", "name_vi", "name_en", "system", "aliases"),
    "issuer_codes.tsv": ("code", "name_vi", "name_en", "level", "system", "scope"),
    "provinces.tsv": ("name", "kind", "slug", "period", "variants"),
    "districts.tsv": ("province", "name", "kind"),
    "abbreviations.tsv": ("abbr", "expansion", "context"),
    "positions.tsv": ("position", "name_en", "aliases"),
    "capacities.tsv": ("form", "canonical", "system", "meaning_vi", "meaning_en"),
    "body_types.tsv": ("head", "name_en", "kind", "level_hint"),
    "non_bodies.tsv": ("pattern", "meaning_vi", "meaning_en"),
}


class GazetteerError(ValueError):
    """A data table is missing or malformed; the message names the file and the line."""


# --------------------------------------------------------------------------- reading


def _file_name(name: str) -> str:
    return name if name.endswith(".tsv") else f"{name}.tsv"


def _data_files() -> Traversable:
    """The directory of the tables (a Traversable: works from a checkout, a wheel or a zip)."""
    return resources.files(DATA_PACKAGE).joinpath(DATA_DIR)


@cache
def _read_table(name: str) -> tuple[tuple[tuple[str, str], ...], ...]:
    fname = _file_name(name)
    resource = _data_files().joinpath(fname)
    try:
        raw = resource.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise GazetteerError(f"{fname}: no such table in {DATA_PACKAGE}/{DATA_DIR}") from exc
    except UnicodeDecodeError as exc:
        raise GazetteerError(f"{fname}: not valid UTF-8 ({exc})") from exc

    header: tuple[str, ...] | None = None
    rows: list[tuple[tuple[str, str], ...]] = []
    for lineno, line in enumerate(raw.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{fname}, line {lineno}"
        for cell in cells:
            if unicodedata.normalize("NFC", cell) != cell:
                raise GazetteerError(f"{where}: cell {cell!r} is not in Unicode NFC")
        if header is None:
            header = tuple(cells)
            if len(set(header)) != len(header) or "" in header:
                raise GazetteerError(f"{where}: bad header {header!r}")
            expected = COLUMNS.get(fname)
            if expected is not None and header != expected:
                raise GazetteerError(f"{where}: header {header!r}, expected {expected!r}")
            continue
        if len(cells) > len(header):
            raise GazetteerError(f"{where}: {len(cells)} cells, header has {len(header)} columns: {line!r}")
        if len(header) > 1 and len(cells) < 2:
            raise GazetteerError(f"{where}: no tab in row (columns must be tab-separated): {line!r}")
        cells += [""] * (len(header) - len(cells))  # editors may drop trailing empty cells
        rows.append(tuple(zip(header, cells, strict=True)))
    if header is None:
        raise GazetteerError(f"{fname}: empty table (no header row)")
    return tuple(rows)


def load_table(name: str) -> list[dict[str, str]]:
    """Rows of ``kg/data/{name}`` (``.tsv`` optional) as dicts column → stripped cell.

    Comment lines (``#``) and blank lines are skipped; a row with too many cells, a row without
    tabs, a cell not in NFC or an unexpected header raises :class:`GazetteerError` naming the file
    and the line. The parse is cached; each call returns fresh dicts.
    """
    return [dict(row) for row in _read_table(name)]


def _split_list(cell: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in cell.split("|") if part.strip())


# --------------------------------------------------------------------------- keys

_DASHES_DOTS = re.compile(r"[\s\-\u2010-\u2015.,]+")


def _key(s: str) -> str:
    """Exact-ish key: NFC, canonical tones, case-folded, dashes/dots/spaces folded to one space."""
    s = unicodedata.normalize("NFC", s).replace("\u00d0", "Đ").replace("\u00f0", "đ")
    s = canonical_tones(s).casefold()
    return _DASHES_DOTS.sub(" ", s).strip()


def _fold_key(s: str) -> str:
    return fold(_key(s))


class _Coded(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def system(self) -> str: ...


_C = TypeVar("_C", bound=_Coded)


def _prefer(candidates: Iterable[_C], system: str | None) -> _C | None:
    """First candidate of the given system (or ``both``), else the first candidate at all."""
    items = list(candidates)
    if not items:
        return None
    if system is not None:
        for item in items:
            if item.system in (system, "both"):
                return item
    return items[0]


_CodeIndex = tuple[dict[str, tuple[_C, ...]], dict[str, tuple[_C, ...]], dict[str, tuple[_C, ...]]]


def _index(pairs: Iterable[tuple[str, _C]]) -> dict[str, tuple[_C, ...]]:
    """Key → the rows having it, in table order, each row once."""
    out: dict[str, list[_C]] = {}
    for key, row in pairs:
        rows = out.setdefault(key, [])
        if not rows or rows[-1] is not row:
            rows.append(row)
    return {k: tuple(v) for k, v in out.items()}


def _code_index(rows: Sequence[_C]) -> _CodeIndex[_C]:
    """Rows by code: exact, case-folded, diacritic-folded (rows without a code left out)."""
    coded = [r for r in rows if r.code]
    return (
        _index((r.code, r) for r in coded),
        _index((r.code.casefold(), r) for r in coded),
        _index((fold(r.code), r) for r in coded),
    )


def _match_code(index: _CodeIndex[_C], code: str, system: str | None) -> _C | None:
    """Exact code, then case-insensitive, then diacritic-insensitive; system preferred at each step."""
    code = unicodedata.normalize("NFC", code.strip()).replace("\u00d0", "Đ")
    if not code:
        return None
    exact, folded_case, folded = index
    for table, key in ((exact, code), (folded_case, code.casefold()), (folded, fold(code))):
        found = _prefer(table.get(key, ()), system)
        if found is not None:
            return found
    return None


# --------------------------------------------------------------------------- document types


@dataclass(frozen=True, slots=True)
class DocType:
    """A document type: ``code`` in numbers, names, ``system`` party/state/both."""

    code: str
    name_vi: str
    name_en: str
    system: str
    aliases: tuple[str, ...] = ()


@cache
def doc_types() -> tuple[DocType, ...]:
    return tuple(
        DocType(r["code"], r["name_vi"], r["name_en"], r["system"], _split_list(r["aliases"]))
        for r in load_table("doc_types.tsv")
    )


@cache
def _doc_type_codes() -> _CodeIndex[DocType]:
    return _code_index(doc_types())


@cache
def _doc_type_names() -> tuple[dict[str, tuple[DocType, ...]], dict[str, tuple[DocType, ...]]]:
    """Doc types by ``_key`` and by folded key of their name and aliases, in table order."""
    names = [(n, d) for d in doc_types() for n in (d.name_vi, *d.aliases)]
    return _index((_key(n), d) for n, d in names), _index((_fold_key(n), d) for n, d in names)


@lru_cache(maxsize=4096)
def doc_type_by_code(code: str, system: str | None = None) -> DocType | None:
    """Type for a code of a document number ("CV", "QĐ", "TT"); ``system`` "party" or "state".

    A code with two meanings (TT: Thông tri / Thông tư) is resolved by ``system``; without a
    system the first row wins. Unknown code → ``None``.
    """
    return _match_code(_doc_type_codes(), code, system)


@lru_cache(maxsize=4096)
def doc_type_by_name(name: str, system: str | None = None) -> DocType | None:
    """Type for a name or alias in any case/tone style ("THÔNG BÁO KẾT LUẬN", "Thông tư")."""
    key = _key(name)
    if not key:
        return None
    exact, folded = _doc_type_names()
    found = _prefer(exact.get(key, ()), system)
    if found is None:
        found = _prefer(folded.get(fold(key), ()), system)
    return found


# --------------------------------------------------------------------------- issuers


@dataclass(frozen=True, slots=True)
class IssuerCode:
    """Issuer part of document numbers; ``level`` "" when the code is used at several levels."""

    code: str
    name_vi: str
    name_en: str
    level: str
    system: str
    scope: str

    @property
    def national(self) -> bool:
        return self.scope == "national"


@cache
def issuer_codes() -> tuple[IssuerCode, ...]:
    return tuple(
        IssuerCode(r["code"], r["name_vi"], r["name_en"], r["level"], r["system"], r["scope"])
        for r in load_table("issuer_codes.tsv")
    )


@cache
def _issuer_code_index() -> _CodeIndex[IssuerCode]:
    return _code_index(issuer_codes())


@lru_cache(maxsize=4096)
def issuer_by_code(code: str, system: str | None = None) -> IssuerCode | None:
    """Issuer for a code ("BTGTW", "TU", "BYT"); a sub-code after a hyphen is ignored ("BYT-MT").

    ``system`` ("party"/"state"/"front") picks between homonyms (BCT: Bộ Chính trị in Party
    numbers, Bộ Công Thương in State numbers); if no row of that system exists, any row is returned.
    """
    head = code.strip().split("-", 1)[0]
    return _match_code(_issuer_code_index(), head, system)


def issuers_by_code(code: str) -> tuple[IssuerCode, ...]:
    """All rows with exactly this code (homonyms in several systems)."""
    return tuple(i for i in issuer_codes() if i.code == code.strip())


# --------------------------------------------------------------------------- provinces


@dataclass(frozen=True, slots=True)
class Province:
    """Province or centrally-run city; ``period`` before-2025 / after-2025 / both."""

    name: str
    kind: str
    slug: str
    period: str
    variants: tuple[str, ...] = ()

    @property
    def before_2025(self) -> bool:
        return self.period in ("before-2025", "both")

    @property
    def after_2025(self) -> bool:
        return self.period in ("after-2025", "both")


@cache
def provinces() -> tuple[Province, ...]:
    return tuple(
        Province(r["name"], r["kind"], r["slug"], r["period"], _split_list(r["variants"]))
        for r in load_table("provinces.tsv")
    )


_PROVINCE_PREFIXES = ("tỉnh ", "thành phố ", "tp ", "t p ", "thủ đô ")
_FOLDED_PREFIXES = tuple(fold(p) + " " for p in _PROVINCE_PREFIXES)


def _strip_prefix(key: str, prefixes: tuple[str, ...] = _PROVINCE_PREFIXES) -> str:
    for prefix in prefixes:
        if key.startswith(prefix) and len(key) > len(prefix):
            return key[len(prefix) :]
    return key


@cache
def _province_index() -> tuple[dict[str, Province], dict[str, Province]]:
    exact: dict[str, Province] = {}
    folded: dict[str, Province] = {}
    for p in provinces():  # names first, then variants: a name never loses to a variant
        for k in {_key(p.name), _strip_prefix(_key(p.name))}:
            exact.setdefault(k, p)
            folded.setdefault(fold(k), p)
    for p in provinces():
        for v in p.variants:
            for k in {_key(v), _strip_prefix(_key(v))}:
                exact.setdefault(k, p)
                folded.setdefault(fold(k), p)
    return exact, folded


@lru_cache(maxsize=4096)
def province_by_name(text: str) -> Province | None:
    """Province for a name as written: any case or tone style, a variant ("TP HCM", "Sài Gòn"),
    with or without "tỉnh"/"thành phố"/"TP" in front; diacritic-insensitive fallback ("hoa binh").
    """
    exact, folded = _province_index()
    key = _key(text)
    if not key:
        return None
    for k in (key, _strip_prefix(key)):
        if k in exact:
            return exact[k]
    fkey = fold(key)
    for k in (fkey, _strip_prefix(fkey, _FOLDED_PREFIXES)):
        if k in folded:
            return folded[k]
    return None


@cache
def province_name_words() -> int:
    """The most words in a province's name or variant ("Bà Rịa - Vũng Tàu": 5), for callers that try
    runs of words as province names."""
    return max(len(n.split()) for p in provinces() for n in (p.name, *p.variants))


def province_by_slug(slug: str) -> Province | None:
    """Province for its slug ("ba-ria-vung-tau")."""
    return next((p for p in provinces() if p.slug == slug), None)


# --------------------------------------------------------------------------- districts


@dataclass(frozen=True, slots=True)
class District:
    """District-level unit (before July 2025): ``kind`` huyện/quận/thị xã/thành phố."""

    province: str
    name: str
    kind: str


@cache
def districts() -> tuple[District, ...]:
    return tuple(District(r["province"], r["name"], r["kind"]) for r in load_table("districts.tsv"))


def districts_in(province: str) -> tuple[District, ...]:
    """District-level units of a province given in any spelling accepted by province_by_name."""
    p = province_by_name(province)
    if p is None:
        return ()
    return tuple(d for d in districts() if d.province == p.name)


# --------------------------------------------------------------------------- small tables


@dataclass(frozen=True, slots=True)
class Abbreviation:
    abbr: str
    expansion: str
    context: str


@cache
def abbreviations() -> tuple[Abbreviation, ...]:
    return tuple(
        Abbreviation(r["abbr"], r["expansion"], r["context"]) for r in load_table("abbreviations.tsv")
    )


def abbreviations_for(abbr: str) -> tuple[Abbreviation, ...]:
    """All expansions of an abbreviation, exact spelling first then case-insensitive."""
    abbr = unicodedata.normalize("NFC", abbr.strip())
    exact = tuple(a for a in abbreviations() if a.abbr == abbr)
    if exact:
        return exact
    return tuple(a for a in abbreviations() if a.abbr.casefold() == abbr.casefold())


@dataclass(frozen=True, slots=True)
class Position:
    position: str
    name_en: str
    aliases: tuple[str, ...] = ()


@cache
def positions() -> tuple[Position, ...]:
    return tuple(
        Position(r["position"], r["name_en"], _split_list(r["aliases"])) for r in load_table("positions.tsv")
    )


@dataclass(frozen=True, slots=True)
class Capacity:
    """Signing capacity: ``form`` as written → ``canonical`` (T/M, TM., K/T, KT., ...)."""

    form: str
    canonical: str
    system: str
    meaning_vi: str
    meaning_en: str


@cache
def capacities() -> tuple[Capacity, ...]:
    return tuple(
        Capacity(r["form"], r["canonical"], r["system"], r["meaning_vi"], r["meaning_en"])
        for r in load_table("capacities.tsv")
    )


def capacity_by_form(form: str) -> Capacity | None:
    """Capacity for a form as written ("T/M", "t.m", "KT."), case- and space-insensitive."""
    key = re.sub(r"\s+", "", form).upper()
    return next((c for c in capacities() if c.form.upper() == key), None)


@dataclass(frozen=True, slots=True)
class BodyType:
    """Head of an organisation name ("Ban Tuyên giáo", "Sở", "Ủy ban nhân dân")."""

    head: str
    name_en: str
    kind: str
    level_hint: str


@cache
def body_types() -> tuple[BodyType, ...]:
    return tuple(
        BodyType(r["head"], r["name_en"], r["kind"], r["level_hint"]) for r in load_table("body_types.tsv")
    )


@cache
def _non_body_pattern() -> re.Pattern[str]:
    rows = load_table("non_bodies.tsv")
    for i, r in enumerate(rows, 1):
        try:
            re.compile(r["pattern"])
        except re.error as e:
            raise GazetteerError(f"non_bodies.tsv: row {i}: bad pattern {r['pattern']!r}: {e}") from None
    return re.compile(r"(?:" + "|".join(r["pattern"] for r in rows) + r")(?!\w)")


@lru_cache(maxsize=65536)
def is_non_body(name: str) -> bool:
    """Whether a name from a list of bodies is a note rather than a body ("Như trên", "Lưu: VT",
    "Như Điều 3"): the patterns of ``kg/data/non_bodies.tsv``, over the folded name."""
    folded = " ".join(re.sub(r"[^\w/.]+", " ", fold(name)).split())
    return bool(_non_body_pattern().match(folded))
