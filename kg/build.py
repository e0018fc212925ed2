"""Build the graph: discover files → extract (in parallel) → N-Quads → store, one named graph per file.

A file's graph is named by its content (``vnid:graph/{sha256}``, :func:`kg.rdf.graph_iri`) and records
where the file is (``vnkg:sourceLocation``), so the store is the same whatever folder or working
directory the build runs from. Incremental: a file whose graph at its location has its SHA-256 and this
version of kg is not extracted again; a changed file's new graph replaces its old one; a moved file
keeps its graph (written again with its new place); a second copy of a file is skipped (one graph per
content); graphs of files deleted from a built folder are removed. Every input ends up in the
:class:`BuildReport` exactly once.
"""

from __future__ import annotations

import itertools
import multiprocessing
import multiprocessing.context
import os
import queue
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.discover import Found, Problem, discover, location, source_id
from kg.ocr import IMAGE_SUFFIXES
from kg.pipeline import extract_source, extract_text
from kg.rdf import graph_iri, ontology_nquads, record_nquads
from kg.read import ReadError, read_source
from kg.sources import SourceIndex, file_sha256
from kg.store.base import Store

__all__ = ["BuildReport", "FileOutcome", "OcrSummary", "build", "generated_at_now", "process_file"]

ONTOLOGY_GRAPH = "https://w3id.org/vnkg/id/graph/ontology"
STATUSES = ("extracted", "partial", "unchanged", "failed", "skipped", "removed")


@dataclass(frozen=True)
class OcrSummary:
    """How OCR read a file: the record's ``ocr`` and how many pages Tesseract read in this build
    (``recognised``; the other pages came from the OCR cache)."""

    engine: str
    language: str
    confidence: float  # mean word confidence, 0-100
    pages: tuple[int, ...]
    page_confidence: tuple[float, ...]
    recognised: int


@dataclass(frozen=True)
class FileOutcome:
    path: str
    status: str  # extracted | partial | unchanged | failed | skipped | removed
    reason: str | None = None  # failed/skipped: why; partial: what was missing
    sha256: str | None = None
    number: str | None = None
    graph: str | None = None
    quads: int = 0
    ocr: OcrSummary | None = None  # set when pages were read by OCR


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
    """Read, extract and map one file. Never raises: failures become a ``failed`` outcome.

    ``sid`` is the name the file is shown by in the graph (:func:`kg.discover.source_id`); the graph is
    named by the file's content (:func:`kg.rdf.graph_iri`)."""
    try:
        if known_sha is not None:
            digest = file_sha256(path)
            if digest == known_sha:
                return FileOutcome(shown, "unchanged", sha256=digest, graph=graph_iri(digest)), ""
        src = read_source(path)
        record = extract_source(src, shown)
        g = graph_iri(src.sha256)
        nquads = record_nquads(
            record, src.text, sid, generated_at=generated_at, location=location(Path(path))
        )
    except ReadError as e:
        return FileOutcome(shown, "failed", e.reason), ""
    except OSError as e:
        return FileOutcome(shown, "failed", f"cannot read ({e.strerror or e})"), ""
    except Exception as e:  # a bug must not lose the batch; the reason names it
        return FileOutcome(shown, "failed", f"internal error: {type(e).__name__}: {e}"), ""
    status = "partial" if record.warnings else "extracted"
    reason = "; ".join(record.warnings) if record.warnings else None
    n = nquads.count("\n")
    ocr = None
    if record.ocr:
        o = record.ocr
        ocr = OcrSummary(o.engine, o.language, o.confidence, o.pages, o.page_confidence, src.ocr_recognised)
    return FileOutcome(shown, status, reason, src.sha256, record.number, g, n, ocr), nquads


Task = tuple[str, str, str]  # path, shown, source id


def _process_chunk(chunk: list[Task], generated_at: str) -> list[tuple[FileOutcome, str]]:
    """Worker side: a chunk of files → outcomes and N-Quads text (plain strings pickle fast)."""
    return [process_file(path, shown, sid, generated_at) for path, shown, sid in chunk]


def _die_with_parent() -> None:
    """Linux: ask for SIGTERM when the parent dies, so a killed build leaves no orphaned workers."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the call: go now
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _warm_up() -> None:
    """Worker initializer: die with the parent; load the gazetteers once, not in the first document."""
    _die_with_parent()
    try:
        extract_text("Số 1-CV/TU\nHà Nội, ngày 1 tháng 1 năm 2021\n", "<warm-up>")
    except Exception:  # only a warm-up; the real documents report their own failures
        pass


def _pool_context() -> multiprocessing.context.BaseContext | None:
    # fork starts workers in milliseconds with the gazetteers already imported; workers never touch
    # the store and leave with os._exit, so the parent's open store is not disturbed.
    if "fork" in multiprocessing.get_all_start_methods() and sys.platform != "darwin":
        return multiprocessing.get_context("fork")
    return None


def _may_need_ocr(path: str) -> bool:
    """Images and PDFs: files that may take seconds a page to read (OCR)."""
    return Path(path).suffix.lower() in IMAGE_SUFFIXES | {".pdf"}


def _results(tasks: list[Task], jobs: int, generated_at: str) -> Iterator[tuple[FileOutcome, str]]:
    """Outcomes in task order. With ``jobs > 1``: chunks of files go to worker processes, at most a
    few chunks in flight, so memory stays bounded however slow the store is. A few files go to the
    workers too when some may need OCR (seconds a page), one file a chunk."""
    slow = any(_may_need_ocr(path) for path, _, _ in tasks)
    if jobs <= 1 or (len(tasks) < 16 and not slow):
        for path, shown, sid in tasks:
            yield process_file(path, shown, sid, generated_at)
        return
    size = max(1 if slow else 4, min(64, len(tasks) // (jobs * 16)))
    chunks = (tasks[i : i + size] for i in range(0, len(tasks), size))
    with ProcessPoolExecutor(max_workers=jobs, mp_context=_pool_context(), initializer=_warm_up) as pool:
        pending: deque[Future[list[tuple[FileOutcome, str]]]] = deque()
        for chunk in itertools.islice(chunks, jobs * 3):
            pending.append(pool.submit(_process_chunk, chunk, generated_at))
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_process_chunk, nxt, generated_at))
            yield from done


class _Writer:
    """Applies store writes in order on one background thread, so extraction results keep flowing
    while a batch loads (Oxigraph releases the GIL while loading). At most ``depth`` batches wait."""

    def __init__(self, store: Store, depth: int = 2) -> None:
        self.store = store
        self.queue: queue.Queue[tuple[str, object] | None] = queue.Queue(maxsize=depth)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, name="kg-store-writer", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while True:
            item = self.queue.get()
            if item is None:
                return
            if self.error is not None:
                continue  # drain after a failure; the error is raised in the main thread
            op, arg = item
            try:
                if op == "replace":
                    self.store.replace_graphs(arg)  # type: ignore[arg-type]
                else:
                    self.store.remove_graphs(arg)  # type: ignore[arg-type]
            except BaseException as e:
                self.error = e

    def _check(self) -> None:
        if self.error is not None:
            raise self.error

    def replace(self, graphs: dict[str, str]) -> None:
        self._check()
        self.queue.put(("replace", graphs))

    def remove(self, graphs: list[str]) -> None:
        self._check()
        self.queue.put(("remove", graphs))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self._check()


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
    """Extract ``paths`` (files or folders) into ``store``; see the module docstring.

    The provenance of the store is read once; unchanged files are recognised in this process by
    hashing (no worker is started when nothing changed); the others are extracted by ``jobs``
    processes and written in batches of ``batch_size`` graphs (each batch in one store call, every
    graph of it complete or absent), so neither the corpus nor its graph is held in memory.
    """
    t0 = time.perf_counter()
    paths = [str(p) for p in paths]
    generated_at = generated_at or generated_at_now()
    report = BuildReport(store=store.name)
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_nquads()})
    index = SourceIndex(store.source_graphs())

    found: list[tuple[Found, str, str]] = []
    for item in discover(paths):
        if isinstance(item, Problem):
            report.outcomes.append(FileOutcome(item.shown, item.status, item.reason))
            continue
        assert isinstance(item, Found)
        found.append((item, source_id(item.path, item.root), location(item.path)))
    building = {loc for _, _, loc in found}
    loc_of = {item.shown: loc for item, _, loc in found}
    if on_start:
        on_start(len(found))

    done = 0
    tasks: list[Task] = []
    for item, sid, loc in found:
        # A graph written by another version of kg is extracted again: the extractor changed.
        if not force and index.at.get(loc):
            try:
                digest: str | None = file_sha256(str(item.path))
            except OSError:
                digest = None  # the worker reports why it cannot be read
            info = index.unchanged(loc, digest, __version__)
            if info is not None:
                index.keep(info, loc, item.shown)
                done += 1
                outcome = FileOutcome(item.shown, "unchanged", sha256=digest, graph=info.graph)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome, done)
                continue
        tasks.append((str(item.path), item.shown, sid))
    del found

    writer = _Writer(store)
    replaced: list[str] = []
    batch: dict[str, str] = {}
    size = 0
    try:
        for outcome, nquads in _results(tasks, jobs, generated_at):
            done += 1
            loc = loc_of[outcome.path]
            if outcome.status in {"extracted", "partial"} and outcome.graph and outcome.sha256:
                action, note = index.place(outcome.sha256, loc, outcome.path, building)
                if action == "copy":
                    outcome = FileOutcome(
                        outcome.path, "skipped", note, outcome.sha256, outcome.number, outcome.graph
                    )
                else:
                    if note:
                        outcome = replace(outcome, reason="; ".join(x for x in (outcome.reason, note) if x))
                    batch[outcome.graph] = nquads  # type: ignore[index]
                    size += len(nquads)
                    if len(batch) >= batch_size or size > 16_000_000:
                        writer.replace(batch)
                        batch, size = {}, 0
            elif outcome.status == "failed":
                index.failed(loc)
            report.outcomes.append(outcome)
            if progress:
                progress(outcome, done)
        if batch:
            writer.replace(batch)
        # Old graphs of changed, moved or unreadable files go once the new ones are written.
        replaced = index.removals()
        if replaced:
            writer.remove(replaced)
    finally:
        writer.close()

    if prune:
        roots = [os.path.realpath(p) for p in paths if Path(p).is_dir()]
        stale = index.stale(roots, building)
        if stale:
            store.remove_graphs(info.graph for info in stale)
            for info in stale:
                report.outcomes.append(
                    FileOutcome(
                        info.source_path, "removed", "file no longer exists", info.sha256, graph=info.graph
                    )
                )
    counts = report.counts()
    if counts["extracted"] or counts["partial"] or counts["removed"] or counts["failed"] or replaced:
        from kg.resolve import resolve_undated

        resolve_undated(store)  # documents cited without a date → their dated namesake
    flush = getattr(store, "flush", None)
    if callable(flush):
        flush()
    report.seconds = time.perf_counter() - t0
    return report
