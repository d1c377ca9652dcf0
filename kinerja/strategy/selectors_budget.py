"""Reads of programs and budget, the efficiency table, the quarterly notes and the earlier
years, as plain data for the pages and the documents (``kinerja.reports`` reads these).

Money is summed in rupiah first and only then divided (serapan of a program = its sub
kegiatan's spending summed / their pagu summed), never by averaging percentages.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kinerja.catalog.models import Agency, Position
from kinerja.core.numbers import format_number
from kinerja.strategy import efficiency as eff
from kinerja.strategy.models import (
    BudgetItem,
    CascadeLink,
    EarlierRealization,
    Iku,
    Pagu,
    QuarterNote,
    Spending,
)
from kinerja.strategy.selectors import decree_for, iku_rows, renstra_for, show

ZERO = Decimal(0)


def rupiah(value: Decimal | None) -> str:
    """ "Rp1.234.500" (sen only when there are)."""
    if value is None:
        return ""
    places = 0 if value == value.to_integral_value() else 2
    return "Rp" + format_number(value, places)


def percent(value: Decimal | None) -> str:
    return "" if value is None else format_number(value, 2) + "%"


@dataclass
class BudgetLine:
    item: BudgetItem
    depth: int
    pagu: Decimal | None
    spent: Decimal
    quarters: list[Decimal]  # spending per quarter
    serapan: Decimal | None
    reason: str | None
    responsible: str = ""
    goals: list[str] = field(default_factory=list)

    @property
    def pagu_text(self) -> str:
        return rupiah(self.pagu)

    @property
    def spent_text(self) -> str:
        return rupiah(self.spent)

    @property
    def serapan_text(self) -> str:
        return percent(self.serapan)

    @property
    def quarter_texts(self) -> list[str]:
        return [rupiah(q) for q in self.quarters]


@dataclass
class BudgetView:
    agency: Agency
    year: int
    lines: list[BudgetLine]
    total: BudgetLine | None
    through_month: int | None  # the last month with spending

    @property
    def through_label(self) -> str:
        from kinerja.scoring.periods import MONTH_NAMES

        if not self.through_month:
            return ""
        return f"{MONTH_NAMES[self.through_month - 1]} {self.year}"


def _sums(agency: Agency, year: int, through_month: int | None = None):
    pagu = {p.item_id: p.amount for p in Pagu.objects.filter(item__agency=agency, year=year)}
    spent: dict[int, list[Decimal]] = defaultdict(lambda: [ZERO] * 12)
    months = Spending.objects.filter(item__agency=agency, year=year)
    if through_month is not None:
        months = months.filter(month__lte=through_month)
    last = None
    for s in months:
        spent[s.item_id][s.month - 1] += s.amount
        last = max(last or 0, s.month)
    return pagu, spent, last


def budget_view(agency: Agency, year: int, *, through_month: int | None = None) -> BudgetView:
    """Programs, kegiatan and sub kegiatan with pagu, spending per quarter and serapan; a
    program's and kegiatan's figures are its sub kegiatan's summed."""
    items = list(
        BudgetItem.objects.filter(agency=agency)
        .select_related("responsible")
        .prefetch_related("goals")
        .order_by("code")
    )
    pagu, spent, last = _sums(agency, year, through_month)
    subs = [i for i in items if i.level == BudgetItem.Level.SUB]
    lines = []
    for item in items:
        below = [s for s in subs if s.code == item.code or s.code.startswith(item.code + ".")]
        with_pagu = [s for s in below if s.pk in pagu]
        if not with_pagu and not any(s.pk in spent for s in below):
            continue  # nothing budgeted this year
        lines.append(_line(item, below, pagu, spent))
    total = _line(None, subs, pagu, spent) if lines else None
    return BudgetView(agency, year, lines, total, through_month or last)


def _line(item, below, pagu, spent) -> BudgetLine:
    amounts = [pagu[s.pk] for s in below if s.pk in pagu]
    total_pagu = sum(amounts, ZERO) if amounts else None
    months = [sum((spent[s.pk][m] for s in below if s.pk in spent), ZERO) for m in range(12)]
    spent_total = sum(months, ZERO)
    absorbed, reason = eff.serapan(total_pagu, spent_total)
    return BudgetLine(
        item=item,
        depth={"program": 0, "kegiatan": 1, "sub": 2}.get(getattr(item, "level", ""), 0),
        pagu=total_pagu,
        spent=spent_total,
        quarters=[sum(months[q * 3 : q * 3 + 3], ZERO) for q in range(4)],
        serapan=absorbed,
        reason=reason,
        responsible=item.responsible.name if item is not None and item.responsible else "",
        goals=[g.statement for g in item.goals.all()] if item is not None else [],
    )


# --- efficiency --------------------------------------------------------------------------------


@dataclass
class EfficiencyRow:
    sasaran: str
    iku: str
    capaian: Decimal | None
    capaian_reason: str | None
    program: str
    pagu: Decimal | None
    spent: Decimal
    result: eff.Efficiency

    @property
    def cells(self) -> list[str]:
        r = self.result
        value = f"{r.label} ({percent(r.value)})" if r.value is not None else r.label
        return [
            f"{self.sasaran} — {self.iku}",
            percent(self.capaian) or f"tidak dapat dihitung: {self.capaian_reason}",
            self.program,
            rupiah(self.pagu),
            rupiah(self.spent),
            percent(r.serapan) or f"tidak dapat dihitung: {r.reason}",
            value if r.label else f"tidak dapat dihitung: {r.reason}",
        ]


def _ikus_of_goal(decree_id: int) -> dict[int, list[int]]:
    """Goal id -> the IKU its chain of links reaches (goals of ``decree_id``)."""
    up: dict[int, int] = {}
    ikus: dict[int, list[int]] = defaultdict(list)
    for link in CascadeLink.objects.filter(goal__position__decree_id=decree_id).order_by("pk"):
        if link.parent_goal_id is not None:
            up[link.goal_id] = link.parent_goal_id
        else:
            ikus[link.goal_id].append(link.parent_iku_id)
    out = {}
    for goal_id in {*up, *ikus}:
        seen, current = set(), goal_id
        while current in up and current not in seen:
            seen.add(current)
            current = up[current]
        if ikus.get(current):
            out[goal_id] = ikus[current]
    return out


def efficiency_table(agency: Agency, year: int) -> list[EfficiencyRow]:
    """``Sasaran | Capaian % | Program | Pagu | Realisasi Rp | Serapan % | Efisiensi``: one row
    per IKU and program funding it (through the sub kegiatan whose goals reach the IKU)."""
    renstra = renstra_for(agency, year)
    decree = decree_for(agency, year)
    if renstra is None or decree is None:
        return []
    rows, _ = iku_rows(renstra, year, decree)
    reach = _ikus_of_goal(decree.pk)
    pagu, spent, _ = _sums(agency, year)
    programs = {i.pk: i for i in BudgetItem.objects.filter(agency=agency, level="program")}
    funded: dict[tuple[int, int], set[int]] = defaultdict(set)  # (iku, program) -> subs
    for sub in (
        BudgetItem.objects.filter(agency=agency, level="sub")
        .prefetch_related("goals")
        .select_related("parent")
    ):
        program_id = sub.parent.parent_id if sub.parent else None
        for goal in sub.goals.all():
            for iku_id in reach.get(goal.pk, []):
                if program_id is not None:
                    funded[(iku_id, program_id)].add(sub.pk)
    out = []
    for row in rows:
        capaian = row.figure.capaian if row.figure else None
        keys = sorted((k for k in funded if k[0] == row.iku.pk), key=lambda k: programs[k[1]].code)
        for _, program_id in keys:
            subs = funded[(row.iku.pk, program_id)]
            amounts = [pagu[s] for s in subs if s in pagu]
            total_pagu = sum(amounts, ZERO) if amounts else None
            total_spent = sum((sum(spent[s], ZERO) for s in subs if s in spent), ZERO)
            program = programs[program_id]
            out.append(
                EfficiencyRow(
                    sasaran=row.sasaran,
                    iku=f"{row.iku.code} {row.iku.name}",
                    capaian=capaian,
                    capaian_reason=row.reason,
                    program=f"{program.code} {program.name}",
                    pagu=total_pagu,
                    spent=total_spent,
                    result=eff.efficiency(capaian, total_pagu, total_spent),
                )
            )
    return out


# --- documents: PK annex, Rencana Aksi ----------------------------------------------------------


def programs_of_position(position: Position, year: int) -> list[tuple[str, Decimal | None]]:
    """``Program | Anggaran`` of a PK: the programs whose sub kegiatan the position answers for
    (the head: every program of the agency), with their pagu summed for the year."""
    agency = position.decree.agency
    subs = BudgetItem.objects.filter(agency=agency, level="sub").select_related("parent__parent")
    if not position.is_head:
        same = Q(responsible=position)
        stable = getattr(position, "stable_key", "")
        if stable:  # the same jabatan in another decree of the agency
            same |= Q(responsible__stable_key=stable, responsible__decree__agency=agency)
        subs = subs.filter(same)
    pagu = {p.item_id: p.amount for p in Pagu.objects.filter(item__in=subs, year=year)}
    totals: dict[str, list[Decimal]] = defaultdict(list)
    for sub in subs:
        program = sub.parent.parent if sub.parent and sub.parent.parent else None
        if program is not None and sub.pk in pagu:
            totals[f"{program.code} {program.name}"].append(pagu[sub.pk])
    return [(name, sum(v, ZERO)) for name, v in sorted(totals.items())]


def funding_of_indicators(agency: Agency, year: int) -> dict[int, tuple[str, Decimal | None]]:
    """Goal id -> (sub kegiatan names, their pagu summed) for the Rencana Aksi columns."""
    pagu = {p.item_id: p.amount for p in Pagu.objects.filter(item__agency=agency, year=year)}
    by_goal: dict[int, list[BudgetItem]] = defaultdict(list)
    for sub in BudgetItem.objects.filter(agency=agency, level="sub").prefetch_related("goals"):
        for goal in sub.goals.all():
            by_goal[goal.pk].append(sub)
    out = {}
    for goal_id, subs in by_goal.items():
        amounts = [pagu[s.pk] for s in subs if s.pk in pagu]
        out[goal_id] = (
            "; ".join(f"{s.code} {s.name}" for s in sorted(subs, key=lambda s: s.code)),
            sum(amounts, ZERO) if amounts else None,
        )
    return out


# --- notes and earlier years -------------------------------------------------------------------


@dataclass
class NoteRow:
    note: QuarterNote
    subject: str
    owner: str


def notes(
    agency: Agency, year: int, quarter: int, *, unit_ids: set[int] | None = None
) -> list[NoteRow]:
    """The quarter's notes (of some units only when ``unit_ids`` is given), subject in words."""
    qs = QuarterNote.objects.filter(agency=agency, year=year, quarter=quarter).select_related(
        "goal__position", "indicator__goal__position", "iku", "unit"
    )
    rows = []
    for n in qs.order_by("pk"):
        if unit_ids is not None and n.unit_id not in unit_ids:
            continue
        if n.goal is not None:
            subject, owner = f"Kinerja: {n.goal.statement}", n.goal.position.name
        elif n.indicator is not None:
            subject, owner = f"Indikator: {n.indicator.name}", n.indicator.goal.position.name
        else:
            subject, owner = f"IKU {n.iku.code}: {n.iku.name}", "Kantor"
        rows.append(NoteRow(n, subject, n.unit.name if n.unit else owner))
    return rows


def previous_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year - 1, 4) if quarter == 1 else (year, quarter - 1)


@dataclass
class EarlierRow:
    label: str
    satuan: str
    values: dict[int, tuple[str, str]]  # year -> (value text, source)
    baseline: str = ""


def earlier_years(agency: Agency, year: int) -> tuple[list[int], list[EarlierRow]]:
    """N-2 and N-1 (and the Renstra baseline) of every IKU of the Renstra covering ``year``,
    from the realizations entered as "before the system", each with its source."""
    years = [year - 2, year - 1]
    renstra = renstra_for(agency, year)
    if renstra is None:
        return years, []
    found = defaultdict(dict)
    for e in EarlierRealization.objects.filter(
        agency=agency,
        iku__sasaran__tujuan__renstra=renstra,
        year__in=[*years, renstra.baseline_year],
    ):
        found[e.iku_id][e.year] = e
    rows = []
    for iku in Iku.objects.filter(sasaran__tujuan__renstra=renstra).order_by(
        "sasaran__tujuan__code", "sasaran__code", "order", "code"
    ):
        values = {
            y: (show(e.value, iku.satuan, iku.decimals), e.source)
            for y, e in found[iku.pk].items()
            if y in years
        }
        base = found[iku.pk].get(renstra.baseline_year)
        baseline = show(iku.baseline, iku.satuan, iku.decimals)
        if base is not None:
            baseline = f"{show(base.value, iku.satuan, iku.decimals)} ({base.source})"
        rows.append(EarlierRow(f"{iku.code} {iku.name}", iku.satuan, values, baseline))
    return years, rows


def first_system_year(agency: Agency) -> int | None:
    """The first year with realizations in the system: earlier years are entered apart."""
    from django.db.models import Min

    from kinerja.measurement.models import Realization

    return Realization.objects.filter(position__decree__agency=agency).aggregate(y=Min("year"))["y"]
