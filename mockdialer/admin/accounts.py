"""The demo accounts the shipped fixtures hold, and the URLs a client points at.

``Endpoints`` is a flat, typed record (a dataclass) that every handle carries: ``AdminClient``,
``LocalAdmin``, the pytest plugin's ``mockdialer`` and the in-process ``mock_vendors()`` handle.
``Endpoints.served_at(url)`` gives the URLs of a mock served at ``url``; ``Endpoints.vendor_hosts()``
the vendors' own URLs (what ``mock_vendors()`` intercepts). Older names stay: ``url`` (``base_url``)
and ``credentials`` (a dict per vendor).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

ACEFONE_EMAIL = "demo@acefone.test"
ACEFONE_PASSWORD = "demo-password"
ACEFONE_TOKEN = "acefone-demo-token"  # a long-lived API token, sent as ``Authorization``
CALLFIRE_LOGIN = "demo-callfire"  # HTTP Basic, REST and SOAP
CALLFIRE_PASSWORD = "demo-password"

# The vendors' own addresses (docs/vendors/acefone.md: base URL; docs/vendors/callfire.md: "Base", "SOAP",
# PHP SDK's WSDL)
ACEFONE_VENDOR_URL = "https://api.acefone.in"
CALLFIRE_VENDOR_URL = "https://www.callfire.com"
CALLFIRE_PUBLISHED_WSDL = "http://callfire.com/api/1.1/wsdl/callfire-service-http-soap12.wsdl"
REST_PATH = "/api/1.1/rest"
SOAP_PATH = "/api/1.1/soap12/ccc"


@dataclass
class Endpoints:
    """Where a client sends each vendor's requests, and the demo credentials (flat fields)."""

    base_url: str
    acefone_url: str
    callfire_rest_url: str
    callfire_soap_url: str
    callfire_wsdl_url: str
    admin_url: str
    acefone_email: str = ACEFONE_EMAIL
    acefone_password: str = ACEFONE_PASSWORD
    acefone_token: str = ACEFONE_TOKEN
    callfire_login: str = CALLFIRE_LOGIN
    callfire_password: str = CALLFIRE_PASSWORD
    callfire_auth: tuple[str, str] = field(default=(CALLFIRE_LOGIN, CALLFIRE_PASSWORD))

    @classmethod
    def served_at(cls, url: str) -> Endpoints:
        """A mock served at ``url`` (``http://host:port``): vendor paths unchanged under it."""
        url = url.rstrip("/")
        return cls(
            base_url=url,
            acefone_url=url,  # where https://api.acefone.in was: paths stay /v1/...
            callfire_rest_url=url + REST_PATH,  # where https://www.callfire.com/api/1.1/rest was
            callfire_soap_url=url + SOAP_PATH,
            callfire_wsdl_url=f"{url}{SOAP_PATH}?wsdl",
            admin_url=f"{url}/__admin",
        )

    @classmethod
    def vendor_hosts(cls, base_url: str) -> Endpoints:
        """The vendors' real URLs, as ``mock_vendors()`` answers them; the admin API at ``base_url``."""
        return cls(
            base_url=base_url,
            acefone_url=ACEFONE_VENDOR_URL,
            callfire_rest_url=CALLFIRE_VENDOR_URL + REST_PATH,
            callfire_soap_url=CALLFIRE_VENDOR_URL + SOAP_PATH,
            callfire_wsdl_url=CALLFIRE_PUBLISHED_WSDL,
            admin_url=f"{base_url}/__admin",
        )

    def _set_endpoints(self, endpoints: Endpoints) -> None:
        """Fill this handle's fields from ``endpoints`` (handles with their own ``__init__``)."""
        for f in fields(Endpoints):
            setattr(self, f.name, getattr(endpoints, f.name))

    @property
    def url(self) -> str:
        """The older name of ``base_url``."""
        return self.base_url

    @property
    def credentials(self) -> dict[str, dict[str, str]]:
        return {
            "acefone": {
                "email": self.acefone_email,
                "password": self.acefone_password,
                "token": self.acefone_token,
            },
            "callfire": {"login": self.callfire_login, "password": self.callfire_password},
        }


def describe(url: str) -> str:
    """The URLs and demo credentials a client needs (``mockdialer accounts`` prints them)."""
    e = Endpoints.served_at(url)
    return "\n".join(
        [
            f"Acefone        base URL   {e.acefone_url}  (paths under /v1/, as on {ACEFONE_VENDOR_URL})",
            f"               login      {e.acefone_email} / {e.acefone_password}  (POST /v1/auth/login)",
            f"               API token  {e.acefone_token}  (header Authorization)",
            f"CallFire REST  base URL   {e.callfire_rest_url}",
            f"               HTTP Basic {e.callfire_login} / {e.callfire_password}",
            f"CallFire SOAP  endpoint   {e.callfire_soap_url}",
            f"               WSDL       {e.callfire_wsdl_url}",
            f"               HTTP Basic {e.callfire_login} / {e.callfire_password}",
            f"Admin API      base URL   {e.admin_url}/  (reset, seed, requests, verify, faults, clock)",
        ]
    )
