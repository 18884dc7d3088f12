"""mockdialer: a local mock of telephony vendors' dialer-campaign APIs (Acefone, CallFire API 1.1).

The public names: ``create_app`` (the app factory, ``mockdialer.app``), ``mock_vendors`` (the vendors'
real hosts answered in process, ``mockdialer.testing.inprocess``) and ``__version__``. Nothing inside
the package imports this module.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, overload

from flask import Flask

from .app import create_app

if TYPE_CHECKING:
    from .testing.inprocess import VendorMock

F = TypeVar("F", bound=Callable[..., Any])

__version__ = "0.1.0"
__all__ = ["__version__", "create_app", "mock_vendors"]


@overload
def mock_vendors(
    app: Flask | None = None, *, block_other_hosts: bool = ..., reset: bool = ..., receiver: Any = ...
) -> VendorMock: ...


@overload
def mock_vendors(app: F, *, block_other_hosts: bool = ..., reset: bool = ..., receiver: Any = ...) -> F: ...


def mock_vendors(
    app: Any = None, *, block_other_hosts: bool = False, reset: bool = True, receiver: Any = None
) -> Any:
    """Answer the vendors' real hosts (``https://api.acefone.in``, ``https://www.callfire.com``, ...)
    from mockdialer in this process, for ``requests``/zeep and ``httpx``: a context manager
    (``with mockdialer.mock_vendors() as mock:``) and a decorator (``@mockdialer.mock_vendors``).
    ``receiver``: a callable given each webhook delivery (``mock.deliveries`` has them all). See
    ``mockdialer.testing.inprocess``; needs the ``testing`` extra (responses, respx)."""
    from .testing.inprocess import mock_vendors as build  # imported on use: responses, respx, httpx

    return build(app, block_other_hosts=block_other_hosts, reset=reset, receiver=receiver)
