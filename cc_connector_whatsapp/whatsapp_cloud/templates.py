# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What a synced template definition asks for when it is sent.

``parameter_slots`` lists the values ``payloads.render_template_components``
consumes, in the same order: header (one per text placeholder, or one media),
body placeholders, then dynamic URL and copy-code buttons. The Odoo addon
stores one parameter line per slot, so its values always line up with what
Meta expects.
"""
from typing import NamedTuple, Optional

from .payloads import placeholders

MEDIA_HEADER_FORMATS = ("image", "video", "document")


class Slot(NamedTuple):
    """One value a template needs.

    ``component`` is ``header``, ``body`` or ``button``; ``placeholder`` the
    variable name (``"1"``, ``"nome"``) or None for a media header;
    ``kind`` is ``text`` or the media header format; ``button_index`` the
    0-based button position; ``example`` Meta's sample value, if any.
    """

    component: str
    placeholder: Optional[str]
    kind: str
    button_index: Optional[int] = None
    example: Optional[str] = None


def _examples(component, key):
    """Positional samples (``{"body_text": [["a", "b"]]}``) or named ones."""
    example = component.get("example") if isinstance(component, dict) else None
    if not isinstance(example, dict):
        return {}
    named = example.get("%s_named_params" % key)
    if isinstance(named, list):
        return {
            str(p.get("param_name")): str(p.get("example") or "")
            for p in named
            if isinstance(p, dict)
        }
    values = example.get(key)
    if values and isinstance(values[0], list):
        values = values[0]
    if not isinstance(values, list):
        return {}
    return {str(index): str(value) for index, value in enumerate(values, 1)}


def _text_slots(component, name, key):
    """One slot per placeholder of a text component (header or body)."""
    samples = _examples(component, key)
    return [
        Slot(name, placeholder, "text", None, samples.get(placeholder))
        for placeholder in placeholders(component.get("text"))
    ]


def _header_slots(component):
    fmt = (component.get("format") or "TEXT").lower()
    if fmt == "text":
        return _text_slots(component, "header", "header_text")
    return [Slot("header", None, fmt)]


def _button_slots(component):
    slots = []
    for index, button in enumerate(component.get("buttons") or []):
        kind = (button.get("type") or "").lower()
        example = button.get("example")
        if isinstance(example, list):
            example = example[0] if example else None
        if kind == "url" and placeholders(button.get("url")):
            slots.append(Slot("button", "url", "text", index, example))
        elif kind == "copy_code":
            slots.append(Slot("button", "copy_code", "text", index, example))
    return slots


def parameter_slots(components):
    """Slots of a template definition (``components`` from ``list_templates``)."""
    slots = []
    for component in components or []:
        if not isinstance(component, dict):
            continue
        kind = (component.get("type") or "").lower()
        if kind == "header":
            slots.extend(_header_slots(component))
        elif kind == "body":
            slots.extend(_text_slots(component, "body", "body_text"))
        elif kind == "buttons":
            slots.extend(_button_slots(component))
    return slots


def _find(components, kind):
    """First component of ``kind`` (``BODY``, ``HEADER``...), or an empty dict."""
    for component in components or []:
        if not isinstance(component, dict):
            continue
        if (component.get("type") or "").upper() == kind:
            return component
    return {}


def component_text(components, kind):
    """Text of the first component of ``kind``, or ""."""
    return _find(components, kind).get("text") or ""


def header_format(components):
    """``text``, ``image``, ``video``, ``document``, ``location`` or None."""
    header = _find(components, "HEADER")
    return (header.get("format") or "TEXT").lower() if header else None
