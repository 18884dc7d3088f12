"""The one interface over TinyDB: tables of JSON documents keyed by string, namespaced by account.

Every vendor module reads and writes state through ``Store`` (or its account-scoped ``AccountView``)
and never touches TinyDB itself. Reads and writes take a lock; a ``transaction()`` groups a
read-modify-write, rolls back on any exception and is persisted once, atomically, when it ends
(temporary file, fsync, rename, fsync of the folder), so the file is never half-written and an
acknowledged write is on disk before the response is sent.
"""

from __future__ import annotations

import copy
import json
import os
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from flask import Flask, current_app
from tinydb import TinyDB
from tinydb.storages import MemoryStorage
from tinydb.table import Document, Table

from .config import MEMORY

FORMAT_VERSION = 1
META_TABLE = "_mockdialer"
SEQUENCES = "_sequences"


class StoreError(RuntimeError):
    """The DB file cannot be used; the message names the file and what to do."""


class _Table(Table):
    document_id_class = str  # keys are our own ids ("<account>/<id>"), not TinyDB's counters


class _TinyDB(TinyDB):
    table_class = _Table


def _replace_with(new: dict):
    def transform(doc: dict) -> None:
        doc.clear()
        doc.update(new)

    return transform


class Store:
    """Documents in named tables (``"acefone.campaigns"``), keyed by string."""

    def __init__(self, path: str = MEMORY) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._depth = 0
        self._undo: list[tuple[str, str, dict | None]] = []
        self._dirty = False
        self._db = _TinyDB(storage=MemoryStorage)
        if path != MEMORY:
            self._load()

    # ----- persistence
    def _load(self) -> None:
        if not os.path.exists(self.path) or os.path.getsize(self.path) == 0:
            return
        try:
            with open(self.path, encoding="utf-8") as fh:
                data = json.load(fh)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise StoreError(
                f"mockdialer: the DB file {self.path} cannot be read ({exc}). It was left as it is: "
                "move it away (or point MOCKDIALER_DB at a new file) and start again to re-seed."
            ) from exc
        meta = data.get(META_TABLE, {}).get("format") if isinstance(data, dict) else None
        version = meta.get("version") if isinstance(meta, dict) else None
        if version != FORMAT_VERSION:
            raise StoreError(
                f"mockdialer: the DB file {self.path} has format version {version!r}, this "
                f"mockdialer reads version {FORMAT_VERSION}. It was left as it is: move it away (or "
                "point MOCKDIALER_DB at a new file) and start again to re-seed."
            )
        self._db.storage.memory = data

    def _flush(self) -> None:
        if self.path == MEMORY or not self._dirty:
            self._dirty = False
            return
        data = self._db.storage.read() or {}
        data[META_TABLE] = {"format": {"version": FORMAT_VERSION}}
        folder = os.path.dirname(os.path.abspath(self.path))
        os.makedirs(folder, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".mockdialer-", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(data, fh, separators=(",", ":"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
        self._dirty = False

    # ----- transactions
    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Hold the lock for a read-modify-write; undo every write if the block raises."""
        with self._lock:
            self._depth += 1
            try:
                yield self
            except BaseException:
                if self._depth == 1:
                    self._rollback()
                raise
            finally:
                self._depth -= 1
            if self._depth == 0:
                self._undo.clear()
                self._flush()

    def _rollback(self) -> None:
        for table, key, previous in reversed(self._undo):
            self._raw_put(table, key, previous)
        self._undo.clear()
        self._dirty = False

    def _raw_put(self, table: str, key: str, doc: dict | None) -> None:
        t = self._db.table(table)
        if doc is None:
            if t.contains(doc_id=key):
                t.remove(doc_ids=[key])
        elif t.contains(doc_id=key):
            t.update(_replace_with(doc), doc_ids=[key])
        else:
            t.insert(Document(doc, doc_id=key))

    def _write(self, table: str, key: str, doc: dict | None) -> None:
        with self.transaction():
            previous = self._db.table(table).get(doc_id=key)
            self._undo.append((table, key, copy.deepcopy(dict(previous)) if previous else None))
            self._raw_put(table, key, doc)
            self._dirty = True

    # ----- documents
    def get(self, table: str, key: str) -> dict | None:
        with self._lock:
            doc = self._db.table(table).get(doc_id=str(key))
            return copy.deepcopy(dict(doc)) if doc is not None else None

    def put(self, table: str, key: str, doc: dict) -> None:
        self._write(table, str(key), copy.deepcopy(doc))

    def delete(self, table: str, key: str) -> bool:
        with self.transaction():
            if self._db.table(table).get(doc_id=str(key)) is None:
                return False
            self._write(table, str(key), None)
            return True

    def items(self, table: str, prefix: str = "") -> list[tuple[str, dict]]:
        """(key, document) pairs in insertion order, keys starting with ``prefix``."""
        with self._lock:
            if table not in self._db.tables():
                return []
            raw = self._db.storage.read().get(table, {})
            return [(k, copy.deepcopy(v)) for k, v in raw.items() if k.startswith(prefix)]

    def count(self, table: str, prefix: str = "") -> int:
        with self._lock:
            raw = (self._db.storage.read() or {}).get(table, {})
            return sum(1 for k in raw if k.startswith(prefix))

    def tables(self) -> list[str]:
        with self._lock:
            return sorted(t for t in self._db.tables() if t != META_TABLE)

    def next_id(self, sequence: str, start: int = 1) -> int:
        """The next number of a named sequence (ids are never reused, even after a delete)."""
        with self.transaction():
            current = self.get(SEQUENCES, sequence)
            value = max(start, current["next"]) if current else start
            self.put(SEQUENCES, sequence, {"next": value + 1})
            return value

    def is_empty(self) -> bool:
        with self._lock:
            return not any(self.count(t) for t in self.tables() if t != SEQUENCES)

    def clear(self, namespace: str | None = None, account: str | None = None) -> None:
        """Drop every document, one vendor's (``namespace``), or one account's; ids are never reused."""
        prefix = f"{account}/" if account is not None else ""
        with self.transaction():
            for table in self.tables():
                if table == SEQUENCES or (namespace and not table.startswith(namespace + ".")):
                    continue
                for key, _ in self.items(table, prefix):
                    self._write(table, key, None)

    def snapshot(self) -> dict:
        """An opaque copy of the whole state, for ``restore`` (the per-test reset uses the pair)."""
        with self._lock:
            return copy.deepcopy(self._db.storage.read() or {})

    def restore(self, snapshot: dict) -> None:
        """Put back the state ``snapshot`` captured, and persist it."""
        with self.transaction():
            self._db.storage.memory = copy.deepcopy(snapshot)
            self._undo.clear()
            self._dirty = True

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
    app.extensions["mockdialer.store"] = Store(app.config["DB"])


def get_store() -> Store:
    return current_app.extensions["mockdialer.store"]
