"""pytest plugin (entry point ``pytest11``): fixtures that run mockdialer for a client's test suite."""
