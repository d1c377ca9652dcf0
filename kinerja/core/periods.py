"""Reporting periods of realizations: a month (1-12) or a quarter (1-4) of a year.

Thin arithmetic over `kinerja.scoring.Period`, so the pages, the spreadsheet, the register
posting, the demo and the read model name and bound a period the same way.
"""

from __future__ import annotations

from datetime import date

from kinerja.scoring.periods import MONTH_NAMES, ROMAN, Granularity, Period

MONTHLY = "monthly"
QUARTERLY = "quarterly"


def period_count(frequency: str) -> int:
    return 4 if frequency == QUARTERLY else 12


def periods_of(frequency: str) -> list[int]:
    return list(range(1, period_count(frequency) + 1))


def engine_period(year: int, frequency: str, period: int) -> Period:
    granularity = Granularity.QUARTER if frequency == QUARTERLY else Granularity.MONTH
    return Period(year, granularity, period)


def period_code(year: int, frequency: str, period: int) -> str:
    return engine_period(year, frequency, period).code


def period_bounds(year: int, frequency: str, period: int) -> tuple[date, date]:
    """First and last day of the period."""
    p = engine_period(year, frequency, period)
    start = date(year, p.start_month, 1)
    end = date(year + (p.end_month == 12), p.end_month % 12 + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


def period_of_day(frequency: str, day: date) -> int:
    """The month, or the quarter, a day falls in."""
    return (day.month - 1) // 3 + 1 if frequency == QUARTERLY else day.month


def period_closed_by_month(frequency: str, month: int) -> int | None:
    """The period a month closes: the month itself, or the quarter that ends with it."""
    if frequency == QUARTERLY:
        return month // 3 if month % 3 == 0 else None
    return month


def period_label(year: int, frequency: str, period: int) -> str:
    """ "Triwulan II 2024", "Mei 2024"."""
    if frequency == QUARTERLY:
        return f"Triwulan {ROMAN[period - 1]} {year}"
    return f"{MONTH_NAMES[period - 1]} {year}"


def quarter_of_month(month: int) -> int:
    return (month - 1) // 3 + 1


def format_date(day: date | None, empty: str = "") -> str:
    """ "26 Agustus 2019": a date as Indonesian letters and documents write it."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}" if day else empty
