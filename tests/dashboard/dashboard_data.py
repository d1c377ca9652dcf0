"""A small year of data on the seed decree: Renja targets for every position, realizations of
the first half-year for some, a submitted and a returned one through the services."""

from __future__ import annotations

from decimal import Decimal as D

from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Target

YEAR = 2024


def indicators(position):
    return [i for g in position.goals.order_by("order") for i in g.indicators.order_by("order")]


def targets(position, annual=1200, pct=95, year=YEAR):
    rows = []
    for indicator in indicators(position):
        value = D(pct) if indicator.kind != "count" else D(annual)
        rows.append(Target(indicator=indicator, year=year, plan=Target.Plan.RENJA, value=value))
    Target.objects.filter(indicator__goal__position=position, year=year).delete()
    Target.objects.bulk_create(rows)


def targets_everywhere(org):
    for position in org.decree.positions.all():
        targets(position)


def realize(position, months=6, count=90, num=45, den=50, status=Status.VERIFIED, year=YEAR):
    """Every indicator of ``position``, months 1..``months`` (quarters for quarterly ones)."""
    for indicator in indicators(position):
        quarters = range(1, months // 3 + 1)
        for p in range(1, months + 1) if indicator.frequency == "monthly" else quarters:
            Realization.objects.create(
                indicator=indicator,
                position=position,
                year=year,
                frequency=indicator.frequency,
                period=p,
                value=D(count) if indicator.kind == "count" else None,
                numerator=None if indicator.kind == "count" else D(num),
                denominator=None if indicator.kind == "count" else D(den),
                status=status,
            )
