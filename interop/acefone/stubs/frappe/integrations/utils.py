"""``frappe.integrations.utils`` with Frappe's semantics: the response is kept in
``frappe.flags.integration_request``, ``raise_for_status()`` runs first, the body is JSON only when its
Content-Type says ``application/...json`` (else text), and 500s are retried on idempotent methods."""

from __future__ import annotations

import re

import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

import frappe

JSON = re.compile(r"^application/(.+\+)?json", re.IGNORECASE)


def _session():
    session = requests.Session()
    retry = Retry(total=3, backoff_factor=0.1, status_forcelist=[500], allowed_methods=["GET", "HEAD"])
    session.mount("http://", HTTPAdapter(max_retries=retry))
    session.mount("https://", HTTPAdapter(max_retries=retry))
    return session


def make_request(method, url, auth=None, headers=None, data=None, json=None, params=None):
    response = _session().request(
        method, url, data=data, auth=auth, headers=headers, json=json, params=params
    )
    frappe.flags.integration_request = response
    response.raise_for_status()
    if JSON.match(response.headers.get("Content-Type", "")):
        return response.json()
    return response.text


def make_get_request(url, **kwargs):
    return make_request("GET", url, **kwargs)


def make_post_request(url, **kwargs):
    return make_request("POST", url, **kwargs)


def create_request_log(data, service_name=None, url=None, request_headers=None, **kwargs):
    log = frappe.Doc(doctype="Integration Request", data=data, url=url, service_name=service_name)
    frappe.SITE.setdefault("request_logs", []).append(log)
    return log
