"""Acefone's own error kinds, beside the shared ones in ``mockdialer.errors``."""

from __future__ import annotations

from ..errors import NotFound, Unauthorized


class MissingObject(NotFound):
    """An id the account does not hold (campaign, DID, list, ...): always 404, never the route setting."""


class LoginFailed(Unauthorized):
    """A failed login; ``extra`` carries keys the vendor adds to the envelope (``login_failed_count``)."""

    def __init__(self, message: str, **extra) -> None:
        super().__init__(message)
        self.extra = extra
