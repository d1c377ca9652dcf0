"""Periods: the four accepted forms, and windows that refuse to cut a coarser period."""

import pytest

from kinerja.scoring import Granularity, Period, Window


@pytest.mark.parametrize(
    ("text", "granularity", "index", "end_month"),
    [
        ("2023-01", Granularity.MONTH, 1, 1),
        ("2023-12", Granularity.MONTH, 12, 12),
        ("2023-Q1", Granularity.QUARTER, 1, 3),
        ("2023-Q4", Granularity.QUARTER, 4, 12),
        ("2023-S1", Granularity.SEMESTER, 1, 6),
        ("2023", Granularity.YEAR, 1, 12),
    ],
)
def test_period_forms(text, granularity, index, end_month):
    period = Period.parse(text)
    assert (period.granularity, period.index, period.end_month) == (granularity, index, end_month)
    assert period.code == text


@pytest.mark.parametrize(
    "text", ["2023-13", "2023-00", "2023-Q5", "2023-S3", "23", "2023/01", "2023-1", "2023-q1", None]
)
def test_period_rejects_other_forms(text):
    with pytest.raises(ValueError, match="periode tidak dikenal"):
        Period.parse(text)


def test_year_to_date_window_lists_the_periods_it_needs():
    window = Window.year_to_date(Period.parse("2023-Q2"))
    assert [p.code for p in window.periods(Granularity.MONTH)] == [
        "2023-01",
        "2023-02",
        "2023-03",
        "2023-04",
        "2023-05",
        "2023-06",
    ]
    assert [p.code for p in window.periods(Granularity.QUARTER)] == ["2023-Q1", "2023-Q2"]
    assert [p.code for p in window.periods(Granularity.SEMESTER)] == ["2023-S1"]
    assert window.periods(Granularity.YEAR) is None  # a year cannot be cut at June
    assert window.label() == "s.d. triwulan II 2023"


def test_windows_refuse_to_cut_a_semester_at_the_first_quarter():
    window = Window.year_to_date(Period.parse("2023-Q1"))
    assert window.periods(Granularity.SEMESTER) is None
    assert Window.year_to_date(Period.parse("2023-05")).label() == "s.d. Mei 2023"
    assert Window.of(Period.parse("2023-Q3")).label() == "Juli s.d. September 2023"
    assert not window.contains(Period.parse("2022-01"))
