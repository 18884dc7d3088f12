"""The test-harness surface: admin API under /__admin/, request journal, fault injection, clock."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass
