"""Reading and tearing the write log as a crash would: its lines end at the zeroed space ahead."""

from __future__ import annotations

from pathlib import Path


def log_bytes(log: Path) -> bytes:
    """The log's contents up to the zeroed space ahead of its lines."""
    return log.read_bytes().partition(b"\0")[0]


def log_lines(log: Path) -> list[bytes]:
    """The log's lines, its header first (each ends with a newline: none is torn)."""
    data = log_bytes(log)
    assert data.endswith(b"\n"), f"{log} ends with a torn line: {data[-60:]!r}"
    return data.splitlines()


def tear(log: Path, partial: bytes) -> None:
    """Write ``partial`` where the next line goes, as a process killed in the middle of its write."""
    with log.open("r+b") as fh:
        fh.seek(len(log_bytes(log)))
        fh.write(partial)
