"""A process that dies in the middle of a compaction: ``python compactor.py <db> <writes>`` commits
``<writes>`` documents, prints ``acked``, then starts a compaction (a restore) and exits with status 9
after the new snapshot's temporary file is written and before its rename, as a SIGKILL there would."""

import os
import sys

from mockdialer.store import Store

store = Store(sys.argv[1])
for n in range(int(sys.argv[2])):
    store.put("t.docs", f"a/{n}", {"n": n})
print("acked", flush=True)


def die_before_rename(src, dst):
    os._exit(9)


os.replace = die_before_rename
store.restore(store.snapshot())
