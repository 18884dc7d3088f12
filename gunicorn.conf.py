"""gunicorn reads this file from the working folder: mockdialer's limits (see mockdialer/gunicorn_conf.py)."""

from mockdialer.gunicorn_conf import limit_request_field_size, limit_request_fields, limit_request_line

__all__ = ["limit_request_field_size", "limit_request_fields", "limit_request_line"]
