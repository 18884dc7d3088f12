"""Hypothesis strategies for what OpenAPI cannot describe: CallFire form bodies (bracketed keys, lists,
duplicate keys, odd encodings, huge values) and SOAP 1.2 envelopes (built from the SOAP codec's own
field tables, then mutated). Shared by the property tests and ``make fuzz``."""

from __future__ import annotations

import base64
import tomllib
from pathlib import Path
from urllib.parse import quote

from hypothesis import strategies as st

from mockdialer.callfire.operations import OPERATIONS
from mockdialer.callfire.rest.forms import CAMPAIGN_SCALARS, OBJECT_LISTS, RETRY_LISTS, RETRY_SCALARS
from mockdialer.callfire.schemas import RESULTS, RETRY_PHONE_TYPES
from mockdialer.callfire.soap.codec import EACH, LIST, SCALAR, TEXT, Complex
from mockdialer.callfire.soap.envelope import SOAP11, SOAP12, SVC

CALLFIRE_AUTH = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
FORM = "application/x-www-form-urlencoded"

# the repository's schemathesis.toml: demo credentials per security scheme (Acefone bearer, CallFire Basic)
PROJECT = tomllib.loads((Path(__file__).resolve().parents[2] / "schemathesis.toml").read_text())


def auth_for(operation) -> dict:
    """The demo credentials of the operation's security scheme (in process, schemathesis does not
    apply the config file's ``auth.openapi`` itself)."""
    security = operation.definition.raw.get("security", [{"bearerAuth": []}])
    if not security:
        return {}
    scheme = PROJECT["auth"]["openapi"][next(iter(security[0]))]
    if "bearer" in scheme:
        return {"Authorization": f"Bearer {scheme['bearer']}"}
    basic = base64.b64encode(f"{scheme['username']}:{scheme['password']}".encode()).decode()
    return {"Authorization": f"Basic {basic}"}


# ----- values
XML_TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=40)
ANY_TEXT = st.text(max_size=40)
NUMBERISH = st.one_of(
    st.integers(-(2**70), 2**70).map(str),
    st.sampled_from(["0", "1", "-1", "2147483648", "1e3", "0x10", " 7 ", "+5", "", "true", "NaN"]),
)
WORDS = st.sampled_from(
    [*RESULTS, *RETRY_PHONE_TYPES, "START", "STOP", "ARCHIVE", "CHOICE", "NUMERIC", "STRING", "true", "false"]
    + ["08:00:00", "25:61:00", "2015-06-23T14:19:59Z", "12132212384", "+44", "call-me", "1001", "3001"]
)
HUGE = st.integers(1_000, 200_000).map(lambda n: "9" * n)
VALUE = st.one_of(WORDS, NUMBERISH, ANY_TEXT, XML_TEXT, st.lists(WORDS, max_size=4).map(" ".join), HUGE)

# ----- form keys
INDEX = st.one_of(st.integers(0, 3).map(str), st.sampled_from(["", "-1", "x", "99999999999999999999"]))
SUBKEYS = sorted({k[0].lower() + k[1:] for scalars, lists in OBJECT_LISTS.values() for k in scalars + lists})
KEY = st.one_of(
    st.sampled_from(CAMPAIGN_SCALARS + list(RETRY_SCALARS) + list(RETRY_LISTS) + ["RequestId", "Command"]),
    st.sampled_from(["AgentIds", "AgentEmails", "MaxActive", "MaxResults", "FirstResult", "Running"]),
    st.builds(lambda k, i: f"{k}[{i}]", st.sampled_from(list(RETRY_LISTS) + ["AgentIds"]), INDEX),
    st.builds(
        lambda k, i, s: f"{k}[{i}][{s}]",
        st.sampled_from(list(OBJECT_LISTS)),
        INDEX,
        st.sampled_from(SUBKEYS + ["Label", "", "[", "x]"]),
    ),
    st.builds(lambda s: f"RetryConfig[{s}]", st.sampled_from(["maxAttempts", "retryResults", "MaxAttempts"])),
    st.text(st.sampled_from("[]aQ0 %&=+"), max_size=12),
    ANY_TEXT,
)
PAIRS = st.lists(st.tuples(KEY, VALUE), max_size=12)


def urlencode(pairs) -> bytes:
    return "&".join(f"{quote(k, safe='[]')}={quote(v)}" for k, v in pairs).encode()


RAW_ODDITIES = st.sampled_from(
    [b"%", b"%zz", b"%ff%fe", b"\xff\xfe", b"&&&", b"=", b"Name", b"Name=%E2%82", b"\x00", b"a=b;c=d", b"%00"]
)
FORM_BODY = st.one_of(
    PAIRS.map(urlencode),
    st.tuples(PAIRS.map(urlencode), RAW_ODDITIES, PAIRS.map(urlencode)).map(lambda t: b"&".join(t)),
    st.binary(max_size=200),
)
CONTENT_TYPE = st.sampled_from(
    [FORM, FORM, FORM, f"{FORM}; charset=ISO-8859-1", f"{FORM}; charset=utf-16", "multipart/form-data", None]
    + ["text/plain", "application/json", "application/xml", "FORM", ""]
)
REST_ROUTES = [
    ("PUT", "/ccc/1001"),
    ("POST", "/ccc"),
    ("GET", "/ccc"),
    ("PUT", "/ccc/1001/control"),
    ("GET", "/ccc/1001/stats"),
    ("POST", "/ccc/agent-group"),
    ("PUT", "/ccc/agent-group/3001"),
    ("GET", "/ccc/agent-group"),
]


@st.composite
def rest_requests(draw) -> dict:
    """Keyword arguments for a Flask test client / requests call under /api/1.1/rest."""
    method, path = draw(st.sampled_from(REST_ROUTES))
    path += draw(st.sampled_from(["", ".json"]))
    headers = dict(CALLFIRE_AUTH)
    if draw(st.booleans()):
        headers["Accept"] = draw(st.sampled_from(["application/json", "application/xml", "*/*", "text/html"]))
    if method == "GET":
        query = urlencode(draw(PAIRS)).decode()
        return {"method": method, "path": path, "query_string": query, "headers": headers}
    content_type = draw(CONTENT_TYPE)
    if content_type is not None:
        headers["Content-Type"] = content_type
    return {"method": method, "path": path, "data": draw(FORM_BODY), "headers": headers}


# ----- SOAP envelopes from the codec's tables
def _element(name: str, spec, namespace: str, depth: int):
    if isinstance(spec, Complex):
        return _complex(name, spec, depth + 1)
    value = {
        TEXT: XML_TEXT,
        SCALAR: st.one_of(WORDS, NUMBERISH, XML_TEXT),
        LIST: st.lists(WORDS, max_size=4),
        EACH: st.one_of(WORDS, NUMBERISH),
    }[spec]
    if spec == LIST:
        value = value.map(" ".join)
    return value.map(lambda text: f"<x:{name} xmlns:x='{namespace}'>{_escape(text)}</x:{name}>")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@st.composite
def _complex(draw, name: str, spec: Complex, depth: int = 0) -> str:
    children = []
    names = draw(st.lists(st.sampled_from(sorted(spec.fields)), max_size=6 if depth < 2 else 2))
    for child in names:
        child_spec = spec.fields[child]
        namespace = child_spec.namespace if isinstance(child_spec, Complex) else spec.namespace
        children.append(draw(_element(child, child_spec, namespace, depth)))
    attrs = f" id='{draw(st.sampled_from(['1001', '3001', '1', 'x', '']))}'" if spec.id_attribute else ""
    return f"<x:{name} xmlns:x='{spec.namespace}'{attrs}>{''.join(children)}</x:{name}>"


@st.composite
def soap_envelopes(draw) -> tuple[str, bytes]:
    """(operation name, a well-formed SOAP 1.2 envelope for it with random content)."""
    requests = {op.input: op.soap.request for op in OPERATIONS.values() if op.soap is not None}
    request = draw(st.sampled_from(sorted(requests)))
    body = draw(_complex(request, requests[request]))
    envelope = f"<env:Envelope xmlns:env='{SOAP12}'><env:Body>{body}</env:Body></env:Envelope>"
    return request.removesuffix("Request"), envelope.encode()


MUTATIONS = st.sampled_from(["delete", "insert", "duplicate", "truncate", "swap-ns", "replace", "none"])
INSERTS = st.sampled_from(
    [b"<", b">", b"&", b"&x;", b"<!DOCTYPE x>", b"<![CDATA[", b"\x00", b"\xff", b"<a>", b"</env:Body>", b"'"]
    + [b'<?xml version="1.0"?>', b"<!-- c -->", b"xmlns:env='urn:x'", b"&#0;", b"&#x1;", b"&lt;"]
)


@st.composite
def mutated_envelopes(draw) -> bytes:
    _, envelope = draw(soap_envelopes())
    for _ in range(draw(st.integers(0, 3))):
        kind = draw(MUTATIONS)
        at = draw(st.integers(0, len(envelope)))
        end = min(len(envelope), at + draw(st.integers(0, 40)))
        if kind == "delete":
            envelope = envelope[:at] + envelope[end:]
        elif kind == "insert":
            envelope = envelope[:at] + draw(st.one_of(INSERTS, st.binary(max_size=8))) + envelope[at:]
        elif kind == "duplicate":
            envelope = envelope[:end] + envelope[at:end] + envelope[end:]
        elif kind == "truncate":
            envelope = envelope[:at]
        elif kind == "swap-ns":
            envelope = envelope.replace(
                draw(st.sampled_from([SOAP12, SVC])).encode(),
                draw(st.sampled_from([SOAP11, SVC, "urn:x", ""])).encode(),
            )
        elif kind == "replace":
            envelope = envelope[:at] + draw(st.binary(max_size=12)) + envelope[end:]
    return envelope


SOAP_CONTENT_TYPE = st.sampled_from(
    ["application/soap+xml; charset=utf-8", "application/soap+xml", "text/xml", "application/xml", None]
    + ['application/soap+xml; action="urn:nope"', "text/plain", "application/soap+xml; charset=latin-1"]
)
