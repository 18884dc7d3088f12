"""The harness operations, in process: reset, seed, health, clock. The admin routes, the pytest
plugin and the CLI all call these, so the three behave the same."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from flask import Flask

from .. import pipeline
from ..errors import ValidationFailed
from ..harness import campaigns, deliveries, fixtures, ticker
from ..harness import verify as verification
from ..harness.clock import Clock, get_clock
from ..harness.faults import get_faults
from ..harness.journal import clean, get_journal, preview
from ..store import SEQUENCES, Store, get_store

HARNESS_VENDORS = {"admin", "mockdialer"}

BASELINE = "mockdialer.baseline"


def _store(app: Flask) -> Store:
    return get_store(app)


def _clock(app: Flask) -> Clock:
    return get_clock(app)


def vendors(app: Flask) -> list[str]:
    """The vendors this app serves (from the registered surfaces and seeders)."""
    names = {s.vendor for s in pipeline.surfaces(app)}
    names |= set(app.extensions.get(fixtures.SEEDERS, {}))
    return sorted(names - HARNESS_VENDORS)


def operation_names(app: Flask) -> list[str]:
    """Every operation name a request can be journaled under: the declared operations, and
    ``<vendor>.unknown`` for a request no route or SOAP action matches."""
    names = set(pipeline.operations(app))
    names |= {f"{s.vendor}.{pipeline.UNMATCHED}" for s in pipeline.surfaces(app) if s.journaled}
    return sorted(names)


def check_operation_name(app: Flask, pattern: str | None) -> None:
    """A ValidationFailed (400) naming the valid operations when ``pattern`` matches none of them."""
    try:
        verification.check_operation(pattern, operation_names(app))
    except verification.UnknownOperation as exc:
        raise ValidationFailed(str(exc), errors={"operation": [str(exc)]}, status=400) from None


def add_fault(app: Flask, **rule: Any) -> dict:
    """Add a fault rule (its operation, if named, must name a real one)."""
    check_operation_name(app, rule.get("operation"))
    return get_faults(app).add(**rule).to_json()


def verify(app: Flask, times: int | None = None, **criteria: Any) -> verification.Verification:
    """Check the journal for the requests ``criteria`` describe (``harness.verify``)."""
    check_operation_name(app, criteria.get("operation"))
    return verification.verify(get_journal(app).entries(), times=times, **criteria)


def capture_baseline(app: Flask) -> dict:
    """What a reset returns to from now on: the state as it is (the pytest plugin calls this once)."""
    snapshot = _store(app).snapshot()
    app.extensions[BASELINE] = snapshot
    return snapshot


def baseline(app: Flask) -> dict:
    """The reset state: captured, or else the configured fixtures seeded into an empty store."""
    snapshot = app.extensions.get(BASELINE)
    if snapshot is None:
        scratch = Store()
        folder = app.config.get("FIXTURES")
        if folder and Path(folder).is_dir():
            fixtures.seed(app, scratch, fixtures.load_folder(folder))
        snapshot = app.extensions[BASELINE] = scratch.snapshot()
    return snapshot


def reset_state(app: Flask, vendor: str | None = None, account: str | None = None) -> None:
    """Put the store back to the baseline: all of it, or one vendor's and/or one account's objects."""
    store = _store(app)
    if vendor is None and account is None:
        store.restore(baseline(app))
        return
    if vendor is not None and vendor not in vendors(app):
        raise ValidationFailed(errors={"vendor": [f"Unknown vendor; one of: {', '.join(vendors(app))}."]})
    if account is not None:
        known = accounts(app)
        names = sorted({name for v, per in known.items() if vendor in (None, v) for name in per})
        if account not in names:
            problem = f"Unknown account {account!r}; one of: {', '.join(names) or 'none'}."
            raise ValidationFailed(problem, errors={"account": [problem]})
    scratch = Store()
    scratch.restore(baseline(app))
    prefix = f"{account}/" if account is not None else ""
    with store.transaction():
        store.clear(vendor, account)
        for table in scratch.tables():
            if table == SEQUENCES or table.startswith("_") or (vendor and not table.startswith(vendor + ".")):
                continue
            for key, doc in scratch.items(table, prefix):
                store.put(table, key, doc)


def reset(app: Flask, vendor: str | None = None, account: str | None = None) -> dict:
    """Everything (state, journal, faults, clock), or only the state of one vendor and/or account."""
    reset_state(app, vendor, account)
    if vendor is None and account is None:
        deliveries.get_dispatcher(app).cancel()  # nothing queued before the reset is sent after it
        get_journal(app).clear()
        get_faults(app).clear()
        _clock(app).reset()
    return {"vendor": vendor, "account": account}


def seed(app: Flask, data: dict[str, list[dict]] | None = None, folder: str | None = None) -> dict[str, int]:
    """Add fixture documents ({vendor: [account document]}, or a fixtures folder) to the current state."""
    if folder is not None:
        try:
            data = fixtures.load_folder(folder)
        except fixtures.FixtureError as exc:
            raise ValidationFailed(errors={"folder": [str(exc)]}) from exc
    data = data or {}
    known = set(app.extensions.get(fixtures.SEEDERS, {}))
    unknown = sorted(set(data) - known)
    if unknown:
        problem = f"No seeder for {', '.join(unknown)}; vendors: {', '.join(sorted(known)) or 'none'}."
        raise ValidationFailed(errors={"fixtures": [problem]})
    try:
        return fixtures.seed(app, _store(app), data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        problem = f"A fixture document cannot be seeded: {exc!r}"
        raise ValidationFailed(errors={"fixtures": [problem]}) from exc


def accounts(app: Flask) -> dict[str, list[str]]:
    """{vendor: [account]}: every account the DB holds or a reset would bring back."""
    scratch = Store()
    scratch.restore(baseline(app))
    found: dict[str, set[str]] = {v: set() for v in vendors(app)}
    for source in (_store(app), scratch):
        for table in source.tables():
            vendor, dot, _ = table.partition(".")
            if dot and not table.startswith("_") and vendor in found:
                found[vendor] |= {key.partition("/")[0] for key, _ in source.items(table)}
    return {vendor: sorted(names) for vendor, names in found.items()}


def counts(app: Flask) -> dict[str, dict[str, dict[str, int]]]:
    """{vendor: {account: {kind: number of objects}}} from the store's ``<vendor>.<kind>`` tables."""
    store = _store(app)
    found: dict[str, dict[str, dict[str, int]]] = {v: {} for v in vendors(app)}
    for table in store.tables():
        vendor, dot, kind = table.partition(".")
        if not dot or table.startswith("_"):
            continue
        for key, _ in store.items(table):
            account = key.partition("/")[0]
            per_kind = found.setdefault(vendor, {}).setdefault(account, {})
            per_kind[kind] = per_kind.get(kind, 0) + 1
    return found


def clock_state(app: Flask) -> dict[str, Any]:
    clock = _clock(app)
    now = clock.time()
    iso = datetime.fromtimestamp(now, UTC).isoformat().replace("+00:00", "Z")
    return {"now": iso, "time": now, "frozen": clock.frozen}


LATEST = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC).timestamp()  # datetime's last second


def _check_target(clock: Clock, freeze, set, advance) -> None:
    """The time the moves lead to must be a datetime from 1970 on; nothing moves when it is not."""
    at = clock.time()
    for name, value in (("freeze", freeze), ("set", set), ("advance", advance)):
        if value is None or isinstance(value, bool):
            continue
        at = at + float(value) if name == "advance" else float(value)
        if not 0 <= at <= LATEST:
            raise ValidationFailed(errors={name: ["Moves the clock outside 1970-01-01 to 9999-12-31."]})


def move_clock(app: Flask, freeze: bool | float | None = None, set=None, advance=None) -> dict:
    """Freeze (now, or at a time), unfreeze (``freeze=False``), set, then advance, in that order."""
    clock = _clock(app)
    _check_target(clock, freeze, set, advance)
    campaigns.sync_all(app)  # running campaigns dial up to the old time first, then on to the new one
    if freeze is True:
        clock.freeze()
    elif freeze is False and clock.frozen:
        at = clock.time()
        clock.reset()
        clock.set(at)
    elif freeze is not None:
        clock.freeze(float(freeze))
    if set is not None:
        clock.set(float(set))
    if advance is not None:
        clock.advance(float(advance))
    campaigns.sync_all(app)
    ticker.tick(app)  # the webhooks and notifications of what the move passed
    return clock_state(app)


def health(app: Flask) -> dict[str, Any]:
    journal = get_journal(app)
    return {
        "status": "ok",
        "version": metadata.version("mockdialer"),
        "vendors": counts(app),
        "journal": {"size": len(journal), "max": journal.maxlen},
        "faults": len(get_faults(app).list()),
        "clock": clock_state(app),
    }


# ----- campaigns of every vendor (``harness.campaigns``), and the operations fault rules can name
def campaign_accounts(app: Flask) -> dict[str, list[str]]:
    """{vendor: [account, ...]} of every vendor that registered its campaigns."""
    return {vendor: c.accounts() for vendor, c in sorted(campaigns.registered(app).items())}


def campaign_rows(app: Flask, vendor: str | None = None, account: str | None = None) -> list[dict]:
    """Every campaign's row (see ``harness.campaigns``), of one vendor and/or account if given."""
    registered = campaigns.registered(app)
    if vendor is not None:
        registered = {vendor: campaigns.of(vendor, app)}
    out: list[dict] = []
    for _, vendor_campaigns in sorted(registered.items()):
        for acct in vendor_campaigns.accounts():
            if account is None or acct == account:
                out.extend(clean(row) for row in vendor_campaigns.rows(acct))
    return out


def campaign_row(app: Flask, vendor: str, account: str, campaign_id: str) -> dict:
    """One campaign's row; its strings are always valid Unicode (``journal.clean``), for pages."""
    return clean(campaigns.of(vendor, app).row(account, str(campaign_id)))


def _touches(entry: dict, campaign_id: str) -> bool:
    """Whether a journal entry names the campaign: as a segment of its path, or as an id in its body."""
    if any(part.split(".")[0] == campaign_id for part in entry["path"].split("/")):
        return True

    def walk(value, key=None) -> bool:
        if isinstance(value, dict):
            return any(walk(v, k) for k, v in value.items())
        if isinstance(value, list):
            return any(walk(v, key) for v in value)
        return key in ("Id", "id", "CampaignId", "@id") and str(value) == campaign_id

    return walk(entry.get("body"))


READS = ("get", "list", "query", "Get", "Query")


def campaign_history(app: Flask, vendor: str, account: str, campaign_id: str) -> list[dict]:
    """The journal's requests that changed (or tried to change) the campaign, newest first."""
    found = []
    for entry in map(preview, get_journal(app).entries(vendor=vendor, account=account)):
        action = entry["operation"].partition(".")[2]
        if entry["method"] == "GET" or action.startswith(READS):
            continue
        if _touches(entry, str(campaign_id)):
            found.append(entry)
    return list(reversed(found))


def changed_fields(entry: dict | None) -> list[str]:
    """The fields a change request sent (a SOAP or JSON body's wrapped campaign unwrapped)."""
    body = entry.get("body") if entry else None
    if not isinstance(body, dict):
        return []
    inner = body.get("CccCampaign")
    body = inner if isinstance(inner, dict) else body
    return [k for k in body if k not in ("id", "@id", "Id", "RequestId")]


def control_campaign(app: Flask, vendor: str, account: str, campaign_id: str, command: str) -> dict:
    return campaigns.control(vendor, account, campaign_id, command, app)


def campaign_commands(app: Flask, vendor: str) -> dict:
    """{"commands": [...], "help": "..."}: the vendor's own state changes of a campaign."""
    found = campaigns.of(vendor, app)
    return {"commands": list(found.commands), "help": found.command_help}
