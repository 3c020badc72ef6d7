# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Customer satisfaction (CSAT): reading the customer's answer.

The question offers five options, rating 1 (worst) to 5 (best), with ids
``csat_1`` ... ``csat_5`` (a WhatsApp tap carries the id). The customer may
answer with the number, the option's words (in the language it was asked
in), a few usual words in Portuguese or English ("ótimo", "terrible"...),
stars (``⭐⭐⭐⭐``) or a short text holding a single digit 1-5 ("nota 4").
Everything else is not an answer.
"""
import re

from .options import match_option
from .text import fold_keyword

RATINGS = (1, 2, 3, 4, 5)
OPTION_PREFIX = "csat_"
# A short answer holding one digit 1-5 and no other digit ("nota 4", "4!").
SHORT_ANSWER_LENGTH = 20
_DIGITS = re.compile(r"\d+")
_STAR = "\u2b50"  # ⭐ (the same star with or without the emoji selector)
_STAR_ALIASES = ("\u2605", "\U0001f31f")  # ★ 🌟

# Usual words, folded (fold_keyword): whole answer only.
WORDS = {
    1: ("UM", "UMA", "ONE", "PESSIMO", "PESSIMA", "HORRIVEL", "TERRIVEL",
        "MUITO RUIM", "MUITO INSATISFEITO", "MUITO INSATISFEITA", "TERRIBLE",
        "VERY BAD", "AWFUL", "VERY DISSATISFIED"),
    2: ("DOIS", "DUAS", "TWO", "RUIM", "INSATISFEITO", "INSATISFEITA", "BAD",
        "POOR", "DISSATISFIED"),
    3: ("TRES", "THREE", "REGULAR", "RAZOAVEL", "MEDIO", "MEDIANO", "NEUTRO",
        "FAIR", "AVERAGE", "NEUTRAL"),
    4: ("QUATRO", "FOUR", "BOM", "BOA", "SATISFEITO", "SATISFEITA", "GOOD",
        "SATISFIED"),
    5: ("CINCO", "FIVE", "OTIMO", "OTIMA", "EXCELENTE", "MUITO BOM", "MUITO BOA",
        "PERFEITO", "MARAVILHOSO", "MUITO SATISFEITO", "MUITO SATISFEITA",
        "EXCELLENT", "GREAT", "VERY GOOD", "PERFECT", "VERY SATISFIED"),
}
_WORD_RATING = {word: rating for rating, words in WORDS.items() for word in words}


def option_id(rating):
    return "%s%d" % (OPTION_PREFIX, rating)


def options(labels):
    """The five ``(option_id, title)`` pairs from the titles of ratings 1-5
    (a dict ``{rating: title}``), in rating order: option number N is
    rating N."""
    return [(option_id(rating), labels[rating]) for rating in RATINGS]


def rating_of_option(value):
    """``csat_4`` -> 4 (``None`` for anything else)."""
    if not isinstance(value, str) or not value.startswith(OPTION_PREFIX):
        return None
    suffix = value[len(OPTION_PREFIX):]
    return int(suffix) if suffix.isdigit() and int(suffix) in RATINGS else None


def _stars(text):
    stripped = text.replace("\ufe0f", "").strip()
    for alias in _STAR_ALIASES:
        stripped = stripped.replace(alias, _STAR)
    stripped = "".join(stripped.split())
    if stripped and set(stripped) == {_STAR} and len(stripped) in RATINGS:
        return len(stripped)
    return None


def _short_digit(text):
    if len(text.strip()) > SHORT_ANSWER_LENGTH:
        return None
    numbers = _DIGITS.findall(text)
    if len(numbers) == 1 and numbers[0] in {str(r) for r in RATINGS}:
        return int(numbers[0])
    return None


def parse_rating(text=None, reply_id=None, labels=None):
    """The rating 1-5 the customer gave, or ``None``.

    ``reply_id`` is a tap (an option id, or a template button's payload);
    ``labels`` the titles the question showed (``{rating: title}``).
    """
    rating = rating_of_option(reply_id)
    if rating:
        return rating
    text = text if isinstance(text, str) else ""
    if not text.strip():
        return None
    # Usual words first: "muito bom" is 5 although its words contain "Bom" (4).
    rating = _WORD_RATING.get(fold_keyword(text))
    if not rating and labels:
        rating = rating_of_option(match_option(options(labels), text=text))
    rating = rating or _stars(text) or _short_digit(text)
    return rating or None


def average(ratings):
    """Average of the given ratings (``None`` when there are none), two decimals."""
    values = [r for r in ratings if r]
    return round(sum(values) / float(len(values)), 2) if values else None


def response_rate(answered, asked):
    """Answered surveys in percent of the surveys asked (``None`` when none)."""
    return round(100.0 * answered / asked, 1) if asked else None
