"""File IO at the edge: strict UTF-8 reading, atomic writes and catalog locks.

Every file editions writes goes through :func:`atomic_write_text`, so a crash mid-write
leaves the previous file intact; catalogs are additionally guarded by :func:`catalog_lock`.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from editions.errors import CatalogConflictError, SourceError, WriteError


def read_utf8(path: Path) -> str:
    """Read a text file as strict UTF-8; invalid bytes raise with the line they are on."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror}", path=path) from exc
    return decode_utf8(data, path)


def decode_utf8(data: bytes, path: Path) -> str:
    """``data`` (read from ``path``) as strict UTF-8 without a byte-order mark."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise SourceError(
            f"invalid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            path=path,
            line=line,
            hint="re-save the file as UTF-8",
        ) from exc
    return text.removeprefix("\ufeff")


@dataclass(frozen=True, slots=True)
class OnDisk:
    """What a file held when it was read (``data`` None: it did not exist).

    Passed to a write as ``expected``, it makes the write a compare-and-swap: when the file
    holds something else just before the rename (an editor saved it meanwhile), nothing is
    replaced and :class:`CatalogConflictError` says so.
    """

    data: bytes | None
    stamp: FileStamp | None = field(default=None, compare=False)
    """The file's :func:`file_stamp` when it held ``data``, if :func:`settled`: while the file
    still has it, it was not written since, and the swap need not read it again."""

    @classmethod
    def read(cls, path: Path) -> OnDisk:
        try:
            return cls(path.read_bytes())
        except FileNotFoundError:
            return cls(None)
        except OSError as exc:
            raise SourceError(f"cannot read file: {exc.strerror}", path=path) from exc


FileStamp = tuple[int, int, int, int]
"""A file's identity and version: inode, size, modification and change times (ns)."""

STAMP_RESOLUTION_NS = 20_000_000
"""File times this close to now are not trusted to tell two versions apart (file systems
take them from a coarse clock: a second write within its tick can keep the same times)."""


def file_stamp(path: Path) -> FileStamp | None:
    """``path``'s :data:`FileStamp`, None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)


def settled(stamp: FileStamp) -> bool:
    """True when ``stamp``'s times are older than the clock's resolution: any later write
    gives the file other times (a change time cannot be set back), so a file still
    showing ``stamp`` holds what it held when the stamp was taken."""
    now = time.time_ns()
    return now - max(stamp[2], stamp[3]) >= STAMP_RESOLUTION_NS


def atomic_write_text(path: Path, text: str, *, expected: OnDisk | None = None) -> None:
    """Write ``text`` as UTF-8 with LF endings: temp file in the same folder, fsync, rename."""
    atomic_write_bytes(path, text.encode("utf-8"), expected=expected)


def atomic_write_bytes(path: Path, data: bytes, *, expected: OnDisk | None = None) -> None:
    """Replace ``path`` with ``data`` so readers see either the old or the new file, never half.

    With ``expected``, the file must still hold what was read, checked after the new bytes
    are safely on disk and right before the rename.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise WriteError(path, exc) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(tmp_name, path.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp_name, 0o644)
        if expected is not None and not _still_holds(path, expected):
            raise CatalogConflictError(
                "the file changed on disk while editions worked on it; nothing was written",
                path=path,
                hint="run the command again: it starts from the file as it is now",
            )
        os.replace(tmp_name, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        if isinstance(exc, OSError):
            raise WriteError(path, exc) from exc
        raise
    _fsync_directory(path.parent)


def _still_holds(path: Path, expected: OnDisk) -> bool:
    if expected.stamp is not None and file_stamp(path) == expected.stamp:
        return True
    return OnDisk.read(path) == expected


def write_if_changed(path: Path, text: str, *, expected: OnDisk | None = None) -> bool:
    """Atomically write ``text`` unless the file already holds exactly it; True when written."""
    data = text.encode("utf-8")
    current = expected if expected is not None else OnDisk.read(path)
    if current.data == data:
        return False
    atomic_write_bytes(path, data, expected=expected)
    return True


def remove_stale_temporaries(path: Path) -> None:
    """Delete temp files a killed write of ``path`` left behind (call under its lock)."""
    with contextlib.suppress(OSError):
        for leftover in path.parent.glob(f".{glob_escape(path.name)}.*.tmp"):
            with contextlib.suppress(OSError):
                leftover.unlink()


def glob_escape(name: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in name)


def _fsync_directory(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def lock_path_for(path: Path, lock_dir: Path | None) -> Path:
    """Where the lock of ``path`` lives: in ``lock_dir`` (the project's state folder, out of
    git's sight), or beside the file for catalogs outside any project."""
    if lock_dir is None:
        return path.with_name(f".{path.name}.lock")
    digest = hashlib.sha256(str(path.resolve()).encode("utf-8", "surrogateescape")).hexdigest()
    return lock_dir / f"{digest[:16]}-{path.name}.lock"


@contextlib.contextmanager
def catalog_lock(path: Path, lock_dir: Path | None = None) -> Iterator[None]:
    """Hold an exclusive advisory lock on ``path`` so two runs never write one catalog.

    Temp files that a killed earlier write of ``path`` left are removed once the lock is held.
    """
    lock_path = lock_path_for(path, lock_dir)
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(lock_path, exc) from exc
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise CatalogConflictError(
                    "another editions run is writing this catalog",
                    path=path,
                    hint="wait for the other run to finish, then run the command again",
                ) from exc
            raise
        remove_stale_temporaries(path)
        yield
    finally:
        os.close(fd)
