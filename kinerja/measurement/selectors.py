"""Reads of realizations scoped by the organisation tree, and the year grid a position's page
shows, scored by the achievement engine (kinerja.scoring) so pages and reports agree."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Indicator, Position
from kinerja.core.periods import period_code
from kinerja.core.periods import periods_of as core_periods_of
from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Target
from kinerja.scoring import Aggregation, Kind, Observation, Period, Polarity, Range, Score
from kinerja.scoring import Indicator as ScoredIndicator
from kinerja.scoring import score as score_indicator
from kinerja.scoring.values import value_of


def realizations_for_user(user) -> QuerySet[Realization]:
    """The one selector scoping realizations by user."""
    visible = access_for(user).visible_ids()
    qs = Realization.objects.select_related("indicator", "position")
    return qs if visible is None else qs.filter(position_id__in=visible)


def inbox_for(user) -> list[Realization]:
    """Submitted realizations this user may verify, oldest first."""
    access = access_for(user)
    if not access.below:
        return []
    candidates = [pid for pid in access.below if access.can_verify(pid)]
    return list(
        Realization.objects.filter(position_id__in=candidates, status=Status.SUBMITTED)
        .select_related("indicator", "position", "entered_by__employee")
        .order_by("updated_at", "pk")
    )


def periods_of(indicator: Indicator) -> list[int]:
    return core_periods_of(indicator.frequency)


@dataclass
class Row:
    indicator: Indicator
    cells: list[tuple[int, Realization | None]]
    target: Target | None
    score: Score | None
    provisional: bool = False


@dataclass
class Grid:
    position: Position
    year: int
    rows: list[Row] = field(default_factory=list)


def _engine_indicator(indicator: Indicator, target: Target | None) -> ScoredIndicator:
    if target is None:
        goal = None
    elif indicator.polarity == Indicator.Polarity.RANGE and target.value_max is not None:
        goal = Range(target.value, target.value_max)
    else:
        goal = target.value
    return ScoredIndicator(
        kind=Kind(indicator.kind),
        aggregation=Aggregation(indicator.aggregation),
        polarity=Polarity(indicator.polarity),
        target=goal,
        bounded=not indicator.can_exceed_100,
    )


def observations(realizations: list[Realization]) -> list[Observation]:
    return [
        Observation(
            period=Period.parse(period_code(r.year, r.frequency, r.period)),
            numerator=r.numerator,
            denominator=r.denominator,
            value=r.value,
        )
        for r in realizations
    ]


def position_grid(position: Position, year: int, *, as_of: date | None = None) -> Grid:
    """Every indicator of the position with its periods' realizations, its target and its
    year-to-date score (all entered data counts; rows not yet verified are marked provisional)."""
    indicators = list(
        Indicator.objects.filter(goal__position=position)
        .select_related("goal")
        .order_by("goal__order", "order")
    )
    realizations: dict[int, dict[int, Realization]] = {}
    for r in Realization.objects.filter(position=position, year=year):
        realizations.setdefault(r.indicator_id, {})[r.period] = r
    targets: dict[int, dict[str, Target]] = {}
    for t in Target.objects.filter(indicator__in=indicators, year=year, quarter=0):
        targets.setdefault(t.indicator_id, {})[t.plan] = t
    grid = Grid(position=position, year=year)
    for indicator in indicators:
        own = realizations.get(indicator.pk, {})
        plans = targets.get(indicator.pk, {})
        target = plans.get(Target.Plan.RENJA) or plans.get(Target.Plan.RENSTRA)
        entered = [r for r in own.values() if r.frequency == indicator.frequency]
        score = None
        if entered:
            score = score_indicator(_engine_indicator(indicator, target), observations(entered))
        grid.rows.append(
            Row(
                indicator=indicator,
                cells=[(p, own.get(p)) for p in periods_of(indicator)],
                target=target,
                score=score,
                provisional=any(r.status != Status.VERIFIED for r in entered),
            )
        )
    return grid


def cell_value(realization: Realization) -> Decimal | None:
    """A period's own value rounded to two places, or None when it cannot be computed (no
    data, or a zero denominator: the page then says "tidak dapat dihitung")."""
    if realization.value is not None:
        return realization.value
    if realization.numerator is None or not realization.denominator:
        return None
    kind = Kind(realization.indicator.kind)
    return value_of(kind, realization.numerator, realization.denominator).rounded()
