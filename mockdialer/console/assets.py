"""htmx from an installed package: ``django-js-lib-htmx`` is a plain wheel of htmx's own files (Django is
not needed), an install requirement, so ``pip install mockdialer`` brings it; nothing is fetched at
run time and nothing is copied into the repository."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

HTMX_PACKAGE = "django-js-lib-htmx"


class MissingAsset(RuntimeError):
    """A front-end package is not installed; the message says which and how to install it."""


def _missing(package: str) -> MissingAsset:
    return MissingAsset(
        f"mockdialer: the console's front-end files come from the Python package {package}, which is not "
        f"installed. Run `pip install {package}` (or `make install`)."
    )


def htmx_dir() -> Path:
    try:
        return Path(str(resources.files("js_lib_htmx") / "static" / "htmx"))
    except ModuleNotFoundError:
        raise _missing(HTMX_PACKAGE) from None

