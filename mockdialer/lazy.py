"""Modules imported on first use, so that start-up (``import mockdialer; create_app()``) does not pay
for marshmallow, lxml or PyJWT before a request needs them (docs/benchmarks.md, P3).

Bind the name under ``TYPE_CHECKING`` too, so that type checkers and the import contracts in setup.cfg
still see the dependency::

    if TYPE_CHECKING:
        from . import schemas
    else:
        schemas = on_first_use(__package__ + ".schemas")

``importlib.util.LazyLoader`` does the same, but before Python 3.12 two threads that touch the module
first at once can see it half-initialized (CPython gh-114763); ``importlib.import_module`` holds the
module's import lock, so a second thread waits for the first.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class on_first_use:  # noqa: N801 (reads as a function at the call site)
    """Stands for the module ``name``; the first attribute read imports it."""

    __slots__ = ("_module", "_name")

    def __init__(self, name: str) -> None:
        self._name = name
        self._module: ModuleType | None = None

    def __getattr__(self, attr: str) -> Any:
        module = self._module
        if module is None:  # kept only once imported whole: a second thread waits in import_module
            module = self._module = importlib.import_module(self._name)
        return getattr(module, attr)

    def __repr__(self) -> str:
        return f"<module {self._name!r}, imported on first use>"
