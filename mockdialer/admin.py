"""The admin API's Python clients under their public import path: ``from mockdialer.admin import
AdminClient, AdminError`` (they live in ``mockdialer.harness.admin.client``)."""

from .harness.admin.client import AdminClient, AdminClock, AdminError, LocalAdmin

__all__ = ["AdminClient", "AdminClock", "AdminError", "LocalAdmin"]
