"""An indicator across decrees and years: the LKjIP compares this year with earlier ones, and an
indicator reworded or moved by a successor decree is still the same indicator (its stable key).

Every row is the read model's figure for that year, computed with the decree in force then, so
2024 shows the 2019-2024 wording, target and holder and 2025 the successor's."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Indicator
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import IndicatorFigure


@dataclass(frozen=True)
class HistoryRow:
    year: int
    decree_number: str
    indicator_id: int
    position_id: int
    position_name: str
    figure: IndicatorFigure | None  # None: the year has nothing recorded yet


def indicator_history(user, indicator: Indicator, *, until: int | None = None) -> list[HistoryRow]:
    """One row per year, oldest first, for the years this user may read."""
    until = until or timezone.localdate().year
    agency_id = indicator.goal.position.decree.agency_id
    same = (
        Indicator.objects.filter(
            stable_key=indicator.stable_key, goal__position__decree__agency_id=agency_id
        )
        .select_related("goal__position__decree")
        .order_by("goal__position__decree__period_start")
    )
    access = access_for(user)
    by_year: dict[int, Indicator] = {}
    for ind in same:
        decree = ind.goal.position.decree
        for year in range(decree.period_start, min(decree.period_end, until) + 1):
            by_year[year] = ind  # a later decree covering the same year wins
    rows = []
    for year, ind in sorted(by_year.items()):
        position = ind.goal.position
        if not access.can_view(position.pk):
            continue
        figures = achievement([position], year, with_quarters=False)
        figure = next((f for f in figures.indicators if f.indicator_id == ind.pk), None)
        has_data = figure is not None and (figure.value is not None or figure.target is not None)
        rows.append(
            HistoryRow(
                year,
                position.decree.number,
                ind.pk,
                position.pk,
                position.name,
                figure if has_data else None,
            )
        )
    return rows
