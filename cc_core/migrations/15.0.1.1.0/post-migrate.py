# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Webhook journal rows written before the raw bytes were kept.

Their body was stored as text only: copy it into ``raw_body_data`` (base64 of
its UTF-8 bytes, the ORM's representation of a binary column) so replaying
them reads the same bytes as before, and classify old failures: a retryable
one stays transient, any other is permanent (never retried automatically).
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("""
        UPDATE cc_webhook_event
           SET raw_body_data = convert_to(
                   translate(encode(convert_to(raw_body, 'UTF8'), 'base64'), E'\\n', ''),
                   'UTF8'),
               body_size = octet_length(convert_to(raw_body, 'UTF8'))
         WHERE raw_body_data IS NULL AND raw_body IS NOT NULL
    """)
    cr.execute("""
        UPDATE cc_webhook_event
           SET failure_kind = CASE WHEN is_retryable THEN 'transient' ELSE 'permanent' END
         WHERE state = 'failed' AND failure_kind IS NULL
    """)
