"""The app's JSON provider: Flask's, keys in the order the vendor's documentation shows them, and the
compact answers ``jsonify`` writes written by orjson.

Flask writes a compact answer with the standard library in ASCII (anything else as ``\\uXXXX``). orjson
writes the same bytes for a document that comes out ASCII; a document it refuses (an integer past 64
bits, a lone surrogate, a key that is not a string, an object only Flask's ``default`` knows) or one
with other characters is written by the standard library as before. Two spellings differ, never the
value: a float with a negative exponent (orjson ``1e-7``, the standard library ``1e-07``) and a
non-finite float (orjson ``null``, the standard library ``NaN``, which no JSON parser reads; no vendor
route answers one).
"""

from __future__ import annotations

from typing import Any

import orjson
from flask.json.provider import DefaultJSONProvider

COMPACT = {"separators": (",", ":")}  # what ``response`` asks for out of debug mode
PASSTHROUGH = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_PASSTHROUGH_DATACLASS  # Flask's ``default``


class JSONProvider(DefaultJSONProvider):
    sort_keys = False

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        if kwargs == COMPACT:
            try:
                written = orjson.dumps(obj, option=PASSTHROUGH)
            except TypeError:
                pass
            else:
                if written.isascii():
                    return written.decode("ascii")
        return super().dumps(obj, **kwargs)
