"""Path converters that refuse at the URL what no page can serve: a year outside the window the
application works in, an id past a 64-bit key. Such a URL is a 404 before any view runs, so no
request can make a page render a million years or overflow a database integer.

Registered in kinerja/urls.py as ``<year:year>`` and ``<id:pk>``."""

from __future__ import annotations

from kinerja.core.inputs import MAX_ID, YEAR_MAX, YEAR_MIN


class YearConverter:
    regex = r"[0-9]{4}"

    def to_python(self, value: str) -> int:
        year = int(value)
        if not YEAR_MIN <= year <= YEAR_MAX:
            raise ValueError(year)  # Django answers 404
        return year

    def to_url(self, value: int) -> str:
        return f"{int(value):04d}"


class IdConverter:
    regex = r"[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= MAX_ID:
            raise ValueError(number)
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


class PeriodConverter:
    """A month (1-12) or a quarter (1-4); the view checks which the indicator has."""

    regex = r"[0-9]{1,2}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 1 <= number <= 12:
            raise ValueError(number)
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))
