"""Request elements to the domain's nested dicts of strings.

One field table per element, in XSD order (``wsdl/ccc-data.xsd``, ``wsdl/ccc-service.xsd``; each
operation's request element is declared with the operation, ``callfire/operations.py``): it says
which children are text kept as sent (xs:string), trimmed simple values, xs:list values (split on white
space), and nested or repeated elements. Values stay strings: the shared schemas validate them, so
SOAP and REST report the same problems for the same input. Responses are built by ``callfire.render``.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from ...errors import BadRequest
from ..fields import CAMPAIGN_FIELDS, GROUP_FIELDS, TEXT_FIELDS
from .service import DATA, SVC

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"

TEXT, SCALAR, LIST, EACH = "text", "scalar", "list", "each"  # EACH: a repeated simple element


@dataclass(frozen=True)
class Complex:
    namespace: str
    fields: dict[str, object]  # name -> TEXT | SCALAR | LIST | Complex
    repeated: bool = False
    id_attribute: bool = False


QUESTION = Complex(DATA, {"Label": TEXT, "ResponseType": SCALAR, "Choices": LIST}, repeated=True)
TRANSFER_NUMBER = Complex(
    DATA, {"Name": TEXT, "Number": SCALAR, "AllowAssistedTransfer": SCALAR}, repeated=True
)
RETRY_CONFIG = Complex(
    DATA,
    {"MaxAttempts": SCALAR, "MinutesBetweenAttempts": SCALAR, "RetryResults": LIST, "RetryPhoneTypes": LIST},
)
_CAMPAIGN_NESTED = {"Question": QUESTION, "TransferNumber": TRANSFER_NUMBER, "RetryConfig": RETRY_CONFIG}
CCC_CAMPAIGN = Complex(
    DATA,
    {
        **{
            name: _CAMPAIGN_NESTED.get(name) or (TEXT if name in TEXT_FIELDS else SCALAR)
            for name in CAMPAIGN_FIELDS
        },
    },
    id_attribute=True,
)
AGENT_GROUP = Complex(
    DATA,
    {name: TEXT if name == "Name" else LIST for name in GROUP_FIELDS},
    id_attribute=True,
)

ID_REQUEST = Complex(SVC, {"Id": SCALAR})
CAMPAIGN_ID_REQUEST = Complex(SVC, {"CampaignId": SCALAR})
ID_CAMPAIGN_ID_REQUEST = Complex(SVC, {"CampaignId": SCALAR, "Id": SCALAR})
QUERY = {"MaxResults": SCALAR, "FirstResult": SCALAR}


def request(fields: dict[str, object]) -> Complex:
    """A request element of the service namespace with ``fields`` (an operation's ``Soap.request``)."""
    return Complex(SVC, fields)


# ----- XML -> dict of strings
def read_request(element: etree._Element, spec: Complex) -> dict:
    """The request element (already matched to the operation whose request ``spec`` describes) as a
    nested dict of strings."""
    return _read(element, spec, etree.QName(element).localname)


def _read(element: etree._Element, spec: Complex, path: str) -> dict:
    out: dict[str, object] = {}
    if spec.id_attribute and element.get("id") is not None:
        out["id"] = element.get("id").strip()
    for child in element:
        if not isinstance(child.tag, str):
            continue
        qname = etree.QName(child)
        name = qname.localname
        kind = spec.fields.get(name)
        where = f"{path}/{name}"
        expected_ns = kind.namespace if isinstance(kind, Complex) else spec.namespace
        if qname.namespace != expected_ns:
            got = qname.namespace or "no namespace"
            raise BadRequest(
                f"{where}: element must be in the namespace {expected_ns}, not {got}",
                errors={name: [f"element must be in the namespace {expected_ns}"]},
            )
        if child.get(XSI_NIL, "").strip() in {"true", "1"}:
            continue
        if isinstance(kind, Complex):
            value: object = _read(child, kind, where)
            if kind.repeated:
                out.setdefault(name, []).append(value)
                continue
        elif kind == EACH:
            out.setdefault(name, []).append(_simple(child, SCALAR, where))
            continue
        else:
            value = _simple(child, kind, where)
        if name in out:
            raise BadRequest(f"{where}: given more than once", errors={name: ["given more than once"]})
        out[name] = value
    return out


def _simple(element: etree._Element, kind: object, where: str) -> object:
    if len(element):
        raise BadRequest(f"{where}: expected a simple value, got child elements")
    text = element.text or ""
    if kind == TEXT:
        return text
    if kind == LIST:
        return text.split()
    return text.strip()  # SCALAR, and elements the schema does not describe
