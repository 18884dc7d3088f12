"""The demo accounts the shipped fixtures hold, and the URLs a client points at (one mixin for all)."""

from __future__ import annotations

ACEFONE_EMAIL = "demo@acefone.test"
ACEFONE_PASSWORD = "demo-password"
ACEFONE_TOKEN = "acefone-demo-token"  # a long-lived API token, sent as ``Authorization``
CALLFIRE_LOGIN = "demo-callfire"  # HTTP Basic, REST and SOAP
CALLFIRE_PASSWORD = "demo-password"


class Endpoints:
    """URLs and demo credentials of a mockdialer served at ``self.url`` (``http://host:port``)."""

    url: str

    acefone_email = ACEFONE_EMAIL
    acefone_password = ACEFONE_PASSWORD
    acefone_token = ACEFONE_TOKEN
    callfire_login = CALLFIRE_LOGIN
    callfire_password = CALLFIRE_PASSWORD

    @property
    def acefone_url(self) -> str:
        """Where ``https://api.acefone.in`` was: paths stay ``/v1/...``."""
        return self.url

    @property
    def callfire_rest_url(self) -> str:
        """Where ``https://www.callfire.com/api/1.1/rest`` was."""
        return f"{self.url}/api/1.1/rest"

    @property
    def callfire_soap_url(self) -> str:
        return f"{self.url}/api/1.1/soap12/ccc"

    @property
    def callfire_wsdl_url(self) -> str:
        return f"{self.url}/api/1.1/soap12/ccc?wsdl"

    @property
    def admin_url(self) -> str:
        return f"{self.url}/__admin"

    @property
    def callfire_auth(self) -> tuple[str, str]:
        return (self.callfire_login, self.callfire_password)

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
    """The text ``flask accounts`` prints."""
    e = Endpoints()
    e.url = url.rstrip("/")
    return "\n".join(
        [
            f"Acefone        base URL   {e.acefone_url}  (paths under /v1/, as on https://api.acefone.in)",
            f"               login      {e.acefone_email} / {e.acefone_password}  (POST /v1/auth/login)",
            f"               API token  {e.acefone_token}  (header Authorization)",
            f"CallFire REST  base URL   {e.callfire_rest_url}",
            f"               HTTP Basic {e.callfire_login} / {e.callfire_password}",
            f"CallFire SOAP  endpoint   {e.callfire_soap_url}",
            f"               WSDL       {e.callfire_wsdl_url}",
            f"               HTTP Basic {e.callfire_login} / {e.callfire_password}",
            f"Admin API      base URL   {e.admin_url}/  (health, reset, seed, requests, faults, clock)",
        ]
    )
