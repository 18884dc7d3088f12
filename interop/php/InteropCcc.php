<?php
/*
 * Build fix for PHP 8 (see interop/README.md): the SDK's Soap\AbstractClient::__construct calls
 * parent::SoapClient($wsdl, $options), the PHP 4 style constructor that PHP 7 deprecated and PHP 8 removed
 * ("Call to undefined method SoapClient::SoapClient()"). This subclass of the SDK's unmodified CCC SOAP
 * client runs SoapClient's constructor directly with the same two arguments and changes nothing else.
 * It lives in the SDK's client namespace so that the SDK's own factory,
 * CallFire\Api\Client::Soap($login, $password, 'InteropCcc', ...), builds it with the SDK's options.
 */

namespace CallFire\Api\Soap\Client;

class InteropCcc extends Ccc
{
    public function __construct($wsdl = 'http://callfire.com/api/1.1/wsdl/callfire-service-http-soap12.wsdl', $options = array())
    {
        $options["trace"] = true;
        \SoapClient::__construct($wsdl, $options);
    }
}
