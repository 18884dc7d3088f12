"""Acefone dialer API (JSON REST under /v1/): auth, dialer campaigns, and the account objects they use."""

from __future__ import annotations

from flask import Flask

from .. import pipeline
from ..harness.fixtures import register_seeder
from . import call_routes, dialing, routes, webhooks
from .seed import seed_account


def init_app(app: Flask) -> None:
    pipeline.install(app, routes.SURFACE, call_routes.bp, routes.bp)
    register_seeder(app, "acefone", seed_account)
    dialing.init_app(app)
    webhooks.init_app(app)
