"""SPARQL shared by all stores to find which source file each named graph holds."""

from __future__ import annotations

SOURCE_GRAPHS_QUERY = """
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX vnkg: <https://w3id.org/vnkg/ontology#>
SELECT ?g ?path ?sha WHERE {
  GRAPH ?g { ?g prov:wasGeneratedBy ?activity . ?activity prov:used ?src .
             ?src vnkg:sourcePath ?path ; vnkg:sha256 ?sha . }
}
"""
