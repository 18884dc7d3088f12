"""P3's yardstick: a bare Flask app with one JSON route, imported and created as mockdialer is."""

from flask import Flask, jsonify


def create_app() -> Flask:
    app = Flask("bare")

    @app.get("/v1/dialer/campaign/<campaign_id>")
    def get_campaign(campaign_id: str):
        return jsonify({"success": True, "data": {"id": campaign_id}})

    return app
