<?php
/*
 * The PHP 8 constructor fix of InteropCcc.php for the SDK's other SOAP clients soap.php uses (Call,
 * Broadcast, Subscription; unmodified): each subclass runs SoapClient's constructor directly, with tracing
 * on, and changes nothing else. They live in the SDK's client namespace so that the SDK's own factory,
 * CallFire\Api\Client::Soap($login, $password, 'InteropCall', ...), builds them with the SDK's options.
 */

namespace CallFire\Api\Soap\Client;

trait InteropConstructor
{
    public function __construct($wsdl = 'http://callfire.com/api/1.1/wsdl/callfire-service-http-soap12.wsdl', $options = array())
    {
        $options["trace"] = true;
        \SoapClient::__construct($wsdl, $options);
    }
}

class InteropCall extends Call
{
    use InteropConstructor;
}

class InteropBroadcast extends Broadcast
{
    use InteropConstructor;
}

class InteropSubscription extends Subscription
{
    use InteropConstructor;
}
