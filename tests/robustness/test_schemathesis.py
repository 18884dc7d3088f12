"""Schemathesis over the served OpenAPI document, in process (WSGI): every operation, a fixed seed, a
bounded number of examples; no server error, responses and statuses as documented; stateful runs follow
the document's links (create -> get -> update -> delete)."""

from __future__ import annotations

import collections

import hypothesis
import pytest
import schemathesis
from schemathesis import checks
from strategies import auth_for

from mockdialer import create_app
from mockdialer.acefone.routes import CAMPAIGN_EXAMPLE, UPDATE_EXAMPLE
from mockdialer.admin import actions as ops
from mockdialer.config import TestingConfig

AUTH = {"Authorization": "Bearer acefone-demo-token"}
CHECKS = [
    checks.not_a_server_error,
    checks.response_schema_conformance,
    checks.status_code_conformance,
    checks.content_type_conformance,
]

EXAMPLES = 6
SEED = 20240607
VALID_BODIES = {
    "POST /v1/dialer/campaign": CAMPAIGN_EXAMPLE,
    "PUT /v1/dialer/campaign/{campaign_id}": UPDATE_EXAMPLE,
}


def load_schema(app, mode: str = "all") -> schemathesis.BaseSchema:
    config = schemathesis.Config.from_dict(
        {
            "seed": SEED,
            "headers": AUTH,
            "generation": {"mode": mode, "max-examples": EXAMPLES, "deterministic": True, "database": "none"},
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
    case.call_and_validate(headers=auth_for(case.operation), checks=CHECKS)


def test_stateful_links():
    app = create_app(TestingConfig)
    api = load_schema(app, mode="positive").include(path_regex="^/v1/dialer/(campaign|agent_script)")
    machine = api.as_state_machine()
    seen: collections.Counter = collections.Counter()
    writes: collections.Counter = collections.Counter()
    settings = hypothesis.settings(
        max_examples=15,
        stateful_step_count=6,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(hypothesis.HealthCheck),
    )

    class Workflow(machine):
        def setup(self):
            ops.reset(app)  # every scenario starts from the seeded state, so runs repeat exactly

        def before_call(self, case):
            case.headers = {**(case.headers or {}), **auth_for(case.operation)}
            # a generated body cannot guess the account's object ids: every other create or update of a
            # campaign sends the document's example body (valid for the demo account) instead
            valid = VALID_BODIES.get(case.operation.label)
            if valid is not None:
                writes[case.operation.label] += 1  # counted per operation: creates and updates alternate
                if writes[case.operation.label] % 2:
                    case.body = dict(valid)

        def after_call(self, response, case):
            seen[(case.method, case.path, response.status_code // 100)] += 1

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            case.validate_response(response, checks=CHECKS)

    Workflow.run(settings=settings)
    # the links were followed: campaigns were created, then read, updated and deleted
    for method in ("POST", "GET", "PUT", "DELETE"):
        path = "/v1/dialer/campaign" + ("" if method == "POST" else "/{campaign_id}")
        assert seen[(method, path, 2)], (method, {k: v for k, v in seen.items() if "campaign" in k[1]})
