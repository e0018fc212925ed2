"""Export the graph in RDF serialisations (Turtle, TriG, N-Quads, N-Triples, JSON-LD)."""

from __future__ import annotations

from collections.abc import Iterator

from kg.store.base import Store

__all__ = ["RDF_FORMATS", "export_rdf"]

RDF_FORMATS = ("ttl", "trig", "nq", "nt", "jsonld")


def export_rdf(store: Store, fmt: str) -> Iterator[bytes]:
    """Serialise the store: ``ttl``, ``nt`` and ``jsonld`` carry the union of graphs, ``trig`` and ``nq``
    the named graphs."""
    if fmt not in RDF_FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; choose one of {', '.join(RDF_FORMATS)}")
    if fmt != "jsonld":
        yield from store.dump(fmt)
        return
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=b"".join(store.dump("nq")).decode("utf-8"), format="nquads")
    yield ds.serialize(format="json-ld", encoding="utf-8", auto_compact=True)
