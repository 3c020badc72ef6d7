# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Inbound media and provider references of ``cc.message``."""
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..services import checksum, delivery, filenames
from ..services import text as text_service
from ..services.types import MediaRef

_logger = logging.getLogger(__name__)

MEDIA_MAX_ATTEMPTS = 5


class CcMessageMedia(models.Model):
    """Inbound media: stored now when the provider sent the bytes, else fetched
    by a cron (never inside the webhook request)."""

    _inherit = "cc.message"

    media_state = fields.Selection(
        [("none", "No media"), ("pending", "To download"), ("done", "Downloaded"),
         ("failed", "Download failed")], default="none", readonly=True)
    media_refs = fields.Text(readonly=True, help="Provider media references (JSON).")
    media_error = fields.Char(readonly=True)
    media_attempt_count = fields.Integer(string="Download attempts", readonly=True)
    media_next_attempt_date = fields.Datetime(string="Next download attempt", readonly=True)
    media_sha256 = fields.Char(
        string="Media SHA-256", readonly=True, copy=False,
        help="Checksum the provider announced; the download is verified against it.")
    is_voice_note = fields.Boolean(
        string="Voice note", readonly=True, copy=False,
        help="Audio recorded in the messaging app (not a forwarded audio file).")
    media_html = fields.Html(
        string="Files", compute="_compute_media_html",
        help="The message's files: images shown, other files to download.")

    @api.depends("attachment_ids")
    def _compute_media_html(self):
        # The attachments' name and type only (read as superuser: the message
        # is readable, so are its files; the file itself is served by
        # /web/image with the usual access check).
        for message in self:
            files = message.sudo().attachment_ids
            message.media_html = text_service.attachments_html(
                [(f.id, f.name, f.mimetype) for f in files]) or False

    def _store_media(self, media_refs):
        pending = [m for m in media_refs if m.content is None]
        vals = {}
        if any(ref.voice for ref in media_refs):
            vals["is_voice_note"] = True
        digests = [checksum.normalize_sha256(ref.sha256) for ref in media_refs]
        if any(digests):
            vals["media_sha256"] = next(d for d in digests if d)
        if vals:
            self.write(vals)
        for ref in media_refs:
            if ref.content is not None:
                checksum.verify_sha256(ref.content, ref.sha256)
                self._attach(ref.content, ref.mimetype, ref.filename)
        if pending:
            self.write({"media_state": "pending",
                        "media_refs": json.dumps([m._asdict() for m in pending])})
            self.env.ref("cc_core.ir_cron_cc_fetch_media").sudo()._trigger()
        else:
            self.write({"media_state": "done"})

    def _attach(self, content, mimetype, filename):
        """Store a file from outside; its name is reduced to a safe base name."""
        attachment = self.env["ir.attachment"].sudo().create({
            "name": filenames.sanitize(filename, default=_("attachment")),
            "raw": content,
            "mimetype": mimetype,
            "res_model": "cc.message",
            "res_id": self.id,
        })
        self.sudo().write({"attachment_ids": [(4, attachment.id)]})
        return attachment

    @api.model
    def _cron_fetch_media(self, limit=50, max_attempts=MEDIA_MAX_ATTEMPTS):
        """Download pending media. A failure is retried with backoff (provider
        outage) and marked failed after ``max_attempts``; a ``UserError`` from
        the provider (e.g. media expired) fails at once."""
        now = fields.Datetime.now()
        messages = self.sudo().search([
            ("media_state", "=", "pending"), "|",
            ("media_next_attempt_date", "=", False),
            ("media_next_attempt_date", "<=", now),
        ], limit=limit, order="id")
        for message in messages:
            try:
                with self.env.cr.savepoint():
                    message._fetch_pending_media()
            except UserError as error:  # the provider says it will never work
                _logger.info("Media of message %s cannot be fetched: %s", message.id,
                             error)
                message._media_failed(str(error)[:200], max_attempts=1)
            except Exception as error:  # noqa: B902 - keep fetching the others
                _logger.warning("Media of message %s could not be fetched: %s",
                                message.id, type(error).__name__)
                message._media_failed(str(error)[:200] or type(error).__name__,
                                      max_attempts)

    def _fetch_pending_media(self):
        provider = self.connector_id._provider()
        for ref in json.loads(self.media_refs or "[]"):
            ref = MediaRef(**ref)
            content, mimetype, filename = provider._fetch_media(self.connector_id, ref)
            try:  # a corrupted or substituted download is retried, never stored
                checksum.verify_sha256(content, ref.sha256)
            except checksum.ChecksumMismatch:
                raise ValueError(_(
                    "The downloaded file does not match the checksum the provider "
                    "announced (corrupted download); it will be downloaded again."
                )) from None
            self._attach(content, mimetype, filename)
        self.write({"media_state": "done", "media_error": False,
                    "media_next_attempt_date": False})

    def _media_failed(self, error, max_attempts):
        attempt = self.media_attempt_count + 1
        vals = {"media_attempt_count": attempt, "media_error": error}
        if attempt >= max_attempts:
            vals.update(media_state="failed", media_next_attempt_date=False)
        else:
            delay = delivery.retry_delay(attempt, 60, 3600)
            vals["media_next_attempt_date"] = fields.Datetime.now() + timedelta(
                seconds=delay)
            self.env.ref("cc_core.ir_cron_cc_fetch_media").sudo()._trigger(
                at=vals["media_next_attempt_date"])
        self.write(vals)

    def action_retry_media(self):
        """Any user who sees the message may ask for its media again."""
        self.check_access_rule("read")
        self.filtered(lambda m: m.media_state == "failed").sudo().write(
            {"media_state": "pending", "media_attempt_count": 0,
             "media_next_attempt_date": False})
        self.env.ref("cc_core.ir_cron_cc_fetch_media").sudo()._trigger()
        return True

    @api.model
    def _find_outbound(self, connector, provider_message_id=None, reference=None):
        """One of our outbound messages on ``connector`` (a status report is
        about it, a reply answers it): by provider id, then by our reference."""
        domain = [("connector_id", "=", connector.id), ("direction", "=", "outbound")]
        message = self.search(domain + [("provider_message_id", "=", provider_message_id)],
                              limit=1) if provider_message_id else self.browse()
        if not message and reference:
            message_id = self._id_from_reference(reference)
            if message_id:
                message = self.search(domain + [("id", "=", message_id)])
        return message

    def _reference(self):
        """Stable identity of an outbound message given to providers."""
        self.ensure_one()
        return "cc-%s" % self.id

    @api.model
    def _id_from_reference(self, reference):
        if reference and str(reference).startswith("cc-") and str(reference)[3:].isdigit():
            return int(str(reference)[3:])
        return False
