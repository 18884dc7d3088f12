"""The file calls that keep the GIL: they still wait for a lock another process holds, and write all."""

from __future__ import annotations

import fcntl
import os
import threading

from mockdialer import gilcalls


def test_lock_held_elsewhere_is_waited_for(tmp_path):
    path = tmp_path / "lock"
    path.touch()
    other = os.open(path, os.O_RDWR)  # its own open file description: flock treats it as another process
    mine = os.open(path, os.O_RDWR)
    fcntl.flock(other, fcntl.LOCK_EX)
    got = threading.Event()

    def take() -> None:
        gilcalls.lock_exclusive(mine)
        got.set()

    waiter = threading.Thread(target=take)
    waiter.start()
    assert not got.wait(0.2)  # blocked, with the GIL released (this thread runs)
    fcntl.flock(other, fcntl.LOCK_UN)
    assert got.wait(5)
    waiter.join()
    try:
        fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        pass
    else:
        raise AssertionError("the lock was not held")
    gilcalls.unlock(mine)
    fcntl.flock(other, fcntl.LOCK_EX | fcntl.LOCK_NB)  # free again
    os.close(other)
    os.close(mine)


def test_pwrite_writes_every_byte_at_its_offset_and_reports_errors(tmp_path):
    path = tmp_path / "log"
    path.write_bytes(bytes(16))  # zeroed space ahead, as the write log keeps it
    fd = os.open(path, os.O_RDWR)
    assert gilcalls.pwrite(fd, b"first\n", 0) == 6
    assert gilcalls.pwrite(fd, b"second\n", 6) == 7
    assert gilcalls.pwrite(fd, b"tail\n", 14) == 5  # past the end: the file grows
    os.close(fd)
    assert path.read_bytes() == b"first\nsecond\n\0tail\n"
    read_only = os.open(path, os.O_RDONLY)
    try:
        gilcalls.pwrite(read_only, b"x", 0)
    except OSError as exc:
        assert exc.errno is not None
    else:
        raise AssertionError("writing a read-only descriptor did not fail")
    finally:
        os.close(read_only)
