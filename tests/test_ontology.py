"""The ontology files: they parse, every vnkg: term is declared and labelled, the schemes match the TSVs."""

from __future__ import annotations

import re

import pyoxigraph
import pytest
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef

from kg import vocab
from kg.ontology_tools import (
    ONTOLOGY_DIR,
    OXCGRT_INDICATORS,
    WHO_PHSM_CATEGORIES,
    doctypes_ttl,
    measures_ttl,
)
from kg.rdf import GRAPH_ONTOLOGY, ontology_nquads
from kg.vocab import VNKG

VNKG_NS = str(VNKG._NS)
MEASURE = "https://w3id.org/vnkg/measure"
DOCTYPE = "https://w3id.org/vnkg/doctype"


def _graph(name: str) -> Graph:
    return Graph().parse(ONTOLOGY_DIR / name, format="turtle")


@pytest.fixture(scope="module")
def onto() -> Graph:
    return _graph("vnkg.ttl")


@pytest.fixture(scope="module")
def measures() -> Graph:
    return _graph("measures.ttl")


@pytest.fixture(scope="module")
def doctypes() -> Graph:
    return _graph("doctypes.ttl")


@pytest.mark.parametrize("name", ["vnkg.ttl", "measures.ttl", "doctypes.ttl", "shapes.ttl"])
def test_files_parse(name: str) -> None:
    assert len(_graph(name)) > 20


def test_ontology_header(onto: Graph) -> None:
    o = URIRef("https://w3id.org/vnkg/ontology")
    assert (o, RDF.type, OWL.Ontology) in onto
    assert onto.value(o, OWL.versionInfo) == Literal("0.2.0")
    assert onto.value(o, OWL.versionIRI) == URIRef("https://w3id.org/vnkg/ontology/0.2.0")


def _declared(onto: Graph) -> set[str]:
    return {str(s) for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(VNKG_NS)}


def test_vocab_matches_ontology(onto: Graph) -> None:
    in_python = {str(VNKG[n]) for n in VNKG.__annotations__}
    assert in_python == _declared(onto)


def _langs(g: Graph, s: URIRef, preds: tuple[URIRef, ...]) -> set[str]:
    return {o.language for p in preds for o in g.objects(s, p) if isinstance(o, Literal) and o.language}


@pytest.mark.parametrize("name", sorted(VNKG.__annotations__))
def test_term_labelled_vi_en_and_commented(onto: Graph, name: str) -> None:
    s = VNKG[name]
    assert {"vi", "en"} <= _langs(onto, s, (RDFS.label, SKOS.prefLabel)), name
    assert {"vi", "en"} <= _langs(onto, s, (RDFS.comment, SKOS.definition)), name
    kinds = set(onto.objects(s, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, SKOS.Concept, SKOS.ConceptScheme}


@pytest.mark.parametrize(
    ("term", "supers"),
    [
        ("implements", {"ensures_implementation_of", "cites"}),
        ("basedOn", {"based_on", "cites"}),
        ("approves", {"cites"}),
    ],
)
def test_citation_properties_specialise_eli(onto: Graph, term: str, supers: set[str]) -> None:
    got = {str(o).rsplit("#", 1)[1] for o in onto.objects(VNKG[term], RDFS.subPropertyOf)}
    assert got == supers
    # the writer materialises exactly these super-properties
    rel = {"implements": "implements", "basedOn": "based_on", "approves": "approves"}[term]
    written = {p.strip("<>").rsplit("#", 1)[1] for p in vocab.RELATION_PROPERTIES[rel][1:]}
    assert written == supers


def test_no_deprecated_eli_implements(onto: Graph) -> None:
    text = (ONTOLOGY_DIR / "vnkg.ttl").read_text(encoding="utf-8")
    assert not re.search(r"\beli:implements\b(?! \()", text.replace("deprecated eli:implements", ""))
    assert URIRef("http://data.europa.eu/eli/ontology#implements") not in set(onto.all_nodes())


@pytest.mark.parametrize(
    ("table", "scheme"),
    [
        (vocab.CAPACITIES, VNKG.SignatureCapacityScheme),
        (vocab.LEVELS, VNKG.LevelScheme),
        (vocab.ROLES, VNKG.TaskRoleScheme),
    ],
)
def test_python_maps_match_notations(onto: Graph, table: dict[str, str], scheme: URIRef) -> None:
    in_ttl = {str(onto.value(c, SKOS.notation)): f"<{c}>" for c in onto.subjects(SKOS.inScheme, scheme)}
    assert in_ttl == table


def test_capacity_pairs_exact_match(onto: Graph) -> None:
    assert (VNKG.PartyThayMat, SKOS.exactMatch, VNKG.StateThayMat) in onto
    assert (VNKG.StateThuaUyQuyen, SKOS.exactMatch, VNKG.PartyThuaUyQuyen) in onto


# --- generated schemes --------------------------------------------------------------------------


def test_measures_ttl_in_sync() -> None:
    assert (ONTOLOGY_DIR / "measures.ttl").read_text(encoding="utf-8") == measures_ttl(), (
        "run `python -m kg.ontology_tools`"
    )


def test_doctypes_ttl_in_sync() -> None:
    assert (ONTOLOGY_DIR / "doctypes.ttl").read_text(encoding="utf-8") == doctypes_ttl(), (
        "run `python -m kg.ontology_tools`"
    )


def test_measure_concepts(measures: Graph) -> None:
    codes = {str(measures.value(c, SKOS.notation)) for c in measures.subjects(SKOS.inScheme, URIRef(MEASURE))}
    assert {"vaccination", "five-k", "economic-recovery", "testing"} <= codes
    five_k = URIRef(f"{MEASURE}/five-k")
    assert measures.value(five_k, SKOS.prefLabel) is not None
    assert _langs(measures, five_k, (SKOS.prefLabel,)) == {"vi", "en"}
    assert set(measures.objects(five_k, SKOS.closeMatch)) == {
        URIRef("https://w3id.org/vnkg/oxcgrt/H1"),
        URIRef("https://w3id.org/vnkg/oxcgrt/H6"),
        URIRef("https://w3id.org/vnkg/oxcgrt/C4"),
        URIRef("https://w3id.org/vnkg/who-phsm/1"),
        URIRef("https://w3id.org/vnkg/who-phsm/4.3"),
    }
    home = URIRef(f"{MEASURE}/home-care")
    assert list(measures.objects(home, SKOS.closeMatch)) == []


def test_close_match_targets_are_described(measures: Graph) -> None:
    for target in set(measures.objects(None, SKOS.closeMatch)):
        assert (target, RDF.type, SKOS.Concept) in measures, target
        assert "en" in _langs(measures, target, (SKOS.prefLabel,)), target
        assert measures.value(target, SKOS.inScheme) in {
            URIRef("https://w3id.org/vnkg/oxcgrt"),
            URIRef("https://w3id.org/vnkg/who-phsm"),
        }


@pytest.mark.parametrize(
    ("iri", "label"),
    [
        ("https://w3id.org/vnkg/oxcgrt/C1", "School closing"),
        ("https://w3id.org/vnkg/oxcgrt/H8", "Protection of elderly people"),
        ("https://w3id.org/vnkg/who-phsm/4.3", "Gatherings"),
        ("https://w3id.org/vnkg/who-phsm/8.4", "Communications and engagement"),
    ],
)
def test_external_labels(measures: Graph, iri: str, label: str) -> None:
    assert Literal(label, lang="en") in set(measures.objects(URIRef(iri), SKOS.prefLabel))


def test_who_subcategories_have_broader(measures: Graph) -> None:
    sub = URIRef("https://w3id.org/vnkg/who-phsm/3.2")
    assert measures.value(sub, SKOS.broader) == URIRef("https://w3id.org/vnkg/who-phsm/3")
    assert set(OXCGRT_INDICATORS) and set(WHO_PHSM_CATEGORIES)


@pytest.mark.parametrize(
    ("slug", "notations", "label_en"),
    [
        ("cong-van", {"CV"}, "Official letter"),
        ("quy-dinh", {"QĐi", "QyĐ"}, "Regulation"),
        ("thong-bao", {"TB"}, "Notice"),
        ("thong-bao-ket-luan", {"TB"}, "Notice of conclusions"),
        ("chi-thi", {"CT"}, "Directive"),
        ("luat", {"QH"}, "Law"),
    ],
)
def test_doctype_concepts(doctypes: Graph, slug: str, notations: set[str], label_en: str) -> None:
    c = URIRef(f"{DOCTYPE}/{slug}")
    assert (c, SKOS.inScheme, URIRef(DOCTYPE)) in doctypes
    assert {str(n) for n in doctypes.objects(c, SKOS.notation)} == notations
    assert Literal(label_en, lang="en") in set(doctypes.objects(c, SKOS.prefLabel))
    assert _langs(doctypes, c, (SKOS.prefLabel,)) == {"vi", "en"}


# --- the ontology as quads ----------------------------------------------------------------------


def test_ontology_nquads() -> None:
    nq = ontology_nquads()
    assert "_:" not in nq
    lines = nq.splitlines()
    assert lines == sorted(lines)
    assert all(line.endswith(f"<{GRAPH_ONTOLOGY}> .") for line in lines)
    quads = list(pyoxigraph.parse(nq.encode("utf-8"), format=pyoxigraph.RdfFormat.N_QUADS))
    expected = sum(len(_graph(n)) for n in ("vnkg.ttl", "measures.ttl", "doctypes.ttl"))
    assert len(quads) == expected
    assert ontology_nquads() is nq  # cached
