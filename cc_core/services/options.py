# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Questions with numbered options ("1 - Financeiro, 2 - Vendas").

One shape serves every channel: SMS and the gateways send the numbered text,
the WhatsApp Cloud API turns the same options into reply buttons or a list.
The customer may answer with the number, with the option's words, or by
tapping a button (the tap carries the option id).
"""
import re

from .text import fold_keyword

_NUMBER_ANSWER = re.compile(r"^\s*(\d{1,2})\s*[.)\-:]?\s*$")


def numbered_text(question, options):
    """``question`` followed by one ``"N - Title"`` line per option.

    ``options`` is a sequence of ``(option_id, title)`` pairs.
    """
    lines = [(question or "").strip()] if (question or "").strip() else []
    lines.extend("%d - %s" % (index, title)
                 for index, (_option_id, title) in enumerate(options, 1))
    return "\n".join(lines)


def check_options(options):
    """Raise ``ValueError`` unless ``options`` is a usable list of
    ``(option_id, title)`` pairs: at least one, ids and titles non-empty,
    ids unique."""
    if not options:
        raise ValueError("at least one option is required")
    seen = set()
    for option in options:
        if len(option) != 2:
            raise ValueError("each option is an (id, title) pair")
        option_id, title = option
        if not str(option_id or "").strip() or not str(title or "").strip():
            raise ValueError("options need an id and a title")
        if str(option_id) in seen:
            raise ValueError("option ids must be unique")
        seen.add(str(option_id))


def match_option(options, text=None, reply_id=None):
    """The id of the option the customer chose, or ``None``.

    A tap (``reply_id``, the id of a WhatsApp button or list row) wins when
    it is one of the options. Otherwise ``text`` is read as the option's
    number (``"2"``, ``" 2. "``, ``"2)"``) or as the option's title,
    ignoring case, accents and punctuation: the whole answer equal to a
    title, else the only title whose words all appear in the answer.
    Ambiguous or unknown answers give ``None``.
    """
    ids = [str(option_id) for option_id, _title in options]
    if reply_id is not None and str(reply_id) in ids:
        return str(reply_id)
    if not isinstance(text, str) or not text.strip():
        return None
    number = _NUMBER_ANSWER.match(text)
    if number:
        index = int(number.group(1))
        return ids[index - 1] if 1 <= index <= len(ids) else None
    answer = fold_keyword(text)
    if not answer:
        return None
    folded = [(option_id, fold_keyword(str(title))) for option_id, (_id, title)
              in zip(ids, options)]
    exact = [option_id for option_id, title in folded if title and title == answer]
    if len(exact) == 1:
        return exact[0]
    words = set(answer.split())
    contained = [option_id for option_id, title in folded
                 if title and set(title.split()) <= words]
    if len(contained) == 1:
        return contained[0]
    return None
