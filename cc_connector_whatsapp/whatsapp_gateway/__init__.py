# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure-Python client of the WhatsApp REST gateway ChatRoom uses (no Odoo imports).

The gateway is apichat.io ("direct" connection) or its chat-smart.io variant:
a service that drives a WhatsApp session opened by scanning a QR code with
the company's phone (WhatsApp Web style), not Meta's Cloud API.

Modules:

* ``client``: ``GatewayClient`` (send*, readChat, status, account, conversations,
  profile_url, media download);
* ``webhook``: the JSON-RPC-style envelope (``params.messages / events /
  updates``) parsed into plain items;
* ``errors``: failures classified permanent / transient / unknown outcome;
* ``media_link``: signed, expiring public links to attachments;
* ``fake_server``: local fake gateway for tests (imported explicitly).
"""
from . import errors, media_link, webhook  # noqa: F401
from .client import GatewayClient, GatewayStatus  # noqa: F401
