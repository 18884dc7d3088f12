"""``python -m mockdialer`` and the ``mockdialer`` console script: ``mockdialer run|seed|reset|accounts``
(see ``mockdialer.cli``)."""

from __future__ import annotations

from .app import create_app
from .cli import main as commands


def main() -> None:
    commands(obj={"factory": create_app}, prog_name="mockdialer")


if __name__ == "__main__":
    main()
