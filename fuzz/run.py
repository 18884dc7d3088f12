"""``make fuzz``: a long self-fuzzing run over every route of both vendors.

0. The schemathesis CLI, ``--checks all``, against a live server (the served /openapi.json: Acefone,
   CallFire REST, admin), twice: every operation but the destructive admin calls (schemathesis.toml,
   which says why each is left out), then the admin API alone with them (fuzz/schemathesis-admin.toml).
   ``FUZZ_EXAMPLES`` sets the examples per operation (default 30). Any failure fails ``make fuzz``.
1. Schemathesis over the served OpenAPI document in process (WSGI), positive and negative
   generation, checks: no server error, response conforms to its schema, status documented.
2. Hypothesis-generated CallFire REST form requests (bracketed keys, lists, odd encodings, huge values).
3. Hypothesis-generated SOAP 1.2 envelopes from the codec's tables, then byte-level mutations of them.

Prints the number of requests, server errors and schema violations (CallFire: an answer not in the
vendor's shape); exits 1 when either is not zero. ``FUZZ_REQUESTS`` sets the total (default 10000),
``FUZZ_SEED`` the seed (default 1).
"""

from __future__ import annotations

import collections
import contextlib
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import hypothesis
import schemathesis
from hypothesis import HealthCheck, given, settings
from lxml import etree
from schemathesis import GenerationMode, checks
from schemathesis.core.failures import FailureGroup, ServerError
from schemathesis.openapi.checks import JsonSchemaError, UndefinedStatusCode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "robustness"))
from strategies import auth_for, mutated_envelopes, rest_requests, soap_envelopes  # noqa: E402

from mockdialer import create_app  # noqa: E402
from mockdialer.admin import actions as ops  # noqa: E402
from mockdialer.config import TestingConfig  # noqa: E402
from mockdialer.testing.live_server import LiveServer  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "30"))

TARGET = int(os.environ.get("FUZZ_REQUESTS", "10000"))
SEED = int(os.environ.get("FUZZ_SEED", "1"))
CHECKS = [checks.not_a_server_error, checks.response_schema_conformance, checks.status_code_conformance]
SOAP12 = "{http://www.w3.org/2003/05/soap-envelope}"
RES = "{http://api.callfire.com/resource}"


class Tally:
    def __init__(self) -> None:
        self.requests: collections.Counter = collections.Counter()
        self.server_errors: list[str] = []
        self.violations: list[str] = []

    @property
    def total(self) -> int:
        return sum(self.requests.values())

    def note(self, kind: list[str], what: str) -> None:
        if len(kind) < 20:  # keep the first ones to show
            kind.append(what)
        else:
            kind.append("")


def settings_for(examples: int, seed: int):
    return settings(
        max_examples=examples,
        database=None,
        deadline=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
        phases=[hypothesis.Phase.generate],
    ), hypothesis.seed(seed)


def run_json(app, tally: Tally, examples: int) -> None:
    config = schemathesis.Config.from_dict({"seed": SEED})
    schema = schemathesis.openapi.from_wsgi("/openapi.json", app, config=config)
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            ops.reset(app)  # faults, clock moves and seeds of one operation stay in it
            if mode == GenerationMode.NEGATIVE and not _has_inputs(operation):
                continue
            with contextlib.suppress(hypothesis.errors.Unsatisfiable):  # nothing negative to generate
                _fuzz_operation(operation, mode, tally, examples)


def _fuzz_operation(operation, mode, tally: Tally, examples: int) -> None:
    how, seed = settings_for(examples, SEED)

    @seed
    @how
    @given(case=operation.as_strategy(generation_mode=mode))
    def one(case):
        response = case.call(headers=auth_for(operation))
        tally.requests["openapi"] += 1
        try:
            case.validate_response(response, checks=CHECKS)
        except FailureGroup as group:
            _classify(tally, group.exceptions, operation.label, response)
        except (ServerError, JsonSchemaError, UndefinedStatusCode) as failure:
            _classify(tally, [failure], operation.label, response)

    one()


def _has_inputs(operation) -> bool:
    definition = operation.definition.raw
    return bool(definition.get("requestBody") or definition.get("parameters") or operation.path_parameters)


def _classify(tally: Tally, failures, label: str, response) -> None:
    for failure in failures:
        what = f"{label}: {type(failure).__name__} {response.status_code} {response.content[:120]!r}"
        if isinstance(failure, ServerError):
            tally.note(tally.server_errors, what)
        else:
            tally.note(tally.violations, what)


def run_rest(client, tally: Tally, examples: int, seed_offset: int = 1) -> None:
    how, seed = settings_for(examples, SEED + seed_offset)

    @seed
    @how
    @given(request=rest_requests())
    def one(request):
        method, path = request.pop("method"), "/api/1.1/rest" + request.pop("path")
        response = client.open(path, method=method, **request)
        tally.requests["callfire.rest"] += 1
        what = f"{method} {path}: {response.status_code} {response.data[:120]!r}"
        if response.status_code >= 500:
            tally.note(tally.server_errors, what)
        elif response.status_code >= 400 and not _resource_exception(response):
            tally.note(tally.violations, what)

    one()


def _resource_exception(response) -> bool:
    try:
        if response.mimetype == "application/json":
            return response.get_json()["ResourceException"]["HttpStatus"] == response.status_code
        root = etree.fromstring(response.data)
        return root.tag == RES + "ResourceException" and root.findtext(RES + "HttpStatus") == str(
            response.status_code
        )
    except Exception:
        return False


def run_soap(client, tally: Tally, examples: int) -> None:
    headers = {"Content-Type": "application/soap+xml; charset=utf-8"}
    headers["Authorization"] = "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"  # demo-callfire:demo-password

    for strategy, offset in ((soap_envelopes().map(lambda pair: pair[1]), 2), (mutated_envelopes(), 3)):
        how, seed = settings_for(examples, SEED + offset)

        @seed
        @how
        @given(body=strategy)
        def one(body):
            response = client.post("/api/1.1/soap12/ccc", data=body, headers=headers)
            tally.requests["callfire.soap"] += 1
            what = f"SOAP: {response.status_code} {response.data[-160:]!r}"
            code = _soap_answer(response)
            if code is None:
                tally.note(tally.violations, what)
            elif response.status_code >= 500 and code not in ("env:VersionMismatch", "env:MustUnderstand"):
                tally.note(tally.server_errors, what)

        one()


def _soap_answer(response) -> str | None:
    """The fault code ("" for a result), or None when the answer is not a SOAP 1.2 envelope."""
    try:
        root = etree.fromstring(response.data)
    except etree.XMLSyntaxError:
        return None
    if root.tag != SOAP12 + "Envelope":
        return None
    fault = root.find(f"{SOAP12}Body/{SOAP12}Fault")
    if fault is None:
        return "" if response.status_code == 200 else None
    return fault.findtext(f"{SOAP12}Code/{SOAP12}Value") or None


def run_schemathesis_cli() -> list[str]:
    """The two CLI runs (module docstring, step 0); the names of the runs that found something."""
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # not a line per request of the live server
    schemathesis_bin = str(Path(sys.executable).with_name("schemathesis"))
    runs = {
        "every operation but the destructive admin calls": ([], []),
        "the admin API alone, destructive calls included": (
            ["--config-file", str(REPO / "fuzz" / "schemathesis-admin.toml")],
            ["--include-path-regex", "^/__admin/"],
        ),
    }
    failed = []
    for name, (before, after) in runs.items():
        with LiveServer(create_app(TestingConfig)) as server:
            command = [schemathesis_bin, *before, "run", "--checks", "all", "--no-color", "-n", str(EXAMPLES)]
            command += ["--seed", str(SEED), *after, server.url + "/openapi.json"]
            print(f"schemathesis ({name}): {' '.join(command[1:])}", flush=True)
            done = subprocess.run(command, cwd=REPO, capture_output=True, text=True)
            summary = done.stdout[done.stdout.rfind("SUMMARY") :] if "SUMMARY" in done.stdout else done.stdout
            print(summary[-2500:] or done.stderr[-2500:], flush=True)
            if done.returncode != 0:
                failed.append(name)
    return failed


def main() -> int:
    started = time.monotonic()
    cli_failed = run_schemathesis_cli()
    app = create_app(TestingConfig)
    tally = Tally()
    run_json(app, tally, examples=max(TARGET // 100, 10))
    remaining = max(TARGET - tally.total, 0)
    client = app.test_client()
    ops.reset(app)
    run_rest(client, tally, examples=max(remaining // 2, 500))
    run_soap(client, tally, examples=max(remaining // 4, 250))
    extra = 10
    while tally.total < TARGET:  # small search spaces end early: top up with more form requests
        run_rest(client, tally, examples=TARGET - tally.total, seed_offset=extra)
        extra += 1
    seconds = time.monotonic() - started
    print(f"requests: {tally.total} ({', '.join(f'{k} {v}' for k, v in sorted(tally.requests.items()))})")
    print(f"server errors: {len(tally.server_errors)}")
    print(f"schema violations: {len(tally.violations)}")
    print(f"time: {seconds:.0f} s")
    for what in [w for w in tally.server_errors + tally.violations if w][:20]:
        print("  " + what)
    for name in cli_failed:
        print(f"schemathesis CLI found failures: {name}")
    return 1 if tally.server_errors or tally.violations or cli_failed else 0


if __name__ == "__main__":
    sys.exit(main())
