import com.callfire.api11.client.CfApi11Client;
import com.callfire.api11.client.CfApi11ApiException;
import com.callfire.api11.client.ClientConstants;
import com.callfire.api11.client.ResourceNotFoundException;
import com.callfire.api11.client.api.broadcasts.BroadcastsApi;
import com.callfire.api11.client.api.broadcasts.model.BatchStatus;
import com.callfire.api11.client.api.broadcasts.model.BroadcastCommand;
import com.callfire.api11.client.api.broadcasts.model.BroadcastStats;
import com.callfire.api11.client.api.broadcasts.model.BroadcastStatus;
import com.callfire.api11.client.api.broadcasts.model.ContactBatch;
import com.callfire.api11.client.api.broadcasts.model.request.ControlBroadcastRequest;
import com.callfire.api11.client.api.broadcasts.model.request.CreateBatchRequest;
import com.callfire.api11.client.api.calls.CallsApi;
import com.callfire.api11.client.api.calls.model.Call;
import com.callfire.api11.client.api.calls.model.CallRecord;
import com.callfire.api11.client.api.calls.model.CallResult;
import com.callfire.api11.client.api.calls.model.request.QueryCallsRequest;
import com.callfire.api11.client.api.ccc.CccsApi;
import com.callfire.api11.client.api.ccc.model.Agent;
import com.callfire.api11.client.api.ccc.model.AgentGroup;
import com.callfire.api11.client.api.ccc.model.AgentInvite;
import com.callfire.api11.client.api.ccc.model.AgentSession;
import com.callfire.api11.client.api.ccc.model.CccBroadcast;
import com.callfire.api11.client.api.ccc.model.Question;
import com.callfire.api11.client.api.ccc.model.QuestionResponseType;
import com.callfire.api11.client.api.ccc.model.TransferNumber;
import com.callfire.api11.client.api.ccc.model.request.AddAgentGroupsRequest;
import com.callfire.api11.client.api.ccc.model.request.AddAgentsRequest;
import com.callfire.api11.client.api.ccc.model.request.QueryAgentGroupsRequest;
import com.callfire.api11.client.api.ccc.model.request.QueryAgentSessionsRequest;
import com.callfire.api11.client.api.ccc.model.request.QueryAgentsRequest;
import com.callfire.api11.client.api.ccc.model.request.QueryCccBroadcastsRequest;
import com.callfire.api11.client.api.ccc.model.request.SendAgentInviteRequest;
import com.callfire.api11.client.api.common.model.ActionState;
import com.callfire.api11.client.api.common.model.Result;
import com.callfire.api11.client.api.common.model.RetryConfig;
import com.callfire.api11.client.api.common.model.RetryPhoneType;
import com.callfire.api11.client.api.common.model.ToNumber;
import com.callfire.api11.client.api.common.model.request.QueryByIdRequest;
import com.callfire.api11.client.api.common.model.request.QueryRequest;
import com.callfire.api11.client.api.subscriptions.SubscriptionsApi;
import com.callfire.api11.client.api.subscriptions.model.NotificationFormat;
import com.callfire.api11.client.api.subscriptions.model.Subscription;
import com.callfire.api11.client.api.subscriptions.model.SubscriptionFilter;
import com.callfire.api11.client.api.subscriptions.model.TriggerEvent;

import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TimeZone;

/**
 * CallFire's Java API 1.1 client (com.callfire.api11.client, built unmodified but for the one Debian build fix
 * in interop/java/) against the mock: all 26 CccService operations through CccsApi, then a campaign watched
 * as CallFire's clients watch one (BroadcastsApi contact batches, CallsApi, SubscriptionsApi), JSON REST.
 * Prints "RESULT\tjava\tOperation\tPASS|FAIL\treason" lines for interop/run.py. Settings come from the
 * environment.
 */
public class InteropRunner {
    static final String C = "java";

    static class CheckFailed extends RuntimeException {
        CheckFailed(String message) {
            super(message);
        }
    }

    interface Check {
        String run() throws Exception;
    }

    static final Map<String, Object> s = new HashMap<>();

    static String env(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            System.err.println("missing environment variable " + name);
            System.exit(2);
        }
        return v;
    }

    static void check(String op, Check fn) {
        String line;
        try {
            String note = fn.run();
            line = "RESULT\t" + C + "\t" + op + "\tPASS\t" + (note == null ? "" : note);
        } catch (CheckFailed e) {
            line = "RESULT\t" + C + "\t" + op + "\tFAIL\t" + e.getMessage();
        } catch (Throwable e) {
            String msg = e.getClass().getSimpleName() + ": " + e.getMessage();
            Throwable cause = e.getCause();
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException) {
                // the client could not read the answer: Jackson's message without the JSON it quotes
                msg = e.getClass().getSimpleName() + " (JSON not readable by the client): " + cause.getClass().getSimpleName()
                    + ": " + ((com.fasterxml.jackson.core.JsonProcessingException) cause).getOriginalMessage();
            } else if (cause != null && cause != e) {
                msg += " (caused by " + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
            }
            line = "RESULT\t" + C + "\t" + op + "\tFAIL\t" + msg;
        }
        line = line.replaceAll("[\\r\\n]+", " ");
        if (line.length() > 600) {
            line = line.substring(0, 600) + "...";
        }
        System.out.println(line);
        System.out.flush();
    }

    static void expect(boolean condition, String message) {
        if (!condition) {
            throw new CheckFailed(message);
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T need(String key, String what) {
        if (!s.containsKey(key)) {
            throw new CheckFailed("skipped: needs " + what + ", which an earlier check did not provide");
        }
        return (T) s.get(key);
    }

    static void expect404(Runnable call, String what) {
        try {
            call.run();
        } catch (ResourceNotFoundException e) {
            return;
        } catch (CfApi11ApiException e) {
            throw new CheckFailed(what + ": expected 404 ResourceNotFoundException, got " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        throw new CheckFailed(what + ": expected 404, the call succeeded");
    }

    static List<Long> agentIds(List<Agent> agents) {
        List<Long> ids = new ArrayList<>();
        for (Agent a : agents) {
            ids.add(a.getId());
        }
        return ids;
    }

    static List<Long> groupIds(List<AgentGroup> groups) {
        List<Long> ids = new ArrayList<>();
        for (AgentGroup g : groups) {
            ids.add(g.getId());
        }
        return ids;
    }

    /** The mock's clock (its admin API, not CallFire's): the watch story runs a campaign by it. */
    static void clock(String method, String json) throws Exception {
        String base = env("CF_REST_BASE").replaceFirst("/api/1\\.1/rest/?$", "");
        HttpURLConnection c = (HttpURLConnection) new URL(base + "/__admin/clock").openConnection();
        c.setRequestMethod(method);
        if (json != null) {
            c.setDoOutput(true);
            c.setRequestProperty("Content-Type", "application/json");
            try (OutputStream out = c.getOutputStream()) {
                out.write(json.getBytes(StandardCharsets.UTF_8));
            }
        }
        int status = c.getResponseCode();
        c.disconnect();
        if (status != 200) {
            throw new CheckFailed("the mock's clock (" + method + " " + json + ") answered " + status);
        }
    }

    static Set<String> numbers(List<Call> calls) {
        Set<String> out = new HashSet<>();
        for (Call c : calls) {
            out.add(c.getToNumber() == null ? null : c.getToNumber().getValue());
        }
        return out;
    }

    static List<Long> batchIds(List<ContactBatch> batches) {
        List<Long> ids = new ArrayList<>();
        for (ContactBatch b : batches) {
            ids.add(b.getId());
        }
        return ids;
    }

    static String hms(Date d) {
        SimpleDateFormat f = new SimpleDateFormat("HH:mm:ss");
        f.setTimeZone(TimeZone.getTimeZone("UTC"));
        return d == null ? null : f.format(d);
    }

    public static void main(String[] args) throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        CfApi11Client.getClientConfig().setProperty(ClientConstants.BASE_PATH_PROPERTY, env("CF_REST_BASE"));
        final String tag = env("CF_TAG");
        final CccsApi api = new CfApi11Client(env("CF_LOGIN"), env("CF_PASSWORD")).cccsApi();
        final String name = "Interop Java " + tag;
        final SimpleDateFormat hmsIn = new SimpleDateFormat("HH:mm:ss");

        check("CreateCccCampaign", () -> {
            CccBroadcast b = new CccBroadcast();
            b.setName(name);
            b.setFromNumber("12132212384");
            b.setScript("interop script");
            b.setBeginTime(hmsIn.parse("09:00:00"));
            b.setEndTime(hmsIn.parse("17:30:00"));
            b.setRetryConfig(new RetryConfig(2, 15, Arrays.asList(Result.BUSY, Result.NO_ANS),
                Arrays.asList(RetryPhoneType.MOBILE_PHONE, RetryPhoneType.HOME_PHONE)));
            b.setAllowAnyTransfer(true);
            b.setRecorded(true);
            b.setMultilineDialingRatio(2);
            b.setMultilineDialingEnabled(true);
            b.setScrubLevel(1);
            Long id = api.create(b);
            expect(id != null && id > 0, "create returned id " + id);
            s.put("cid", id);
            // The shape CallFire's own integration test creates (CccsIntegrationTest.testCccBroadcastCrudOperations):
            // a question with choices and a transfer number; read back by GetCccCampaign, emptied by the two Delete checks.
            CccBroadcast q = new CccBroadcast();
            q.setName(name + " questions");
            q.setFromNumber("12132212384");
            Question question = new Question();
            question.setLabel("testQuestion");
            question.setResponseType(QuestionResponseType.STRING);
            question.setChoices(Arrays.asList("TEST1", "TEST2"));
            q.setQuestions(Collections.singletonList(question));
            TransferNumber t = new TransferNumber();
            t.setName("Transfer name");
            t.setNumber("12132212384");
            t.setAllowAssistedTransfer(true);
            q.setTransferNumbers(Collections.singletonList(t));
            try {
                s.put("qid", api.create(q));
            } catch (CfApi11ApiException e) {
                // keep the Delete checks going with a CHOICE question, and report the refusal here
                question.setResponseType(QuestionResponseType.CHOICE);
                s.put("qid", api.create(q));
                throw new CheckFailed("campaign " + id + " created, but the shape of CallFire's own integration test "
                    + "(a STRING question with Question[0][choices], CccsIntegrationTest:32-36) was refused: "
                    + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            return null;
        });

        check("GetCccCampaign", () -> {
            long cid = need("cid", "a created campaign");
            CccBroadcast b = api.get(cid);
            expect(b.getId() != null && b.getId() == cid, "@id " + b.getId());
            expect(name.equals(b.getName()), "Name " + b.getName());
            expect("12132212384".equals(b.getFromNumber()) && "interop script".equals(b.getScript()),
                "FromNumber/Script " + b.getFromNumber() + "/" + b.getScript());
            expect("09:00:00".equals(hms(b.getBeginTime())) && "17:30:00".equals(hms(b.getEndTime())),
                "LocalRestrictBegin/End " + hms(b.getBeginTime()) + "/" + hms(b.getEndTime()));
            expect(b.getRetryConfig() != null && Arrays.asList(Result.BUSY, Result.NO_ANS).equals(b.getRetryConfig().getRetryResults())
                && Integer.valueOf(2).equals(b.getRetryConfig().getMaxAttempts()), "RetryConfig " + b.getRetryConfig());
            expect(Boolean.TRUE.equals(b.getRecorded()) && Integer.valueOf(2).equals(b.getMultilineDialingRatio()),
                "Recorded/MultilineDialingRatio " + b.getRecorded() + "/" + b.getMultilineDialingRatio());
            expect(b.getStatus() != null, "no Status");
            long qid = need("qid", "the campaign with questions made in CreateCccCampaign");
            CccBroadcast got = api.get(qid);
            expect(got.getQuestions() != null && got.getQuestions().size() == 1
                && "testQuestion".equals(got.getQuestions().get(0).getLabel())
                && Arrays.asList("TEST1", "TEST2").equals(got.getQuestions().get(0).getChoices()),
                "Question read back: " + (got.getQuestions() == null ? null : got.getQuestions().get(0)));
            expect(got.getTransferNumbers() != null && got.getTransferNumbers().size() == 1
                && "12132212384".equals(got.getTransferNumbers().get(0).getNumber())
                && Boolean.TRUE.equals(got.getTransferNumbers().get(0).getAllowAssistedTransfer()),
                "TransferNumber read back: " + got.getTransferNumbers());
            return "Status " + b.getStatus();
        });

        check("QueryCccCampaigns", () -> {
            long cid = need("cid", "a created campaign");
            List<CccBroadcast> found = api.query(QueryCccBroadcastsRequest.create().name(name).running(false)
                .maxResults(10).firstResult(0).build());
            expect(found.size() == 1 && found.get(0).getId() == cid, "expected exactly campaign " + cid + ", got " + found.size()
                + (found.isEmpty() ? "" : " first " + found.get(0).getId()));
            return null;
        });

        check("UpdateCccCampaign", () -> {
            long cid = need("cid", "a created campaign");
            CccBroadcast b = new CccBroadcast();
            b.setId(cid);
            b.setName(name + " updated");
            b.setScript("updated script");
            b.setFromNumber("12132212384");
            api.update(b);
            CccBroadcast got = api.get(cid);
            expect((name + " updated").equals(got.getName()) && "updated script".equals(got.getScript()),
                "after update: Name " + got.getName() + ", Script " + got.getScript());
            expect(got.getRetryConfig() != null && Arrays.asList(Result.BUSY, Result.NO_ANS).equals(got.getRetryConfig().getRetryResults()),
                "RetryConfig lost by an update that omitted it: " + got.getRetryConfig());
            return null;
        });

        check("GetCccCampaignStats", () -> {
            long cid = need("cid", "a created campaign");
            BroadcastStats st = api.getStats(cid);
            expect(st != null, "no stats");
            SimpleDateFormat iso = new SimpleDateFormat("yyyy-MM-dd'T'HH:mm:ssXXX");
            BroadcastStats st2 = api.getStats(cid, iso.parse("2015-01-01T00:00:00Z"), iso.parse("2030-01-01T00:00:00Z"));
            expect(st2 != null, "no stats for an interval");
            return null;
        });

        check("ControlCccCampaign", () -> {
            long cid = need("cid", "a created campaign");
            api.control(ControlBroadcastRequest.create().id(cid).command(BroadcastCommand.START).maxActive(5).build());
            BroadcastStatus a = api.get(cid).getStatus();
            expect(a == BroadcastStatus.START_PENDING || a == BroadcastStatus.RUNNING, "Status after START " + a);
            api.control(ControlBroadcastRequest.create().id(cid).command(BroadcastCommand.STOP).build());
            BroadcastStatus b = api.get(cid).getStatus();
            expect(b == BroadcastStatus.STOPPED, "Status after STOP " + b);
            return "START -> " + a + ", STOP -> " + b;
        });

        check("DeleteCccCampaignQuestions", () -> {
            long qid = need("qid", "the campaign with questions made in CreateCccCampaign");
            api.deleteQuestions(qid);
            CccBroadcast got = api.get(qid);
            expect(got.getQuestions() == null, "Question after delete: " + got.getQuestions() + " (CallFire's test expects the key absent)");
            expect(got.getTransferNumbers() != null && got.getTransferNumbers().size() == 1, "transfer numbers changed too: " + got.getTransferNumbers());
            return null;
        });

        check("DeleteCccCampaignTransferNumbers", () -> {
            long qid = need("qid", "the campaign with questions made in CreateCccCampaign");
            api.deleteTransferNumbers(qid);
            CccBroadcast got = api.get(qid);
            expect(got.getTransferNumbers() == null, "TransferNumber after delete: " + got.getTransferNumbers() + " (CallFire's test expects the key absent)");
            return null;
        });

        final String group = "Interop Java group " + tag;
        final List<String> emails = Arrays.asList("interop-java-1-" + tag + "@example.com", "interop-java-2-" + tag + "@example.com");

        check("CreateAgentGroup", () -> {
            AgentGroup g = new AgentGroup();
            g.setName(group);
            g.setAgentEmails(emails);
            Long gid = api.createAgentGroup(g);
            expect(gid != null && gid > 0, "createAgentGroup returned " + gid);
            s.put("gid", gid);
            s.put("group", group);
            return null;
        });

        check("GetAgentGroup", () -> {
            long gid = need("gid", "a created agent group");
            AgentGroup g = api.getAgentGroup(gid);
            expect(g.getId() != null && g.getId() == gid && group.equals(g.getName()), "@id/Name " + g.getId() + "/" + g.getName());
            expect(g.getAgentEmails() != null && g.getAgentEmails().containsAll(emails), "AgentEmails " + g.getAgentEmails());
            return null;
        });

        check("QueryAgentGroups", () -> {
            long gid = need("gid", "a created agent group");
            List<AgentGroup> found = api.queryAgentGroups(QueryAgentGroupsRequest.create().name(group).maxResults(10).build());
            expect(groupIds(found).equals(Collections.singletonList(gid)), "expected exactly group " + gid + ", got " + groupIds(found));
            return null;
        });

        check("UpdateAgentGroup", () -> {
            long gid = need("gid", "a created agent group");
            // as CallFire's integration test does: read, rename, drop AgentIds, send the object back
            AgentGroup g = api.getAgentGroup(gid);
            g.setName(group + " updated");
            g.setAgentIds(null);
            api.updateAgentGroup(g);
            AgentGroup got = api.getAgentGroup(gid);
            expect((group + " updated").equals(got.getName()), "Name after update " + got.getName());
            expect(got.getAgentEmails() != null && got.getAgentEmails().containsAll(emails), "AgentEmails after update " + got.getAgentEmails());
            s.put("group", group + " updated");
            return null;
        });

        check("QueryAgents", () -> {
            List<Agent> all = api.queryAgents(QueryAgentsRequest.create().maxResults(100).build());
            expect(!all.isEmpty(), "no agents in the account");
            Agent a = all.get(0);
            expect(a.getId() != null && a.getEmail() != null, "first agent lacks @id or Email");
            s.put("agent", a.getId());
            s.put("email", a.getEmail());
            List<Agent> one = api.queryAgents(QueryAgentsRequest.create().agentEmail(a.getEmail()).enabled(a.isEnabled()).build());
            expect(agentIds(one).equals(Collections.singletonList(a.getId())), "AgentEmail=" + a.getEmail() + " found " + agentIds(one));
            return null;
        });

        check("GetAgent", () -> {
            long aid = s.containsKey("agent") ? (Long) s.get("agent") : Long.parseLong(env("CF_SEED_AGENT_ID"));
            Agent a = api.getAgent(aid);
            expect(a.getId() != null && a.getId() == aid, "@id " + a.getId());
            expect(s.containsKey("email") ? s.get("email").equals(a.getEmail()) : a.getEmail() != null, "Email " + a.getEmail());
            expect(a.isEnabled() != null, "Enabled missing");
            s.put("agent", aid);
            s.put("email", a.getEmail());
            return null;
        });

        check("AddAgents", () -> {
            long cid = need("cid", "a created campaign");
            long aid = need("agent", "an agent from QueryAgents or GetAgent");
            api.addCampaignAgents(AddAgentsRequest.create().broadcastId(cid).agentIds(Collections.singletonList(aid)).build());
            api.addCampaignAgents(AddAgentsRequest.create().broadcastId(cid)
                .agentEmails(Collections.singletonList((String) s.get("email"))).build());
            s.put("added", true);
            return "by id, then the same agent by email";
        });

        check("GetAgents", () -> {
            long cid = need("cid", "a created campaign");
            need("added", "AddAgents");
            List<Agent> agents = api.queryCampaignAgents(cid);
            expect(agentIds(agents).equals(Collections.singletonList((Long) s.get("agent"))),
                "after adding one agent by id and by email: " + agentIds(agents));
            expect(agents.get(0).getCampaignIds() != null && agents.get(0).getCampaignIds().contains(cid),
                "the agent's CampaignIds lack the campaign: " + agents.get(0).getCampaignIds());
            return null;
        });

        check("RemoveAgent", () -> {
            long cid = need("cid", "a created campaign");
            need("added", "AddAgents");
            api.removeAgentFromCampaign(cid, (Long) s.get("agent"));
            List<Agent> agents = api.queryCampaignAgents(cid);
            expect(agents.isEmpty(), "agents left: " + agentIds(agents));
            return null;
        });

        check("AddAgentGroups", () -> {
            long cid = need("cid", "a created campaign");
            long gid = need("gid", "a created agent group");
            api.addCampaignAgentGroups(AddAgentGroupsRequest.create().campaignId(cid).agentGroupIds(Collections.singletonList(gid)).build());
            s.put("gadded", true);
            return null;
        });

        check("GetAgentGroups", () -> {
            long cid = need("cid", "a created campaign");
            need("gadded", "AddAgentGroups");
            List<AgentGroup> groups = api.queryCampaignAgentGroups(cid);
            expect(groupIds(groups).equals(Collections.singletonList((Long) s.get("gid"))), "groups " + groupIds(groups));
            return null;
        });

        check("RemoveAgentGroup", () -> {
            long cid = need("cid", "a created campaign");
            need("gadded", "AddAgentGroups");
            api.removeAgentGroupFromCampaign(cid, (Long) s.get("gid"));
            List<AgentGroup> groups = api.queryCampaignAgentGroups(cid);
            expect(groups.isEmpty(), "groups left: " + groupIds(groups));
            api.getAgentGroup((Long) s.get("gid"));
            return null;
        });

        check("SendAgentInvites", () -> {
            long cid = need("cid", "a created campaign");
            String g = need("group", "an agent group");
            String email = s.containsKey("email") ? (String) s.get("email") : "interop-java-invite-" + tag + "@example.com";
            api.sendCampaignAgentInvite(SendAgentInviteRequest.create().campaignId(cid).agentGroupName(g)
                .agentEmails(Collections.singletonList(email)).build());
            s.put("invited", email);
            return null;
        });

        check("GetAgentInviteUri", () -> {
            long cid = need("cid", "a created campaign");
            String email = need("invited", "SendAgentInvites");
            AgentInvite inv = api.getCampaignAgentInviteUri(cid, email);
            expect(inv != null && inv.getAgentInviteUri() != null && inv.getAgentInviteUri().matches("https?://.*"),
                "AgentInviteUri " + (inv == null ? null : inv.getAgentInviteUri()));
            expect(inv.getCampaignId() != null && inv.getCampaignId() == cid, "CampaignId " + inv.getCampaignId());
            return null;
        });

        check("QueryAgentSessions", () -> {
            List<AgentSession> sessions = api.queryAgentSessions(QueryAgentSessionsRequest.create().maxResults(100).build());
            s.put("sessions", true);
            if (!sessions.isEmpty()) {
                AgentSession first = sessions.get(0);
                s.put("session", first);
                List<AgentSession> same = api.queryAgentSessions(QueryAgentSessionsRequest.create()
                    .campaignId(first.getCampaignId()).active(false).build());
                for (AgentSession x : same) {
                    expect(first.getCampaignId().equals(x.getCampaignId()), "CampaignId filter not applied");
                }
            }
            return sessions.size() + " session(s)";
        });

        check("GetAgentSession", () -> {
            need("sessions", "QueryAgentSessions");
            if (!s.containsKey("session")) {
                expect404(() -> api.getAgentSession(999999999L), "unknown session");
                return "no sessions to read: checked the 404 only";
            }
            AgentSession want = (AgentSession) s.get("session");
            AgentSession got = api.getAgentSession(want.getId());
            expect(want.getId().equals(got.getId()) && want.getCampaignId().equals(got.getCampaignId()) && got.getAgentState() != null,
                "got " + got.getId() + " campaign " + got.getCampaignId() + " state " + got.getAgentState());
            return null;
        });

        // ---- a campaign watched as CallFire's clients watch one: numbers added in contact batches, the calls
        // the mock's clock lets it place, read with CallsApi, and a subscription to its events
        final CfApi11Client cf = new CfApi11Client(env("CF_LOGIN"), env("CF_PASSWORD"));
        final BroadcastsApi broadcasts = cf.broadcastsApi();
        final CallsApi calls = cf.callsApi();
        final SubscriptionsApi subscriptions = cf.subscriptionsApi();
        final List<String> firstNumbers = Arrays.asList("12135557001", "12135557002");
        final String heldNumber = "12135557003";

        check("CreateContactBatch", () -> {
            long gid = need("gid", "a created agent group (the campaign's agents)");
            clock("POST", "{\"freeze\": true}");
            s.put("clock", true);
            CccBroadcast w = new CccBroadcast();
            w.setName(name + " watched");
            w.setFromNumber("12132212384");
            w.setAgentGroupId(gid);
            long wid = api.create(w);
            s.put("wid", wid);
            Long bid = broadcasts.createBatch(CreateBatchRequest.create().broadcastId(wid).name("Java batch " + tag)
                .numbers(ToNumber.asList(firstNumbers)).start(true).build());
            expect(bid != null && bid > 0, "createBatch returned " + bid);
            s.put("batch", bid);
            BroadcastStatus st = api.get(wid).getStatus();
            expect(st == BroadcastStatus.RUNNING || st == BroadcastStatus.START_PENDING, "Start=true left the campaign " + st);
            return "batch " + bid + " on campaign " + wid + " (" + st + ")";
        });

        check("GetContactBatch", () -> {
            long bid = need("batch", "CreateContactBatch");
            long wid = need("wid", "CreateContactBatch");
            ContactBatch b = broadcasts.getBatch(bid);
            expect(b.getId() == bid && ("Java batch " + tag).equals(b.getName()) && b.getBroadcastId() == wid,
                "@id/Name/BroadcastId " + b.getId() + "/" + b.getName() + "/" + b.getBroadcastId());
            expect(b.getStatus() == BatchStatus.ACTIVE && Integer.valueOf(2).equals(b.getSize()) && b.getCreated() != null,
                "Status/Size/Created " + b.getStatus() + "/" + b.getSize() + "/" + b.getCreated());
            expect404(() -> broadcasts.getBatch(999999999L), "getBatch of an unknown id");
            return null;
        });

        check("ControlContactBatch", () -> {
            long wid = need("wid", "CreateContactBatch");
            need("batch", "CreateContactBatch");
            Long held = broadcasts.createBatch(CreateBatchRequest.create().broadcastId(wid).name("Java held " + tag)
                .numbers(ToNumber.asList(heldNumber)).build());
            s.put("held", held);
            broadcasts.controlBatch(held, false);
            clock("POST", "{\"advance\": 3600}");
            List<Call> first = calls.query(QueryCallsRequest.create().broadcastId(wid).build());
            expect(numbers(first).equals(new HashSet<>(firstNumbers)),
                "an hour after START with the second batch disabled, the calls went to " + numbers(first));
            Integer remaining = broadcasts.getBatch(held).getRemaining();
            expect(Integer.valueOf(1).equals(remaining), "disabled batch Remaining " + remaining);
            broadcasts.controlBatch(held, true);
            clock("POST", "{\"advance\": 3600}");
            List<Call> later = calls.query(QueryCallsRequest.create().batchId(held).build());
            expect(later.size() == 1 && heldNumber.equals(later.get(0).getToNumber().getValue())
                && Long.valueOf(held).equals(later.get(0).getBatchId()),
                "after enabling it: " + later.size() + " call(s) to " + numbers(later));
            return "disabled: held back an hour; enabled: dialed";
        });

        check("QueryContactBatches", () -> {
            long wid = need("wid", "CreateContactBatch");
            long bid = need("batch", "CreateContactBatch");
            long held = need("held", "ControlContactBatch");
            List<ContactBatch> found = broadcasts.queryBatches(QueryByIdRequest.create().id(wid).build());
            expect(batchIds(found).equals(Arrays.asList(bid, held)), "batches " + batchIds(found));
            expect(Integer.valueOf(2).equals(found.get(0).getSize()) && Integer.valueOf(1).equals(found.get(1).getSize()),
                "Size " + found.get(0).getSize() + "/" + found.get(1).getSize());
            expect(Integer.valueOf(0).equals(found.get(0).getRemaining()) && Integer.valueOf(0).equals(found.get(1).getRemaining()),
                "Remaining after two hours " + found.get(0).getRemaining() + "/" + found.get(1).getRemaining());
            List<ContactBatch> page = broadcasts.queryBatches(QueryByIdRequest.create().id(wid).firstResult(1).maxResults(1).build());
            expect(batchIds(page).equals(Collections.singletonList(held)), "FirstResult=1 MaxResults=1: " + batchIds(page));
            expect404(() -> broadcasts.queryBatches(QueryByIdRequest.create().id(999999999L).build()), "queryBatches of an unknown campaign");
            return null;
        });

        check("QueryCalls", () -> {
            long wid = need("wid", "CreateContactBatch");
            long bid = need("batch", "CreateContactBatch");
            List<Call> all = calls.query(QueryCallsRequest.create().broadcastId(wid).build());
            Set<String> want = new HashSet<>(firstNumbers);
            want.add(heldNumber);
            expect(numbers(all).equals(want) && all.size() == 3, "calls of the campaign: " + numbers(all));
            for (Call c : all) {
                expect(Long.valueOf(wid).equals(c.getBroadcastId()) && "12132212384".equals(c.getFromNumber()),
                    "call " + c.getId() + " BroadcastId/FromNumber " + c.getBroadcastId() + "/" + c.getFromNumber());
                expect(c.getState() == ActionState.FINISHED && c.getCallRecord() != null && !c.getCallRecord().isEmpty(),
                    "call " + c.getId() + " State " + c.getState() + ", records " + c.getCallRecord());
                CallRecord last = c.getCallRecord().get(c.getCallRecord().size() - 1);
                expect(last.getResult() == c.getFinalResult(), "call " + c.getId() + " FinalResult " + c.getFinalResult()
                    + " but its last record " + last.getResult());
            }
            List<Call> ofBatch = calls.query(QueryCallsRequest.create().broadcastId(wid).batchId(bid).build());
            expect(numbers(ofBatch).equals(new HashSet<>(firstNumbers)), "BatchId filter: " + numbers(ofBatch));
            CallResult r = all.get(0).getFinalResult();
            List<Call> byResult = calls.query(QueryCallsRequest.create().broadcastId(wid).result(Collections.singletonList(r)).build());
            for (Call c : byResult) {
                expect(c.getFinalResult() == r, "Result=" + r + " listed a call with " + c.getFinalResult());
            }
            List<Call> ready = calls.query(QueryCallsRequest.create().broadcastId(wid).states(Collections.singletonList(ActionState.READY)).build());
            expect(ready.isEmpty(), "State=READY listed " + ready.size() + " call(s) of a finished campaign");
            s.put("call", all.get(0));
            return all.size() + " calls, results " + r + " x" + byResult.size();
        });

        check("GetCall", () -> {
            Call want = need("call", "QueryCalls");
            Call got = calls.get(want.getId());
            expect(got.getId() == want.getId() && got.getToNumber().getValue().equals(want.getToNumber().getValue())
                && got.getState() == want.getState() && got.getFinalResult() == want.getFinalResult()
                && got.getCallRecord().size() == want.getCallRecord().size(),
                "GetCall " + got.getId() + " differs from what QueryCalls listed");
            expect404(() -> calls.get(1L), "GetCall of an unknown id");
            return null;
        });

        if (s.containsKey("clock")) {
            try {
                clock("DELETE", null);  // back to real time for the runners after this one
            } catch (Exception e) {
                System.err.println("could not give the mock's clock back: " + e);
            }
        }

        check("CreateSubscription", () -> {
            long wid = s.containsKey("wid") ? (Long) s.get("wid") : 1001L;
            Subscription sub = new Subscription();
            sub.setEnabled(true);
            sub.setNonStrictSsl(true);
            sub.setEndpoint("https://127.0.0.1:9/java-" + tag + "?token=t1");
            sub.setNotificationFormat(NotificationFormat.JSON);
            sub.setTriggerEvent(TriggerEvent.CAMPAIGN_STARTED);
            SubscriptionFilter f = new SubscriptionFilter();
            f.setBroadcastId(wid);
            f.setFromNumber("12132212384");
            sub.setFilter(f);
            Long id = subscriptions.create(sub);
            expect(id != null && id > 0, "create returned " + id);
            s.put("sub", id);
            s.put("subBroadcast", wid);
            return null;
        });

        check("GetSubscription", () -> {
            long id = need("sub", "CreateSubscription");
            Subscription got = subscriptions.get(id);
            expect(Long.valueOf(id).equals(got.getId()) && Boolean.TRUE.equals(got.getEnabled()) && Boolean.TRUE.equals(got.getNonStrictSsl()),
                "@id/Enabled/NonStrictSsl " + got.getId() + "/" + got.getEnabled() + "/" + got.getNonStrictSsl());
            expect(("https://127.0.0.1:9/java-" + tag + "?token=t1").equals(got.getEndpoint()), "Endpoint " + got.getEndpoint());
            expect(got.getNotificationFormat() == NotificationFormat.JSON && got.getTriggerEvent() == TriggerEvent.CAMPAIGN_STARTED,
                "NotificationFormat/TriggerEvent " + got.getNotificationFormat() + "/" + got.getTriggerEvent());
            expect(got.getFilter() != null && s.get("subBroadcast").equals(got.getFilter().getBroadcastId())
                && "12132212384".equals(got.getFilter().getFromNumber()), "SubscriptionFilter " + got.getFilter());
            return null;
        });

        check("QuerySubscriptions", () -> {
            long id = need("sub", "CreateSubscription");
            List<Subscription> all = subscriptions.query(QueryRequest.createSimpleQuery().maxResults(1000).build());
            Subscription mine = null;
            for (Subscription x : all) {
                if (Long.valueOf(id).equals(x.getId())) {
                    mine = x;
                }
            }
            expect(mine != null && mine.getTriggerEvent() == TriggerEvent.CAMPAIGN_STARTED, "subscription " + id + " not listed as created");
            return all.size() + " subscription(s)";
        });

        check("UpdateSubscription", () -> {
            long id = need("sub", "CreateSubscription");
            Subscription change = new Subscription();
            change.setId(id);
            change.setEnabled(false);
            change.setTriggerEvent(TriggerEvent.CAMPAIGN_FINISHED);
            subscriptions.update(change);
            Subscription got = subscriptions.get(id);
            expect(Boolean.FALSE.equals(got.getEnabled()) && got.getTriggerEvent() == TriggerEvent.CAMPAIGN_FINISHED,
                "Enabled/TriggerEvent after update " + got.getEnabled() + "/" + got.getTriggerEvent());
            expect(("https://127.0.0.1:9/java-" + tag + "?token=t1").equals(got.getEndpoint()) && got.getNotificationFormat() == NotificationFormat.JSON
                && got.getFilter() != null && s.get("subBroadcast").equals(got.getFilter().getBroadcastId()),
                "fields the update left out changed: " + got);
            return null;
        });

        check("DeleteSubscription", () -> {
            long id = need("sub", "CreateSubscription");
            subscriptions.delete(id);
            expect404(() -> subscriptions.get(id), "get after delete");
            return null;
        });

        check("DeleteAgentGroup", () -> {
            long gid = need("gid", "a created agent group");
            api.removeAgentGroup(gid);
            expect404(() -> api.getAgentGroup(gid), "getAgentGroup after delete");
            return null;
        });

        check("DeleteCccCampaign", () -> {
            long cid = need("cid", "a created campaign");
            api.delete(cid);
            expect404(() -> api.get(cid), "get after delete");
            if (s.containsKey("qid")) {
                api.delete((Long) s.get("qid"));
            }
            if (s.containsKey("wid")) {
                api.delete((Long) s.get("wid"));
            }
            return null;
        });
    }
}
