# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Order-independent checksum of a conversation's messages.

Both sides hash the same tuple (date, direction, type, text): ChatRoom's rows
through the mapping functions, cc_core's rows as stored. Lines are sorted,
so a conversation merged from two ChatRoom conversations compares with the
union of their messages.
"""
import hashlib

_FIELD_SEP = "\x1f"
_LINE_SEP = "\x1e"


def line(date, direction, message_type, body):
    stamp = date.isoformat(sep=" ") if date is not None else ""
    return _FIELD_SEP.join((stamp, direction or "", message_type or "", body or ""))


def digest(lines):
    """(count, sha256 hex) of an iterable of :func:`line` strings."""
    lines = sorted(lines)
    sha = hashlib.sha256()
    for item in lines:
        sha.update(item.encode("utf-8"))
        sha.update(_LINE_SEP.encode())
    return len(lines), sha.hexdigest()
