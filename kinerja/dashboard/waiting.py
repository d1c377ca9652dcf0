"""What is waiting in an office: entries missing after their deadline, the verification backlog
by verifier, and realizations returned to their holders.

Missing entries are read from the read model's period cells (a period with nothing entered, or
only a draft, whose deadline has passed: the perencana's deadline, else the 10th of the next
month as in ``measurement.due``). The verifier of a submitted realization is the nearest
position above it, within the agency's verification depth, held today by someone other than its
holder: the person who can act on it (``accounts.access`` applies the same rule to decide).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Count, Min

from kinerja.accounts.models import Assignment
from kinerja.catalog.models import Decree, Position, Unit
from kinerja.core.periods import period_bounds, period_label
from kinerja.measurement.achievement_types import Achievement
from kinerja.measurement.due import GRACE_DAYS
from kinerja.measurement.models import PeriodSchedule, Realization, Status, Transition

RETURNED_LISTED = 20


@dataclass
class Backlog:
    verifier_id: int | None  # the verifier's position; None: nobody holds one within reach
    verifier_name: str
    unit_id: int | None  # the verifier's bidang or sekretariat
    holders: str
    count: int
    oldest: date | None


@dataclass
class Returned:
    realization_id: int
    indicator_id: int
    indicator_name: str
    position_id: int
    position_name: str
    year: int
    period: int
    period_label: str
    reason: str
    at: date | None


@dataclass
class Waiting:
    missing_total: int = 0
    missing_by_unit: dict[int | None, int] = field(default_factory=dict)  # top unit id -> count
    missing_by_position: dict[int, int] = field(default_factory=dict)
    backlog: list[Backlog] = field(default_factory=list)
    backlog_total: int = 0
    returned: list[Returned] = field(default_factory=list)
    returned_total: int = 0


def top_unit_of(positions: list[Position], agency_id: int) -> dict[int, int | None]:
    """Each position's bidang or sekretariat (its unit's topmost ancestor below the dinas); a
    pelaksana without a unit belongs to his supervisor's."""
    parent = dict(Unit.objects.filter(agency_id=agency_id).values_list("pk", "parent_id"))
    by_pk = {p.pk: p for p in positions}
    out: dict[int, int | None] = {}
    for p in positions:
        holder, hops = p, 0
        while holder.unit_id is None and holder.supervisor_id in by_pk and hops < 20:
            holder, hops = by_pk[holder.supervisor_id], hops + 1  # staff: their supervisor's unit
        unit, seen = holder.unit_id, set()
        while unit is not None and parent.get(unit) is not None and unit not in seen:
            seen.add(unit)
            unit = parent[unit]
        out[p.pk] = unit
    return out


def _missing(
    figures: Achievement,
    decree: Decree,
    year: int,
    today: date,
    waiting: Waiting,
    top: dict[int, int | None],
) -> None:
    deadlines = {
        (s.frequency, s.period): (s.deadline, s.closed_at)
        for s in PeriodSchedule.objects.filter(agency_id=decree.agency_id, year=year)
    }
    per_position: Counter[int] = Counter()
    for f in figures.indicators:
        for cell in f.cells:
            if cell.status not in ("", Status.DRAFT):
                continue
            _, end = period_bounds(year, f.frequency, cell.period)
            deadline, _closed = deadlines.get((f.frequency, cell.period), (None, None))
            if (deadline or end + timedelta(days=GRACE_DAYS)) >= today:
                continue
            per_position[f.position_id] += 1
    waiting.missing_by_position = dict(per_position)
    waiting.missing_total = sum(per_position.values())
    by_unit: Counter[int | None] = Counter()
    for pid, n in per_position.items():
        by_unit[top.get(pid)] += n
    waiting.missing_by_unit = dict(by_unit)


def _verifier(
    pid: int, positions: dict[int, Position], holders: dict[int, set[int]], depth: int | None
) -> int | None:
    own = holders.get(pid, set())
    current, steps = positions[pid].supervisor_id, 0
    while current is not None and current in positions and (depth is None or steps < depth):
        others = holders.get(current, set())
        if not (own and others & own):
            steps += 1
            if others:
                return current
        current = positions[current].supervisor_id
    return None


def waiting_for(
    decree: Decree, positions: list[Position], figures: Achievement, year: int, today: date
) -> Waiting:
    waiting = Waiting()
    top = top_unit_of(positions, decree.agency_id)
    _missing(figures, decree, year, today, waiting, top)
    by_pk = {p.pk: p for p in positions}
    holders: dict[int, set[int]] = defaultdict(set)
    names: dict[int, list[str]] = defaultdict(list)
    for a in (
        Assignment.objects.active_on(today)
        .filter(position__decree=decree)
        .select_related("employee")
        .order_by("starts_on", "pk")
    ):
        holders[a.position_id].add(a.employee_id)
        names[a.position_id].append(a.employee.full_name)
    depth = decree.agency.supervision_depth or None
    groups: dict[int | None, list[int]] = defaultdict(lambda: [0, None])  # type: ignore[arg-type]
    submitted = (
        Realization.objects.filter(position__decree=decree, status=Status.SUBMITTED)
        .values("position_id")
        .annotate(n=Count("pk"), oldest=Min("updated_at"))
    )
    for row in submitted:
        verifier = _verifier(row["position_id"], by_pk, holders, depth)
        group = groups[verifier]
        group[0] += row["n"]
        oldest = row["oldest"].date() if row["oldest"] else None
        if oldest and (group[1] is None or oldest < group[1]):
            group[1] = oldest
    waiting.backlog = sorted(
        (
            Backlog(
                vid,
                by_pk[vid].name if vid else "tidak ada verifikator yang menjabat",
                top.get(vid) if vid else None,
                ", ".join(names.get(vid, [])) if vid else "",
                n,
                oldest,
            )
            for vid, (n, oldest) in groups.items()
        ),
        key=lambda b: (-b.count, b.verifier_name),
    )
    waiting.backlog_total = sum(b.count for b in waiting.backlog)
    returned = Realization.objects.filter(position__decree=decree, status=Status.RETURNED)
    waiting.returned_total = returned.count()
    rows = list(
        returned.select_related("indicator", "position").order_by("updated_at", "pk")[
            :RETURNED_LISTED
        ]
    )
    reasons: dict[int, Transition] = {}
    for t in Transition.objects.filter(
        realization_id__in=[r.pk for r in rows], to_status=Status.RETURNED
    ).order_by("at", "pk"):
        reasons[t.realization_id] = t  # the latest return wins
    for r in rows:
        t = reasons.get(r.pk)
        waiting.returned.append(
            Returned(
                r.pk,
                r.indicator_id,
                r.indicator.name,
                r.position_id,
                r.position.name,
                r.year,
                r.period,
                period_label(r.year, r.frequency, r.period),
                t.reason if t else "",
                t.at.date() if t else None,
            )
        )
    return waiting
