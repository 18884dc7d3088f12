"""A write burst against one DB file, for the SIGKILL tests: prints ``ack <n>`` once write n is committed.

Usage: python writer.py <db> <start>; keeps writing until killed. Compaction is made frequent so that
kills also land in the middle of one.
"""

import sys

from mockdialer.store import Store, files

files.COMPACT_BYTES = 4096

store = Store(sys.argv[1])
n = int(sys.argv[2])
while True:
    with store.transaction():
        counter = store.get("t.counter", "a/1") or {"n": 0}
        store.put("t.counter", "a/1", {"n": counter["n"] + 1})
        store.put("t.docs", f"a/{n}", {"n": n, "pad": "x" * 200})
    print("ack", n, flush=True)
    n += 1
