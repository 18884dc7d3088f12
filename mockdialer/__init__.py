"""mockdialer: a local mock of telephony vendors' dialer-campaign APIs (Acefone, CallFire API 1.1)."""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

__version__ = "0.1.0"


def create_app(config: type | Mapping | None = None) -> Flask:
    """Build the app: settings, store, clock, error pipeline, one blueprint per vendor transport.

    ``config`` is a Config class (``mockdialer.config.TestingConfig``) or a mapping of settings
    that override the environment (``{"DB": ":memory:"}``).
    """
    from . import admin, clock, errors, fixtures, openapi, store, vendors
    from . import config as config_module

    app = Flask(__name__, instance_relative_config=True)
    app.config.from_object(config_module.config_from_env())
    if isinstance(config, type):
        app.config.from_object(config)
    elif config is not None:
        app.config.from_mapping(config)
    config_module.finalize(app)
    app.json.sort_keys = False  # keys in the order the vendor's documentation shows them

    errors.init_app(app)
    clock.init_app(app)
    store.init_app(app)
    vendors.init_app(app)
    admin.init_app(app)
    fixtures.init_app(app)
    openapi.init_app(app)
    return app
