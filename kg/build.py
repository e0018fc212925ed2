"""Build the graph: discover files → extract (in parallel) → N-Quads → store, one named graph per file.

Incremental: a file whose SHA-256 equals the one recorded in its graph's provenance is not extracted
again; a changed file replaces its own graph only; graphs of files deleted from a built folder are
removed. Every input ends up in the :class:`BuildReport` exactly once.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from kg.discover import Found, Problem, discover, source_id
from kg.pipeline import extract_text
from kg.rdf import graph_iri, ontology_nquads, record_nquads
from kg.read import ReadError, read_source
from kg.store.base import Store

__all__ = ["BuildReport", "FileOutcome", "build", "generated_at_now", "process_file"]

ONTOLOGY_GRAPH = "https://w3id.org/vnkg/id/graph/ontology"
STATUSES = ("extracted", "partial", "unchanged", "failed", "skipped", "removed")


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # extracted | partial | unchanged | failed | skipped | removed
    reason: str | None = None  # failed/skipped: why; partial: what was missing
    sha256: str | None = None
    number: str | None = None
    graph: str | None = None
    quads: int = 0


@dataclass
class BuildReport:
    outcomes: list[FileOutcome] = field(default_factory=list)
    seconds: float = 0.0
    store: str = ""

    def counts(self) -> dict[str, int]:
        c = dict.fromkeys(STATUSES, 0)
        for o in self.outcomes:
            c[o.status] += 1
        return c

    @property
    def ok(self) -> bool:
        return not any(o.status == "failed" for o in self.outcomes)

    def to_json(self) -> dict[str, object]:
        return {
            "store": self.store,
            "seconds": round(self.seconds, 3),
            "counts": self.counts(),
            "files": [asdict(o) for o in self.outcomes],
        }


def generated_at_now() -> str:
    """Extraction time for provenance; ``SOURCE_DATE_EPOCH`` fixes it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def process_file(
    path: str, shown: str, sid: str, generated_at: str, known_sha: str | None = None
) -> tuple[FileOutcome, str]:
    """Read, extract and map one file. Never raises: failures become a ``failed`` outcome."""
    g = graph_iri(sid)
    try:
        if known_sha is not None:
            with open(path, "rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
            if digest == known_sha:
                return FileOutcome(shown, "unchanged", sha256=digest, graph=g), ""
        src = read_source(path)
        record = extract_text(src.text, shown, src.sha256, src.encoding, src.warnings)
        nquads = record_nquads(record, src.text, sid, generated_at=generated_at)
    except ReadError as e:
        return FileOutcome(shown, "failed", e.reason, graph=g), ""
    except OSError as e:
        return FileOutcome(shown, "failed", f"cannot read ({e.strerror or e})", graph=g), ""
    except Exception as e:  # noqa: BLE001 - a bug must not lose the batch; the reason names it
        return FileOutcome(shown, "failed", f"internal error: {type(e).__name__}: {e}", graph=g), ""
    status = "partial" if record.warnings else "extracted"
    reason = "; ".join(record.warnings) if record.warnings else None
    n = nquads.count("\n")
    return FileOutcome(shown, status, reason, src.sha256, record.number, g, n), nquads


def _process_args(args: tuple[str, str, str, str, str | None]) -> tuple[FileOutcome, str]:
    return process_file(*args)


def _results(
    tasks: list[tuple[str, str, str, str, str | None]], jobs: int
) -> Iterator[tuple[FileOutcome, str]]:
    if jobs <= 1 or len(tasks) < 8:
        for t in tasks:
            yield process_file(*t)
        return
    chunk = max(1, min(64, len(tasks) // (jobs * 8)))
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(_process_args, tasks, chunksize=chunk)


def build(
    paths: Iterable[str | os.PathLike[str]],
    store: Store,
    *,
    jobs: int = 1,
    force: bool = False,
    prune: bool = True,
    generated_at: str | None = None,
    batch_size: int = 256,
    progress: Callable[[FileOutcome, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildReport:
    """Extract ``paths`` (files or folders) into ``store``; see the module docstring."""
    t0 = time.perf_counter()
    paths = [str(p) for p in paths]
    generated_at = generated_at or generated_at_now()
    report = BuildReport(store=store.name)
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_nquads()})
    existing = store.source_graphs()
    by_path = {info.source_path: info for info in existing.values()}

    tasks: list[tuple[str, str, str, str, str | None]] = []
    seen_ids: set[str] = set()
    for item in discover(paths):
        if isinstance(item, Problem):
            report.outcomes.append(FileOutcome(item.shown, item.status, item.reason))
            continue
        assert isinstance(item, Found)
        sid = source_id(item.path)
        seen_ids.add(sid)
        known = None if force else (by_path[sid].sha256 if sid in by_path else None)
        tasks.append((str(item.path), item.shown, sid, generated_at, known))
    if on_start:
        on_start(len(tasks))

    batch: dict[str, str] = {}
    size = 0
    done = 0
    for outcome, nquads in _results(tasks, jobs):
        done += 1
        if outcome.status in {"extracted", "partial"} and outcome.graph:
            batch[outcome.graph] = nquads
            size += len(nquads)
            if len(batch) >= batch_size or size > 8_000_000:
                store.replace_graphs(batch)
                batch, size = {}, 0
        elif outcome.status == "failed" and outcome.graph and outcome.graph in existing:
            # The file is now unreadable: its old facts must not stay in the graph.
            store.remove_graphs([outcome.graph])
        report.outcomes.append(outcome)
        if progress:
            progress(outcome, done)
    if batch:
        store.replace_graphs(batch)

    if prune:
        roots = [Path(os.path.abspath(p)) for p in paths if Path(p).is_dir()]
        stale = [
            info
            for info in existing.values()
            if info.source_path not in seen_ids and _under_any(info.source_path, roots)
        ]
        if stale:
            store.remove_graphs(info.graph for info in stale)
            for info in stale:
                report.outcomes.append(
                    FileOutcome(info.source_path, "removed", "file no longer exists", info.sha256, graph=info.graph)
                )
    flush = getattr(store, "flush", None)
    if callable(flush):
        flush()
    report.seconds = time.perf_counter() - t0
    return report


def _under_any(source_path: str, roots: list[Path]) -> bool:
    p = Path(os.path.abspath(source_path))
    return any(p == r or r in p.parents for r in roots)
