"""marshmallow fields for the campaign body, each with a lenient (PHP-like) and a strict reading.

Lenient (default): 0/1 flags as 0, 1, "0", "1", true, false; string-typed numbers and ids as numbers or
numeric strings (docs/vendors/acefone.md "The vendor's pages disagree on scalar types"). Strict: the JSON
type must be
the one in the type column of update-dialer-campaign.txt. Every field returns the value as stored and
read back: strings for String-typed fields, ints for integer/int32 fields. Used by ``schemas.py``.
"""

from __future__ import annotations

import re

from marshmallow import Schema, fields, validate

from .body import json_type

DIGITS = re.compile(r"^[0-9]+$")
INT32_MAX = 2**31 - 1

# JSON Schema of what a field takes (``ModeField.json_schema``, for the OpenAPI document): blank text and
# surrounding whitespace are what str.strip() takes away, Unicode White_Space and \x1c-\x1f
WS = "[\\s\\x1c-\\x1f]*"
NOT_SPACE = "[^\\s\\x1c-\\x1f]"
URL = (
    "https?://[a-z0-9]+(-[a-z0-9]+)*(\\.[a-z0-9]+(-[a-z0-9]+)*)*\\.[a-z]{2,6}(:[0-9]{1,5})?"
    "(/[A-Za-z0-9._~-]*)*"
)


def text_matching(body: str, blank: bool) -> dict:
    """A string whose stripped text matches ``body`` (or is empty, when blank is allowed)."""
    return {"type": "string", "pattern": f"^{WS}({body}){'?' if blank else ''}{WS}$"}


def whole(digits: str) -> int | None:
    """The int of a string of digits; None past 30 significant digits (int() refuses over 4300)."""
    significant = digits.lstrip("0")
    return int(significant or "0") if len(significant) <= 30 else None


def _is_number(value) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


class ModeField(fields.Field):
    """A field that knows whether its schema is strict (``strict = True`` on the schema class)."""

    strict_type = "string"  # the JSON type strict mode requires, as the vendor's page names it
    nullable = True  # lenient mode takes null as "unset" (not for flags and ids inside arrays)
    default_error_messages = {
        "strict_type": "Must be a JSON {expected} in strict mode; got {got}.",
        "blank": "May not be blank.",
    }

    def __init__(self, *, blank: bool = True, **kwargs) -> None:
        # "" is accepted (and stored) as "not set", except for the fields mandatory on create
        self.blank = blank and not kwargs.get("required", False)
        super().__init__(**kwargs)

    def json_schema(self, strict: bool) -> dict:
        """What this field takes, as JSON Schema: the page's type in strict mode (``strict_schema``),
        the PHP-like variants too in lenient mode (``lenient_schema``)."""
        if strict:
            return {**self.openapi_type, **self.strict_schema()}
        described = self.lenient_schema()
        if self.blank and self.nullable:  # lenient mode reads null as "unset"
            described["nullable"] = True
        return described

    openapi_type: dict = {"type": "string"}  # strict mode's JSON type (and format)
    stored_schema: dict = {"type": "string"}  # the value as stored and returned (GET), as JSON Schema

    def strict_schema(self) -> dict:
        return {}

    def lenient_schema(self) -> dict:
        return {}

    def deserialize(self, value, attr=None, data=None, **kwargs):
        # Lenient mode reads null like PHP's nullable columns: an optional scalar set to null is unset.
        # Strict mode (null is not the page's type), flags and create-mandatory fields refuse it.
        if value is None and self.blank and self.nullable and not self.is_strict():
            return None
        return super().deserialize(value, attr, data, **kwargs)

    def is_strict(self) -> bool:
        """Whether the schema this field is bound to (through any List) is strict."""
        node = self
        while node is not None and not isinstance(node, Schema):
            node = getattr(node, "parent", None)
        return bool(getattr(node, "strict", False))

    def check_strict(self, value, *types) -> None:
        if self.is_strict() and not (isinstance(value, types) and not isinstance(value, bool)):
            raise self.make_error("strict_type", expected=self.strict_type, got=json_type(value))

    def check_blank(self, value: str) -> bool:
        """True when ``value`` is an accepted blank ""; raises when blank is not allowed here."""
        if value.strip() == "":
            if not self.blank:
                raise self.make_error("blank")
            return True
        return False


class Text(ModeField):
    """A free String (name, description); lenient mode also takes a number and stores its text."""

    default_error_messages = {"invalid": "Must be a string.", "too_long": "Longer than {max} characters."}

    def __init__(self, *, max_length: int | None = None, **kwargs) -> None:
        self.max_length = max_length
        super().__init__(**kwargs)

    def strict_schema(self) -> dict:
        return {"maxLength": self.max_length} if self.max_length else {}

    def lenient_schema(self) -> dict:
        string = {"type": "string", **({} if self.blank else {"pattern": NOT_SPACE})}
        if self.max_length:
            string["maxLength"] = self.max_length
        return {"anyOf": [string, {"type": "number"}]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if _is_number(value):
            value = str(value)
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if self.check_blank(value):
            return value
        if self.max_length and len(value) > self.max_length:
            raise self.make_error("too_long", max=self.max_length)
        return value


class WholeNumber(ModeField):
    """A String-typed duration, count or ratio: a non-negative whole number, stored as its digits."""

    default_error_messages = {"invalid": 'Must be a non-negative whole number (as a string, e.g. "30").'}

    def strict_schema(self) -> dict:
        return {"pattern": "^[0-9]*$"}

    def lenient_schema(self) -> dict:
        return {"anyOf": [text_matching("[0-9]+", self.blank), {"type": "integer", "minimum": 0}]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, int) and value >= 0:
            return str(value)
        if isinstance(value, float) and value.is_integer() and value >= 0:
            return str(int(value))
        if isinstance(value, str):
            if self.check_blank(value):
                return ""
            if DIGITS.match(value.strip()):
                return value.strip().lstrip("0") or "0"
        raise self.make_error("invalid")


class Choice(ModeField):
    """A String-typed enumeration of ids ("1", "2", ...); lenient mode also takes the number."""

    default_error_messages = {"invalid": "Must be one of {choices}."}

    def __init__(self, choices: dict[str, str], **kwargs) -> None:
        self.choices = choices
        super().__init__(**kwargs)

    def strict_schema(self) -> dict:
        return {"enum": [*self.choices, *([""] if self.blank else [])]}

    def lenient_schema(self) -> dict:
        numbers = {"type": "integer", "enum": [int(c) for c in self.choices]}
        return {"anyOf": [text_matching("|".join(self.choices), self.blank), numbers]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if isinstance(value, str):
            if self.check_blank(value):
                return ""
            if value.strip() in self.choices:
                return value.strip()
        listed = ", ".join(f'"{k}" ({v})' for k, v in self.choices.items())
        raise self.make_error("invalid", choices=listed)


class RefId(ModeField):
    """A String-typed id of another object of the account (checked by the campaign domain)."""

    default_error_messages = {"invalid": 'Must be an id (a string such as "1001").'}

    def lenient_schema(self) -> dict:
        string = {"type": "string", **({} if self.blank else {"pattern": NOT_SPACE})}
        return {"anyOf": [string, {"type": "integer"}]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if isinstance(value, int) and not isinstance(value, bool):
            return str(value)
        if isinstance(value, str):
            if self.check_blank(value):
                return ""
            return value.strip()
        raise self.make_error("invalid")


class Flag(ModeField):
    """A 0/1 integer flag. Lenient: 0, 1, "0", "1", true, false (docs/vendors/acefone.md); strict: the
    integers 0 or 1."""

    nullable = False
    strict_type = "integer"
    default_error_messages = {"invalid": "Must be 0 or 1."}

    openapi_type = {"type": "integer"}
    stored_schema = {"type": "integer"}

    def strict_schema(self) -> dict:
        return {"enum": [0, 1]}

    def lenient_schema(self) -> dict:
        as_text = text_matching("[01]", False)
        return {"anyOf": [{"type": "integer", "enum": [0, 1]}, {"type": "boolean"}, as_text]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, int)
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, int) and value in (0, 1):
            return value
        if isinstance(value, str) and value.strip() in ("0", "1"):
            return int(value.strip())
        raise self.make_error("invalid")


class Int32(ModeField):
    """An int32 id (agents); lenient mode also takes its digits as a string."""

    nullable = False
    strict_type = "integer"
    default_error_messages = {"invalid": "Must be a whole number between 0 and 2147483647."}

    openapi_type = {"type": "integer", "format": "int32"}
    stored_schema = {"type": "integer"}

    def strict_schema(self) -> dict:
        return {"minimum": 0, "maximum": INT32_MAX}

    def lenient_schema(self) -> dict:
        number = {"type": "integer", "minimum": 0, "maximum": INT32_MAX}
        return {"anyOf": [number, text_matching("0*[0-9]{1,9}", False)]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, int)
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, str) and DIGITS.match(value.strip()):
            value = whole(value.strip())
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        if isinstance(value, int) and 0 <= value <= INT32_MAX:
            return value
        raise self.make_error("invalid")


class LeadListId(ModeField):
    """``lead_list_map[].list_id``: the page's example writes it as a number; a numeric string is also
    taken in both modes (the page's type column does not reach inside the array). Kept as sent."""

    nullable = False
    strict_type = "integer or string"
    default_error_messages = {"invalid": "Must be a lead list id (a whole number such as 5001)."}

    openapi_type = {"type": "integer"}
    stored_schema = {"type": "integer"}

    def strict_schema(self) -> dict:
        return {"minimum": 0}

    def lenient_schema(self) -> dict:
        return {"anyOf": [{"type": "integer", "minimum": 0}, text_matching("0*[0-9]{1,30}", False)]}

    def _deserialize(self, value, attr, data, **kwargs):
        if isinstance(value, bool):
            raise self.make_error("invalid")
        if isinstance(value, str) and DIGITS.match(value.strip()) and whole(value.strip()) is not None:
            return value.strip()
        if isinstance(value, int) and value >= 0:
            return value
        raise self.make_error("invalid")


class Mapping(ModeField):
    """``map_agent_caller_id`` / ``map_agent_lead_list``: a String on the page, format undocumented.
    Lenient mode also takes a JSON object or array (what a PHP client posting an array sends), kept as is."""

    default_error_messages = {"invalid": "Must be a string."}
    stored_schema = {"description": "As sent: a string, object or array"}

    def lenient_schema(self) -> dict:
        return {"anyOf": [{"type": "string"}, {"type": "object"}, {"type": "array"}]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if isinstance(value, str | dict | list):
            return value
        raise self.make_error("invalid")


class WebUrl(ModeField):
    """``webform_url``: an http(s) URL, or "" for none."""

    default_error_messages = {"invalid": "Must be an http or https URL."}
    _validator = validate.URL(schemes={"http", "https"}, require_tld=False)

    openapi_type = {"type": "string", "format": "uri"}

    def lenient_schema(self) -> dict:
        return text_matching(URL, self.blank)

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if self.check_blank(value):
            return ""
        try:
            return self._validator(value.strip())
        except Exception as exc:
            raise self.make_error("invalid") from exc


class Phone(ModeField):
    """``agent_dial_in_number``: a phone number or a DID id (digits, optional leading +), or ""."""

    default_error_messages = {
        "invalid": "Must be a phone number or DID id: digits with an optional leading +."
    }
    digits = "\\+?[0-9]{2,15}"
    _pattern = re.compile(f"^{digits}$")

    def strict_schema(self) -> dict:
        return {"pattern": f"^({self.digits})?$"}

    def lenient_schema(self) -> dict:
        number = {"type": "integer", "minimum": 10, "maximum": 10**15 - 1}
        return {"anyOf": [text_matching(self.digits, self.blank), number]}

    def _deserialize(self, value, attr, data, **kwargs):
        self.check_strict(value, str)
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            raise self.make_error("invalid")
        if self.check_blank(value):
            return ""
        compact = re.sub(r"[\s-]", "", value)
        if not self._pattern.match(compact):
            raise self.make_error("invalid")
        return compact


class StrictList(fields.List):
    """A JSON array in both modes (strict and lenient alike: no PHP coercion of a scalar into a list)."""

    default_error_messages = {"invalid": "Must be an array."}
