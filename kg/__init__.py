"""kg: Vietnamese official directives into a queryable knowledge graph."""

from __future__ import annotations

__version__ = "0.2.2"

from kg.pipeline import extract_file, extract_text
from kg.read import ReadError, read_source
from kg.record import Record

__all__ = ["ReadError", "Record", "__version__", "extract_file", "extract_text", "read_source"]
