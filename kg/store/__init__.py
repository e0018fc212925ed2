"""Stores behind one interface (see :class:`kg.store.base.Store`).

- :class:`OxigraphStore`: the embedded, persistent default (``--store DIR``);
- :class:`MemoryStore`: rdflib's in-memory Dataset (tests, baseline);
- :class:`EndpointStore`: any SPARQL 1.1 endpoint (``--endpoint URL``).
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.store.base import GraphInfo, QueryResult, Store, StoreError, Term, iri, literal
from kg.store.endpoint_store import EndpointStore
from kg.store.memory_store import MemoryStore
from kg.store.oxigraph_store import OxigraphStore

__all__ = [
    "DEFAULT_STORE",
    "EndpointStore",
    "GraphInfo",
    "MemoryStore",
    "OxigraphStore",
    "QueryResult",
    "Store",
    "StoreError",
    "Term",
    "default_store_dir",
    "iri",
    "literal",
    "open_store",
]

DEFAULT_STORE = ".kg/store"


def default_store_dir() -> Path:
    """``$KG_STORE`` if set, else ``.kg/store`` under the working directory."""
    return Path(os.environ.get("KG_STORE") or DEFAULT_STORE)


def open_store(
    store_dir: str | Path | None = None,
    endpoint: str | None = None,
    *,
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    memory: bool = False,
    read_only: bool = False,
) -> Store:
    """Open the store a command asked for: an endpoint, rdflib memory, or the embedded store.

    Arguments (command-line options) win over the environment (``KG_STORE``, ``KG_ENDPOINT``), which
    wins over ``kg.toml`` / ``$KG_CONFIG``; see :mod:`kg.config`. An endpoint gets the bearer token
    in ``$KG_ENDPOINT_TOKEN`` (``kg serve --writable`` prints one per run).
    """
    if memory and not endpoint:
        return MemoryStore()
    from kg.config import resolve

    cfg = resolve(store_dir, endpoint, update_endpoint, gsp_endpoint)
    if cfg.endpoint:
        token = os.environ.get("KG_ENDPOINT_TOKEN") or None
        return EndpointStore(cfg.endpoint, cfg.update_endpoint, cfg.gsp_endpoint, token=token)
    return OxigraphStore(cfg.store_dir, read_only=read_only)
