# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""ChatRoom (acrux.chat.*) -> Contact Center (cc_core) migration.

Pure mapping modules (no ``odoo`` import): ``addresses``, ``message_mapping``,
``conversation_mapping``, ``reference_mapping``, ``checksum``, ``progress``,
``report``. Odoo side: ``odoo_env``, ``source``, ``origin``, ``bulk``,
``copy_rows``, the ``load_*`` steps, ``mirror_deletions``, ``runner``,
``verify``. Entry point: ``python -m migrations.chatroom`` (``__main__``).
"""
