"""The CallService, BroadcastService and SubscriptionService ports as generic SOAP stacks read them: their
WSDLs are well formed for a strict WSDL reader (WSDL 1.1 §2.4.5: an input or output name is used once in a
port type, and the binding names the same ones), every answer validates against the schema the port serves,
and a NOT_FOUND is a SOAP 1.2 Sender fault with HTTP 400 and a valid ServiceFaultInfo on every port."""

from __future__ import annotations

import base64
from urllib.parse import urlsplit

import pytest
from lxml import etree

from mockdialer.callfire.soap.service import BROADCAST, CALL, CCC, SUBSCRIPTION

WSDL = "http://schemas.xmlsoap.org/wsdl/"
ENV = "http://www.w3.org/2003/05/soap-envelope"
SVC = "http://api.callfire.com/service/xsd"
DATA = "http://api.callfire.com/data"
NS = {"wsdl": WSDL, "env": ENV, "svc": SVC, "data": DATA}
AUTH = {"Authorization": "Basic " + base64.b64encode(b"demo-callfire:demo-password").decode()}
IN_OUT = (f"{{{WSDL}}}input", f"{{{WSDL}}}output")
PORTS = {"call": CALL, "broadcast": BROADCAST, "subscription": SUBSCRIPTION}


class _Served(etree.Resolver):
    """Resolves the served files' absolute imports through the Flask test client."""

    def __init__(self, client):
        super().__init__()
        self.client = client

    def resolve(self, url, pubid, context):
        parts = urlsplit(url)
        answer = self.client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert answer.status_code == 200, url
        return self.resolve_string(answer.data, context)


def _parse(client, path: str) -> etree._Element:
    parser = etree.XMLParser()
    parser.resolvers.add(_Served(client))
    answer = client.get(path)
    assert answer.status_code == 200, path
    return etree.fromstring(answer.data, parser, base_url="http://localhost" + path)


def _port_type_and_binding(client, service) -> tuple[etree._Element, etree._Element]:
    root = _parse(client, service.soap_path + "?wsdl")
    binding = root.find("wsdl:binding", NS)
    if service is CCC:  # the binding's WSDL imports the port type's
        root = _parse(client, urlsplit(root.find("wsdl:import", NS).get("location")).path)
    return root.find("wsdl:portType", NS), binding


def _messages(parent: etree._Element) -> dict[str, list[tuple[str, str]]]:
    """Operation name -> its (input|output, name) pairs, in a port type or a binding."""
    return {
        op.get("name"): [(etree.QName(el).localname, el.get("name")) for el in op if el.tag in IN_OUT]
        for op in parent.iterfind("wsdl:operation", NS)
    }


@pytest.mark.parametrize("service", [CCC, CALL, BROADCAST, SUBSCRIPTION], ids=lambda s: s.name)
def test_input_and_output_names_are_unique_and_bound(client, service):
    port_type, binding = _port_type_and_binding(client, service)
    declared = _messages(port_type)
    names = [name for messages in declared.values() for _, name in messages]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert _messages(binding) == declared


def _schema(client) -> etree.XMLSchema:
    """The schema the new ports' WSDLs import (calls-service.xsd and what it imports), as served."""
    root = _parse(client, CALL.soap_path + "?wsdl")
    location = root.find("wsdl:types/{http://www.w3.org/2001/XMLSchema}schema/*", NS).get("schemaLocation")
    return etree.XMLSchema(_parse(client, urlsplit(location).path))


def _post(client, port: str, operation: str, body: str) -> tuple[int, list[etree._Element]]:
    service = PORTS[port]
    envelope = (
        f'<env:Envelope xmlns:env="{ENV}" xmlns:svc="{SVC}" xmlns:data="{DATA}"><env:Body>'
        f"{body}</env:Body></env:Envelope>"
    )
    content_type = f'application/soap+xml; charset=utf-8; action="{service.port_type}/{operation}"'
    answer = client.post(service.soap_path, data=envelope, headers={**AUTH, "Content-Type": content_type})
    return answer.status_code, list(etree.fromstring(answer.data).find("env:Body", NS))


def _valid(schema: etree.XMLSchema, element: etree._Element) -> None:
    doc = etree.ElementTree(etree.fromstring(etree.tostring(element)))
    assert schema.validate(doc), [str(e) for e in schema.error_log]


def test_every_answer_validates_against_the_served_schema(client):
    schema = _schema(client)

    def ok(port, operation, body) -> list[etree._Element]:
        status, answer = _post(client, port, operation, body)
        assert status == 200, (operation, etree.tostring(answer[0]) if answer else b"")
        for element in answer:
            _valid(schema, element)
        return answer

    query = "<svc:QueryCalls><svc:BroadcastId>1001</svc:BroadcastId></svc:QueryCalls>"
    (found,) = ok("call", "QueryCalls", query)
    calls = found.findall("data:Call", NS)
    assert calls and all(c.findtext("data:BroadcastId", namespaces=NS) == "1001" for c in calls)
    (call,) = ok("call", "GetCall", f"<svc:GetCall><svc:Id>{calls[0].get('id')}</svc:Id></svc:GetCall>")
    assert call.get("id") == calls[0].get("id")
    (created,) = ok(
        "broadcast",
        "CreateContactBatch",
        "<svc:CreateContactBatch><svc:BroadcastId>1001</svc:BroadcastId><svc:Name>schema</svc:Name>"
        '<svc:ToNumber ClientData="a">12135559700</svc:ToNumber><svc:ToNumber>12135559701</svc:ToNumber>'
        "</svc:CreateContactBatch>",
    )
    get_batch = f"<svc:GetContactBatch><svc:Id>{created.text}</svc:Id></svc:GetContactBatch>"
    (batch,) = ok("broadcast", "GetContactBatch", get_batch)
    assert batch.findtext("data:Size", namespaces=NS) == "2"
    (sub,) = ok(
        "subscription",
        "CreateSubscription",
        "<svc:CreateSubscription><data:Subscription><data:Endpoint>http://127.0.0.1:9/n</data:Endpoint>"
        "<data:TriggerEvent>CAMPAIGN_FINISHED</data:TriggerEvent><data:SubscriptionFilter>"
        "<data:BroadcastId>1001</data:BroadcastId></data:SubscriptionFilter></data:Subscription>"
        "</svc:CreateSubscription>",
    )
    listed = ok("subscription", "QuerySubscriptions", "<svc:QuerySubscriptions/>")
    assert sub.text in [s.get("id") for s in listed[0].findall("data:Subscription", NS)]
    get = f"<svc:GetSubscription><svc:Id>{sub.text}</svc:Id></svc:GetSubscription>"
    assert ok("subscription", "GetSubscription", get)[0].findtext("data:Enabled", namespaces=NS) == "true"
    update = (
        f'<svc:UpdateSubscription><data:Subscription id="{sub.text}"><data:Enabled>false</data:Enabled>'
        "</data:Subscription></svc:UpdateSubscription>"
    )
    assert ok("subscription", "UpdateSubscription", update) == []
    assert ok("subscription", "GetSubscription", get)[0].findtext("data:Enabled", namespaces=NS) == "false"
    delete = f"<svc:DeleteSubscription><svc:Id>{sub.text}</svc:Id></svc:DeleteSubscription>"
    assert ok("subscription", "DeleteSubscription", delete) == []


@pytest.mark.parametrize(
    ("port", "operation"),
    [("call", "GetCall"), ("broadcast", "GetContactBatch"), ("subscription", "GetSubscription")],
)
def test_not_found_is_a_sender_fault_with_http_400_on_every_port(client, port, operation):
    body = f"<svc:{operation}><svc:Id>1</svc:Id></svc:{operation}>"
    status, (fault,) = _post(client, port, operation, body)
    assert status == 400
    assert fault.tag == f"{{{ENV}}}Fault"
    assert fault.findtext("env:Code/env:Value", namespaces=NS) == "env:Sender"
    (info,) = fault.find("env:Detail", NS)
    _valid(_schema(client), info)
    assert info.findtext("svc:FaultCode", namespaces=NS) == "NOT_FOUND"
