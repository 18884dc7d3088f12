"""How the vendors' custom marshmallow fields read in OpenAPI: types, enums, bounds, patterns.

Strict mode (``STRICT``) documents the vendor's own types (the type column of Acefone's page, which it
enforces); the lenient default documents what it takes: the PHP-like variants too (numbers as text,
0/1 flags as booleans or text, null as "unset"), with blank text and surrounding whitespace.
"""

from __future__ import annotations

from apispec.ext.marshmallow import MarshmallowPlugin

from ..acefone import fields as ace
from ..admin import schemas as admin

EPOCH_MAX = 253402300799  # 9999-12-31T23:59:59Z: the clock's range ends there
NUMERIC = "[+-]?[0-9]+(\\.[0-9]+)?"
ISO = (
    "{year}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{{1,6}})?)?"
    "(Z|[+-](0[0-9]|1[0-3]):[0-5][0-9])?)?"
)
# what str.strip() takes away: Unicode White_Space and the separators \x1c-\x1f (a regex \s lacks them)
WS = "[\\s\\x1c-\\x1f]*"
NOT_SPACE = "[^\\s\\x1c-\\x1f]"

TYPES = {  # strict mode: the page's type column
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
URL = (
    "https?://[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*\\.[a-z]{2,6}(:[0-9]{1,5})?"
    "(/[A-Za-z0-9._~-]*)*"
)


def _time(clock: bool) -> list[dict]:
    """An ISO 8601 time or epoch seconds (a number or its text); the clock's stay in 1970..9999."""
    year = "(19[7-9][0-9]|[2-9][0-9]{3})" if clock else "[1-9][0-9]{3}"
    number = {"type": "number", **({"minimum": 0, "maximum": EPOCH_MAX} if clock else {})}
    text = f"^{WS}({ISO.format(year=year)}{'' if clock else '|' + NUMERIC}){WS}$"
    return [{"type": "string", "pattern": text}, number]


def _text(body: str, blank: bool) -> dict:
    """A string whose stripped text matches ``body`` (or is empty, when blank is allowed)."""
    return {"type": "string", "pattern": f"^{WS}({body}){'?' if blank else ''}{WS}$"}


def _lenient(field) -> dict:
    """What the lenient (default) reading of an Acefone field takes, as JSON Schema."""
    blank = field.blank
    if isinstance(field, ace.Text):
        string = {"type": "string", **({} if blank else {"pattern": NOT_SPACE})}
        if field.max_length:
            string["maxLength"] = field.max_length
        return {"anyOf": [string, {"type": "number"}]}
    if isinstance(field, ace.WholeNumber):
        return {"anyOf": [_text("[0-9]+", blank), {"type": "integer", "minimum": 0}]}
    if isinstance(field, ace.Choice):
        choices = "|".join(field.choices)
        return {
            "anyOf": [_text(choices, blank), {"type": "integer", "enum": [int(c) for c in field.choices]}]
        }
    if isinstance(field, ace.RefId):
        string = {"type": "string", **({} if blank else {"pattern": NOT_SPACE})}
        return {"anyOf": [string, {"type": "integer"}]}
    if isinstance(field, ace.Flag):
        return {"anyOf": [{"type": "integer", "enum": [0, 1]}, {"type": "boolean"}, _text("[01]", False)]}
    if isinstance(field, ace.Int32):
        return {
            "anyOf": [
                {"type": "integer", "minimum": 0, "maximum": ace.INT32_MAX},
                _text("0*[0-9]{1,9}", False),
            ]
        }
    if isinstance(field, ace.LeadListId):
        return {"anyOf": [{"type": "integer", "minimum": 0}, _text("0*[0-9]{1,30}", False)]}
    if isinstance(field, ace.Mapping):
        return {"anyOf": [{"type": "string"}, {"type": "object"}, {"type": "array"}]}
    if isinstance(field, ace.WebUrl):
        return _text(URL, blank)
    if isinstance(field, ace.Phone):
        return {
            "anyOf": [
                _text("\\+?[0-9]{2,15}", blank),
                {"type": "integer", "minimum": 10, "maximum": 10**15 - 1},
            ]
        }
    return {}


def _strict(field) -> dict:
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


def attributes_for(strict: bool):
    """Attribute function for apispec's field converter (``self`` is the converter)."""

    def field_attributes(self, field, **kwargs) -> dict:
        if isinstance(field, admin.Freeze):
            return {"anyOf": [{"type": "boolean"}, *_time(clock=True)]}
        if isinstance(field, admin.ClockTime):
            return {"anyOf": _time(clock=True)}
        if isinstance(field, admin.Since):  # a query filter: empty means "not given" (the console's forms)
            return {"anyOf": [*_time(clock=False), {"type": "string", "pattern": r"^\s*$"}]}
        if not isinstance(field, ace.ModeField):
            return {}
        if strict:
            return _strict(field)
        described = _lenient(field)
        if field.blank and field.nullable:  # lenient mode reads null as "unset"
            described["nullable"] = True
        return described

    return field_attributes


def register(plugin: MarshmallowPlugin, strict: bool = False) -> None:
    """Map the custom fields (as the app reads them: ``STRICT`` or lenient); call after the plugin was
    given to the ``APISpec``."""
    if strict:
        for field_cls, (type_, format_) in TYPES.items():
            plugin.map_to_openapi_type(field_cls, type_, format_)
    plugin.converter.add_attribute_function(attributes_for(strict))
