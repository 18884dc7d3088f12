"""The served OpenAPI document and /docs page: complete, generated from the request schemas, offline."""

from __future__ import annotations

import re

import pytest

from mockdialer.acefone.schemas import CREATE_MANDATORY, FIELD_ORDER

DOCUMENTED = ("/v1/", "/__admin/", "/api/1.1/rest/")
ACEFONE_ERRORS = {"400", "401", "403", "404", "405", "413", "415", "422"}


@pytest.fixture
def doc(client):
    response = client.get("/openapi.json", base_url="http://mock.test:8080")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    return response.get_json()


def _operations(doc):
    for path, item in doc["paths"].items():
        for method, op in item.items():
            if method in {"get", "post", "put", "delete", "patch"}:
                yield path, method, op


def test_document_is_openapi_3_with_the_requesting_server(doc):
    assert doc["openapi"].startswith("3.")
    assert doc["servers"] == [{"url": "http://mock.test:8080"}]
    assert doc["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def test_every_json_route_is_documented_and_nothing_else(app, doc):
    served = set()
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(DOCUMENTED):
            # a CallFire REST rule serves its path with and without .json (one json_suffix converter)
            for suffix in {"", ".json"} if "<json_suffix:" in rule.rule else {""}:
                path = re.sub(r"<json_suffix:\w+>", suffix, rule.rule)
                path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
                served |= {(path, m.lower()) for m in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {(path, method) for path, method, _ in _operations(doc)}
    assert documented == served


def test_operation_ids_are_unique_and_every_op_documents_its_errors(doc):
    ids = [op["operationId"] for _, _, op in _operations(doc)]
    assert len(ids) == len(set(ids))
    for path, method, op in _operations(doc):
        statuses = set(op["responses"])
        if path.startswith("/v1/"):
            assert {"401", "405"} <= statuses, (path, method)
            if "requestBody" in op:
                assert {"400", "413", "415"} <= statuses, (path, method)
            if "{" in path:
                assert "404" in statuses, (path, method)
            for status in statuses - {"200"}:
                assert op["responses"][status]["$ref"] == f"#/components/responses/Acefone{status}"
        elif path.startswith("/api/1.1/rest/"):
            assert op["security"] == [{"callfireBasic": []}]
            assert {"400", "401", "403", "431"} <= statuses, (path, method)
            if "{" in path:
                assert "404" in statuses, (path, method)
        else:
            assert op["security"] == []
            for status in statuses - {"200", "201"}:
                assert op["responses"][status]["$ref"] == f"#/components/responses/Admin{status}"


def test_every_reference_resolves_within_the_document(doc):
    def refs(node):
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                yield node["$ref"]
            for value in node.values():
                yield from refs(value)
        elif isinstance(node, list):
            for value in node:
                yield from refs(value)

    found = set(refs(doc))
    assert found, "the document has no $ref at all"
    missing = []
    for pointer in found:
        assert pointer.startswith("#/"), pointer
        node = doc
        for part in pointer[2:].split("/"):
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(node, dict) or part not in node:
                missing.append(pointer)
                break
            node = node[part]
    assert not missing, f"dangling $ref: {sorted(missing)}"


def test_acefone_errors_have_the_vendor_envelope(doc):
    responses = doc["components"]["responses"]
    for status in ACEFONE_ERRORS:
        schema = responses[f"Acefone{status}"]["content"]["application/json"]["schema"]["$ref"]
        name = schema.rsplit("/", 1)[-1]
        body = doc["components"]["schemas"][name]
        assert {"success", "message"} <= set(body["required"])
        assert body["properties"]["success"]["enum"] == [False]
        assert body["properties"]["errors"]["additionalProperties"]["items"]["type"] == "string"
    admin = doc["components"]["schemas"]["AdminError"]
    assert admin["properties"]["ok"]["enum"] == [False]


def test_campaign_body_comes_from_the_validating_schema(doc):
    schemas = doc["components"]["schemas"]
    create, update = schemas["CampaignCreate"], schemas["CampaignUpdate"]
    assert set(create["properties"]) == set(FIELD_ORDER)
    assert set(create["required"]) == set(CREATE_MANDATORY)
    assert "required" not in update  # PUT is a partial update: nothing mandatory
    # lenient (default) mode documents what it takes: the vendor's type and the PHP-like variants
    assert create["properties"]["dial_method"]["anyOf"] == [
        {"type": "string", "pattern": "^[\\s\\x1c-\\x1f]*(1|2)[\\s\\x1c-\\x1f]*$"},
        {"type": "integer", "enum": [1, 2]},
    ]
    assert {"type": "integer", "enum": [0, 1]} in create["properties"]["enable_inbound"]["anyOf"]
    assert "nullable" not in create["properties"]["enable_inbound"]
    assert create["properties"]["description"]["nullable"] is True
    assert create["properties"]["name"]["anyOf"][0]["maxLength"] == 255
    stored = schemas["Campaign"]
    assert set(stored["properties"]) == {"id", *FIELD_ORDER, "created_at", "updated_at"}


def test_create_operations_link_to_what_they_created(doc):
    links = doc["paths"]["/v1/dialer/campaign"]["post"]["responses"]["200"]["links"]
    assert {link["operationId"] for link in links.values()} == {
        "acefone.get_campaign",
        "acefone.update_campaign",
        "acefone.delete_campaign",
    }
    assert links["Get"]["parameters"] == {"campaign_id": "$response.body#/campaign_id"}


def test_docs_page_is_swagger_ui_served_offline(client):
    response = client.get("/docs")
    assert response.status_code == 200
    assert response.mimetype == "text/html"
    page = response.get_data(as_text=True)
    assert 'url: "/openapi.json"' in page and "validatorUrl: null" in page
    assert 'href="/api/1.1/soap12/ccc?wsdl"' in page
    assert not re.search(r"(src|href)=\"(https?:)?//", page)  # nothing from elsewhere: works offline
    for asset in re.findall(r"(?:src|href)=\"(/docs/assets/[^\"]+)\"", page):
        assert client.get(asset).status_code == 200, asset


@pytest.mark.parametrize(
    "path, method, expected",
    [
        ("/v1/dialer/campaign", "post", 200),
        ("/v1/dialer/campaign/{campaign_id}", "put", 200),
        ("/v1/dialer/agent_script", "post", 200),
    ],
)
def test_documented_examples_are_accepted(client, doc, path, method, expected):
    """The request examples shown in /docs work as written against the demo account."""
    example = doc["paths"][path][method]["requestBody"]["content"]["application/json"]["example"]
    url = path.replace("{campaign_id}", "40001")
    response = client.open(
        url, method=method.upper(), json=example, headers={"Authorization": "acefone-demo-token"}
    )
    assert response.status_code == expected, response.get_json()


def _example_request(path: str, method: str, op: dict, item_params: list) -> dict:
    """The request the document's examples describe (path, query and body examples)."""
    params = item_params + op.get("parameters", [])
    for param in params:
        if param["in"] == "path":
            example = param.get("example", param["schema"].get("example"))
            assert example is not None, (path, method, param["name"])
            path = path.replace("{" + param["name"] + "}", str(example))
    query = {p["name"]: p["example"] for p in params if p["in"] == "query" and "example" in p}
    request = {"path": path, "method": method.upper(), "query_string": query}
    body = op.get("requestBody", {}).get("content", {})
    for media, content in body.items():
        example = content.get("example")
        if example is None and op["requestBody"].get("required"):
            raise AssertionError(f"{method} {path}: a required body without an example")
        if example is not None:
            request["data" if media.endswith("urlencoded") else "json"] = example
    return request


AUTH = {
    "bearerAuth": {"Authorization": "Bearer acefone-demo-token"},
    "callfireBasic": {"Authorization": "Basic ZGVtby1jYWxsZmlyZTpkZW1vLXBhc3N3b3Jk"},
}


def test_every_operation_has_an_example_that_works_on_the_seeded_data(doc):
    """Each operation, on a freshly seeded app, with the document's examples only: a 2xx."""
    from mockdialer import create_app
    from mockdialer.config import TestingConfig

    failures = []
    for path, method, op in _operations(doc):
        client = create_app(TestingConfig).test_client()
        if op["operationId"] == "admin.delete_fault":  # its example is the rule add_fault's example adds
            add = doc["paths"]["/__admin/faults"]["post"]["requestBody"]["content"]["application/json"]
            assert client.post("/__admin/faults", json=add["example"]).status_code == 201
        if op["operationId"] in ("admin.get_webhook", "admin.delete_webhook"):  # add_webhook's example's
            add = doc["paths"]["/__admin/webhooks"]["post"]["requestBody"]["content"]["application/json"]
            assert client.post("/__admin/webhooks", json=add["example"]).status_code == 201
        security = op.get("security", [{"bearerAuth": []}])
        headers = AUTH[next(iter(security[0]))] if security else {}
        if op["operationId"] in ("acefone.refresh", "acefone.logout"):  # they take a login token
            login = doc["paths"]["/v1/auth/login"]["post"]["requestBody"]["content"]["application/json"]
            token = client.post("/v1/auth/login", json=login["example"]).json["access_token"]
            headers = {"Authorization": f"Bearer {token}"}
        request = _example_request(path, method, op, doc["paths"][path].get("parameters", []))
        response = client.open(request.pop("path"), headers=headers, **request)
        if response.status_code >= 400:
            failures.append((method, path, response.status_code, response.data[:160]))
    assert failures == []


def test_strict_mode_documents_the_vendors_types():
    from mockdialer import create_app
    from mockdialer.config import TestingConfig

    app = create_app({"TESTING": True, "DB": TestingConfig.DB, "STRICT": True})
    create = app.test_client().get("/openapi.json").json["components"]["schemas"]["CampaignCreate"]
    assert create["properties"]["dial_method"]["enum"] == ["1", "2"]
    assert create["properties"]["enable_inbound"]["enum"] == [0, 1]
    assert create["properties"]["name"]["maxLength"] == 255
