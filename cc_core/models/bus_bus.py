# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import api, models
from odoo.addons.bus.models.bus import channel_with_db, hashable, json_dump

from .bus_notify import notify_imbus


class BusBus(models.Model):
    _inherit = "bus.bus"

    @api.model
    def _cc_sendmany(self, notifications):
        """``_sendmany`` in one INSERT whatever the number of recipients.

        Same channels and messages and the same post-commit ``NOTIFY imbus``
        as Odoo's ``_sendmany`` (which inserts one row per recipient): a
        message in a team with many supervisors must not cost one query per
        person. The ``NOTIFY`` goes through the process's kept connection
        (``bus_notify``), not a new connection per notification.

        Each distinct channel and each notification (type and payload object,
        usually one per audience) is serialised once, not once per recipient.
        ``create_uid``/``write_uid`` are left empty (nothing reads them on
        bus rows): two foreign-key checks per row, each a ``FOR KEY SHARE``
        lock on the sender's user row that concurrent webhooks share, are
        saved.
        """
        if not notifications:
            return
        dbname = self.env.cr.dbname
        channel_json = {}
        message_json = {}
        channels, messages = [], []
        for target, notification_type, payload in notifications:
            channel = hashable(channel_with_db(dbname, target))
            dumped = channel_json.get(channel)
            if dumped is None:
                dumped = channel_json[channel] = json_dump(channel)
            channels.append(dumped)
            # The payload objects live in ``notifications``: ids stay unique.
            key = (notification_type, id(payload))
            dumped = message_json.get(key)
            if dumped is None:
                dumped = message_json[key] = json_dump(
                    {"type": notification_type, "payload": payload})
            messages.append(dumped)
        self.env.cr.execute(
            """
            INSERT INTO bus_bus (channel, message, create_date, write_date)
            SELECT row.channel, row.message,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM unnest(%s::varchar[], %s::varchar[]) AS row(channel, message)
            """,
            (channels, messages),
        )
        unique_channels = list(channel_json)

        @self.env.cr.postcommit.add
        def notify():
            notify_imbus(json_dump(unique_channels))

    @api.model
    def _cc_send_to_partners_sql(self, partner_query, params, notification_type,
                                 payload):
        """Send one notification to the partners ``partner_query`` selects
        (one ``partner_id`` column, named ``params``), in one query: the
        recipients are chosen and the rows inserted by the same INSERT."""
        self.env.cr.execute(
            """
            INSERT INTO bus_bus (channel, message, create_date, write_date)
            SELECT %(cc_prefix)s || audience.partner_id || ']', %(cc_message)s,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (""" + partner_query + """) AS audience(partner_id)
            RETURNING channel
            """,
            dict(params, cc_prefix=self._cc_partner_channel_prefix(),
                 cc_message=json_dump({"type": notification_type,
                                       "payload": payload})),
        )
        self._cc_notify_returned_channels()

    def _cc_partner_channel_prefix(self):
        """A partner's bus channel as JSON text, up to its id (SQL appends
        the id and the closing bracket)."""
        return json_dump([self.env.cr.dbname, "res.partner"])[:-1] + ","

    def _cc_notify_returned_channels(self):
        """After commit, wake the listeners of the channels the last
        ``INSERT ... RETURNING channel`` wrote. Each row's channel is already
        the JSON text of one channel, as ``json_dump`` writes it (same
        separators): the NOTIFY's list is their distinct texts joined, no
        parsing and dumping back."""
        channels = list(dict.fromkeys(row[0] for row in self.env.cr.fetchall()))
        if not channels:
            return
        payload_json = "[" + ",".join(channels) + "]"

        @self.env.cr.postcommit.add
        def notify():
            notify_imbus(payload_json)

    @api.model
    def _cc_send_batch_sql(self, entries):
        """Send a batch of notifications in one ``INSERT ... SELECT``.

        ``entries``: ``(key, recipients, notification_type, payload)`` in
        sending order; ``recipients`` is either a list of partner ids
        (``key`` None) or ``(query, params)`` of an audience (see
        ``_cc_send_to_partners_sql``), evaluated once per distinct ``key``.
        The rows are inserted in the order of the entries (recipients by
        partner id, or as listed), as sending them one after the other would.
        """
        if not entries:
            return
        mogrify = self.env.cr._obj.mogrify
        audiences = {}
        ctes, parts, params = [], [], {}
        for seq, (key, recipients, notification_type, payload) in enumerate(entries):
            params["m%s" % seq] = json_dump({"type": notification_type,
                                             "payload": payload})
            if key is None:
                params["p%s" % seq] = list(recipients)
                parts.append(
                    "SELECT %(seq)s, r.ord, r.partner_id, %%(m%(seq)s)s"
                    " FROM unnest(%%(p%(seq)s)s::int[]) WITH ORDINALITY"
                    " AS r(partner_id, ord)" % {"seq": seq})
                continue
            name = audiences.get(key)
            if name is None:
                name = audiences[key] = "cc_audience_%s" % len(audiences)
                query, query_params = recipients
                # Each audience's own named parameters, bound here ('%'
                # doubled for the statement's own binding).
                ctes.append("%s(partner_id) AS (%s)" % (
                    name, mogrify(query, query_params).decode().replace("%", "%%")))
            parts.append("SELECT %(seq)s, 0, a.partner_id, %%(m%(seq)s)s FROM %(name)s a"
                         % {"seq": seq, "name": name})
        params["cc_prefix"] = self._cc_partner_channel_prefix()
        self.env.cr.execute(
            ("WITH " + ", ".join(ctes) if ctes else "") + """
            INSERT INTO bus_bus (channel, message, create_date, write_date)
            SELECT %(cc_prefix)s || r.partner_id || ']', r.message,
                   now() at time zone 'UTC', now() at time zone 'UTC'
              FROM (""" + " UNION ALL ".join(parts) + """)
                   AS r(seq, ord, partner_id, message)
             ORDER BY r.seq, r.ord, r.partner_id
            RETURNING channel
            """, params)
        self._cc_notify_returned_channels()
