import com.callfire.api11.client.CfApi11Client;
import com.callfire.api11.client.CfApi11ApiException;
import com.callfire.api11.client.ClientConstants;
import com.callfire.api11.client.ResourceNotFoundException;
import com.callfire.api11.client.api.broadcasts.model.BroadcastCommand;
import com.callfire.api11.client.api.broadcasts.model.BroadcastStats;
import com.callfire.api11.client.api.broadcasts.model.BroadcastStatus;
import com.callfire.api11.client.api.broadcasts.model.request.ControlBroadcastRequest;
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
import com.callfire.api11.client.api.common.model.Result;
import com.callfire.api11.client.api.common.model.RetryConfig;
import com.callfire.api11.client.api.common.model.RetryPhoneType;

import java.text.SimpleDateFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * CallFire's Java API 1.1 client (com.callfire.api11.client, built unmodified but for the one Debian build fix
 * in interop/java/) against the mock: all 26 CccService operations through CccsApi, JSON REST. Prints
 * "RESULT\tjava\tOperation\tPASS|FAIL\treason" lines for interop/run.py. Settings come from the environment.
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
            return null;
        });
    }
}
