# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Request bodies for ``POST /<PHONE_NUMBER_ID>/messages``.

Builders return plain dicts ready for ``CloudClient.send``. They validate
what Meta would reject anyway (caption on audio, filename outside documents,
text over 4096 chars) so the mistake surfaces before a network call.
"""
import re

from .errors import MediaRejectedError

MAX_TEXT = 4096
MAX_CAPTION = 1024
MEDIA_KINDS = ("image", "audio", "video", "document", "sticker")
CAPTION_KINDS = ("image", "video", "document")
MB = 1024 * 1024
# kind -> (allowed MIME types, max bytes); stickers: 500 KB covers animated.
MEDIA_LIMITS = {
    "audio": (
        ("audio/aac", "audio/amr", "audio/mpeg", "audio/mp4", "audio/ogg"),
        16 * MB,
    ),
    "document": (
        (
            "text/plain",
            "application/pdf",
            "application/msword",
            "application/vnd.ms-excel",
            "application/vnd.ms-powerpoint",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ),
        100 * MB,
    ),
    "image": (("image/jpeg", "image/png"), 5 * MB),
    "sticker": (("image/webp",), 500 * 1024),
    "video": (("video/mp4", "video/3gpp"), 16 * MB),
}
_PLACEHOLDER = re.compile(r"\{\{\s*([A-Za-z0-9_]+)\s*\}\}")
_BUTTON_PARAM = {"quick_reply": "payload", "copy_code": "coupon_code"}


def _base(to, kind, reply_to=None):
    """Common envelope of every message body; ``reply_to`` quotes a wamid."""
    if not to:
        raise ValueError("recipient 'to' is required")
    body = {"messaging_product": "whatsapp", "recipient_type": "individual"}
    body.update({"to": str(to), "type": kind})
    if reply_to:
        body["context"] = {"message_id": reply_to}
    return body


def text(to, body, preview_url=False, reply_to=None):
    """Free-form text (only inside the 24 h window)."""
    if not body:
        raise ValueError("text body is empty")
    if len(body) > MAX_TEXT:
        raise ValueError("text body longer than %d characters" % MAX_TEXT)
    payload = _base(to, "text", reply_to)
    payload["text"] = {"body": body, "preview_url": bool(preview_url)}
    return payload


def media_object(kind, media_id=None, link=None, caption=None, filename=None):
    """The ``{"id"|"link", "caption"?, "filename"?}`` object of a media kind."""
    if kind not in MEDIA_KINDS:
        raise ValueError("unknown media kind %r" % (kind,))
    if bool(media_id) == bool(link):
        raise ValueError("give exactly one of media_id or link")
    obj = {"id": media_id} if media_id else {"link": link}
    if caption:
        if kind not in CAPTION_KINDS:
            raise ValueError("%s messages cannot have a caption" % kind)
        if len(caption) > MAX_CAPTION:
            raise ValueError("caption longer than %d characters" % MAX_CAPTION)
        obj["caption"] = caption
    if filename:
        if kind != "document":
            raise ValueError("only documents have a filename")
        obj["filename"] = filename
    return obj


def media(
    to, kind, media_id=None, link=None, caption=None, filename=None, reply_to=None
):
    """Image, audio, video, document or sticker by uploaded id or public link."""
    payload = _base(to, kind, reply_to)
    payload[kind] = media_object(kind, media_id, link, caption, filename)
    return payload


def location(to, latitude, longitude, name=None, address=None, reply_to=None):
    """A map pin; name and address are optional labels."""
    payload = _base(to, "location", reply_to)
    obj = {"latitude": float(latitude), "longitude": float(longitude)}
    if name:
        obj["name"] = name
    if address:
        obj["address"] = address
    payload["location"] = obj
    return payload


def template(to, name, language, components=None, reply_to=None):
    """An approved template; ``components`` only for parts with variables."""
    if not name or not language:
        raise ValueError("template name and language are required")
    payload = _base(to, "template", reply_to)
    obj = {"name": name, "language": {"code": language}}
    if components:
        obj["components"] = list(components)
    payload["template"] = obj
    return payload


def text_parameter(value, name=None):
    """A ``text`` parameter; ``name`` for templates using named variables."""
    param = {"type": "text", "text": str(value)}
    if name:
        param["parameter_name"] = name
    return param


def media_parameter(kind, media_id=None, link=None, filename=None):
    """An image/video/document parameter for a media header."""
    if kind not in ("image", "video", "document"):
        raise ValueError("template headers take image, video or document")
    return {"type": kind, kind: media_object(kind, media_id, link, None, filename)}


def _as_parameter(value):
    """Values may be ready-made parameter dicts or plain text."""
    return dict(value) if isinstance(value, dict) else text_parameter(value)


def header_component(parameters):
    """Header with one text parameter or one media parameter."""
    return {"type": "header", "parameters": [_as_parameter(p) for p in parameters]}


def body_component(parameters):
    """Body parameters in template order (plain values become text)."""
    return {"type": "body", "parameters": [_as_parameter(p) for p in parameters]}


def button_component(sub_type, index, value):
    """One button's variable: quick_reply payload, url suffix, copy_code, ...

    ``index`` is the button's 0-based position in the template; Meta wants
    it as a string.
    """
    if isinstance(value, dict):
        param = dict(value)
    else:
        kind = _BUTTON_PARAM.get(sub_type, "text")
        param = {"type": kind, kind: str(value)}
    return {
        "type": "button",
        "sub_type": sub_type,
        "index": str(int(index)),
        "parameters": [param],
    }


def mark_read(message_id, typing_indicator=False):
    """Mark an inbound message (and earlier ones) read; optionally show typing."""
    if not message_id:
        raise ValueError("message_id is required")
    payload = {
        "messaging_product": "whatsapp",
        "status": "read",
        "message_id": message_id,
    }
    if typing_indicator:
        payload["typing_indicator"] = {"type": "text"}
    return payload


def placeholders(text_value):
    """Distinct ``{{n}}``/``{{name}}`` placeholders of a text, in send order.

    Positional placeholders sort numerically; named ones keep first-seen order.
    """
    found = []
    for match in _PLACEHOLDER.finditer(text_value or ""):
        if match.group(1) not in found:
            found.append(match.group(1))
    if all(p.isdigit() for p in found):
        found.sort(key=int)
    return found


def _take(values, count, where):
    """Pop ``count`` values from the front of the list or fail loudly."""
    if len(values) < count:
        raise ValueError("not enough values for the template %s" % where)
    taken = values[:count]
    del values[:count]
    return taken


def _text_params(names, taken):
    """Text parameters; named variables carry ``parameter_name``."""
    return [
        text_parameter(v, None if n.isdigit() else n) if not isinstance(v, dict) else v
        for n, v in zip(names, taken)
    ]


def _header(component, values):
    """Send-side header component for a template header definition, or None."""
    fmt = (component.get("format") or "TEXT").lower()
    if fmt == "text":
        names = placeholders(component.get("text"))
        if not names:
            return None
        return header_component(
            _text_params(names, _take(values, len(names), "header"))
        )
    (value,) = _take(values, 1, "header")
    if isinstance(value, dict):
        return header_component([value])
    return header_component([media_parameter(fmt, link=value)])


def _buttons(component, values):
    """Send-side button components for URL suffixes and copy-code buttons."""
    result = []
    for index, button in enumerate(component.get("buttons") or []):
        kind = (button.get("type") or "").lower()
        if kind == "url" and placeholders(button.get("url")):
            (value,) = _take(values, 1, "url button")
            result.append(button_component("url", index, value))
        elif kind == "copy_code":
            (value,) = _take(values, 1, "copy-code button")
            result.append(button_component("copy_code", index, value))
    return result


def render_template_components(template_components, values):
    """Turn a template *definition* plus a flat list of values into send components.

    ``template_components`` is the ``components`` list of a template as
    returned by ``list_templates`` (``HEADER``/``BODY``/``FOOTER``/``BUTTONS``).
    Values are consumed in order: header variable (text, or a link/parameter
    dict for a media header), body variables ``{{1}}..{{n}}``, then dynamic URL
    and copy-code buttons. A count mismatch raises ``ValueError`` (Meta would
    answer 132000).
    """
    remaining = list(values or [])
    result = []
    for component in template_components or []:
        kind = (component.get("type") or "").lower()
        if kind == "header":
            header = _header(component, remaining)
            if header:
                result.append(header)
        elif kind == "body":
            names = placeholders(component.get("text"))
            if names:
                taken = _take(remaining, len(names), "body")
                result.append(body_component(_text_params(names, taken)))
        elif kind == "buttons":
            result.extend(_buttons(component, remaining))
    if remaining:
        raise ValueError("%d template values left unused" % len(remaining))
    return result


def _substitute(text_value, values):
    """Fill one text's placeholders from the front of ``values``."""
    names = placeholders(text_value)
    taken = [str(v) for v in _take(values, len(names), "preview")]
    mapping = dict(zip(names, taken))
    return _PLACEHOLDER.sub(lambda m: mapping.get(m.group(1), m.group(0)), text_value)


def render_preview(template_components, values):
    """Readable text of a filled template (header, body, footer) for the chatter.

    Consumes ``values`` exactly like ``render_template_components``.
    """
    remaining = list(values or [])
    lines = []
    for component in template_components or []:
        kind = (component.get("type") or "").lower()
        fmt = (component.get("format") or "TEXT").lower()
        if kind == "header" and fmt != "text":
            _take(remaining, 1, "header")
        elif kind in ("header", "body"):
            lines.append(_substitute(component.get("text") or "", remaining))
        elif kind == "footer" and component.get("text"):
            lines.append(component["text"])
    return "\n".join(line for line in lines if line)


def base_mime(mime_type):
    """``audio/ogg; codecs=opus`` -> ``audio/ogg``."""
    return (mime_type or "").split(";")[0].strip().lower()


def media_kind_for(mime_type):
    """The message kind a MIME type can be sent as, or None if unsupported."""
    mime = base_mime(mime_type)
    for kind, (mimes, _limit) in MEDIA_LIMITS.items():
        if mime in mimes:
            return kind
    return None


def check_media(mime_type, size, kind=None):
    """Raise ``MediaRejectedError`` when Meta would refuse this media."""
    kind = kind or media_kind_for(mime_type)
    if kind not in MEDIA_LIMITS or base_mime(mime_type) not in MEDIA_LIMITS[kind][0]:
        raise MediaRejectedError("Unsupported media type %s" % base_mime(mime_type))
    limit = MEDIA_LIMITS[kind][1]
    if size > limit:
        raise MediaRejectedError("%s larger than %d bytes" % (kind, limit))
    return kind
