"""The period cells drawn in Python (kinerja.dashboard.templatetags.dasbor): the same links and
words as the position page's template loop."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.dashboard.templatetags.dasbor import period_cells
from kinerja.measurement.achievement_types import Cell


class Figure:
    indicator_id = 42
    decimals = 0

    def __init__(self, cells):
        self.cells = cells


@pytest.mark.parametrize("year", [2024, 2026])
def test_links_equal_reverse_for_every_period(year):
    cells = [Cell(p, f"Bulan {p}", None, "", None, False) for p in range(1, 13)]
    html = period_cells(Figure(cells), year)
    for p in range(1, 13):
        assert f'href="{reverse("measurement:realization", args=[42, year, p])}"' in html


def test_status_words_and_value_escaped():
    cells = [
        Cell(1, "Januari 2024", 7, "verified", Decimal("1234"), False),
        Cell(2, "Februari 2024", 8, "returned", Decimal("5"), True),
        Cell(3, 'Maret "2024"', None, "", None, False),
    ]
    html = period_cells(Figure(cells), 2024)
    assert 'class="cell status-verified"' in html
    assert 'title="Januari 2024: 1.234 · terverifikasi"' in html
    assert 'title="Februari 2024: 5 · dikembalikan"' in html
    assert 'class="cell status-empty"' in html and "Maret &quot;2024&quot;: belum diisi" in html
