"""The app's URL rule class (Flask's ``url_rule_class``): werkzeug's ``Rule`` with its URL builders
compiled on the first ``url_for`` instead of when the rule is added.

werkzeug 3.1 compiles two builders per rule at registration (``Rule._compile_builder``: Python source
built with ``ast`` and ``compile()``, about 0.2 ms a rule); matching a request never uses them, and
mockdialer builds URLs for a few admin and console routes only. With 80 rules, deferring them took
``make bench`` P3 from 1.42 to 1.23 (0.183 s -> 0.157 s; docs/benchmarks.md). This is the one use of
werkzeug internals; ``tests/test_url_rules.py`` pins the werkzeug version and checks every rule still
builds its URLs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from werkzeug.routing import Rule

MEASURED_ON = "3.1"  # the werkzeug minor version whose Rule._compile_builder this defers


class LazyBuilderRule(Rule):
    def _compile_builder(self, append_unknown: bool = True) -> Callable[..., tuple[str, str]]:
        compiled: list[Callable[..., tuple[str, str]]] = []

        def build(rule: Rule, *args: Any, **kwargs: Any) -> tuple[str, str]:
            if not compiled:
                compiled.append(super(LazyBuilderRule, self)._compile_builder(append_unknown))
            return compiled[0](rule, *args, **kwargs)

        return build
