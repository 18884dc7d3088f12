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
