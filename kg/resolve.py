"""Resolve documents cited without a date to the dated document of the same number and jurisdiction.

A citation without a date mints ``doc/{jurisdiction}/nd/{number}`` (its year is unknown, and numbers
restart across years and terms). After a build, when exactly one dated document with that number and
jurisdiction exists, the undated node is linked to it with ``owl:sameAs`` and every edge pointing at the
undated node is repeated towards the dated one, in a graph of its own (``graph/resolution``) that is
recomputed after every build: document graphs stay untouched, so a document can still be re-extracted
alone, and the result is deterministic.
"""

from __future__ import annotations

from kg.store.base import Store, iri

__all__ = ["RESOLUTION_GRAPH", "resolve_undated"]

RESOLUTION_GRAPH = "https://w3id.org/vnkg/id/graph/resolution"
_SAME_AS = "http://www.w3.org/2002/07/owl#sameAs"

_CANDIDATES = """
PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX eli: <http://data.europa.eu/eli/ontology#>
SELECT DISTINCT ?nd ?dated WHERE {
  ?nd a vnkg:Document ; eli:id_local ?n ; vnkg:jurisdictionKey ?j .
  FILTER(CONTAINS(STR(?nd), "/id/doc/") && CONTAINS(STR(?nd), "/nd/"))
  ?dated a vnkg:Document ; eli:id_local ?n ; vnkg:jurisdictionKey ?j .
  FILTER(?dated != ?nd && !CONTAINS(STR(?dated), "/nd/") && !CONTAINS(STR(?dated), "/id/doc/src/"))
}
"""

# Edges that point at a document: the direct citation edges and the citation nodes.
_INCOMING = """
SELECT DISTINCT ?s ?p WHERE {
  ?s ?p ?nd .
  FILTER(?p IN (
    <https://w3id.org/vnkg/ontology#implements>, <https://w3id.org/vnkg/ontology#basedOn>,
    <https://w3id.org/vnkg/ontology#approves>, <https://w3id.org/vnkg/ontology#citedDocument>,
    <http://data.europa.eu/eli/ontology#cites>, <http://data.europa.eu/eli/ontology#based_on>,
    <http://data.europa.eu/eli/ontology#ensures_implementation_of>))
}
"""


def resolve_undated(store: Store) -> int:
    """Recompute the resolution graph; returns how many undated documents were resolved."""
    candidates: dict[str, set[str]] = {}
    for nd, dated in store.query(_CANDIDATES).rows:
        if nd is not None and dated is not None:
            candidates.setdefault(nd.value, set()).add(dated.value)
    lines: list[str] = []
    g = f"<{RESOLUTION_GRAPH}>"
    resolved = 0
    for nd, dated_set in sorted(candidates.items()):
        if len(dated_set) != 1:
            continue  # ambiguous: two documents with that number in that jurisdiction
        dated = next(iter(dated_set))
        resolved += 1
        lines.append(f"<{nd}> <{_SAME_AS}> <{dated}> {g} .\n")
        for s, p in store.query(_INCOMING, {"nd": iri(nd)}).rows:
            if s is not None and p is not None and s.kind == "iri":
                lines.append(f"<{s.value}> <{p.value}> <{dated}> {g} .\n")
    store.remove_graphs([RESOLUTION_GRAPH])
    if lines:
        store.replace_graphs({RESOLUTION_GRAPH: "".join(sorted(set(lines)))})
    return resolved
