"""A whole bidang (or the sekretariat, or a seksi) on one page: every position × indicator of
the unit with its official capaian, progress and the status of each period, as plain data.

The members of a unit are the positions of the decree in force whose unit is the unit or one of
its sub-units, and the staff under them who have no unit of their own (a pelaksana reports to a
Kasi). Figures come from one call of the read model for all of them (cached per data version).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count

from kinerja.accounts.models import Assignment
from kinerja.catalog.models import Decree, Position, Unit
from kinerja.catalog.selectors import decree_in_force
from kinerja.dashboard.cache import cached
from kinerja.dashboard.office import STATUS_ORDER
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import IndicatorFigure, Rollup, Rules
from kinerja.measurement.models import Realization, Status


@dataclass
class PositionBlock:
    position_id: int
    name: str
    holders: str
    rollup: Rollup | None
    figures: list[IndicatorFigure]


@dataclass
class UnitPage:
    unit_id: int
    unit_name: str
    agency_id: int
    year: int
    decree: Decree | None
    member_ids: list[int] = field(default_factory=list)
    blocks: list[PositionBlock] = field(default_factory=list)
    rollup: Rollup | None = None
    rules: Rules | None = None
    as_of_label: str = ""
    statuses: dict[str, int] = field(default_factory=dict)
    submitted: int = 0
    returned: int = 0
    version_key: str = ""  # set by dashboard.cache: the data version it was built from

    @property
    def reason(self) -> str:
        if self.decree is None:
            return f"Tidak ada keputusan IKI yang berlaku untuk tahun {self.year}."
        if not self.member_ids:
            return "Unit ini tidak memiliki jabatan dalam keputusan yang berlaku."
        return ""


def members(unit: Unit, decree: Decree) -> list[Position]:
    """The unit's positions in ``decree``, in decree order (see the module docstring)."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.filter(agency_id=unit.agency_id).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    subtree, frontier = {unit.pk}, [unit.pk]
    while frontier:
        for child in children.get(frontier.pop(), []):
            if child not in subtree:
                subtree.add(child)
                frontier.append(child)
    positions = list(Position.objects.filter(decree=decree).order_by("order", "pk"))
    chosen = {p.pk for p in positions if p.unit_id in subtree}
    grew = True
    while grew:  # staff without a unit, under a member
        grew = False
        for p in positions:
            if p.pk not in chosen and p.unit_id is None and p.supervisor_id in chosen:
                chosen.add(p.pk)
                grew = True
    return [p for p in positions if p.pk in chosen]


def unit_overview(unit: Unit, year: int, today: date) -> UnitPage:
    return cached("unit", (unit.pk, year), lambda: _build(unit, year, today))


def _build(unit: Unit, year: int, today: date) -> UnitPage:
    decree = decree_in_force(unit.agency_id, year)
    page = UnitPage(unit.pk, unit.name, unit.agency_id, year, decree)
    if decree is None:
        return page
    positions = members(unit, decree)
    page.member_ids = [p.pk for p in positions]
    if not positions:
        return page
    figures = achievement(page.member_ids, year, with_quarters=False)
    page.rollup = figures.units.get(unit.pk)
    page.rules = figures.the_rules
    page.as_of_label = figures.as_of_label
    holders: dict[int, list[str]] = {}
    for a in (
        Assignment.objects.active_on(today)
        .filter(position_id__in=page.member_ids)
        .select_related("employee")
        .order_by("starts_on", "pk")
    ):
        label = a.employee.full_name
        if a.kind != Assignment.Kind.DEFINITIF:
            label = f"{a.get_kind_display().split(' (')[-1].rstrip(')')} {label}"
        holders.setdefault(a.position_id, []).append(label)
    by_position: dict[int, list[IndicatorFigure]] = {}
    for f in figures.indicators:
        by_position.setdefault(f.position_id, []).append(f)
    page.blocks = [
        PositionBlock(
            p.pk,
            p.name,
            ", ".join(holders.get(p.pk, [])) or "lowong",
            figures.positions.get(p.pk),
            by_position.get(p.pk, []),
        )
        for p in positions
    ]
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for f in figures.indicators:
        counts[f.status] += 1
    page.statuses = counts
    waiting = dict(
        Realization.objects.filter(
            position_id__in=page.member_ids, status__in=[Status.SUBMITTED, Status.RETURNED]
        )
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    page.submitted = waiting.get(Status.SUBMITTED, 0)
    page.returned = waiting.get(Status.RETURNED, 0)
    return page
