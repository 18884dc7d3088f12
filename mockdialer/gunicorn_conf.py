"""gunicorn settings that let the app answer oversized headers in the vendor's shape:
``gunicorn -c python:mockdialer.gunicorn_conf 'mockdialer:create_app()'``.

gunicorn refuses a header field over 8190 bytes or more than 100 fields with its own plain-text 400
before the app sees the request; with these limits it hands fields up to 1 MiB and up to 1000 of them
to the app, which answers more than ``MAX_HEADER_BYTES`` (64 KiB) with a 431 in the vendor's shape
(``mockdialer.limits``). Past these limits gunicorn's own answer stands (docs/security.md).
"""

raw_env = ["MOCKDIALER_SHARED_STATE=1"]  # several workers on one DB file: one harness state
limit_request_field_size = 1024 * 1024
limit_request_fields = 1000
limit_request_line = 8190  # gunicorn's maximum (0 would lift the limit on the request line entirely)
