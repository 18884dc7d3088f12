"""The one interface over TinyDB: tables of JSON documents keyed by string, namespaced by account.

Every vendor module reads and writes state through ``Store`` (or its account-scoped ``AccountView``)
and never touches TinyDB itself. TinyDB holds the state in memory (a table class whose writes are
O(1)); a ``transaction()`` holds the lock for a read-modify-write and rolls every write back if it
raises. With a DB file, ``dbfiles.DbFiles`` keeps the files in step: each transaction one durable log
line, several processes on one file. See README, "Storage".
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from typing import Any

from flask import Flask, current_app
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Table

from .config import MEMORY
from .dbfiles import FORMAT_VERSION, MERGE, META_TABLE, DbFiles, StoreError

__all__ = ["FORMAT_VERSION", "AccountView", "Store", "StoreError", "get_store", "init_app"]

SEQUENCES = "_sequences"


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


_compact = json.JSONEncoder(separators=(",", ":")).encode  # json.dumps(..., separators) builds one per call


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() not in {"0", "false", "no", "off"}


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
        self._db = _TinyDB(storage=MemoryStorage)
        self._mem: dict[str, dict[str, dict]] = {}
        self._db.storage.write(self._mem)
        self._files = DbFiles(path, self._mem, self.fsync) if path != MEMORY else None

    def _sync(self) -> None:
        """See the other processes' writes (nothing to do inside a transaction: it already has)."""
        if self._files is not None and not self._depth:
            self._files.sync()

    # ----- transactions
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock for a read-modify-write; undo every write if the block raises. The writes are
        persisted as one log line when the outermost transaction ends; the transaction returns (so the
        caller answers) once that line is on disk."""
        pending = 0
        with self._lock:
            outer = self._depth == 0
            files = self._files if outer else None
            with files.locked() if files is not None else nullcontext():
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
                    if files is not None:
                        pending = self._commit(files)
                finally:
                    if outer:
                        self._undo.clear()
                        self._ops.clear()
                        self._rewrite = False
        if pending:
            files.wait_durable(pending)  # after both locks are released: one flush for many writers

    def _commit(self, files: DbFiles) -> int:
        if self._rewrite:
            files.write_snapshot()
            return 0
        if not self._ops:
            return 0
        try:
            return files.append(self._ops)
        except BaseException:
            self._rollback()
            raise

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

    def _write(self, table: str, key: str, doc: dict | None, merge: bool = False) -> None:
        text = "null" if doc is None else _compact(doc)
        written = None if doc is None else json.loads(text)  # the stored copy is plain JSON, as reloaded
        with self._lock:
            if self._depth:  # under the lock, a depth is this thread's own transaction
                self._record(table, key, written, text, merge)
            else:
                with self.transaction():
                    self._record(table, key, written, text, merge)

    def _record(self, table: str, key: str, written: dict | None, text: str, merge: bool) -> None:
        previous = self._mem.get(table, {}).get(key)
        self._undo.append((table, key, previous))
        if merge:
            written = {**(previous or {}), **written}
            if self._files is not None and not self._files.merges:  # a version-2 file: whole documents
                merge, text = False, _compact(written)
        self._raw_put(table, key, written)
        op = f',"{MERGE}"]' if merge else "]"
        self._ops.append(f"[{_compact(table)},{_compact(key)},{text}{op}")

    def _set_state(self, state: dict) -> None:
        self._mem.clear()
        self._mem.update({name: dict(docs) for name, docs in state.items()})
        for table in self._db._tables.values():
            table.clear_cache()

    # ----- documents
    def get(self, table: str, key: str) -> dict | None:
        doc = self.peek(table, key)
        return _copy(doc) if doc is not None else None

    def peek(self, table: str, key: str) -> dict | None:
        """The stored document itself, for reading only: change a copy (``get``) and ``put`` it."""
        with self._lock:
            self._sync()
            return self._mem.get(table, {}).get(str(key))

    def put(self, table: str, key: str, doc: dict) -> None:
        self._write(table, str(key), doc)

    def merge(self, table: str, key: str, fields: dict) -> None:
        """Write ``fields`` over the stored document (a new one if there is none): the log line holds
        only these fields, not the whole document."""
        self._write(table, str(key), fields, merge=True)

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

    def peek(self, kind: str, id_: Any) -> dict | None:
        return self.store.peek(self._table(kind), self._key(id_))

    def exists(self, kind: str, id_: Any) -> bool:
        return self.peek(kind, id_) is not None

    def put(self, kind: str, id_: Any, doc: dict) -> None:
        self.store.put(self._table(kind), self._key(id_), doc)

    def merge(self, kind: str, id_: Any, fields: dict) -> None:
        self.store.merge(self._table(kind), self._key(id_), fields)

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
