# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Brazilian holidays of a year.

National holidays (``national=True``) are the days off of federal law, as
listed each year by the federal government's ordinance on holidays:

* fixed dates of Lei 662/1949 as amended by Lei 10.607/2002: 1 January
  (Confraternizacao Universal), 21 April (Tiradentes), 1 May (Dia do
  Trabalho), 7 September (Independencia), 2 November (Finados),
  15 November (Proclamacao da Republica), 25 December (Natal);
* 12 October (Nossa Senhora Aparecida, Lei 6.802/1980);
* 20 November (Zumbi e da Consciencia Negra, Lei 14.759/2023, from 2024);
* Good Friday (Paixao de Cristo, Easter - 2 days): a religious holiday of
  Lei 9.093/1995 kept by every ordinance as a national day off.

Carnaval (Monday and Tuesday, Easter - 48/47 days), Ash Wednesday and Corpus
Christi (Easter + 60 days) are *pontos facultativos*, not holidays under
federal law (states and cities may make them holidays): returned with
``national=False`` so a manager can add them as local holidays.
"""
from collections import namedtuple
from datetime import date, timedelta

Holiday = namedtuple("Holiday", "date name national")

_FIXED = [
    (1, 1, "Confraternização Universal"),
    (4, 21, "Tiradentes"),
    (5, 1, "Dia do Trabalho"),
    (9, 7, "Independência do Brasil"),
    (10, 12, "Nossa Senhora Aparecida"),
    (11, 2, "Finados"),
    (11, 15, "Proclamação da República"),
    (12, 25, "Natal"),
]


def easter(year):
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l_ = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l_) // 451
    month, day = divmod(h + l_ - 7 * m + 114, 31)
    return date(year, month, day + 1)


def brazilian_holidays(year):
    """Holidays of ``year``, sorted by date (national and optional days)."""
    result = [Holiday(date(year, month, day), name, True) for month, day, name in _FIXED]
    if year >= 2024:
        result.append(Holiday(date(year, 11, 20), "Dia Nacional de Zumbi e da "
                              "Consciência Negra", True))
    sunday = easter(year)
    result += [
        Holiday(sunday - timedelta(days=2), "Paixão de Cristo", True),
        Holiday(sunday - timedelta(days=48), "Carnaval (segunda-feira)", False),
        Holiday(sunday - timedelta(days=47), "Carnaval (terça-feira)", False),
        Holiday(sunday - timedelta(days=46), "Quarta-feira de Cinzas", False),
        Holiday(sunday + timedelta(days=60), "Corpus Christi", False),
    ]
    return sorted(result)


def national_holidays(year):
    return [holiday for holiday in brazilian_holidays(year) if holiday.national]
