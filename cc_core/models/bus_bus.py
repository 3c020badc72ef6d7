# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
import json

from odoo import api, models
from odoo.addons.bus.models.bus import channel_with_db, json_dump

from .bus_notify import notify_imbus


class BusBus(models.Model):
    _inherit = "bus.bus"

    @api.model
    def _cc_sendmany(self, notifications):
        """``_sendmany`` in one INSERT whatever the number of recipients.

        Same rows and same post-commit ``NOTIFY imbus`` as Odoo's
        ``_sendmany`` (which inserts one row per recipient): a message in a
        team with many supervisors must not cost one query per person. The
        ``NOTIFY`` goes through the process's kept connection
        (``bus_notify``), not a new connection per notification.
        """
        if not notifications:
            return
        dbname = self.env.cr.dbname
        channels = []
        rows = []
        for target, notification_type, payload in notifications:
            channel = channel_with_db(dbname, target)
            channels.append(channel)
            rows.append((json_dump(channel),
                         json_dump({"type": notification_type, "payload": payload})))
        self.env.cr.execute(
            """
            INSERT INTO bus_bus (channel, message, create_uid, write_uid,
                                 create_date, write_date)
            SELECT row.channel, row.message, %s, %s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::varchar[]) AS row(channel, message)
            """,
            (self.env.uid, self.env.uid, [r[0] for r in rows], [r[1] for r in rows]),
        )
        unique_channels = list({json_dump(c): c for c in channels}.values())

        @self.env.cr.postcommit.add
        def notify():
            notify_imbus(json_dump(unique_channels))

    @api.model
    def _cc_send_to_partners_sql(self, partner_query, params, notification_type,
                                 payload):
        """Send one notification to the partners ``partner_query`` selects
        (one ``partner_id`` column, named ``params``), in one query: the
        recipients are chosen and the rows inserted by the same INSERT."""
        prefix = json_dump([self.env.cr.dbname, "res.partner"])[:-1] + ","
        self.env.cr.execute(
            """
            INSERT INTO bus_bus (channel, message, create_uid, write_uid,
                                 create_date, write_date)
            SELECT %(cc_prefix)s || audience.partner_id || ']', %(cc_message)s,
                   %(cc_uid)s, %(cc_uid)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (""" + partner_query + """) AS audience(partner_id)
            RETURNING channel
            """,
            dict(params, cc_prefix=prefix, cc_uid=self.env.uid,
                 cc_message=json_dump({"type": notification_type,
                                       "payload": payload})),
        )
        channels = [json.loads(row[0]) for row in self.env.cr.fetchall()]
        if not channels:
            return
        unique_channels = list({json_dump(c): c for c in channels}.values())

        @self.env.cr.postcommit.add
        def notify():
            notify_imbus(json_dump(unique_channels))
