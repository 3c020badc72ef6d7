# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Pure tests of the Brazilian holiday calendar."""
from datetime import date

import pytest

from cc_core.services.holidays import brazilian_holidays, easter, national_holidays


@pytest.mark.parametrize("year, sunday", [
    (2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
    (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25)), (2000, date(2000, 4, 23)),
])
def test_easter(year, sunday):
    assert easter(year) == sunday


def test_2026_national_holidays():
    assert [(h.date, h.name) for h in national_holidays(2026)] == [
        (date(2026, 1, 1), "Confraternização Universal"),
        (date(2026, 4, 3), "Paixão de Cristo"),
        (date(2026, 4, 21), "Tiradentes"),
        (date(2026, 5, 1), "Dia do Trabalho"),
        (date(2026, 9, 7), "Independência do Brasil"),
        (date(2026, 10, 12), "Nossa Senhora Aparecida"),
        (date(2026, 11, 2), "Finados"),
        (date(2026, 11, 15), "Proclamação da República"),
        (date(2026, 11, 20), "Dia Nacional de Zumbi e da Consciência Negra"),
        (date(2026, 12, 25), "Natal"),
    ]


def test_easter_based_optional_days_2027():
    optional = {h.name: h.date for h in brazilian_holidays(2027) if not h.national}
    assert optional == {
        "Carnaval (segunda-feira)": date(2027, 2, 8),
        "Carnaval (terça-feira)": date(2027, 2, 9),
        "Quarta-feira de Cinzas": date(2027, 2, 10),
        "Corpus Christi": date(2027, 5, 27),
    }
    assert {h.date: h.name for h in national_holidays(2027)}[date(2027, 3, 26)] \
        == "Paixão de Cristo"


def test_black_consciousness_day_is_national_from_2024():
    assert date(2023, 11, 20) not in {h.date for h in national_holidays(2023)}
    assert date(2024, 11, 20) in {h.date for h in national_holidays(2024)}
