"""Reporting periods within a year: month, quarter (triwulan), semester and year.

Periods are compared by the months they cover, so that an aggregation window ("s.d. triwulan II")
can say exactly which periods of the data's own granularity it expects, and refuse to cut a
semester or a year in half.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum


class Granularity(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    SEMESTER = "semester"
    YEAR = "year"

    @property
    def months(self) -> int:
        return _MONTHS[self]

    @property
    def per_year(self) -> int:
        return 12 // _MONTHS[self]


_MONTHS = {
    Granularity.MONTH: 1,
    Granularity.QUARTER: 3,
    Granularity.SEMESTER: 6,
    Granularity.YEAR: 12,
}

GRANULARITY_LABEL = {
    Granularity.MONTH: "bulanan",
    Granularity.QUARTER: "triwulanan",
    Granularity.SEMESTER: "semesteran",
    Granularity.YEAR: "tahunan",
}

ROMAN = ("I", "II", "III", "IV")

MONTH_NAMES = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

_PATTERNS = (
    (re.compile(r"([0-9]{4})-(0[1-9]|1[0-2])"), Granularity.MONTH),
    (re.compile(r"([0-9]{4})-Q([1-4])"), Granularity.QUARTER),
    (re.compile(r"([0-9]{4})-S([12])"), Granularity.SEMESTER),
    (re.compile(r"([0-9]{4})"), Granularity.YEAR),
)

PERIOD_FORMATS = '"2023-01" (bulan), "2023-Q1" (triwulan), "2023-S1" (semester), "2023" (tahun)'


@dataclass(frozen=True, order=True)
class Period:
    """One period of one year; ``index`` is 1-based within the granularity (month 1-12, ...)."""

    year: int
    granularity: Granularity
    index: int = 1

    def __post_init__(self) -> None:
        if not 1 <= self.index <= self.granularity.per_year:
            raise ValueError(f"indeks periode di luar rentang: {self.index}")

    @staticmethod
    def parse(text: str) -> Period:
        """Read ``2023-01``, ``2023-Q1``, ``2023-S1`` or ``2023``; ``ValueError`` otherwise."""
        if isinstance(text, str):
            for pattern, granularity in _PATTERNS:
                match = pattern.fullmatch(text)
                if match:
                    index = int(match.group(2)) if granularity != Granularity.YEAR else 1
                    return Period(int(match.group(1)), granularity, index)
        raise ValueError(f"periode tidak dikenal: {text!r}; gunakan {PERIOD_FORMATS}")

    @property
    def end_month(self) -> int:
        return self.index * self.granularity.months

    @property
    def start_month(self) -> int:
        return self.end_month - self.granularity.months + 1

    @property
    def code(self) -> str:
        g = self.granularity
        if g == Granularity.MONTH:
            return f"{self.year}-{self.index:02d}"
        if g == Granularity.QUARTER:
            return f"{self.year}-Q{self.index}"
        if g == Granularity.SEMESTER:
            return f"{self.year}-S{self.index}"
        return f"{self.year}"

    def __str__(self) -> str:
        return self.code


@dataclass(frozen=True)
class Window:
    """Consecutive months of one year over which figures are aggregated."""

    year: int
    start_month: int
    end_month: int

    @staticmethod
    def year_to_date(as_of: Period) -> Window:
        """January to the end of ``as_of`` ("s.d. triwulan II", "s.d. Mei")."""
        return Window(as_of.year, 1, as_of.end_month)

    @staticmethod
    def of(period: Period) -> Window:
        return Window(period.year, period.start_month, period.end_month)

    def contains(self, period: Period) -> bool:
        return (
            period.year == self.year
            and period.start_month >= self.start_month
            and period.end_month <= self.end_month
        )

    def periods(self, granularity: Granularity) -> list[Period] | None:
        """The periods of ``granularity`` that tile this window, or None when they cannot.

        None means the data is too coarse (a semester figure cannot say what happened up to the
        first quarter): the caller reports it instead of guessing.
        """
        size = granularity.months
        if (self.start_month - 1) % size or self.end_month % size:
            return None
        first = (self.start_month - 1) // size + 1
        last = self.end_month // size
        return [Period(self.year, granularity, i) for i in range(first, last + 1)]

    def label(self) -> str:
        end = MONTH_NAMES[self.end_month - 1]
        if self.start_month == 1:
            if self.end_month % 3 == 0:
                return f"s.d. triwulan {ROMAN[self.end_month // 3 - 1]} {self.year}"
            return f"s.d. {end} {self.year}"
        return f"{MONTH_NAMES[self.start_month - 1]} s.d. {end} {self.year}"
