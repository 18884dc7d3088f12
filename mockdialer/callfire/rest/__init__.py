"""CallFire API 1.1 CccService over REST."""

from flask import Flask


def init_app(app: Flask) -> None:
    pass
