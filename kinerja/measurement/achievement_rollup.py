"""Roll-ups of the read model: per goal, position, unit (with its sub-units) and agency.

The rule (printed with every roll-up, ``Rules.rollup_rule``): the mean, or the weighted mean,
of the official capaian of the targeted indicators whose capaian can be computed, each as
printed (two places); the result is rounded once. Indicators left out are counted, not hidden.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal

from kinerja.measurement.achievement_types import Achievement, IndicatorFigure, Rollup
from kinerja.scoring import Q, default_registry


def mean_capaian(
    figures: Iterable[IndicatorFigure], weights: Mapping[int, Decimal]
) -> tuple[Decimal | None, int, int, int]:
    """(mean, counted, not computed, not targeted)."""
    total, weight, counted, not_computed, not_targeted = Decimal(0), Decimal(0), 0, 0, 0
    for f in figures:
        if not f.targeted:
            not_targeted += 1
        elif f.capaian is None:
            not_computed += 1
        else:
            w = weights.get(f.indicator_id, Decimal(1))
            total += f.capaian * w
            weight += w
            counted += 1
    mean = Q.ratio(total, weight).rounded() if weight else None
    return mean, counted, not_computed, not_targeted


def rollups(
    result: Achievement,
    indicators: list,
    units: list[tuple[int, int | None, str]],
    weights: Mapping[int, Decimal],
) -> None:
    by_goal: dict[int, list[IndicatorFigure]] = defaultdict(list)
    by_position: dict[int, list[IndicatorFigure]] = defaultdict(list)
    by_unit: dict[int, list[IndicatorFigure]] = defaultdict(list)
    by_agency: dict[int, list[IndicatorFigure]] = defaultdict(list)
    parent = {pk: parent_id for pk, parent_id, _ in units}
    names = {pk: name for pk, _, name in units}
    goal_names = {i.goal_id: i.goal.statement for i in indicators}
    position_names = {i.goal.position_id: i.goal.position.name for i in indicators}
    agency_names = {
        i.goal.position.decree.agency_id: str(i.goal.position.decree.agency) for i in indicators
    }
    for f in result.indicators:
        by_goal[f.goal_id].append(f)
        by_position[f.position_id].append(f)
        by_agency[f.agency_id].append(f)
        unit, seen = f.unit_id, set()
        while unit is not None and unit not in seen:  # the unit and every unit above it
            seen.add(unit)
            by_unit[unit].append(f)
            unit = parent.get(unit)

    def make(level: str, key: int, label: str, figures: list[IndicatorFigure]) -> Rollup:
        mean, counted, not_computed, not_targeted = mean_capaian(figures, weights)
        rules = result.rules[figures[0].agency_id]
        predicate = (
            default_registry().get(rules.scale_id).classify(mean) if mean is not None else None
        )
        return Rollup(level, key, label, mean, predicate, counted, not_computed, not_targeted)

    result.goals = {k: make("goal", k, goal_names[k], v) for k, v in by_goal.items()}
    result.positions = {
        k: make("position", k, position_names[k], v) for k, v in by_position.items()
    }
    result.units = {k: make("unit", k, names.get(k, ""), v) for k, v in by_unit.items()}
    result.agencies = {k: make("agency", k, agency_names[k], v) for k, v in by_agency.items()}
