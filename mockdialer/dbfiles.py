"""The files behind a DB-file store: a snapshot ``<db>``, an append-only write log ``<db>.log`` and a
lock file ``<db>.lock``, and what keeps them right across threads, processes and crashes.

Each transaction is one JSON line, written with one ``pwrite`` after the last; it is on disk
(fdatasync) before the caller answers, one flush shared by the writers that appended meanwhile (group
commit). The log file is grown in zeroed steps (``LOG_STEP``) ahead of its lines, so a flush writes a
line's data and no new file size (no filesystem journal commit per write); the lines end at the first
NUL byte. A crash can only leave the last line incomplete: it is recognised and zeroed. The log is
folded into a new snapshot (temporary file, fsync, rename, next *generation*) once it outgrows it.
``flock`` on the lock file serialises transactions across processes; the lock file's first 8 bytes
count every change any process made (shared through ``mmap``), as a sequence lock: odd while a change
is under way (or its process died in it), even once it is in the files. A read or transaction whose
count did not move touches no file; one whose count moved replays the new lines first (or reloads
after another process compacted), and a transaction that finds the count odd also zeroes a torn last
line. The snapshot carries the format version. See README, "Storage".
"""

from __future__ import annotations

import json
import mmap
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from . import gilcalls
from .config import StartupError

FORMAT_VERSION = 3
READABLE_VERSIONS = (1, 2, 3)  # 1: a snapshot without a write log; 2: a log without merge lines
MERGE = "merge"  # a log op [table, key, fields, "merge"]: fields written over the stored document
META_TABLE = "_mockdialer"
CHANGES_SIZE = 8  # bytes of the change count at the start of the lock file
COMPACT_MIN_BYTES = 1 << 20  # the log is folded into the snapshot once larger than this and the snapshot
LOG_STEP = 256 << 10  # the log file grows by this many zeroed bytes ahead of its lines
READ_STEP = 16 << 10  # the first read of new log lines (doubled until the zeroed space ahead shows)

_sync_data = getattr(os, "fdatasync", os.fsync)
_forks = 0  # forks this process is away from the one that imported us (a child reopens its descriptors)


def _forked() -> None:
    global _forks
    _forks += 1


os.register_at_fork(after_in_child=_forked)


class StoreError(StartupError, RuntimeError):
    """The DB file cannot be used; the message names the file and what to do."""


def _unusable(path: str, why: str) -> StoreError:
    return StoreError(
        f"mockdialer: the DB file {path} {why}. It was left as it is: move it away together with "
        f"{path}.log (or point MOCKDIALER_DB at a new file) and start again to re-seed."
    )


class _Waiter:
    """A writer waiting for a flush under way: its gate opens once its line is on disk, or with
    ``flushes`` set when it is to run the next flush."""

    __slots__ = ("line", "gate", "flushes")

    def __init__(self, line: int) -> None:
        self.line, self.flushes = line, False
        self.gate = threading.Lock()
        self.gate.acquire()


class DbFiles:
    """The files of one DB path, kept in step with ``mem`` (the store's tables, changed in place)."""

    def __init__(self, path: str, mem: dict[str, dict[str, dict]], fsync: bool) -> None:
        self.path, self.fsync = path, fsync
        self._mem = mem
        self._log_path, self._lock_path = path + ".log", path + ".lock"
        self._forks = -1  # the value of _forks this process's descriptors were opened at
        self._lock_fd = self._log_fd = -1
        self._changes: mmap.mmap | None = None
        self._seen = -1  # the change count this process's state reflects
        self._log_ino = self._log_pos = self._log_size = self._gen = self._snap_size = 0
        self._locked = False
        self.merges = False  # whether the log may hold merge ops (the snapshot is version 3)
        # group commit: log lines this process appended, how many of them are known to be on disk
        self._appended = self._flushed = 0
        self._flushing = False
        self._flush_lock = threading.Lock()  # the three above and the waiters
        self._waiters: list[_Waiter] = []
        self._fd_lock = threading.Lock()  # the log descriptor and the appended count, read together
        self._fd_users = 0  # flushes using the log descriptor: a compaction closes it only after them
        self._retired: list[int] = []
        self._folder = os.path.dirname(os.path.abspath(path))
        os.makedirs(self._folder, exist_ok=True)
        self._attach()
        with self.locked():
            self.load()

    def _attach(self) -> None:
        """Open the lock file in this process (again after a fork: a flock is shared with the parent)."""
        if self._forks == _forks:
            return
        for fd in (self._lock_fd, self._log_fd):  # inherited from the parent process, if any
            if fd >= 0:
                os.close(fd)
        self._forks = _forks
        self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        self._log_fd, self._log_ino = -1, 0  # reopened by the next _sync (full reload)
        for fd in self._retired:
            os.close(fd)
        self._fd_users, self._retired = 0, []
        # The lock file's 8 bytes count the changes every process made (log lines, compactions), shared
        # through mmap: a read that finds the count unchanged skips the log's stat altogether.
        if os.fstat(self._lock_fd).st_size < CHANGES_SIZE:
            os.ftruncate(self._lock_fd, CHANGES_SIZE)  # zeros; growing it twice changes nothing
        if self._changes is not None:
            self._changes.close()
        self._changes = mmap.mmap(self._lock_fd, CHANGES_SIZE)
        self._seen = -1

    @contextmanager
    def locked(self) -> Iterator[None]:
        """The cross-process lock (re-entrant within this process's transaction)."""
        if self._locked:
            yield
            return
        self._attach()  # after a fork, our own lock file description: a shared one shares the flock
        gilcalls.lock_exclusive(self._lock_fd)
        self._locked = True
        try:
            yield
        finally:
            self._locked = False
            gilcalls.unlock(self._lock_fd)

    def load(self) -> None:
        """Read the snapshot and replay the log (under the lock); the files are checked, never rewritten
        unless they are new or the log is stale (older generation than the snapshot)."""
        try:
            with open(self.path, "rb") as fh:
                raw = fh.read()
        except FileNotFoundError:
            raw = b""
        except OSError as exc:
            raise _unusable(self.path, f"cannot be read ({exc})") from exc
        if not raw.strip():
            gen = self._log_generation() + 1  # a log left beside a removed snapshot is stale
            self._mem.clear()
            self.write_snapshot(gen)
            return
        try:
            data = json.loads(raw)
        except (UnicodeDecodeError, ValueError) as exc:
            raise _unusable(self.path, f"cannot be read ({exc})") from exc
        meta = data.get(META_TABLE, {}).get("format") if isinstance(data, dict) else None
        version = meta.get("version") if isinstance(meta, dict) else None
        if version not in READABLE_VERSIONS or not all(isinstance(t, dict) for t in data.values()):
            raise StoreError(
                f"mockdialer: the DB file {self.path} has format version {version!r}, this "
                f"mockdialer reads version {FORMAT_VERSION}. It was left as it is: move it away (or "
                "point MOCKDIALER_DB at a new file) and start again to re-seed."
            )
        gen = meta.get("generation", 0)
        self.merges = version >= 3  # an older file takes whole documents until its next compaction
        data.pop(META_TABLE)
        self._mem.clear()
        self._mem.update(data)
        self._gen, self._snap_size = gen, len(raw)
        log_gen = self._log_generation()
        if log_gen > gen:
            raise _unusable(self.path, f"is older than its write log {self._log_path}")
        if log_gen < gen:
            self._begin_change()
            self._new_log(gen)
            self._end_change()
        else:
            self._open_log()
            self._replay(final=True)
            self._clear_ahead()
            if self._change_count() % 2:  # a process died mid-change: the replay zeroed its torn line
                self._end_change()

    def _log_generation(self) -> int:
        try:
            with open(self._log_path, "rb") as fh:
                header = fh.readline()
        except FileNotFoundError:
            return -1
        try:
            gen = json.loads(header)["generation"]
            assert isinstance(gen, int)
            return gen
        except (ValueError, KeyError, TypeError, AssertionError) as exc:
            raise _unusable(self.path, f"has a damaged write log {self._log_path} ({exc})") from exc

    def _open_log(self) -> None:
        fd = os.open(self._log_path, os.O_RDWR | os.O_CLOEXEC)
        with self._fd_lock:
            old, self._log_fd = self._log_fd, fd
            if old >= 0 and self._fd_users:  # a flush is using it: the last flush closes it
                self._retired.append(old)
                old = -1
        if old >= 0:
            os.close(old)
        header = os.pread(self._log_fd, 4096, 0)
        st = os.fstat(self._log_fd)
        self._log_ino, self._log_size = st.st_ino, st.st_size
        self._log_pos = header.index(b"\n") + 1

    def _replace_file(self, target: str, payload: bytes) -> None:
        fd, tmp = tempfile.mkstemp(prefix=".mockdialer-", suffix=".tmp", dir=self._folder)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(payload)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    def _new_log(self, gen: int) -> None:
        header = json.dumps({"format": FORMAT_VERSION, "generation": gen})
        self._replace_file(self._log_path, header.encode() + b"\n")
        dir_fd = os.open(self._folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self._open_log()

    def write_snapshot(self, gen: int | None = None) -> None:
        """Compaction: the whole state as generation ``gen`` (snapshot first, then an empty log: a crash
        in between leaves a log of an older generation, which is ignored)."""
        gen = self._gen + 1 if gen is None else gen
        self._begin_change()
        data = {META_TABLE: {"format": {"version": FORMAT_VERSION, "generation": gen}}, **self._mem}
        payload = json.dumps(data, separators=(",", ":")).encode()
        self._replace_file(self.path, payload)
        self._gen, self._snap_size = gen, len(payload)
        self.merges = True
        with self._flush_lock:  # every line appended so far is in the fsync'd snapshot
            self._flushed = max(self._flushed, self._appended)
        self._new_log(gen)
        self._end_change()

    def _replay(self, final: bool) -> None:
        """Apply what was appended to the log since we last looked. ``final`` (we hold the lock): an
        incomplete or unreadable last line is a write torn by a crash, and is zeroed."""
        chunk = self._unread()
        if not chunk:
            return
        lines = chunk.split(b"\n")
        tail = lines.pop()  # b"" when the chunk ends with a newline
        for i, line in enumerate(lines):
            try:
                ops = json.loads(line)["ops"]
            except (ValueError, KeyError, TypeError) as exc:
                if i < len(lines) - 1 or tail:
                    raise _unusable(self.path, f"has a damaged write log {self._log_path} ({exc})") from exc
                tail = line
                break
            for table, key, doc, *merge in ops:
                if doc is None:
                    self._mem.get(table, {}).pop(key, None)
                else:
                    docs = self._mem.setdefault(table, {})
                    docs[key] = {**docs.get(key, {}), **doc} if merge else doc
            self._log_pos += len(line) + 1
        if tail and final:
            self._zero(self._log_pos, len(tail))

    def _unread(self) -> bytes:
        """The log's bytes from our position to its end, the first NUL (or the end of the file)."""
        parts, at, step = [], self._log_pos, READ_STEP
        while True:
            block = os.pread(self._log_fd, step, at)
            end = block.find(b"\0")
            if end >= 0 or len(block) < step:
                parts.append(block if end < 0 else block[:end])
                return b"".join(parts)
            parts.append(block)
            at, step = at + step, step * 2

    def _zero(self, at: int, length: int) -> None:
        """Zero ``length`` bytes of the log from ``at`` (a torn line, or what follows the last line)."""
        os.pwrite(self._log_fd, bytes(length), at)
        _sync_data(self._log_fd)

    def _clear_ahead(self) -> None:
        """At load: the space past the last line must be zeros before anything is written there (a
        power cut can leave part of an unacknowledged line beyond its own first, unwritten, bytes)."""
        self._log_size = os.fstat(self._log_fd).st_size
        ahead = os.pread(self._log_fd, self._log_size - self._log_pos, self._log_pos)
        if ahead.strip(b"\0"):
            self._zero(self._log_pos, len(ahead))

    def _grow(self, end: int) -> None:
        """Zeros ahead of the lines up to past ``end``, in whole steps: a later line's flush then writes
        data only, no new file size (the zeros reach the disk with the next flush)."""
        self._log_size = os.fstat(self._log_fd).st_size  # another process may have grown it
        if end <= self._log_size:
            return
        size = (end // LOG_STEP + 1) * LOG_STEP
        os.pwrite(self._log_fd, bytes(size - self._log_size), self._log_size)
        self._log_size = size

    def sync(self) -> None:
        """See the other processes' writes: nothing to do when the change count did not move, the
        new lines when it did, a full reload when another process compacted it."""
        self._attach()
        changes = self._change_count()
        if changes == self._seen:  # only ever an even count: no change began since we looked
            return
        try:
            st = os.stat(self._log_path)
        except FileNotFoundError:
            st = None
        if st is None or st.st_ino != self._log_ino:
            with self.locked():
                self.load()
        else:
            self._replay(final=self._locked)
        if changes % 2 == 0:
            self._seen = changes
        elif self._locked:  # odd under the lock: a process died mid-change; the replay zeroed its torn line
            self._end_change()

    def _change_count(self) -> int:
        return int.from_bytes(self._changes[:CHANGES_SIZE], "little")

    def _set_change_count(self, count: int) -> None:
        self._changes[:CHANGES_SIZE] = count.to_bytes(CHANGES_SIZE, "little")

    def _begin_change(self) -> None:
        """Make the count odd before touching the files (under the file lock)."""
        count = self._change_count()
        if count % 2 == 0:
            self._set_change_count(count + 1)

    def _end_change(self) -> None:
        """Make the count even again once the change is in the files (under the file lock)."""
        count = self._change_count()
        count += 1 if count % 2 else 2
        self._set_change_count(count)
        self._seen = count

    def wait_durable(self, line: int) -> None:
        """Return once this process's ``line``-th log line is on disk: flush it (with every line appended
        meanwhile), or wait for the flush under way. A waiter is woken once: when its line is on disk,
        or to run the next flush itself."""
        with self._flush_lock:
            if self._flushed >= line:
                return
            waiter = None
            if self._flushing:
                waiter = _Waiter(line)
                self._waiters.append(waiter)
            else:
                self._flushing = True
        if waiter is not None:
            waiter.gate.acquire()
            if not waiter.flushes:
                return  # on disk; otherwise the finished flush handed the next one to us
        flushed = None
        try:
            with self._fd_lock:  # a consistent pair: what was appended, and the log holding it
                target, fd = self._appended, self._log_fd
                self._fd_users += 1
            try:
                _sync_data(fd)
                flushed = target
            finally:
                with self._fd_lock:
                    self._fd_users -= 1
                    retired = self._retired if not self._fd_users else []
                    if retired:
                        self._retired = []
                for old in retired:
                    os.close(old)
        finally:
            with self._flush_lock:
                if flushed is not None:
                    self._flushed = max(self._flushed, flushed)
                waiting = []
                for waiter in self._waiters:
                    if waiter.line <= self._flushed:
                        waiter.gate.release()
                    else:
                        waiting.append(waiter)
                self._flushing = bool(waiting)
                if waiting:  # the earliest line left runs the next flush
                    waiting.sort(key=lambda waiter: waiter.line)
                    nxt = waiting.pop(0)
                    nxt.flushes = True
                    nxt.gate.release()
                self._waiters = waiting

    def append(self, ops: list[str]) -> int:
        """Append one transaction's writes (JSON texts) as a log line, under ``locked()``; returns the
        number to give ``wait_durable`` (0: nothing to wait for). On failure the log is cut back."""
        line = ('{"ops":[' + ",".join(ops) + "]}\n").encode()
        self._begin_change()
        try:
            if self._log_pos + len(line) > self._log_size:
                self._grow(self._log_pos + len(line))
            written = gilcalls.pwrite(self._log_fd, line, self._log_pos)
            if written != len(line):
                raise OSError(f"short write to {self._log_path}")
        except BaseException:
            os.ftruncate(self._log_fd, self._log_pos)
            self._log_size = self._log_pos
            self._end_change()
            raise
        self._log_pos += len(line)
        with self._fd_lock:
            self._appended += 1
        self._end_change()
        if self._log_pos > max(COMPACT_MIN_BYTES, self._snap_size):
            self.write_snapshot(self._gen + 1)
        return self._appended if self.fsync else 0
