"""The app's URL rules build the URLs werkzeug's own rules build, and the werkzeug version is the one
``mockdialer/url_rules.py`` (its one use of werkzeug internals) was measured on."""

from __future__ import annotations

from importlib.metadata import version

from flask import url_for
from werkzeug.routing import Map, Rule

from mockdialer import create_app
from mockdialer.config import TestingConfig
from mockdialer.url_rules import MEASURED_ON, LazyBuilderRule


def test_werkzeug_is_the_version_the_builder_deferral_was_measured_on():
    installed = version("werkzeug")
    assert installed.startswith(MEASURED_ON + "."), (
        f"mockdialer/url_rules.py defers Rule._compile_builder of werkzeug {MEASURED_ON}: check it against "
        f"werkzeug {installed}, re-measure make bench P3, update MEASURED_ON"
    )


def _sample(rule: Rule) -> dict:
    return {name: "7" for name in rule.arguments}


def test_every_rule_of_the_app_builds_what_werkzeugs_rule_builds():
    app = create_app(TestingConfig)
    rules = list(app.url_map.iter_rules())
    assert rules and all(isinstance(rule, LazyBuilderRule) for rule in rules if rule.endpoint != "static")
    plain = Map(converters=app.url_map.converters)
    for rule in rules:
        plain.add(Rule(rule.rule, endpoint=rule.endpoint, methods=rule.methods))
    built = plain.bind("mock.test")
    with app.test_request_context(base_url="http://mock.test"):
        for rule in rules:
            values = {**_sample(rule), "extra": "x"}
            assert url_for(rule.endpoint, **values) == built.build(rule.endpoint, values)
