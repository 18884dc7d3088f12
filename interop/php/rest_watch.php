<?php
/*
 * CallFire's PHP SDK REST clients (CallFire\Api\Rest\Client\Call, Broadcast, Subscription; unmodified)
 * against the mock: QueryCalls and GetCall of a CCC campaign, a contact batch on it, a campaign of its own
 * run by the mock's clock with a batch held back (ControlContactBatch) and its batches listed
 * (QueryContactBatches), and the five SubscriptionService operations, through the SDK's own request
 * classes and XML response parser.
 */

require_once __DIR__ . '/harness.php';  // also run at the end of rest.php

use CallFire\Api\Client;
use CallFire\Api\Rest\Client\Call;
use CallFire\Api\Rest\Request as R;
use CallFire\Api\Rest\Response;
use CallFire\Common\Resource;

if (!defined('C')) {
    define('C', 'php-rest');
}

$tag = env('CF_TAG');
function rest($service)
{
    $client = Client::Rest(env('CF_LOGIN'), env('CF_PASSWORD'), $service);
    $client->setBasePath(env('CF_REST_BASE'));
    return $client;
}
$calls = rest('Call');
$broadcasts = rest('Broadcast');
$subs = rest('Subscription');
$ccc = rest('Ccc');

function answer($raw, $kind)
{
    expect($raw !== false, 'no HTTP response (curl failed)');
    $r = Call::response($raw);
    if ($r instanceof Response\ResourceException && $kind !== 'ResourceException') {
        throw new CheckFailed("ResourceException {$r->getHttpStatus()}: {$r->getMessage()}");
    }
    $classes = array(
        'Resource' => Response\Resource::class, 'ResourceList' => Response\ResourceList::class,
        'ResourceReference' => Response\ResourceReference::class,
        'ResourceException' => Response\ResourceException::class,
    );
    if ($kind === 'empty') {
        expect($r === true, 'expected an empty body, got ' . show($r));
    } else {
        expect($r instanceof $classes[$kind], "expected r:$kind, got " . show($r));
    }
    return $r;
}

function gone($raw, $what)
{
    $e = answer($raw, 'ResourceException');
    expect((string) $e->getHttpStatus() === '404', "$what: expected 404, got " . show($e->getHttpStatus()));
}

$s = array();

check(C, 'QueryCalls', function () use ($calls, &$s) {
    $q = new R\QueryCalls();
    $q->setBroadcastId(1001);
    $q->setMaxResults(5);
    $list = answer($calls->QueryCalls($q), 'ResourceList');
    $found = $list->getResources();
    expect(count($found) > 0 && $list->getTotalResults() >= count($found), 'no calls of campaign 1001');
    expect($found[0] instanceof Resource\Call, 'not a Call: ' . show($found[0]));
    $s['call'] = $found[0]->getId();
});

check(C, 'GetCall', function () use ($calls, &$s) {
    $id = need($s, 'call', 'QueryCalls');
    $call = answer($calls->GetCall($id), 'Resource')->getResource();
    expect($call instanceof Resource\Call && (string) $call->getId() === (string) $id, 'got ' . show($call));
    gone($calls->GetCall(1), 'unknown call');
});

check(C, 'CreateContactBatch', function () use ($broadcasts, $tag, &$s) {
    $r = new R\CreateContactBatch();
    $r->setName("PHP batch $tag");
    $r->setTo('12135559200 12135559201');
    $ref = answer($broadcasts->CreateContactBatch(1001, $r), 'ResourceReference');
    $s['batch'] = $ref->getId();
    expect($s['batch'] > 0, 'no id');
});

check(C, 'GetContactBatch', function () use ($broadcasts, &$s) {
    $id = need($s, 'batch', 'CreateContactBatch');
    $batch = answer($broadcasts->GetContactBatch($id), 'Resource')->getResource();
    expect($batch instanceof Resource\ContactBatch && (string) $batch->getSize() === '2', 'got ' . show($batch));
});

/** ToNumber of every call of a QueryCalls answer, sorted. */
function dialed($list)
{
    $out = array();
    foreach ($list->getResources() as $call) {
        $out[] = (string) $call->getToNumber();
    }
    sort($out);
    return $out;
}

// A campaign of its own, staffed by a group of its own, run by the frozen clock: a batch started, a second
// one disabled (and renamed), then enabled.
$undo = array();
$first_numbers = array('12135556101', '12135556102');
$held_number = '12135556103';

check(C, 'ControlContactBatch', function () use ($ccc, $calls, $broadcasts, $tag, $first_numbers, $held_number, &$s, &$undo) {
    mock_clock('POST', array('freeze' => true));
    $undo[] = function () {
        mock_clock('DELETE');
    };
    $g = new R\CreateAgentGroup();
    $g->setName("PHP REST watch group $tag")->setAgentEmails(array("php-rest-watch-$tag@example.com"));
    $group = answer($ccc->CreateAgentGroup($g), 'ResourceReference')->getId();
    $undo[] = function () use ($ccc, $group) {
        $ccc->DeleteAgentGroup($group);
    };
    $c = new R\CreateCccCampaign();
    $c->setName("PHP REST watched $tag")->setFromNumber('12132212384')->setAgentGroupId($group);
    $watched = answer($ccc->CreateCccCampaign($c), 'ResourceReference')->getId();
    $undo[] = function () use ($ccc, $watched) {
        $ccc->DeleteCccCampaign($watched);
    };
    $b = new R\CreateContactBatch();
    $b->setName("PHP REST first $tag")->setTo(implode(' ', $first_numbers))->setStart(true);
    $first = answer($broadcasts->CreateContactBatch($watched, $b), 'ResourceReference')->getId();
    $status = answer($ccc->GetCccCampaign($watched), 'Resource')->getResource()->getStatus();
    expect(in_array($status, array('RUNNING', 'START_PENDING'), true), "Start=true left the campaign $status");
    $b = new R\CreateContactBatch();
    $b->setName("PHP REST held $tag")->setTo($held_number);
    $held = answer($broadcasts->CreateContactBatch($watched, $b), 'ResourceReference')->getId();
    $control = new R\ControlContactBatch();
    $control->setName("PHP REST held $tag (renamed)")->setEnabled(false);  // the SDK sends an empty value
    answer($broadcasts->ControlContactBatch($held, $control), 'empty');
    $batch = answer($broadcasts->GetContactBatch($held), 'Resource')->getResource();
    expect($batch->getName() === "PHP REST held $tag (renamed)", 'Name after control ' . show($batch->getName()));
    mock_clock('POST', array('advance' => 3600));
    $q = new R\QueryCalls();
    $q->setBroadcastId($watched);
    $got = dialed(answer($calls->QueryCalls($q), 'ResourceList'));
    expect($got === $first_numbers, 'an hour on, with the second batch disabled: ' . implode(' ', $got));
    $remaining = answer($broadcasts->GetContactBatch($held), 'Resource')->getResource()->getRemaining();
    expect((string) $remaining === '1', 'disabled batch Remaining ' . show($remaining));
    $control = new R\ControlContactBatch();
    answer($broadcasts->ControlContactBatch($held, $control->setEnabled(true)), 'empty');
    mock_clock('POST', array('advance' => 3600));
    $q = new R\QueryCalls();
    $later = answer($calls->QueryCalls($q->setBatchId($held)), 'ResourceList');
    $one = $later->getResources();
    expect(dialed($later) === array($held_number) && (string) $one[0]->getBatchId() === (string) $held,
        'after enabling it: ' . implode(' ', dialed($later)));
    gone($broadcasts->ControlContactBatch(1, $control), 'ControlContactBatch of an unknown batch');
    $s += array('watched' => $watched, 'first' => $first, 'held' => $held);
});

check(C, 'QueryContactBatches', function () use ($broadcasts, &$s) {
    $watched = need($s, 'watched', 'ControlContactBatch');
    $list = answer($broadcasts->QueryContactBatches($watched, new R\QueryContactBatches()), 'ResourceList');
    $got = array();
    foreach ($list->getResources() as $b) {
        expect($b instanceof Resource\ContactBatch, 'not a ContactBatch: ' . show($b));
        $got[] = "{$b->getId()}:{$b->getSize()}:{$b->getRemaining()}";
    }
    $want = array("{$s['first']}:2:0", "{$s['held']}:1:0");
    expect((string) $list->getTotalResults() === '2' && $got === $want, 'batches (id:Size:Remaining) ' . implode(' ', $got));
    $q = new R\QueryContactBatches();
    $page = answer($broadcasts->QueryContactBatches($watched, $q->setFirstResult(1)->setMaxResults(1)), 'ResourceList');
    $ids = array();
    foreach ($page->getResources() as $b) {
        $ids[] = (string) $b->getId();
    }
    expect($ids === array((string) $s['held']), 'FirstResult=1 MaxResults=1: ' . implode(' ', $ids));
    gone($broadcasts->QueryContactBatches(999999999, new R\QueryContactBatches()), 'an unknown campaign');
});

undo_all($undo);

check(C, 'CreateSubscription', function () use ($subs, &$s) {
    $r = new R\CreateSubscription();
    $r->setEndpoint('http://127.0.0.1:9/notify');
    $r->setTriggerEvent('CAMPAIGN_FINISHED');
    $r->setBroadcastId(1001);
    $r->setEnabled(true);
    $s['sub'] = answer($subs->CreateSubscription($r), 'ResourceReference')->getId();
    expect($s['sub'] > 0, 'no id');
});

check(C, 'QuerySubscriptions', function () use ($subs, &$s) {
    $id = need($s, 'sub', 'CreateSubscription');
    $ids = array();
    foreach (answer($subs->QuerySubscriptions(new R\QuerySubscriptions()), 'ResourceList')->getResources() as $x) {
        $ids[] = (string) $x->getId();
    }
    expect(in_array((string) $id, $ids, true), 'not listed: ' . implode(' ', $ids));
});

check(C, 'GetSubscription', function () use ($subs, &$s) {
    $id = need($s, 'sub', 'CreateSubscription');
    $got = answer($subs->GetSubscription($id), 'Resource')->getResource();
    expect($got instanceof Resource\Subscription && $got->getTriggerEvent() === 'CAMPAIGN_FINISHED', 'got ' . show($got));
});

check(C, 'UpdateSubscription', function () use ($subs, &$s) {
    $id = need($s, 'sub', 'CreateSubscription');
    $r = new R\UpdateSubscription();
    $r->setEnabled(false);  // the SDK sends an empty value: false
    answer($subs->UpdateSubscription($id, $r), 'empty');
    $got = answer($subs->GetSubscription($id), 'Resource')->getResource();
    expect(in_array($got->getEnabled(), array(false, 'false'), true), 'Enabled ' . show($got->getEnabled()));
});

check(C, 'DeleteSubscription', function () use ($subs, &$s) {
    $id = need($s, 'sub', 'CreateSubscription');
    answer($subs->DeleteSubscription($id), 'empty');
    gone($subs->GetSubscription($id), 'GetSubscription after delete');
});
