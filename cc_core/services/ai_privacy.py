# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Masking of personal data before text leaves Odoo for an AI provider (LGPD).

``mask_personal_data(text)`` replaces e-mail addresses, CNPJs, CPFs and phone
numbers with placeholders, in that order (a CNPJ must not be read as a phone
number). Eleven bare digits are ambiguous: a CPF when its check digits are
valid, otherwise a phone number; both are masked. Longer runs of digits (an
order number, a barcode) are masked as numbers too when they look like a
phone: masking errs on the side of privacy.
"""
import re

EMAIL = "[e-mail]"
CPF = "[CPF]"
CNPJ = "[CNPJ]"
PHONE = "[phone]"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
_CNPJ = re.compile(r"(?<!\d)\d{2}\.?\d{3}\.?\d{3}/?\d{4}-?\d{2}(?!\d)")
_CPF_FORMATTED = re.compile(r"(?<!\d)\d{3}\.\d{3}\.\d{3}-\d{2}(?!\d)")
_ELEVEN_DIGITS = re.compile(r"(?<![\d.,])\d{11}(?![\d.,])")
_PHONE = re.compile(
    r"(?<![\w.,])"
    r"(?:\+\s?\d{1,3}[\s.-]?)?"          # country code
    r"(?:\(\s?\d{2,3}\s?\)[\s.-]?|\d{2}[\s.-]?)?"  # area code
    r"(?:9[\s.-]?)?\d{4}[\s.-]?\d{4}"    # subscriber
    r"(?![\w,]|\.\d)"
)


def is_valid_cpf(digits):
    """Whether 11 digits carry valid CPF check digits (not all the same)."""
    if len(digits) != 11 or not digits.isdigit() or len(set(digits)) == 1:
        return False
    numbers = [int(d) for d in digits]
    for position in (9, 10):
        total = sum(n * w for n, w in zip(numbers[:position], range(position + 1, 1, -1)))
        check = total * 10 % 11 % 10
        if numbers[position] != check:
            return False
    return True


def _eleven(match):
    return CPF if is_valid_cpf(match.group(0)) else PHONE


def mask_personal_data(text):
    """``text`` with e-mails, CNPJs, CPFs and phone numbers replaced by
    ``[e-mail]``, ``[CNPJ]``, ``[CPF]`` and ``[phone]``."""
    if not text:
        return text or ""
    text = _EMAIL.sub(EMAIL, text)
    text = _CNPJ.sub(CNPJ, text)
    text = _CPF_FORMATTED.sub(CPF, text)
    text = _ELEVEN_DIGITS.sub(_eleven, text)
    return _PHONE.sub(PHONE, text)
