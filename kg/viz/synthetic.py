"""A synthetic graph with the shape of :func:`kg.netgraph.load_graph`'s (for tests and the benchmark):
central documents implemented by province documents, implemented by district documents, each issued
by a body of its province, prescribing measures assigned to bodies, signed by a person."""

from __future__ import annotations

import random

import networkx as nx

from kg.netgraph import CENTRAL

__all__ = ["synthetic_graph"]

PROVINCES = [
    "Cần Thơ",
    "Hà Giang",
    "Nghệ An",
    "Bình Phước",
    "Lâm Đồng",
    "Quảng Ninh",
    "Đắk Lắk",
    "Huế",
    "Đà Nẵng",
    "Sơn La",
]
MEASURES = [
    ("vaccination", "Tiêm vắc xin phòng Covid-19", "Vaccination"),
    ("testing", "Xét nghiệm, tầm soát", "Testing and screening"),
    ("quarantine", "Cách ly y tế", "Quarantine and isolation"),
    ("contact-tracing", "Truy vết", "Contact tracing"),
    ("school-measures", "Phòng, chống dịch trong trường học", "School measures"),
    ("gathering-limits", "Hạn chế tụ tập đông người", "Restrictions on gatherings"),
]
DOC = "https://w3id.org/vnkg/id/doc/"
ORG = "https://w3id.org/vnkg/id/org/"


def synthetic_graph(n_nodes: int = 5000, seed: int = 1, provinces: int = 60) -> nx.MultiDiGraph:
    """About ``n_nodes`` nodes: ~70 % documents, ~22 % bodies, ~7 % signatories, plus the measures."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    provs = [PROVINCES[i] if i < len(PROVINCES) else f"Tỉnh {i + 1}" for i in range(provinces)]
    for code, vi, en in MEASURES:
        g.add_node(f"https://w3id.org/vnkg/measure/{code}", type="measure", code=code, label=vi, label_en=en)
    central_orgs = [f"{ORG}central-{i}" for i in range(4)]
    for i, o in enumerate(central_orgs):
        g.add_node(
            o, type="organisation", label=f"Ban Chỉ đạo Trung ương {i + 1}", level="central", province=CENTRAL
        )
    n_docs = int(n_nodes * 0.70)
    n_orgs = int(n_nodes * 0.22)
    n_people = n_nodes - n_docs - n_orgs - len(MEASURES) - len(central_orgs)
    orgs_by_prov: dict[str, list[str]] = {p: [] for p in provs}
    for i in range(n_orgs):
        p = provs[i % len(provs)]
        o = f"{ORG}o{i}"
        kind = (
            "Tỉnh ủy"
            if i < len(provs)
            else rnd.choice(["Sở Y tế", "Ủy ban nhân dân huyện", "Huyện ủy", "Công an"])
        )
        g.add_node(
            o,
            type="organisation",
            label=f"{kind} {p}" + ("" if i < len(provs) else f" {i}"),
            level="province",
            province=p,
        )
        orgs_by_prov[p].append(o)
    people = []
    for i in range(max(n_people, 0)):
        p = provs[i % len(provs)]
        node = f"https://w3id.org/vnkg/id/person/p{i}"
        g.add_node(node, type="person", label=f"Nguyễn Văn {i}", posts=["Phó Chủ tịch"], province=p)
        people.append(node)
    docs: dict[str, list[str]] = {"central": [], "province": [], "district": []}
    for i in range(n_docs):
        level = "central" if i < max(5, n_docs // 100) else ("province" if i % 3 else "district")
        p = CENTRAL if level == "central" else provs[i % len(provs)]
        year = 2020 + i % 4
        d = f"{DOC}d{i}"
        g.add_node(
            d,
            type="document",
            label=f"{i}/KH-UBND",
            number=f"{i}/KH-UBND",
            doctype="Kế hoạch",
            title=f"Phòng, chống dịch Covid-19 số {i}",
            date=f"{year}-0{1 + i % 9}-1{i % 10}",
            year=str(year),
            level=level,
            province=p,
            source=f"corpus/d{i}.txt",
        )
        issuer = rnd.choice(central_orgs if level == "central" else orgs_by_prov[p] or central_orgs)
        g.add_edge(
            d,
            issuer,
            key="issued_by",
            rel="issued_by",
            weight=1,
            evidence="Ủy ban nhân dân",
            source=f"corpus/d{i}.txt",
        )
        parents = docs["central"] if level == "province" else docs["province"] if level == "district" else []
        if parents:
            g.add_edge(
                d,
                rnd.choice(parents),
                key="implements",
                rel="implements",
                weight=1,
                evidence=f"Thực hiện văn bản số {i}",
                source=f"corpus/d{i}.txt",
            )
        docs[level].append(d)
        for code, _, _ in rnd.sample(MEASURES, 2):
            m = f"https://w3id.org/vnkg/measure/{code}"
            g.add_edge(
                d,
                m,
                key="prescribes",
                rel="prescribes",
                weight=1,
                evidence="tiêm vắc xin",
                source=f"corpus/d{i}.txt",
            )
            body = rnd.choice(orgs_by_prov.get(p) or central_orgs)
            if g.has_edge(body, m, key="assigned"):
                e = g.edges[body, m, "assigned"]
                e["weight"] += 1
                e["docs"].append(d)
            else:
                g.add_edge(body, m, key="assigned", rel="assigned", weight=1, docs=[d])
        if people:
            g.add_edge(d, people[i % len(people)], key="signed_by", rel="signed_by", weight=1)
    return g


XSS_TITLE = "<img src=x onerror=window.__xss=1><script>window.__xss=2</script> Kế hoạch thử"
XSS_ISSUER = "Tỉnh ủy Cần Thơ"
XSS_QUOTE = "thực hiện </script><script>window.__xss=3</script><!-- \u2028 Chỉ thị 05"


def xss_probe_nquads(cites: str | None = None) -> str:
    """One document whose title, issuer and evidence carry HTML/JS payloads (for the safety tests).

    It is issued by "Tỉnh ủy Cần Thơ" (the search probe) and, if ``cites`` is given, implements that
    document, with the citation's evidence sentence holding a ``</script>`` payload.
    """
    from kg.rdf import literal, passage_target

    g = "<https://w3id.org/vnkg/id/graph/probe>"
    d = "<https://w3id.org/vnkg/id/doc/can-tho/2021/999-kh-probe>"
    o = "<https://w3id.org/vnkg/id/org/tinh-uy-can-tho-probe>"
    src = "<https://w3id.org/vnkg/id/source/probe>"
    vn = "https://w3id.org/vnkg/ontology#"
    eli = "http://data.europa.eu/eli/ontology#"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    lines = [
        (d, rdf_type, f"<{eli}LegalResource>"),
        (d, rdf_type, f"<{vn}Document>"),
        (d, f"<{eli}id_local>", literal("999/KH-PROBE")),
        (d, f"<{eli}date_document>", literal("2021-06-01", datatype="http://www.w3.org/2001/XMLSchema#date")),
        (d, "<http://purl.org/dc/terms/title>", literal(XSS_TITLE, "vi")),
        (d, f"<{vn}jurisdictionKey>", literal("can-tho")),
        (d, f"<{vn}level>", f"<{vn}ProvinceLevel>"),
        (d, f"<{vn}hasSourceText>", src),
        (src, f"<{vn}sourcePath>", literal("probe/<b>probe</b>.txt")),
        (d, f"<{eli}passed_by>", o),
        (o, rdf_type, "<http://www.w3.org/ns/org#Organization>"),
        (o, "<http://www.w3.org/2004/02/skos/core#prefLabel>", literal(XSS_ISSUER, "vi")),
    ]
    if cites:
        c = "<https://w3id.org/vnkg/id/citation/probe/1>"
        a = "<https://w3id.org/vnkg/id/evidence/probe/1-2>"
        t = passage_target(src, 0, len(XSS_QUOTE))
        oa = "http://www.w3.org/ns/oa#"
        lines += [
            (d, f"<{vn}implements>", f"<{cites}>"),
            (c, rdf_type, f"<{vn}Citation>"),
            (c, f"<{vn}citingDocument>", d),
            (c, f"<{vn}citedDocument>", f"<{cites}>"),
            (c, f"<{vn}relation>", f"<{vn}implements>"),
            (c, f"<{vn}evidence>", a),
            (a, f"<{oa}hasTarget>", t),
            (src, f"<{vn}text>", literal(XSS_QUOTE)),
        ]
    return "".join(f"{s} {p} {o_} {g} .\n" for s, p, o_ in lines)
