# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""``/cc/whatsapp/media/<id>/<expires>/<signature>``: an outbound file for the
WhatsApp gateway, which downloads media by URL without an Odoo session.

Only links signed with the database secret work (403 otherwise), only until
they expire (404 after), and only for files of Contact Center messages.
"""
from odoo import http
from odoo.http import request

from ..whatsapp_gateway import media_link

SERVED_MODELS = ("cc.message", "cc.conversation", "cc.template")


class CcWhatsappMediaLink(http.Controller):
    @http.route("%s/<int:attachment_id>/<int:expires>/<string:token>" % media_link.PATH,
                type="http", auth="public", methods=["GET", "HEAD"], csrf=False,
                save_session=False)
    def cc_whatsapp_media(self, attachment_id, expires, token, **_kwargs):
        secret = request.env["ir.config_parameter"].sudo().get_param("database.secret")
        verdict = media_link.check(secret, attachment_id, expires, token)
        if verdict == "invalid":
            return http.Response("forbidden", status=403)
        attachment = request.env["ir.attachment"].sudo().browse(attachment_id).exists()
        if verdict == "expired" or not attachment or attachment.type != "binary" \
                or attachment.res_model not in SERVED_MODELS:
            return http.Response("not found", status=404)
        filename = (attachment.name or "file").replace('"', "")
        return request.make_response(attachment.raw or b"", headers=[
            ("Content-Type", attachment.mimetype or "application/octet-stream"),
            ("Content-Disposition", 'inline; filename="%s"' % filename),
            ("Cache-Control", "private, max-age=300"),
            ("X-Content-Type-Options", "nosniff"),
        ])
