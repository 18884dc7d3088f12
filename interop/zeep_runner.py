"""zeep, a generic SOAP 1.2 stack, built from nothing but the served WSDLs, through all 26 CccService
operations, then CallService's, BroadcastService's and SubscriptionService's (interop/README.md); a
NOT_FOUND must come back as a SOAP fault.

Environment: CF_WSDL, CF_LOGIN, CF_PASSWORD, CF_TAG. Prints
RESULT<tab>zeep<tab>Operation<tab>PASS|FAIL<tab>reason. Each check is one entry of the list ``checks``
returns: (operation, what it needs from earlier checks, function).
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta

import requests
import zeep
from zeep.exceptions import Fault
from zeep.helpers import serialize_object
from zeep.transports import Transport

SVC = "http://api.callfire.com/service/xsd"
STATUSES = {"START_PENDING", "RUNNING", "STOPPED", "FINISHED", "ARCHIVED"}
TAG = os.environ.get("CF_TAG", "0")
NAME, GROUP = f"zeep interop {TAG}", f"zeep group {TAG}"
EMAIL_A, EMAIL_B, INVITED, WATCH_AGENT = (
    f"zeep-{w}-{TAG}@example.com" for w in ("a", "b", "invite", "watch")
)
FIRST_NUMBERS, HELD_NUMBER = ["12135556001", "12135556002"], "12135556003"  # the held-batch story's


class CheckFailed(Exception):
    pass


def expect(cond: bool, message: str) -> None:
    if not cond:
        raise CheckFailed(message)


def service(name: str = "ccc"):
    """The service whose WSDL the mock serves at ``.../soap12/<name>?wsdl`` (CF_WSDL names the CCC one)."""
    session = requests.Session()
    session.auth = (os.environ["CF_LOGIN"], os.environ["CF_PASSWORD"])
    wsdl = os.environ["CF_WSDL"].replace("/soap12/ccc?", f"/soap12/{name}?")
    client = zeep.Client(wsdl, transport=Transport(session=session, timeout=30))
    return client.service


def not_found(call, **kw) -> None:
    """``call`` must raise a SOAP fault whose ServiceFaultInfo says NOT_FOUND."""
    try:
        call(**kw)
    except Fault as exc:
        info = exc.detail.find(f".//{{{SVC}}}ServiceFaultInfo") if exc.detail is not None else None
        code = info.findtext(f"{{{SVC}}}FaultCode") if info is not None else None
        expect(code == "NOT_FOUND", f"fault {exc.code} FaultCode {code}: {exc.message}")
        return
    raise CheckFailed("no fault")


def items(result, kind: str) -> list:
    return list(getattr(result, kind) or [])


def stamp(delta: timedelta) -> datetime:
    return (datetime.now(UTC) + delta).replace(microsecond=0)


def checks(svc, state: dict) -> list[tuple]:
    def create_campaign():
        created = svc.CreateCccCampaign(
            CccCampaign={
                "Name": NAME,
                "FromNumber": "12132212384",
                "LocalRestrictBegin": "09:00:00",
                "LocalRestrictEnd": "17:00:00",
                "Question": [{"Label": "Pick one", "ResponseType": "CHOICE", "Choices": ["a", "b"]}],
                "TransferNumber": [{"Name": "Desk", "Number": "12132212385", "AllowAssistedTransfer": True}],
                "RetryConfig": {
                    "MaxAttempts": 2,
                    "MinutesBetweenAttempts": 30,
                    "RetryResults": ["BUSY", "NO_ANS"],
                },
            }
        )
        expect(isinstance(created, int) and created > 0, f"CreatedId {created!r}")
        state["campaign"] = created

    def get_campaign():
        c = svc.GetCccCampaign(Id=state["campaign"])
        expect(c.id == state["campaign"] and c.Name == NAME, f"id/name {c.id} {c.Name}")
        expect(str(c.LocalRestrictBegin).startswith("09:00:00"), f"LocalRestrictBegin {c.LocalRestrictBegin}")
        expect(c.Status in STATUSES, f"Status {c.Status}")
        expect(
            list(c.RetryConfig.RetryResults) == ["BUSY", "NO_ANS"],
            f"RetryResults {c.RetryConfig.RetryResults}",
        )
        expect(len(c.Question) == 1 and list(c.Question[0].Choices) == ["a", "b"], "the question")
        expect(len(c.TransferNumber) == 1, "the transfer number")

    def query_campaigns():
        r = svc.QueryCccCampaigns(Name=NAME)
        found = items(r, "CccCampaign")
        expect(
            r.TotalResults == 1 and [c.id for c in found] == [state["campaign"]],
            f"TotalResults {r.TotalResults}",
        )

    def update_campaign():
        answer = svc.UpdateCccCampaign(
            CccCampaign={"id": state["campaign"], "Name": NAME + " updated", "LocalRestrictBegin": "10:00:00"}
        )
        expect(answer is None, f"answer {answer!r}")
        c = svc.GetCccCampaign(Id=state["campaign"])
        expect(c.Name == NAME + " updated", f"Name {c.Name}")
        expect(c.RetryConfig is not None and c.RetryConfig.MaxAttempts == 2, "omitted RetryConfig not kept")

    def stats():
        s = svc.GetCccCampaignStats(CampaignId=state["campaign"])
        expect(s.CallsAttempted is not None, "CallsAttempted")
        s = svc.GetCccCampaignStats(
            CampaignId=state["campaign"],
            IntervalBegin=stamp(-timedelta(days=1)),
            IntervalEnd=stamp(timedelta(days=1)),
        )
        expect(s.CallsAttempted is not None, "CallsAttempted (interval)")

    def control():
        expect(svc.ControlCccCampaign(Id=state["campaign"], Command="START") is None, "START answer")
        status = svc.GetCccCampaign(Id=state["campaign"]).Status
        expect(status in ("RUNNING", "START_PENDING"), f"after START: {status}")
        svc.ControlCccCampaign(Id=state["campaign"], Command="STOP")
        status = svc.GetCccCampaign(Id=state["campaign"]).Status
        expect(status == "STOPPED", f"after STOP: {status}")

    def delete_questions():
        expect(svc.DeleteCccCampaignQuestions(Id=state["campaign"]) is None, "answer")
        c = svc.GetCccCampaign(Id=state["campaign"])
        expect(not c.Question and len(c.TransferNumber) == 1, "questions left or transfer number gone")

    def delete_transfer_numbers():
        expect(svc.DeleteCccCampaignTransferNumbers(Id=state["campaign"]) is None, "answer")
        expect(not svc.GetCccCampaign(Id=state["campaign"]).TransferNumber, "transfer numbers left")

    def create_group():
        created = svc.CreateAgentGroup(AgentGroup={"Name": GROUP, "AgentEmails": [EMAIL_A]})
        expect(isinstance(created, int) and created > 0, f"CreatedId {created!r}")
        state["group"] = created

    def get_group():
        g = svc.GetAgentGroup(Id=state["group"])
        expect(g.id == state["group"] and g.Name == GROUP, f"id/name {g.id} {g.Name}")
        expect(list(g.AgentEmails) == [EMAIL_A], f"AgentEmails {g.AgentEmails}")

    def query_groups():
        r = svc.QueryAgentGroups(Name=GROUP)
        expect([g.id for g in items(r, "AgentGroup")] == [state["group"]], f"TotalResults {r.TotalResults}")

    def update_group():
        svc.UpdateAgentGroup(
            AgentGroup={"id": state["group"], "Name": GROUP + " updated", "AgentEmails": [EMAIL_A, EMAIL_B]}
        )
        g = svc.GetAgentGroup(Id=state["group"])
        expect(
            g.Name == GROUP + " updated" and list(g.AgentEmails) == [EMAIL_A, EMAIL_B],
            f"{g.Name} {g.AgentEmails}",
        )

    def query_agents():
        expect(items(svc.QueryAgents(), "Agent"), "no agents")
        found = items(svc.QueryAgents(AgentEmail=EMAIL_A), "Agent")
        expect(len(found) == 1 and found[0].Email == EMAIL_A, f"by email: {len(found)}")
        state["agent"] = found[0].id

    def get_agent():
        a = svc.GetAgent(Id=state["agent"])
        expect(a.id == state["agent"] and a.Email == EMAIL_A, f"id/email {a.id} {a.Email}")

    def add_agents():
        svc.AddAgents(CampaignId=state["campaign"], AgentIds=[state["agent"]])
        svc.AddAgents(CampaignId=state["campaign"], AgentEmails=[EMAIL_A])
        state["added"] = True

    def get_agents():
        ids = [a.id for a in items(svc.GetAgents(CampaignId=state["campaign"]), "Agent")]
        expect(ids == [state["agent"]], f"agents {ids}")

    def remove_agent():
        svc.RemoveAgent(CampaignId=state["campaign"], Id=state["agent"])
        expect(not items(svc.GetAgents(CampaignId=state["campaign"]), "Agent"), "agents left")

    def add_groups():
        svc.AddAgentGroups(CampaignId=state["campaign"], AgentGroupIds=[state["group"]])
        state["group_added"] = True

    def get_groups():
        ids = [g.id for g in items(svc.GetAgentGroups(CampaignId=state["campaign"]), "AgentGroup")]
        expect(state["group"] in ids, f"groups {ids}")

    def remove_group():
        svc.RemoveAgentGroup(CampaignId=state["campaign"], Id=state["group"])
        ids = [g.id for g in items(svc.GetAgentGroups(CampaignId=state["campaign"]), "AgentGroup")]
        expect(state["group"] not in ids, "group still listed")
        expect(svc.GetAgentGroup(Id=state["group"]).id == state["group"], "the group itself went")

    def send_invites():
        expect(svc.SendAgentInvites(CampaignId=state["campaign"], AgentEmails=[INVITED]) is None, "answer")
        state["invited"] = True

    def invite_uri():
        r = serialize_object(svc.GetAgentInviteUri(CampaignId=state["campaign"], AgentEmail=INVITED), dict)
        expect(
            str(r["AgentInviteUri"]).startswith(("http://", "https://")),
            f"AgentInviteUri {r['AgentInviteUri']}",
        )
        expect(r["CampaignId"] == state["campaign"], f"CampaignId {r['CampaignId']}")

    def query_sessions():
        found = items(svc.QueryAgentSessions(), "AgentSession")
        state["session"] = found[0] if found else False
        if found:
            mine = items(svc.QueryAgentSessions(CampaignId=found[0].CampaignId), "AgentSession")
            expect(all(x.CampaignId == found[0].CampaignId for x in mine), "CampaignId filter")

    def get_session():
        if state.get("session"):
            s = svc.GetAgentSession(Id=state["session"].id)
            expect(
                s.id == state["session"].id and s.CampaignId == state["session"].CampaignId, f"session {s.id}"
            )
        else:
            not_found(svc.GetAgentSession, Id=999999999)

    def delete_group():
        svc.DeleteAgentGroup(Id=state["group"])
        not_found(svc.GetAgentGroup, Id=state["group"])

    def delete_campaign():
        svc.DeleteCccCampaign(Id=state["campaign"])
        not_found(svc.GetCccCampaign, Id=state["campaign"])

    return [
        ("CreateCccCampaign", (), create_campaign),
        ("GetCccCampaign", ("campaign",), get_campaign),
        ("QueryCccCampaigns", ("campaign",), query_campaigns),
        ("UpdateCccCampaign", ("campaign",), update_campaign),
        ("GetCccCampaignStats", ("campaign",), stats),
        ("ControlCccCampaign", ("campaign",), control),
        ("DeleteCccCampaignQuestions", ("campaign",), delete_questions),
        ("DeleteCccCampaignTransferNumbers", ("campaign",), delete_transfer_numbers),
        ("CreateAgentGroup", (), create_group),
        ("GetAgentGroup", ("group",), get_group),
        ("QueryAgentGroups", ("group",), query_groups),
        ("UpdateAgentGroup", ("group",), update_group),
        ("QueryAgents", ("group",), query_agents),
        ("GetAgent", ("agent",), get_agent),
        ("AddAgents", ("campaign", "agent"), add_agents),
        ("GetAgents", ("added",), get_agents),
        ("RemoveAgent", ("added",), remove_agent),
        ("AddAgentGroups", ("campaign", "group"), add_groups),
        ("GetAgentGroups", ("group_added",), get_groups),
        ("RemoveAgentGroup", ("group_added",), remove_group),
        ("SendAgentInvites", ("campaign",), send_invites),
        ("GetAgentInviteUri", ("invited",), invite_uri),
        ("QueryAgentSessions", (), query_sessions),
        ("GetAgentSession", (), get_session),
        ("DeleteAgentGroup", ("group",), delete_group),
        ("DeleteCccCampaign", ("campaign",), delete_campaign),
        *more_checks(svc, state),
    ]


def clock(method: str, body: dict | None = None) -> None:
    """The mock's clock (its admin API, not CallFire's): the held-batch story runs a campaign by it."""
    base = os.environ["CF_WSDL"].split("/api/1.1/")[0]
    answer = requests.request(method, f"{base}/__admin/clock", json=body, timeout=30)
    expect(answer.status_code == 200, f"the mock's clock ({method} {body}) answered {answer.status_code}")


def numbers(found) -> list[str]:
    return sorted(c.ToNumber._value_1 for c in items(found, "Call"))


def more_checks(svc, state: dict) -> list[tuple]:
    """CallService, BroadcastService's contact batches and SubscriptionService, each from its own WSDL."""
    calls, batches, subs = service("call"), service("broadcast"), service("subscription")

    def query_calls():
        found = calls.QueryCalls(MaxResults=5, BroadcastId=1001)
        expect(found.TotalResults >= 1 and found.Call, f"no calls of 1001: {found.TotalResults}")
        state["call"] = found.Call[0].id

    def get_call():
        call = calls.GetCall(Id=state["call"])
        expect(call.id == state["call"] and call.BroadcastId == 1001, f"got {call.id}")
        not_found(calls.GetCall, Id=1)

    def create_batch():
        state["batch"] = batches.CreateContactBatch(
            BroadcastId=1001, Name=f"zeep {TAG}", ToNumber=["12135559100"]
        )
        expect(state["batch"] > 0, f"CreatedId {state['batch']}")

    def get_batch():
        batch = batches.GetContactBatch(Id=state["batch"])
        expect(batch.BroadcastId == 1001 and batch.Size == 1, f"{batch.BroadcastId} {batch.Size}")
        not_found(batches.GetContactBatch, Id=1)

    def control_batch():
        # a campaign of its own, staffed by a group of its own, run by the frozen clock: a batch started,
        # a second one disabled (and renamed), then enabled
        clock("POST", {"freeze": True})
        state["cleanup"].append(lambda: clock("DELETE"))
        group = svc.CreateAgentGroup(AgentGroup={"Name": f"{GROUP} watch", "AgentEmails": [WATCH_AGENT]})
        state["cleanup"].append(lambda: svc.DeleteAgentGroup(Id=group))
        watched = svc.CreateCccCampaign(
            CccCampaign={"Name": f"{NAME} watched", "FromNumber": "12132212384", "AgentGroupId": group}
        )
        state["cleanup"].append(lambda: svc.DeleteCccCampaign(Id=watched))
        first = batches.CreateContactBatch(
            BroadcastId=watched, Name=f"zeep first {TAG}", ToNumber=FIRST_NUMBERS, Start=True
        )
        status = svc.GetCccCampaign(Id=watched).Status
        expect(status in ("RUNNING", "START_PENDING"), f"Start=true left the campaign {status}")
        held = batches.CreateContactBatch(
            BroadcastId=watched, Name=f"zeep held {TAG}", ToNumber=[HELD_NUMBER]
        )
        renamed = f"zeep held {TAG} (renamed)"
        expect(batches.ControlContactBatch(Id=held, Name=renamed, Enabled=False) is None, "answer")
        expect(batches.GetContactBatch(Id=held).Name == renamed, "Name not changed")
        clock("POST", {"advance": 3600})
        dialed = numbers(calls.QueryCalls(BroadcastId=watched))
        expect(dialed == FIRST_NUMBERS, f"an hour on, with the second batch disabled: {dialed}")
        remaining = batches.GetContactBatch(Id=held).Remaining
        expect(remaining == 1, f"disabled batch Remaining {remaining}")
        batches.ControlContactBatch(Id=held, Enabled=True)
        clock("POST", {"advance": 3600})
        later = calls.QueryCalls(BatchId=held)
        expect(
            numbers(later) == [HELD_NUMBER] and later.Call[0].BatchId == held,
            f"after enabling it: {numbers(later)}",
        )
        not_found(batches.ControlContactBatch, Id=1, Enabled=True)
        state.update(watched=watched, first=first, held=held)

    def query_batches():
        found = batches.QueryContactBatches(BroadcastId=state["watched"])
        got = [(b.id, b.Size, b.Remaining) for b in items(found, "ContactBatch")]
        want = [(state["first"], 2, 0), (state["held"], 1, 0)]
        expect(found.TotalResults == 2 and got == want, f"batches (id, Size, Remaining) {got}")
        page = batches.QueryContactBatches(BroadcastId=state["watched"], FirstResult=1, MaxResults=1)
        ids = [b.id for b in items(page, "ContactBatch")]
        expect(ids == [state["held"]] and page.TotalResults == 2, f"FirstResult=1 MaxResults=1: {ids}")
        not_found(batches.QueryContactBatches, BroadcastId=999999999)

    def create_subscription():
        state["sub"] = subs.CreateSubscription(
            Subscription={
                "Endpoint": "http://127.0.0.1:9/notify",
                "TriggerEvent": "CAMPAIGN_FINISHED",
                "SubscriptionFilter": {"BroadcastId": 1001},
            }
        )
        expect(state["sub"] > 0, f"CreatedId {state['sub']}")

    def query_subscriptions():
        found = subs.QuerySubscriptions(MaxResults=1000)
        expect(any(s.id == state["sub"] for s in found.Subscription or []), "not listed")

    def get_subscription():
        got = subs.GetSubscription(Id=state["sub"])
        expect(
            got.TriggerEvent == "CAMPAIGN_FINISHED" and got.Enabled is True,
            f"{got.TriggerEvent} {got.Enabled}",
        )

    def update_subscription():
        subs.UpdateSubscription(Subscription={"id": state["sub"], "Enabled": False})
        expect(subs.GetSubscription(Id=state["sub"]).Enabled is False, "still enabled")

    def delete_subscription():
        subs.DeleteSubscription(Id=state["sub"])
        not_found(subs.GetSubscription, Id=state["sub"])

    return [
        ("QueryCalls", (), query_calls),
        ("GetCall", ("call",), get_call),
        ("CreateContactBatch", (), create_batch),
        ("GetContactBatch", ("batch",), get_batch),
        ("ControlContactBatch", (), control_batch),
        ("QueryContactBatches", ("held",), query_batches),
        ("CreateSubscription", (), create_subscription),
        ("QuerySubscriptions", ("sub",), query_subscriptions),
        ("GetSubscription", ("sub",), get_subscription),
        ("UpdateSubscription", ("sub",), update_subscription),
        ("DeleteSubscription", ("sub",), delete_subscription),
    ]


def result(op: str, status: str, reason: str = "") -> None:
    print(f"RESULT\tzeep\t{op}\t{status}\t{' '.join(reason.split())}", flush=True)


def main() -> int:
    svc = service()
    state: dict = {"cleanup": []}
    for op, needs, check in checks(svc, state):
        missing = [n for n in needs if not state.get(n)]
        if missing:
            result(op, "FAIL", "skipped: needs " + ", ".join(missing))
            continue
        try:
            check()
            result(op, "PASS")
        except CheckFailed as exc:
            result(op, "FAIL", str(exc))
        except Fault as exc:
            result(op, "FAIL", f"SOAP fault {exc.code}: {exc.message}")
        except Exception as exc:  # a transport or parsing error of the stack: report it, go on
            result(op, "FAIL", f"{type(exc).__name__}: {exc}")
    for undo in reversed(state["cleanup"]):  # the held-batch story's campaign and group; the clock back
        try:
            undo()
        except Exception as exc:  # reported, not a check
            print(f"cleanup: {type(exc).__name__}: {exc}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
