"""The package where ``fcntl`` does not exist (Windows): it imports, builds an app on a DB file, takes a
write through HTTP and reads it back after a restart, and ``mock_vendors()`` answers."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    sys.modules["fcntl"] = None  # as on Windows: "import fcntl" raises ImportError
    import warnings
    warnings.simplefilter("ignore")  # filelock says it falls back to a lock file

    import requests
    from mockdialer import create_app, mock_vendors

    db = sys.argv[1]
    client = create_app({"DB": db}).test_client()
    auth = ("demo-callfire", "demo-password")
    created = client.post("/api/1.1/rest/ccc/agent-group", data={"Name": "no-fcntl"}, auth=auth)
    assert created.status_code == 201, (created.status_code, created.data)
    group = created.headers["Location"].rsplit("/", 1)[1]
    again = create_app({"DB": db}).test_client()
    read = again.get(f"/api/1.1/rest/ccc/agent-group/{group}.json", auth=auth)
    assert read.status_code == 200 and "no-fcntl" in read.get_data(as_text=True), read.data
    with mock_vendors():
        answer = requests.get("http://callfire.com/api/1.1/rest/ccc/agent-group.json",
                              auth=auth, timeout=5)
        assert answer.status_code == 200, answer.status_code
    assert "fcntl" not in {name for name, module in sys.modules.items() if module is not None}
    print("ok")
    """
)


def test_the_package_runs_without_fcntl(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "db.json")], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.strip().endswith("ok")
