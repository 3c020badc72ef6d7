# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""The customer's picture on the channel (e.g. his WhatsApp profile photo).

Kept on the conversation, not on the partner: most conversations have no
partner, the picture is the customer's identity on that channel (like
``customer_name``), the agent may see it exactly when he may read the
conversation (its record rules, through ``/web/image``), and the company's
contact records are never overwritten by what a phone shows. The Inbox
falls back to the partner's own image, then to initials.

Providers that know pictures say so (``_provides_avatars``) and download
them (``_fetch_customer_avatar``); a cron does it, never the webhook
request: a conversation is checked once after it appears, again when the
provider says the picture changed (``_request_customer_avatar``), and again
after a week if the customer wrote since. The download is checked (images
only, size cap) and decoded before anything is written.
"""
import base64
import logging
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..services import avatar as avatar_service
from ..services import delivery

_logger = logging.getLogger(__name__)

AVATAR_MAX_ATTEMPTS = 3
RECHECK_AFTER = timedelta(days=7)
ACTIVE_WITHIN = timedelta(days=30)
CRON_XMLID = "cc_core.ir_cron_cc_fetch_customer_avatars"


class CcConversationAvatar(models.Model):
    _inherit = "cc.conversation"

    customer_avatar = fields.Image(
        string="Customer picture", max_width=256, max_height=256, readonly=True,
        copy=False, help="The customer's profile picture on the channel, when the "
        "provider gives it (WhatsApp gateway).")
    customer_avatar_checksum = fields.Char(
        string="Picture checksum", readonly=True, copy=False,
        help="Identity of the stored picture (its URL changes when it changes).")
    avatar_checked_date = fields.Datetime(
        string="Picture checked on", readonly=True, copy=False)
    avatar_fetch_due = fields.Datetime(
        string="Picture download due", readonly=True, copy=False, index=True,
        groups="base.group_system",
        help="The picture is to be downloaded from this date (provider said it "
        "changed, or a retry).")
    avatar_fetch_url = fields.Char(
        string="Picture URL", readonly=True, copy=False,
        groups="base.group_system",
        help="Where the provider said the new picture is (empty: ask it).")
    avatar_fetch_attempts = fields.Integer(
        string="Picture download attempts", readonly=True, copy=False,
        groups="base.group_system")

    @api.model_create_multi
    def create(self, vals_list):
        conversations = super().create(vals_list)
        if any(conversations.sudo().connector_id._cc_provides_avatars()):
            # Checked soon by the cron (a trigger row; no network call here).
            self.env.ref(CRON_XMLID).sudo()._trigger()
        return conversations

    def _request_customer_avatar(self, url=None):
        """The provider says the picture changed (``url``: where it is now;
        None: ask the provider). Downloaded by the cron."""
        self.sudo().write({"avatar_fetch_due": fields.Datetime.now(),
                           "avatar_fetch_url": url or False,
                           "avatar_fetch_attempts": 0})
        self.env.ref(CRON_XMLID).sudo()._trigger()

    # ------------------------------------------------------------------
    # Cron
    # ------------------------------------------------------------------
    @api.model
    def _avatar_work_ids(self, limit):
        """Conversations whose picture is to be downloaded: asked for and due,
        then those of active picture-giving connectors never checked (or
        checked a week ago and the customer wrote since) with a customer
        message in the last 30 days, most recent first."""
        now = fields.Datetime.now()
        connectors = self.env["cc.connector"].sudo().search([("provider", "!=", False)])
        providers = connectors.filtered(lambda c: c._cc_provides_avatars()[0]).ids
        self.flush(["avatar_fetch_due", "avatar_checked_date", "last_inbound_date",
                    "connector_id"])
        self.env.cr.execute(
            """
            (SELECT id FROM cc_conversation
              WHERE avatar_fetch_due <= %(now)s ORDER BY avatar_fetch_due LIMIT %(limit)s)
            UNION ALL
            (SELECT id FROM cc_conversation
              WHERE connector_id = ANY(%(connectors)s) AND avatar_fetch_due IS NULL
                AND last_inbound_date >= %(active)s
                AND (avatar_checked_date IS NULL
                     OR (avatar_checked_date < %(recheck)s
                         AND last_inbound_date > avatar_checked_date))
              ORDER BY last_inbound_date DESC LIMIT %(limit)s)
            """,
            {"now": now, "limit": limit, "connectors": providers or [0],
             "active": now - ACTIVE_WITHIN, "recheck": now - RECHECK_AFTER},
        )
        ids = []
        for (conversation_id,) in self.env.cr.fetchall():
            if conversation_id not in ids:
                ids.append(conversation_id)
        return ids[:limit]

    @api.model
    def _cron_fetch_customer_avatars(self, limit=50, max_attempts=AVATAR_MAX_ATTEMPTS):
        """Download the pictures to fetch (see ``_avatar_work_ids``). A refused
        picture or a provider refusal is logged and never half-written; an
        outage is retried with backoff, then given up until the next change."""
        conversations = self.sudo().browse(self._avatar_work_ids(limit))
        for conversation in conversations:
            try:
                with self.env.cr.savepoint():
                    conversation._fetch_customer_avatar()
            except (UserError, avatar_service.AvatarRefused, ValueError) as error:
                _logger.warning("Customer picture of conversation %s refused: %s",
                                conversation.id, error)
                conversation._avatar_done()
            except Exception as error:  # noqa: B902 - keep fetching the others
                _logger.warning("Customer picture of conversation %s could not be "
                                "downloaded: %s", conversation.id, error)
                conversation._avatar_failed(max_attempts)

    def _fetch_customer_avatar(self):
        """Download, check and store the picture (run by the cron as superuser)."""
        self.ensure_one()
        connector = self.connector_id
        result = connector._provider()._fetch_customer_avatar(
            self, self.avatar_fetch_url or None)
        if result is None:  # the customer shows no picture (any more)
            if self.customer_avatar_checksum:
                self.write({"customer_avatar": False, "customer_avatar_checksum": False})
                self._send_bus_to_audience(self.agent_id, True, "cc.conversation/avatar")
            _logger.info("Customer picture of conversation %s: none on the channel",
                         self.id)
            return self._avatar_done()
        content, mimetype = result
        avatar_service.check_picture(content, mimetype)
        checksum = avatar_service.picture_checksum(content)
        if checksum != self.customer_avatar_checksum:
            # fields.Image decodes and resizes it: what does not decode raises
            # here, inside the cron's savepoint, and nothing is written.
            self.write({"customer_avatar": base64.b64encode(content),
                        "customer_avatar_checksum": checksum})
            self.flush(["customer_avatar", "customer_avatar_checksum"])
            _logger.info("Customer picture of conversation %s stored (%d bytes)",
                         self.id, len(content))
            self._send_bus_to_audience(self.agent_id, True, "cc.conversation/avatar")
        return self._avatar_done()

    def _avatar_done(self):
        self.write({"avatar_checked_date": fields.Datetime.now(),
                    "avatar_fetch_due": False, "avatar_fetch_url": False,
                    "avatar_fetch_attempts": 0})
        return True

    def _avatar_failed(self, max_attempts):
        attempt = self.avatar_fetch_attempts + 1
        if attempt >= max_attempts:
            _logger.warning("Customer picture of conversation %s: giving up after %s "
                            "attempts", self.id, attempt)
            return self._avatar_done()
        due = fields.Datetime.now() + timedelta(
            seconds=delivery.retry_delay(attempt, 60, 3600))
        self.write({"avatar_fetch_due": due, "avatar_fetch_attempts": attempt})
        self.env.ref(CRON_XMLID).sudo()._trigger(at=due)
        return False


class CcConnectorAvatar(models.Model):
    _inherit = "cc.connector"

    def _cc_provides_avatars(self):
        """One boolean per connector: its provider gives customer pictures."""
        return [bool(c.provider) and "cc.provider.%s" % c.provider in self.env
                and self.env["cc.provider.%s" % c.provider]._provides_avatars(c)
                for c in self]


class CcProviderAvatar(models.AbstractModel):
    _inherit = "cc.provider.abstract"

    @api.model
    def _provides_avatars(self, connector):
        """True when ``_fetch_customer_avatar`` can give customer pictures.
        Default: no (the Inbox shows initials)."""
        return False

    @api.model
    def _fetch_customer_avatar(self, conversation, url=None):
        """``(content, mimetype)`` of the customer's picture, or None when he
        shows none. ``url``: where the provider said it is (None: ask).
        Raise ``UserError`` when it can never work; other exceptions are
        retried. Called by a cron, never in a webhook request."""
        return None
