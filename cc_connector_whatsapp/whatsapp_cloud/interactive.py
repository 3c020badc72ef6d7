# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Interactive messages: a question with reply buttons or a list.

Meta's limits (whatsapp-cloud-api reference §3.4): at most 3 reply buttons
with titles of 20 characters, or a list of at most 10 rows with titles of 24
characters (a description of 72 may carry a longer title), a body of 1024
characters and ids of 200. Options that do not fit return ``None``: the
caller then sends the numbered text, which every customer can answer.
"""
from .payloads import _base

MAX_BODY = 1024
MAX_BUTTONS = 3
MAX_BUTTON_TITLE = 20
MAX_ROWS = 10
MAX_ROW_TITLE = 24
MAX_ROW_DESCRIPTION = 72
MAX_ID = 200
MAX_LIST_BUTTON = 20


def options_message(to, question, options, button_label="Options", reply_to=None):
    """Buttons when the options fit, else a list, else ``None``.

    ``options``: sequence of ``(option_id, title)``.
    """
    question = (question or "").strip()
    if not question or len(question) > MAX_BODY or not options:
        return None
    ids = [str(option_id) for option_id, _title in options]
    if any(not i or len(i) > MAX_ID for i in ids) or len(set(ids)) != len(ids):
        return None
    titles = [str(title).strip() for _option_id, title in options]
    if len(options) <= MAX_BUTTONS and all(
            0 < len(t) <= MAX_BUTTON_TITLE for t in titles):
        action = {"buttons": [
            {"type": "reply", "reply": {"id": i, "title": t}}
            for i, t in zip(ids, titles)
        ]}
        kind = "button"
    elif len(options) <= MAX_ROWS and all(
            0 < len(t) <= MAX_ROW_DESCRIPTION for t in titles):
        label = (button_label or "Options").strip()[:MAX_LIST_BUTTON]
        action = {"button": label, "sections": [{"rows": [
            _row(i, t) for i, t in zip(ids, titles)
        ]}]}
        kind = "list"
    else:
        return None
    payload = _base(to, "interactive", reply_to)
    payload["interactive"] = {"type": kind, "body": {"text": question},
                              "action": action}
    return payload


def _row(option_id, title):
    if len(title) <= MAX_ROW_TITLE:
        return {"id": option_id, "title": title}
    # A longer title is cut in the row and given whole as its description.
    return {"id": option_id, "title": title[:MAX_ROW_TITLE - 1] + "\u2026",
            "description": title}
