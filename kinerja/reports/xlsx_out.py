"""XLSX documents (openpyxl): real number cells with number formats, never numbers as text.

Figures are the read model's Decimals written as numbers; a count shows without decimals
("#,##0"), a percentage, ratio and capaian with two ("#,##0.00"). A figure that cannot be
computed is an empty cell and its reason goes in the "Keterangan" column.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from kinerja.measurement.achievement_types import IndicatorFigure
from kinerja.reports.builders import (
    ActionPlanDocument,
    EvaluationDocument,
    Signer,
)
from kinerja.reports.builders_lkjip import LkjipDocument
from kinerja.reports.xlsx_strategy import note_lines, strategy_sheets
from kinerja.scoring import Range

THIN = Side(style="thin", color="000000")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
GROUP_FILL = PatternFill("solid", fgColor="F3F3F3")
PERCENT = "#,##0.00"
WRAP = Alignment(wrap_text=True, vertical="top")


def number_format(figure: IndicatorFigure) -> str:
    return "#,##0" if figure.decimals == 0 else "#,##0." + "0" * figure.decimals


def _number(value) -> Decimal | None:
    if value is None or isinstance(value, Range):
        return None
    if hasattr(value, "rounded"):
        value = value.rounded()
    return Decimal(value)


def put(ws, row: int, column: int, value):
    """A cell that is always data: a text starting with "=" (a note, a name from a decree) stays
    text and is never read as a formula by the spreadsheet."""
    cell = ws.cell(row, column, value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


class Sheet:
    """A worksheet written row by row, with titles, a boxed header and boxed rows."""

    def __init__(self, ws, widths: Sequence[int]):
        self.ws = ws
        self.row = 1
        self.columns = len(widths)
        for i, width in enumerate(widths, start=1):
            ws.column_dimensions[get_column_letter(i)].width = width

    def title(self, text: str, *, bold: bool = True) -> None:
        cell = put(self.ws, self.row, 1, text)
        cell.font = Font(bold=bold, size=12 if bold else 10)
        self.ws.merge_cells(
            start_row=self.row, start_column=1, end_row=self.row, end_column=self.columns
        )
        cell.alignment = Alignment(horizontal="center")
        self.row += 1

    def text(self, text: str, *, bold: bool = False) -> None:
        cell = put(self.ws, self.row, 1, text)
        cell.font = Font(bold=bold)
        self.row += 1

    def header(self, labels: Sequence[str]) -> None:
        for i, label in enumerate(labels, start=1):
            cell = put(self.ws, self.row, i, label)
            cell.font = Font(bold=True)
            cell.fill = HEAD_FILL
            cell.border = BOX
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        self.ws.freeze_panes = self.ws.cell(self.row + 1, 1)
        self.row += 1

    def line(self, values: Sequence, formats: dict[int, str] | None = None, *, fill=None) -> None:
        formats = formats or {}
        for i, value in enumerate(values, start=1):
            cell = put(self.ws, self.row, i, value)
            cell.border = BOX
            cell.alignment = WRAP
            if fill is not None:
                cell.fill = fill
                cell.font = Font(bold=True)
            if i - 1 in formats and value is not None:
                cell.number_format = formats[i - 1]
        self.row += 1

    def group(self, text: str) -> None:
        self.line([text] + [None] * (self.columns - 1), fill=GROUP_FILL)

    def blank(self) -> None:
        self.row += 1

    def signature(self, column: int, role: str, s: Signer, place_date: str = "") -> None:
        lines = [place_date, role, s.title, "", "", s.name or "....................", s.rank]
        if s.nip:
            lines.append(f"NIP. {s.nip}")
        for offset, text in enumerate(lines):
            if text:
                put(self.ws, self.row + offset, column, text)


def workbook_bytes(wb: Workbook) -> bytes:
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _reason(figure: IndicatorFigure) -> str:
    parts = []
    if figure.reason:
        parts.append(figure.reason)
    if figure.provisional:
        parts.append("sementara: ada realisasi belum diverifikasi")
    if figure.target_max is not None:
        parts.append(f"target rentang {figure.target_text}")
    return "; ".join(parts)


# --- quarterly evaluation ----------------------------------------------------------------------

EVAL_HEAD = [
    "No",
    "Sasaran",
    "Indikator Kinerja",
    "Satuan",
    "Target Renja",
    *[f"{label} TW {r}" for r in ("I", "II", "III", "IV") for label in ("Target", "Realisasi")],
    *[f"Capaian TW {r} (%)" for r in ("I", "II", "III", "IV")],
    "Realisasi s.d. TW",
    "Capaian Renja (%)",
    "Predikat",
    "Dasar target",
    "Penanggung jawab",
    "Keterangan",
]


def evaluation_xlsx(doc: EvaluationDocument) -> bytes:
    wb = Workbook()
    sheet = Sheet(wb.active, [5, 32, 40, 10, 12, *[12] * 8, *[10] * 4, 13, 11, 14, 24, 28, 34])
    wb.active.title = f"Evaluasi TW {doc.quarter}"
    sheet.title(doc.title)
    sheet.title(f"Data {doc.figures.as_of_label} (batas data {doc.cut_off})", bold=False)
    what = "hanya realisasi terverifikasi" if doc.figures.verified_only else "termasuk sementara"
    sheet.text(f"Realisasi: {what}")
    sheet.header(EVAL_HEAD)
    number = 0
    for group in doc.groups:
        sheet.group(f"{group.position.name} — {group.responsible.name}".rstrip(" —"))
        for f in group.rows:
            number += 1
            fmt = number_format(f)
            quarters = {q.quarter: q for q in f.quarters}
            tw_values, tw_capaian = [], []
            for q in range(1, 5):
                figure = quarters.get(q)
                tw_values += [
                    _number(figure.target) if figure else None,
                    _number(figure.value) if figure else None,
                ]
                tw_capaian.append(figure.capaian if figure else None)
            formats = {4: fmt, **{5 + i: fmt for i in range(8)}}
            formats.update({13 + i: PERCENT for i in range(4)})
            formats.update({17: fmt, 18: PERCENT})
            sheet.line(
                [
                    number,
                    f.goal_statement,
                    f.name,
                    f.satuan,
                    _number(f.target),
                    *tw_values,
                    *tw_capaian,
                    f.value,
                    f.capaian,
                    f.predicate or "",
                    f.basis.label,
                    group.position.name,
                    _reason(f),
                ],
                formats,
            )
    sheet.blank()
    office = doc.office
    sheet.line(
        [
            None,
            "Rata-rata capaian kantor"
            if doc.unit is None
            else f"Rata-rata capaian {doc.unit.name}",
            office.label if office else "",
            None,
            None,
            *[None] * 12,
            None,
            office.capaian if office else None,
            office.predicate if office else "",
            None,
            None,
            _rollup_note(office),
        ],
        {18: PERCENT},
        fill=GROUP_FILL,
    )
    sheet.blank()
    for label, text in doc.notes.items():
        sheet.text(f"{label}: {text}")
    note_lines(sheet, doc)
    sheet.blank()
    for line in doc.rules:
        sheet.text(line)
    sheet.blank()
    sheet.signature(2, "Dievaluasi oleh", doc.evaluated)
    sheet.signature(
        EVAL_HEAD.index("Penanggung jawab") + 1,
        "Disusun oleh",
        doc.prepared,
        f"{doc.place}, ....................",
    )
    return workbook_bytes(wb)


def _rollup_note(rollup) -> str:
    if rollup is None:
        return ""
    text = f"{rollup.counted} indikator dihitung"
    if rollup.not_computed:
        text += f", {rollup.not_computed} tidak dapat dihitung"
    if rollup.not_targeted:
        text += f", {rollup.not_targeted} tidak ditargetkan"
    return text


# --- Rencana Aksi ------------------------------------------------------------------------------

ACTION_HEAD = [
    "No",
    "Sasaran",
    "Indikator",
    "Satuan",
    "Target tahunan",
    "TW I",
    "TW II",
    "TW III",
    "TW IV",
    "Sub kegiatan",
    "Anggaran (Rp)",
    "Penanggung jawab",
    "Keterangan",
]


def action_plan_xlsx(doc: ActionPlanDocument) -> bytes:
    wb = Workbook()
    wb.active.title = f"Rencana Aksi {doc.year}"
    sheet = Sheet(wb.active, [5, 32, 40, 10, 14, 12, 12, 12, 12, 24, 16, 30, 30])
    sheet.title(doc.title)
    sheet.title(f"{doc.letterhead.agency} {doc.agency.region.upper()}", bold=False)
    sheet.header(ACTION_HEAD)
    number = 0
    for group in doc.groups:
        sheet.group(group.position.name)
        for f in group.rows:
            number += 1
            fmt = number_format(f)
            quarters = list(f.quarterly_targets or (None, None, None, None))
            note = f.basis.label
            if not f.targeted:
                note = f"tidak ditargetkan: {f.not_targeted_reason}"
            elif f.quarterly_targets is None:
                note += "; target triwulan belum disusun"
            sheet.line(
                [
                    number,
                    f.goal_statement,
                    f.name,
                    f.satuan,
                    _number(f.target),
                    *quarters,
                    *(doc.funding.get(f.goal_id) or ("", "", None))[::2],
                    _responsible(group),
                    note,
                ],
                {4: fmt, 5: fmt, 6: fmt, 7: fmt, 8: fmt, 10: "#,##0"},
            )
    sheet.blank()
    if not doc.funding:
        sheet.text("Sub kegiatan dan anggaran belum tercatat dalam aplikasi; diisi dari DPA.")
    return workbook_bytes(wb)


def _responsible(group) -> str:
    name = group.responsible.name
    return f"{group.position.name} ({name})" if name else group.position.name


# --- LKjIP tables ------------------------------------------------------------------------------


def lkjip_xlsx(doc: LkjipDocument) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Capaian"
    sheet = Sheet(ws, [5, 34, 40, 10, 14, 14, 12, 16, 30])
    sheet.title(f"Capaian Kinerja {doc.year}")
    sheet.header(
        [
            "No",
            "Sasaran",
            "Indikator",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Predikat",
            "Keterangan",
        ]
    )
    for number, f in enumerate(doc.rows, start=1):
        fmt = number_format(f)
        sheet.line(
            [
                number,
                f.goal_statement,
                f.name,
                f.satuan,
                _number(f.target),
                f.value,
                f.capaian,
                f.predicate or "",
                _reason(f),
            ],
            {4: fmt, 5: fmt, 6: PERCENT},
        )
    office = doc.office
    sheet.line(
        [None, "Rata-rata capaian", None, None, None, None, office.capaian if office else None,
         office.predicate if office else "", _rollup_note(office)],
        {6: PERCENT},
        fill=GROUP_FILL,
    )  # fmt: skip
    ws2 = wb.create_sheet("Perbandingan")
    sheet = Sheet(ws2, [5, 40, 10, 14, 14, 14, 14, 14])
    n2, n1, n = doc.years
    sheet.title(f"Realisasi dan capaian {n2}–{n}")
    sheet.header(
        [
            "No",
            "Indikator",
            "Satuan",
            f"Realisasi {n2}",
            f"Realisasi {n1}",
            f"Realisasi {n}",
            f"Capaian {n1} (%)",
            f"Capaian {n} (%)",
        ]
    )
    for number, c in enumerate(doc.comparisons, start=1):
        f = c.figure
        fmt = number_format(f)
        before2, before1 = c.before
        sheet.line(
            [
                number,
                f.name,
                f.satuan,
                before2.value if before2 else None,
                before1.value if before1 else None,
                f.value,
                before1.capaian if before1 else None,
                f.capaian,
            ],
            {3: fmt, 4: fmt, 5: fmt, 6: PERCENT, 7: PERCENT},
        )
    strategy_sheets(wb, doc.strategy)
    ws3 = wb.create_sheet("Aturan")
    sheet = Sheet(ws3, [120])
    for line in doc.rules:
        sheet.text(line)
    return workbook_bytes(wb)


# --- a table page (the position's figures) -----------------------------------------------------


def figures_xlsx(title: str, subtitle: str, figures: list[IndicatorFigure], rules: list[str]):
    """The position page's table: target, realisation, official capaian, predicate, progress."""
    wb = Workbook()
    wb.active.title = "Capaian"
    sheet = Sheet(wb.active, [5, 34, 40, 10, 14, 14, 12, 16, 14, 12, 18, 30])
    sheet.title(title)
    sheet.title(subtitle, bold=False)
    sheet.header(
        [
            "No",
            "Sasaran",
            "Indikator",
            "Satuan",
            "Target",
            "Realisasi",
            "Capaian (%)",
            "Predikat",
            "Target s.d. periode",
            "Progres (%)",
            "Status",
            "Keterangan",
        ]
    )
    for number, f in enumerate(figures, start=1):
        fmt = number_format(f)
        sheet.line(
            [
                number,
                f.goal_statement,
                f.name,
                f.satuan,
                _number(f.target),
                f.value,
                f.capaian,
                f.predicate or "",
                _number(f.expected),
                f.progress,
                f.status_label,
                "; ".join(x for x in (_reason(f), f.basis.label) if x),
            ],
            {4: fmt, 5: fmt, 6: PERCENT, 8: fmt, 9: PERCENT},
        )
    sheet.blank()
    for line in rules:
        sheet.text(line)
    return workbook_bytes(wb)


def agreements_xlsx(agreements) -> bytes:
    """The PK list page as a workbook: one row per PK, dates as date cells."""
    wb = Workbook()
    wb.active.title = "Perjanjian Kinerja"
    sheet = Sheet(wb.active, [8, 40, 10, 30, 22, 30, 22, 16, 14, 18])
    sheet.title("Daftar Perjanjian Kinerja")
    sheet.header(
        [
            "Tahun",
            "Jabatan",
            "Perubahan ke",
            "Pihak pertama",
            "NIP pihak pertama",
            "Pihak kedua",
            "NIP pihak kedua",
            "Status",
            "Tanggal tanda tangan",
            "Tempat",
        ]
    )
    for a in agreements:
        second = a.second_party
        second_name = second.full_name if second else a.second_party_name
        sheet.line(
            [
                a.year,
                a.position.name,
                a.revision,
                f"{a.first_party_acting} {a.first_party.full_name}".strip(),
                a.first_party.nip,
                f"{a.second_party_acting} {second_name}".strip() or a.second_party_title,
                second.nip if second else "",
                a.get_status_display(),
                a.signed_on,
                a.signed_at,
            ],
            {0: "0", 2: "0", 8: "dd/mm/yyyy"},
        )
    return workbook_bytes(wb)
