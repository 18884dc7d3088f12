<?php
/*
 * Loads CallFire's PHP SDK and the Zend Framework 2 packages it uses straight from the shared,
 * unmodified sources (CALLFIRE_SDKS, default ../shared/vendor/callfire/sdks beside the repo), with a
 * PSR-0 style autoloader in place of Composer's (the SDK's composer.json cannot be installed here:
 * no Packagist). Also defines the one PHP 8 build fix the SOAP client needs (see InteropCcc below).
 */

$sdks = getenv('CALLFIRE_SDKS') ?: dirname(__DIR__, 3) . '/shared/vendor/callfire/sdks';
if (!is_dir("$sdks/callfire-php-sdk/src/CallFire")) {
    fwrite(STDERR, "CallFire SDKs not found in $sdks (set CALLFIRE_SDKS)\n");
    exit(2);
}

spl_autoload_register(function ($class) use ($sdks) {
    static $prefixes = null;
    if ($prefixes === null) {
        $prefixes = array(
            'CallFire\\Api\\Soap\\Client\\InteropCcc' => __DIR__ . '/InteropCcc.php',
            'CallFire\\' => "$sdks/callfire-php-sdk/src/CallFire/",
            'Zend\\Stdlib\\' => "$sdks/zend-stdlib/src/",
            'Zend\\Filter\\' => "$sdks/zend-filter/src/",
            'Zend\\ServiceManager\\' => "$sdks/zend-servicemanager/src/",
        );
    }
    foreach ($prefixes as $prefix => $dir) {
        if ($class === $prefix && substr($dir, -4) === '.php') {
            require $dir;
            return;
        }
        if (strncmp($class, $prefix, strlen($prefix)) === 0 && substr($dir, -1) === '/') {
            $file = $dir . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
            if (is_file($file)) {
                require $file;
            }
            return;
        }
    }
});
