"""The head of office's overview of one agency and year, as plain data.

Every figure comes from the achievement read model (``measurement.achievement.achievement``):
the office, each bidang/sekretariat and each goal are its roll-ups; the trend is the same read
model computed up to the end of each quarter; the indicators most behind are its figures sorted.
What is waiting (entries missing, verification backlog by verifier, returned items) and the
register coverage are counts of records, not scores. The figures part is cached per data version
(``dashboard.cache``); the per-user parts (links, what may be opened) are decided by the view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.catalog.models import Agency, Decree, Position, Unit
from kinerja.catalog.selectors import decree_in_force
from kinerja.dashboard.cache import cached
from kinerja.dashboard.coverage import coverage_headline
from kinerja.dashboard.waiting import Waiting, waiting_for
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import Achievement, IndicatorFigure, Rollup
from kinerja.scoring import Period

ROMAN = ("I", "II", "III", "IV")
STATUS_ORDER = ("on_track", "at_risk", "off_track", "no_data")
LAGGING = 10


@dataclass
class UnitRow:
    unit_id: int
    name: str
    kind: str
    rollup: Rollup | None


@dataclass
class GoalRow:
    goal_id: int
    position_id: int
    position_name: str
    rollup: Rollup


@dataclass
class QuarterPoint:
    quarter: int
    label: str
    rollup: Rollup | None
    statuses: dict[str, int]


@dataclass
class Office:
    agency_id: int
    agency_name: str
    year: int
    decree: Decree | None
    figures: Achievement | None = None
    overall: Rollup | None = None
    units: list[UnitRow] = field(default_factory=list)
    goals: list[GoalRow] = field(default_factory=list)
    goals_of: str = ""  # whose goals: the head's, or the positions directly under the head
    trend: list[QuarterPoint] = field(default_factory=list)
    lowest: list[IndicatorFigure] = field(default_factory=list)
    off_track: list[IndicatorFigure] = field(default_factory=list)
    statuses: dict[str, int] = field(default_factory=dict)
    position_names: dict[int, str] = field(default_factory=dict)
    waiting: Waiting | None = None
    coverage: list = field(default_factory=list)  # the register headline (dashboard.coverage)
    coverage_as_of: date | None = None
    version_key: str = ""  # set by dashboard.cache: the data version it was built from

    @property
    def reason(self) -> str:
        if self.decree is None:
            return f"Tidak ada keputusan IKI yang berlaku untuk tahun {self.year}."
        return ""


def quarters_to_date(year: int, today: date) -> list[int]:
    """The quarters of ``year`` that have begun by ``today`` (all four for a past year)."""
    if year < today.year:
        return [1, 2, 3, 4]
    if year > today.year:
        return []
    return list(range(1, (today.month - 1) // 3 + 2))


def office_overview(agency: Agency, year: int, today: date) -> Office:
    return cached("office", (agency.pk, year), lambda: _build(agency, year, today))


def _build(agency: Agency, year: int, today: date) -> Office:
    decree = decree_in_force(agency, year)
    office = Office(agency.pk, agency.name, year, decree)
    office.coverage, office.coverage_as_of = coverage_headline(agency.pk)
    if decree is None:
        return office
    positions = list(
        Position.objects.filter(decree=decree).select_related("unit").order_by("order")
    )
    ids = [p.pk for p in positions]
    office.position_names = {p.pk: p.name for p in positions}
    figures = achievement(ids, year, with_quarters=False)
    office.figures = figures
    office.overall = figures.agencies.get(agency.pk)
    top_units = Unit.objects.filter(
        agency=agency, kind__in=[Unit.Kind.SEKRETARIAT, Unit.Kind.BIDANG]
    ).order_by("order", "name")
    office.units = [
        UnitRow(u.pk, u.name, u.kind, figures.units.get(u.pk))
        for u in top_units
        if any(p.unit_id is not None for p in positions)
    ]
    office.goals, office.goals_of = _goals(figures, positions)
    office.statuses = _count(figures.indicators)
    scored = [f for f in figures.indicators if f.capaian is not None]
    office.lowest = sorted(scored, key=lambda f: (f.capaian, f.name))[:LAGGING]
    behind = [f for f in figures.indicators if f.status == "off_track"]
    office.off_track = sorted(behind, key=lambda f: (f.progress, f.name))[:LAGGING]
    for quarter in quarters_to_date(year, today):
        upto = achievement(
            ids,
            year,
            as_of=Period.parse(f"{year}-Q{quarter}"),
            with_cells=False,
            with_quarters=False,
        )
        office.trend.append(
            QuarterPoint(
                quarter,
                f"Tw {ROMAN[quarter - 1]}",
                upto.agencies.get(agency.pk),
                _count(upto.indicators),
            )
        )
    office.waiting = waiting_for(decree, positions, figures, year, today)
    return office


def _count(figures: list[IndicatorFigure]) -> dict[str, int]:
    counts = dict.fromkeys(STATUS_ORDER, 0)
    for f in figures:
        counts[f.status] = counts.get(f.status, 0) + 1
    return counts


def _goals(figures: Achievement, positions: list[Position]) -> tuple[list[GoalRow], str]:
    """The office's goals: the head's own when the decree gives the head indicators, else the
    goals of the positions directly under the head (Sekretaris and Kepala Bidang)."""
    head = next((p for p in positions if p.is_head), None)
    names = {p.pk: p.name for p in positions}
    chosen = {head.pk} if head and figures.positions.get(head.pk) else set()
    whose = "Kepala" if chosen else "Sekretaris dan Kepala Bidang"
    if not chosen and head is not None:
        chosen = {p.pk for p in positions if p.supervisor_id == head.pk}
    seen: dict[int, int] = {}
    for f in figures.indicators:
        if f.position_id in chosen:
            seen.setdefault(f.goal_id, f.position_id)
    rows = [
        GoalRow(goal_id, pid, names.get(pid, ""), figures.goals[goal_id])
        for goal_id, pid in seen.items()
    ]
    return rows, whose
