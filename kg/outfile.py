"""Write output files safely: whole or not at all, never through a symbolic link, never into a store.

Every command that writes files (``kg export -o``, ``kg netexport --out``, ``kg viz --out``) goes
through :func:`atomic_output`: the content goes to a temporary file in the same folder, which is
renamed over the target only when everything was written. A failed export leaves what was there
before; a symbolic link at the target is replaced, not followed; a target inside a store directory
(the store in use, or any folder that holds an embedded store) is refused before anything is written.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from kg.discover import display_path

__all__ = ["OutputError", "atomic_output", "check_target", "prepare_folder"]


class OutputError(Exception):
    """An output file or folder that cannot be written; the message names it and says why."""


def _is_store_dir(folder: Path) -> bool:
    """A folder that holds an embedded store (RocksDB: CURRENT, IDENTITY and a MANIFEST)."""
    try:
        return (folder / "CURRENT").is_file() and (folder / "IDENTITY").is_file()
    except OSError:
        return False


def _os_reason(e: OSError) -> str:
    if e.errno == errno.EROFS:
        return "the file system is read-only"
    if e.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if e.errno == errno.ENOSPC:
        return "no space left on the device"
    return e.strerror or str(e)


def _store_around(folder: Path, stores: Iterable[str | os.PathLike[str] | None]) -> Path | None:
    """The store directory that is ``folder`` or holds it (one of ``stores``, or any folder that
    holds an embedded store), or None."""
    protected = [Path(os.path.realpath(s)) for s in stores if s]
    real = Path(os.path.realpath(folder))
    for f in [Path(os.path.abspath(folder)), real, *real.parents]:
        if f in protected or _is_store_dir(f):
            return f
    return None


def check_target(path: str | os.PathLike[str], stores: Iterable[str | os.PathLike[str] | None] = ()) -> Path:
    """Refuse ``path`` when it lies inside a store directory (one of ``stores``, or any folder that
    holds an embedded store): writing there could overwrite the store's own files."""
    target = Path(os.path.abspath(path))
    store = _store_around(target.parent, stores)
    if store is not None:
        raise OutputError(
            f"{display_path(path)}: inside the store directory {display_path(store)}; "
            "write the output somewhere else"
        )
    return target


def prepare_folder(
    folder: str | os.PathLike[str], stores: Iterable[str | os.PathLike[str] | None] = ()
) -> Path:
    """Create ``folder`` (and its parents) for output files, or say why it cannot be."""
    out = Path(folder)
    store = _store_around(out, stores)
    if store is not None:
        where = (
            "is a store directory"
            if store == Path(os.path.abspath(out))
            else f"is inside the store directory {display_path(store)}"
        )
        raise OutputError(f"{display_path(out)}: {where}; write the output somewhere else")
    if out.exists() and not out.is_dir():
        raise OutputError(f"{display_path(out)}: is a file, not a folder; choose a folder for the output")
    try:
        out.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        bad = next((p for p in [out, *out.parents] if p.exists() and not p.is_dir()), out)
        raise OutputError(
            f"{display_path(out)}: cannot create the folder: {display_path(bad)} is a file"
        ) from None
    except OSError as e:
        raise OutputError(f"{display_path(out)}: cannot create the folder: {_os_reason(e)}") from None
    return out


@contextmanager
def atomic_output(
    path: str | os.PathLike[str],
    mode: str = "wb",
    *,
    stores: Iterable[str | os.PathLike[str] | None] = (),
    encoding: str | None = None,
    newline: str | None = None,
) -> Iterator[IO[Any]]:
    """A file object whose content replaces ``path`` when the ``with`` body ends without error.

    The temporary file lives in the target's folder (so the rename is atomic) and is removed on any
    error; the target keeps its permissions, or gets the usual ones for a new file.
    """
    target = check_target(path, stores)
    shown = display_path(path)
    folder = target.parent
    if not folder.is_dir():
        what = "does not exist" if not folder.exists() else "is a file, not a folder"
        raise OutputError(f"{shown}: cannot write: the folder {display_path(folder)} {what}")
    if target.is_dir() and not target.is_symlink():
        raise OutputError(f"{shown}: is a folder; give a file name")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as e:
        raise OutputError(f"{shown}: cannot write: {_os_reason(e)}") from None
    try:
        with os.fdopen(fd, mode, encoding=encoding, newline=newline) as fh:
            os.chmod(tmp, _mode_for(target))
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)  # a symbolic link at the target is replaced, not written through
    except BaseException as e:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(e, OSError):
            raise OutputError(f"{shown}: cannot write: {_os_reason(e)}") from None
        raise


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or those of a new file (0666 less the umask)."""
    try:
        st = os.stat(target, follow_symlinks=False)
        if not target.is_symlink():
            return st.st_mode & 0o777
    except OSError:
        pass
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
