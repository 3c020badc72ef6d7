# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""File names that come from outside (customers, providers) made safe to store.

A name such as ``../../etc/odoo/..\\..\\passwd.pdf`` must never reach a path or
a download header as given: only its base name is kept, without path
separators, control or invisible format characters, reserved names or
leading dots, and limited in length (the extension is kept).
"""
import re
import unicodedata

MAX_LENGTH = 128
_SEPARATORS = re.compile(r"[\\/]+")
_FORBIDDEN = re.compile(r'[<>:"|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$", re.IGNORECASE)


def _printable(text):
    return "".join(ch for ch in text if unicodedata.category(ch)[0] != "C")


def sanitize(name, default="attachment", max_length=MAX_LENGTH):
    """A safe base name for ``name`` (``default`` when nothing usable is left)."""
    if not isinstance(name, str):
        name = "" if name is None else str(name)
    name = unicodedata.normalize("NFC", name)
    base = _SEPARATORS.split(_printable(name))[-1]
    base = _FORBIDDEN.sub("_", base)
    base = " ".join(base.split()).strip(". ")
    if not base or _RESERVED.match(base):
        base = ("%s_%s" % (default, base)).strip("_") if base else default
    if len(base) > max_length:
        stem, dot, ext = base.rpartition(".")
        if dot and 0 < len(ext) <= 10 and stem:
            base = stem[: max_length - len(ext) - 1].rstrip(". ") + "." + ext
        else:
            base = base[:max_length].rstrip(". ")
    return base or default
