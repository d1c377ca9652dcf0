"""What each document prints, as plain data: people, places and dates from the models, every
figure from the achievement read model (``kinerja.measurement.achievement``). The writers (PDF,
DOCX, XLSX) only lay these objects out; none of them computes a figure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from kinerja.accounts.models import Employee
from kinerja.catalog.models import Agency, Decree, Position, Unit
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import Achievement, IndicatorFigure, Rollup
from kinerja.planning.models import Agreement
from kinerja.planning.parties import holder, tanggal
from kinerja.reports.models import NOTE_FIELDS, EvaluationNote
from kinerja.reports.strategy_sections import (
    action_plan_funding,
    evaluation_notes,
    pk_programs,
)
from kinerja.scoring import Granularity, Period
from kinerja.scoring.periods import ROMAN

PLACEHOLDER = "[belum diisi: {what}]"
NOTE_LABELS = {
    "pendorong": "Faktor pendorong",
    "penghambat": "Faktor penghambat",
    "tindak_lanjut": "Tindak lanjut",
}
LKJIP_LABELS = {
    "kata_pengantar": "Kata Pengantar",
    "ikhtisar": "Ikhtisar Eksekutif",
    "pendahuluan": "Bab I Pendahuluan",
    "analisis": "Analisis capaian (penyebab, efisiensi, program pendukung)",
    "anggaran": "Realisasi Anggaran",
    "penutup": "Bab IV Penutup",
}


@dataclass(frozen=True)
class Letterhead:
    government: str  # PEMERINTAH KABUPATEN SAMPANG
    agency: str  # DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL


@dataclass(frozen=True)
class Signer:
    title: str  # with Plt./Plh./Pj. in front
    name: str
    rank: str = ""
    nip: str = ""


def letterhead(agency: Agency) -> Letterhead:
    return Letterhead(f"PEMERINTAH {agency.region}".upper(), agency.name.upper())


def position_title(position: Position) -> str:
    if position.is_head:
        return f"Kepala {position.decree.agency.name} {position.decree.agency.region}"
    return position.name


def signer_of(employee: Employee | None, title: str, acting: str = "") -> Signer:
    title = f"{acting} {title}".strip()
    if employee is None:
        return Signer(title, "")
    return Signer(title, employee.full_name, employee.rank_label, employee.nip)


def holder_signer(position: Position | None, day: date, fallback_title: str) -> Signer:
    found = holder(position, day) if position is not None else None
    if found is None:
        return Signer(fallback_title, "")
    return signer_of(found.employee, position_title(position), found.acting_prefix)


def office_decree(agency: Agency, year: int) -> Decree | None:
    """The decree in force for ``year`` (the latest whose period covers it)."""
    decrees = agency.decrees.filter(period_start__lte=year, period_end__gte=year)
    return decrees.order_by("-period_start", "-pk").first() or agency.decrees.first()


def office_positions(decree: Decree) -> list[Position]:
    return list(decree.positions.select_related("unit", "decree__agency").order_by("order", "pk"))


def head_position(decree: Decree | None) -> Position | None:
    if decree is None:
        return None
    return decree.positions.select_related("decree__agency").filter(is_head=True).first()


def _quarter_end(year: int, quarter: int) -> date:
    end_month = quarter * 3
    nxt = date(year + (end_month == 12), end_month % 12 + 1, 1)
    return date.fromordinal(nxt.toordinal() - 1)


# --- Perjanjian Kinerja ------------------------------------------------------------------------


@dataclass(frozen=True)
class PkRow:
    number: int
    goal: str
    indicator: str
    target: str  # "97,00%", "1.200 dokumen", or "" when not targeted
    not_targeted: str  # the reason, or ""


@dataclass
class PkDocument:
    agreement_id: int
    year: int
    revision: int
    draft: bool
    letterhead: Letterhead
    first: Signer
    second: Signer
    second_is_regional_head: bool
    place: str
    date_text: str
    reason: str
    rows: list[PkRow]
    basis: str  # where the printed targets come from
    valid_text: str
    programs: list = field(default_factory=list)  # annex ProgramRow (strategy_sections)

    @property
    def title(self) -> str:
        suffix = " (PERUBAHAN)" if self.revision else ""
        return f"PERJANJIAN KINERJA TAHUN {self.year}{suffix}"

    @property
    def filename(self) -> str:
        return f"pk-{self.year}-{self.agreement_id}"


def _pk_as_of(agreement: Agreement) -> Period:
    day = agreement.signed_on
    month = day.month if day is not None and day.year == agreement.year else 1
    return Period(agreement.year, Granularity.MONTH, month)


def pk_document(agreement: Agreement) -> PkDocument:
    agreement = Agreement.objects.select_related(
        "position__decree__agency", "first_party", "second_party"
    ).get(pk=agreement.pk)
    position = agreement.position
    agency = position.decree.agency
    items = list(agreement.items.select_related("indicator__goal").order_by("order", "pk"))
    # The items' indicators may belong to other positions (a head's PK carries the office's
    # indicators): the read model covers every position they belong to.
    owners = {position.pk} | {item.indicator.goal.position_id for item in items}
    figures = achievement(
        sorted(owners),
        agreement.year,
        as_of=_pk_as_of(agreement),
        with_cells=False,
        with_quarters=False,
    )
    rows = []
    basis = ""
    for number, item in enumerate(items, start=1):
        figure = figures.of_indicator(item.indicator_id)
        if figure is not None and figure.basis.agreement_id == agreement.pk:
            # a signed PK in force: the read model's target, which is this PK's own
            target = "" if not figure.targeted else figure.target_text
            basis = figure.basis.label
        elif figure is not None and item.target_value is not None and not item.not_targeted_reason:
            # a draft (konsep), a superseded PK, or a head's PK over the office's indicators:
            # the target this document carries, printed with the read model's satuan
            target = figure.show(_range_or_value(item.target_value, item.target_max))
        else:
            target = ""
        rows.append(
            PkRow(
                number, item.goal_statement, item.indicator_name, target, item.not_targeted_reason
            )
        )
    regional = agreement.second_party is None and bool(agreement.second_party_name)
    if regional:
        second = Signer(
            f"{agreement.second_party_acting} {agreement.second_party_title}".strip(),
            agreement.second_party_name,
        )
    else:
        title = agreement.second_party_title
        supervisor = position.supervisor
        if supervisor is not None and supervisor.is_head and title == supervisor.name:
            title = position_title(supervisor)
        second = signer_of(agreement.second_party, title, agreement.second_party_acting)
    valid = ""
    if agreement.valid_from:
        valid = f"Berlaku mulai {tanggal(agreement.valid_from)}"
    if agreement.valid_until:
        valid += f"{' ' if valid else 'Berlaku '}sampai {tanggal(agreement.valid_until)}"
    return PkDocument(
        agreement_id=agreement.pk,
        year=agreement.year,
        revision=agreement.revision,
        draft=agreement.status == Agreement.Status.DRAFT,
        letterhead=letterhead(agency),
        first=signer_of(
            agreement.first_party, position_title(position), agreement.first_party_acting
        ),
        second=second,
        second_is_regional_head=regional,
        place=agreement.signed_at or position.decree.enacted_at or agency.region,
        date_text=tanggal(agreement.signed_on) if agreement.signed_on else "",
        reason=agreement.reason,
        rows=rows,
        basis=basis or _own_basis(agreement),
        valid_text=valid,
        programs=pk_programs(position, agreement.year),
    )


def _own_basis(agreement: Agreement) -> str:
    if agreement.status == Agreement.Status.DRAFT:
        return "konsep PK (belum ditandatangani)"
    signed = tanggal(agreement.signed_on) if agreement.signed_on else ""
    return f"butir PK ini sebagaimana ditandatangani {signed}".strip()


def _range_or_value(low, high):
    from kinerja.scoring import Range

    return Range(low, high) if high is not None else low


# --- figures of an office ----------------------------------------------------------------------


@dataclass
class Group:
    """One position's rows, with its roll-up (the read model's)."""

    position: Position
    responsible: Signer
    rollup: Rollup | None
    rows: list[IndicatorFigure]


def _groups(figures: Achievement, positions: list[Position], day: date) -> list[Group]:
    out = []
    for position in positions:
        rows = figures.of_position(position.pk)
        if not rows:
            continue
        out.append(
            Group(
                position,
                holder_signer(position, day, position_title(position)),
                figures.positions.get(position.pk),
                rows,
            )
        )
    return out


# --- quarterly evaluation (Permendagri 86/2017) ------------------------------------------------


@dataclass
class EvaluationDocument:
    agency: Agency
    year: int
    quarter: int
    letterhead: Letterhead
    figures: Achievement
    groups: list[Group]
    office: Rollup | None
    notes: dict[str, str]  # label -> text (or a placeholder)
    notes_filled: bool
    prepared: Signer
    evaluated: Signer
    place: str
    cut_off: str
    unit: Unit | None = None
    goal_notes: list = field(default_factory=list)  # NoteLine per goal/indicator (#14)
    follow_ups: list = field(default_factory=list)  # last quarter's tindak lanjut, done or not

    @property
    def title(self) -> str:
        where = f"{self.letterhead.agency} {self.agency.region.upper()}"
        if self.unit is not None:
            where = f"{self.unit.name.upper()} {where}"
        quarter = ROMAN[self.quarter - 1]
        return f"EVALUASI TERHADAP HASIL RENJA {where} TRIWULAN {quarter} TAHUN {self.year}"

    @property
    def scope_label(self) -> str:
        return self.unit.name if self.unit else self.agency.name

    @property
    def quarters(self) -> list[int]:
        return list(range(1, 5))

    @property
    def rules(self) -> list[str]:
        rules = self.figures.the_rules
        return rules.lines() if rules else []

    @property
    def filename(self) -> str:
        suffix = f"-unit{self.unit.pk}" if self.unit else ""
        return f"evaluasi-renja-{self.year}-tw{self.quarter}{suffix}"


def unit_scope(unit: Unit) -> set[int]:
    """The unit and every unit below it."""
    children: dict[int | None, list[int]] = {}
    for pk, parent in Unit.objects.filter(agency_id=unit.agency_id).values_list("pk", "parent_id"):
        children.setdefault(parent, []).append(pk)
    found, todo = set(), [unit.pk]
    while todo:
        current = todo.pop()
        if current not in found:
            found.add(current)
            todo.extend(children.get(current, []))
    return found


def unit_lead(positions: list[Position], unit: Unit) -> Position | None:
    """The position that heads the unit (its holder signs): in the unit, its supervisor not."""
    scope = {p.pk for p in positions}
    inside = [p for p in positions if p.unit_id == unit.pk]
    return next((p for p in inside if p.supervisor_id not in scope), inside[0] if inside else None)


def evaluation_document(
    agency: Agency, year: int, quarter: int, *, verified_only: bool = True, unit: Unit | None = None
) -> EvaluationDocument:
    """The whole office's evaluation, or one unit's (with its sub-units; positions are placed in
    units by the catalog, as the read model's unit roll-up counts them)."""
    decree = office_decree(agency, year)
    positions = office_positions(decree) if decree else []
    if unit is not None:
        scope = unit_scope(unit)
        positions = [p for p in positions if p.unit_id in scope]
    figures = achievement(
        positions,
        year,
        as_of=Period(year, Granularity.QUARTER, quarter),
        verified_only=verified_only,
        with_cells=False,
        with_quarters=True,
    )
    end = _quarter_end(year, quarter)
    notes_of = EvaluationNote.objects.filter(agency=agency, year=year, quarter=quarter)
    note = notes_of.filter(unit=unit).first() if unit else notes_of.filter(unit=None).first()
    notes = {}
    for name in NOTE_FIELDS:
        text = getattr(note, name, "") if note else ""
        notes[NOTE_LABELS[name]] = text or PLACEHOLDER.format(what=NOTE_LABELS[name].lower())
    goal_notes, follow_ups = evaluation_notes(
        agency, year, quarter, unit_scope(unit) if unit is not None else None
    )
    head = head_position(decree) if unit is None else unit_lead(positions, unit)
    office = figures.agencies.get(agency.pk) if unit is None else figures.units.get(unit.pk)
    return EvaluationDocument(
        agency=agency,
        year=year,
        quarter=quarter,
        letterhead=letterhead(agency),
        figures=figures,
        groups=_groups(figures, positions, end),
        office=office,
        notes=notes,
        notes_filled=bool(note and any(getattr(note, n) for n in NOTE_FIELDS)),
        prepared=holder_signer(head, end, f"Kepala {unit.name if unit else agency.name}"),
        evaluated=Signer(f"Kepala Bappeda {agency.region}", ""),
        place=(decree.enacted_at if decree else "") or agency.region.split()[-1],
        cut_off=tanggal(end),
        unit=unit,
        goal_notes=goal_notes,
        follow_ups=follow_ups,
    )


# --- Rencana Aksi ------------------------------------------------------------------------------


@dataclass
class ActionPlanDocument:
    agency: Agency
    year: int
    letterhead: Letterhead
    groups: list[Group]
    signer: Signer
    place: str
    funding: dict = field(default_factory=dict)  # goal id -> (sub kegiatan, anggaran) (#14)

    @property
    def title(self) -> str:
        return f"RENCANA AKSI TAHUN {self.year}"

    @property
    def filename(self) -> str:
        return f"rencana-aksi-{self.year}"


def quarter_texts(figure: IndicatorFigure) -> list[str]:
    """TW I-IV targets as printed (the read model's quarterly targets, with satuan)."""
    if not figure.quarterly_targets:
        return ["", "", "", ""]
    return [figure.show(q) for q in figure.quarterly_targets]


def action_plan_document(
    agency: Agency, year: int, positions: list[Position] | None = None
) -> ActionPlanDocument:
    decree = office_decree(agency, year)
    if positions is None:
        positions = office_positions(decree) if decree else []
    figures = achievement(
        positions,
        year,
        as_of=Period(year, Granularity.YEAR),
        with_cells=False,
        with_quarters=False,
    )
    day = date(year, 1, 1)
    head = head_position(decree)
    return ActionPlanDocument(
        agency=agency,
        year=year,
        letterhead=letterhead(agency),
        groups=_groups(figures, positions, day),
        signer=holder_signer(head, day, f"Kepala {agency.name} {agency.region}"),
        place=(decree.enacted_at if decree else "") or agency.region.split()[-1],
        funding=action_plan_funding(agency, year),
    )
