"""The app factory: ``create_app`` assembles the layers (see docs/architecture.md): settings, the store,
the harness services, the request pipeline, one surface per vendor transport, the admin API, the OpenAPI
document, the console and the commands, then seeds an empty store."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import Flask

from . import acefone, admin, callfire, cli, config, console, harness, openapi, pipeline, store
from .harness import fixtures
from .json_provider import JSONProvider


class App(Flask):
    """Flask, its views and hooks all plain functions: ``ensure_sync`` hands each back as it is (Flask's
    own asks ``inspect`` whether it is a coroutine, for every hook and view of every request); its JSON
    is ``json_provider.JSONProvider``'s."""

    json_provider_class = JSONProvider

    def ensure_sync(self, func: Callable) -> Callable:
        return func


def create_app(settings: type | Mapping | None = None) -> Flask:
    """Build the app. ``settings`` is a Config class (``mockdialer.config.TestingConfig``) or a
    mapping of settings that override the environment (``{"DB": ":memory:"}``)."""
    app = App("mockdialer", instance_relative_config=True)
    app.config.from_object(config.config_from_env())
    if isinstance(settings, type):
        app.config.from_object(settings)
    elif settings is not None:
        app.config.from_mapping(settings)
    config.finalize(app)

    store.init_app(app)
    harness.init_app(app)
    pipeline.init_app(app)
    for surface in (acefone, callfire, admin, openapi, console, cli):
        surface.init_app(app)
    fixtures.init_app(app)
    return app
