"""Generate the SKOS schemes of ontology/ from the data tables, and locate the ontology files.

``measures_ttl()`` builds ontology/measures.ttl from kg/data/measures.tsv, ``doctypes_ttl()`` builds
ontology/doctypes.ttl from kg/data/doc_types.tsv. ``python -m kg.ontology_tools`` rewrites both;
tests/test_ontology.py checks that the committed files equal the generated ones.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from pathlib import Path

from kg.text import slug

__all__ = [
    "DATA_DIR",
    "ONTOLOGY_DIR",
    "OXCGRT_INDICATORS",
    "WHO_PHSM_CATEGORIES",
    "doctypes_ttl",
    "measures_ttl",
    "ontology_path",
    "turtle_string",
    "write_all",
]

DATA_DIR = Path(__file__).resolve().parent / "data"
ONTOLOGY_DIR = Path(__file__).resolve().parent.parent / "ontology"

BASE = "https://w3id.org/vnkg/"

#: OxCGRT indicators used by the measure scheme: code → (name in the OxCGRT codebook, Vietnamese label).
OXCGRT_INDICATORS: dict[str, tuple[str, str]] = {
    "C1": ("School closing", "Đóng cửa trường học"),
    "C2": ("Workplace closing", "Đóng cửa nơi làm việc"),
    "C4": ("Restrictions on gatherings", "Hạn chế tụ tập"),
    "C5": ("Close public transport", "Đóng cửa giao thông công cộng"),
    "C7": ("Restrictions on internal movement", "Hạn chế đi lại trong nước"),
    "C8": ("International travel controls", "Kiểm soát đi lại quốc tế"),
    "E": ("Economic policies", "Chính sách kinh tế"),
    "H1": ("Public information campaigns", "Chiến dịch thông tin công cộng"),
    "H2": ("Testing policy", "Chính sách xét nghiệm"),
    "H3": ("Contact tracing", "Truy vết tiếp xúc"),
    "H4": ("Emergency investment in healthcare", "Đầu tư khẩn cấp cho y tế"),
    "H6": ("Facial coverings", "Che mặt, đeo khẩu trang"),
    "H7": ("Vaccination policy", "Chính sách tiêm chủng"),
    "H8": ("Protection of elderly people", "Bảo vệ người cao tuổi"),
}

#: WHO PHSM taxonomy categories used by the measure scheme (and the parents of those used).
WHO_PHSM_CATEGORIES: dict[str, tuple[str, str]] = {
    "1": ("Individual measures", "Biện pháp cá nhân"),
    "1.4": ("Masks", "Khẩu trang"),
    "3": ("Surveillance and response measures", "Biện pháp giám sát và đáp ứng"),
    "3.1": ("Surveillance", "Giám sát"),
    "3.2": ("Response", "Đáp ứng"),
    "4": ("Social and physical distancing measures", "Biện pháp giãn cách xã hội và giãn cách vật lý"),
    "4.1": ("School measures", "Biện pháp trong trường học"),
    "4.2": ("Offices, businesses, institutions and operations", "Cơ quan, doanh nghiệp, cơ sở và hoạt động"),
    "4.3": ("Gatherings", "Tụ tập đông người"),
    "4.4": ("Special populations", "Nhóm dân cư đặc biệt"),
    "4.5": ("Domestic travel", "Đi lại trong nước"),
    "5": ("International travel measures", "Biện pháp đi lại quốc tế"),
    "8": ("Other measures", "Biện pháp khác"),
    "8.1": ("Legal and policy regulations", "Quy định pháp lý và chính sách"),
    "8.2": ("Scaling up", "Mở rộng năng lực"),
    "8.3": ("Financial packages", "Gói hỗ trợ tài chính"),
    "8.4": ("Communications and engagement", "Truyền thông và huy động cộng đồng"),
}

_PREFIXES = """\
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""

_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_BAD = re.compile(r'[\\"\x00-\x1f\x7f]')


def turtle_string(s: str) -> str:
    """A Turtle/N-Triples string literal (quoted, escaped)."""
    return '"' + _BAD.sub(lambda m: _ESCAPES.get(m.group(0), f"\\u{ord(m.group(0)):04X}"), s) + '"'


def _vi(s: str) -> str:
    return turtle_string(s) + "@vi"


def _en(s: str) -> str:
    return turtle_string(s) + "@en"


def ontology_path(name: str) -> Path:
    """Path of a file of ontology/ (the source tree, or the installed ``kg.ontology`` package)."""
    p = ONTOLOGY_DIR / name
    if p.exists():
        return p
    from importlib.resources import files

    return Path(str(files("kg.ontology").joinpath(name)))


def _rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        yield {k: (v or "").strip() for k, v in row.items() if k is not None}


def _codes(cell: str) -> list[str]:
    return [c.strip() for c in cell.split(";") if c.strip() and c.strip() != "-"]


def _parent(code: str) -> str | None:
    return code.rsplit(".", 1)[0] if "." in code else None


def _concept_block(iri: str, lines: list[str]) -> str:
    return f"<{iri}>\n    " + " ;\n    ".join(lines) + " .\n"


def _scheme_block(iri: str, labels: list[str], top: list[str]) -> str:
    lines = ["a skos:ConceptScheme", *labels]
    if top:
        lines.append("skos:hasTopConcept " + " ,\n        ".join(f"<{t}>" for t in top))
    return _concept_block(iri, lines)


def measures_ttl(tsv: Path | None = None) -> str:
    """ontology/measures.ttl: the measure scheme, and the OxCGRT and WHO PHSM schemes it maps to."""
    rows = list(_rows(tsv or DATA_DIR / "measures.tsv"))
    scheme = BASE + "measure"
    ox_scheme = BASE + "oxcgrt"
    who_scheme = BASE + "who-phsm"
    ox_used: set[str] = set()
    who_used: set[str] = set()
    out = [
        "# GENERATED by kg/ontology_tools.py from kg/data/measures.tsv: do not edit by hand.\n",
        "# Run `python -m kg.ontology_tools` after changing the table.\n",
        "#\n",
        "# The OxCGRT indicator and WHO PHSM category IRIs (https://w3id.org/vnkg/oxcgrt/{code},\n",
        "# https://w3id.org/vnkg/who-phsm/{code}) are minted by this project: neither the Oxford COVID-19\n",
        "# Government Response Tracker nor the WHO PHSM taxonomy publishes dereferenceable IRIs.\n",
        "# skos:closeMatch, not exactMatch: the measures and the indicators are cut differently.\n\n",
        _PREFIXES,
        "\n",
    ]
    concepts: list[str] = []
    for r in rows:
        code = r["code"]
        iri = f"{scheme}/{code}"
        lines = [
            "a skos:Concept",
            f"skos:inScheme <{scheme}>",
            f"skos:topConceptOf <{scheme}>",
            f"skos:notation {turtle_string(code)}",
            f"skos:prefLabel {_vi(r['label_vi'])} , {_en(r['label_en'])}",
        ]
        if r.get("definition"):
            lines.append(f"skos:definition {_en(r['definition'])}")
        matches = []
        for c in _codes(r.get("oxcgrt", "")):
            ox_used.add(c)
            matches.append(f"<{ox_scheme}/{c}>")
        for c in _codes(r.get("who_phsm", "")):
            who_used.add(c)
            matches.append(f"<{who_scheme}/{c}>")
        if matches:
            lines.append("skos:closeMatch " + " , ".join(matches))
        concepts.append(_concept_block(iri, lines))

    out.append(
        _scheme_block(
            scheme,
            [
                f"skos:prefLabel {_vi('Bảng biện pháp phòng, chống dịch Covid-19')} , "
                f"{_en('Covid-19 measure scheme')}",
                "skos:definition "
                + _en(
                    "Measures prescribed by Vietnamese directives against Covid-19, as recognised by the "
                    "kg extractor; codes are stable."
                ),
                "rdfs:seeAlso <https://w3id.org/vnkg/ontology>",
            ],
            [f"{scheme}/{r['code']}" for r in rows],
        )
    )
    out.append("\n")
    out.extend(c + "\n" for c in concepts)

    out.append(
        _external_scheme(
            ox_scheme,
            "OxCGRT indicators",
            "Chỉ số OxCGRT",
            "Indicators of the Oxford COVID-19 Government Response Tracker (codebook names). IRIs minted by "
            "the vnkg project: OxCGRT publishes no dereferenceable IRIs.",
            "https://github.com/OxCGRT/covid-policy-tracker",
            OXCGRT_INDICATORS,
            ox_used,
        )
    )
    out.append(
        _external_scheme(
            who_scheme,
            "WHO PHSM taxonomy",
            "Phân loại biện pháp y tế công cộng và xã hội của WHO",
            "Categories of the WHO taxonomy of public health and social measures (PHSM). IRIs minted by "
            "the vnkg project: WHO publishes no dereferenceable IRIs for the taxonomy.",
            "https://www.who.int/emergencies/diseases/novel-coronavirus-2019/phsm",
            WHO_PHSM_CATEGORIES,
            who_used,
        )
    )
    return "".join(out).rstrip("\n") + "\n"


def _sort_key(code: str) -> tuple[tuple[int, str], ...]:
    return tuple((int(p), "") if p.isdigit() else (10**6, p) for p in re.split(r"[.]", code))


def _external_scheme(
    scheme: str,
    label_en: str,
    label_vi: str,
    definition: str,
    see_also: str,
    names: dict[str, tuple[str, str]],
    used: set[str],
) -> str:
    unknown = sorted(used - names.keys())
    if unknown:
        raise ValueError(f"{scheme}: codes used in measures.tsv without a name: {unknown}")
    wanted = set(used)
    for c in used:  # add the parents of subcategories (skos:broader)
        p = _parent(c)
        while p:
            wanted.add(p)
            p = _parent(p)
    missing = sorted(wanted - names.keys())
    if missing:
        raise ValueError(f"{scheme}: parent categories without a name: {missing}")
    codes = sorted(wanted, key=_sort_key)
    tops = [c for c in codes if _parent(c) is None]
    out = [
        "\n",
        _scheme_block(
            scheme,
            [
                f"skos:prefLabel {_en(label_en)} , {_vi(label_vi)}",
                f"skos:definition {_en(definition)}",
                f"rdfs:seeAlso <{see_also}>",
            ],
            [f"{scheme}/{c}" for c in tops],
        ),
        "\n",
    ]
    for c in codes:
        en, vi = names[c]
        lines = [
            "a skos:Concept",
            f"skos:inScheme <{scheme}>",
            f"skos:notation {turtle_string(c)}",
            f"skos:prefLabel {_en(en)} , {_vi(vi)}",
        ]
        p = _parent(c)
        if p:
            lines.append(f"skos:broader <{scheme}/{p}>")
        else:
            lines.append(f"skos:topConceptOf <{scheme}>")
        kids = [k for k in codes if _parent(k) == c]
        if kids:
            lines.append("skos:narrower " + " , ".join(f"<{scheme}/{k}>" for k in kids))
        out.append(_concept_block(f"{scheme}/{c}", lines) + "\n")
    return "".join(out)


_SYSTEM_NOTE = {
    "party": "Party system (Hướng dẫn 36-HD/VPTW)",
    "state": "State system (Nghị định 30/2020/NĐ-CP)",
    "both": "Party and State systems",
}


def doctypes_ttl(tsv: Path | None = None) -> str:
    """ontology/doctypes.ttl: the document type scheme, one concept per Vietnamese name."""
    rows = list(_rows(tsv or DATA_DIR / "doc_types.tsv"))
    scheme = BASE + "doctype"
    by_name: dict[str, dict[str, object]] = {}
    for r in rows:
        name = r["name_vi"]
        if not name:
            continue
        entry = by_name.setdefault(
            name, {"en": r.get("name_en", ""), "codes": [], "systems": [], "aliases": []}
        )
        codes: list[str] = entry["codes"]  # type: ignore[assignment]
        systems: list[str] = entry["systems"]  # type: ignore[assignment]
        aliases: list[str] = entry["aliases"]  # type: ignore[assignment]
        if r.get("code") and r["code"] not in codes:
            codes.append(r["code"])
        if r.get("system") and r["system"] not in systems:
            systems.append(r["system"])
        for a in (r.get("aliases") or "").split("|"):
            a = a.strip()
            if a and a not in aliases:
                aliases.append(a)
    out = [
        "# GENERATED by kg/ontology_tools.py from kg/data/doc_types.tsv: do not edit by hand.\n",
        "# Run `python -m kg.ontology_tools` after changing the table.\n",
        "# One concept per Vietnamese name (IRI https://w3id.org/vnkg/doctype/{slug(name_vi)});\n",
        "# skos:notation holds the code(s) used in document numbers (none for State công văn).\n\n",
        _PREFIXES,
        "\n",
        _scheme_block(
            scheme,
            [
                f"skos:prefLabel {_vi('Loại văn bản')} , {_en('Document types')}",
                "skos:definition "
                + _en(
                    "Types of Vietnamese Party and State documents (Hướng dẫn 36-HD/VPTW; Nghị định "
                    "30/2020/NĐ-CP), the values of eli:type_document."
                ),
            ],
            [f"{scheme}/{slug(n)}" for n in by_name],
        ),
        "\n",
    ]
    seen: dict[str, str] = {}
    for name, e in by_name.items():
        s = slug(name)
        if s in seen:
            raise ValueError(f"doc_types.tsv: {name!r} and {seen[s]!r} have the same slug {s!r}")
        seen[s] = name
        lines = [
            "a skos:Concept",
            f"skos:inScheme <{scheme}>",
            f"skos:topConceptOf <{scheme}>",
        ]
        codes = e["codes"]
        assert isinstance(codes, list)
        if codes:
            lines.append("skos:notation " + " , ".join(turtle_string(c) for c in codes))
        labels = f"skos:prefLabel {_vi(name)}"
        if e["en"]:
            labels += f" , {_en(str(e['en']))}"
        lines.append(labels)
        aliases = e["aliases"]
        assert isinstance(aliases, list)
        if aliases:
            lines.append("skos:altLabel " + " , ".join(_vi(a) for a in aliases))
        systems = e["systems"]
        assert isinstance(systems, list)
        notes = [_SYSTEM_NOTE.get(x, x) for x in systems]
        if notes:
            lines.append("skos:scopeNote " + _en("; ".join(notes)))
        out.append(_concept_block(f"{scheme}/{s}", lines) + "\n")
    return "".join(out).rstrip("\n") + "\n"


def write_all() -> list[Path]:
    """Regenerate ontology/measures.ttl and ontology/doctypes.ttl; return the paths written."""
    written = []
    for name, text in (("measures.ttl", measures_ttl()), ("doctypes.ttl", doctypes_ttl())):
        p = ONTOLOGY_DIR / name
        p.write_text(text, encoding="utf-8")
        written.append(p)
    return written


if __name__ == "__main__":
    for p in write_all():
        print(p)
