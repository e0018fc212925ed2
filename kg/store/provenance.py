"""SPARQL shared by all stores to find which source file each named graph holds."""

from __future__ import annotations

from kg.store.base import GraphInfo, QueryResult

SOURCE_GRAPHS_QUERY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
SELECT ?g ?path ?sha ?version ?location WHERE {
  # One pattern per subquery, hash-joined (a third faster on Oxigraph than one group: this query is
  # most of the time of an unchanged re-build).
  { SELECT ?g ?src ?path WHERE { GRAPH ?g { ?src vnkg:sourcePath ?path } } }
  { SELECT ?g ?src ?sha WHERE { GRAPH ?g { ?src vnkg:sha256 ?sha } } }
  { SELECT ?g ?src WHERE { GRAPH ?g { ?g prov:wasGeneratedBy ?activity . ?activity prov:used ?src } } }
  # The version of kg that wrote the graph (its prov:SoftwareAgent's): a store built by another
  # version is extracted again.
  OPTIONAL {
    SELECT ?g ?version WHERE { GRAPH ?g { ?agent a prov:SoftwareAgent ; owl:versionInfo ?version } }
  }
  # Where the file was read from: a changed or deleted file's graph is found by it.
  OPTIONAL { SELECT ?g ?location WHERE { GRAPH ?g { ?s vnkg:sourceLocation ?location } } }
}
"""


def graph_infos(res: QueryResult) -> dict[str, GraphInfo]:
    """The rows of :data:`SOURCE_GRAPHS_QUERY` as graph IRI → :class:`GraphInfo`."""
    return {
        g.value: GraphInfo(
            g.value, p.value, s.value, v.value if v is not None else "", loc.value if loc is not None else ""
        )
        for g, p, s, v, loc in res.rows
        if g is not None and p is not None and s is not None
    }
