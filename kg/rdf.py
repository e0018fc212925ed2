"""Record → N-Quads: one named graph per source document, written as text (fast, deterministic).

``record_nquads(record, text, source_id, generated_at=...)`` returns the sorted, de-duplicated N-Quads
lines of the graph ``vnid:graph/{sha256 of the source file}``: a graph is named by the content it was read
from, never by where the file is or where kg runs from. No blank nodes: every node has an IRI
minted by the rules of ARCHITECTURE.md. Terms: ontology/vnkg.ttl (vnkg:), ELI, W3C ORG, PROV-O, SKOS,
Web Annotation (evidence), DCTERMS, FOAF. No rdflib objects are built here except in
``ontology_nquads()`` (cached).

What one document graph holds:

- the document (``eli:LegalResource``, ``vnkg:Document``): ``eli:id_local`` (and ``vnkg:numberKey``, the
  number folded for lookups), ``eli:type_document``,
  ``eli:date_document``, ``dcterms:title``, ``vnkg:placeOfIssue``, ``vnkg:level``,
  ``vnkg:jurisdictionKey``, ``eli:passed_by`` issuer (``org:Organization``, parent by
  ``org:subOrganizationOf``), signatory (``vnkg:signedBy``, ``vnkg:signatureCapacity``,
  ``vnkg:onBehalfOf``, ``org:holds`` an ``org:Post``), ``vnkg:addressedTo``, ``vnkg:copiedTo``;
- each citation as a ``vnkg:Citation`` node (citing, cited, ``vnkg:relation``, evidence) plus the
  direct edges with their super-properties (``vnkg:implements`` + ``eli:ensures_implementation_of``
  + ``eli:cites``; ``vnkg:basedOn`` + ``eli:based_on`` + ``eli:cites``; ...), and what the citation
  says about the cited document (number, type, date, issuer, title) and its own nested citations;
- direction references, measure instances, assignments, slogans, persons, the meeting;
- evidence: ``vnkg:evidence`` → the ``oa:Annotation`` ``vnid:evidence/{sha16}/{start}-{end}`` (its type
  entailed by ``rdfs:domain`` of ``oa:hasTarget`` and ``rdfs:range`` of ``vnkg:evidence``, not written) whose
  ``oa:hasTarget`` is the passage as an RFC 5147 fragment of the source, ``vnid:source/{sha256}#char=s,e``;
  the source holds the original text once (``vnkg:text``), so the quote is
  ``SUBSTR(?text, ?start + 1, ?end - ?start)`` (:func:`quote_sparql`; README "Evidence in the graph");
- provenance: the graph ``prov:wasGeneratedBy`` an extraction activity that ``prov:used`` the source
  (``vnkg:sha256``, ``vnkg:sourcePath`` the name it is shown by, ``vnkg:sourceLocation`` the file it
  was read from) and ``prov:wasAssociatedWith`` the software agent ``vnid:agent/kg-{version}``.
- pages of files read page by page (``vnkg:hasPage`` → ``vnid:page/{sha16}/{n}``, a ``vnkg:Page`` with
  ``vnkg:pageNumber`` and its range ``vnkg:pageStart``/``vnkg:pageEnd`` in the source's text) and, for
  scanned files, the source's ``vnkg:ocrEngine``, ``vnkg:ocrLanguage`` and ``vnkg:ocrConfidence`` (also
  on each page OCR read).
"""

from __future__ import annotations

import csv
import re
from datetime import date, datetime
from functools import lru_cache

from kg import vocab as vc
from kg.extract.citations import scoped_issuer
from kg.extract.orgs import canonical_org, scope_org
from kg.gazetteer import is_non_body
from kg.ontology_tools import DATA_DIR, ontology_path
from kg.record import Citation, Jurisdiction, Record, Span
from kg.text import fold
from kg.text import slug as _slug
from kg.vocab import V

__all__ = [
    "GRAPH_ONTOLOGY",
    "VNID",
    "citation_target_iri",
    "doc_iri",
    "graph_iri",
    "iri",
    "literal",
    "ontology_nquads",
    "org_iri",
    "passage_target",
    "person_iri",
    "quote_sparql",
    "record_nquads",
]

VNID = "https://w3id.org/vnkg/id/"
GRAPH_ONTOLOGY = VNID + "graph/ontology"
_MEASURE = "https://w3id.org/vnkg/measure/"
_DOCTYPE = "https://w3id.org/vnkg/doctype/"

# ---------------------------------------------------------------------------------------------
# N-Triples terms
# ---------------------------------------------------------------------------------------------

_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_LIT_BAD = re.compile('[\\\\"\x00-\x1f\x7f\ud800-\udfff]')
_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\\ud800-\udfff]')


def _lit_char(m: re.Match[str]) -> str:
    c = m.group(0)
    e = _ECHAR.get(c)
    if e is not None:
        return e
    if "\ud800" <= c <= "\udfff":  # lone surrogate: not representable in RDF
        return "\\uFFFD"
    return f"\\u{ord(c):04X}"


# The characters of _LIT_BAD that str.replace in _esc does not handle.
_LIT_RARE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


@lru_cache(maxsize=65536)
def _esc_short(s: str) -> str:
    return _LIT_BAD.sub(_lit_char, s)


def _esc(s: str) -> str:
    if len(s) <= 256:  # names and labels recur across documents
        return _esc_short(s)
    if _LIT_RARE.search(s) is None:
        return (
            s.replace("\\", "\\\\")
            .replace('"', '\\"')
            .replace("\n", "\\n")
            .replace("\r", "\\r")
            .replace("\t", "\\t")
        )
    return _LIT_BAD.sub(_lit_char, s)


def literal(value: str, lang: str | None = None, datatype: str | None = None) -> str:
    """An N-Triples literal: escaped string, then ``@lang`` or ``^^<datatype>``."""
    if not lang and not datatype and len(value) <= 256:
        return _plain_short(value)
    s = '"' + _esc(value) + '"'
    if lang:
        return f"{s}@{lang}"
    if datatype and datatype != vc.T_XSD_STRING:
        return f"{s}^^<{datatype}>"
    return s


def _pct(m: re.Match[str]) -> str:
    c = m.group(0)
    if "\ud800" <= c <= "\udfff":
        c = "\ufffd"
    return "".join(f"%{b:02X}" for b in c.encode("utf-8"))


def iri(value: str) -> str:
    """An N-Triples IRI: ``<...>`` with characters not allowed in IRIREF percent-encoded."""
    return "<" + _IRI_BAD.sub(_pct, value) + ">"


@lru_cache(maxsize=65536)
def _plain_short(s: str) -> str:
    return '"' + _esc_short(s) + '"'


@lru_cache(maxsize=65536)
def _vi_short(s: str) -> str:
    return _plain_short(s) + "@vi"


def _vi(s: str) -> str:
    """``literal(s, "vi")``; names and labels recur across documents: short ones are cached."""
    if len(s) <= 256:
        return _vi_short(s)
    return '"' + _esc(s) + '"@vi'


# Names recur across documents: the slug is cached here (kg.text.fold and is_non_body cache themselves).
slug = lru_cache(maxsize=65536)(_slug)


# ---------------------------------------------------------------------------------------------
# Reference data (known codes)
# ---------------------------------------------------------------------------------------------


def _tsv_column(name: str, column: str) -> list[str]:
    with (DATA_DIR / name).open(encoding="utf-8", newline="") as f:
        lines = [line for line in f if line.strip() and not line.startswith("#")]
    return [(row.get(column) or "").strip() for row in csv.DictReader(lines, delimiter="\t")]


@lru_cache(maxsize=1)
def _measure_codes() -> frozenset[str]:
    return frozenset(c for c in _tsv_column("measures.tsv", "code") if c)


@lru_cache(maxsize=1)
def _doctype_slugs() -> dict[str, str]:
    """fold(name_vi) and fold(alias) → slug(name_vi), the doctype concept's local name."""
    out: dict[str, str] = {}
    names = _tsv_column("doc_types.tsv", "name_vi")
    aliases = _tsv_column("doc_types.tsv", "aliases")
    for name, alias_cell in zip(names, aliases, strict=True):
        if not name:
            continue
        out.setdefault(fold(name), slug(name))
        for a in alias_cell.split("|"):
            if a.strip():
                out.setdefault(fold(a), slug(name))
    return out


def _doctype(name: str | None) -> str | None:
    if not name:
        return None
    s = _doctype_slugs().get(fold(name))
    return f"<{_DOCTYPE}{s}>" if s else None


# ---------------------------------------------------------------------------------------------
# Identity (ARCHITECTURE.md, "IRIs")
# ---------------------------------------------------------------------------------------------

_NUMBER_YEAR = re.compile(r"/((?:19|20)\d\d)/")


def _year(date_value: str | None, number: str | None) -> str:
    """The year of a document for its IRI: its date's year, else a year inside the number, else nd."""
    if date_value and len(date_value) >= 4 and date_value[:4].isdigit():
        return date_value[:4]
    m = _NUMBER_YEAR.search(number or "")
    return m.group(1) if m else "nd"


def graph_iri(sha256: str) -> str:
    """``vnid:graph/{sha256}``: the named graph of the source file with this content (lowercase hex).

    Named by content, the graph of a file is the same whatever folder or working directory the build
    is run from, and whatever the file is called: a moved file keeps its graph, a changed file gets a
    new one (the build removes the old), two copies of one file are one graph."""
    if not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise ValueError(f"not a SHA-256 in lowercase hexadecimal: {sha256!r}")
    return f"{VNID}graph/{sha256}"


def _jurisdiction(record: Record) -> Jurisdiction:
    return record.issuer.jurisdiction if record.issuer else Jurisdiction()


def doc_iri(record: Record) -> str:
    """``vnid:doc/{jurisdiction}/{year|nd}/{slug(number)}``, or ``vnid:doc/src/{sha16}``."""
    key = _jurisdiction(record).key
    num = slug(record.number) if record.number else ""
    if num and key:
        return f"{VNID}doc/{key}/{_year(record.date, record.number)}/{num}"
    return f"{VNID}doc/src/{record.sha256[:16]}"


def citation_target_iri(citation: Citation, citing_sha256: str, index: str = "0") -> str:
    """IRI of a cited document.

    With a number and a known jurisdiction: ``vnid:doc/{key}/{year|nd}/{slug(number)}`` (the IRI the
    document gets when it is read itself). With a number and an unknown jurisdiction:
    ``vnid:doc/cited/{sha16 of the citing source}/{slug(number)}``, so that two unknowns never merge.
    Without a number: ``vnid:doc/cited/{sha16}/c{index}`` (``index``: the citation's position).
    """
    key = citation.jurisdiction.key
    num = slug(citation.number) if citation.number else ""
    if num and key:
        return f"{VNID}doc/{key}/{_year(citation.date, citation.number)}/{num}"
    if num:
        return f"{VNID}doc/cited/{citing_sha256[:16]}/{num}"
    return f"{VNID}doc/cited/{citing_sha256[:16]}/c{index}"


_TRAILING_NOTE = re.compile(r"\s*\([^()]*\)\s*$")  # "UBND tỉnh (b/c)": the purpose, not the name


@lru_cache(maxsize=65536)
def _canonical_name(name: str) -> str:
    """The canonical name of a body before scoping (cached by name: one name, many jurisdictions)."""
    return canonical_org(_TRAILING_NOTE.sub("", name) or name)


@lru_cache(maxsize=65536)
def org_label(name: str, jurisdiction: Jurisdiction) -> str:
    """The scoped canonical name of a body: its ``skos:prefLabel`` and the source of its IRI."""
    return scope_org(_canonical_name(name), jurisdiction)


def org_iri(name: str, jurisdiction: Jurisdiction, sha256: str) -> str:
    """``vnid:org/{slug(scoped canonical name)}``, ``--{sha12}`` appended if the jurisdiction is unknown."""
    s = slug(org_label(name, jurisdiction)) or "unnamed"
    if not jurisdiction.known:
        s += f"--{sha256[:12]}"
    return f"{VNID}org/{s}"


@lru_cache(maxsize=65536)
def _org_terms(name: str, jurisdiction: Jurisdiction) -> tuple[str, str, str, str] | None:
    """What the node of a body depends on besides the source (cached: names recur across documents):
    its N-Triples IRI (for an unknown jurisdiction ending in ``--``, before the sha12 of the source),
    label, label as a literal and the name as written; None for no node (see ``_Graph._org_node``)."""
    if is_non_body(name):
        return None
    label = org_label(name, jurisdiction)
    if not slug(label):
        return None
    node = iri(org_iri(name, jurisdiction, ""))
    return node, label, _vi(label), " ".join(name.split())


def person_iri(name: str, jurisdiction: Jurisdiction, sha256: str) -> str:
    """``vnid:person/{slug(name)}/{jurisdiction}``; ``src-{sha12}`` for an unknown jurisdiction."""
    key = jurisdiction.key or f"src-{sha256[:12]}"
    return f"{VNID}person/{slug(name) or 'unnamed'}/{key}"


def passage_target(source: str, start: int, end: int) -> str:
    """The evidence target for ``[start, end)`` of a source: the source's N-Triples IRI ``<…>`` with an
    RFC 5147 ``text/plain`` fragment, ``<…#char=start,end>``."""
    return f"{source[:-1]}#char={start},{end}>"


def quote_sparql(target: str = "?t", text: str = "?text", out: str = "?ex") -> str:
    """SPARQL that binds ``out`` to the quoted words of a :func:`passage_target` IRI bound to
    ``target``, read from the source's ``vnkg:text`` bound to ``text`` (``?start``/``?end``-free:
    the offsets get private variable names derived from ``out``)."""
    r, s, e = f"{out}_r", f"{out}_start", f"{out}_end"
    return (
        f'BIND(STRAFTER(STR({target}), "#char=") AS {r}) '
        f'BIND(<http://www.w3.org/2001/XMLSchema#integer>(STRBEFORE({r}, ",")) AS {s}) '
        f'BIND(<http://www.w3.org/2001/XMLSchema#integer>(STRAFTER({r}, ",")) AS {e}) '
        f"BIND(SUBSTR({text}, {s} + 1, {e} - {s}) AS {out})"
    )


def _is_date(s: str | None) -> bool:
    if not s or len(s) != 10:
        return False
    try:
        date.fromisoformat(s)
    except ValueError:
        return False
    return True


# Bare names of collective organs that mean the issuer's own organ ("T/M Ban Thường vụ" under the
# header "Tỉnh ủy Cần Thơ" is the Ban Thường vụ Tỉnh ủy Cần Thơ).
# After K/T, T/L, T/U, Q. (KT., TL., TUQ.) the text usually names the head's position, not a body
# ("KT. CHỦ TỊCH"): on-behalf-of then points at that org:Post of the issuer.
_POSITION_HEADS = tuple(
    fold(s) + " "
    for s in ("Chủ tịch", "Bí thư", "Thủ tướng", "Bộ trưởng", "Giám đốc", "Trưởng", "Chánh", "Phó")
)
_BARE_ORGANS = frozenset(
    fold(s) for s in ("Ban Thường vụ", "Ban Chấp hành", "Thường trực", "Ban Cán sự đảng")
)


# ---------------------------------------------------------------------------------------------
# The writer
# ---------------------------------------------------------------------------------------------


class _Graph:
    """Collects the quads of one named graph; helpers mint nodes and their evidence."""

    def __init__(self, record: Record, text: str) -> None:
        self.record = record
        self.text = text
        self.n = len(text)
        self.sha = record.sha256
        self.sha16 = record.sha256[:16]
        self.sha12 = record.sha256[:12]
        self.g = iri(graph_iri(record.sha256))
        self.src = f"<{VNID}source/{record.sha256}>"
        self.lines: list[str] = []  # "s p o" (the graph and the full stop are added when joined)
        self.org_labels: dict[str, str] = {}
        # (name, jurisdiction), or the name in self.j -> node (None: no node): see org
        self.org_nodes: dict[str | tuple[str, Jurisdiction], str | None] = {}
        self.annotations: set[str] = set()
        self.j = _jurisdiction(record)

    def add(self, s: str, p: str, o: str) -> None:
        self.lines.append(f"{s} {p} {o}")

    # -- evidence -------------------------------------------------------------------------

    def evidence(self, node: str, span: Span | None) -> None:
        if not span:
            return
        start, end = span
        if not (0 <= start < end <= self.n):
            return
        a = f"<{VNID}evidence/{self.sha16}/{start}-{end}>"
        if a not in self.annotations:
            # Web Annotation whose target is the passage itself: the source IRI with an RFC 5147
            # fragment (text/plain, "char=start,end", the offsets of a Python slice of the
            # original text). One quad per passage instead of eleven for a SpecificResource with
            # position and quote selectors; the quote is SUBSTR of the source's vnkg:text, stored
            # once. Not written: oa:hasBody (vnkg:evidence is its owl:inverseOf) and the type
            # oa:Annotation (entailed by the domain of oa:hasTarget and the range of vnkg:evidence).
            self.annotations.add(a)
            self.lines.append(f"{a} {vc.T_OA_HAS_TARGET} {self.src[:-1]}#char={start},{end}>")
        self.lines.append(f"{node} {_P_EVIDENCE} {a}")

    # -- organisations and people ---------------------------------------------------------

    def org(
        self,
        name: str | None,
        jurisdiction: Jurisdiction,
        *,
        level: str | None = None,
        span: Span | None = None,
    ) -> str | None:
        if not name or not name.strip():
            return None
        # The same name again writes the same node, labels and names again: the lines are a set.
        # Keyed by the name alone in the document's own jurisdiction (most calls: no dataclass hash).
        key = name if jurisdiction is self.j else (name, jurisdiction)
        node = self.org_nodes.get(key, _MISSING)
        if node is _MISSING:
            node = self.org_nodes[key] = self._org_node(name, jurisdiction)
        if node is None:
            return None
        if level in vc.LEVELS:
            self.lines.append(f"{node} {_P_LEVEL} {vc.LEVELS[level]}")
        if span:
            self.evidence(node, span)
        return node

    def _org_node(self, name: str, jurisdiction: Jurisdiction) -> str | None:
        """The node of a body and its labels (see :meth:`org`); None when the name has no slug or is
        a note in a list of bodies ("Như trên", "Lưu: VT": kg/data/non_bodies.tsv)."""
        terms = _org_terms(name, jurisdiction)
        if terms is None:
            return None
        node, label, label_vi, written = terms
        if not jurisdiction.known:  # the node of _org_terms ends "--": the source's sha12 follows
            node = f"{node[:-1]}{self.sha12}>"
        lines = self.lines
        first = self.org_labels.get(node)
        if first is None:
            self.org_labels[node] = first = label
            lines.append(f"{node} {vc.T_TYPE} {vc.T_ORG_ORGANIZATION}")
            lines.append(f"{node} {vc.T_SKOS_PREF} {label_vi}")
            lines.append(f"{node} {_P_SEARCH_KEY} {literal(fold(label))}")
        elif first != label:
            lines.append(f"{node} {vc.T_SKOS_ALT} {label_vi}")
        if written != label and written != first:
            lines.append(f"{node} {vc.T_SKOS_ALT} {_vi(written)}")
        return node

    def person(self, name: str, positions: tuple[str, ...], span: Span | None) -> str | None:
        if not slug(name):
            return None
        node = iri(person_iri(name, self.j, self.sha))
        self.lines.append(f"{node} {vc.T_TYPE} {vc.T_FOAF_PERSON}")
        self.lines.append(f"{node} {vc.T_FOAF_NAME} {_vi(name)}")
        self.lines.append(f"{node} {V['searchKey']} {literal(fold(name))}")
        for p in positions:
            if p:
                self.lines.append(f"{node} {V['positionTitle']} {_vi(p)}")
        self.evidence(node, span)
        return node

    # -- documents ------------------------------------------------------------------------

    def doc_facts(
        self,
        node: str,
        *,
        number: str | None,
        type_: str | None,
        date_: str | None,
        title: str | None,
    ) -> None:
        self.lines.append(f"{node} {vc.T_TYPE} {vc.T_ELI_LEGAL_RESOURCE}")
        self.lines.append(f"{node} {vc.T_TYPE} {V['Document']}")
        if number:
            self.lines.append(f"{node} {vc.T_ELI_ID_LOCAL} {literal(number)}")
            self.lines.append(f"{node} {V['numberKey']} {literal(fold(number))}")
        dt = _doctype(type_)
        if dt:
            self.lines.append(f"{node} {vc.T_ELI_TYPE_DOCUMENT} {dt}")
        if _is_date(date_):
            assert date_ is not None
            self.lines.append(f"{node} {vc.T_ELI_DATE_DOCUMENT} {literal(date_, datatype=vc.T_XSD_DATE)}")
        if title:
            self.lines.append(f"{node} {vc.T_DCT_TITLE} {_vi(title)}")

    def citation(self, citing: str, c: Citation, index: str, citing_date: str | None = None) -> None:
        target = iri(citation_target_iri(c, self.sha, index))
        node = f"<{VNID}citation/{self.sha16}/{index}>"
        props = vc.RELATION_PROPERTIES.get(c.relation, vc.RELATION_PROPERTIES["cites"])
        self.lines.append(f"{node} {vc.T_TYPE} {V['Citation']}")
        self.lines.append(f"{node} {V['citingDocument']} {citing}")
        self.lines.append(f"{node} {V['citedDocument']} {target}")
        self.lines.append(f"{node} {V['relation']} {props[0]}")
        lag = _lag_days(citing_date, c.date)
        if lag is not None:
            self.lines.append(f'{node} {V["lagDays"]} "{lag}"^^<{_XSD_INTEGER}>')
        self.evidence(node, c.span)
        for m in c.mentions:  # short references to the same document ("Chỉ thị 16", "Kế hoạch nêu trên")
            self.evidence(node, m)
        for p in props:
            self.lines.append(f"{citing} {p} {target}")
        self.doc_facts(target, number=c.number, type_=c.type, date_=c.date, title=c.title)
        if c.jurisdiction.key:
            self.lines.append(f"{target} {V['jurisdictionKey']} {literal(c.jurisdiction.key)}")
        if c.issuer_level in vc.LEVELS:
            self.lines.append(f"{target} {V['level']} {vc.LEVELS[c.issuer_level]}")
        scoped = scoped_issuer(c)  # "Sở Xây dựng" printed, its node "Sở Xây dựng thành phố Hà Nội"
        issuer = self.org(scoped, c.jurisdiction, level=c.issuer_level)
        if issuer:
            self.lines.append(f"{target} {vc.T_ELI_PASSED_BY} {issuer}")
            if c.issuer and scoped != c.issuer:
                self.lines.append(f"{issuer} {vc.T_SKOS_ALT} {_vi(' '.join(c.issuer.split()))}")
        for k, sub in enumerate(c.cites, 1):
            self.citation(target, sub, f"{index}-{k}", c.date)

    def post(self, position: str, org_node: str) -> str | None:
        """``vnid:post/{org slug}/{slug(position)}``: an org:Post in the organisation."""
        ps = slug(position)
        if not ps:
            return None
        node = f"<{VNID}post/{org_node[len(VNID) + 5 : -1]}/{ps}>"
        self.lines.append(f"{node} {vc.T_TYPE} {vc.T_ORG_POST}")
        self.lines.append(f"{node} {vc.T_ORG_POST_IN} {org_node}")
        self.lines.append(f"{node} {vc.T_SKOS_PREF} {_vi(' '.join(position.split()))}")
        return node

    def on_behalf_of(self, name: str, issuer_node: str | None) -> str | None:
        r = self.record
        canon = canonical_org(name)
        if issuer_node and (fold(canon) + " ").startswith(_POSITION_HEADS):
            return self.post(canon, issuer_node)
        if r.issuer and issuer_node:
            if fold(r.issuer.name).startswith(fold(canon)):
                return issuer_node  # "TM. Ủy ban nhân dân" under "Ủy ban nhân dân tỉnh X"
            if fold(canon) in _BARE_ORGANS:
                node = self.org(f"{canon} {org_label(r.issuer.name, self.j)}", self.j)
                if node:
                    self.lines.append(f"{node} {vc.T_ORG_SUB} {issuer_node}")
                return node
        return self.org(name, self.j)


def _lag_days(citing: str | None, cited: str | None) -> int | None:
    """Days from the cited document's date to the citing one's, when both are valid dates."""
    if not (_is_date(citing) and _is_date(cited)):
        return None
    assert citing is not None and cited is not None
    return (date.fromisoformat(citing) - date.fromisoformat(cited)).days


def _parent_jurisdiction(j: Jurisdiction) -> Jurisdiction:
    if j.district:
        return Jurisdiction(province=j.province, national=j.national)
    return j


def _check_datetime(value: str) -> None:
    try:
        datetime.fromisoformat(value)
    except ValueError as e:
        raise ValueError(f"generated_at is not an xsd:dateTime: {value!r}") from e
    if "T" not in value:
        raise ValueError(f"generated_at is not an xsd:dateTime (no time): {value!r}")


_MISSING = object()
_P_LEVEL = V["level"]
_P_SEARCH_KEY = V["searchKey"]
_P_EVIDENCE = V["evidence"]

_XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_XSD_DECIMAL = "http://www.w3.org/2001/XMLSchema#decimal"


def _pages(w: _Graph, r: Record) -> None:
    """The pages of a paged source (``vnid:page/{sha16}/{n}``) and how OCR read it."""
    confidence = dict(zip(r.ocr.pages, r.ocr.page_confidence, strict=True)) if r.ocr else {}
    if r.ocr:
        w.lines.append(f"{w.src} {V['ocrEngine']} {literal(r.ocr.engine)}")
        w.lines.append(f"{w.src} {V['ocrLanguage']} {literal(r.ocr.language)}")
        w.lines.append(
            f"{w.src} {V['ocrConfidence']} {literal(f'{r.ocr.confidence:.1f}', datatype=_XSD_DECIMAL)}"
        )
    for n, (start, end) in enumerate(r.pages, 1):
        page = f"<{VNID}page/{w.sha16}/{n}>"
        w.lines.append(f"{w.src} {V['hasPage']} {page}")
        w.lines.append(f"{page} {vc.T_TYPE} {V['Page']}")
        w.lines.append(f"{page} {V['pageNumber']} {literal(str(n), datatype=_XSD_INTEGER)}")
        w.lines.append(f"{page} {V['pageStart']} {literal(str(start), datatype=_XSD_INTEGER)}")
        w.lines.append(f"{page} {V['pageEnd']} {literal(str(end), datatype=_XSD_INTEGER)}")
        if n in confidence:
            w.lines.append(
                f"{page} {V['ocrConfidence']} {literal(f'{confidence[n]:.1f}', datatype=_XSD_DECIMAL)}"
            )


def record_nquads(
    record: Record, text: str, source_id: str, *, generated_at: str, location: str | None = None
) -> str:
    """The N-Quads of one document's named graph ``vnid:graph/{record.sha256}`` (:func:`graph_iri`).

    ``text`` is the original decoded text the record's spans point into (evidence quotes are its
    slices); ``source_id`` the name the file is shown by (``vnkg:sourcePath``,
    :func:`kg.discover.source_id`); ``location`` where the file is (``vnkg:sourceLocation``, its real
    absolute path: how later builds find the graph of a changed or deleted file); ``generated_at`` an
    ISO 8601 date-time (``2024-05-01T12:00:00Z``) recorded as ``prov:endedAtTime``. Identical
    arguments give byte-identical output: lines sorted, duplicates removed.
    """
    from kg import __version__

    _check_datetime(generated_at)
    w = _Graph(record, text)
    ap = w.lines.append
    r = record
    d = iri(doc_iri(r))

    # provenance
    act = iri(graph_iri(record.sha256) + "#extraction")
    agent = f"<{VNID}agent/kg-{slug(__version__) or 'dev'}>"
    ap(f"{w.g} {vc.T_TYPE} {vc.T_PROV_ENTITY}")
    ap(f"{w.g} {vc.T_PROV_GENERATED_BY} {act}")
    ap(f"{act} {vc.T_TYPE} {vc.T_PROV_ACTIVITY}")
    ap(f"{act} {vc.T_PROV_USED} {w.src}")
    ap(f"{act} {vc.T_PROV_ASSOCIATED} {agent}")
    ap(f"{act} {vc.T_PROV_ENDED} {literal(generated_at, datatype=vc.T_XSD_DATETIME)}")
    ap(f"{agent} {vc.T_TYPE} {vc.T_PROV_SOFTWARE_AGENT}")
    ap(f"{agent} {vc.T_LABEL} {literal(f'kg {__version__}')}")
    ap(f"{agent} {vc.T_VERSION_INFO} {literal(__version__)}")
    ap(f"{w.src} {vc.T_TYPE} {vc.T_PROV_ENTITY}")
    ap(f"{w.src} {V['sha256']} {literal(r.sha256)}")
    ap(f"{w.src} {V['sourcePath']} {literal(source_id)}")
    if location:
        ap(f"{w.src} {V['sourceLocation']} {literal(location)}")
    ap(f"{w.src} {V['text']} {literal(text)}")  # evidence offsets count its characters
    _pages(w, r)

    # the document
    w.doc_facts(d, number=r.number, type_=r.type, date_=r.date, title=r.title)
    key_parts = [
        r.number,
        r.type,
        r.title,
        r.issuer.name if r.issuer else None,
        org_label(r.issuer.name, r.issuer.jurisdiction) if r.issuer else None,
        r.place,
    ]
    ap(f"{d} {V['searchKey']} {literal(fold(' | '.join(p for p in key_parts if p)))}")
    ap(f"{d} {V['hasSourceText']} {w.src}")
    if r.place:
        ap(f"{d} {V['placeOfIssue']} {_vi(r.place)}")
    for name in ("number", "type", "date", "place", "title"):
        if getattr(r, name) is not None:
            w.evidence(d, r.spans.get(name))
    if w.j.key:
        ap(f"{d} {V['jurisdictionKey']} {literal(w.j.key)}")

    issuer_node = None
    if r.issuer:
        iss = r.issuer
        if iss.level in vc.LEVELS:
            ap(f"{d} {V['level']} {vc.LEVELS[iss.level]}")
        issuer_node = w.org(iss.name, iss.jurisdiction, level=iss.level, span=iss.span)
        if issuer_node:
            ap(f"{d} {vc.T_ELI_PASSED_BY} {issuer_node}")
            parent = w.org(iss.parent, _parent_jurisdiction(iss.jurisdiction))
            if parent and parent != issuer_node:
                ap(f"{issuer_node} {vc.T_ORG_SUB} {parent}")

    sig = r.signatory
    if sig:
        if sig.capacity in vc.CAPACITIES:
            ap(f"{d} {V['signatureCapacity']} {vc.CAPACITIES[sig.capacity]}")
        if sig.on_behalf_of:
            obo = w.on_behalf_of(sig.on_behalf_of, issuer_node)
            if obo:
                ap(f"{d} {V['onBehalfOf']} {obo}")
        if sig.name:
            p = w.person(sig.name, (sig.position,) if sig.position else (), sig.span)
            if p:
                ap(f"{d} {V['signedBy']} {p}")
                post = w.post(sig.position, issuer_node) if sig.position and issuer_node else None
                if post:
                    ap(f"{p} {vc.T_ORG_HOLDS} {post}")

    for m in r.recipients:
        for name in m.parts or (m.text,):  # "các Bộ: Công an, Y tế": each ministry
            o = w.org(name, w.j, span=m.span)
            if o:
                ap(f"{d} {V['addressedTo']} {o}")
    for m in r.distribution:
        o = w.org(m.text, w.j, span=m.span)
        if o:
            ap(f"{d} {V['copiedTo']} {o}")

    for i, c in enumerate(r.citations, 1):
        w.citation(d, c, str(i), r.date)

    for i, ds in enumerate(r.directive_sources, 1):
        body = w.org(ds.body, w.j)
        if not body:
            continue
        node = f"<{VNID}direction/{w.sha16}/{i}>"
        props = vc.RELATION_PROPERTIES.get(ds.relation, vc.RELATION_PROPERTIES["cites"])
        ap(f"{node} {vc.T_TYPE} {V['DirectionReference']}")
        ap(f"{node} {V['citingDocument']} {d}")
        ap(f"{node} {V['directingBody']} {body}")
        ap(f"{node} {V['relation']} {props[0]}")
        w.evidence(node, ds.span)
        ap(f"{d} {V['followsDirectionsOf']} {body}")

    codes = _measure_codes()
    for i, ms in enumerate(r.measures, 1):
        if ms.concept not in codes:
            continue
        node = f"<{VNID}measure-instance/{w.sha16}/{i}>"
        ap(f"{node} {vc.T_TYPE} {V['MeasureInstance']}")
        ap(f"{node} {V['concept']} {f'<{_MEASURE}{ms.concept}>'}")
        ap(f"{d} {V['prescribes']} {node}")
        roles = (("assignedTo", ms.assigned_to), ("leadBody", ms.lead), ("supportBody", ms.support))
        for prop, bodies in roles:
            for b in bodies:
                o = w.org(b, w.j)
                if o:
                    ap(f"{node} {V[prop]} {o}")
                    if prop != "assignedTo":
                        ap(f"{node} {V['assignedTo']} {o}")
        for t in ms.targets:
            if t:
                ap(f"{node} {V['targetGroup']} {_vi(t)}")
        if ms.deadline:
            dl = ms.deadline
            ap(f"{node} {V['deadline']} {literal(dl, datatype=vc.T_XSD_DATE) if _is_date(dl) else _vi(dl)}")
        if ms.item:
            ap(f"{node} {V['item']} {literal(ms.item)}")
        if ms.cue:
            ap(f"{node} {V['cue']} {_vi(ms.cue)}")
        w.evidence(node, ms.span)

    for sl in r.slogans:
        s = slug(sl.text)
        if not s:
            continue
        node = f"<{VNID}slogan/{s}>"
        ap(f"{node} {vc.T_TYPE} {V['Slogan']}")
        ap(f"{node} {vc.T_TYPE} {vc.T_SKOS_CONCEPT}")
        ap(f"{node} {vc.T_SKOS_PREF} {_vi(sl.text)}")
        for code in sl.stands_for:
            if code in codes:
                ap(f"{node} {V['standsFor']} {f'<{_MEASURE}{code}>'}")
        ap(f"{d} {V['usesSlogan']} {node}")
        w.evidence(node, sl.span)

    for i, a in enumerate(r.assignments, 1):
        o = w.org(a.scoped or a.body, w.j)
        if not o:
            continue
        node = f"<{VNID}assignment/{w.sha16}/{i}>"
        ap(f"{node} {vc.T_TYPE} {V['Assignment']}")
        ap(f"{node} {V['assignedTo']} {o}")
        if a.role in vc.ROLES:
            ap(f"{node} {V['role']} {vc.ROLES[a.role]}")
        if a.item:
            ap(f"{node} {V['item']} {literal(a.item)}")
        if a.scoped and a.body != a.scoped:
            ap(f"{o} {vc.T_SKOS_ALT} {_vi(' '.join(a.body.split()))}")
        w.evidence(node, a.span)
        ap(f"{d} {V['hasAssignment']} {node}")
        ap(f"{d} {V['tasks']} {o}")

    for p in r.persons:
        node = w.person(p.name, p.positions, p.span)
        if node:
            ap(f"{d} {V['mentionsPerson']} {node}")

    if r.meeting:
        mt = r.meeting
        node = f"<{VNID}meeting/{w.sha16}>"
        ap(f"{node} {vc.T_TYPE} {V['Meeting']}")
        if _is_date(mt.date):
            assert mt.date is not None
            ap(f"{node} {vc.T_DCT_DATE} {literal(mt.date, datatype=vc.T_XSD_DATE)}")
        body = w.org(mt.body, w.j)
        if body:
            ap(f"{node} {V['heldBy']} {body}")
        ap(f"{d} {V['recordsMeeting']} {node}")
        w.evidence(node, mt.span)

    # Sorted without the common tail, the same order: when one "s p o" is a proper prefix of another,
    # the longer goes on with "@" or "^^" (a literal's language or datatype), after the tail's " ".
    tail = f" {w.g} .\n"
    return tail.join(sorted(set(w.lines))) + tail


# ---------------------------------------------------------------------------------------------
# The ontology as quads
# ---------------------------------------------------------------------------------------------

ONTOLOGY_FILES = ("vnkg.ttl", "measures.ttl", "doctypes.ttl")


@lru_cache(maxsize=1)
def ontology_nquads() -> str:
    """ontology/vnkg.ttl, measures.ttl and doctypes.ttl as N-Quads in ``vnid:graph/ontology`` (cached)."""
    from rdflib import BNode, Graph, Literal, URIRef

    g = iri(GRAPH_ONTOLOGY)
    lines: set[str] = set()

    def term(t: object) -> str:
        if isinstance(t, URIRef):
            return iri(str(t))
        if isinstance(t, Literal):
            return literal(str(t), t.language, str(t.datatype) if t.datatype else None)
        if isinstance(t, BNode):
            raise ValueError("blank node in the ontology files: give the node an IRI")
        raise TypeError(f"unexpected term {t!r}")

    for name in ONTOLOGY_FILES:
        graph = Graph().parse(ontology_path(name), format="turtle")
        for s, p, o in graph:
            lines.add(f"{term(s)} {term(p)} {term(o)} {g} .\n")
    return "".join(sorted(lines))
