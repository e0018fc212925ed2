"""kg.rdf: a hand-built Record → N-Quads that parse, conform to the shapes, quote the evidence, and
answer the tracing questions by SPARQL."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, Literal, URIRef

from kg.ontology_tools import ONTOLOGY_DIR
from kg.rdf import (
    GRAPH_ONTOLOGY,
    citation_target_iri,
    doc_iri,
    graph_iri,
    iri,
    literal,
    ontology_nquads,
    org_iri,
    person_iri,
    record_nquads,
)
from kg.record import (
    Assignment,
    Citation,
    DirectiveSource,
    Issuer,
    Jurisdiction,
    Measure,
    Meeting,
    Mention,
    Ocr,
    Person,
    Record,
    Signatory,
    Slogan,
    replace,
)
from kg.vocab import VNKG

ID = "https://w3id.org/vnkg/id/"
SHA = "0123456789abcdef" * 4
WHEN = "2024-05-01T12:00:00Z"
SOURCE_ID = "tests/corpus/chains/ct_tu_168_cv.txt"

# CRLF and markdown stars as in real files: spans are offsets into this original text.
TEXT = (
    "TỈNH ỦY CẦN THƠ\r\n"
    "*\r\n"
    "Số 168-CV/TU\r\n"
    "Cần Thơ, ngày 02 tháng 8 năm 2021\r\n"
    "V/v tăng cường phòng, chống dịch Covid-19\r\n"
    "Kính gửi: - Các huyện ủy, quận ủy,\r\n"
    "- Ban Tuyên giáo Tỉnh ủy\r\n"
    "Thực hiện Công văn số 534-CV/BTGTW ngày 20/7/2021 của Ban Tuyên giáo Trung ương về tuyên truyền "
    "thực hiện Chỉ thị số 15/CT-TTg của Thủ tướng Chính phủ, Ban Thường vụ Tỉnh ủy yêu cầu:\r\n"
    "Thực hiện chỉ đạo của Ban Chỉ đạo quốc gia.\r\n"
    "1. Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp Sở Y tế đẩy mạnh tuyên truyền thông điệp 5K "
    "trước ngày 15/8/2021.\r\n"
    "2. Ưu tiên tiêm vắc xin cho người cao tuổi.\r\n"
    "Kết luận của Thường trực Tỉnh ủy tại cuộc họp ngày 01/8/2021; đồng chí Trần Văn A, Phó Chủ tịch "
    "UBND tỉnh.\r\n"
    "T/M BAN THƯỜNG VỤ\r\nPHÓ BÍ THƯ\r\nNguyễn Văn B\r\n"
    "Nơi nhận:\r\n- Như trên,\r\n- Lưu VT.\r\n"
)


def span(s: str, start: int = 0) -> tuple[int, int]:
    i = TEXT.index(s, start)
    return (i, i + len(s))


CT = Jurisdiction(province="Cần Thơ")
VN = Jurisdiction(national=True)


def make_record(**changes: object) -> Record:
    sentence = span(
        "Thực hiện Công văn số 534-CV/BTGTW ngày 20/7/2021 của Ban Tuyên giáo Trung ương về tuyên truyền "
        "thực hiện Chỉ thị số 15/CT-TTg của Thủ tướng Chính phủ"
    )
    record = Record(
        source=SOURCE_ID,
        sha256=SHA,
        number="168-CV/TU",
        type="Công văn",
        date="2021-08-02",
        place="Cần Thơ",
        title="tăng cường phòng, chống dịch Covid-19",
        issuer=Issuer(
            name="Thành ủy Cần Thơ",
            level="province",
            parent=None,
            span=span("TỈNH ỦY CẦN THƠ"),
            jurisdiction=CT,
            system="party",
        ),
        signatory=Signatory(
            name="Nguyễn Văn B",
            position="Phó Bí thư",
            capacity="T/M",
            on_behalf_of="Ban Thường vụ",
            span=span("T/M BAN THƯỜNG VỤ\r\nPHÓ BÍ THƯ\r\nNguyễn Văn B"),
        ),
        recipients=(
            Mention("Các huyện ủy, quận ủy", span("Các huyện ủy, quận ủy")),
            Mention("Ban Tuyên giáo Tỉnh ủy", span("Ban Tuyên giáo Tỉnh ủy")),
        ),
        distribution=(Mention("Như trên", span("Như trên")), Mention("Lưu VT", span("Lưu VT"))),
        citations=(
            Citation(
                number="534-CV/BTGTW",
                type="Công văn",
                date="2021-07-20",
                issuer="Ban Tuyên giáo Trung ương",
                title="tuyên truyền thực hiện Chỉ thị số 15/CT-TTg",
                relation="implements",
                span=sentence,
                jurisdiction=VN,
                issuer_level="central",
                cites=(
                    Citation(
                        number="15/CT-TTg",
                        type="Chỉ thị",
                        date=None,
                        issuer="Thủ tướng Chính phủ",
                        title=None,
                        relation="implements",
                        span=span("Chỉ thị số 15/CT-TTg"),
                        jurisdiction=VN,
                        issuer_level="central",
                    ),
                ),
            ),
        ),
        directive_sources=(
            DirectiveSource(
                "Ban Chỉ đạo quốc gia", "implements", span("Thực hiện chỉ đạo của Ban Chỉ đạo quốc gia")
            ),
        ),
        measures=(
            Measure(
                concept="public-communication",
                evidence="Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp Sở Y tế đẩy mạnh tuyên truyền",
                span=span("Ban Tuyên giáo Tỉnh ủy chủ trì, phối hợp Sở Y tế đẩy mạnh tuyên truyền"),
                assigned_to=("Ban Tuyên giáo Tỉnh ủy",),
                lead=("Ban Tuyên giáo Tỉnh ủy",),
                support=("Sở Y tế",),
                deadline="2021-08-15",
                item="1",
                cue="tuyên truyền",
            ),
            Measure(
                concept="vaccination",
                evidence="Ưu tiên tiêm vắc xin cho người cao tuổi.",
                span=span("Ưu tiên tiêm vắc xin cho người cao tuổi."),
                targets=("người cao tuổi",),
                deadline="trong tháng 8",
                item="2",
            ),
            Measure(concept="no-such-code", evidence="x", span=(0, 1)),
        ),
        slogans=(Slogan("5K", span("thông điệp 5K"), ("five-k", "face-masks")),),
        assignments=(
            Assignment(
                "Ban Tuyên giáo Tỉnh ủy",
                "lead",
                span("Ban Tuyên giáo Tỉnh ủy chủ trì"),
                item="1",
                scoped="Ban Tuyên giáo Tỉnh ủy Cần Thơ",
            ),
            Assignment("Sở Y tế", "support", span("phối hợp Sở Y tế"), item="1"),
        ),
        persons=(Person("Trần Văn A", ("Phó Chủ tịch UBND tỉnh",), span("Trần Văn A")),),
        meeting=Meeting("2021-08-01", "Thường trực Tỉnh ủy", span("tại cuộc họp ngày 01/8/2021")),
        spans={
            "number": span("168-CV/TU"),
            "type": span("V/v"),
            "date": span("ngày 02 tháng 8 năm 2021"),
            "place": span("Cần Thơ, ngày"),
            "title": span("tăng cường phòng, chống dịch Covid-19"),
        },
        text_length=len(TEXT),
    )
    return replace(record, **changes) if changes else record


@pytest.fixture(scope="module")
def nq() -> str:
    return record_nquads(make_record(), TEXT, SOURCE_ID, generated_at=WHEN)


@pytest.fixture(scope="module")
def store(nq: str) -> pyoxigraph.Store:
    s = pyoxigraph.Store()
    s.load(nq.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    s.load(ontology_nquads().encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS)
    return s


PREFIXES = """
PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def select(store: pyoxigraph.Store, query: str, **bindings: object) -> list[tuple[str, ...]]:
    """Run a SELECT over the union of all graphs. Values are bound as RDF terms in a trailing VALUES
    block written from the terms' own N-Triples form (never raw text formatted into the query)."""
    if bindings:
        names = " ".join(f"?{k}" for k in bindings)
        terms = " ".join(str(v) for v in bindings.values())
        query += f"\nVALUES ({names}) {{ ({terms}) }}"
    res = store.query(PREFIXES + query, use_default_graph_as_union=True)
    out = []
    for sol in res:
        out.append(tuple(t.value if t is not None else None for t in sol))
    return sorted(out)


# --- identity ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, "doc/can-tho/2021/168-cv-tu"),
        ({"date": None}, "doc/can-tho/nd/168-cv-tu"),
        ({"number": "125/2020/NĐ-CP", "date": None}, "doc/can-tho/2020/125-2020-nd-cp"),
        ({"number": None}, f"doc/src/{SHA[:16]}"),
        ({"issuer": None}, f"doc/src/{SHA[:16]}"),
        (
            {
                "issuer": Issuer(
                    "Huyện ủy Bảo Lâm",
                    "district",
                    "Tỉnh ủy Lâm Đồng",
                    None,
                    Jurisdiction(province="Lâm Đồng", district="Bảo Lâm"),
                )
            },
            "doc/lam-dong/bao-lam/2021/168-cv-tu",
        ),
        (
            {"issuer": Issuer("Ban Bí thư", "central", None, None, VN), "number": "05-CT/TW"},
            "doc/vn/2021/05-ct-tw",
        ),
    ],
)
def test_doc_iri(changes: dict[str, object], expected: str) -> None:
    assert doc_iri(make_record(**changes)) == ID + expected


def _cit(number: str | None, j: Jurisdiction, date: str | None = None) -> Citation:
    return Citation(number, None, date, None, None, "cites", (0, 1), jurisdiction=j)


@pytest.mark.parametrize(
    ("citation", "expected"),
    [
        (_cit("534-CV/BTGTW", VN, "2021-07-20"), "doc/vn/2021/534-cv-btgtw"),
        (_cit("15/CT-TTg", VN), "doc/vn/nd/15-ct-ttg"),
        (_cit("12-KH/TU", Jurisdiction()), f"doc/cited/{SHA[:16]}/12-kh-tu"),
        (_cit(None, CT), f"doc/cited/{SHA[:16]}/c3"),
    ],
)
def test_citation_target_iri(citation: Citation, expected: str) -> None:
    assert citation_target_iri(citation, SHA, "3") == ID + expected


@pytest.mark.parametrize(
    ("name", "j", "expected"),
    [
        ("Tỉnh ủy", CT, "org/tinh-uy-can-tho"),
        ("Ban Tuyên giáo Tỉnh uỷ", CT, "org/ban-tuyen-giao-tinh-uy-can-tho"),
        ("UBND tỉnh", CT, "org/uy-ban-nhan-dan-tinh-can-tho"),
        ("Bộ Y tế", VN, "org/bo-y-te"),
        ("Tỉnh ủy", Jurisdiction(), f"org/tinh-uy--{SHA[:12]}"),
    ],
)
def test_org_iri(name: str, j: Jurisdiction, expected: str) -> None:
    assert org_iri(name, j, SHA) == ID + expected


def test_person_iri() -> None:
    assert person_iri("Nguyễn Văn B", CT, SHA) == ID + "person/nguyen-van-b/can-tho"
    assert person_iri("Nguyễn Văn B", Jurisdiction(), SHA) == ID + f"person/nguyen-van-b/src-{SHA[:12]}"


def test_graph_iri_is_the_content_hash() -> None:
    # named by the file's content: the same wherever the file is and wherever kg runs from
    assert graph_iri(SHA) == ID + f"graph/{SHA}"
    a = record_nquads(make_record(), TEXT, "seeds/a.txt", generated_at=WHEN)
    b = record_nquads(make_record(), TEXT, "elsewhere/b.txt", generated_at=WHEN, location="/x/b.txt")
    assert {line.rsplit(" ", 2)[-2] for line in a.splitlines()} == {f"<{graph_iri(SHA)}>"}
    assert {line.rsplit(" ", 2)[-2] for line in b.splitlines()} == {f"<{graph_iri(SHA)}>"}
    assert '"/x/b.txt"' in b and "sourceLocation" not in a
    for bad in ("a dir/Công văn 1.txt", SHA.upper(), SHA[:16]):
        with pytest.raises(ValueError):
            graph_iri(bad)


# --- syntax ----------------------------------------------------------------------------------------


def test_parses_with_rdflib_and_oxigraph(nq: str) -> None:
    ds = Dataset()
    ds.parse(data=nq, format="nquads")
    n = len(nq.splitlines())
    assert len(ds) == n
    quads = list(pyoxigraph.parse(nq.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS))
    assert len(quads) == n
    g = graph_iri(SHA)
    assert {q.graph_name.value for q in quads} == {g}


def test_sorted_no_blank_nodes_no_duplicates(nq: str) -> None:
    lines = nq.splitlines()
    assert lines == sorted(set(lines))
    assert not any(" _:" in line or line.startswith("_:") for line in lines)


def test_deterministic() -> None:
    a = record_nquads(make_record(), TEXT, SOURCE_ID, generated_at=WHEN)
    b = record_nquads(make_record(), TEXT, SOURCE_ID, generated_at=WHEN)
    assert a == b
    c = record_nquads(make_record(), TEXT, SOURCE_ID, generated_at="2024-05-02T00:00:00+07:00")
    assert a != c


def test_bad_generated_at() -> None:
    with pytest.raises(ValueError, match="xsd:dateTime"):
        record_nquads(make_record(), TEXT, SOURCE_ID, generated_at="yesterday")


HOSTILE = [
    'say "hi"',
    "back\\slash \\n not a newline",
    "line1\nline2\r\nline3\ttab",
    "<script>alert('x')</script>",
    '" } ; DROP ALL ; #',
    "\x00\x07\x1b\x7f controls",
    "Tiếng Việt có dấu: Ủy ban, Đảng ủy",
    "> <https://evil/> .",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_literal_escaping_round_trips(value: str) -> None:
    text = f"Trích yếu: {value}\n"
    rec = Record(source="x", sha256=SHA, title=value, spans={"title": (11, 11 + len(value))})
    out = record_nquads(rec, text, 'x y/"<z>".txt', generated_at=WHEN)
    assert all(line.endswith(" .") for line in out.splitlines())
    ds = Dataset()
    ds.parse(data=out, format="nquads")
    titles = {o for _, p, o, _ in ds.quads() if str(p) == "http://purl.org/dc/terms/title"}
    assert titles == {Literal(value, lang="vi")}
    texts = {o for _, p, o, _ in ds.quads() if str(p) == "https://w3id.org/vnkg/ontology#text"}
    assert texts == {Literal(text)}
    quads = list(pyoxigraph.parse(out.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS))
    assert pyoxigraph.Literal(value, language="vi") in {q.object for q in quads}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('a"b', '"a\\"b"'),
        ("a\\b", '"a\\\\b"'),
        ("a\nb\rc", '"a\\nb\\rc"'),
        ("\x01", '"\\u0001"'),
        ("\x7f", '"\\u007F"'),
        ("\ud800", '"\\uFFFD"'),
    ],
)
def test_literal_forms(value: str, expected: str) -> None:
    assert literal(value) == expected


def test_iri_escapes_disallowed_characters() -> None:
    assert iri('http://x/a b<c>"{d}|^`\\') == "<http://x/a%20b%3Cc%3E%22%7Bd%7D%7C%5E%60%5C>"


# --- SHACL -----------------------------------------------------------------------------------------

SHAPES = Graph().parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")


def union_graph(*nquads: str) -> Graph:
    """The union of the quads' graphs as one rdflib Graph (pyshacl validates a Graph)."""
    ds = Dataset()
    for text in nquads:
        ds.parse(data=text, format="nquads")
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_conforms_to_shapes(nq: str) -> None:
    data = union_graph(nq, ontology_nquads())
    assert len(data) > 1500
    conforms, _, report = validate(data, shacl_graph=SHAPES, advanced=True, allow_warnings=False)
    assert conforms, report


def test_shapes_catch_a_bad_measure(nq: str) -> None:
    bad = nq.replace(
        "<https://w3id.org/vnkg/measure/vaccination>", "<https://w3id.org/vnkg/measure/not-a-measure>"
    )
    conforms, _, report = validate(union_graph(bad, ontology_nquads()), shacl_graph=SHAPES)
    assert not conforms
    assert "measure scheme" in report


@pytest.mark.parametrize(
    ("fragment", "message"),
    [
        ("#char=30,30", "start < end"),  # empty passage
        ("#char=40,12", "start < end"),  # reversed
        ("#char=1,999999", "start < end"),  # past the end of the text
        ("#chars=1,2", "RFC 5147"),  # not an RFC 5147 fragment
    ],
)
def test_shapes_catch_a_bad_passage(nq: str, fragment: str, message: str) -> None:
    target = re.search(r"<(https://w3id\.org/vnkg/id/source/[0-9a-f]{64}#char=\d+,\d+)>", nq)
    assert target is not None
    src = target.group(1).split("#")[0]
    bad = nq.replace(f"<{target.group(1)}>", f"<{src}{fragment}>", 1)
    conforms, _, report = validate(union_graph(bad, ontology_nquads()), shacl_graph=SHAPES)
    assert not conforms
    assert message in report


# --- evidence ---------------------------------------------------------------------------------------


def test_annotation_type_is_entailed_not_written(nq: str) -> None:
    """Evidence nodes carry only their target; the ontology's domain of oa:hasTarget types them."""
    from rdflib import RDF, RDFS, URIRef

    oa = "http://www.w3.org/ns/oa#"
    assert f"<{oa}Annotation>" not in nq
    g = union_graph(nq, ontology_nquads())
    has_target, annotation = URIRef(oa + "hasTarget"), URIRef(oa + "Annotation")
    assert (has_target, RDFS.domain, annotation) in g
    evidence = set(g.objects(None, URIRef("https://w3id.org/vnkg/ontology#evidence")))
    assert len(evidence) >= 15
    for a in evidence:
        assert len(list(g.objects(a, has_target))) == 1, a
        assert (a, RDF.type, annotation) not in g  # one RDFS step away, not stated


def test_shapes_catch_evidence_without_a_target(nq: str) -> None:
    line = next(x for x in nq.splitlines(keepends=True) if "<http://www.w3.org/ns/oa#hasTarget>" in x)
    conforms, _, report = validate(
        union_graph(nq.replace(line, "", 1), ontology_nquads()), shacl_graph=SHAPES
    )
    assert not conforms
    assert "hasTarget" in report


def test_every_quote_is_the_original_slice(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?a ?start ?end ?exact ?t WHERE {
             GRAPH ?g { ?a oa:hasTarget ?t .
                        ?d vnkg:hasSourceText ?src . ?src vnkg:text ?text . }
             BIND(STRAFTER(STR(?t), "#char=") AS ?r)
             BIND(xsd:integer(STRBEFORE(?r, ",")) AS ?start)
             BIND(xsd:integer(STRAFTER(?r, ",")) AS ?end)
             BIND(SUBSTR(?text, ?start + 1, ?end - ?start) AS ?exact)
           }""",
    )
    assert len(rows) >= 15
    for a, start, end, exact, target in rows:
        assert exact == TEXT[int(start) : int(end)], a
        assert a.endswith(f"/evidence/{SHA[:16]}/{start}-{end}")
        assert target == f"https://w3id.org/vnkg/id/source/{SHA}#char={start},{end}"
    # CR LF kept: the quote is the original text, not the normalised one
    assert any("\r\n" in exact for _, _, _, exact, _ in rows)


def test_which_sentence_says_x_implements_y(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?exact WHERE {
             ?x eli:id_local ?xn . ?y eli:id_local ?yn .
             ?c a vnkg:Citation ; vnkg:citingDocument ?x ; vnkg:citedDocument ?y ;
                vnkg:relation vnkg:implements ; vnkg:evidence ?a .
             ?a oa:hasTarget ?t . ?x vnkg:hasSourceText/vnkg:text ?text .
             BIND(STRAFTER(STR(?t), "#char=") AS ?r)
             BIND(xsd:integer(STRBEFORE(?r, ",")) AS ?s) BIND(xsd:integer(STRAFTER(?r, ",")) AS ?e)
             BIND(SUBSTR(?text, ?s + 1, ?e - ?s) AS ?exact)
           }""",
        xn=pyoxigraph.Literal("168-CV/TU"),
        yn=pyoxigraph.Literal("534-CV/BTGTW"),
    )
    assert rows == [
        (
            "Thực hiện Công văn số 534-CV/BTGTW ngày 20/7/2021 của Ban Tuyên giáo Trung ương về tuyên truyền "
            "thực hiện Chỉ thị số 15/CT-TTg của Thủ tướng Chính phủ",
        )
    ]


def test_chain_by_property_path(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        "SELECT ?n WHERE { ?x eli:id_local ?xn ; eli:cites+ ?z . ?z eli:id_local ?n }",
        xn=pyoxigraph.Literal("168-CV/TU"),
    )
    assert rows == [("15/CT-TTg",), ("534-CV/BTGTW",)]
    rows = select(
        store,
        "SELECT ?n WHERE { ?x eli:id_local ?xn ; eli:ensures_implementation_of/vnkg:implements ?z . "
        "?z eli:id_local ?n }",
        xn=pyoxigraph.Literal("168-CV/TU"),
    )
    assert rows == [("15/CT-TTg",)]


# --- content -----------------------------------------------------------------------------------------

DOC = f"{ID}doc/can-tho/2021/168-cv-tu"


def test_document_facts(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?type ?date ?issuer ?level ?cap ?signer WHERE {
             ?d eli:type_document/skos:prefLabel ?type ; eli:date_document ?date ;
                eli:passed_by/skos:prefLabel ?issuer ; vnkg:level ?level ;
                vnkg:signatureCapacity/skos:notation ?cap ; vnkg:signedBy/foaf:name ?signer .
             FILTER(lang(?type) = "vi")
           }""",
        d=pyoxigraph.NamedNode(DOC),
    )
    assert rows == [
        ("Công văn", "2021-08-02", "Thành ủy Cần Thơ", str(VNKG.ProvinceLevel), "T/M", "Nguyễn Văn B")
    ]


def test_signatory_post_and_on_behalf_of(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?post ?org ?obo ?parent WHERE {
             ?d vnkg:signedBy/org:holds ?p ; vnkg:onBehalfOf ?o .
             ?p skos:prefLabel ?post ; org:postIn/skos:prefLabel ?org .
             ?o skos:prefLabel ?obo ; org:subOrganizationOf/skos:prefLabel ?parent .
           }""",
        d=pyoxigraph.NamedNode(DOC),
    )
    assert rows == [("Phó Bí thư", "Thành ủy Cần Thơ", "Ban Thường vụ Thành ủy Cần Thơ", "Thành ủy Cần Thơ")]


def test_addressees_scoped_and_archive_skipped(store: pyoxigraph.Store) -> None:
    to = select(
        store, "SELECT ?l WHERE { ?d vnkg:addressedTo/skos:prefLabel ?l }", d=pyoxigraph.NamedNode(DOC)
    )
    assert to == [("Ban Tuyên giáo Tỉnh ủy Cần Thơ",), ("Các huyện ủy, quận ủy",)]
    cc = select(store, "SELECT ?l WHERE { ?d vnkg:copiedTo/skos:prefLabel ?l }", d=pyoxigraph.NamedNode(DOC))
    assert cc == []  # "Như trên" and "Lưu: VT" are notes, not bodies (kg/data/non_bodies.tsv)


def test_group_addressee_links_each_body() -> None:
    """An item naming several bodies ("các Bộ: Công an, Y tế") stays one item in the record; the graph
    addresses each of its parts."""
    item = Mention("các Bộ: Công an, Y tế", span("Các huyện ủy, quận ủy"), ("Bộ Công an", "Bộ Y tế"))
    s = pyoxigraph.Store()
    s.load(
        record_nquads(make_record(recipients=(item,)), TEXT, SOURCE_ID, generated_at=WHEN).encode("utf-8"),
        format=pyoxigraph.RdfFormat.N_QUADS,
    )
    to = select(s, "SELECT ?l WHERE { ?d vnkg:addressedTo/skos:prefLabel ?l }", d=pyoxigraph.NamedNode(DOC))
    assert to == [("Bộ Công an",), ("Bộ Y tế",)]


def test_cited_document_facts(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?date ?issuer ?level ?title WHERE {
             ?y eli:id_local ?yn ; eli:date_document ?date ; eli:passed_by ?o ;
                <http://purl.org/dc/terms/title> ?title .
             ?o skos:prefLabel ?issuer ; vnkg:level ?level .
           }""",
        yn=pyoxigraph.Literal("534-CV/BTGTW"),
    )
    assert rows == [
        (
            "2021-07-20",
            "Ban Tuyên giáo Trung ương",
            str(VNKG.CentralLevel),
            "tuyên truyền thực hiện Chỉ thị số 15/CT-TTg",
        )
    ]


def test_measures(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?code ?lead ?support ?deadline ?item WHERE {
             ?d vnkg:prescribes ?m . ?m vnkg:concept/skos:notation ?code ; vnkg:item ?item ;
                vnkg:deadline ?deadline .
             OPTIONAL { ?m vnkg:leadBody/skos:prefLabel ?lead }
             OPTIONAL { ?m vnkg:supportBody/skos:prefLabel ?support }
           }""",
        d=pyoxigraph.NamedNode(DOC),
    )
    assert rows == [
        ("public-communication", "Ban Tuyên giáo Tỉnh ủy Cần Thơ", "Sở Y tế", "2021-08-15", "1"),
        ("vaccination", None, None, "trong tháng 8", "2"),
    ]
    # the unknown code is dropped, not written as a concept outside the scheme
    assert (
        select(store, "SELECT ?m WHERE { ?m vnkg:concept <https://w3id.org/vnkg/measure/no-such-code> }")
        == []
    )


def test_assignments_slogan_direction_meeting_person(store: pyoxigraph.Store) -> None:
    d = pyoxigraph.NamedNode(DOC)
    rows = select(
        store,
        "SELECT ?body ?role WHERE { ?d vnkg:hasAssignment ?a . ?a vnkg:assignedTo/skos:prefLabel ?body ; "
        "vnkg:role/skos:notation ?role }",
        d=d,
    )
    assert rows == [("Ban Tuyên giáo Tỉnh ủy Cần Thơ", "lead"), ("Sở Y tế", "support")]
    rows = select(
        store, "SELECT ?code WHERE { ?d vnkg:usesSlogan ?s . ?s vnkg:standsFor/skos:notation ?code }", d=d
    )
    assert rows == [("face-masks",), ("five-k",)]
    rows = select(
        store,
        "SELECT ?body ?rel WHERE { ?r vnkg:citingDocument ?d ; vnkg:directingBody/skos:prefLabel ?body ; "
        "vnkg:relation ?rel . ?d vnkg:followsDirectionsOf ?b }",
        d=d,
    )
    assert rows == [("Ban Chỉ đạo quốc gia", str(VNKG.implements))]
    rows = select(
        store,
        "SELECT ?date ?body WHERE { ?d vnkg:recordsMeeting ?m . ?m <http://purl.org/dc/terms/date> ?date ; "
        "vnkg:heldBy/skos:prefLabel ?body }",
        d=d,
    )
    assert rows == [("2021-08-01", "Thường trực Tỉnh ủy Cần Thơ")]
    rows = select(store, "SELECT ?pos WHERE { ?d vnkg:mentionsPerson/vnkg:positionTitle ?pos }", d=d)
    assert rows == [("Phó Chủ tịch UBND tỉnh",)]


def test_provenance(store: pyoxigraph.Store) -> None:
    rows = select(
        store,
        """SELECT ?path ?sha ?agent ?when WHERE {
             ?g prov:wasGeneratedBy ?act .
             ?act prov:used ?src ; prov:wasAssociatedWith ?agent ; prov:endedAtTime ?when .
             ?agent a prov:SoftwareAgent .
             ?src vnkg:sourcePath ?path ; vnkg:sha256 ?sha .
           }""",
        g=pyoxigraph.NamedNode(graph_iri(SHA)),
    )
    from kg import __version__

    assert rows == [(SOURCE_ID, SHA, f"{ID}agent/kg-{__version__.replace('.', '-')}", WHEN)]


def test_every_vnkg_term_written_is_declared(nq: str) -> None:
    declared = {str(VNKG[n]) for n in VNKG.__annotations__}
    ns = str(VNKG._NS)
    used = set()
    for line in nq.splitlines():
        for token in line.split(" "):
            if token.startswith(f"<{ns}"):
                used.add(token.strip("<>"))
    assert used
    assert used <= declared, used - declared


def test_ontology_graph_name() -> None:
    assert ontology_nquads().splitlines()[0].endswith(f"<{GRAPH_ONTOLOGY}> .")
    assert URIRef(GRAPH_ONTOLOGY)


@pytest.mark.parametrize(
    ("capacity", "obo", "expected"),
    [
        ("T/M", "Ban Thường vụ", f"{ID}org/ban-thuong-vu-thanh-uy-can-tho"),
        ("KT.", "Chủ tịch", f"{ID}post/thanh-uy-can-tho/chu-tich"),
        ("T/L", "Ban Thường vụ", f"{ID}org/ban-thuong-vu-thanh-uy-can-tho"),
        ("TM.", "Thành ủy", f"{ID}org/thanh-uy-can-tho"),
    ],
)
def test_on_behalf_of_body_or_post(capacity: str, obo: str, expected: str) -> None:
    rec = make_record()
    assert rec.signatory is not None
    rec = replace(rec, signatory=replace(rec.signatory, capacity=capacity, on_behalf_of=obo))
    out = record_nquads(rec, TEXT, SOURCE_ID, generated_at=WHEN)
    obo_lines = [line for line in out.splitlines() if "#onBehalfOf>" in line]
    assert len(obo_lines) == 1
    assert obo_lines[0].split(" ")[2] == f"<{expected}>"


def test_distribution_archive_and_purpose_notes() -> None:
    text = "Nơi nhận:\n- UBND tỉnh (b/c);\n- Lưu: VT.\n"
    rec = Record(
        source="x",
        sha256=SHA,
        issuer=Issuer("Thành ủy Cần Thơ", "province", None, None, CT),
        distribution=(
            Mention("UBND tỉnh (b/c)", span_in(text, "UBND tỉnh (b/c)")),
            Mention("Lưu: VT", (24, 31)),
        ),
    )
    out = record_nquads(rec, text, "x", generated_at=WHEN)
    cc = [line.split(" ")[2] for line in out.splitlines() if "#copiedTo>" in line]
    assert cc == [f"<{ID}org/uy-ban-nhan-dan-tinh-can-tho>"]
    assert '"UBND tỉnh (b/c)"@vi' in out  # the text as written stays as an altLabel


def span_in(text: str, s: str) -> tuple[int, int]:
    i = text.index(s)
    return (i, i + len(s))


# --- pages and OCR ---------------------------------------------------------------------------------


def _scanned() -> tuple[Record, str]:
    """The record as if read from a two-page scan: pages split at the "Thực hiện" line."""
    cut = TEXT.index("Thực hiện Công văn")
    pages = ((0, cut - 1), (cut, len(TEXT)))
    ocr = Ocr("tesseract 5.5.4", "vie", 88.4, (1, 2), (93.5, 71.0))
    return replace(make_record(), pages=pages, ocr=ocr), TEXT


@pytest.fixture(scope="module")
def scanned_store() -> pyoxigraph.Store:
    record, text = _scanned()
    s = pyoxigraph.Store()
    s.load(
        record_nquads(record, text, SOURCE_ID, generated_at=WHEN).encode("utf-8"),
        format=pyoxigraph.RdfFormat.N_QUADS,
    )
    return s


def test_ocr_of_the_source(scanned_store: pyoxigraph.Store) -> None:
    rows = select(
        scanned_store,
        "SELECT ?engine ?lang ?conf WHERE { ?src vnkg:sha256 ?sha ; vnkg:ocrEngine ?engine ; "
        "vnkg:ocrLanguage ?lang ; vnkg:ocrConfidence ?conf }",
    )
    assert rows == [("tesseract 5.5.4", "vie", "88.4")]
    assert not select(scanned_store, "SELECT ?p WHERE { ?p a vnkg:Document ; vnkg:ocrEngine ?e }")


def test_pages_name_their_range_and_confidence(scanned_store: pyoxigraph.Store) -> None:
    record, _ = _scanned()
    rows = select(
        scanned_store,
        "SELECT ?n ?s ?e ?c ?page WHERE { ?src vnkg:hasPage ?page . ?page a vnkg:Page ; vnkg:pageNumber ?n ; "
        "vnkg:pageStart ?s ; vnkg:pageEnd ?e ; vnkg:ocrConfidence ?c }",
    )
    assert [(int(n), int(s), int(e), float(c)) for n, s, e, c, _ in rows] == [
        (1, *record.pages[0], 93.5),
        (2, *record.pages[1], 71.0),
    ]
    assert rows[0][4] == f"{ID}page/{SHA[:16]}/1"


def test_the_page_of_a_fact(scanned_store: pyoxigraph.Store) -> None:
    """Which page is the citation's evidence on: the page whose range holds the passage's start."""
    rows = select(
        scanned_store,
        """SELECT DISTINCT ?n WHERE {
             ?c a vnkg:Citation ; vnkg:evidence/oa:hasTarget ?t .
             BIND(xsd:integer(STRBEFORE(STRAFTER(STR(?t), "#char="), ",")) AS ?start)
             ?src vnkg:hasPage ?p . ?p vnkg:pageNumber ?n ; vnkg:pageStart ?ps ; vnkg:pageEnd ?pe .
             FILTER(?start >= ?ps && ?start < ?pe)
           }""",
    )
    assert rows == [("2",)]


def test_scanned_graph_conforms_and_declares_its_terms() -> None:
    record, text = _scanned()
    nq = record_nquads(record, text, SOURCE_ID, generated_at=WHEN)
    conforms, _, report = validate(
        union_graph(nq, ontology_nquads()), shacl_graph=SHAPES, advanced=True, allow_warnings=False
    )
    assert conforms, report
    declared = {str(VNKG[n]) for n in VNKG.__annotations__}
    used = {
        t.strip("<>") for line in nq.splitlines() for t in line.split(" ") if t.startswith(f"<{VNKG._NS}")
    }
    assert {str(VNKG.hasPage), str(VNKG.ocrConfidence), str(VNKG.Page)} <= used <= declared


def test_text_files_have_no_pages(nq: str) -> None:
    assert "ontology#hasPage" not in nq and "ontology#ocr" not in nq


def test_body_nodes_of_an_unknown_jurisdiction_are_per_source() -> None:
    """A body's terms are cached across documents; with no known jurisdiction its node still carries
    the sha12 of the source it is read from, so the same name in two sources is two nodes."""
    other = "fedcba9876543210" * 4
    issuer = Issuer(name="Ban Chỉ đạo", level=None, parent=None, span=None, jurisdiction=Jurisdiction())
    nodes = []
    for sha in (SHA, other, SHA):
        out = record_nquads(make_record(sha256=sha, issuer=issuer), TEXT, SOURCE_ID, generated_at=WHEN)
        passed = {line.split(" ")[2] for line in out.splitlines() if "/ontology#passed_by>" in line}
        assert f"<{ID}doc/src/{sha[:16]}> <http://data.europa.eu/eli/ontology#passed_by> " in out
        nodes.append(passed)
    assert nodes[0] == nodes[2] != nodes[1]
    assert f"<{ID}org/ban-chi-dao--{SHA[:12]}>" in nodes[0]
    assert f"<{ID}org/ban-chi-dao--{other[:12]}>" in nodes[1]
    assert f"<{ID}org/ban-chi-dao--{other[:12]}>" == iri(org_iri("Ban Chỉ đạo", Jurisdiction(), other))
