# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer text is plain text: helpers to keep it that way."""
import html
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(text, max_length=None):
    """Strip control characters (keep newlines/tabs) and optionally truncate."""
    if text is None:
        return ""
    cleaned = _CONTROL.sub("", str(text))
    if max_length is not None and len(cleaned) > max_length:
        cleaned = cleaned[:max_length]
    return cleaned


def to_html(text):
    """Escape plain text for display inside HTML, keeping line breaks."""
    return html.escape(text or "", quote=True).replace("\n", "<br/>")


def fold_keyword(text):
    """Upper-case, accent-free, punctuation-free form used to match keywords."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^A-Z0-9]+", " ", ascii_text.upper()).split())


def is_opt_out(text, keywords):
    """True when the whole message is one of the opt-out keywords.

    Case, accents, punctuation and emoji are ignored (``" Sair!! "``,
    ``"cancelár"``); a keyword inside a sentence does not count.
    """
    if not isinstance(text, str):
        return False
    folded = fold_keyword(text)
    return bool(folded) and folded in {fold_keyword(k) for k in keywords}


def preview(text, length=80):
    """A one-line preview of a message body."""
    line = " ".join((text or "").split())
    return line if len(line) <= length else line[: length - 1] + "\u2026"


_WHATSAPP_BOLD = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])")


def plain_signature(signature):
    """The signature as plain text: WhatsApp markup around it (``*Ana*``) removed."""
    return (signature or "").strip().strip("*_~").strip()


def signed_body(signature, body, channel_kind):
    """``body`` with the agent's signature, formatted for the channel.

    WhatsApp shows ``*text*`` in bold, so the name goes in bold on its own
    line. SMS shows markup literally and counts every character, so the
    short form ``Ana: text`` is used.
    """
    name = plain_signature(signature)
    body = (body or "").strip()
    if not name or not body:
        return body
    if channel_kind == "whatsapp":
        return "*%s*\n%s" % (name, body)
    return "%s: %s" % (name, body)


def strip_whatsapp_markup(text):
    """``*bold*`` -> ``bold`` (for one-line previews; the message keeps it)."""
    return _WHATSAPP_BOLD.sub(r"\1", text or "")


def attachments_html(attachments):
    """HTML showing a message's files: images as thumbnails, other files as
    download links. ``attachments`` are ``(id, name, mimetype)``; names are
    escaped (they come from customers)."""
    parts = []
    for attachment_id, name, mimetype in attachments:
        label = html.escape(name or "", quote=True)
        attachment_id = int(attachment_id)
        if (mimetype or "").startswith("image/"):
            parts.append(
                '<a href="/web/image/%d" target="_blank" title="%s" '
                'class="o_cc_media_image"><img src="/web/image/%d/160x160" alt="%s" '
                'loading="lazy"/></a>' % (attachment_id, label, attachment_id, label))
        else:
            parts.append(
                '<a href="/web/content/%d?download=true" title="%s" '
                'class="o_cc_media_file"><i class="fa fa-download"></i> %s</a>'
                % (attachment_id, label, label))
    return "".join(parts)
