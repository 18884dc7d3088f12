"""Golden wire bodies under tests/golden/: compared byte for byte; a missing file fails the test.
``pytest --update-goldens`` writes them from what the mock answers now (after an intended change)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent / "golden"


def check_golden(path: Path, content: bytes) -> None:
    """``content`` equals the golden file at ``path``."""
    if os.environ.get("MOCKDIALER_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    if not path.exists():
        pytest.fail(f"golden file {path} is missing: run `pytest --update-goldens` to write it")
    assert content == path.read_bytes(), f"{path.name} differs from its golden file"
