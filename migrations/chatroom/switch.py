# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``switch`` and ``rollback``: move a gateway number from ChatRoom to the
Contact Center (and back) without losing a message.

switch, per connector (or all gateway connectors):

1. catch-up: copy what ChatRoom received since the last ``migrate``;
2. activate our connector (its webhook answers from now on);
3. ``account`` call: the gateway posts to our webhook URL from now on;
4. ChatRoom's connector is marked disconnected (``ca_status``): ChatRoom no
   longer sends on it;
5. after ``settle`` seconds, a second catch-up copies anything ChatRoom
   stored while the webhook moved (a request in flight at the flip);
6. verify: a ``status`` call per connector, and the migration's verify.

rollback does the reverse: ChatRoom's connector connected again, the webhook
back to ChatRoom's URL, ours archived, then every message the Contact Center
handled on it copied into ChatRoom (``copy_back``), and checked.

Both are idempotent (running them again changes nothing more) and have a
dry run that calls nothing but ``status`` and writes nothing.
"""
import time

from . import copy_back, origin, reference_mapping, runner, switch_log, verify
from .source import CONNECTOR, Source

GATEWAY = reference_mapping.GATEWAY_PROVIDER


class SwitchError(Exception):
    """The switch cannot start (nothing migrated, unknown connector...)."""


def gateway_pairs(env, wanted=None):
    """[(ChatRoom connector row, cc.connector)] of the gateway connectors,
    filtered by ``wanted`` (a ChatRoom id, our id, or a name)."""
    source = Source(env.cr)
    if source.missing_tables():
        raise SwitchError("ChatRoom tables missing: %s" % ", ".join(
            source.missing_tables()))
    if not origin.exists(env.cr):
        raise SwitchError("nothing migrated yet: run 'migrate' first (days ahead)")
    targets = origin.targets(env.cr, CONNECTOR)
    Connector = env["cc.connector"].with_context(active_test=False)
    pairs = []
    for row in source.connectors():
        provider, variant = reference_mapping.connector_provider(row)
        if provider != GATEWAY or row["id"] not in targets:
            continue
        connector = Connector.browse(targets[row["id"]]).exists()
        if not connector or connector.provider != GATEWAY:
            continue
        if wanted and str(wanted) not in (str(row["id"]), row["name"],
                                          "cc:%s" % connector.id, connector.name):
            continue
        pairs.append((dict(row, variant=variant), connector))
    if not pairs:
        raise SwitchError("no migrated gateway connector%s" % (
            " named %s" % wanted if wanted else ""))
    return pairs


def _phone_state(connector):
    """``status`` call (read only): the phone's state or the gateway's error."""
    try:
        with connector._wg_client() as client:
            return client.status().state
    except Exception as error:  # noqa: B902 - reported, the command decides
        return "error: %s" % (getattr(error, "message", None) or type(error).__name__)


def mask(url):
    """A webhook URL for the report: its secret last segment shortened."""
    if not url:
        return url
    head, _sep, secret = url.rpartition("/")
    return "%s/%s…" % (head, secret[:4])


def _entry(row, connector):
    return {"chatroom connector": row["name"], "connector": connector.name,
            "connector id": connector.id}


def switch(env, report, wanted=None, dry_run=False, settle=5.0, write=print):
    """Returns True when every connector switched and verified."""
    cr = env.cr
    pairs = gateway_pairs(env, wanted)
    states = switch_log.states(cr)
    entries = report.data.setdefault("connectors", [])
    if dry_run:
        runner.check(env, env.cr.dbname, report, write=write)
        for row, connector in pairs:
            entry = _entry(row, connector)
            already = states.get(row["id"], {}).get("state") == "switched"
            entry.update(plan="already switched" if already else "switch",
                         webhook_to=mask(connector.sudo().webhook_url),
                         phone=_phone_state(connector))
            entries.append(entry)
        return all(e["phone"] == "connected" for e in entries)
    switch_log.ensure(cr)
    cr.commit()
    write("catch-up before the flip")
    runner.migrate(env, cr.dbname, report, write=write)
    flipped = []
    for row, connector in pairs:
        entry = _entry(row, connector)
        entries.append(entry)
        try:
            _flip_to_us(env, row, connector)
        except Exception as error:  # noqa: B902 - this connector stays on ChatRoom
            cr.rollback()
            _restore_chatroom(env, row, connector)
            entry["result"] = "NOT switched, still on ChatRoom: %s" % (
                getattr(error, "message", None) or error)
            report.error("%s: %s" % (row["name"], entry["result"]))
            continue
        entry["result"] = "switched"
        flipped.append((row, connector, entry))
    if settle:
        write("waiting %.0f s for requests in flight" % settle)
        time.sleep(settle)
    write("catch-up after the flip")
    runner.migrate(env, cr.dbname, report, write=write)
    ok = verify.verify(env, report) and len(flipped) == len(pairs)
    for _row, connector, entry in flipped:
        entry["phone"] = _phone_state(connector)
        state = entry["phone"] if entry["phone"] in ("connected", "qr", "disconnected") \
            else "disconnected"
        connector.sudo()._wg_set_state(state, None)
        ok = ok and entry["phone"] == "connected"
    cr.commit()
    return ok


def _flip_to_us(env, row, connector):
    cr = env.cr
    connector = connector.sudo()
    if not (connector.wg_token and connector.wg_client_id and connector.wg_endpoint):
        raise SwitchError("the connector has no gateway token / client id")
    connector.write({"active": True})
    cr.commit()
    with connector._wg_client() as client:
        client.set_webhook(connector.webhook_url)
    switch_log.mark_switched(cr, row["id"], connector.id,
                             reference_mapping.chatroom_webhook_url(row, row["variant"]))
    cr.execute("UPDATE acrux_chat_connector SET ca_status = false, "
               "write_date = now() AT TIME ZONE 'UTC' WHERE id = %s", (row["id"],))
    cr.commit()


def _restore_chatroom(env, row, connector):
    """A failed flip: ChatRoom keeps the number, our connector stays archived."""
    cr = env.cr
    cr.execute("UPDATE acrux_chat_connector SET ca_status = true WHERE id = %s",
               (row["id"],))
    connector.sudo().write({"active": False})
    cr.commit()


def _fail_queued(env, connector):
    """Messages agents queued on our connector and not sent yet: failed with a
    reason (copied back as such), never sent behind ChatRoom's back."""
    queued = env["cc.message"].sudo().search([
        ("connector_id", "=", connector.id), ("direction", "=", "outbound"),
        ("state", "in", ("queued", "sending"))])
    queued.write({"state": "failed", "next_attempt_date": False,
                  "failure_reason": "Not sent: the number went back to ChatRoom "
                                    "(rollback). Send it again from ChatRoom."})
    return len(queued)


def rollback(env, report, wanted=None, dry_run=False, settle=5.0, write=print):
    """Give the connectors back to ChatRoom; returns True when verified."""
    cr = env.cr
    pairs = gateway_pairs(env, wanted)
    states = switch_log.states(cr)
    entries = report.data.setdefault("connectors", [])
    pairs = [(row, connector) for row, connector in pairs if row["id"] in states]
    if not pairs:
        raise SwitchError("no switched connector to roll back")
    if dry_run:
        for row, connector in pairs:
            entry = _entry(row, connector)
            entry.update(
                plan="already rolled back" if states[row["id"]]["state"] == "rolled_back"
                else "roll back",
                webhook_to=mask(states[row["id"]]["chatroom_webhook_url"]),
                messages_to_copy_back=len(copy_back.pending_messages(cr, connector.id)),
                phone=_phone_state(connector))
            entries.append(entry)
        return True
    run_id = origin.start_run(cr, "rollback")
    cr.commit()
    done = []
    for row, connector in pairs:
        entry = _entry(row, connector)
        entries.append(entry)
        url = states[row["id"]]["chatroom_webhook_url"]
        try:
            if not url:
                raise SwitchError("ChatRoom's webhook URL is unknown (odoo_url/uuid)")
            cr.execute("UPDATE acrux_chat_connector SET ca_status = true, "
                       "write_date = now() AT TIME ZONE 'UTC' WHERE id = %s",
                       (row["id"],))
            cr.commit()
            with connector.sudo()._wg_client() as client:
                client.set_webhook(url)
        except Exception as error:  # noqa: B902 - reported; the number stays with us
            cr.rollback()
            cr.execute("UPDATE acrux_chat_connector SET ca_status = false WHERE id = %s",
                       (row["id"],))
            cr.commit()
            entry["result"] = "NOT rolled back, still on the Contact Center: %s" % (
                getattr(error, "message", None) or error)
            report.error("%s: %s" % (row["name"], entry["result"]))
            continue
        connector.sudo().write({"active": False})
        entry["queued messages failed"] = _fail_queued(env, connector)
        switch_log.mark_rolled_back(cr, row["id"])
        cr.commit()
        done.append((row, connector, entry))
    if settle:
        write("waiting %.0f s for requests in flight" % settle)
        time.sleep(settle)
    ok = len(done) == len(pairs)
    for row, connector, entry in done:
        entry["messages copied back"] = copy_back.copy_back(cr, row["id"], connector.id,
                                                            run_id)
        cr.commit()
        left = len(copy_back.pending_messages(cr, connector.id))
        entry["messages missing in ChatRoom"] = left
        entry["phone"] = _phone_state(connector)
        entry["result"] = "rolled back"
        ok = ok and left == 0 and entry["phone"] == "connected"
    origin.finish_run(cr, run_id, "done")
    cr.commit()
    return ok and verify.verify(env, report)
