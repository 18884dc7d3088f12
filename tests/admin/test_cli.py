"""flask commands: accounts, seed [FOLDER], reset, on a DB file."""

from __future__ import annotations

import json

from mockdialer import create_app
from mockdialer.store import Store, get_store


def _app(tmp_path):
    return create_app({"DB": str(tmp_path / "db.json")})


def test_accounts_prints_credentials_and_urls(tmp_path):
    result = _app(tmp_path).test_cli_runner().invoke(args=["accounts", "--url", "http://mock:8000/"])
    assert result.exit_code == 0
    for text in (
        "demo@acefone.test / demo-password",
        "acefone-demo-token",
        "http://mock:8000/api/1.1/rest",
        "demo-callfire / demo-password",
        "http://mock:8000/api/1.1/soap12/ccc?wsdl",
        "http://mock:8000/__admin/",
    ):
        assert text in result.output


def test_reset_puts_the_db_file_back_to_the_fixtures(tmp_path):
    app = _app(tmp_path)
    store = get_store(app)
    key = "demo-callfire/1001"
    changed = {**store.get("callfire.campaigns", key), "Name": "Changed"}
    store.put("callfire.campaigns", key, changed)
    result = app.test_cli_runner().invoke(args=["reset"])
    assert result.exit_code == 0, result.output
    assert "reset everything" in result.output
    assert Store(str(tmp_path / "db.json")).get("callfire.campaigns", key)["Name"] == "Demo Customer Survey"


def test_seed_adds_a_folder_and_refuses_a_missing_one(tmp_path):
    folder = tmp_path / "extra"
    (folder / "callfire").mkdir(parents=True)
    doc = {"account": "cli-one", "login": "cli-one", "password": "p", "sounds": [], "agentGroups": []}
    (folder / "callfire" / "cli.json").write_text(json.dumps({**doc, "campaigns": []}))
    app = _app(tmp_path)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["seed", str(folder)])
    assert result.exit_code == 0 and "seeded 1 callfire account(s)" in result.output
    assert Store(str(tmp_path / "db.json")).count("callfire.logins", "cli-one/") == 1
    missing = runner.invoke(args=["seed", str(tmp_path / "nope")])
    assert missing.exit_code != 0 and "does not exist" in missing.output
