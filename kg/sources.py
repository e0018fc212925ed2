"""Which graph of the store belongs to which input file: the bookkeeping of an incremental build.

A source file's graph is named by its content (``vnid:graph/{sha256}``, :func:`kg.rdf.graph_iri`) and
records where the file is (``vnkg:sourceLocation``, its real absolute path). Nothing depends on the
working directory or on how the folder was named on the command line, so building ``seeds/`` from the
project and ``/abs/path/seeds`` from elsewhere is the same build. The rules, applied by
:func:`kg.build.build` through :class:`SourceIndex`:

- a file whose location holds a graph of its content, written by this kg version, is **unchanged**;
- a **changed** file gets the graph of its new content; the old graphs of its location are removed;
- a **moved** file (its content's graph records a location that no longer holds it) keeps its graph,
  written again with its new location and name;
- a **copy** (a content already in the store from a file that still has it, or met earlier in the same
  build) is skipped: one graph per content, so one document is not stored twice;
- a graph whose location lies under a folder being built and holds no file any more is **removed**.

Graphs written by kg before 0.2.2 are named after the path relative to the working directory and have
no location: their location is that path taken from the current working directory, and they are
replaced by the graph of the same content wherever it is rebuilt.
"""

from __future__ import annotations

import hashlib
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from kg.rdf import graph_iri
from kg.store.base import GraphInfo

__all__ = ["SourceIndex", "file_sha256", "info_location"]


def file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def info_location(info: GraphInfo) -> str:
    """Where a graph's file was read from (for graphs of kg < 0.2.2: their path from here)."""
    return info.location or os.path.realpath(info.source_path)


@dataclass
class SourceIndex:
    """The source graphs of a store, by location and by content, and what a build did with them."""

    existing: dict[str, GraphInfo]
    at: dict[str, list[GraphInfo]] = field(default_factory=lambda: defaultdict(list))
    with_sha: dict[str, list[GraphInfo]] = field(default_factory=lambda: defaultdict(list))
    kept: dict[str, str] = field(default_factory=dict)  # graph kept or written → its file as shown
    drop: set[str] = field(default_factory=set)  # graphs to remove once the new ones are written

    def __post_init__(self) -> None:
        for info in sorted(self.existing.values(), key=lambda i: i.graph):
            self.at[info_location(info)].append(info)
            self.with_sha[info.sha256].append(info)

    def unchanged(self, loc: str, digest: str | None, version: str) -> GraphInfo | None:
        """The graph that already holds the file at ``loc`` with content ``digest``, if any."""
        if digest is None:
            return None
        for info in self.at.get(loc, []):
            if info.sha256 == digest and info.version == version and info.graph == graph_iri(digest):
                return info
        return None

    def keep(self, info: GraphInfo, loc: str, shown: str) -> None:
        self.kept[info.graph] = shown
        self.drop.update(i.graph for i in self.at.get(loc, []) if i.graph != info.graph)

    def place(self, sha: str, loc: str, shown: str, building: set[str]) -> tuple[str, str | None]:
        """What to do with a freshly extracted file: ``("write", note)`` or ``("copy", reason)``.

        ``building``: the locations of every file of this build."""
        g = graph_iri(sha)
        old_here = [i.graph for i in self.at.get(loc, []) if i.graph != g]
        if g in self.kept:
            self.drop.update(old_here)
            return "copy", f"same content as {self.kept[g]}: one graph per content"
        holders = [i for i in self.with_sha.get(sha, []) if info_location(i) != loc]
        for info in holders:
            where = info_location(info)
            if where not in building and info.graph == g and _still_holds(where, sha):
                self.kept[g] = info.source_path
                self.drop.update(old_here)
                return (
                    "copy",
                    f"same content as {info.source_path} (already in the graph): one graph per content",
                )
        self.kept[g] = shown
        self.drop.update(old_here)
        # older graphs of this content under another name (kg < 0.2.2) give way to this one
        self.drop.update(i.graph for i in self.with_sha.get(sha, []) if i.graph != g)
        moved = [i.source_path for i in holders if not _still_holds(info_location(i), sha)]
        return "write", (f"moved from {moved[0]}" if moved else None)

    def failed(self, loc: str) -> None:
        """The file at ``loc`` cannot be read now: its old facts must not stay in the graph."""
        self.drop.update(i.graph for i in self.at.get(loc, []))

    def removals(self) -> list[str]:
        """Graphs to remove: replaced or failed ones, never one this build keeps."""
        return sorted(self.drop - set(self.kept))

    def stale(self, roots: Iterable[str], building: set[str]) -> list[GraphInfo]:
        """Graphs of files that were under one of ``roots`` (real paths of the folders built) and are
        gone: neither found by this build nor kept by it."""
        roots = [r.rstrip(os.sep) + os.sep for r in roots]
        out = []
        for info in sorted(self.existing.values(), key=lambda i: i.graph):
            where = info_location(info)
            if info.graph in self.kept or info.graph in self.drop or where in building:
                continue
            if any((where + os.sep).startswith(r) for r in roots):
                out.append(info)
        return out


def _still_holds(where: str, sha: str) -> bool:
    try:
        return os.path.isfile(where) and file_sha256(where) == sha
    except OSError:
        return False
