<?php
/*
 * Shared by rest.php and soap.php: settings from the environment (set by interop/run.py), result lines,
 * and small assertion helpers. A result line is
 *     RESULT <tab> client <tab> Operation <tab> PASS|FAIL <tab> reason
 * and run.py turns those into the report.
 */

require __DIR__ . '/bootstrap.php';

error_reporting(E_ALL & ~E_DEPRECATED & ~E_USER_DEPRECATED);
set_error_handler(function ($severity, $message, $file, $line) {
    if (!(error_reporting() & $severity)) {
        return false;
    }
    throw new ErrorException($message, 0, $severity, $file, $line);
});

class CheckFailed extends Exception
{
}

function env($name, $default = null)
{
    $value = getenv($name);
    if ($value === false || $value === '') {
        if ($default === null) {
            fwrite(STDERR, "missing environment variable $name\n");
            exit(2);
        }
        return $default;
    }
    return $value;
}

function result($client, $op, $ok, $reason = '')
{
    $reason = preg_replace('/\s+/', ' ', (string) $reason);
    if (strlen($reason) > 400) {
        $reason = substr($reason, 0, 400) . '...';
    }
    echo "RESULT\t$client\t$op\t" . ($ok ? 'PASS' : 'FAIL') . "\t$reason\n";
    flush();
}

/** Runs one operation's check; a returned string is a note printed with PASS. */
function check($client, $op, callable $fn)
{
    try {
        $note = $fn();
        result($client, $op, true, is_string($note) ? $note : '');
        return true;
    } catch (Throwable $e) {
        $why = $e instanceof CheckFailed ? $e->getMessage()
            : get_class($e) . ': ' . $e->getMessage() . ' (' . basename($e->getFile()) . ':' . $e->getLine() . ')';
        result($client, $op, false, $why);
        return false;
    }
}

function expect($condition, $message)
{
    if (!$condition) {
        throw new CheckFailed($message);
    }
}

function need($state, $key, $what)
{
    if (!isset($state[$key])) {
        throw new CheckFailed("skipped: needs $what, which an earlier check did not provide");
    }
    return $state[$key];
}

/**
 * The mock's clock (its admin API, not CallFire's; CF_REST_BASE names the mock): the held-batch story runs a
 * campaign by it. $body is the JSON object POSTed (freeze, advance), none for DELETE (back to real time).
 */
function mock_clock($method, $body = null)
{
    $url = preg_replace('#/api/1\.1/rest/?$#', '', env('CF_REST_BASE')) . '/__admin/clock';
    $http = curl_init($url);
    curl_setopt_array($http, array(CURLOPT_CUSTOMREQUEST => $method, CURLOPT_RETURNTRANSFER => true,
        CURLOPT_TIMEOUT => 30, CURLOPT_HTTPHEADER => array('Content-Type: application/json')));
    if ($body !== null) {
        curl_setopt($http, CURLOPT_POSTFIELDS, json_encode($body));
    }
    $answer = curl_exec($http);
    $status = curl_getinfo($http, CURLINFO_RESPONSE_CODE);
    curl_close($http);
    expect($answer !== false && $status === 200, "the mock's clock ($method " . json_encode($body) . ") answered $status");
}

/** Runs what a story left to undo (its campaign, its group, the clock), last first; failures go to stderr. */
function undo_all(array $undo)
{
    foreach (array_reverse($undo) as $fn) {
        try {
            $fn();
        } catch (Throwable $e) {
            fwrite(STDERR, 'cleanup: ' . $e->getMessage() . "\n");
        }
    }
}

function show($value)
{
    if (is_object($value)) {
        return get_class($value);
    }
    return var_export($value, true);
}

/** Space-separated list (as the SDK hands over a list element's text) or array -> array of strings. */
function words($value)
{
    if (is_array($value)) {
        $out = array();
        foreach ($value as $v) {
            $out = array_merge($out, words($v));
        }
        return $out;
    }
    if ($value === null || $value === '') {
        return array();
    }
    return preg_split('/\s+/', trim((string) $value));
}
