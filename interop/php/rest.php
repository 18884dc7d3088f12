<?php
/*
 * CallFire's PHP SDK REST client (CallFire\Api\Rest\Client\Ccc, unmodified) against the mock: every one of
 * the 26 CccService operations, through the SDK's own request classes and its own XML response parser
 * (Ccc::response()). What the SDK sends and reads: docs/callfire-operations.md.
 */

require_once __DIR__ . '/harness.php';

use CallFire\Api\Client;
use CallFire\Api\Rest\Client\Ccc;
use CallFire\Api\Rest\Request as R;
use CallFire\Api\Rest\Response;
use CallFire\Common\Resource;

const C = 'php-rest';

$tag = env('CF_TAG');
$client = Client::Rest(env('CF_LOGIN'), env('CF_PASSWORD'), 'Ccc');
$client->setBasePath(env('CF_REST_BASE'));
$qclient = Client::Rest(env('CF_Q_LOGIN'), env('CF_Q_PASSWORD'), 'Ccc');
$qclient->setBasePath(env('CF_REST_BASE'));
$qcampaign = (int) env('CF_Q_CAMPAIGN');

/** The SDK's parse of a raw answer, checked against the kind of answer expected. */
function parsed($raw, $kind)
{
    expect($raw !== false, 'no HTTP response (curl failed)');
    $r = Ccc::response($raw);
    if ($r instanceof Response\ResourceException && $kind !== 'ResourceException') {
        throw new CheckFailed("ResourceException {$r->getHttpStatus()}: {$r->getMessage()}");
    }
    switch ($kind) {
        case 'empty':
            expect($r === true, 'expected an empty body, got ' . show($r) . ': ' . substr($raw, 0, 200));
            break;
        case 'Resource':
            expect($r instanceof Response\Resource, 'expected r:Resource, got ' . show($r));
            break;
        case 'ResourceList':
            expect($r instanceof Response\ResourceList, 'expected r:ResourceList, got ' . show($r));
            break;
        case 'ResourceReference':
            expect($r instanceof Response\ResourceReference, 'expected r:ResourceReference, got ' . show($r));
            break;
        case 'ResourceException':
            expect($r instanceof Response\ResourceException, 'expected r:ResourceException, got ' . show($r));
            break;
    }
    return $r;
}

function resource($raw, $class)
{
    $res = parsed($raw, 'Resource')->getResource();
    expect($res instanceof $class, "expected a $class in r:Resource, got " . show($res));
    return $res;
}

function ids($list)
{
    $ids = array();
    foreach ($list->getResources() as $res) {
        $ids[] = (string) $res->getId();
    }
    return $ids;
}

function expect404($raw, $what)
{
    $e = parsed($raw, 'ResourceException');
    expect((string) $e->getHttpStatus() === '404', "$what: expected HttpStatus 404, got " . show($e->getHttpStatus()));
}

$s = array();
$name = "Interop PHP REST $tag";

check(C, 'CreateCccCampaign', function () use ($client, $name, &$s) {
    $req = new R\CreateCccCampaign;
    $req->setName($name)->setFromNumber('12132212384')->setScript('interop script')
        ->setLocalRestrictBegin('09:00:00')->setLocalRestrictEnd('17:30:00')
        ->setMaxAttempts(2)->setMinutesBetweenAttempts(15)->setRetryResults(array('BUSY', 'NO_ANS'))
        ->setRetryPhoneTypes(array('FIRST_NUMBER'))->setAllowAnyTransfer(true)->setRecorded(true)
        ->setMultilineDialingRatio(2)->setMultilineDialingEnabled(true)->setScrubLevel(1);
    $ref = parsed($client->CreateCccCampaign($req), 'ResourceReference');
    expect(ctype_digit((string) $ref->getId()), 'Id is not a number: ' . show($ref->getId()));
    $s['cid'] = (int) $ref->getId();
    expect(substr((string) $ref->getLocation(), -strlen("/ccc/{$s['cid']}")) === "/ccc/{$s['cid']}",
        'Location does not end in /ccc/' . $s['cid'] . ': ' . show($ref->getLocation()));
});

check(C, 'GetCccCampaign', function () use ($client, $name, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $c = resource($client->GetCccCampaign($cid), Resource\CccCampaign::class);
    expect((string) $c->getId() === (string) $cid, 'id ' . show($c->getId()));
    expect($c->getName() === $name, 'Name ' . show($c->getName()));
    expect($c->getFromNumber() === '12132212384', 'FromNumber ' . show($c->getFromNumber()));
    expect($c->getScript() === 'interop script', 'Script ' . show($c->getScript()));
    expect(strpos((string) $c->getLocalRestrictBegin(), '09:00:00') === 0, 'LocalRestrictBegin ' . show($c->getLocalRestrictBegin()));
    expect(strpos((string) $c->getRetryConfig(), 'BUSY NO_ANS') !== false, 'RetryConfig ' . show($c->getRetryConfig()));
    expect($c->getRecorded() === 'true' && $c->getMultilineDialingRatio() === '2', 'Recorded/MultilineDialingRatio '
        . show($c->getRecorded()) . '/' . show($c->getMultilineDialingRatio()));
    expect(in_array($c->getStatus(), array('START_PENDING', 'RUNNING', 'STOPPED', 'FINISHED', 'ARCHIVED'), true),
        'Status ' . show($c->getStatus()) . ' for a new campaign: the live service reports one of START_PENDING, RUNNING,'
        . ' STOPPED, FINISHED, ARCHIVED (Java enum; docs/vendors/callfire.md: STOPPED)');
    return 'Status ' . $c->getStatus();
});

check(C, 'QueryCccCampaigns', function () use ($client, $name, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $req = new R\QueryCccCampaigns;
    $req->setName($name)->setRunning(false)->setMaxResults(10)->setFirstResult(0);
    $list = parsed($client->QueryCccCampaigns($req), 'ResourceList');
    expect(ids($list) === array((string) $cid), 'expected exactly campaign ' . $cid . ', got ' . json_encode(ids($list)));
    expect((string) $list->getTotalResults() === '1', 'totalResults ' . show($list->getTotalResults()));
});

check(C, 'UpdateCccCampaign', function () use ($client, $name, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $req = new R\UpdateCccCampaign;
    $req->setName("$name updated")->setScript('updated script')->setFromNumber('12132212384');
    parsed($client->UpdateCccCampaign($cid, $req), 'empty');
    $c = resource($client->GetCccCampaign($cid), Resource\CccCampaign::class);
    expect($c->getName() === "$name updated", 'Name after update ' . show($c->getName()));
    expect($c->getScript() === 'updated script', 'Script after update ' . show($c->getScript()));
    expect(strpos((string) $c->getRetryConfig(), 'BUSY NO_ANS') !== false, 'RetryConfig lost by an update that omitted it: '
        . show($c->getRetryConfig()));
});

check(C, 'GetCccCampaignStats', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    resource($client->GetCccCampaignStats($cid), Resource\CccCampaignStats::class);
    $req = new R\GetCccCampaignStats;
    $req->setIntervalBegin('2015-01-01T00:00:00Z')->setIntervalEnd('2030-01-01T00:00:00Z');
    $stats = resource($client->GetCccCampaignStats($cid, $req), Resource\CccCampaignStats::class);
    expect($stats->getCallsAttempted() !== null, 'CallsAttempted missing');
});

check(C, 'ControlCccCampaign', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $req = new R\ControlCccCampaign;
    parsed($client->ControlCccCampaign($cid, $req->setCommand('START')->setMaxActive(5)), 'empty');
    $status = resource($client->GetCccCampaign($cid), Resource\CccCampaign::class)->getStatus();
    expect(in_array($status, array('START_PENDING', 'RUNNING'), true), 'Status after START ' . show($status));
    $req = new R\ControlCccCampaign;
    parsed($client->ControlCccCampaign($cid, $req->setCommand('STOP')), 'empty');
    $status2 = resource($client->GetCccCampaign($cid), Resource\CccCampaign::class)->getStatus();
    expect($status2 === 'STOPPED', 'Status after STOP ' . show($status2));
    return "START -> $status, STOP -> $status2";
});

// The PHP REST client cannot send questions or transfer numbers (flat Question/TransferNumber fields),
// so the two delete checks use a seeded campaign that has both.
check(C, 'DeleteCccCampaignQuestions', function () use ($qclient, $qcampaign) {
    $before = resource($qclient->GetCccCampaign($qcampaign), Resource\CccCampaign::class);
    expect(count($before->getQuestions()) > 0, "seeded campaign $qcampaign has no questions to delete");
    parsed($qclient->DeleteCccCampaignQuestions($qcampaign), 'empty');
    $after = resource($qclient->GetCccCampaign($qcampaign), Resource\CccCampaign::class);
    expect(count($after->getQuestions()) === 0, count($after->getQuestions()) . ' questions left');
    expect(count($after->getTransferNumbers()) === count($before->getTransferNumbers()), 'transfer numbers changed too');
    return "seeded campaign $qcampaign";
});

check(C, 'DeleteCccCampaignTransferNumbers', function () use ($qclient, $qcampaign) {
    $before = resource($qclient->GetCccCampaign($qcampaign), Resource\CccCampaign::class);
    expect(count($before->getTransferNumbers()) > 0, "seeded campaign $qcampaign has no transfer numbers to delete");
    parsed($qclient->DeleteCccCampaignTransferNumbers($qcampaign), 'empty');
    $after = resource($qclient->GetCccCampaign($qcampaign), Resource\CccCampaign::class);
    expect(count($after->getTransferNumbers()) === 0, count($after->getTransferNumbers()) . ' transfer numbers left');
    return "seeded campaign $qcampaign";
});

$group = "Interop PHP REST group $tag";
$emails = array("interop-php-rest-1-$tag@example.com", "interop-php-rest-2-$tag@example.com");

check(C, 'CreateAgentGroup', function () use ($client, $group, $emails, &$s) {
    $req = new R\CreateAgentGroup;
    $ref = parsed($client->CreateAgentGroup($req->setName($group)->setAgentEmails($emails)), 'ResourceReference');
    expect(ctype_digit((string) $ref->getId()), 'Id is not a number: ' . show($ref->getId()));
    $s['gid'] = (int) $ref->getId();
    $s['group'] = $group;
    expect(substr((string) $ref->getLocation(), -strlen("/ccc/agent-group/{$s['gid']}")) === "/ccc/agent-group/{$s['gid']}",
        'Location ' . show($ref->getLocation()));
});

check(C, 'GetAgentGroup', function () use ($client, $group, $emails, &$s) {
    $gid = need($s, 'gid', 'a created agent group');
    $g = resource($client->GetAgentGroup($gid), Resource\AgentGroup::class);
    expect((string) $g->getId() === (string) $gid, 'id ' . show($g->getId()));
    expect($g->getName() === $group, 'Name ' . show($g->getName()));
    expect(array_values(array_intersect($emails, words($g->getAgentEmails()))) === $emails, 'AgentEmails ' . show($g->getAgentEmails()));
});

check(C, 'QueryAgentGroups', function () use ($client, $group, &$s) {
    $gid = need($s, 'gid', 'a created agent group');
    $req = new R\QueryAgentGroups;
    $list = parsed($client->QueryAgentGroups($req->setName($group)->setMaxResults(10)->setFirstResult(0)), 'ResourceList');
    expect(ids($list) === array((string) $gid), 'expected exactly group ' . $gid . ', got ' . json_encode(ids($list)));
});

check(C, 'UpdateAgentGroup', function () use ($client, $group, $emails, &$s) {
    $gid = need($s, 'gid', 'a created agent group');
    $req = new R\UpdateAgentGroup;
    parsed($client->UpdateAgentGroup($gid, $req->setName("$group updated")->setAgentEmails($emails)), 'empty');
    $g = resource($client->GetAgentGroup($gid), Resource\AgentGroup::class);
    expect($g->getName() === "$group updated", 'Name after update ' . show($g->getName()));
    $s['group'] = "$group updated";
});

check(C, 'QueryAgents', function () use ($client, &$s) {
    $req = new R\QueryAgents;
    $all = parsed($client->QueryAgents($req->setMaxResults(100)->setFirstResult(0)), 'ResourceList');
    $agents = $all->getResources();
    expect(count($agents) > 0, 'no agents in the account (totalResults ' . show($all->getTotalResults()) . ')');
    $a = $agents[0];
    expect($a instanceof Resource\Agent && $a->getId() && $a->getEmail(), 'first agent lacks id or Email');
    $s['agent'] = (string) $a->getId();
    $s['email'] = $a->getEmail();
    $req = new R\QueryAgents;
    $one = parsed($client->QueryAgents($req->setAgentEmail($a->getEmail())), 'ResourceList');
    expect(ids($one) === array($s['agent']), "AgentEmail={$a->getEmail()} found " . json_encode(ids($one)));
});

check(C, 'GetAgent', function () use ($client, &$s) {
    // without QueryAgents, fall back on an agent id of a seeded agent group (CF_SEED_AGENT_ID)
    $aid = isset($s['agent']) ? $s['agent'] : env('CF_SEED_AGENT_ID');
    $a = resource($client->GetAgent($aid), Resource\Agent::class);
    expect((string) $a->getId() === (string) $aid, 'id ' . show($a->getId()));
    expect(isset($s['email']) ? $a->getEmail() === $s['email'] : (bool) $a->getEmail(), 'Email ' . show($a->getEmail()));
    $s['agent'] = (string) $aid;
    $s['email'] = $a->getEmail();
    expect(in_array($a->getEnabled(), array('true', 'false'), true), 'Enabled ' . show($a->getEnabled()));
});

check(C, 'AddAgents', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $aid = need($s, 'agent', 'an agent from QueryAgents or GetAgent');
    $req = new R\AddAgents;
    parsed($client->AddAgents($cid, $req->setAgentIds(array($aid))), 'empty');
    $req = new R\AddAgents;
    parsed($client->AddAgents($cid, $req->setAgentEmails(array($s['email']))), 'empty');
    $s['added'] = true;
    return 'by id, then the same agent by email';
});

check(C, 'GetAgents', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    need($s, 'added', 'AddAgents');
    $list = parsed($client->GetAgents($cid), 'ResourceList');
    expect(ids($list) === array($s['agent']), 'after adding one agent by id and by email: ' . json_encode(ids($list)));
});

check(C, 'RemoveAgent', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    need($s, 'added', 'AddAgents');
    $req = new R\RemoveAgent;
    parsed($client->RemoveAgent($cid, $s['agent'], $req->setCampaignId($cid)->setId($s['agent'])), 'empty');
    $list = parsed($client->GetAgents($cid), 'ResourceList');
    expect(ids($list) === array(), 'agents left: ' . json_encode(ids($list)));
});

check(C, 'AddAgentGroups', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $gid = need($s, 'gid', 'a created agent group');
    $req = new R\AddAgentGroups;
    parsed($client->AddAgentGroups($cid, $req->setAgentGroupIds(array($gid))), 'empty');
    $s['gadded'] = true;
});

check(C, 'GetAgentGroups', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    need($s, 'gadded', 'AddAgentGroups');
    $list = parsed($client->GetAgentGroups($cid), 'ResourceList');
    expect(in_array((string) $s['gid'], ids($list), true), 'group ' . $s['gid'] . ' not in ' . json_encode(ids($list)));
});

check(C, 'RemoveAgentGroup', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    need($s, 'gadded', 'AddAgentGroups');
    parsed($client->RemoveAgentGroup($cid, $s['gid']), 'empty');
    $list = parsed($client->GetAgentGroups($cid), 'ResourceList');
    expect(!in_array((string) $s['gid'], ids($list), true), 'group still attached: ' . json_encode(ids($list)));
    resource($client->GetAgentGroup($s['gid']), Resource\AgentGroup::class);
});

check(C, 'SendAgentInvites', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $group = need($s, 'group', 'an agent group');
    $req = new R\SendAgentInvites;
    $email = isset($s['email']) ? $s['email'] : "interop-php-rest-invite-{$GLOBALS['tag']}@example.com";
    parsed($client->SendAgentInvites($cid, $req->setAgentGroupName($group)->setAgentEmails(array($email))), 'empty');
    $s['invited'] = $email;
});

check(C, 'GetAgentInviteUri', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    $email = need($s, 'invited', 'SendAgentInvites');
    $req = new R\GetAgentInviteUri;
    $raw = $client->GetAgentInviteUri($cid, $req->setAgentEmail($email));
    parsed($raw, 'Resource'); // the SDK has no AgentInvite type: an empty Resource is all it gives
    $doc = new DOMDocument;
    $doc->loadXML($raw);
    $x = new DOMXPath($doc);
    $x->registerNamespace('d', 'http://api.callfire.com/data');
    $uri = $x->evaluate('string(/*/d:AgentInvite/d:AgentInviteUri)');
    $camp = $x->evaluate('string(/*/d:AgentInvite/d:CampaignId)');
    expect(preg_match('#^https?://#', $uri) === 1, 'AgentInvite/AgentInviteUri ' . show($uri));
    expect($camp === (string) $cid, 'AgentInvite/CampaignId ' . show($camp));
    return 'SDK parses r:Resource only; AgentInvite checked in the raw XML';
});

check(C, 'QueryAgentSessions', function () use ($client, &$s) {
    $req = new R\QueryAgentSessions;
    $list = parsed($client->QueryAgentSessions($req->setMaxResults(100)->setFirstResult(0)), 'ResourceList');
    $sessions = $list->getResources();
    expect((int) $list->getTotalResults() >= count($sessions), 'totalResults < items');
    $s['sessions'] = true;
    if ($sessions) {
        $s['session'] = $sessions[0];
        $req = new R\QueryAgentSessions;
        $one = parsed($client->QueryAgentSessions($req->setCampaignId($sessions[0]->getCampaignId())->setActive(false)), 'ResourceList');
        foreach ($one->getResources() as $x) {
            expect((string) $x->getCampaignId() === (string) $sessions[0]->getCampaignId(), 'CampaignId filter not applied');
        }
    }
    return count($sessions) . ' session(s)';
});

check(C, 'GetAgentSession', function () use ($client, &$s) {
    need($s, 'sessions', 'QueryAgentSessions');
    if (!isset($s['session'])) {
        expect404($client->GetAgentSession(999999999), 'unknown session');
        return 'no sessions to read: checked the 404 only';
    }
    $want = $s['session'];
    $got = resource($client->GetAgentSession($want->getId()), Resource\AgentSession::class);
    expect((string) $got->getId() === (string) $want->getId() && (string) $got->getCampaignId() === (string) $want->getCampaignId(),
        'got ' . show($got->getId()) . ' campaign ' . show($got->getCampaignId()));
});

check(C, 'DeleteAgentGroup', function () use ($client, &$s) {
    $gid = need($s, 'gid', 'a created agent group');
    parsed($client->DeleteAgentGroup($gid), 'empty');
    expect404($client->GetAgentGroup($gid), 'GetAgentGroup after delete');
});

check(C, 'DeleteCccCampaign', function () use ($client, &$s) {
    $cid = need($s, 'cid', 'a created campaign');
    parsed($client->DeleteCccCampaign($cid), 'empty');
    expect404($client->GetCccCampaign($cid), 'GetCccCampaign after delete');
});

// CallService, contact batches and SubscriptionService through the SDK's other REST clients
require __DIR__ . '/rest_watch.php';
