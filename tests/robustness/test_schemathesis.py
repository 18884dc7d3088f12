"""Schemathesis over the served OpenAPI document, in process (WSGI): every operation, a fixed seed, a
bounded number of examples; no server error, responses and statuses as documented; stateful runs follow
the document's links (create -> get -> update -> delete)."""

from __future__ import annotations

import hypothesis
import pytest
import schemathesis
from schemathesis import checks

from mockdialer import create_app
from mockdialer.admin import ops
from mockdialer.config import TestingConfig

AUTH = {"Authorization": "Bearer acefone-demo-token"}
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.status_code_conformance]
EXAMPLES = int(__import__("os").environ.get("ST_EXAMPLES", 12))
SEED = 20240607


def load_schema(app, max_examples: int = EXAMPLES, seed: int = SEED) -> schemathesis.BaseSchema:
    config = schemathesis.Config.from_dict(
        {
            "seed": seed,
            "headers": AUTH,
            "generation": {"max-examples": max_examples, "deterministic": True, "database": "none"},
            "phases": {"coverage": {"enabled": False}},
        }
    )
    return schemathesis.openapi.from_wsgi("/openapi.json", app, config=config)


APP = create_app(TestingConfig)
schema = load_schema(APP)


@pytest.fixture(autouse=True)
def fresh_state():
    """Each operation starts from the seeded state: no fault rule, clock or seed of another one."""
    ops.reset(APP)
    yield
    ops.reset(APP)


@schema.parametrize()
def test_every_operation(case):
    case.call_and_validate(checks=CHECKS)


def test_stateful_links():
    api = load_schema(create_app(TestingConfig)).include(path_regex="^/v1/")
    machine = api.as_state_machine()
    settings = hypothesis.settings(
        max_examples=15,
        stateful_step_count=6,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )

    class Workflow(machine):
        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    Workflow.run(settings=settings)
