"""SPARQL shared by all stores to find which source file each named graph holds."""

from __future__ import annotations

from kg.store.base import GraphInfo, QueryResult

SOURCE_GRAPHS_QUERY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
SELECT ?g ?path ?sha WHERE {
  GRAPH ?g { ?g prov:wasGeneratedBy ?activity . ?activity prov:used ?src .
             ?src vnkg:sourcePath ?path ; vnkg:sha256 ?sha . }
}
"""


def graph_infos(res: QueryResult) -> dict[str, GraphInfo]:
    """The rows of :data:`SOURCE_GRAPHS_QUERY` as graph IRI → :class:`GraphInfo`."""
    return {
        g.value: GraphInfo(g.value, p.value, s.value)
        for g, p, s in res.rows
        if g is not None and p is not None and s is not None
    }
