"""One CallFire client surface per notification format, for the campaign-story tests: REST with XML
answers (XML notifications), REST ``.json`` (JSON notifications) and SOAP 1.2 (SOAP notifications).

Each ``Wire`` writes (subscribe, create a campaign, add agents, add a contact batch, control) and reads
(QueryCalls, GetCall, GetCccCampaign, GetCccCampaignStats) over real HTTP, and parses a notification the
mock POSTed. Reads give two things: ``raw`` (the resource as this format renders it, to compare a
notification's resource with GetCall's byte for byte in meaning) and canonical dicts (typed: ids and
counts as ints, booleans as bools, ``ToNumber`` a string, ``CallRecord`` always a list) for the checks
that cross formats."""

from __future__ import annotations

import json
from xml.sax.saxutils import escape

import requests
from lxml import etree

DEMO = ("demo-callfire", "demo-password")
ENV = "http://www.w3.org/2003/05/soap-envelope"
SVC = "http://api.callfire.com/service/xsd"
DATA = "http://api.callfire.com/data"
RES = "http://api.callfire.com/resource"
NOTIFICATION = "http://api.callfire.com/notification/xsd"
LISTS = {"CallRecord", "ResultStat", "Call"}
QUERY_ORDER = ("MaxResults", "FirstResult", "BroadcastId", "BatchId", "State", "Result", "Inbound",
               "IntervalBegin", "IntervalEnd", "FromNumber", "ToNumber", "LabelName")  # fmt: skip


def local(el) -> str:
    return etree.QName(el).localname


def element_dict(el) -> dict:
    """An XML resource as a dict: attributes as ``@name``, children by local name (``LISTS`` as lists),
    text kept as text."""
    out: dict = {f"@{k}": v for k, v in el.attrib.items()}
    for child in el:
        name = local(child)
        if len(child):
            value: object = element_dict(child)
        elif child.attrib:
            value = {**{f"@{k}": v for k, v in child.attrib.items()}, "value": child.text or ""}
        else:
            value = child.text or ""
        if name in LISTS:
            out.setdefault(name, []).append(value)
        else:
            out[name] = value
    return out


def _bool(value) -> bool:
    assert value in (True, False, "true", "false"), value
    return value in (True, "true")


def record_of(raw: dict) -> dict:
    out = dict(raw)
    out["id"] = int(out.pop("@id"))
    out["BilledAmount"] = float(out["BilledAmount"])
    out["Duration"] = int(out["Duration"])
    return out


def call_of(raw: dict) -> dict:
    """A Call, XML or JSON, as a typed dict."""
    out = dict(raw)
    out["id"] = int(out.pop("@id"))
    to = out["ToNumber"]
    out["ToNumber"] = to["value"] if isinstance(to, dict) else to
    for name in ("BatchId", "BroadcastId", "ContactId"):
        if name in out:
            out[name] = int(out[name])
    for name in ("Inbound", "AgentCall"):
        out[name] = _bool(out[name])
    records = out.get("CallRecord", [])
    out["CallRecord"] = [record_of(r) for r in (records if isinstance(records, list) else [records])]
    return out


def stats_of(raw: dict) -> dict:
    out = {k: (float(v) if k == "BilledAmount" else int(v)) for k, v in raw.items() if k != "ResultStat"}
    rows = raw.get("ResultStat", [])
    out["ResultStat"] = [
        {"Result": r["Result"], "Attempts": int(r["Attempts"]), "Actions": int(r["Actions"])}
        for r in (rows if isinstance(rows, list) else [rows])
    ]
    return out


class Wire:
    fmt: str  # the subscriptions' NotificationFormat
    content_type: str  # what its notifications are sent as

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()
        self.session.auth = DEMO

    # notifications
    def notification(self, body: bytes) -> tuple[str, int, str, dict]:
        """(root's local name, SubscriptionId, "Call" | "Broadcast", the resource as ``raw``)."""
        root = self.notification_element(body)
        assert root.prefix == "n" and root.nsmap.get(None) == DATA, etree.tostring(root)[:200]
        sub, resource = list(root)
        assert sub.tag == f"{{{NOTIFICATION}}}SubscriptionId"
        assert resource.prefix is None and etree.QName(resource).namespace == DATA
        return local(root), int(sub.text), local(resource), element_dict(resource)

    def notification_element(self, body: bytes):
        return etree.fromstring(body)


class RestXml(Wire):
    fmt, content_type, suffix = "XML", "text/xml; charset=UTF-8", ""

    def _url(self, path: str) -> str:
        return f"{self.base}/api/1.1/rest{path}{self.suffix}"

    def _created(self, answer) -> int:
        assert answer.status_code == 201, answer.text
        return int(etree.fromstring(answer.content).findtext(f"{{{RES}}}Id"))

    def _ok(self, answer, status=200):
        assert answer.status_code == status, answer.text
        return answer

    def _flat(self, fields: dict) -> dict:
        flat = {}
        for name, value in fields.items():
            if isinstance(value, dict):
                flat.update(value)  # RetryConfig, SubscriptionFilter: flattened (the SDKs' forms)
            else:
                flat[name] = value
        return flat

    def subscribe(self, fields: dict) -> int:
        return self._created(self.session.post(self._url("/subscription"), data=self._flat(fields)))

    def create_campaign(self, fields: dict) -> int:
        return self._created(self.session.post(self._url("/ccc"), data=self._flat(fields)))

    def add_agents(self, campaign: int, emails: list[str]) -> None:
        url = f"{self.base}/api/1.1/rest/ccc/{campaign}/agent"
        self._ok(self.session.post(url, data={"AgentEmails": " ".join(emails)}), 204)

    def add_batch(self, campaign: int, numbers: list[str], name: str) -> int:
        url = self._url(f"/broadcast/{campaign}/batch")
        return self._created(self.session.post(url, data={"Name": name, "To": " ".join(numbers)}))

    def control(self, campaign: int, command: str) -> None:
        url = f"{self.base}/api/1.1/rest/ccc/{campaign}/control"
        self._ok(self.session.put(url, data={"Command": command}), 204)

    def _params(self, query: dict) -> dict:
        return {k: " ".join(v) if isinstance(v, list | tuple) else v for k, v in query.items()}

    def query_calls(self, **query) -> tuple[int, list[dict]]:
        answer = self._ok(self.session.get(self._url("/call"), params=self._params(query)))
        root = etree.fromstring(answer.content)
        calls = [element_dict(c) for c in root]
        return int(root.get("totalResults")), [call_of(c) for c in calls]

    def get_call_raw(self, call_id: int):
        answer = self._ok(self.session.get(self._url(f"/call/{call_id}")))
        return element_dict(etree.fromstring(answer.content)[0])

    def campaign(self, campaign: int) -> dict:
        answer = self._ok(self.session.get(self._url(f"/ccc/{campaign}")))
        return element_dict(etree.fromstring(answer.content)[0])

    def stats(self, campaign: int, **interval) -> dict:
        answer = self._ok(self.session.get(self._url(f"/ccc/{campaign}/stats"), params=interval))
        return stats_of(element_dict(etree.fromstring(answer.content)[0]))


class RestJson(RestXml):
    fmt, content_type, suffix = "JSON", "application/json; charset=UTF-8", ".json"

    def _created(self, answer) -> int:
        assert answer.status_code == 201, answer.text
        return int(answer.json()["ResourceReference"]["Id"])

    def query_calls(self, **query) -> tuple[int, list[dict]]:
        body = self._ok(self.session.get(self._url("/call"), params=self._params(query))).json()
        listed = body["ResourceList"]
        calls = listed.get("Call", [])
        return int(listed["@totalResults"]), [call_of(c) for c in calls]

    def get_call_raw(self, call_id: int):
        return self._ok(self.session.get(self._url(f"/call/{call_id}"))).json()["Resource"]["Call"]

    def campaign(self, campaign: int) -> dict:
        return self._ok(self.session.get(self._url(f"/ccc/{campaign}"))).json()["Resource"]["CccCampaign"]

    def stats(self, campaign: int, **interval) -> dict:
        answer = self._ok(self.session.get(self._url(f"/ccc/{campaign}/stats"), params=interval))
        return stats_of(answer.json()["Resource"]["CccCampaignStats"])

    def notification(self, body: bytes) -> tuple[str, int, str, dict]:
        payload = json.loads(body)
        ((root, inner),) = payload.items()
        assert list(inner)[0] == "SubscriptionId" and isinstance(inner["SubscriptionId"], int), inner
        ((kind, resource),) = ((k, v) for k, v in inner.items() if k != "SubscriptionId")
        return root, inner["SubscriptionId"], kind, resource


def _children(values: dict, prefix: str) -> str:
    out = []
    for name, value in values.items():
        inner = _children(value, "d") if isinstance(value, dict) else escape(str(value))
        out.append(f"<{prefix}:{name}>{inner}</{prefix}:{name}>")
    return "".join(out)


def _wrap(name: str, inner: str) -> str:
    return f"<{name}>{inner}</{name}>"


class Soap(Wire):
    fmt, content_type = "SOAP", "application/soap+xml; charset=UTF-8"
    PORTS = {"CccService": "ccc", "CallService": "call", "BroadcastService": "broadcast",
             "SubscriptionService": "subscription"}  # fmt: skip

    def _post(self, port: str, operation: str, inner: str):
        action = f"http://api.callfire.com/service/wsdl/{port}PortType/{operation}"
        envelope = (
            f'<env:Envelope xmlns:env="{ENV}" xmlns:svc="{SVC}" xmlns:d="{DATA}"><env:Body>{inner}'
            "</env:Body></env:Envelope>"
        )
        answer = self.session.post(
            f"{self.base}/api/1.1/soap12/{self.PORTS[port]}",
            data=envelope.encode(),
            headers={"Content-Type": f'application/soap+xml; charset=utf-8; action="{action}"'},
        )
        assert answer.status_code == 200, answer.text
        body = etree.fromstring(answer.content).find(f"{{{ENV}}}Body")
        return body[0] if len(body) else None

    def _created(self, el) -> int:
        assert local(el) == "CreatedId", etree.tostring(el)
        return int(el.text)

    def subscribe(self, fields: dict) -> int:
        inner = _wrap("svc:CreateSubscription", _wrap("d:Subscription", _children(fields, "d")))
        return self._created(self._post("SubscriptionService", "CreateSubscription", inner))

    def create_campaign(self, fields: dict) -> int:
        inner = _wrap("svc:CreateCccCampaignRequest", _wrap("d:CccCampaign", _children(fields, "d")))
        return self._created(self._post("CccService", "CreateCccCampaign", inner))

    def add_agents(self, campaign: int, emails: list[str]) -> None:
        inner = (f"<svc:AddAgentsRequest><svc:CampaignId>{campaign}</svc:CampaignId>"
                 f"<svc:AgentEmails>{' '.join(emails)}</svc:AgentEmails></svc:AddAgentsRequest>")  # fmt: skip
        self._post("CccService", "AddAgents", inner)

    def add_batch(self, campaign: int, numbers: list[str], name: str) -> int:
        to = "".join(f"<svc:ToNumber>{n}</svc:ToNumber>" for n in numbers)
        inner = (f"<svc:CreateContactBatch><svc:BroadcastId>{campaign}</svc:BroadcastId>"
                 f"<svc:Name>{escape(name)}</svc:Name>{to}</svc:CreateContactBatch>")  # fmt: skip
        return self._created(self._post("BroadcastService", "CreateContactBatch", inner))

    def control(self, campaign: int, command: str) -> None:
        inner = (f"<svc:ControlCccCampaignRequest><svc:Id>{campaign}</svc:Id>"
                 f"<svc:Command>{command}</svc:Command></svc:ControlCccCampaignRequest>")  # fmt: skip
        self._post("CccService", "ControlCccCampaign", inner)

    def query_calls(self, **query) -> tuple[int, list[dict]]:
        values = {
            k: " ".join(query[k]) if isinstance(query[k], list | tuple) else query[k]
            for k in QUERY_ORDER
            if k in query
        }
        el = self._post(
            "CallService", "QueryCalls", f"<svc:QueryCalls>{_children(values, 'svc')}</svc:QueryCalls>"
        )
        assert local(el) == "CallQueryResult"
        total = int(el.findtext(f"{{{SVC}}}TotalResults"))
        return total, [call_of(element_dict(c)) for c in el if local(c) == "Call"]

    def get_call_raw(self, call_id: int):
        el = self._post("CallService", "GetCall", f"<svc:GetCall><svc:Id>{call_id}</svc:Id></svc:GetCall>")
        assert local(el) == "Call"
        return element_dict(el)

    def campaign(self, campaign: int) -> dict:
        inner = f"<svc:GetCccCampaignRequest><svc:Id>{campaign}</svc:Id></svc:GetCccCampaignRequest>"
        return element_dict(self._post("CccService", "GetCccCampaign", inner))

    def stats(self, campaign: int, **interval) -> dict:
        inner = (f"<svc:GetCccCampaignStatsRequest><svc:CampaignId>{campaign}</svc:CampaignId>"
                 f"{_children(interval, 'svc')}</svc:GetCccCampaignStatsRequest>")  # fmt: skip
        return stats_of(element_dict(self._post("CccService", "GetCccCampaignStats", inner)))

    def notification_element(self, body: bytes):
        envelope = etree.fromstring(body)
        assert envelope.tag == f"{{{ENV}}}Envelope"
        (el,) = envelope.find(f"{{{ENV}}}Body")
        return el


WIRES = {"xml": RestXml, "json": RestJson, "soap": Soap}
