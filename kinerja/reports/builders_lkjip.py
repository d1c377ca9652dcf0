"""The LKjIP's data (PermenPAN-RB 53/2014): the office's own level, its figures for the year and
the two before from the achievement read model, the narrative texts, the head's signed PK."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.catalog.models import Agency, Decree, Indicator, Position
from kinerja.catalog.selectors import decree_in_force
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import Achievement, IndicatorFigure, Rollup
from kinerja.planning.models import Agreement
from kinerja.reports.builders import (
    LKJIP_LABELS,
    PLACEHOLDER,
    Group,
    Letterhead,
    PkDocument,
    Signer,
    _groups,
    head_position,
    holder_signer,
    letterhead,
    office_decree,
    office_positions,
    pk_document,
)
from kinerja.reports.models import LKJIP_FIELDS, LkjipText
from kinerja.reports.strategy_sections import LkjipStrategy, lkjip_strategy
from kinerja.scoring import Granularity, Period

# --- LKjIP -------------------------------------------------------------------------------------


@dataclass
class Comparison:
    """An indicator this year and the two before it (each year's own read-model figure)."""

    figure: IndicatorFigure
    before: list[IndicatorFigure | None]  # N-2, N-1


@dataclass
class LkjipDocument:
    agency: Agency
    year: int
    letterhead: Letterhead
    figures: Achievement
    groups: list[Group]
    office: Rollup | None
    comparisons: list[Comparison]
    texts: dict[str, str]
    filled: set[str]
    head: Signer
    place: str
    pk: PkDocument | None
    verified_only: bool
    years: list[int] = field(default_factory=list)
    strategy: LkjipStrategy | None = None  # efficiency, budget, earlier years, notes (#14)

    @property
    def title(self) -> str:
        return f"LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP) TAHUN {self.year}"

    @property
    def rules(self) -> list[str]:
        rules = self.figures.the_rules
        return rules.lines() if rules else []

    @property
    def rows(self) -> list[IndicatorFigure]:
        return [f for g in self.groups for f in g.rows]

    @property
    def filename(self) -> str:
        return f"lkjip-{self.year}"


def lkjip_positions(decree: Decree) -> list[Position]:
    """The office's own level: the head and the positions reporting to the head (eselon III).
    The head's position in a decree often has no indicators of its own."""
    positions = office_positions(decree)
    head = next((p for p in positions if p.is_head), None)
    if head is None:
        return [p for p in positions if p.supervisor_id is None]
    return [p for p in positions if p.pk == head.pk or p.supervisor_id == head.pk]


def _positions_in_force(agency: Agency, year: int) -> list[Position]:
    """An earlier year is read with its own decree (a successor may have renamed the jabatan)."""
    decree = decree_in_force(agency, year)
    return lkjip_positions(decree) if decree else []


def _comparisons(figures, earlier) -> list[Comparison]:
    """This year's indicators beside the same indicators (stable key) of earlier years, so a
    reworded or moved indicator keeps its history across decrees (docs/decrees.md)."""
    ids = {f.indicator_id for e in (figures, *earlier) for f in e.indicators}
    key_of = dict(Indicator.objects.filter(pk__in=ids).values_list("pk", "stable_key"))
    by_key = [{key_of.get(f.indicator_id): f for f in e.indicators} for e in earlier]
    return [
        Comparison(f, [keyed.get(key_of.get(f.indicator_id)) for keyed in by_key])
        for f in figures.indicators
    ]


def lkjip_document(agency: Agency, year: int, *, verified_only: bool = True) -> LkjipDocument:
    decree = office_decree(agency, year)
    positions = lkjip_positions(decree) if decree else []
    figures = achievement(
        positions,
        year,
        as_of=Period(year, Granularity.YEAR),
        verified_only=verified_only,
        with_cells=False,
        with_quarters=False,
    )
    earlier = [
        achievement(
            _positions_in_force(agency, y),
            y,
            as_of=Period(y, Granularity.YEAR),
            verified_only=verified_only,
            with_cells=False,
            with_quarters=False,
        )
        for y in (year - 2, year - 1)
    ]
    comparisons = _comparisons(figures, earlier)
    row = LkjipText.objects.filter(agency=agency, year=year).first()
    texts, filled = {}, set()
    for name in LKJIP_FIELDS:
        text = getattr(row, name, "") if row else ""
        if text:
            filled.add(name)
        texts[name] = text or PLACEHOLDER.format(what=LKJIP_LABELS[name].lower())
    head = head_position(decree)
    end = date(year, 12, 31)
    pk = None
    if head is not None:
        agreement = (
            Agreement.objects.filter(position=head, year=year, status=Agreement.Status.SIGNED)
            .order_by("-revision")
            .first()
        )
        pk = pk_document(agreement) if agreement else None
    return LkjipDocument(
        agency=agency,
        year=year,
        letterhead=letterhead(agency),
        figures=figures,
        groups=_groups(figures, positions, end),
        office=figures.agencies.get(agency.pk),
        comparisons=comparisons,
        texts=texts,
        filled=filled,
        head=holder_signer(head, end, f"Kepala {agency.name} {agency.region}"),
        place=(decree.enacted_at if decree else "") or agency.region.split()[-1],
        pk=pk,
        verified_only=verified_only,
        years=[year - 2, year - 1, year],
        strategy=lkjip_strategy(agency, year),
    )
