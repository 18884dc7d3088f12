"""The XSD's simple types read from their lexical form: xs:string (trimmed, one
value), xs:int / xs:long with bounds, xs:boolean, xs:time, xs:dateTime and xs:list. The schemas' fields
(``schemas.py``) read values here, so a wrong value gets the same words in every operation.

Each reader takes a raw value as a transport parsed it (a string, or a list of strings when a key or
element was repeated) and returns the typed value or raises ``Invalid`` with the problem
(``must be an integer, got 'x'``); ``failed(errors)`` turns ``{field: [problem, ...]}`` into the
``ValidationFailed`` every transport renders.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, time

from ..errors import ValidationFailed, bounded

# Characters XML 1.0 cannot carry (control characters, lone surrogates, U+FFFE/U+FFFF): the complement of
# XML's Char production, written as the set of characters it leaves out
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
XML_SPACE = " \t\n\r"  # XML's whitespace: what is trimmed, and what separates xs:list items
_LIST_SEPARATOR = re.compile("[ \t\n\r]+")
INT_RANGE = (-(2**31), 2**31 - 1)
LONG_RANGE = (-(2**63), 2**63 - 1)
# the XSD's PhoneNumber pattern (docs/vendors/callfire.md)
PHONE_NUMBER = re.compile(r"\A(?:[a-zA-Z_]+|\+?[0-9]+)\Z")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?")
_DATETIME = re.compile(
    r"-?[0-9]{4,}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?"
)


class Invalid(ValueError):
    """A value its type does not take; the message is the problem, worded to follow the field's name."""


def blank(value) -> bool:
    """A value sent empty (``Script=``, ``<Script/>``) counts as not sent."""
    return value is None or (isinstance(value, str) and not value.strip(XML_SPACE))


def xml_text(value: str) -> None:
    """CallFire's resources are XML: a value XML cannot carry (control characters) is refused."""
    if XML_UNSAFE.search(value):
        raise Invalid("holds a character XML cannot carry (a control character)")


def string(value) -> str:
    """xs:string: a scalar given as a list (a key repeated) takes its last value; trimmed."""
    if isinstance(value, list | tuple):
        value = value[-1] if value else ""
    if not isinstance(value, str):
        raise Invalid("must be a single value")
    xml_text(value)
    return value.strip(XML_SPACE)


@dataclass(frozen=True)
class Int:
    """The reader of xs:int (or xs:long with ``long=True``), optionally bounded by ``min`` and ``max``:
    ``Int(long=True, min=0)("42") == 42``."""

    long: bool = False
    min: int | None = None
    max: int | None = None

    @property
    def lo(self) -> int:
        return (LONG_RANGE if self.long else INT_RANGE)[0] if self.min is None else self.min

    @property
    def hi(self) -> int:
        return (LONG_RANGE if self.long else INT_RANGE)[1] if self.max is None else self.max

    def __call__(self, value) -> int:
        text = string(value)
        if not _INTEGER.fullmatch(text):
            raise Invalid(f"must be {'a long integer' if self.long else 'an integer'}, got {text!r}")
        # past any long: not converted (int() refuses more than 4300 digits)
        number = int(text) if len(text.lstrip("+-").lstrip("0")) <= 19 else None
        lo, hi = self.lo, self.hi
        if number is None or not lo <= number <= hi:
            below = text.startswith("-") if number is None else number < lo
            if hi in (INT_RANGE[1], LONG_RANGE[1]):
                raise Invalid(f"must be {lo} or more" if below else "is too large")
            got = number if number is not None else text[:20] + "..."
            raise Invalid(f"must be between {lo} and {hi}, got {got}")
        return number


def boolean(value) -> bool:
    """xs:boolean: true, false, 1, 0 (PHP's http_build_query sends 1 and 0)."""
    text = string(value)
    if text in ("true", "1"):
        return True
    if text in ("false", "0"):
        return False
    raise Invalid(f"must be true or false, got {text!r}")


def time_of_day(value) -> str:
    """xs:time ``HH:mm:ss``; an optional zone is accepted and dropped (it is the callee's local time)."""
    text = string(value)
    match = _TIME.fullmatch(text)
    try:
        if not match:
            raise ValueError
        parsed = time(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise Invalid(f"must be a time HH:mm:ss, got {text!r}") from None
    return parsed.strftime("%H:%M:%S")


def date_time(value) -> datetime:
    """xs:dateTime ``CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm]``; no zone means UTC. An aware datetime."""
    text = string(value)
    if not _DATETIME.fullmatch(text):
        raise Invalid(f"must be a dateTime CCYY-MM-DDThh:mm:ss[Z|(+|-)hh:mm], got {text!r}")
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise Invalid(f"is not a valid dateTime: {text!r}") from None
    return parsed.replace(tzinfo=parsed.tzinfo or UTC).astimezone(UTC)


def tokens(value) -> list[str]:
    """An xs:list's items: space-separated in one value, or the key/element repeated, or both."""
    values = value if isinstance(value, list | tuple) else [value]
    texts = [item for item in values if isinstance(item, str)]
    items = [token for text in texts for token in _LIST_SEPARATOR.split(text) if token]
    for item in items:
        xml_text(item)
    return items


def message(errors: dict[str, list[str]]) -> str:
    """Every problem in one line: ``Name is required; NumberOfRings must be 1 or more``."""
    return "; ".join(f"{field} {problem}" for field, problems in errors.items() for problem in problems)


def failed(errors: dict[str, list[str]]) -> ValidationFailed:
    """Each field's problems bounded (``errors.bounded``: 20, then how many more)."""
    errors = {field: bounded(problems) for field, problems in errors.items()}
    return ValidationFailed(message(errors), errors=errors)
