"""The DB file: write log replay, torn last line, compaction, damaged files, SIGKILL mid-burst."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from mockdialer import dbfiles
from mockdialer.store import FORMAT_VERSION, Store, StoreError

from .logfile import log_bytes, log_lines, tear

WRITER = Path(__file__).with_name("writer.py")


def test_a_write_is_one_log_line_and_the_snapshot_is_not_rewritten(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    snapshot = path.read_bytes()
    store.put("t.x", "a/1", {"v": 1})
    with store.transaction():
        store.put("t.x", "a/2", {"v": 2})
        store.delete("t.x", "a/1")
    assert path.read_bytes() == snapshot
    lines = log_lines(tmp_path / "db.json.log")
    assert json.loads(lines[0]) == {"format": FORMAT_VERSION, "generation": 0}
    assert [json.loads(line)["ops"] for line in lines[1:]] == [
        [["t.x", "a/1", {"v": 1}]],
        [["t.x", "a/2", {"v": 2}], ["t.x", "a/1", None]],
    ]
    assert Store(str(path)).items("t.x") == [("a/2", {"v": 2})]


def test_a_torn_last_line_is_dropped_and_the_log_goes_on(tmp_path):
    path = tmp_path / "db.json"
    Store(str(path)).put("t.x", "a/1", {"v": 1})
    tear(tmp_path / "db.json.log", b'{"ops":[["t.x","a/2",{"v"')  # a crash in the middle of a write
    store = Store(str(path))
    assert store.items("t.x") == [("a/1", {"v": 1})]
    store.put("t.x", "a/3", {"v": 3})
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/3", {"v": 3})]


def test_a_process_that_died_mid_append_is_recovered_by_a_running_one(tmp_path):
    """The dead writer left its change count odd and half a line; a store that was already running
    (and had nothing new to read) cuts the line at its next transaction and the log goes on."""
    path = tmp_path / "db.json"
    running = Store(str(path))
    running.put("t.x", "a/1", {"v": 1})
    dying = Store(str(path))
    with dying._files.locked():
        dying._files._begin_change()
        tear(tmp_path / "db.json.log", b'{"ops":[["t.x","a/2",{"v"')
    assert running.get("t.x", "a/1") == {"v": 1}
    running.put("t.x", "a/3", {"v": 3})
    assert running._files._change_count() % 2 == 0
    assert all(json.loads(line) for line in log_lines(tmp_path / "db.json.log"))
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/3", {"v": 3})]


def test_the_log_grows_in_zeroed_steps_ahead_of_its_lines(tmp_path, monkeypatch):
    """A write inside the zeroed space leaves the file size alone (its flush writes data, not a size)."""
    monkeypatch.setattr(dbfiles, "LOG_STEP", 1024)
    path = tmp_path / "db.json"
    log = tmp_path / "db.json.log"
    store = Store(str(path))
    sizes = []
    for i in range(12):
        store.put("t.x", f"a/{i}", {"i": i, "pad": "x" * 150})
        sizes.append(log.stat().st_size)
    assert all(size % 1024 == 0 for size in sizes)
    assert sizes[0] == 1024 and sizes[-1] > sizes[0]
    assert len(set(sizes)) < len(sizes) // 2  # most writes did not change the size
    assert log.read_bytes()[len(log_bytes(log)) :].strip(b"\0") == b""
    assert len(log_lines(log)) == 13
    assert Store(str(path)).items("t.x") == store.items("t.x")


def test_two_processes_grow_one_log_without_overwriting_each_other(tmp_path, monkeypatch):
    monkeypatch.setattr(dbfiles, "LOG_STEP", 512)
    path = tmp_path / "db.json"
    first, second = Store(str(path)), Store(str(path))  # two processes' views of one file
    for i in range(30):
        (first if i % 3 else second).put("t.x", f"a/{i}", {"i": i, "pad": "y" * 90})
    assert len(log_lines(tmp_path / "db.json.log")) == 31
    expected = [(f"a/{i}", {"i": i, "pad": "y" * 90}) for i in range(30)]
    assert first.items("t.x") == second.items("t.x") == Store(str(path)).items("t.x") == expected


def test_bytes_past_the_zeroed_space_are_cleared_at_start(tmp_path):
    """A power cut can persist the end of an unacknowledged line but not its start: at the next start
    those bytes are zeroed before anything is written there."""
    path = tmp_path / "db.json"
    log = tmp_path / "db.json.log"
    Store(str(path)).put("t.x", "a/1", {"v": 1})
    end = len(log_bytes(log))
    with log.open("r+b") as fh:
        fh.seek(end + 40)
        fh.write(b'"a/9",{"v":9}]]}\n')
    store = Store(str(path))
    assert log.read_bytes()[end:].strip(b"\0") == b""
    store.put("t.x", "a/2", {"v": 2})
    assert len(log_lines(log)) == 3
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/2", {"v": 2})]


def test_a_log_without_zeroed_space_is_read_and_written_on(tmp_path):
    """As the earlier release wrote it: lines up to the end of the file."""
    path = tmp_path / "db.json"
    log = tmp_path / "db.json.log"
    Store(str(path)).put("t.x", "a/1", {"v": 1})
    log.write_bytes(log_bytes(log))
    store = Store(str(path))
    assert store.items("t.x") == [("a/1", {"v": 1})]
    store.put("t.x", "a/2", {"v": 2})
    assert len(log_lines(log)) == 3
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/2", {"v": 2})]


def test_a_damaged_line_inside_the_log_stops_the_start_and_nothing_is_rewritten(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    store.put("t.x", "a/2", {"v": 2})
    log = tmp_path / "db.json.log"
    lines = log.read_bytes().split(b"\n")
    lines[1] = b"garbage"
    log.write_bytes(b"\n".join(lines))
    before = (path.read_bytes(), log.read_bytes())
    with pytest.raises(StoreError) as info:
        Store(str(path))
    assert str(path) in str(info.value) and "move it away" in str(info.value)
    assert (path.read_bytes(), log.read_bytes()) == before


def test_compaction_folds_the_log_into_a_new_generation(tmp_path, monkeypatch):
    monkeypatch.setattr(dbfiles, "COMPACT_MIN_BYTES", 2000)
    path = tmp_path / "db.json"
    store = Store(str(path))
    other = Store(str(path))  # another process's view of the same file
    for i in range(40):
        store.put("t.x", f"a/{i}", {"i": i, "pad": "x" * 100})
    data = json.loads(path.read_text())
    assert data["_mockdialer"]["format"]["generation"] >= 1
    assert len(data["t.x"]) + len(log_lines(tmp_path / "db.json.log")) - 1 >= 40
    assert other.count("t.x") == 40
    assert Store(str(path)).items("t.x") == store.items("t.x")
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_a_log_older_than_the_snapshot_is_ignored(tmp_path):
    path = tmp_path / "db.json"
    store = Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    stale = (tmp_path / "db.json.log").read_bytes()
    store.restore(store.snapshot())  # a new snapshot generation
    store.put("t.x", "a/1", {"v": 2})
    (tmp_path / "db.json.log").write_bytes(stale)  # as if a crash hit between snapshot and log rename
    assert Store(str(path)).get("t.x", "a/1") == {"v": 1}


def test_a_version_1_file_is_read(tmp_path):
    path = tmp_path / "db.json"
    path.write_text(json.dumps({"_mockdialer": {"format": {"version": 1}}, "t.x": {"a/1": {"v": 1}}}))
    store = Store(str(path))
    store.put("t.x", "a/2", {"v": 2})
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1}), ("a/2", {"v": 2})]


def test_a_merge_logs_only_its_fields_and_every_reader_sees_the_merged_document(tmp_path):
    path = tmp_path / "db.json"
    store, other = Store(str(path)), Store(str(path))  # two processes' views of one file
    store.put("t.x", "a/1", {"v": 1, "name": "first", "tags": ["x"]})
    assert other.get("t.x", "a/1") == {"v": 1, "name": "first", "tags": ["x"]}
    store.merge("t.x", "a/1", {"name": "second"})
    store.merge("t.x", "a/2", {"v": 2})  # nothing stored yet: the fields are the document
    lines = log_lines(tmp_path / "db.json.log")
    assert json.loads(lines[-2])["ops"] == [["t.x", "a/1", {"name": "second"}, "merge"]]
    merged = [("a/1", {"v": 1, "name": "second", "tags": ["x"]}), ("a/2", {"v": 2})]
    assert store.items("t.x") == other.items("t.x") == Store(str(path)).items("t.x") == merged


def test_a_merge_is_rolled_back_with_its_transaction(tmp_path):
    store = Store(str(tmp_path / "db.json"))
    store.put("t.x", "a/1", {"v": 1, "name": "first"})
    with pytest.raises(RuntimeError), store.transaction():
        store.merge("t.x", "a/1", {"name": "second"})
        raise RuntimeError("the view failed after the write")
    assert store.get("t.x", "a/1") == {"v": 1, "name": "first"}
    assert Store(str(tmp_path / "db.json")).get("t.x", "a/1") == {"v": 1, "name": "first"}


def test_a_version_2_file_gets_whole_documents_until_its_next_compaction(tmp_path):
    """A version-2 reader cannot apply a merge line: it is only written once the snapshot is version 3."""
    path = tmp_path / "db.json"
    log = tmp_path / "db.json.log"
    Store(str(path)).put("t.x", "a/1", {"v": 1, "name": "first"})
    data = json.loads(path.read_text())
    data["_mockdialer"]["format"]["version"] = 2
    path.write_text(json.dumps(data))
    store = Store(str(path))
    store.merge("t.x", "a/1", {"name": "second"})
    assert json.loads(log_lines(log)[-1])["ops"] == [["t.x", "a/1", {"v": 1, "name": "second"}]]
    store.restore(store.snapshot())  # a compaction: the snapshot is rewritten as the current version
    assert json.loads(path.read_text())["_mockdialer"]["format"]["version"] == FORMAT_VERSION == 3
    store.merge("t.x", "a/1", {"name": "third"})
    assert json.loads(log_lines(log)[-1])["ops"] == [["t.x", "a/1", {"name": "third"}, "merge"]]
    assert Store(str(path)).get("t.x", "a/1") == {"v": 1, "name": "third"}


def test_restore_on_a_file_store_is_durable_and_seen_by_other_processes(tmp_path):
    path = tmp_path / "db.json"
    store, other = Store(str(path)), Store(str(path))
    store.put("t.x", "a/1", {"v": 1})
    snap = store.snapshot()
    store.put("t.x", "a/2", {"v": 2})
    assert other.count("t.x") == 2
    store.restore(snap)
    assert other.items("t.x") == [("a/1", {"v": 1})]
    assert Store(str(path)).items("t.x") == [("a/1", {"v": 1})]


def test_without_fsync_writes_still_reach_the_file(tmp_path):
    path = tmp_path / "db.json"
    Store(str(path), fsync=False).put("t.x", "a/1", {"v": 1})
    assert Store(str(path)).get("t.x", "a/1") == {"v": 1}


def test_sigkill_in_a_write_burst_never_loses_an_acknowledged_write(tmp_path):
    path = str(tmp_path / "db.json")
    rng = random.Random(6)
    next_n = acked = 0
    for _ in range(5):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), path, str(next_n)], stdout=subprocess.PIPE, text=True
        )
        target = next_n + rng.randint(30, 300)
        for line in proc.stdout:
            acked = int(line.split()[1])
            if acked >= target:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        store = Store(path)  # always loads
        docs = dict(store.items("t.docs"))
        assert all(f"a/{n}" in docs for n in range(acked + 1))
        assert store.get("t.counter", "a/1") == {"n": len(docs)}  # each transaction whole or not at all
        next_n = max(int(k.split("/")[1]) for k in docs) + 1
