"""``frappe.model.document.Document``: the stand-in's document class."""

from frappe import Doc as Document  # noqa: F401
