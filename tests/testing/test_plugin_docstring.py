"""The pytest plugin's module docstring names every verb its handles offer (it is the plugin's help);
the URL and credential fields come from ``Endpoints`` and are documented with it."""

from __future__ import annotations

import dataclasses
import inspect

from mockdialer.admin.accounts import Endpoints
from mockdialer.admin.client import AdminClock
from mockdialer.testing import inprocess, pytest_plugin


def _public(cls) -> set[str]:
    return {name for name, _ in inspect.getmembers(cls) if not name.startswith("_")}


def test_the_docstring_lists_every_verb_of_the_handles():
    doc = pytest_plugin.__doc__
    endpoints = _public(Endpoints) | {f.name for f in dataclasses.fields(Endpoints)}
    verbs = (_public(pytest_plugin.MockDialer) | _public(inprocess.VendorMock)) - endpoints
    verbs -= {"app", "start", "stop"}  # the Flask app; entering and leaving mock_vendors()
    assert sorted(v for v in verbs if f"``{v}" not in doc) == []
    assert sorted(v for v in _public(AdminClock) if f"{v}(" not in doc) == []
