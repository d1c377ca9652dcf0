"""The demo's register indicators take their monthly figures from the demo register, so that the
Kabid's realization for a month and the coverage page for that month's last day show one figure
(issue #11, "one figure per indicator and period")."""

from __future__ import annotations

from calendar import monthrange
from datetime import date
from typing import Any

from kinerja.catalog.models import Agency
from kinerja.demo.demo_population import demo_population
from kinerja.population.models import AreaFigure
from kinerja.population.selectors import DECREE_INDICATORS
from kinerja.population.services import figures_compute

Triple = tuple[Any, Any, Any]


def register_values(
    *, agency: Agency, year: int, through: int, stdout: Any, today: date | None = None
) -> dict[str, list]:
    """Month-end kabupaten figures of the demo register, as (numerator, denominator, value)
    triples for months 1..``through``, keyed by the register figure (``ktp_el``, ...) that an
    indicator's ``register_figure`` setting names."""
    extract = demo_population(agency=agency, year=year, stdout=stdout, today=today)
    ends = [date(year, m, monthrange(year, m)[1]) for m in range(1, through + 1)]
    for day in ends:  # in order: the service counts kept are those of the last (December)
        if day <= extract.extract_date:
            figures_compute(actor="kinerja demo", extract=extract, as_of=day)
    # an extract is of one kabupaten: its kabupaten row is the office's figure
    rows = AreaFigure.objects.filter(extract=extract, as_of__in=ends, area_level="kabupaten")
    by_key: dict[str, dict[date, AreaFigure]] = {}
    for figure in rows:
        by_key.setdefault(figure.indicator_key, {})[figure.as_of] = figure
    out: dict[str, list[Triple]] = {}
    for key in DECREE_INDICATORS:
        found = by_key.get(key, {})
        if len(found) != len(ends):
            continue
        triples: list[Triple] = []
        for day in ends:
            f = found[day]
            if key == "database_kependudukan":  # one document when every desa has data
                triples.append(
                    (None, None, int(f.denominator > 0 and f.numerator == f.denominator))
                )
            else:
                triples.append((f.numerator, f.denominator, None))
        out[key] = triples + [(None, None, None)] * (12 - len(triples))
    return out
