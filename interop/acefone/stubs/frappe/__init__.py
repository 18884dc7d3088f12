"""A stand-in for the Frappe framework, just large enough to run the public Acefone apps' functions
outside a Frappe site (interop/acefone/README.md). The "site" is ``SITE``: documents by doctype, what
the apps insert, the errors they log. Behaviour follows Frappe's where the apps depend on it."""

from __future__ import annotations

import json
import logging
import traceback


class _dict(dict):  # noqa: N801 (Frappe's name)
    """A dict whose keys read as attributes; a missing one reads None (``frappe._dict``)."""

    def __getattr__(self, key):
        return self.get(key)

    def __setattr__(self, key, value):
        self[key] = value


class ValidationError(Exception):
    pass


class Doc(_dict):
    """A document: attribute access, ``get(key, default=...)``, passwords, insert/save/submit."""

    def get(self, key, default=None):  # noqa: D102 (Frappe's signature: default by keyword)
        return dict.get(self, key, default)

    def get_password(self, fieldname, raise_exception=True):
        value = dict.get(self, fieldname)
        if value is None and raise_exception:
            raise ValidationError(f"Password not found for {fieldname}")
        return value

    def insert(self, ignore_permissions=False):
        SITE["inserted"].append(self)
        return self

    def save(self, ignore_permissions=False):
        SITE["inserted"].append(self)
        return self

    def submit(self):
        self["docstatus"] = 1
        return self

    def as_dict(self):
        return dict(self)

    def handle_success(self, data):
        self["status"], self["output"] = "Completed", data

    def handle_failure(self, data):
        self["status"], self["error"] = "Failed", data


SITE: dict = {"docs": {}, "singles": {}, "inserted": [], "errors": [], "values": {}}
flags = _dict()
session = _dict(user="Administrator")


def _(text, *args):
    return text


def whitelist(*args, **kwargs):
    if len(args) == 1 and callable(args[0]) and not kwargs:
        return args[0]
    return lambda fn: fn


def parse_json(value):
    return json.loads(value) if isinstance(value, str) else value


def as_json(value, indent=1):
    return json.dumps(value, indent=indent, default=str, sort_keys=True)


def logger(name=None, **kwargs):
    return logging.getLogger(name or "frappe")


def log_error(title=None, message=None, **kwargs):
    SITE["errors"].append({"title": title, "message": message or traceback.format_exc()})


def get_traceback(*args, **kwargs):
    return traceback.format_exc()


def throw(message, exc=ValidationError, title=None, **kwargs):
    raise exc(message)


def get_roles(user=None):
    return list(SITE.get("roles", []))


def _matches(doc, filters):
    for key, want in (filters or {}).items():
        have = doc.get(key)
        if isinstance(want, list) and len(want) == 2 and want[0] == "in":
            if have not in want[1]:
                return False
        elif have != want:
            return False
    return True


def get_doc(doctype, name=None, **kwargs):
    if isinstance(doctype, dict):
        return Doc(doctype)
    if name is None and doctype in SITE["singles"]:
        return SITE["singles"][doctype]
    for doc in SITE["docs"].get(doctype, []):
        if (isinstance(name, dict) and _matches(doc, name)) or doc.get("name") == name:
            return doc
    raise ValidationError(f"{doctype} {name} not found")


def get_cached_doc(doctype, name=None):
    return get_doc(doctype, name)


def get_single(doctype):
    return SITE["singles"][doctype]


def new_doc(doctype):
    return Doc(doctype=doctype)


def get_all(doctype, filters=None, fields=None, pluck=None, **kwargs):
    rows = [d for d in SITE["inserted"] + SITE["docs"].get(doctype, []) if d.get("doctype") == doctype]
    rows = [d for d in rows if _matches(d, filters)]
    return [d.get(pluck) for d in rows] if pluck else rows


get_list = get_all


class _DB:
    def get_single_value(self, doctype, field):
        return SITE["singles"][doctype].get(field)

    def get_value(self, doctype, filters, fieldname=None, **kwargs):
        return SITE["values"].get((doctype, json.dumps(filters, sort_keys=True, default=str), fieldname))

    def exists(self, doctype, name=None, **kwargs):
        return False

    def commit(self):
        pass

    def rollback(self):
        pass


db = _DB()
