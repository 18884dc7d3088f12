"""Property-based tests (hypothesis, derandomized, bounded) for what the OpenAPI document cannot describe:
the CallFire form parser, the SOAP parser, and the XML/JSON renderers."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import (
    CALLFIRE_AUTH,
    FORM,
    SOAP_CONTENT_TYPE,
    VALUE,
    XML_TEXT,
    mutated_envelopes,
    rest_requests,
    soap_envelopes,
    urlencode,
)

from mockdialer import create_app
from mockdialer.callfire import render, resources
from mockdialer.callfire.operations import OPERATIONS
from mockdialer.callfire.rest.forms import CAMPAIGN_SCALARS
from mockdialer.callfire.schemas import RESULTS, RETRY_PHONE_TYPES
from mockdialer.callfire.soap import codec
from mockdialer.callfire.soap.envelope import SOAP11, SOAP12, SVC
from mockdialer.config import TestingConfig

FAST = settings(
    max_examples=60,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
RES = "{http://api.callfire.com/resource}"
ENV = f"{{{SOAP12}}}"
ENV11 = f"{{{SOAP11}}}"
SOAP_STATUS_500_CODES = {"env:VersionMismatch", "env:MustUnderstand"}  # SOAP 1.2 Part 2, 7.5.2


@pytest.fixture(scope="module")
def web():
    return create_app(TestingConfig).test_client()


def assert_resource_exception(response) -> str:
    """A CallFire REST error: ResourceException (XML or JSON) whose HttpStatus is the status; its Message."""
    assert 400 <= response.status_code < 500, response.data[:300]
    if response.mimetype == "application/json":
        body = response.get_json()["ResourceException"]
        assert body["HttpStatus"] == response.status_code
        return body["Message"]
    assert response.mimetype == "application/xml", response.mimetype
    root = etree.fromstring(response.data)
    assert root.tag == RES + "ResourceException"
    assert root.findtext(RES + "HttpStatus") == str(response.status_code)
    return root.findtext(RES + "Message")


# ----- CallFire REST form parser
@FAST
@given(request=rest_requests())
def test_rest_never_500_and_errors_are_resource_exceptions(web, request):
    method, path = request.pop("method"), "/api/1.1/rest" + request.pop("path")
    response = web.open(path, method=method, **request)
    if response.status_code >= 400:
        assert assert_resource_exception(response)
    else:
        assert response.status_code in (200, 201, 204)


@FAST
@given(field=st.sampled_from(CAMPAIGN_SCALARS), value=VALUE, repeat=st.booleans())
def test_rest_field_problem_is_400_naming_the_field(web, field, value, repeat):
    # an update names the campaign (docs/vendors/callfire.md)
    pairs = [] if field == "Name" else [("Name", "Property test")]
    pairs += [(field, "ignored"), (field, value)] if repeat else [(field, value)]
    headers = {**CALLFIRE_AUTH, "Content-Type": FORM}
    response = web.put("/api/1.1/rest/ccc/1002", data=urlencode(pairs), headers=headers)
    assert response.status_code in (204, 400)
    if response.status_code == 400:
        assert field in assert_resource_exception(response)


# ----- SOAP parser
def assert_soap_answer(response) -> None:
    if response.mimetype == "text/xml":  # a SOAP 1.1 envelope, answered in SOAP 1.1 (lenient mode)
        assert_soap11_answer(response)
        return
    assert response.mimetype == "application/soap+xml"
    root = etree.fromstring(response.data)
    assert root.tag == ENV + "Envelope"
    fault = root.find(f"{ENV}Body/{ENV}Fault")
    if response.status_code == 200:
        assert fault is None
        return
    assert fault is not None, response.data[:300]
    code = fault.findtext(f"{ENV}Code/{ENV}Value")
    assert fault.findtext(f"{ENV}Reason/{ENV}Text")
    assert response.status_code < 500 or code in SOAP_STATUS_500_CODES, (response.status_code, code)


def assert_soap11_answer(response) -> None:
    root = etree.fromstring(response.data)
    assert root.tag == ENV11 + "Envelope"
    fault = root.find(f"{ENV11}Body/{ENV11}Fault")
    assert (response.status_code, fault is None) in ((200, True), (500, False)), response.data[:300]
    if fault is not None:
        assert fault.findtext("faultcode") and fault.findtext("faultstring")


@FAST
@given(envelope=soap_envelopes(), content_type=SOAP_CONTENT_TYPE)
def test_soap_random_envelopes_get_a_result_or_a_fault(web, envelope, content_type):
    _, body = envelope
    headers = {**CALLFIRE_AUTH, **({"Content-Type": content_type} if content_type else {})}
    assert_soap_answer(web.post("/api/1.1/soap12/ccc", data=body, headers=headers))


@FAST
@given(body=mutated_envelopes())
def test_soap_mutated_envelopes_get_a_result_or_a_fault(web, body):
    headers = {**CALLFIRE_AUTH, "Content-Type": "application/soap+xml; charset=utf-8"}
    assert_soap_answer(web.post("/api/1.1/soap12/ccc", data=body, headers=headers))


# ----- renderers: what is rendered parses back to the same values
TIME = st.times().map(lambda t: t.strftime("%H:%M:%S"))
QUESTION = st.fixed_dictionaries(
    {"Label": XML_TEXT, "ResponseType": st.sampled_from(["STRING", "CHOICE", "NUMERIC"])},
    optional={"Choices": st.lists(st.text("abcXYZ09", min_size=1, max_size=8), max_size=3)},
)
TRANSFER = st.fixed_dictionaries(
    {"Name": XML_TEXT, "Number": st.from_regex(r"\A\+?[0-9]{3,15}\Z"), "AllowAssistedTransfer": st.booleans()}
)
CAMPAIGN = st.fixed_dictionaries(
    {"id": st.integers(1, 2**63 - 1)},
    optional={
        "Name": XML_TEXT,
        "Script": XML_TEXT,
        "Label": XML_TEXT,
        "Status": st.sampled_from(["RUNNING", "STOPPED"]),
        "LocalRestrictBegin": TIME,
        "NumberOfRings": st.integers(-(2**31), 2**31 - 1),
        "Recorded": st.booleans(),
        "MultilineDialingRatio": st.integers(0, 10),
        "Question": st.lists(QUESTION, max_size=3),
        "TransferNumber": st.lists(TRANSFER, max_size=2),
        "RetryConfig": st.fixed_dictionaries(
            {"MaxAttempts": st.integers(0, 5)},
            optional={
                "RetryResults": st.lists(st.sampled_from(RESULTS), min_size=1, max_size=3),
                "RetryPhoneTypes": st.lists(st.sampled_from(RETRY_PHONE_TYPES), min_size=1, max_size=2),
            },
        ),
    },
)


def as_strings(name: str, value):
    """A resource value as the XML reader returns it: lexical strings, lists space-split."""
    if isinstance(value, dict):
        return {k: as_strings(k, v) for k, v in value.items() if v not in (None, [])}
    if isinstance(value, list) and value and isinstance(value[0], dict):
        return [as_strings(name, item) for item in value]
    if isinstance(value, list):
        return [str(item) for item in value]
    return resources.text(name, value)


@FAST
@given(campaign=CAMPAIGN)
def test_xml_rendering_reads_back_to_the_same_values(campaign):
    xml = etree.tostring(render.element("CccCampaign", campaign))
    update = OPERATIONS["UpdateCccCampaign"]
    request = etree.Element(f"{{{SVC}}}{update.input}", nsmap={None: SVC})
    request.append(etree.fromstring(xml))
    parsed = codec.read_request(request, update.soap.request)["CccCampaign"]
    expected = as_strings("CccCampaign", campaign)
    expected["id"] = str(campaign["id"])
    for nested in ("Question", "TransferNumber"):
        if not expected.get(nested):
            expected.pop(nested, None)
    assert parsed == expected


@FAST
@given(campaign=CAMPAIGN)
def test_json_rendering_reads_back_to_the_same_values(campaign):
    parsed = json.loads(json.dumps(resources.to_json("CccCampaign", campaign), ensure_ascii=False))
    assert parsed.pop("@id") == campaign["id"]
    for name, value in campaign.items():
        if name == "id" or value in (None, []):
            continue
        got = parsed[name]
        if name in ("Question", "TransferNumber"):
            # Question.Choices stays a JSON array (Java's List<String>), the only list that does
            assert [{k: v for k, v in item.items()} for item in got] == [
                {k: v for k, v in item.items() if v != []} for item in value
            ]
        elif name == "RetryConfig":
            assert got == {k: (" ".join(v) if isinstance(v, list) else v) for k, v in value.items()}
        elif name == "LocalRestrictBegin":
            assert got == value + "Z"
        else:
            assert got == value


# an agent's field in any type a resource value takes, so one list mixes them field by field
AGENT_VALUE = st.one_of(
    st.none(),
    st.text(max_size=12),
    st.integers(-(2**40), 2**40),
    st.booleans(),
    st.lists(st.integers(1, 10**6), max_size=3).map(tuple),
    st.lists(st.integers(1, 10**6), max_size=3),
    st.lists(st.sampled_from(["CHOICE", "a&b", "x\ry"]), max_size=2),
)
AGENT = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.integers(1, 2**63 - 1), st.text(max_size=6)),
        **dict.fromkeys(resources.KINDS["Agent"], AGENT_VALUE),
    },
)
LISTS = st.one_of(
    st.tuples(st.just("Agent"), st.lists(AGENT, max_size=8)),
    st.tuples(st.just("CccCampaign"), st.lists(CAMPAIGN, max_size=4)),
)


@FAST
@given(kind_items=LISTS)
def test_a_list_is_written_as_each_of_its_items(kind_items):
    kind, items = kind_items
    assert render.xml_items(kind, items) == "".join(render.xml_text(kind, item) for item in items)


@FAST
@given(
    message=st.text(max_size=60), errors=st.dictionaries(st.text(max_size=10), st.lists(st.text(max_size=20)))
)
def test_error_renderers_never_fail_and_keep_json_exact(message, errors):
    from mockdialer.acefone.render import render_error as acefone_error
    from mockdialer.callfire.rest.render import render_error as rest_error
    from mockdialer.callfire.soap.render import render_fault
    from mockdialer.errors import ValidationFailed

    app = create_app(TestingConfig)
    err = ValidationFailed(message or None, errors=errors)
    with app.test_request_context("/v1/x"):
        body = json.loads(acefone_error(err, 422).get_data())
        shown = {"errors": err.errors} if errors else {}
        assert body == {"success": False, "message": err.message, **shown}
    with app.test_request_context("/api/1.1/rest/ccc"):
        root = etree.fromstring(rest_error(err, 400).get_data())
        assert root.findtext(RES + "Message") == render.xml_safe(err.message)
    with app.test_request_context("/api/1.1/rest/ccc.json"):
        body = json.loads(rest_error(err, 400).get_data())
        assert body["ResourceException"]["Message"] == err.message
    with app.test_request_context("/api/1.1/soap12/ccc"):
        root = etree.fromstring(render_fault(err, 400).get_data())
        assert root.findtext(f"{ENV}Body/{ENV}Fault/{ENV}Reason/{ENV}Text") == render.xml_safe(err.message)


def test_json_answers_keep_what_orjson_refuses():
    """A lone surrogate and an integer past 64 bits: orjson refuses both, the answer still carries them."""
    from mockdialer.callfire.rest.render import render_error as rest_error
    from mockdialer.errors import ValidationFailed

    app = create_app(TestingConfig)
    err = ValidationFailed(f"Name caf\ud800 is {2**70}", errors={"Name": ["no \udfff"]})
    with app.test_request_context("/api/1.1/rest/ccc.json"):
        body = json.loads(rest_error(err, 400).get_data())
    assert body["ResourceException"]["Message"] == err.message
