"""A holder's day (Kasi, staff): what to do (returned with the reason, overdue, due, drafts),
his own indicators with their capaian and a small trend each, and his PK and Rencana Aksi.

The to-do list is ``measurement.due`` (the rule the entry pages use); the figures are the read
model's, for the positions he holds in the decree in force for the year.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Position
from kinerja.catalog.selectors import position_in_year
from kinerja.charts import Chart, sparkline
from kinerja.core.periods import period_label
from kinerja.dashboard.cache import cached
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import IndicatorFigure, Rollup
from kinerja.measurement.due import Due, due_for
from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Agreement

SHORT_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")


@dataclass
class Own:
    figure: IndicatorFigure
    trend: Chart


@dataclass
class Held:
    position: Position
    rollup: Rollup | None
    indicators: list[Own]
    agreement: Agreement | None  # the PK in force or being drafted for the year
    pk_required: bool


@dataclass
class Draft:
    indicator_id: int
    indicator_name: str
    year: int
    period: int
    label: str


@dataclass
class Mine:
    year: int
    due: list[Due] = field(default_factory=list)
    drafts: list[Draft] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)
    figures_key: str = ""  # the data version of ``held`` (names its cached fragment)

    @property
    def returned(self) -> list[Due]:
        return [d for d in self.due if d.returned]

    @property
    def overdue(self) -> list[Due]:
        return [d for d in self.due if d.overdue and not d.returned]

    @property
    def upcoming(self) -> list[Due]:
        return [d for d in self.due if not d.overdue and not d.returned]


def _trend(f: IndicatorFigure) -> Chart:
    """The period values of one indicator as a small line (months or quarters)."""
    quarterly = f.frequency == "quarterly"
    labels = [f"Tw {c.period}" if quarterly else SHORT_MONTHS[c.period - 1] for c in f.cells]
    values = [c.value for c in f.cells]
    texts = [f.show(c.value) if c.value is not None else "" for c in f.cells]
    return sparkline(labels, values, texts, title=f"Tren {f.name}")


@dataclass
class HeldFigures:
    held: list[Held]
    version_key: str = ""  # set by dashboard.cache


def holder_home(user, year: int, today: date) -> Mine:
    # the to-do list of this user, once per data version and day (any entry changes it)
    mine = Mine(year=year, due=cached("due", (user.pk,), lambda: due_for(user, today)))
    held_ids = sorted(access_for(user).held)
    positions = []
    for p in Position.objects.filter(pk__in=held_ids).select_related("decree__agency", "unit"):
        same = position_in_year(p, year)
        if same is not None and same not in positions:
            positions.append(same)
    positions.sort(key=lambda p: (p.decree_id, p.order))
    if positions:
        ids = tuple(p.pk for p in positions)
        found = cached("holder", (ids, year), lambda: _held(positions, year))
        mine.held, mine.figures_key = found.held, found.version_key
    for r in (
        Realization.objects.filter(position_id__in=held_ids, status=Status.DRAFT)
        .select_related("indicator")
        .order_by("year", "period", "pk")
    ):
        mine.drafts.append(
            Draft(
                r.indicator_id,
                r.indicator.name,
                r.year,
                r.period,
                period_label(r.year, r.frequency, r.period),
            )
        )
    return mine


def _held(positions: list[Position], year: int) -> HeldFigures:
    """The positions' figures, trends and PKs: the same for whoever holds them (cached)."""
    from kinerja.accounts.permissions import pk_required

    ids = [p.pk for p in positions]
    figures = achievement(ids, year, with_quarters=False)
    agreements: dict[int, Agreement] = {}
    for a in Agreement.objects.filter(position_id__in=ids, year=year).order_by("revision"):
        if a.status != Agreement.Status.SUPERSEDED or a.position_id not in agreements:
            agreements[a.position_id] = a  # the latest revision that is not superseded
    return HeldFigures(
        [
            Held(
                p,
                figures.positions.get(p.pk),
                [Own(f, _trend(f)) for f in figures.of_position(p.pk)],
                agreements.get(p.pk),
                pk_required(p),
            )
            for p in positions
        ]
    )
