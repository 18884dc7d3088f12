"""How the custom marshmallow fields read in OpenAPI: each declares its own JSON Schema
(``json_schema(strict)``, next to the rules it describes: ``acefone/fields.py``, ``admin/schemas.py``),
handed to apispec's field converter here.

Strict mode (``STRICT``) documents the vendor's own types (the type column of Acefone's page, which it
enforces); the lenient default documents what it takes: the PHP-like variants too (numbers as text,
0/1 flags as booleans or text, null as "unset"), with blank text and surrounding whitespace.
"""

from __future__ import annotations

from apispec.ext.marshmallow import MarshmallowPlugin


def attributes_for(strict: bool):
    """Attribute function for apispec's field converter (``self`` is the converter)."""

    def field_attributes(self, field, **kwargs) -> dict:
        describe = getattr(field, "json_schema", None)
        return describe(strict) if callable(describe) else {}

    return field_attributes


def register(plugin: MarshmallowPlugin, strict: bool = False) -> None:
    """Describe the custom fields as the app reads them (``STRICT`` or lenient); call after the plugin
    was given to the ``APISpec``."""
    plugin.converter.add_attribute_function(attributes_for(strict))
