"""Properties of the journal over arbitrary bytes and strings: what it stores is always valid text and
JSON, escaped bytes round-trip, bodies stay bounded, and a secret never shows."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from mockdialer.harness import journal
from mockdialer.harness.journal import BODY_LIMIT, clean, escape_bytes, unescape

SURROGATES = st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF)
TEXT = st.text(st.one_of(st.characters(), SURROGATES), max_size=200)
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | TEXT,
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(TEXT, inner, max_size=5),
    max_leaves=30,
)


def valid_text(value) -> str:
    text = json.dumps(value, ensure_ascii=False)
    text.encode("utf-8")  # no lone surrogates anywhere
    return text


@given(st.binary(max_size=3000))
def test_any_bytes_escape_to_text_and_back(data):
    text, escaped = escape_bytes(data)
    text.encode("utf-8")
    assert (unescape(text) if escaped else text.encode("utf-8")) == data


@given(TEXT)
def test_any_string_is_cleaned_to_valid_text(text):
    cleaned = clean(text)
    cleaned.encode("utf-8")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        assert unescape(cleaned) == text.encode("utf-8", "surrogatepass")
    else:
        assert cleaned == text


@given(JSON)
def test_any_parsed_body_is_shown_as_valid_bounded_json(value):
    shown = journal._parsed(value)
    assert len(valid_text(shown)) < BODY_LIMIT + 200


@settings(max_examples=50)
@given(st.binary(max_size=BODY_LIMIT * 5), st.sampled_from(["application/json", "text/plain",
       "application/x-www-form-urlencoded", "application/soap+xml"]))
def test_any_raw_body_of_any_type_is_shown_as_valid_bounded_text(data, mimetype):
    shown = journal._request_body(mimetype, data)
    assert len(valid_text(shown)) < 2 * BODY_LIMIT + 200
    assert len(valid_text(journal._response_body(True, data))) < 2 * BODY_LIMIT + 200


SECRET = st.text(st.characters(categories=["L", "N"]), min_size=6, max_size=20).map(lambda s: "Zq" + s)
NAME = st.sampled_from(["password", "Password", "access_token", "api_key", "client_secret", "TOKEN"])


@given(NAME, SECRET, st.binary(max_size=100))
def test_a_secret_never_shows_in_any_raw_body(name, secret, noise):
    noise_text = noise.decode("latin-1").replace("<", "").replace("&", "").replace('"', "")
    bodies = [
        f'{{"user": "a", "{name}": "{secret}", "x": "{noise_text}'.encode(),  # malformed JSON
        f"user=a&{name}={secret}&x=1".encode(),
        f"<env:Body><wsse:{name} Type='t'>{secret}</wsse:{name}></env:Body>".encode(),
    ]
    for body in bodies:
        for mimetype in ("text/plain", "application/json", "application/x-www-form-urlencoded"):
            assert secret not in json.dumps(journal._request_body(mimetype, body), ensure_ascii=False)
    assert secret not in json.dumps(journal._query(f"{name}={secret}&q=1"))
