# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Structured content read back from the plain text of shared locations and
contact cards.

Connectors store a shared location as ``Name — Address (lat, lon)`` (name
and address optional) and contact cards as ``Name: phone, phone; Name2:
phone``. The workspace draws them as a map link and a contact card.
"""
import re
from urllib.parse import urlencode

_LOCATION = re.compile(
    r"^(?P<label>.*?)\s*\((?P<lat>-?\d+(?:\.\d+)?),\s*(?P<lon>-?\d+(?:\.\d+)?)\)\s*$",
    re.S)
_LABEL_SEPARATOR = " \u2014 "


def map_url(latitude, longitude):
    """An OpenStreetMap link centred on the coordinates."""
    query = urlencode({"mlat": latitude, "mlon": longitude})
    return "https://www.openstreetmap.org/?%s#map=17/%s/%s" % (
        query, latitude, longitude)


def parse_location(text):
    """``{"latitude", "longitude", "name", "address", "url"}`` or ``None``."""
    match = _LOCATION.match((text or "").strip())
    if not match:
        return None
    latitude, longitude = float(match.group("lat")), float(match.group("lon"))
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        return None
    label = match.group("label").strip()
    name, _sep, address = label.partition(_LABEL_SEPARATOR)
    return {
        "latitude": latitude,
        "longitude": longitude,
        "name": name.strip() or False,
        "address": address.strip() or False,
        "url": map_url(match.group("lat"), match.group("lon")),
    }


def parse_contacts(text):
    """``[{"name", "phones": [...]}]`` from one or more shared contact cards."""
    cards = []
    for part in (text or "").split("; "):
        part = part.strip()
        if not part:
            continue
        name, sep, phones = part.partition(": ")
        numbers = [p.strip() for p in phones.split(",") if p.strip()] if sep else []
        cards.append({"name": name.strip() if sep else part, "phones": numbers})
    return cards
