"""Catalog document -> XLSX, one row per indicator, for offices that review in a spreadsheet.
Pure function of the export document; no Django import."""

from __future__ import annotations

import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

KIND_LABELS = {"percentage": "Persentase", "ratio": "Rasio", "count": "Jumlah"}
INDICATOR_COLUMNS = [
    ("No", 5),
    ("Unit Kerja", 30),
    ("Jabatan", 32),
    ("Kinerja", 40),
    ("Indikator Kinerja", 45),
    ("Jenis", 12),
    ("Formulasi", 45),
    ("Pembilang", 35),
    ("Penyebut", 35),
    ("Satuan", 10),
    ("Sumber Data", 35),
]


def _put(ws: Any, row: int, col: int, value: Any) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    # A decree text is untrusted: never let a cell that starts with "=" become a formula.
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"
    cell.alignment = Alignment(wrap_text=True, vertical="top")


def document_to_xlsx(doc: dict[str, Any]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Indikator"
    for col, (title, width) in enumerate(INDICATOR_COLUMNS, start=1):
        ws.cell(row=1, column=col, value=title).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    row = 2
    for pos in doc["positions"]:
        for goal in pos["goals"]:
            for ind in goal["indicators"]:
                values = [
                    row - 1,
                    pos.get("unit") or "",
                    pos["name"],
                    goal["statement"],
                    ind["name"],
                    KIND_LABELS.get(ind["kind"], ind["kind"]),
                    ind.get("formula") or "",
                    ind.get("numerator") or "",
                    ind.get("denominator") or "",
                    ind.get("measure_unit") or "",
                    ", ".join(ind.get("sources") or []),
                ]
                for col, value in enumerate(values, start=1):
                    _put(ws, row, col, value)
                row += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(INDICATOR_COLUMNS))}{max(row - 1, 1)}"

    meta = wb.create_sheet("Keputusan")
    d = doc["decree"]
    sig = d.get("signatory") or {}
    rows = [
        ("Nomor", d["number"]),
        ("Tentang", d["title"]),
        ("Perangkat Daerah", f"{d['agency']} {d['region']}"),
        ("Periode", f"{d['period']['start']}-{d['period']['end']}"),
        ("Ditetapkan di", d.get("enacted_at") or ""),
        ("Tanggal", d.get("enacted_on") or ""),
        ("Penandatangan", sig.get("name") or ""),
        ("NIP", sig.get("nip") or ""),
        ("Pangkat", sig.get("rank") or ""),
        ("Jabatan", " ".join(filter(None, [sig.get("acting"), sig.get("title")]))),
    ]
    for n, (label, value) in enumerate(rows, start=1):
        meta.cell(row=n, column=1, value=label).font = Font(bold=True)
        _put(meta, n, 2, value)
    meta.column_dimensions["A"].width = 20
    meta.column_dimensions["B"].width = 90
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
