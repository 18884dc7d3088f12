"""Settings from MOCKDIALER_* variables: every one reaches the app, a bad value is named at start."""

from __future__ import annotations

import pytest

from mockdialer import create_app
from mockdialer.config import ENVIRONMENT, ConfigError


@pytest.mark.parametrize(
    "variable, value, setting, expected",
    [
        ("MOCKDIALER_STRICT", "1", "STRICT", True),
        ("MOCKDIALER_FSYNC", "0", "FSYNC", False),
        ("MOCKDIALER_JOURNAL_MAX", "5", "JOURNAL_MAX", 5),
        ("MOCKDIALER_ACEFONE_UNKNOWN_ROUTE_STATUS", "403", "ACEFONE_UNKNOWN_ROUTE_STATUS", 403),
        ("MOCKDIALER_ACEFONE_JWT_SECRET", "s" * 40, "ACEFONE_JWT_SECRET", "s" * 40),
        ("MOCKDIALER_ADMIN_TOKEN", "t0ken", "ADMIN_TOKEN", "t0ken"),
    ],
)
def test_environment_reaches_the_app(monkeypatch, variable, value, setting, expected):
    monkeypatch.setenv("MOCKDIALER_DB", ":memory:")
    monkeypatch.setenv(variable, value)
    assert create_app().config[setting] == expected


def test_unknown_route_status_from_environment_answers_it(monkeypatch):
    monkeypatch.setenv("MOCKDIALER_DB", ":memory:")
    monkeypatch.setenv("MOCKDIALER_ACEFONE_UNKNOWN_ROUTE_STATUS", "403")
    response = create_app().test_client().get("/v1/no/such/route")
    assert response.status_code == 403 and response.json["success"] is False


@pytest.mark.parametrize(
    "variable, value",
    [
        ("MOCKDIALER_STRICT", "maybe"),
        ("MOCKDIALER_JOURNAL_MAX", "lots"),
        ("MOCKDIALER_JOURNAL_MAX", "0"),
        ("MOCKDIALER_ACEFONE_UNKNOWN_ROUTE_STATUS", "500"),
    ],
)
def test_a_bad_value_is_named(monkeypatch, variable, value):
    monkeypatch.setenv("MOCKDIALER_DB", ":memory:")
    monkeypatch.setenv(variable, value)
    with pytest.raises(ConfigError) as info:
        create_app()
    assert variable in str(info.value) and repr(value) in str(info.value)


def test_every_variable_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    assert all(f"`{variable}`" in readme for variable, _ in ENVIRONMENT.values())


@pytest.mark.parametrize(
    "env, says",
    [
        ({"MOCKDIALER_DB": "{db}"}, "the DB file {db} cannot be read"),
        ({"MOCKDIALER_DB": ":memory:", "MOCKDIALER_JOURNAL_MAX": "none"}, "MOCKDIALER_JOURNAL_MAX='none'"),
    ],
)
def test_flask_run_refuses_to_start_with_the_message_alone(tmp_path, env, says):
    import os
    import subprocess
    import sys

    db = tmp_path / "broken.json"
    db.write_text("{not json")
    env = {k: v.format(db=db) for k, v in env.items()}
    result = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "mockdialer", "run", "--port", "1"],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert f"Error: mockdialer: {says.format(db=db)}" in result.stderr
    assert "Traceback" not in result.stderr
    assert db.read_text() == "{not json"
