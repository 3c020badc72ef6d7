# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Can a provider on the internet call this URL back? (no Odoo import)"""
import ipaddress
from urllib.parse import urlsplit

NOT_HTTPS = "not_https"
NOT_PUBLIC = "not_public"

_LOCAL_SUFFIXES = (".local", ".localhost", ".internal", ".lan", ".home", ".test",
                   ".example", ".invalid")


def _is_public_host(host):
    host = (host or "").strip("[]").lower()
    if not host or host == "localhost":
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return "." in host and not host.endswith(_LOCAL_SUFFIXES)
    return address.is_global


def callback_problems(url):
    """What keeps providers (Meta requires a public https address) from
    calling ``url``: a tuple of ``NOT_HTTPS`` / ``NOT_PUBLIC`` (empty: fine)."""
    parts = urlsplit(url or "")
    problems = []
    if parts.scheme != "https":
        problems.append(NOT_HTTPS)
    if not _is_public_host(parts.hostname):
        problems.append(NOT_PUBLIC)
    return tuple(problems)
