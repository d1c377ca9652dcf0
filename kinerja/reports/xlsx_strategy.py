"""The XLSX parts of the documents that come from the Renstra, budget and evaluation meetings
(issue #14, ``strategy_sections``): the LKjIP's sheets "Efisiensi", "Anggaran", "Tahun
sebelumnya" and "Catatan evaluasi", and the quarterly evaluation's notes per goal. Rupiah are
number cells (``#,##0``); a figure that cannot be computed is text saying why."""

from __future__ import annotations

from typing import Any

RUPIAH = "#,##0"


def note_lines(sheet: Any, doc: Any) -> None:
    """The evaluation's notes per goal/indicator and last quarter's follow-up, as text lines."""
    if doc.follow_ups:
        sheet.blank()
        sheet.text("Tindak lanjut triwulan sebelumnya", bold=True)
        for n in doc.follow_ups:
            sheet.text(f"{n.subject} ({n.owner}): {n.tindak_lanjut} — {n.follow_up}")
    if doc.goal_notes:
        sheet.blank()
        sheet.text("Catatan per kinerja dan indikator", bold=True)
        for n in doc.goal_notes:
            sheet.text(
                f"{n.subject} ({n.owner}). Faktor pendorong: {n.pendorong or '–'}. Faktor "
                f"penghambat: {n.penghambat or '–'}. Tindak lanjut: {n.tindak_lanjut or '–'}."
            )


def strategy_sheets(wb: Any, strategy: Any) -> None:
    from kinerja.reports.xlsx_out import PERCENT, Sheet

    if strategy is None:
        return
    if strategy.efficiency:
        sheet = Sheet(wb.create_sheet("Efisiensi"), [50, 16, 40, 18, 18, 16, 30])
        sheet.title("Efisiensi penggunaan anggaran")
        sheet.header(
            ["Sasaran", "Capaian %", "Program", "Pagu", "Realisasi Rp", "Serapan %", "Efisiensi"]
        )
        for cells in strategy.efficiency:
            sheet.line(cells)
        sheet.blank()
        sheet.text(strategy.efficiency_rule)
    if strategy.programs:
        sheet = Sheet(wb.create_sheet("Anggaran"), [60, 20, 20, 12])
        sheet.title("Realisasi anggaran per program")
        sheet.header(["Program/Kegiatan", "Pagu", "Realisasi", "%"])
        for b in [*strategy.programs, *([strategy.total] if strategy.total else [])]:
            sheet.line(
                [f"{b.code} {b.name}".strip(), *b.values], {1: RUPIAH, 2: RUPIAH, 3: PERCENT}
            )
    if strategy.earlier:
        sheet = Sheet(
            wb.create_sheet("Tahun sebelumnya"), [60, 24, *([30] * len(strategy.earlier_years))]
        )
        sheet.title("Realisasi tahun sebelum sistem (data sebelum sistem, dengan sumber)")
        sheet.header(["IKU", "Kondisi awal", *map(str, strategy.earlier_years)])
        for label, cells, baseline in strategy.earlier:
            sheet.line([label, baseline, *(f"{v} ({s})" if s else v for v, s in cells)])
    if strategy.notes:
        sheet = Sheet(wb.create_sheet("Catatan evaluasi"), [6, 50, 40, 40, 40, 30])
        sheet.title("Catatan evaluasi triwulan")
        sheet.header(
            ["TW", "Pokok", "Faktor pendorong", "Faktor penghambat", "Tindak lanjut", "Pelaksanaan"]
        )
        for n in strategy.notes:
            sheet.line(
                [
                    n.quarter,
                    f"{n.subject} ({n.owner})",
                    n.pendorong,
                    n.penghambat,
                    n.tindak_lanjut,
                    n.follow_up,
                ]
            )
