"""What a holder has to do (#12.8): for each position he holds, the periods whose entry is due or
overdue and the realizations returned to him, listed on his home page."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Indicator
from kinerja.core.periods import period_bounds, period_label
from kinerja.measurement.models import PeriodSchedule, Realization, Status

GRACE_DAYS = 10  # without a deadline set by the perencana: due by the 10th of the next month


@dataclass
class Due:
    indicator: Indicator
    year: int
    period: int
    label: str
    deadline: date
    overdue: bool
    returned: bool = False
    reason: str = ""


def due_for(user: Any, today: date, limit: int = 30) -> list[Due]:
    """Returned items first, then overdue, then due: for the positions the user holds."""
    access = access_for(user)
    held = access.held
    if not held:
        return []
    # Periods to enter: the positions of today's assignments (the same jabatan under an earlier
    # decree is reachable, but its open periods belonged to whoever held it then); returned
    # items: the whole line, since they come back to whoever holds it now.
    indicators = list(
        Indicator.objects.filter(goal__position__in=access.assigned or held)
        .select_related("goal__position__decree")
        .order_by("goal__position__order", "goal__order", "order")
    )
    out: list[Due] = []
    for r in (
        Realization.objects.filter(position__in=held, status=Status.RETURNED)
        .select_related("indicator")
        .prefetch_related("transitions")
    ):
        last = [t for t in r.transitions.all() if t.to_status == Status.RETURNED][-1:]
        out.append(
            Due(
                r.indicator,
                r.year,
                r.period,
                period_label(r.year, r.frequency, r.period),
                today,
                False,
                returned=True,
                reason=last[0].reason if last else "",
            )
        )
    entered = set(
        Realization.objects.filter(position__in=held)
        .exclude(status=Status.DRAFT)
        .values_list("indicator_id", "year", "period")
    )
    deadlines = {
        (s.agency_id, s.year, s.frequency, s.period): s
        for s in PeriodSchedule.objects.filter(year__in={today.year, today.year - 1})
    }
    for indicator in indicators:
        decree = indicator.goal.position.decree
        year = min(today.year, decree.period_end)
        if year < decree.period_start:
            continue
        count = 4 if indicator.frequency == Indicator.Frequency.QUARTERLY else 12
        for period in range(1, count + 1):
            _, end = period_bounds(year, indicator.frequency, period)
            if end >= today or (indicator.pk, year, period) in entered:
                continue
            schedule = deadlines.get((decree.agency_id, year, indicator.frequency, period))
            if schedule is not None and schedule.closed_at is not None:
                continue
            deadline = (
                schedule.deadline
                if schedule is not None and schedule.deadline
                else end + timedelta(days=GRACE_DAYS)
            )
            out.append(
                Due(
                    indicator,
                    year,
                    period,
                    period_label(year, indicator.frequency, period),
                    deadline,
                    deadline < today,
                )
            )
    out.sort(key=lambda d: (not d.returned, not d.overdue, d.deadline))
    return out[:limit]
