# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer pictures in the Inbox: the URL in the rows and the panel (no
query per row), the partner's image as fallback, initials otherwise (no
URL), and the picture served only to who may read the conversation."""
import base64
import io
import logging

from PIL import Image

from odoo.tests import tagged

from .common import CcCase, CcHttpCase

_logger = logging.getLogger(__name__)


def picture(color="red", size=(300, 300), fmt="PNG"):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


class AvatarDataMixin:
    def _with_picture(self, conversation, content=None):
        content = content or picture()
        conversation.sudo().write({
            "customer_avatar": base64.b64encode(content),
            "customer_avatar_checksum": "c0ffee%s" % conversation.id,
        })
        return conversation


@tagged("post_install", "-at_install")
class TestWorkspaceAvatar(AvatarDataMixin, CcCase):

    def setUp(self):
        super().setUp()
        self.ws = self.env["cc.workspace"].with_user(self.user_agent)

    def _queries(self, function, *args, **kwargs):
        self.env["base"].flush()
        self.env["base"].invalidate_cache()
        start = self.cr.sql_log_count
        result = function(*args, **kwargs)
        return self.cr.sql_log_count - start, result

    def test_row_and_panel_carry_the_picture_url(self):
        conversation = self._with_picture(self._conversation(
            state="current", agent_id=self.agent.id))
        row = self.ws.workspace_row(conversation.id)
        self.assertEqual(
            row["avatar_url"],
            "/web/image/cc.conversation/%s/customer_avatar?unique=c0ffee%s"
            % (conversation.id, conversation.id))
        panel = self.ws.workspace_panel(conversation.id)
        self.assertEqual(panel["conversation"]["avatar_url"], row["avatar_url"])
        # Stored resized (at most 256 px), never the 300 px original.
        stored = Image.open(io.BytesIO(base64.b64decode(conversation.customer_avatar)))
        self.assertEqual(stored.size, (256, 256))

    def test_partner_image_then_initials(self):
        partner = self.env["res.partner"].create({"name": "Cliente Foto"})
        conversation = self._conversation(state="current", agent_id=self.agent.id,
                                          partner_id=partner.id)
        self.assertFalse(self.ws.workspace_row(conversation.id)["avatar_url"],
                         "no picture anywhere: the screen draws initials")
        partner.image_1920 = base64.b64encode(picture("blue"))
        url = self.ws.workspace_row(conversation.id)["avatar_url"]
        self.assertTrue(url.startswith("/web/image/res.partner/%s/image_128?unique="
                                       % partner.id), url)
        self._with_picture(conversation)
        self.assertIn("/cc.conversation/", self.ws.workspace_row(conversation.id)[
            "avatar_url"], "the channel picture comes first")

    def test_pictures_cost_no_query_per_row(self):
        self._conversation("+5511900000001", state="current", agent_id=self.agent.id)
        self._queries(self.ws.workspace_list)
        one, page = self._queries(self.ws.workspace_list)
        self.assertEqual([r["avatar_url"] for r in page["rows"]], [False])
        partner = self.env["res.partner"].create(
            {"name": "Com foto", "image_1920": base64.b64encode(picture("green"))})
        for index in range(2, 31):
            conversation = self._conversation(
                "+55119000000%02d" % index, state="current", agent_id=self.agent.id,
                partner_id=partner.id if index % 2 else False)
            if index % 3:
                self._with_picture(conversation)
        many, page = self._queries(self.ws.workspace_list)
        urls = [r["avatar_url"] for r in page["rows"]]
        self.assertEqual(len(urls), 30)
        self.assertEqual(len([u for u in urls if u and "cc.conversation" in u]), 19)
        self.assertEqual(len([u for u in urls if u and "res.partner" in u]), 5)
        _logger.info("cc_performance: workspace list page: %s queries (1 row, no picture)"
                     " / %s (30 rows: pictures, partner images, initials)", one, many)
        self.assertEqual(one, many, "the pictures are read with the rows")


@tagged("post_install", "-at_install")
class TestAvatarAccess(AvatarDataMixin, CcHttpCase):

    def _get(self, conversation, login):
        self.authenticate(login, login)
        response = self.url_open(
            "/web/image/cc.conversation/%s/customer_avatar" % conversation.id)
        self.assertEqual(response.status_code, 200)
        return response.content

    def test_only_readers_of_the_conversation_get_the_picture(self):
        # The other connector is worked by agent3 only.
        conversation = self._with_picture(self._conversation(
            "+5531988887777", connector=self.other_connector))
        stored = base64.b64decode(conversation.sudo().customer_avatar)
        self.assertEqual(self._get(conversation, "cc_agent3"), stored)
        refused = self._get(conversation, "cc_agent1")
        self.assertNotEqual(refused, stored, "Ana may not read this conversation")
        self.assertEqual(Image.open(io.BytesIO(refused)).format, "PNG",
                         "she gets the neutral placeholder instead")
        self.authenticate(None, None)
        response = self.url_open(
            "/web/image/cc.conversation/%s/customer_avatar" % conversation.id)
        self.assertNotEqual(response.content, stored, "no public URL")
