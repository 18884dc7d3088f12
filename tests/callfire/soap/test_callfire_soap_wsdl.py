"""The served WSDL and XSDs: address and imports point at the mock, every operation and every
CccCampaign field of the vendor's page is described with its type and enums."""

from __future__ import annotations

import requests
import zeep
from lxml import etree
from soap_helpers import envelope

from mockdialer.callfire import fields, schemas
from mockdialer.callfire.operations import OPERATIONS
from mockdialer.callfire.soap.service import CCC

WSDL = "http://schemas.xmlsoap.org/wsdl/"
SOAP12 = "http://schemas.xmlsoap.org/wsdl/soap12/"
XS = "http://www.w3.org/2001/XMLSchema"
NS = {"wsdl": WSDL, "soap12": SOAP12, "xs": XS}


def fetch(url: str) -> etree._Element:
    response = requests.get(url, timeout=10)
    assert response.status_code == 200, url
    assert response.headers["Content-Type"].startswith("text/xml")
    return etree.fromstring(response.content)


def test_address_is_the_url_the_wsdl_came_in_on(live):
    root = fetch(live.url + "/api/1.1/soap12/ccc?wsdl")
    address = root.find("wsdl:service/wsdl:port/soap12:address", NS)
    assert address.get("location") == live.url + "/api/1.1/soap12/ccc"
    assert root.find("wsdl:service", NS).get("name") == "CallFireApi"


def test_address_follows_the_host_header(client):
    response = client.get("/api/1.1/soap12/ccc?wsdl", headers={"Host": "mock.example:8080"})
    root = etree.fromstring(response.data)
    address = root.find("wsdl:service/wsdl:port/soap12:address", NS).get("location")
    assert address == "http://mock.example:8080/api/1.1/soap12/ccc"


def test_imports_are_absolute_and_resolve(live):
    base = live.url + "/api/1.1/soap12/"
    root = fetch(base + "ccc?wsdl")
    (imported,) = [el.get("location") for el in root.iter(f"{{{WSDL}}}import")]
    assert imported == base + "ccc-service.wsdl"
    service_wsdl = fetch(imported)
    (xsd,) = [el.get("schemaLocation") for el in service_wsdl.iter(f"{{{XS}}}import")]
    assert xsd == base + "ccc-service.xsd"
    (data_xsd,) = [el.get("schemaLocation") for el in fetch(xsd).iter(f"{{{XS}}}import")]
    assert data_xsd == base + "ccc-data.xsd"
    fetch(data_xsd)


def test_xsds_also_resolve_by_relative_url(live):
    """A client that keeps the files' relative imports (saved copies, proxies) finds them beside the WSDL."""
    kinds = {"ccc-service-http-soap12.wsdl": "definitions", "ccc-service.wsdl": "definitions"}
    for name in ("ccc-service-http-soap12.wsdl", "ccc-service.wsdl", "ccc-service.xsd", "ccc-data.xsd"):
        root = fetch(live.url + "/api/1.1/soap12/" + name)
        assert etree.QName(root).localname == kinds.get(name, "schema"), name


def test_every_operation_with_its_action_and_document_literal_style(live):
    root = fetch(live.url + "/api/1.1/soap12/ccc?wsdl")
    binding = root.find("wsdl:binding", NS)
    assert binding.get("name") == "CccServiceBinding"
    ops = {
        op.get("name"): op.find("soap12:operation", NS).get("soapAction")
        for op in binding.iterfind("wsdl:operation", NS)
    }
    assert set(ops) == {name for name, op in OPERATIONS.items() if op.soap is not None and op.service is CCC}
    for name, action in ops.items():
        assert action == f"http://api.callfire.com/service/wsdl/CccServicePortType/{name}"
    assert binding.find("soap12:binding", NS).get("style") == "document"
    assert {b.get("use") for b in binding.iter(f"{{{SOAP12}}}body")} == {"literal"}


def _data_schema(live) -> etree._Element:
    return fetch(live.url + "/api/1.1/soap12/ccc-data.xsd")


def _enum(schema: etree._Element, name: str) -> list[str]:
    simple = schema.find(f"xs:simpleType[@name='{name}']", NS)
    return [e.get("value") for e in simple.iterfind("xs:restriction/xs:enumeration", NS)]


def test_campaign_fields_in_vendor_order_with_unqualified_id(live):
    schema = _data_schema(live)
    assert schema.get("elementFormDefault") == "qualified"
    campaign = schema.find("xs:element[@name='CccCampaign']/xs:complexType", NS)
    names = [el.get("name") for el in campaign.iterfind("xs:sequence/xs:element", NS)]
    assert names == list(fields.CAMPAIGN_FIELDS)  # the id is the attribute only, as CallFire defines it
    attribute = campaign.find("xs:attribute", NS)
    assert (attribute.get("name"), attribute.get("type"), attribute.get("form")) == ("id", "xs:long", None)
    types = {el.get("name"): el.get("type") for el in campaign.iterfind("xs:sequence/xs:element", NS)}
    assert types["LocalRestrictBegin"] == "xs:time" and types["Created"] == "xs:dateTime"
    assert types["FromNumber"] == "tns:PhoneNumber" and types["SmartDropSoundRef"] == "xs:anyURI"
    assert types["Status"] == "tns:BroadcastStatus" and types["AgentGroupId"] == "xs:long"


def test_enums_match_the_shared_schemas(live):
    schema = _data_schema(live)
    statuses = _enum(schema, "BroadcastStatus")
    assert {"SETUP", "RUNNING", "STOPPED", "ARCHIVED", "START_PENDING"} <= set(statuses)  # what the mock sets
    assert _enum(schema, "Result") == schemas.RESULTS
    assert _enum(schema, "RetryPhoneType") == schemas.RETRY_PHONE_TYPES
    assert _enum(schema, "QuestionResponseType") == schemas.RESPONSE_TYPES
    service = fetch(live.url + "/api/1.1/soap12/ccc-service.xsd")
    assert _enum(service, "CccCampaignCommand") == schemas.COMMANDS
    assert _enum(service, "FaultCode") == [
        "BAD_REQUEST",
        "FORBIDDEN",
        "NOT_FOUND",
        "UNAVAILABLE",
        "TIMEOUT",
        "NOT_IMPLEMENTED",
    ]


class _Fetch(etree.Resolver):
    def resolve(self, url, pubid, context):
        return self.resolve_string(requests.get(url, timeout=10).content, context)


def test_schemas_compile_and_accept_what_the_mock_sends(live, raw):
    """lxml compiles the served XSDs; Query and Get response bodies validate against them."""
    parser = etree.XMLParser()
    parser.resolvers.add(_Fetch())
    url = live.url + "/api/1.1/soap12/ccc-service.xsd"
    schema = etree.XMLSchema(etree.fromstring(requests.get(url, timeout=10).content, parser, base_url=url))
    for body in (
        "<svc:QueryCccCampaignsRequest/>",
        "<svc:QueryAgentGroupsRequest/>",
        "<svc:GetCccCampaignStatsRequest><svc:CampaignId>1001</svc:CampaignId></svc:GetCccCampaignStatsRequest>",
    ):
        response = raw.post(envelope(body))
        schema.assertValid(etree.fromstring(response.content)[0][0])


def test_published_wsdl_path_serves_the_same_service(live):
    """CallFire's published WSDL URL (the PHP SDK's default) works on the mock's host too: its address is
    the mock's SOAP endpoint on the same host, its imports resolve, zeep drives it."""
    url = live.url + "/api/1.1/wsdl/callfire-service-http-soap12.wsdl"
    root = fetch(url)
    address = root.find("wsdl:service/wsdl:port/soap12:address", NS).get("location")
    assert address == live.url + "/api/1.1/soap12/ccc"
    (imported,) = [el.get("location") for el in root.iter(f"{{{WSDL}}}import")]
    assert imported == live.url + "/api/1.1/soap12/ccc-service.wsdl" and fetch(imported) is not None
    session = requests.Session()
    session.auth = ("demo-callfire", "demo-password")
    client = zeep.Client(url, transport=zeep.Transport(session=session, timeout=10))
    assert client.service.GetCccCampaign(Id=1001).Name == "Demo Customer Survey"
    journal = requests.get(live.url + "/__admin/requests", params={"path": "/api/1.1/wsdl/*"}).json()
    assert {e["operation"] for e in journal["requests"]} == {"callfire.wsdl"}  # fetched, then by zeep


def test_resources_carry_their_id_only_as_the_attribute(live):
    """CallFire's definitions give CccCampaign and AgentGroup an ``id`` attribute and no ``Id`` element; JAXB
    cannot bind a type with both (wsimport: ``Property "Id" is already defined``); callfire-contract.md."""
    data = fetch(live.url + "/api/1.1/soap12/ccc-data.xsd")
    for name in ("CccCampaign", "AgentGroup", "Agent", "AgentSession"):
        (element,) = data.findall(f"xs:element[@name='{name}']", NS)
        names = [e.get("name") for e in element.iterfind("xs:complexType/xs:sequence/xs:element", NS)]
        names += [a.get("name") for a in element.iterfind("xs:complexType/xs:attribute", NS)]
        assert "id" in names, name
        assert len({n.lower() for n in names}) == len(names), f"{name}: two properties of one name: {names}"
