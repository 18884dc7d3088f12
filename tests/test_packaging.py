"""A plain (non-editable) install carries the shipped fixtures, the WSDL/XSD files, ``py.typed`` and the
``mockdialer`` console script, and setuptools builds it without warnings about our configuration."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from mockdialer.config import SHIPPED_FIXTURES

ROOT = Path(__file__).resolve().parent.parent


def test_shipped_fixtures_are_the_top_level_folder():
    assert SHIPPED_FIXTURES.resolve() == (ROOT / "fixtures").resolve()
    assert sorted(p.name for p in SHIPPED_FIXTURES.glob("*/*.json")) == sorted(
        p.name for p in (ROOT / "fixtures").glob("*/*.json")
    )


def test_wheel_holds_fixtures_and_wsdl(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-v", "--no-deps", "-w", str(tmp_path), str(ROOT)],
        check=True,
        capture_output=True,
        text=True,
    )
    log = built.stdout + built.stderr
    for warning in ("would be ignored", "BuildBackendWarning", "SetuptoolsDeprecationWarning"):
        assert warning not in log
    (wheel,) = tmp_path.glob("mockdialer-*.whl")
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    assert {"mockdialer/py.typed", "mockdialer/__main__.py"} <= names
    (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
    assert "mockdialer = mockdialer.__main__:main" in archive.read(entry_points).decode()
    for path in (ROOT / "fixtures").glob("*/*.json"):
        assert f"mockdialer/shipped_fixtures/{path.parent.name}/{path.name}" in names
    assert any(n.startswith("mockdialer/callfire/soap/wsdl/") and n.endswith(".wsdl") for n in names)
    console = ROOT / "mockdialer" / "console"
    for path in [*console.glob("templates/console/*.html"), *console.glob("static/*")]:
        assert f"mockdialer/console/{path.relative_to(console).as_posix()}" in names
