"""Vocabulary: rdflib namespaces (a misspelt term is an error) and N-Triples IRI constants.

The ``DefinedNamespace`` classes list the terms of ``vnkg:`` (ontology/vnkg.ttl) and the ELI and Web
Annotation terms the project uses; ORG, PROV, SKOS, DCTERMS, FOAF are rdflib's own. The ``T_*``
constants are the same IRIs already in angle brackets, for writing N-Quads as text (kg.rdf).
"""

from __future__ import annotations

from rdflib import DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://w3id.org/vnkg/"
VNID = Namespace(BASE + "id/")
MEASURE = Namespace(BASE + "measure/")
MEASURE_SCHEME = URIRef(BASE + "measure")
DOCTYPE = Namespace(BASE + "doctype/")
DOCTYPE_SCHEME = URIRef(BASE + "doctype")
OXCGRT = Namespace(BASE + "oxcgrt/")
OXCGRT_SCHEME = URIRef(BASE + "oxcgrt")
WHO_PHSM = Namespace(BASE + "who-phsm/")
WHO_PHSM_SCHEME = URIRef(BASE + "who-phsm")
ONTOLOGY = URIRef(BASE + "ontology")


class VNKG(DefinedNamespace):
    """Terms of ontology/vnkg.ttl."""

    _NS = Namespace("https://w3id.org/vnkg/ontology#")
    _fail = True

    # classes
    Document: URIRef
    Citation: URIRef
    DirectionReference: URIRef
    MeasureInstance: URIRef
    Assignment: URIRef
    Slogan: URIRef
    Meeting: URIRef
    Page: URIRef
    Level: URIRef
    SignatureCapacity: URIRef
    TaskRole: URIRef
    # document relations
    implements: URIRef
    basedOn: URIRef
    approves: URIRef
    # citation / direction nodes
    citingDocument: URIRef
    citedDocument: URIRef
    relation: URIRef
    directingBody: URIRef
    followsDirectionsOf: URIRef
    # document facts
    level: URIRef
    jurisdictionKey: URIRef
    searchKey: URIRef
    numberKey: URIRef
    lagDays: URIRef
    placeOfIssue: URIRef
    addressedTo: URIRef
    copiedTo: URIRef
    signedBy: URIRef
    signatureCapacity: URIRef
    onBehalfOf: URIRef
    positionTitle: URIRef
    mentionsPerson: URIRef
    recordsMeeting: URIRef
    heldBy: URIRef
    hasSourceText: URIRef
    sourcePath: URIRef
    sourceLocation: URIRef
    sha256: URIRef
    text: URIRef
    hasPage: URIRef
    pageNumber: URIRef
    pageStart: URIRef
    pageEnd: URIRef
    ocrEngine: URIRef
    ocrLanguage: URIRef
    ocrConfidence: URIRef
    evidence: URIRef
    # measures, assignments, slogans
    prescribes: URIRef
    concept: URIRef
    assignedTo: URIRef
    leadBody: URIRef
    supportBody: URIRef
    targetGroup: URIRef
    deadline: URIRef
    item: URIRef
    cue: URIRef
    hasAssignment: URIRef
    role: URIRef
    tasks: URIRef
    usesSlogan: URIRef
    standsFor: URIRef
    # individuals and schemes
    LevelScheme: URIRef
    CentralLevel: URIRef
    ProvinceLevel: URIRef
    DistrictLevel: URIRef
    CommuneLevel: URIRef
    SignatureCapacityScheme: URIRef
    PartyThayMat: URIRef
    PartyKyThay: URIRef
    PartyThuaLenh: URIRef
    PartyThuaUyQuyen: URIRef
    PartyQuyen: URIRef
    StateThayMat: URIRef
    StateKyThay: URIRef
    StateThuaLenh: URIRef
    StateThuaUyQuyen: URIRef
    TaskRoleScheme: URIRef
    LeadRole: URIRef
    SupportRole: URIRef
    ResponsibleRole: URIRef


class ELI(DefinedNamespace):
    """The ELI terms this project uses (http://data.europa.eu/eli/ontology#)."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    id_local: URIRef
    type_document: URIRef
    date_document: URIRef
    passed_by: URIRef
    cites: URIRef
    based_on: URIRef
    ensures_implementation_of: URIRef


class OA(DefinedNamespace):
    """The Web Annotation terms this project uses (http://www.w3.org/ns/oa#)."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    hasBody: URIRef
    hasTarget: URIRef


def _t(term: URIRef) -> str:
    return f"<{term}>"


# N-Triples forms, for kg.rdf.
T_TYPE = _t(RDF.type)
T_LABEL = _t(RDFS.label)
T_VERSION_INFO = _t(OWL.versionInfo)

T_XSD_STRING = str(XSD.string)
T_XSD_DATE = str(XSD.date)
T_XSD_DATETIME = str(XSD.dateTime)

T_SKOS_CONCEPT = _t(SKOS.Concept)
T_SKOS_PREF = _t(SKOS.prefLabel)
T_SKOS_ALT = _t(SKOS.altLabel)

T_DCT_TITLE = _t(DCTERMS.title)
T_DCT_DATE = _t(DCTERMS.date)

T_FOAF_PERSON = _t(FOAF.Person)
T_FOAF_NAME = _t(FOAF.name)

T_ORG_ORGANIZATION = _t(ORG.Organization)
T_ORG_SUB = _t(ORG.subOrganizationOf)
T_ORG_POST = _t(ORG.Post)
T_ORG_HOLDS = _t(ORG.holds)
T_ORG_POST_IN = _t(ORG.postIn)

T_PROV_ENTITY = _t(PROV.Entity)
T_PROV_ACTIVITY = _t(PROV.Activity)
T_PROV_SOFTWARE_AGENT = _t(PROV.SoftwareAgent)
T_PROV_GENERATED_BY = _t(PROV.wasGeneratedBy)
T_PROV_USED = _t(PROV.used)
T_PROV_ASSOCIATED = _t(PROV.wasAssociatedWith)
T_PROV_ENDED = _t(PROV.endedAtTime)

T_ELI_LEGAL_RESOURCE = _t(ELI.LegalResource)
T_ELI_ID_LOCAL = _t(ELI.id_local)
T_ELI_TYPE_DOCUMENT = _t(ELI.type_document)
T_ELI_DATE_DOCUMENT = _t(ELI.date_document)
T_ELI_PASSED_BY = _t(ELI.passed_by)
T_ELI_CITES = _t(ELI.cites)
T_ELI_BASED_ON = _t(ELI.based_on)
T_ELI_ENSURES_IMPL = _t(ELI.ensures_implementation_of)

T_OA_HAS_TARGET = _t(OA.hasTarget)

V = {name: _t(VNKG[name]) for name in VNKG.__annotations__}
"""``V["Citation"]`` → ``"<https://w3id.org/vnkg/ontology#Citation>"``; keys are checked names."""

#: Relation value of a citation (docs/record.md) → the direct properties to write, most specific first.
#: Super-properties are written too, because stores (Oxigraph) do not infer them.
RELATION_PROPERTIES: dict[str, tuple[str, ...]] = {
    "implements": (V["implements"], T_ELI_ENSURES_IMPL, T_ELI_CITES),
    "based_on": (V["basedOn"], T_ELI_BASED_ON, T_ELI_CITES),
    "approves": (V["approves"], T_ELI_CITES),
    "cites": (T_ELI_CITES,),
}

LEVELS: dict[str, str] = {
    "central": V["CentralLevel"],
    "province": V["ProvinceLevel"],
    "district": V["DistrictLevel"],
    "commune": V["CommuneLevel"],
}

CAPACITIES: dict[str, str] = {
    "T/M": V["PartyThayMat"],
    "K/T": V["PartyKyThay"],
    "T/L": V["PartyThuaLenh"],
    "T/U": V["PartyThuaUyQuyen"],
    "Q.": V["PartyQuyen"],
    "TM.": V["StateThayMat"],
    "KT.": V["StateKyThay"],
    "TL.": V["StateThuaLenh"],
    "TUQ.": V["StateThuaUyQuyen"],
}

ROLES: dict[str, str] = {
    "lead": V["LeadRole"],
    "support": V["SupportRole"],
    "responsible": V["ResponsibleRole"],
}
