"""mockdialer: a local mock of telephony vendors' dialer-campaign APIs (Acefone, CallFire API 1.1).

``create_app`` assembles the layers (see README, "Architecture"): settings, the store, the harness
services, one surface per vendor transport, the admin API, the OpenAPI document and the commands.
Nothing inside the package imports this module but what stands above every layer: ``__main__`` (the
command line) and ``testing`` (the pytest plugin, ``mock_vendors``, which this module imports lazily).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar, overload

from flask import Flask

from . import acefone, admin, callfire, cli, config, console, harness, openapi, pipeline, store
from .harness import fixtures

if TYPE_CHECKING:
    from .testing.inprocess import VendorMock

F = TypeVar("F", bound=Callable[..., Any])

__version__ = "0.1.0"
__all__ = ["__version__", "create_app", "mock_vendors"]


def create_app(settings: type | Mapping | None = None) -> Flask:
    """Build the app. ``settings`` is a Config class (``mockdialer.config.TestingConfig``) or a
    mapping of settings that override the environment (``{"DB": ":memory:"}``)."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config.config_from_env())
    if isinstance(settings, type):
        app.config.from_object(settings)
    elif settings is not None:
        app.config.from_mapping(settings)
    config.finalize(app)
    app.json.sort_keys = False  # keys in the order the vendor's documentation shows them

    store.init_app(app)
    harness.init_app(app)
    pipeline.init_app(app)
    for surface in (acefone, callfire, admin, openapi, console, cli):
        surface.init_app(app)
    fixtures.init_app(app)
    return app


@overload
def mock_vendors(
    app: Flask | None = None, *, block_other_hosts: bool = ..., reset: bool = ...
) -> VendorMock: ...


@overload
def mock_vendors(app: F, *, block_other_hosts: bool = ..., reset: bool = ...) -> F: ...


def mock_vendors(app: Any = None, *, block_other_hosts: bool = False, reset: bool = True) -> Any:
    """Answer the vendors' real hosts (``https://api.acefone.in``, ``https://www.callfire.com``, ...)
    from mockdialer in this process, for ``requests``/zeep and ``httpx``: a context manager
    (``with mockdialer.mock_vendors() as mock:``) and a decorator (``@mockdialer.mock_vendors``).
    See ``mockdialer.testing.inprocess``; needs the ``testing`` extra (responses, respx)."""
    from .testing.inprocess import mock_vendors as build  # imported on use: responses, respx, httpx

    return build(app, block_other_hosts=block_other_hosts, reset=reset)
