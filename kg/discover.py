"""Turn command-line paths into the list of input files, reporting every problem instead of dropping it."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.read import SUPPORTED_SUFFIXES

__all__ = ["Found", "Problem", "discover", "display_path", "location", "source_id"]

# Files in folders that are documentation of the folder, not documents.
_NOT_DOCUMENTS = ("readme", "sources", "license", "changelog")


@dataclass(frozen=True)
class Found:
    path: Path
    shown: str  # the path as the user would recognise it
    root: Path | None = None  # the folder given on the command line it was found in (None: given itself)


@dataclass(frozen=True)
class Problem:
    shown: str
    reason: str
    status: str = "failed"  # failed | skipped


_UNDECODED = re.compile("[\udc80-\udcff]")


def display_path(path: str | os.PathLike[str]) -> str:
    """A path as text that can be printed, stored and sent anywhere: the bytes of a file name that
    are not UTF-8 (Python keeps them as lone surrogates) are written ``%XX`` ("bad\\xffname.txt"
    → "bad%FFname.txt"). Valid names are unchanged."""
    text = os.fspath(path)
    return _UNDECODED.sub(lambda m: f"%{ord(m.group()) - 0xDC00:02X}", text)


def source_id(path: Path, root: Path | None = None) -> str:
    """The name a source file is shown by (``vnkg:sourcePath``), the same wherever kg runs from: the
    path from the parent of the folder given on the command line (``seeds/003.txt`` for ``kg build
    seeds/`` or ``kg build /abs/seeds``), or the file's folder and name for a file given itself
    (``seeds/003.txt`` for ``kg build seeds/003.txt``). POSIX style, with the undecodable bytes of its
    name written as :func:`display_path` does."""
    absolute = Path(os.path.abspath(path))
    base = Path(os.path.abspath(root)) if root is not None else absolute.parent
    try:
        rel = absolute.relative_to(base).as_posix()
    except ValueError:
        return display_path(absolute.as_posix())
    return display_path(f"{base.name}/{rel}" if base.name else rel)


def location(path: Path) -> str:
    """Where a source file is on this machine (its real absolute path): how a later build recognises
    the file's graph to replace it when the file changes and to remove it when the file is deleted.
    Written as :func:`display_path` does (the graph stores it as text): a name that is not UTF-8 is
    recognised by that form."""
    return display_path(os.path.realpath(path))


def _is_document(name: str) -> bool:
    p = Path(name)
    return p.suffix.lower() in SUPPORTED_SUFFIXES - {""} and not p.stem.lower().startswith(_NOT_DOCUMENTS)


def _skip_reason(path: Path) -> str:
    """Why a file in a folder is not read as a document."""
    stem = path.stem.lower()
    if path.suffix.lower() in SUPPORTED_SUFFIXES - {""} and stem.startswith(_NOT_DOCUMENTS):
        kind = next(k for k in _NOT_DOCUMENTS if stem.startswith(k))
        return (
            f"named like a folder's {kind} file: notes about the folder, not a document "
            "(give the file itself to read it)"
        )
    return f"not a document type kg reads ({display_path(path.suffix) or 'no suffix'})"


def discover(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Found | Problem]:
    """Yield input files in a stable order; folders are walked recursively, symlink loops are cut."""
    seen: set[str] = set()
    for given in paths:
        p = Path(given)
        shown = display_path(given)
        if not p.exists() and not p.is_symlink():
            yield Problem(shown, "no such file or directory")
            continue
        if p.is_symlink() and not p.exists():
            yield Problem(shown, "broken symbolic link")
            continue
        if p.is_file():
            real = os.path.realpath(p)
            if real not in seen:
                seen.add(real)
                yield Found(p, shown)
            continue
        if not p.is_dir():
            yield Problem(shown, "not a regular file or directory")
            continue
        yield from _walk(p, seen)


def _walk(root: Path, seen: set[str]) -> Iterator[Found | Problem]:
    visited_dirs: set[str] = set()
    stack = [root]
    while stack:
        d = stack.pop()
        real = os.path.realpath(d)
        if real in visited_dirs:
            yield Problem(display_path(d), "symbolic link loop: directory already visited", "skipped")
            continue
        visited_dirs.add(real)
        try:
            entries = sorted(os.scandir(d), key=lambda e: e.name)
        except PermissionError:
            yield Problem(display_path(d), "permission denied: cannot list directory")
            continue
        except OSError as e:
            yield Problem(display_path(d), f"cannot list directory ({e.strerror or e})")
            continue
        subdirs: list[Path] = []
        for e in entries:
            if e.name.startswith("."):
                continue
            path = Path(e.path)
            shown = display_path(path)
            try:
                if e.is_dir(follow_symlinks=True):
                    subdirs.append(path)
                    continue
                if not e.is_file(follow_symlinks=True):
                    if e.is_symlink():
                        yield Problem(shown, "broken symbolic link")
                    else:
                        yield Problem(shown, "not a regular file (a pipe, socket or device)", "skipped")
                    continue
            except OSError as err:
                yield Problem(shown, f"cannot stat ({err.strerror or err})")
                continue
            if not _is_document(e.name):
                yield Problem(shown, _skip_reason(path), "skipped")
                continue
            r = os.path.realpath(path)
            if r in seen:
                continue
            seen.add(r)
            yield Found(path, shown, root)
        stack.extend(reversed(subdirs))
