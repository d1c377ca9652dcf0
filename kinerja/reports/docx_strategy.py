"""The LKjIP's DOCX parts from the Renstra, budget and evaluation meetings (issue #14,
``strategy_sections``): earlier years (apart, with their sources), the efficiency table, the
evaluation notes, and the budget per program."""

from __future__ import annotations

from typing import Any

from kinerja.reports import docx_out


def before_analysis(d: Any, strategy: Any) -> None:
    if strategy is None:
        return
    if strategy.earlier:
        docx_out.paragraph(d, "Realisasi tahun sebelum sistem (IKU)", bold=True)
        docx_out.paragraph(
            d,
            "Data sebelum sistem: diketik atau diimpor dengan sumbernya, tidak melalui verifikasi "
            "bulanan; tidak dicampur dengan angka sistem di tabel atas.",
            italic=True,
        )
        docx_out.grid(
            d,
            ("IKU", "Kondisi awal", *map(str, strategy.earlier_years)),
            [
                (label, baseline, *(f"{v} ({s})" if s else v for v, s in cells))
                for label, cells, baseline in strategy.earlier
            ],
            size=8,
        )
        d.add_paragraph()
    if strategy.efficiency:
        docx_out.paragraph(d, "Efisiensi penggunaan anggaran", bold=True)
        docx_out.grid(
            d,
            ("Sasaran", "Capaian %", "Program", "Pagu", "Realisasi Rp", "Serapan %", "Efisiensi"),
            strategy.efficiency,
            widths=(5, 1.8, 4, 2.4, 2.4, 1.8, 2.4),
            numeric=(1, 3, 4, 5),
            size=8,
        )
        docx_out.paragraph(d, strategy.efficiency_rule, italic=True)


def notes(d: Any, strategy: Any) -> None:
    if strategy is None or not strategy.notes:
        return
    docx_out.paragraph(d, "Catatan evaluasi triwulan", bold=True)
    docx_out.grid(
        d,
        ("TW", "Pokok", "Faktor pendorong", "Faktor penghambat", "Tindak lanjut", "Pelaksanaan"),
        [
            (str(n.quarter), f"{n.subject} ({n.owner})", n.pendorong, n.penghambat,
             n.tindak_lanjut, n.follow_up)
            for n in strategy.notes
        ],
        widths=(0.8, 4, 3.5, 3.5, 3.5, 2.5),
        size=8,
    )  # fmt: skip


def budget(d: Any, strategy: Any) -> None:
    if strategy is None or not strategy.programs:
        return
    rows = [(f"{b.code} {b.name}", b.pagu, b.spent, b.serapan) for b in strategy.programs]
    if strategy.total is not None:
        t = strategy.total
        rows.append(("Jumlah", t.pagu, t.spent, t.serapan))
    docx_out.grid(
        d,
        ("Program/Kegiatan", "Pagu", "Realisasi", "%"),
        rows,
        widths=(9, 3, 3, 1.6),
        numeric=(1, 2, 3),
        size=8,
    )
