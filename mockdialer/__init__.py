"""mockdialer: a local mock of telephony vendors' dialer-campaign APIs (Acefone, CallFire API 1.1).

``create_app`` assembles the layers (see README, "Architecture"): settings, the store, the harness
services, one surface per vendor transport, the admin API, the OpenAPI document and the commands.
Nothing inside the package imports this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from . import acefone, admin, callfire, cli, config, console, harness, openapi, pipeline, store
from .harness import fixtures

__version__ = "0.1.0"


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
