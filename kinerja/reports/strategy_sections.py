"""What the documents take from the Renstra, the budget and the evaluation meetings (issue #14),
as plain data from ``kinerja.strategy``'s selectors: the PK annex's programs, the Rencana Aksi's
sub kegiatan and budget, the LKjIP's efficiency table, budget per program, earlier years and
evaluation notes, and the quarterly evaluation's notes per goal with last quarter's follow-up.
Nothing here computes a capaian: efficiency and serapan are the strategy app's documented rule
over the read model's capaian."""

from __future__ import annotations

from dataclasses import dataclass, field

from kinerja.catalog.models import Agency, Position
from kinerja.strategy import efficiency as efficiency_rule
from kinerja.strategy import selectors_budget as budget

PLACEHOLDER_PROGRAMS = "[program dan anggaran belum tercatat dalam aplikasi; diisi dari DPA]"


@dataclass(frozen=True)
class ProgramRow:
    number: int
    name: str
    amount: str  # "Rp1.560.000.000"
    note: str


def pk_programs(position: Position, year: int) -> list[ProgramRow]:
    """``No | Program | Anggaran | Keterangan`` of a PK annex: the programs whose sub kegiatan
    the position answers for (every program for the head), pagu of the year's DPA."""
    rows = budget.programs_of_position(position, year)
    return [
        ProgramRow(n, name, budget.rupiah(amount), f"pagu DPA {year}")
        for n, (name, amount) in enumerate(rows, start=1)
    ]


def action_plan_funding(agency: Agency, year: int) -> dict[int, tuple]:
    """Goal id -> (sub kegiatan funding it, their pagu as printed, the pagu in rupiah) for the
    Rencana Aksi's columns."""
    return {
        goal_id: (names, budget.rupiah(amount), amount)
        for goal_id, (names, amount) in budget.funding_of_indicators(agency, year).items()
    }


@dataclass(frozen=True)
class NoteLine:
    quarter: int
    subject: str
    owner: str
    pendorong: str
    penghambat: str
    tindak_lanjut: str
    follow_up: str  # "terlaksana (oleh ...)", "belum terlaksana ...", "belum diperiksa", ""


def _note_lines(rows) -> list[NoteLine]:
    out = []
    for r in rows:
        n = r.note
        if not n.tindak_lanjut:
            follow = ""
        elif n.follow_up_done is None:
            follow = "belum diperiksa"
        else:
            state = "terlaksana" if n.follow_up_done else "belum terlaksana"
            follow = f"{state} (oleh {n.follow_up_by})" + (
                f"; {n.follow_up_note}" if n.follow_up_note else ""
            )
        out.append(
            NoteLine(
                n.quarter, r.subject, r.owner, n.pendorong, n.penghambat, n.tindak_lanjut, follow
            )
        )
    return out


def evaluation_notes(
    agency: Agency, year: int, quarter: int, unit_ids: set[int] | None = None
) -> tuple[list[NoteLine], list[NoteLine]]:
    """The quarter's notes per goal/indicator and the previous quarter's follow-ups."""
    prev_year, prev_quarter = budget.previous_quarter(year, quarter)
    now = _note_lines(budget.notes(agency, year, quarter, unit_ids=unit_ids))
    before = [
        line
        for line in _note_lines(budget.notes(agency, prev_year, prev_quarter, unit_ids=unit_ids))
        if line.tindak_lanjut
    ]
    return now, before


@dataclass
class BudgetLine:
    code: str
    name: str
    pagu: str
    spent: str
    serapan: str
    values: tuple = ()  # (pagu, spent, serapan) as numbers, for the XLSX


@dataclass
class LkjipStrategy:
    efficiency_rule: str
    efficiency: list[list[str]] = field(default_factory=list)
    programs: list[BudgetLine] = field(default_factory=list)
    total: BudgetLine | None = None
    earlier_years: list[int] = field(default_factory=list)
    earlier: list[tuple[str, list[tuple[str, str]], str]] = field(default_factory=list)
    notes: list[NoteLine] = field(default_factory=list)


def lkjip_strategy(agency: Agency, year: int) -> LkjipStrategy:
    """The LKjIP's efficiency table, budget per program, earlier years (before the system, with
    their sources, apart from the system's figures) and the year's evaluation notes."""
    view = budget.budget_view(agency, year)
    years, earlier = budget.earlier_years(agency, year)
    out = LkjipStrategy(
        efficiency_rule=efficiency_rule.RULE,
        efficiency=[row.cells for row in budget.efficiency_table(agency, year)],
        programs=[
            BudgetLine(
                line.item.code,
                line.item.name,
                line.pagu_text,
                line.spent_text,
                line.serapan_text or line.reason or "",
                (line.pagu, line.spent, line.serapan),
            )
            for line in view.lines
            if line.item.level == "program"
        ],
        earlier_years=years,
        earlier=[
            (row.label, [row.values.get(y, ("–", "")) for y in years], row.baseline)
            for row in earlier
        ],
    )
    if view.total is not None:
        t = view.total
        out.total = BudgetLine(
            "",
            "Jumlah",
            t.pagu_text,
            t.spent_text,
            t.serapan_text or "",
            (t.pagu, t.spent, t.serapan),
        )
    for quarter in range(1, 5):
        out.notes += _note_lines(budget.notes(agency, year, quarter))
    return out
