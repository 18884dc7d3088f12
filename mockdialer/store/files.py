"""``LogStorage``: the TinyDB storage of a DB file, shared by threads and processes, safe against crashes.

Files: the snapshot ``<db>`` (TinyDB's JSON layout, tables at the top, plus a ``_mockdialer`` entry
with the format version and a *generation*), the write log ``<db>.log`` (a header line with the
generation, then one JSON line per transaction: ``[[table, doc_id, document or null], ...]``) and the
lock file ``<db>.lock``. TinyDB's ``write(data)`` only changes memory; the store hands each committed
transaction's documents to ``append``, one ``os.write`` (and ``fdatasync`` when ``fsync``). ``flock``
on the lock file serialises transactions across processes; ``refresh`` reads the lines other
processes appended, or reloads when one of them compacted (the log's inode changed). Compaction and
the first start write a new snapshot through a temporary file and a rename, then a new log; a crash
can leave only a torn last log line (dropped) or a stale log or temporary file (ignored, removed).
"""

from __future__ import annotations

import fcntl
import glob
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from tinydb.storages import Storage

from ..config import StartupError

FORMAT_VERSION = 4
META = "_mockdialer"
COMPACT_BYTES = 1 << 20  # the log is folded into a new snapshot once larger than this and the snapshot

_encode = json.JSONEncoder(separators=(",", ":")).encode


class StoreError(StartupError, RuntimeError):
    """The DB file cannot be used; the message names the file and what to do."""


def _unusable(path: str, why: str) -> StoreError:
    return StoreError(
        f"mockdialer: the DB file {path} {why}. It was left as it is: move it away together with "
        f"{path}.log (or point MOCKDIALER_DB at a new file) and start again to re-seed."
    )


class LogStorage(Storage):
    def __init__(self, path: str, fsync: bool = False) -> None:
        self.path, self.fsync = path, fsync
        self.log_path = path + ".log"
        self._folder, name = os.path.split(os.path.abspath(path))
        self._temp_prefix = f".mockdialer-{name}."
        os.makedirs(self._folder, exist_ok=True)
        self._pid, self._lock_fd, self._log_fd = -1, -1, -1
        self._data: dict = {}
        self._gen = self._pos = self._snap_size = self._log_ino = 0
        with self.locked():
            pattern = os.path.join(glob.escape(self._folder), glob.escape(self._temp_prefix) + "*.tmp")
            for leftover in glob.glob(pattern):
                os.unlink(leftover)  # a crash mid-compaction; we hold the lock, so no one writes it now
            self._load()

    def read(self) -> dict:
        return self._data

    def write(self, data: dict) -> None:
        self._data = data  # memory only: the store appends each transaction with ``append``

    def close(self) -> None:
        for fd in (self._lock_fd, self._log_fd):
            if fd >= 0:
                os.close(fd)
        self._lock_fd = self._log_fd = -1

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The cross-process lock (a forked child opens its own: a shared file description shares it)."""
        if self._pid != os.getpid():
            if self._lock_fd >= 0:
                os.close(self._lock_fd)
            self._lock_fd = os.open(self.path + ".lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
            self._pid = os.getpid()
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _load(self) -> None:
        """Read the snapshot and replay its log (under the lock)."""
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError:
            raw = b""
        except OSError as exc:
            raise _unusable(self.path, f"cannot be read ({exc})") from exc
        log_gen = self._log_generation()
        if not raw.strip():
            self._data = {}
            self.compact(max(log_gen, 0) + 1)  # a log beside a removed snapshot is stale
            return
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _unusable(self.path, f"cannot be read ({exc})") from exc
        meta = data.pop(META, {}).get("format") if isinstance(data, dict) else None
        version = meta.get("version") if isinstance(meta, dict) else None
        if version != FORMAT_VERSION or not all(isinstance(t, dict) for t in data.values()):
            raise StoreError(
                f"mockdialer: the DB file {self.path} has format version {version!r}, this mockdialer "
                f"reads version {FORMAT_VERSION}. It was left as it is: move it away together with "
                f"{self.path}.log (or point MOCKDIALER_DB at a new file) and start again to re-seed."
            )
        self._data, self._gen, self._snap_size = data, meta.get("generation", 0), len(raw)
        if log_gen > self._gen:
            raise _unusable(self.path, f"is older than its write log {self.log_path}")
        if log_gen < self._gen:  # a crash between the snapshot's rename and the log's: its lines are in
            self._new_log()
        else:
            self._open_log()
            self._catch_up(final=True)

    def _log_generation(self) -> int:
        try:
            with open(self.log_path, "rb") as fh:
                header = fh.readline()
        except FileNotFoundError:
            return -1
        try:
            gen = json.loads(header)["generation"]
            assert isinstance(gen, int)
            return gen
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            raise _unusable(self.path, f"has a damaged write log {self.log_path} ({exc})") from exc

    def _open_log(self) -> None:
        if self._log_fd >= 0:
            os.close(self._log_fd)
        self._log_fd = os.open(self.log_path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
        self._log_ino = os.fstat(self._log_fd).st_ino
        self._pos = len(os.pread(self._log_fd, 4096, 0).partition(b"\n")[0]) + 1

    def _replace(self, target: str, payload: bytes) -> None:
        """Write ``target`` whole or not at all: a temporary file beside it, then a rename."""
        fd, tmp = tempfile.mkstemp(prefix=self._temp_prefix, suffix=".tmp", dir=self._folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                if self.fsync:
                    fh.flush()
                    os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        if self.fsync:
            dir_fd = os.open(self._folder, os.O_RDONLY)
            try:
                os.fsync(dir_fd)
            finally:
                os.close(dir_fd)

    def _new_log(self) -> None:
        header = _encode({"format": FORMAT_VERSION, "generation": self._gen})
        self._replace(self.log_path, header.encode() + b"\n")
        self._open_log()

    def compact(self, gen: int | None = None) -> None:
        """The whole state as a new snapshot generation, then an empty log (under the lock)."""
        self._gen = self._gen + 1 if gen is None else gen
        meta = {"format": {"version": FORMAT_VERSION, "generation": self._gen}}
        payload = _encode({META: meta, **self._data})
        self._replace(self.path, payload.encode())
        self._snap_size = len(payload)
        self._new_log()

    def _catch_up(self, final: bool) -> None:
        """Apply the whole lines appended since we last read. ``final`` (under the lock, so no one is
        writing): an unfinished last line is a write torn by a crash, and is cut off."""
        chunk = os.pread(self._log_fd, os.fstat(self._log_fd).st_size - self._pos, self._pos)
        end = chunk.rfind(b"\n") + 1
        for line in chunk[:end].splitlines():
            try:
                ops = json.loads(line)
            except ValueError as exc:
                raise _unusable(self.path, f"has a damaged write log {self.log_path} ({exc})") from exc
            for table, doc_id, doc in ops:
                if doc is None:
                    self._data.get(table, {}).pop(doc_id, None)
                else:
                    self._data.setdefault(table, {})[doc_id] = doc
        self._pos += end
        if final and end < len(chunk):
            os.ftruncate(self._log_fd, self._pos)

    def refresh(self, final: bool = False) -> None:
        """See what other processes wrote: their new log lines, or their new snapshot and log."""
        try:
            ino = os.stat(self.log_path).st_ino
        except FileNotFoundError:
            ino = None
        if ino != self._log_ino:
            if final:
                self._load()
            else:
                with self.locked():
                    self._load()
        elif os.fstat(self._log_fd).st_size != self._pos:
            self._catch_up(final)

    def append(self, ops: list) -> None:
        """One transaction's documents as one log line (under the lock, after ``refresh(final=True)``);
        returns once the OS has it (and the disk, with ``fsync``)."""
        line = _encode(ops).encode() + b"\n"
        try:
            if os.write(self._log_fd, line) != len(line):
                raise OSError(f"short write to {self.log_path}")
            if self.fsync:
                os.fdatasync(self._log_fd)
        except BaseException:
            os.ftruncate(self._log_fd, self._pos)
            raise
        self._pos += len(line)
        if self._pos > max(COMPACT_BYTES, self._snap_size):
            self.compact()
