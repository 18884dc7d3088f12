"""The benchmarked server: the real app on a DB file, plus a bare JSON route that only the bench adds.

``python bench/server.py <db> <campaigns>`` seeds the shipped fixtures and clones Acefone campaign
40001 until the demo account holds ``<campaigns>`` campaigns, then serves on a free port with the
same threaded server ``make run`` uses, its threads kept to one CPU as ``make run`` keeps them, and
prints ``PORT <n>``.
"""

from __future__ import annotations

import sys

from flask import jsonify
from werkzeug.serving import make_server

from mockdialer import create_app
from mockdialer.http_server import keep_to_one_cpu

TABLE, ACCOUNT, TEMPLATE = "acefone.campaigns", "demo", "40001"


def build(db: str, campaigns: int):
    app = create_app({"DB": db})
    store = app.extensions["mockdialer.store"]
    template = store.get(TABLE, f"{ACCOUNT}/{TEMPLATE}")
    have = store.count(TABLE, f"{ACCOUNT}/")
    with store.transaction():
        for i in range(campaigns - have):
            id_ = str(70001 + i)
            store.put(TABLE, f"{ACCOUNT}/{id_}", {**template, "id": id_, "name": f"Bench {id_}"})
    store.restore(store.snapshot())  # start from a compacted file, as a restarted server would

    @app.get("/bench/bare")
    def bare():
        return jsonify({"success": True, "message": "ok"})

    return app


def main() -> None:
    app = build(sys.argv[1], int(sys.argv[2]))
    keep_to_one_cpu()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    print("PORT", server.server_port, flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
