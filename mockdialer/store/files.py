"""``LogStorage``: TinyDB's storage of a DB file, shared by threads and processes, safe against crashes.

``<db>`` is the snapshot (TinyDB's JSON layout plus ``_mockdialer``: format version and generation),
``<db>.log`` the write log (a header with the generation, then a ``[[table, doc_id, document or null],
...]`` line per transaction), ``<db>.lock`` the lock file. A compaction writes a temporary file, renames
it, then a new log: a crash leaves a torn last line, a stale log or a temporary file, each dropped at start.

The cross-process lock is ``flock`` on a descriptor of ``<db>.lock`` that the storage keeps open, where
``fcntl`` exists (Linux, macOS); elsewhere (Windows) ``filelock``'s, so the package imports and runs where
``fcntl`` does not exist.
"""

from __future__ import annotations

import glob
import json
import os
import tempfile
import weakref
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

import orjson
from filelock import FileLock
from tinydb import storages

from ..config import StartupError


def _posix_locks():
    """The ``fcntl`` module where the OS has one (Linux, macOS), else None (Windows: ``filelock``)."""
    try:
        import fcntl
    except ImportError:
        return None
    return fcntl


fcntl = _posix_locks()

FORMAT_VERSION = 4
COMPACT_BYTES = 1 << 20  # the log is folded into a new snapshot once larger than this and the snapshot
LOCK_POLL = 0.001  # seconds between tries while another process holds the lock
CLOEXEC = getattr(os, "O_CLOEXEC", 0)  # Windows has none (its descriptors are not inherited anyway)
_datasync = getattr(os, "fdatasync", os.fsync)  # macOS and Windows have only fsync


def _pread(fd: int, size: int, offset: int) -> bytes:
    """``os.pread``, which Windows lacks (there: seek, then read; callers hold the store's lock)."""
    if hasattr(os, "pread"):
        return os.pread(fd, size, offset)
    os.lseek(fd, offset, os.SEEK_SET)
    return os.read(fd, size)

_standard_json = json.JSONEncoder(separators=(",", ":")).encode


def encode(value: object) -> bytes:
    """``value`` as compact JSON in UTF-8, as the snapshot and the log lines hold it. orjson refuses
    what the standard library writes and a stored body can hold (a lone surrogate, which it escapes; an
    integer past 64 bits), so those go the standard library's way."""
    try:
        return orjson.dumps(value)
    except TypeError:
        return _standard_json(value).encode()


def plain(value: object) -> object:
    """A copy of ``value`` as a reload has it: plain JSON types (a tuple becomes a list, and so on)."""
    try:
        return orjson.loads(orjson.dumps(value))
    except TypeError:  # what ``encode`` writes the standard library's way
        return json.loads(_standard_json(value))


_OPEN: weakref.WeakSet[LogStorage] = weakref.WeakSet()  # this process's storages, for a forked child


def _own_locks_in_child() -> None:
    """After a fork, each storage opens a lock descriptor of the child's own on its next lock: ``flock``
    belongs to the open file, so a descriptor shared with the parent would share the parent's lock."""
    for storage in list(_OPEN):
        storage._lock_fd = -1


if hasattr(os, "register_at_fork"):  # POSIX; Windows has no fork (and locks with filelock)
    os.register_at_fork(after_in_child=_own_locks_in_child)


class StoreError(StartupError, RuntimeError):
    """The DB file cannot be used; the message names the file and what to do."""


class LogStorage(storages.MemoryStorage):
    """TinyDB's data in memory (``write`` changes only that); the store gives ``append`` each transaction."""

    def __init__(self, path: str, fsync: bool = False) -> None:
        super().__init__()
        self.path, self.log_path, self.lock_path, self.fsync = path, path + ".log", path + ".lock", fsync
        self._folder, name = os.path.split(os.path.abspath(path))
        self._temp = f".mockdialer-{name}."
        os.makedirs(self._folder, exist_ok=True)
        self._log_fd = self._lock_fd = -1
        _OPEN.add(self)
        self._file_lock: FileLock | None = None  # where there is no fcntl: the lock held
        with self.locked():  # no one is compacting: a temporary file is a crashed compaction's
            for leftover in glob.glob(glob.escape(os.path.join(self._folder, self._temp)) + "*.tmp"):
                os.unlink(leftover)
            self._load()

    def _unusable(self, why: str) -> StoreError:
        return StoreError(
            f"mockdialer: the DB file {self.path} {why}. It was left as it is: move it away together with "
            f"{self.log_path} (or point MOCKDIALER_DB at a new file) and start again to re-seed."
        )

    def lock(self) -> None:
        """Take the cross-process lock (callers hold the store's thread lock); ``unlock`` gives it back.
        Its descriptor is this storage's and this process's: a forked child opens its own
        (``_own_locks_in_child``), so it and its parent exclude each other."""
        if fcntl is None:
            self._file_lock = FileLock(self.lock_path, poll_interval=LOCK_POLL, thread_local=False)
            self._file_lock.acquire()
            return
        if self._lock_fd < 0:
            self._lock_fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT | CLOEXEC, 0o644)
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)

    def unlock(self) -> None:
        if fcntl is None:
            self._file_lock.release()
        else:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    @contextmanager
    def locked(self) -> Iterator[None]:
        """``lock`` for the block."""
        self.lock()
        try:
            yield
        finally:
            self.unlock()

    def _load(self) -> None:
        """Read the snapshot and the lines of its log (under the lock)."""
        try:
            raw = Path(self.path).read_bytes() if os.path.exists(self.path) else b""
            data = json.loads(raw) if raw.strip() else {}
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
        except (OSError, ValueError) as exc:
            raise self._unusable(f"cannot be read ({exc})") from exc
        meta = data.pop("_mockdialer", {}).get("format", {})
        version = meta.get("version") if raw.strip() else FORMAT_VERSION
        if version != FORMAT_VERSION or not all(isinstance(t, dict) for t in data.values()):
            raise self._unusable(f"has format version {version!r}; this mockdialer reads {FORMAT_VERSION}")
        try:
            log_gen = self._open_log()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise self._unusable(f"has a damaged write log {self.log_path} ({exc})") from exc
        self.memory, self._gen, self._snap_size = data, meta.get("generation", log_gen), len(raw)
        if not raw.strip() or log_gen < self._gen:  # new, or a crash came between snapshot and log renames
            self.compact()
        elif log_gen > self._gen:
            raise self._unusable(f"is older than its write log {self.log_path}")
        else:
            self.refresh(final=True)

    def _open_log(self) -> int:
        """Open the write log (created empty if missing) after its header; returns its generation."""
        if self._log_fd >= 0:
            os.close(self._log_fd)
        self._log_fd = os.open(self.log_path, os.O_RDWR | os.O_APPEND | os.O_CREAT | CLOEXEC, 0o644)
        header = _pread(self._log_fd, 4096, 0).partition(b"\n")[0]
        self._pos = len(header) + 1
        return json.loads(header)["generation"] if header else -1

    def _replace(self, target: str, payload: bytes) -> None:
        """Write ``target`` whole or not at all: a temporary file beside it, then a rename."""
        fd, tmp = tempfile.mkstemp(prefix=self._temp, suffix=".tmp", dir=self._folder)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            if self.fsync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, target)

    def compact(self) -> None:
        """The whole state as the next snapshot generation, then an empty log (under the lock)."""
        self._gen += 1
        meta = {"format": {"version": FORMAT_VERSION, "generation": self._gen}}
        payload = encode({"_mockdialer": meta, **self.memory})
        self._replace(self.path, payload)
        if self._log_fd >= 0:  # Windows cannot replace a file this process holds open
            os.close(self._log_fd)
            self._log_fd = -1
        self._replace(self.log_path, encode({"format": FORMAT_VERSION, "generation": self._gen}) + b"\n")
        if self.fsync and os.name != "nt":  # a folder cannot be opened (nor synced) on Windows
            dir_fd = os.open(self._folder, os.O_RDONLY)
            os.fsync(dir_fd)
            os.close(dir_fd)
        self._snap_size = len(payload)
        self._open_log()

    def refresh(self, final: bool = False) -> None:
        """See what other processes wrote: their new snapshot (the log was replaced), or their whole new
        lines. ``final`` (under the lock, so no one is writing): a torn last line is a crash's, cut off."""
        log = os.fstat(self._log_fd)
        if log.st_nlink == 0:  # renamed over (a compaction) or deleted: the file at log_path is another
            with nullcontext() if final else self.locked():
                return self._load()
        size = log.st_size
        if size == self._pos:
            return
        chunk = _pread(self._log_fd, size - self._pos, self._pos)
        end = chunk.rfind(b"\n") + 1
        try:
            for table, doc_id, doc in (op for line in chunk[:end].splitlines() for op in json.loads(line)):
                if doc is None:
                    self.memory.get(table, {}).pop(doc_id, None)
                else:
                    self.memory.setdefault(table, {})[doc_id] = doc
        except ValueError as exc:
            raise self._unusable(f"has a damaged write log {self.log_path} ({exc})") from exc
        self._pos += end
        if final and end < len(chunk):
            os.ftruncate(self._log_fd, self._pos)

    def append(self, changed: Iterable[tuple[str, str]]) -> int | None:
        """The (table, doc id) documents as one log line, under the lock after ``refresh(final=True)`` (a
        short write is a torn line, cut by the next). With ``fsync``, returns a descriptor for ``flush``."""
        line = encode([[n, i, self.memory.get(n, {}).get(i)] for n, i in changed]) + b"\n"
        if os.write(self._log_fd, line) != len(line):
            raise OSError(f"short write to {self.log_path}")
        self._pos += len(line)
        if self._pos > max(COMPACT_BYTES, self._snap_size):
            self.compact()  # its files are synced, with ``fsync``
            return None
        return os.dup(self._log_fd) if self.fsync else None  # a compaction may close ours meanwhile

    @staticmethod
    def flush(fd: int) -> None:
        """Sync a line to disk outside the locks: writers that come meanwhile share one flush."""
        try:
            _datasync(fd)
        finally:
            os.close(fd)
