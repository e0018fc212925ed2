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

import multiprocessing
import multiprocessing.context
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

from kg import __version__
from kg.discover import Found, Problem, discover, location, source_id
from kg.ocr import may_need_ocr
from kg.pipeline import extract_source, extract_text
from kg.rdf import graph_iri, ontology_nquads, record_nquads
from kg.read import ReadError, read_source
from kg.sources import SourceIndex, file_sha256
from kg.store.base import Store
from kg.timelimit import DEFAULT_FILE_TIMEOUT, FileTimeout, time_limit

__all__ = ["BuildReport", "FileOutcome", "OcrSummary", "build", "generated_at_now", "process_file"]

ONTOLOGY_GRAPH = "https://w3id.org/vnkg/id/graph/ontology"
STATUSES = ("extracted", "partial", "unchanged", "failed", "skipped", "removed", "interrupted")


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
    status: str  # extracted | partial | unchanged | failed | skipped | removed | interrupted
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
    interrupted: bool = False  # Ctrl-C: the files not processed are ``interrupted``

    def counts(self) -> dict[str, int]:
        c = dict.fromkeys(STATUSES, 0)
        for o in self.outcomes:
            c[o.status] += 1
        return c

    @property
    def ok(self) -> bool:
        return not self.interrupted and not any(o.status == "failed" for o in self.outcomes)

    def to_json(self) -> dict[str, object]:
        return {
            "store": self.store,
            "seconds": round(self.seconds, 3),
            "interrupted": self.interrupted,
            "counts": self.counts(),
            "files": [asdict(o) for o in self.outcomes],
        }


def generated_at_now() -> str:
    """Extraction time for provenance; ``SOURCE_DATE_EPOCH`` fixes it for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.replace(microsecond=0).isoformat().replace("+00:00", "Z")


def process_file(
    path: str,
    shown: str,
    sid: str,
    generated_at: str,
    known_sha: str | None = None,
    timeout: float | None = DEFAULT_FILE_TIMEOUT,
) -> tuple[FileOutcome, str]:
    """Read, extract and map one file. Never raises: failures (a read, an extraction, the time limit)
    become a ``failed`` outcome naming the reason.

    ``sid`` is the name the file is shown by in the graph (:func:`kg.discover.source_id`); the graph is
    named by the file's content (:func:`kg.rdf.graph_iri`). The work takes at most ``timeout`` seconds,
    except the reading of images and PDFs (OCR takes seconds a page; its page renderings have time
    limits of their own): their extraction, once read, has the whole limit."""
    try:
        with time_limit(timeout):
            if known_sha is not None:
                digest = file_sha256(path)
                if digest == known_sha:
                    return FileOutcome(shown, "unchanged", sha256=digest, graph=graph_iri(digest)), ""
            src = None if may_need_ocr(path) else read_source(path)
        if src is None:
            src = read_source(path)  # may need OCR: outside the limit
        with time_limit(timeout):
            record = extract_source(src, shown)
            g = graph_iri(src.sha256)
            nquads = record_nquads(
                record, src.text, sid, generated_at=generated_at, location=location(Path(path))
            )
    except FileTimeout as e:
        return FileOutcome(shown, "failed", f"{e}; not extracted (raise --file-timeout to allow more)"), ""
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


def _process_chunk(
    chunk: list[Task], generated_at: str, timeout: float | None
) -> list[tuple[FileOutcome, str]]:
    """Worker side: a chunk of files → outcomes and N-Quads text (plain strings pickle fast)."""
    return [process_file(path, shown, sid, generated_at, timeout=timeout) for path, shown, sid in chunk]


def _die_with_parent() -> None:
    """Linux: ask for SIGTERM when the parent dies, so a killed build leaves no orphaned workers."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the parent died before the call: go now
            os._exit(1)
    except (OSError, AttributeError):
        pass


def _warm_up() -> None:
    """Worker initializer: leave Ctrl-C to the build process (it stops the workers and keeps what they
    finished); die with the parent; load the gazetteers once, not in the first document."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # blocked while it started
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


class _Stop:
    """Ctrl-C during a build: a request to stop, seen between two files. While the build process
    extracts a file itself (one job), the request also interrupts that file."""

    def __init__(self) -> None:
        self.requested = False
        self.in_file = False
        self._previous: object = None

    def _handler(self, _signum: int, _frame: object) -> None:
        self.requested = True
        if self.in_file:
            raise KeyboardInterrupt

    def __enter__(self) -> _Stop:
        if threading.current_thread() is threading.main_thread():
            self._previous = signal.signal(signal.SIGINT, self._handler)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._previous is not None:
            signal.signal(signal.SIGINT, self._previous)  # type: ignore[arg-type]


class _Extraction:
    """Outcomes of ``tasks`` as ``(index, outcome, N-Quads)``, the index into ``tasks``.

    One job: in this process, one file after another. More: chunks of files go to worker processes,
    at most a few chunks in flight, so memory stays bounded however slow the store is; a few files go
    to the workers too when some may need OCR (seconds a page), one file a chunk. A worker that
    dies (killed, out of memory) takes the chunks in flight with it: their files are then extracted
    one by one, each in a process of its own, so that only a file that kills its process fails, and
    the build goes on with new workers. A stop request (:class:`_Stop`) ends the iteration between
    two files; :meth:`finished` then hands over what the workers had already finished.
    """

    def __init__(self, tasks: list[Task], jobs: int, generated_at: str, timeout: float | None, stop: _Stop):
        self.tasks = tasks
        self.jobs = jobs
        self.generated_at = generated_at
        self.timeout = timeout
        self.stop = stop
        # A few files go to the workers too when some may need OCR (seconds a page), one file a chunk.
        self.slow = any(may_need_ocr(path) for path, _, _ in tasks)
        self.size = max(1 if self.slow else 4, min(64, len(tasks) // (max(jobs, 1) * 16)))
        self._pool: ProcessPoolExecutor | None = None
        self._pending: deque[tuple[int, Future[list[tuple[FileOutcome, str]]]]] = deque()
        self._next = 0  # start of the next chunk to submit

    def __iter__(self) -> Iterator[tuple[int, FileOutcome, str]]:
        if self.jobs <= 1 or (len(self.tasks) < 16 and not self.slow):
            yield from self._here()
        else:
            yield from self._parallel()

    def _here(self) -> Iterator[tuple[int, FileOutcome, str]]:
        for i, (path, shown, sid) in enumerate(self.tasks):
            if self.stop.requested:
                return
            try:
                self.stop.in_file = True
                result = process_file(path, shown, sid, self.generated_at, timeout=self.timeout)
            except KeyboardInterrupt:
                return
            finally:
                self.stop.in_file = False
            yield i, *result

    def _start_pool(self) -> None:
        # Workers start with Ctrl-C blocked, then ignore it (_warm_up): a Ctrl-C that comes while
        # they start cannot reach them.
        blocked = hasattr(signal, "pthread_sigmask")
        if blocked:
            old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._pool = ProcessPoolExecutor(
                max_workers=self.jobs, mp_context=_pool_context(), initializer=_warm_up
            )
            for _ in range(self.jobs * 3):
                if not self._submit():
                    break
        finally:
            if blocked:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)

    def _submit(self) -> bool:
        if self._next >= len(self.tasks) or self._pool is None:
            return False
        start = self._next
        self._next += self.size
        chunk = self.tasks[start : start + self.size]
        self._pending.append(
            (start, self._pool.submit(_process_chunk, chunk, self.generated_at, self.timeout))
        )
        return True

    def _parallel(self) -> Iterator[tuple[int, FileOutcome, str]]:
        self._start_pool()
        while self._pending:
            start, fut = self._pending[0]
            try:
                done = None
                while done is None:
                    if self.stop.requested:
                        return
                    try:
                        done = fut.result(timeout=0.25)
                    except TimeoutError:
                        continue
            except BrokenProcessPool:
                lost = [s for s, _ in self._pending]
                self._pending.clear()
                self._close_pool()
                for s in lost:
                    for i in range(s, min(s + self.size, len(self.tasks))):
                        if self.stop.requested:
                            return
                        yield i, *_isolated(self.tasks[i], self.generated_at, self.timeout)
                self._start_pool()
                continue
            self._pending.popleft()
            if not self.stop.requested:
                self._submit()
            for k, result in enumerate(done):  # finished work is handed over even after a stop
                yield start + k, *result

    def finished(self) -> list[tuple[int, FileOutcome, str]]:
        """After a stop: the outcomes of the chunks the workers had already finished."""
        out: list[tuple[int, FileOutcome, str]] = []
        for start, fut in self._pending:
            if fut.done() and not fut.cancelled() and fut.exception() is None:
                out.extend((start + k, *result) for k, result in enumerate(fut.result()))
        self._pending.clear()
        return out

    def _close_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = list(getattr(pool, "_processes", {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for p in processes:  # a worker still busy with a chunk nobody will read
            if p.is_alive():
                p.terminate()
        for p in processes:
            p.join(5)

    def close(self) -> None:
        self._close_pool()


def _isolated(task: Task, generated_at: str, timeout: float | None) -> tuple[FileOutcome, str]:
    """One file in a process of its own; if that process dies, the file fails with the reason."""
    path, shown, sid = task
    ctx = _pool_context() or multiprocessing.get_context()
    with ProcessPoolExecutor(max_workers=1, mp_context=ctx, initializer=_warm_up) as pool:
        try:
            return pool.submit(process_file, path, shown, sid, generated_at, None, timeout).result()
        except BrokenProcessPool:
            reason = "the extraction process died on this file (killed, or out of memory)"
            return FileOutcome(shown, "failed", reason), ""


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
    file_timeout: float | None = DEFAULT_FILE_TIMEOUT,
    progress: Callable[[FileOutcome, int], None] | None = None,
    on_start: Callable[[int], None] | None = None,
) -> BuildReport:
    """Extract ``paths`` (files or folders) into ``store``; see the module docstring.

    The provenance of the store is read once; unchanged files are recognised in this process by
    hashing (no worker is started when nothing changed); the others are extracted by ``jobs``
    processes and written in batches of ``batch_size`` graphs (each batch in one store call, every
    graph of it complete or absent), so neither the corpus nor its graph is held in memory.

    A file whose work takes longer than ``file_timeout`` seconds fails with that reason (see
    :func:`process_file`). Ctrl-C stops the build between two files: what was extracted is loaded, the
    other files are reported ``interrupted`` (``report.interrupted``), nothing is pruned, and the next
    build goes on from there.
    """
    t0 = time.perf_counter()
    paths = [str(p) for p in paths]
    generated_at = generated_at or generated_at_now()
    report = BuildReport(store=store.name)
    store.replace_graphs({ONTOLOGY_GRAPH: ontology_nquads()})
    index = SourceIndex(store.source_graphs())

    with _Stop() as stop:
        found: list[tuple[Found, str, str]] = []
        seen_at: dict[str, str] = {}  # location -> the file shown with it
        for item in discover(paths):
            if stop.requested:
                break
            if isinstance(item, Problem):
                report.outcomes.append(FileOutcome(item.shown, item.status, item.reason))
                continue
            assert isinstance(item, Found)
            try:
                sid, loc = source_id(item.path, item.root), location(item.path)
            except (OSError, ValueError) as e:
                report.outcomes.append(FileOutcome(item.shown, "failed", f"cannot name the file ({e})"))
                continue
            if loc in seen_at:
                # Two names that read the same once undecodable bytes are written %XX.
                reason = f"its name reads the same as {seen_at[loc]} (one of them is not UTF-8): rename one"
                report.outcomes.append(FileOutcome(item.shown, "failed", reason))
                continue
            seen_at[loc] = item.shown
            found.append((item, sid, loc))
        building = {loc for _, _, loc in found}
        loc_of = {item.shown: loc for item, _, loc in found}
        if on_start:
            on_start(len(found))

        done = 0
        tasks: list[Task] = []
        waiting: list[Task] = []  # not looked at when a stop came
        for item, sid, loc in found:
            task = (str(item.path), item.shown, sid)
            if stop.requested:
                waiting.append(task)
                continue
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
            tasks.append(task)
        del found

        writer = _Writer(store)
        replaced: list[str] = []
        batch: dict[str, str] = {}
        size = 0
        handled = [False] * len(tasks)
        extraction = _Extraction(tasks, jobs, generated_at, file_timeout, stop)

        def take(i: int, outcome: FileOutcome, nquads: str) -> None:
            nonlocal done, batch, size
            handled[i] = True
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

        try:
            try:
                for i, outcome, nquads in extraction:
                    take(i, outcome, nquads)
            except KeyboardInterrupt:  # the stop came just as a file of this process ended
                stop.requested = True
            if stop.requested:
                for i, outcome, nquads in extraction.finished():
                    if not handled[i]:
                        take(i, outcome, nquads)
            if batch:
                writer.replace(batch)
                batch = {}
            # Old graphs of changed, moved or unreadable files go once the new ones are written.
            replaced = index.removals()
            if replaced:
                writer.remove(replaced)
        finally:
            extraction.close()
            if batch:  # an error on the way: what was extracted is still loaded
                writer.replace(batch)
            writer.close()

    if stop.requested:
        report.interrupted = True
        for _path, shown, _sid in [t for i, t in enumerate(tasks) if not handled[i]] + waiting:
            report.outcomes.append(
                FileOutcome(shown, "interrupted", "not processed: the build was interrupted")
            )
    elif prune:
        roots = [location(Path(p)) for p in paths if Path(p).is_dir()]
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
    if not stop.requested and (
        counts["extracted"] or counts["partial"] or counts["removed"] or counts["failed"] or replaced
    ):
        from kg.resolve import resolve_undated

        resolve_undated(store)  # documents cited without a date → their dated namesake
    flush = getattr(store, "flush", None)
    if callable(flush):
        flush()
    report.seconds = time.perf_counter() - t0
    return report
