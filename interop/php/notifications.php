<?php
/*
 * CallFire's PHP SDK notification parser (CallFire\Common\Subscription), unmodified, over every XML
 * notification the mock sent for a campaign run by its clock (captured by interop/notifications_capture.py
 * into CF_NOTIFICATIONS). Each n:CallFinished must be recognised as an event request from its headers and
 * parse into a Call with the id, state and records the XML holds. The parser knows no campaign event
 * (docs/vendors/callfire.md "Notifications"): those must be refused as "Event type not recognized".
 * Prints RESULT<tab>php-notify<tab>Operation<tab>PASS|FAIL<tab>reason.
 */
require __DIR__ . '/bootstrap.php';

use CallFire\Common\Subscription;

function result($op, $ok, $why = '') {
    echo "RESULT\tphp-notify\t$op\t" . ($ok ? 'PASS' : 'FAIL') . "\t" . preg_replace('/\s+/', ' ', $why) . "\n";
}

$dir = getenv('CF_NOTIFICATIONS');
$files = glob("$dir/*.xml") ?: array();
$calls = 0; $campaign = 0; $problems = array();
foreach ($files as $file) {
    $body = file_get_contents($file);
    $headers = json_decode(file_get_contents(substr($file, 0, -4) . '.headers.json'), true);
    $server = array('REQUEST_METHOD' => 'POST', 'CONTENT_TYPE' => $headers['Content-Type']);
    $format = Subscription::is_event_request($server);
    if ($format !== Subscription::FORMAT_XML) {
        $problems[] = basename($file) . ': not an event request (Content-Type ' . $headers['Content-Type'] . ')';
        continue;
    }
    $dom = new DOMDocument; $dom->loadXML($body);
    $root = $dom->documentElement->nodeName;
    try {
        $event = Subscription::event($body, $format);
    } catch (UnexpectedValueException $e) {
        if ($root !== 'n:CallFinished' && $e->getMessage() === 'Event type not recognized') { $campaign++; continue; }
        $problems[] = basename($file) . ": $root: " . $e->getMessage();
        continue;
    }
    $call = $event->getCall();
    $id = $dom->getElementsByTagNameNS('http://api.callfire.com/data', 'Call')->item(0)->getAttribute('id');
    if ((string)$call->getId() !== $id) { $problems[] = basename($file) . ": Call id " . var_export($call->getId(), true) . " != $id"; continue; }
    if (!$call->getState() || !count($call->getCallRecords() ?: array())) { $problems[] = basename($file) . ': no State or CallRecord'; continue; }
    $calls++;
}
result('Notification (CallFinished)', $calls > 0 && !$problems, $problems ? implode('; ', array_slice($problems, 0, 3)) : "$calls parsed, $campaign campaign events refused as the SDK does");
