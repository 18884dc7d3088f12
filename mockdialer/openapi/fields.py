"""How the vendors' custom marshmallow fields read in OpenAPI: types, enums, bounds, patterns.

The request schemas document the vendor's own types (the type column of Acefone's page, which strict
mode enforces); the lenient default also takes the PHP-like variants each field's description names.
"""

from __future__ import annotations

from apispec.ext.marshmallow import MarshmallowPlugin

from ..acefone import fields as ace
from ..admin import schemas as admin

TIME = [{"type": "string", "format": "date-time"}, {"type": "number"}]

TYPES = {
    ace.Text: ("string", None),
    ace.WholeNumber: ("string", None),
    ace.Choice: ("string", None),
    ace.RefId: ("string", None),
    ace.Flag: ("integer", None),
    ace.Int32: ("integer", "int32"),
    ace.LeadListId: ("integer", None),
    ace.Mapping: ("string", None),
    ace.WebUrl: ("string", "uri"),
    ace.Phone: ("string", None),
}


def field_attributes(self, field, **kwargs) -> dict:
    """Attribute function for apispec's field converter (``self`` is the converter)."""
    if isinstance(field, admin.Freeze):
        return {"anyOf": [{"type": "boolean"}, *TIME]}
    if isinstance(field, admin.Since):
        return {"anyOf": TIME}
    if isinstance(field, ace.Text) and field.max_length:
        return {"maxLength": field.max_length}
    if isinstance(field, ace.WholeNumber):
        return {"pattern": "^[0-9]*$"}
    if isinstance(field, ace.Choice):
        return {"enum": [*field.choices, *([""] if field.blank else [])]}
    if isinstance(field, ace.Flag):
        return {"enum": [0, 1]}
    if isinstance(field, ace.Int32):
        return {"minimum": 0, "maximum": ace.INT32_MAX}
    if isinstance(field, ace.LeadListId):
        return {"minimum": 0}
    if isinstance(field, ace.Phone):
        return {"pattern": r"^(\+?[0-9]{2,15})?$"}
    return {}


def register(plugin: MarshmallowPlugin) -> None:
    """Map the custom fields; call after the plugin was given to the ``APISpec``."""
    for field_cls, (type_, format_) in TYPES.items():
        plugin.map_to_openapi_type(field_cls, type_, format_)
    plugin.converter.add_attribute_function(field_attributes)
