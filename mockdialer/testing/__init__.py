"""Running mockdialer inside a client's test suite: the pytest plugin (``pytest_plugin``) and a live
server on a free port in a background thread (``live_server``)."""
