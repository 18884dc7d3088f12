"""marshmallow schema of SubscriptionService's Subscription (docs/vendors/callfire.md "SubscriptionService"):
its fields with the filter flattened, as the PHP SDK and the Java client send them."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from marshmallow import ValidationError, validates_schema

from .schemas import XsdBoolean, XsdInt, XsdString, _Base, _enum, _phone

FORMATS = ("XML", "JSON", "SOAP", "EMAIL", "LEGACY")
EVENTS = (
    "UNDEFINED_EVENT", "INBOUND_CALL_FINISHED", "INBOUND_TEXT_FINISHED", "OUTBOUND_CALL_FINISHED",
    "OUTBOUND_TEXT_FINISHED", "CAMPAIGN_STARTED", "CAMPAIGN_STOPPED", "CAMPAIGN_FINISHED",
)  # fmt: skip
FILTER_FIELDS = ("BroadcastId", "BatchId", "FromNumber", "ToNumber", "Inbound")
EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class SubscriptionSchema(_Base):
    """Every field optional: ``required_on_create`` is checked by the domain (an update keeps what it
    does not send)."""

    Enabled = XsdBoolean()
    NonStrictSsl = XsdBoolean()
    Endpoint = XsdString()
    NotificationFormat = _enum(list(FORMATS))
    TriggerEvent = _enum(list(EVENTS))
    BroadcastId = XsdInt(long=True)
    BatchId = XsdInt(long=True)
    FromNumber = _phone()
    ToNumber = XsdString()  # a number or a short code with its keyword (67076:KEYWORD, the 1.1 guide)
    Inbound = XsdBoolean()

    @validates_schema
    def _endpoint(self, data, **kwargs):
        endpoint = data.get("Endpoint")
        if endpoint is None:
            return
        if data.get("NotificationFormat") == "EMAIL":
            if not re.match(EMAIL, endpoint):
                raise ValidationError("is not an email address (NotificationFormat EMAIL)", "Endpoint")
            return
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise ValidationError("must be an absolute http or https URL", "Endpoint")


class QuerySubscriptionsSchema(_Base):
    MaxResults = XsdInt(long=True, min=0, max=1000, load_default=1000)
    FirstResult = XsdInt(long=True, min=0, load_default=0)
