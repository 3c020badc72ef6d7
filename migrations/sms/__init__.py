# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""One-time copy of the current SMS modules' data (``sms_base_sr``,
``sms_kolmeya``, ``chatroom_sms_advanced``) into the Contact Center:
``python -m migrations.sms {check,migrate,verify}``."""
