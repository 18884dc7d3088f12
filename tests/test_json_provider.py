"""The app's JSON answers: orjson's bytes where they are the standard library's, the standard library's
for the rest (mockdialer/json_provider.py)."""

import json

import pytest
from flask import jsonify

from mockdialer import create_app
from mockdialer.config import TestingConfig


@pytest.fixture
def app():
    return create_app(TestingConfig)


def standard(doc) -> bytes:
    return (json.dumps(doc, separators=(",", ":"), ensure_ascii=True) + "\n").encode()


@pytest.mark.parametrize(
    "doc",
    [
        {"success": True, "message": "Campaign updated successfully", "z": 1, "a": [1, 2.5, None]},
        {"name": "café ☃ 名"},  # not ASCII: escaped, as Flask writes it
        {"big": 2**70, "neg": -(2**64)},  # past 64 bits: orjson refuses, json writes them
        {"lone": "\ud800"},  # a lone surrogate: orjson refuses
        {1: "an integer key"},  # json writes "1"
        [],
    ],
)
def test_a_compact_answer_is_the_standard_librarys_bytes(app, doc):
    with app.test_request_context():
        assert jsonify(doc).get_data() == standard(doc)


def test_keys_keep_their_order(app):
    with app.test_request_context():
        assert jsonify({"b": 1, "a": 2}).get_data() == b'{"b":1,"a":2}\n'


def test_a_date_is_written_by_flasks_default(app):
    from datetime import UTC, datetime

    with app.test_request_context():
        body = jsonify({"at": datetime(2026, 12, 7, 16, 0, tzinfo=UTC)}).get_data()
    assert body == b'{"at":"Mon, 07 Dec 2026 16:00:00 GMT"}\n'


def test_in_debug_mode_the_answer_is_indented(app):
    app.debug = True
    with app.test_request_context():
        assert jsonify({"a": 1}).get_data() == b'{\n  "a": 1\n}\n'
