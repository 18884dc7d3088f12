"""Operations are declared once: a second declaration of a name (or of a method on a path) raises, and
what a vendor's table declares is what the app routes, journals and documents."""

from __future__ import annotations

import dataclasses

import pytest
from flask import Blueprint, jsonify

from mockdialer import create_app, pipeline
from mockdialer.callfire.operations import OPERATIONS, Table


def _surface() -> pipeline.Surface:
    return pipeline.Surface("test", "test", "/test/", lambda err, status: jsonify(status=status))


def test_a_name_declared_twice_on_a_surface_raises():
    surface, bp = _surface(), Blueprint("test_twice", __name__)
    pipeline.operation(surface, bp, "test.one", "/a", ["GET"])(lambda caller: "a")
    with pytest.raises(pipeline.DuplicateOperation, match="test.one"):
        pipeline.operation(surface, bp, "test.one", "/b", ["GET"])(lambda caller: "b")


def test_a_method_and_path_declared_twice_raises():
    surface, bp = _surface(), Blueprint("test_path_twice", __name__)
    pipeline.operation(surface, bp, "test.one", "/a", ["GET"])(lambda caller: "a")
    with pytest.raises(pipeline.DuplicateOperation, match="GET /a"):
        pipeline.operation(surface, bp, "test.two", "/a", ["GET"])(lambda caller: "b")


def test_a_callfire_operation_declared_twice_raises():
    table = Table()
    first = OPERATIONS["GetCccCampaign"]
    table.declare(first)
    with pytest.raises(pipeline.DuplicateOperation, match="GetCccCampaign"):
        table.declare(dataclasses.replace(first, summary="again"))
    assert table["GetCccCampaign"] is first


def test_every_declared_callfire_operation_is_routed_and_documented():
    app = create_app({"DB": ":memory:"})
    declared = set(pipeline.operations(app))
    assert {f"callfire.{name}" for name in OPERATIONS} <= declared
    with app.test_client() as client:
        document = client.get("/openapi.json").get_json()
        listed = client.get("/__admin/operations").get_json()
    paths = document["paths"].values()
    documented = {op["operationId"] for item in paths for op in item.values() if "operationId" in op}
    rest = {f"callfire.{name}" for name, op in OPERATIONS.items() if op.rest is not None}
    assert rest <= documented and {f"{name}.json" for name in rest} <= documented
    assert {f"callfire.{name}" for name in OPERATIONS} <= set(listed["operations"])
