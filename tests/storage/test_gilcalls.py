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


def test_write_appends_every_byte_and_reports_errors(tmp_path):
    path = tmp_path / "log"
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_APPEND)
    assert gilcalls.write(fd, b"first\n") == 6
    assert gilcalls.write(fd, b"second\n") == 7
    os.close(fd)
    assert path.read_bytes() == b"first\nsecond\n"
    read_only = os.open(path, os.O_RDONLY)
    try:
        gilcalls.write(read_only, b"x")
    except OSError as exc:
        assert exc.errno is not None
    else:
        raise AssertionError("writing a read-only descriptor did not fail")
    finally:
        os.close(read_only)
