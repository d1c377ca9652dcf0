"""The one read model of scored figures: what every page, document, export and the API show.

``achievement(positions, year, as_of=...)`` loads the year's indicators, targets, signed PKs
and realizations of a set of positions in a handful of queries, scores each indicator with
``kinerja.scoring`` (the bulk path when there are many) and returns plain data
(:mod:`achievement_types`). Nothing else translates models into engine inputs.

Office rules it applies (docs/scoring.md, "Angka resmi kantor"):
- target basis, in order: the signed PK Perubahan from its signing date, the signed PK, Renja,
  Renstra; every figure names its basis;
- Rencana Aksi quarterly targets feed progress when all four are set;
- the official capaian is cumulative realisasi against the annual target, progress is against
  the target to date; PK items "tidak ditargetkan" are shown but never scored;
- roll-ups are the (optionally weighted) mean of official capaian, stated with the figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal

from django.utils import timezone

from kinerja.catalog.measures import display_decimals, satuan_of
from kinerja.catalog.models import Agency, Indicator, Position, Unit
from kinerja.core.periods import format_date, period_label
from kinerja.measurement.achievement_rollup import rollups
from kinerja.measurement.achievement_score import EngineInput, quarter_figures, score_inputs
from kinerja.measurement.achievement_types import (
    Achievement,
    Cell,
    IndicatorFigure,
    Rules,
    TargetBasis,
)
from kinerja.measurement.models import Realization, Status
from kinerja.measurement.selectors import cell_value
from kinerja.planning.models import Agreement, AgreementItem, Target
from kinerja.scoring import (
    DEFAULT_THRESHOLDS,
    Granularity,
    LowerFormula,
    Period,
    Range,
    ZeroTarget,
    default_registry,
)
from kinerja.scoring.periods import MONTH_NAMES


def rules_of(agency: Agency, *, weighted: bool = False) -> Rules:
    scale = default_registry().get(agency.predicate_scale)
    return Rules(
        lower_formula=agency.lower_formula,
        lower_formula_label=agency.get_lower_formula_display(),
        zero_target=agency.zero_target,
        zero_target_label=agency.get_zero_target_display(),
        scale_id=scale.id,
        scale_label=agency.get_predicate_scale_display(),
        levels=tuple((level.min, level.label) for level in scale.levels),
        on_track=DEFAULT_THRESHOLDS.on_track,
        at_risk=DEFAULT_THRESHOLDS.at_risk,
        weighted=weighted,
    )


def _date_label(day: date | None) -> str:
    return format_date(day)


def _as_of_label(as_of: Period | None, year: int) -> str:
    if as_of is None:
        return f"s.d. periode terakhir yang terisi, {year}"
    if as_of.granularity is Granularity.YEAR:
        return f"tahun {year}"
    if as_of.granularity is Granularity.QUARTER:
        return f"s.d. triwulan {('I', 'II', 'III', 'IV')[as_of.index - 1]} {year}"
    return f"s.d. {MONTH_NAMES[as_of.end_month - 1]} {year}"


def _as_of_day(as_of: Period | None, year: int) -> date:
    """The day whose PK applies: the end of ``as_of``, or today within the year."""
    if as_of is not None:
        end = as_of.end_month
        return date(year + (end == 12), end % 12 + 1, 1).fromordinal(
            date(year + (end == 12), end % 12 + 1, 1).toordinal() - 1
        )
    today = timezone.localdate()
    return min(today, date(year, 12, 31)) if today.year >= year else date(year, 1, 1)


def _agreement_for(agreements: list[Agreement], day: date) -> Agreement | None:
    """The PK in force on ``day``: the original covers the year; a PK Perubahan applies from the
    day it was signed; after a change of official the successor's PK applies from the change
    date and the predecessor's up to the day before (``valid_from`` / ``valid_until``)."""

    def in_force(a: Agreement) -> bool:
        if a.valid_from and day < a.valid_from:
            return False
        if a.valid_until and day > a.valid_until:
            return False
        if a.revision and not a.valid_from:
            return a.signed_on is not None and a.signed_on <= day
        return True

    return max(filter(in_force, agreements), key=lambda a: a.revision, default=None)


def _basis_of(agreement: Agreement) -> TargetBasis:
    signed = _date_label(agreement.signed_on)
    if agreement.revision:
        label = f"PK Perubahan ke-{agreement.revision} {agreement.year}, ditandatangani {signed}"
        return TargetBasis("pk_perubahan", label, agreement.pk)
    return TargetBasis("pk", f"PK {agreement.year}, ditandatangani {signed}", agreement.pk)


def _provenance(realization: Realization) -> str:
    data = realization.provenance or {}
    if not data:
        return ""
    as_of = data.get("as_of")
    when = f" per {_date_label(date.fromisoformat(as_of))}" if as_of else ""
    return f"dihitung sistem dari ekstrak SIAK{when}"


def achievement(
    positions: Iterable[Position] | Iterable[int],
    year: int,
    *,
    as_of: Period | None = None,
    verified_only: bool = False,
    with_cells: bool = True,
    with_quarters: bool = True,
    weights: Mapping[int, Decimal] | None = None,
) -> Achievement:
    """Scored figures of ``positions`` for ``year`` up to ``as_of`` (default: each indicator's
    latest period with data). ``verified_only`` leaves unverified realizations out (documents
    offer the choice and print it); otherwise they count and are marked provisional."""
    ids = [p if isinstance(p, int) else p.pk for p in positions]
    indicators = list(
        Indicator.objects.filter(goal__position_id__in=ids)
        .select_related("goal__position__decree__agency")
        .order_by("goal__position__decree_id", "goal__position__order", "goal__order", "order")
    )
    day = _as_of_day(as_of, year)
    by_indicator: dict[int, list[Realization]] = defaultdict(list)
    for r in Realization.objects.filter(position_id__in=ids, year=year).order_by("period"):
        by_indicator[r.indicator_id].append(r)
    annual: dict[int, dict[str, Target]] = defaultdict(dict)
    quarterly: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for t in Target.objects.filter(indicator__goal__position_id__in=ids, year=year):
        if t.quarter:
            quarterly[t.indicator_id][t.quarter] = t.value
        else:
            annual[t.indicator_id][t.plan] = t
    agreements: dict[int, list[Agreement]] = defaultdict(list)
    for a in Agreement.objects.filter(
        position_id__in=ids,
        year=year,
        status__in=[Agreement.Status.SIGNED, Agreement.Status.SUPERSEDED],
    ):
        agreements[a.position_id].append(a)
    in_force = {pid: _agreement_for(found, day) for pid, found in agreements.items()}
    items: dict[tuple[int, int], AgreementItem] = {
        (item.agreement_id, item.indicator_id): item
        for item in AgreementItem.objects.filter(
            agreement_id__in=[a.pk for a in in_force.values() if a is not None]
        )
    }
    agencies = {i.goal.position.decree.agency_id: i.goal.position.decree.agency for i in indicators}
    rules = {pk: rules_of(a, weighted=weights is not None) for pk, a in agencies.items()}

    inputs: list[EngineInput] = []
    for indicator in indicators:
        position = indicator.goal.position
        agency = agencies[position.decree.agency_id]
        basis, target, target_max, reason = _target(
            indicator, in_force.get(position.pk), items, annual[indicator.pk]
        )
        q = quarterly.get(indicator.pk, {})
        quarter_targets = tuple(q[k] for k in (1, 2, 3, 4)) if len(q) == 4 else None
        own = [r for r in by_indicator.get(indicator.pk, []) if r.frequency == indicator.frequency]
        used = [r for r in own if not verified_only or r.status == Status.VERIFIED]
        goal: Decimal | Range | None = target
        if target is not None and indicator.polarity == Indicator.Polarity.RANGE:
            goal = Range(target, target_max) if target_max is not None else None
        inputs.append(
            EngineInput(
                indicator=indicator,
                realizations=used,
                target=goal,
                quarterly=quarter_targets,
                lower_formula=LowerFormula(agency.lower_formula),
                zero_target=ZeroTarget(agency.zero_target),
                scale_id=agency.predicate_scale,
                as_of=as_of,
                basis=basis,
                not_targeted_reason=reason,
                own=own,
            )
        )
    scored = score_inputs(inputs, year)
    result = Achievement(
        year=year,
        as_of=as_of.code if as_of else None,
        as_of_label=_as_of_label(as_of, year),
        verified_only=verified_only,
        rules=rules,
    )
    for item, score in zip(inputs, scored, strict=True):
        result.indicators.append(
            _figure(item, score, year, with_cells=with_cells, with_quarters=with_quarters)
        )
    units = Unit.objects.filter(agency_id__in=list(agencies)).values_list("pk", "parent_id", "name")
    rollups(result, indicators, list(units), weights or {})
    return result


def _target(
    indicator: Indicator,
    agreement: Agreement | None,
    items: dict[tuple[int, int], AgreementItem],
    plans: dict[str, Target],
) -> tuple[TargetBasis, Decimal | None, Decimal | None, str]:
    if agreement is not None:
        item = items.get((agreement.pk, indicator.pk))
        if item is not None:
            basis = _basis_of(agreement)
            if item.not_targeted_reason:
                return basis, None, None, item.not_targeted_reason
            return basis, item.target_value, item.target_max, ""
    for plan, code, label in (
        (Target.Plan.RENJA, "renja", "Renja"),
        (Target.Plan.RENSTRA, "renstra", "Renstra"),
    ):
        target = plans.get(plan)
        if target is not None:
            year = target.year
            return TargetBasis(code, f"{label} {year}"), target.value, target.value_max, ""
    return TargetBasis("", "belum ada target"), None, None, ""


def _figure(
    item: EngineInput, score, year: int, *, with_cells: bool, with_quarters: bool
) -> IndicatorFigure:
    indicator = item.indicator
    position = indicator.goal.position
    satuan = satuan_of(indicator.kind, indicator.measure_unit)
    as_of = score.as_of
    window_end = as_of.end_month if as_of else 0
    used = [r for r in item.realizations if _end_month(r) <= window_end]
    cells: tuple[Cell, ...] = ()
    if with_cells:
        entered = {r.period: r for r in item.own}
        count = 4 if indicator.frequency == Indicator.Frequency.QUARTERLY else 12
        cells = tuple(
            Cell(
                p,
                period_label(year, indicator.frequency, p),
                entered[p].pk if p in entered else None,
                entered[p].status if p in entered else "",
                cell_value(entered[p], indicator) if p in entered else None,
                p in entered and entered[p].status != Status.VERIFIED,
                _provenance(entered[p]) if p in entered else "",
            )
            for p in range(1, count + 1)
        )
    quarters, numerator, denominator = (), None, None
    if with_quarters:
        quarters, numerator, denominator = quarter_figures(item, score, year)
    latest = max(used, key=_end_month, default=None)
    targeted = not item.not_targeted_reason
    return IndicatorFigure(
        indicator_id=indicator.pk,
        position_id=position.pk,
        goal_id=indicator.goal_id,
        agency_id=position.decree.agency_id,
        unit_id=position.unit_id,
        goal_statement=indicator.goal.statement,
        name=indicator.name,
        kind=indicator.kind,
        aggregation=indicator.aggregation,
        frequency=indicator.frequency,
        polarity=indicator.polarity,
        satuan=satuan,
        decimals=display_decimals(indicator.kind, indicator.measure_unit),
        target=item.target.min if isinstance(item.target, Range) else item.target,
        target_max=item.target.max if isinstance(item.target, Range) else None,
        basis=item.basis,
        quarterly_targets=item.quarterly,
        targeted=targeted,
        not_targeted_reason=item.not_targeted_reason,
        as_of=as_of.code if as_of else None,
        as_of_label=_as_of_label(as_of, year) if as_of else "",
        value=score.value,
        numerator=numerator,
        denominator=denominator,
        capaian=score.capaian if targeted else None,
        predicate=score.predicate if targeted else None,
        progress=score.progress if targeted else None,
        status=score.status.value if targeted else "no_data",
        expected=score.expected if targeted else None,
        expected_basis=score.basis.value if score.basis and targeted else None,
        reason=score.reason if targeted else f"tidak ditargetkan: {item.not_targeted_reason}",
        flags=tuple(f.value for f in score.flags),
        missing=tuple(score.missing),
        provisional=any(r.status != Status.VERIFIED for r in used),
        cells=cells,
        quarters=quarters,
        provenance=_provenance(latest) if latest is not None else "",
    )


def _end_month(r: Realization) -> int:
    return r.period * 3 if r.frequency == Indicator.Frequency.QUARTERLY else r.period
