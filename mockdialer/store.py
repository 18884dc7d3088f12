"""The one interface over TinyDB: tables of JSON documents keyed by string, namespaced by account.

Every vendor module reads and writes state through ``Store`` (or its account-scoped ``AccountView``)
and never touches TinyDB itself. TinyDB holds the state in memory (a table class whose writes are
O(1)); a DB file ``<db>`` is a snapshot plus an append-only write log ``<db>.log``: each transaction
is one JSON line, appended with one ``write`` and fsync'd (group commit) before the response is sent,
so write cost does not grow with the data. The log is compacted into the snapshot (temporary file,
fsync, rename) when it outgrows it. A lock file ``<db>.lock`` (``flock``) serialises transactions
across processes and holds a change count (``mmap``): a read whose count moved first replays what the
others appended, so several server processes share one DB without losing updates. See README,
"Storage".
"""

from __future__ import annotations

import fcntl
import json
import mmap
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table

from .config import MEMORY

FORMAT_VERSION = 2
READABLE_VERSIONS = (1, 2)  # version 1: a snapshot without a write log
META_TABLE = "_mockdialer"
SEQUENCES = "_sequences"
CHANGES_SIZE = 8  # bytes of the change count at the start of the lock file
COMPACT_MIN_BYTES = 1 << 20  # the log is folded into the snapshot once larger than this and the snapshot

_sync_data = getattr(os, "fdatasync", os.fsync)


class StoreError(RuntimeError):
    """The DB file cannot be used; the message names the file and what to do."""


class _Table(Table):
    """Keys are our own ids (``"<account>/<id>"``); a write touches one entry, never the whole table
    (TinyDB 4.9's ``_update_table`` rebuilds the table dict on every write)."""

    document_id_class = str

    def _update_table(self, updater) -> None:
        tables = self._storage.read()
        if tables is None:
            tables = {}
            self._storage.write(tables)
        updater(tables.setdefault(self.name, {}))
        self.clear_cache()

    def replace(self, key: str, doc: dict) -> None:
        self._update_table(lambda table: table.__setitem__(key, doc))


class _TinyDB(TinyDB):
    table_class = _Table


def _copy(value: Any) -> Any:
    """A copy of a JSON value (stored documents are never changed in place: snapshots share them)."""
    kind = type(value)
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}
    if kind is list:
        return [_copy(v) for v in value]
    return value


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() not in {"0", "false", "no", "off"}


def _unusable(path: str, why: str) -> StoreError:
    return StoreError(
        f"mockdialer: the DB file {path} {why}. It was left as it is: move it away together with "
        f"{path}.log (or point MOCKDIALER_DB at a new file) and start again to re-seed."
    )


class Store:
    """Documents in named tables (``"acefone.campaigns"``), keyed by string."""

    def __init__(self, path: str = MEMORY, *, fsync: bool | None = None) -> None:
        self.path = path
        self.fsync = _flag("MOCKDIALER_FSYNC", True) if fsync is None else fsync
        self._lock = threading.RLock()
        self._depth = 0
        self._undo: list[tuple[str | None, str | None, Any]] = []
        self._ops: list[str] = []  # this transaction's writes, as JSON text for the log line
        self._rewrite = False  # a restore: the transaction ends with a new snapshot instead of a log line
        # group commit: log lines this process appended, how many of them are known to be on disk
        self._appended = self._flushed = 0
        self._flushing = False
        self._flush_done = threading.Condition()
        self._db = _TinyDB(storage=MemoryStorage)
        self._mem: dict[str, dict[str, dict]] = {}
        self._db.storage.write(self._mem)
        self._file = path != MEMORY
        if self._file:
            self._log_path, self._lock_path = path + ".log", path + ".lock"
            self._pid = -1
            self._lock_fd = self._log_fd = -1
            self._changes: mmap.mmap | None = None
            self._seen = -1  # the change count this process's state reflects
            self._log_ino = self._log_pos = self._gen = self._snap_size = 0
            self._locked = False
            folder = os.path.dirname(os.path.abspath(path))
            os.makedirs(folder, exist_ok=True)
            self._folder = folder
            self._attach()
            with self._flock():
                self._load()

    # ----- files and the cross-process lock
    def _attach(self) -> None:
        """Open the lock file in this process (again after a fork: a flock is shared with the parent)."""
        if self._pid == os.getpid():
            return
        for fd in (self._lock_fd, self._log_fd):  # inherited from the parent process, if any
            if fd >= 0:
                os.close(fd)
        self._pid = os.getpid()
        self._lock_fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        self._log_fd, self._log_ino = -1, 0  # reopened by the next _sync (full reload)
        # The lock file's 8 bytes count the changes every process made (log lines, compactions), shared
        # through mmap: a read that finds the count unchanged skips the log's stat altogether.
        if os.fstat(self._lock_fd).st_size < CHANGES_SIZE:
            os.ftruncate(self._lock_fd, CHANGES_SIZE)  # zeros; growing it twice changes nothing
        if self._changes is not None:
            self._changes.close()
        self._changes = mmap.mmap(self._lock_fd, CHANGES_SIZE)
        self._seen = -1

    @contextmanager
    def _flock(self) -> Iterator[None]:
        if self._locked:
            yield
            return
        fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
        self._locked = True
        try:
            yield
        finally:
            self._locked = False
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)

    def _load(self) -> None:
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
            self._write_snapshot(gen)
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
        data.pop(META_TABLE)
        self._mem.clear()
        self._mem.update(data)
        self._gen, self._snap_size = gen, len(raw)
        log_gen = self._log_generation()
        if log_gen > gen:
            raise _unusable(self.path, f"is older than its write log {self._log_path}")
        if log_gen < gen:
            self._new_log(gen)
        else:
            self._open_log()
            self._replay(final=True)

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
        if self._log_fd >= 0:
            os.close(self._log_fd)
        self._log_fd = os.open(self._log_path, os.O_RDWR | os.O_APPEND | os.O_CLOEXEC)
        header = os.pread(self._log_fd, 4096, 0)
        self._log_ino = os.fstat(self._log_fd).st_ino
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

    def _write_snapshot(self, gen: int) -> None:
        """Compaction: the whole state as generation ``gen`` (snapshot first, then an empty log: a crash
        in between leaves a log of an older generation, which is ignored)."""
        data = {META_TABLE: {"format": {"version": FORMAT_VERSION, "generation": gen}}, **self._mem}
        payload = json.dumps(data, separators=(",", ":")).encode()
        self._replace_file(self.path, payload)
        self._gen, self._snap_size = gen, len(payload)
        with self._flush_done:  # every line appended so far is in the fsync'd snapshot
            self._flushed = max(self._flushed, self._appended)
        self._new_log(gen)
        self._count_change()

    def _replay(self, final: bool) -> None:
        """Apply what was appended to the log since we last looked. ``final`` (we hold the lock): an
        incomplete or unreadable last line is a write torn by a crash, and is cut off."""
        size = os.fstat(self._log_fd).st_size
        if size <= self._log_pos:
            return
        chunk = os.pread(self._log_fd, size - self._log_pos, self._log_pos)
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
            for table, key, doc in ops:
                if doc is None:
                    self._mem.get(table, {}).pop(key, None)
                else:
                    self._mem.setdefault(table, {})[key] = doc
            self._log_pos += len(line) + 1
        if tail and final:
            os.ftruncate(self._log_fd, self._log_pos)
            _sync_data(self._log_fd)

    def _sync(self) -> None:
        """See the other processes' writes: nothing to do when the change count did not move, the
        appended lines when the log grew, a full reload when another process compacted it."""
        if not self._file or self._depth:
            return
        self._attach()
        changes = self._change_count()
        if changes == self._seen and not self._locked:  # a transaction still checks for a torn tail
            return
        try:
            st = os.stat(self._log_path)
        except FileNotFoundError:
            st = None
        if st is None or st.st_ino != self._log_ino:
            with self._flock():
                self._load()
        elif st.st_size > self._log_pos or self._locked:
            self._replay(final=self._locked)
        self._seen = changes

    def _change_count(self) -> int:
        return int.from_bytes(self._changes[:CHANGES_SIZE], "little")

    def _count_change(self) -> None:
        """One more change (under the file lock, once it is in the files)."""
        count = self._change_count() + 1
        self._changes[:CHANGES_SIZE] = count.to_bytes(CHANGES_SIZE, "little")
        self._seen = count

    # ----- transactions
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock for a read-modify-write; undo every write if the block raises. The writes are
        persisted as one log line when the outermost transaction ends; the transaction returns (so the
        caller answers) once that line is on disk, flushed after both locks are released by one
        fdatasync shared with the writers that appended meanwhile (group commit)."""
        pending = 0
        with self._lock:
            outer = self._depth == 0
            if outer and self._file:
                self._attach()
                fcntl.flock(self._lock_fd, fcntl.LOCK_EX)
                self._locked = True
            try:
                if outer:
                    self._sync()
                self._depth += 1
                try:
                    yield self
                except BaseException:
                    if self._depth == 1:
                        self._rollback()
                    raise
                finally:
                    self._depth -= 1
                if outer:
                    pending = self._commit()
            finally:
                if outer:
                    self._undo.clear()
                    self._ops.clear()
                    self._rewrite = False
                    if self._file:
                        self._locked = False
                        fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
        if pending:
            self._wait_durable(pending)

    def _wait_durable(self, line: int) -> None:
        """Return once this process's ``line``-th log line is on disk: flush, or wait for a flush that
        started after it was appended."""
        with self._flush_done:
            while self._flushed < line:
                if not self._flushing:
                    self._flushing = True
                    break
                self._flush_done.wait()
            else:
                return
        flushed = None
        try:
            with self._lock:  # a consistent pair: what was appended, and the log holding it
                target, fd = self._appended, os.dup(self._log_fd)
            try:
                _sync_data(fd)
                flushed = target
            finally:
                os.close(fd)
        finally:
            with self._flush_done:
                self._flushing = False
                if flushed is not None:
                    self._flushed = max(self._flushed, flushed)
                self._flush_done.notify_all()

    def _commit(self) -> int:
        """Append this transaction's log line; returns its number to wait for (0: nothing to wait for)."""
        if not self._file or not (self._ops or self._rewrite):
            return 0
        if self._rewrite:
            self._write_snapshot(self._gen + 1)
            return 0
        line = ('{"ops":[' + ",".join(self._ops) + "]}\n").encode()
        try:
            written = os.write(self._log_fd, line)
            if written != len(line):
                raise OSError(f"short write to {self._log_path}")
        except BaseException:
            os.ftruncate(self._log_fd, self._log_pos)
            self._rollback()
            raise
        self._log_pos += len(line)
        self._appended += 1
        self._count_change()
        if self._log_pos > max(COMPACT_MIN_BYTES, self._snap_size):
            self._write_snapshot(self._gen + 1)
        return self._appended if self.fsync else 0

    def _rollback(self) -> None:
        for table, key, previous in reversed(self._undo):
            if table is None:
                self._set_state(previous)
            else:
                self._raw_put(table, key, previous)
        self._undo.clear()
        self._ops.clear()
        self._rewrite = False

    def _raw_put(self, table: str, key: str, doc: dict | None) -> None:
        t = self._db.table(table)
        if doc is None:
            t.remove(doc_ids=[key])
        else:
            t.replace(key, doc)

    def _write(self, table: str, key: str, doc: dict | None) -> None:
        text = "null" if doc is None else json.dumps(doc, separators=(",", ":"))
        stored = None if doc is None else json.loads(text)  # the stored copy is plain JSON, as reloaded
        with self.transaction():
            self._undo.append((table, key, self._mem.get(table, {}).get(key)))
            self._raw_put(table, key, stored)
            self._ops.append(f"[{json.dumps(table)},{json.dumps(key)},{text}]")

    def _set_state(self, state: dict) -> None:
        self._mem.clear()
        self._mem.update({name: dict(docs) for name, docs in state.items()})
        for table in self._db._tables.values():
            table.clear_cache()

    # ----- documents
    def get(self, table: str, key: str) -> dict | None:
        with self._lock:
            self._sync()
            doc = self._mem.get(table, {}).get(str(key))
            return _copy(doc) if doc is not None else None

    def put(self, table: str, key: str, doc: dict) -> None:
        self._write(table, str(key), doc)

    def delete(self, table: str, key: str) -> bool:
        with self.transaction():
            if str(key) not in self._mem.get(table, {}):
                return False
            self._write(table, str(key), None)
            return True

    def items(self, table: str, prefix: str = "") -> list[tuple[str, dict]]:
        """(key, document) pairs in insertion order, keys starting with ``prefix``."""
        with self._lock:
            self._sync()
            docs = self._mem.get(table, {})
            return [(k, _copy(v)) for k, v in docs.items() if k.startswith(prefix)]

    def keys(self, table: str, prefix: str = "") -> list[str]:
        """Keys in insertion order starting with ``prefix`` (no document is copied)."""
        with self._lock:
            self._sync()
            return [k for k in self._mem.get(table, {}) if k.startswith(prefix)]

    def count(self, table: str, prefix: str = "") -> int:
        with self._lock:
            self._sync()
            docs = self._mem.get(table, {})
            return len(docs) if not prefix else sum(1 for k in docs if k.startswith(prefix))

    def tables(self) -> list[str]:
        with self._lock:
            self._sync()
            return sorted(name for name, docs in self._mem.items() if docs and name != META_TABLE)

    def next_id(self, sequence: str, start: int = 1) -> int:
        """The next number of a named sequence (ids are never reused, even after a delete)."""
        with self.transaction():
            current = self.get(SEQUENCES, sequence)
            value = max(start, current["next"]) if current else start
            self.put(SEQUENCES, sequence, {"next": value + 1})
            return value

    def is_empty(self) -> bool:
        with self._lock:
            self._sync()
            return not any(docs for name, docs in self._mem.items() if name != SEQUENCES)

    def clear(self, namespace: str | None = None, account: str | None = None) -> None:
        """Drop every document, one vendor's (``namespace``), or one account's; ids are never reused."""
        prefix = f"{account}/" if account is not None else ""
        with self.transaction():
            for table in self.tables():
                if table == SEQUENCES or (namespace and not table.startswith(namespace + ".")):
                    continue
                for key in [k for k in self._mem[table] if k.startswith(prefix)]:
                    self._write(table, key, None)

    def snapshot(self) -> dict:
        """An opaque copy of the whole state, for ``restore`` (the per-test reset uses the pair). It
        costs one pointer per document: documents are shared, and never changed in place."""
        with self._lock:
            self._sync()
            return {name: dict(docs) for name, docs in self._mem.items()}

    def restore(self, snapshot: dict) -> None:
        """Put back the state ``snapshot`` captured (a DB file gets a new snapshot file)."""
        with self.transaction():
            self._undo.append((None, None, {name: dict(docs) for name, docs in self._mem.items()}))
            self._set_state(snapshot)
            self._rewrite = True

    def account(self, namespace: str, account: str) -> AccountView:
        return AccountView(self, namespace, account)


class AccountView:
    """One account's objects of one vendor: ``view.get("campaigns", "12")`` and so on."""

    def __init__(self, store: Store, namespace: str, account: str) -> None:
        self.store, self.namespace, self.account = store, namespace, str(account)

    def _table(self, kind: str) -> str:
        return f"{self.namespace}.{kind}"

    def _key(self, id_: Any) -> str:
        return f"{self.account}/{id_}"

    def get(self, kind: str, id_: Any) -> dict | None:
        return self.store.get(self._table(kind), self._key(id_))

    def exists(self, kind: str, id_: Any) -> bool:
        return self.get(kind, id_) is not None

    def put(self, kind: str, id_: Any, doc: dict) -> None:
        self.store.put(self._table(kind), self._key(id_), doc)

    def delete(self, kind: str, id_: Any) -> bool:
        return self.store.delete(self._table(kind), self._key(id_))

    def list(self, kind: str) -> list[dict]:
        return [doc for _, doc in self.store.items(self._table(kind), self._key(""))]

    def count(self, kind: str) -> int:
        return self.store.count(self._table(kind), self._key(""))

    def transaction(self):
        return self.store.transaction()


def init_app(app: Flask) -> None:
    app.extensions["mockdialer.store"] = Store(app.config["DB"], fsync=bool(app.config["FSYNC"]))


def get_store() -> Store:
    return current_app.extensions["mockdialer.store"]
