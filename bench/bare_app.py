"""A bare Flask app with the Acefone campaign routes and nothing behind them: P6's yardstick for the
cost of the stack (``bench/bare_serve.py`` serves it as ``make serve`` serves mockdialer)."""

from flask import Flask, jsonify, request


def create_app() -> Flask:
    app = Flask("bare")

    @app.get("/v1/dialer/campaign/<campaign_id>")
    def get_campaign(campaign_id: str):
        return jsonify({"success": True, "data": {"id": campaign_id}})

    @app.put("/v1/dialer/campaign/<campaign_id>")
    def update_campaign(campaign_id: str):
        return jsonify({"success": True, "data": {**request.get_json(), "id": campaign_id}})

    return app
