# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure-Python WhatsApp Business Cloud API package (no Odoo imports).

Modules:

* ``client``: ``CloudClient`` HTTP client (send, media, templates, ...);
* ``payloads``: request bodies for every send type and template rendering;
* ``webhook``: GET handshake and POST body parsing into dataclasses;
* ``signature``: ``X-Hub-Signature-256`` signing/verification;
* ``errors``: exception classes with stable ``code`` strings;
* ``templates``: the parameter slots of a template definition;
* ``window``: the 24-hour customer-service window;
* ``fake_server``: local fake Graph API for tests (imported explicitly).

The Odoo addon wraps these; nothing here knows about records or the ORM.
"""
from . import errors, payloads, signature, templates, webhook, window  # noqa: F401
from .client import CloudClient, MediaUrl, SendOutcome  # noqa: F401
