"""The XLSX template offices fill in to set a decree's IKI, empty or pre-filled from a catalog
document; ``kinerja.catalog.parsing.xlsx_reader`` reads it back into the same document.

Two layouts, both read: one sheet per position ("per_jabatan", the decree's own layout:
Jabatan, Unit Kerja, Atasan, Tugas, Fungsi, then KINERJA | INDIKATOR KINERJA |
PENJELASAN/FORMULASI | SUMBER DATA with KINERJA merged over its indicators) or one long sheet
("satu_lembar", a row per indicator with the position's columns, for filtering and sorting).
A "Keputusan" sheet holds the decree's fields as label/value rows. Pure function of the
document; no Django import (docs/catalog-format.md, "DOCX and XLSX").
"""

from __future__ import annotations

import io
import re
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

LAYOUTS = ("per_jabatan", "satu_lembar")
MONTHS = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
    "Oktober", "November", "Desember",
)  # fmt: skip
DECREE_LABELS = (
    "Nomor", "Tentang", "Perangkat Daerah", "Daerah", "Periode", "Ditetapkan di",
    "Tanggal ditetapkan", "Nama penandatangan", "NIP penandatangan", "Pangkat penandatangan",
    "Jabatan penandatangan", "Plt./Plh./Pj.",
)  # fmt: skip
LIST_LABELS = (
    ("Menimbang", "considerations"),
    ("Mengingat", "legal_basis"),
    ("Pemanfaatan", "uses"),
)
TABLE_HEADER = ("KINERJA", "INDIKATOR KINERJA", "PENJELASAN/FORMULASI", "SUMBER DATA")
LONG_HEADER = ("No", "Jabatan", "Kunci", "Unit Kerja", "Atasan", "Tugas", "Fungsi", *TABLE_HEADER)
GUIDE = (
    "Templat Keputusan Penetapan Indikator Kinerja Individu (IKI)",
    "",
    "Lembar 'Keputusan': isi kolom B di samping setiap keterangan. Periode ditulis 2025-2029,",
    "tanggal seperti 26 Agustus 2025, NIP 18 angka (sel berformat Teks agar angka tidak hilang).",
    "Menimbang, Mengingat dan Pemanfaatan: satu butir per baris di kolom B; kolom A hanya di",
    "baris pertama.",
    "",
    "Susunan 1, satu lembar per jabatan: baris Jabatan, Unit Kerja, Atasan, Tugas, Fungsi",
    "(satu butir per baris), lalu tabel KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI |",
    "SUMBER DATA. Sel KINERJA boleh digabung (merge) ke bawah untuk semua indikatornya.",
    "Susunan 2, satu lembar panjang: satu baris per indikator dengan kolom Jabatan (diulang",
    "atau digabung), Unit Kerja, Atasan, Tugas dan Fungsi (di baris pertama jabatan).",
    "",
    "Formulasi persentase: (pembilang / penyebut) x 100% atau \\frac{pembilang}{penyebut}",
    "\\times 100\\%. Sumber data: satu sumber per baris dalam sel (Alt+Enter).",
    "Nama lembar bebas; nama jabatan diambil dari sel di samping 'Jabatan'.",
    "Kunci: pengenal jabatan di aplikasi; jangan diubah bila nama jabatan diganti (jabatan",
    "tetap sama), kosongkan untuk jabatan baru.",
)
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
WRAP = Alignment(wrap_text=True, vertical="top")


def template_xlsx(document: dict[str, Any] | None = None, *, layout: str = "per_jabatan") -> bytes:
    """The workbook as bytes; without a document, an empty template with one position sheet."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout {layout!r}: expected one of {LAYOUTS}")
    document = document or {"decree": {}, "positions": []}
    wb = Workbook()
    _decree_sheet(wb.active, document.get("decree") or {})
    positions = document.get("positions") or []
    if layout == "satu_lembar":
        _long_sheet(wb.create_sheet("Indikator"), positions)
    else:
        used: set[str] = {"keputusan", "petunjuk"}
        for position in positions or [{"name": "", "goals": []}]:
            ws = wb.create_sheet(_sheet_title(position.get("name") or "Jabatan 1", used))
            _position_sheet(ws, position)
    guide = wb.create_sheet("Petunjuk")
    for n, line in enumerate(GUIDE, start=1):
        guide.cell(row=n, column=1, value=line).font = Font(bold=n == 1)
    guide.column_dimensions["A"].width = 100
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _put(ws: Any, row: int, col: int, value: Any, *, bold: bool = False) -> None:
    cell = ws.cell(row=row, column=col, value=value)
    # Decree text is untrusted: a cell starting with "=" must stay text, never a formula.
    if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
        cell.data_type = "s"
    cell.alignment = WRAP
    if bold:
        cell.font = BOLD


def _text_date(iso: str | None) -> str:
    if not iso:
        return ""
    day = date.fromisoformat(iso)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _decree_sheet(ws: Any, d: dict[str, Any]) -> None:
    ws.title = "Keputusan"
    sig = d.get("signatory") or {}
    period = d.get("period") or {}
    years = [y for y in (period.get("start"), period.get("end")) if y]
    values = (
        d.get("number"), d.get("title"), d.get("agency"), d.get("region"),
        "-".join(str(y) for y in years), d.get("enacted_at"), _text_date(d.get("enacted_on")),
        sig.get("name"), sig.get("nip"), sig.get("rank"), sig.get("title"), sig.get("acting"),
    )  # fmt: skip
    _put(ws, 1, 1, "Keterangan", bold=True)
    _put(ws, 1, 2, "Isi", bold=True)
    row = 2
    for label, value in zip(DECREE_LABELS, values, strict=True):
        _put(ws, row, 1, label, bold=True)
        _put(ws, row, 2, value or "")
        ws.cell(row=row, column=2).number_format = "@"  # NIP and years stay text
        row += 1
    for label, key in LIST_LABELS:
        _put(ws, row, 1, label, bold=True)
        for item in d.get(key) or [""]:
            _put(ws, row, 2, item)
            row += 1
    ws.column_dimensions["A"].width = 24
    ws.column_dimensions["B"].width = 100
    ws.freeze_panes = "A2"


def _sheet_title(name: str, used: set[str]) -> str:
    """Excel allows 31 characters and no []:*?/\\ in a sheet name; names must be unique."""
    base = re.sub(r"[\[\]:*?/\\]", " ", name).strip(" '")[:31].strip() or "Jabatan"
    title, n = base, 1
    while title.casefold() in used:
        n += 1
        suffix = f" ({n})"
        title = base[: 31 - len(suffix)].rstrip() + suffix
    used.add(title.casefold())
    return title


def _sources(indicator: dict[str, Any]) -> str:
    """One source per line with the decree's dash, so "Renstra, Renja" stays one source."""
    return "\n".join(f"- {s}" for s in indicator.get("sources") or [])


def _position_sheet(ws: Any, position: dict[str, Any]) -> None:
    row = 1
    for label, value in (
        ("Jabatan", position.get("name")),
        ("Kunci", position.get("key")),
        ("Unit Kerja", position.get("unit")),
        ("Atasan", position.get("supervisor")),
    ):
        _put(ws, row, 1, label, bold=True)
        _put(ws, row, 2, value or "")
        row += 1
    for label, key in (("Tugas", "tasks"), ("Fungsi", "functions")):
        _put(ws, row, 1, label, bold=True)
        for item in position.get(key) or [""]:
            _put(ws, row, 2, item)
            row += 1
    row += 1
    for col, title in enumerate(TABLE_HEADER, start=1):
        _put(ws, row, col, title, bold=True)
        ws.cell(row=row, column=col).fill = HEAD_FILL
    for goal in position.get("goals") or []:
        first = row + 1
        for indicator in goal.get("indicators") or []:
            row += 1
            _put(ws, row, 1, goal.get("statement") if row == first else None)
            _put(ws, row, 2, indicator.get("name"))
            _put(ws, row, 3, indicator.get("formula") or indicator.get("numerator") or "")
            _put(ws, row, 4, _sources(indicator))
        if row > first:
            ws.merge_cells(start_row=first, start_column=1, end_row=row, end_column=1)
    for col, width in zip("ABCD", (45, 45, 60, 35), strict=True):
        ws.column_dimensions[col].width = width


def _long_sheet(ws: Any, positions: list[dict[str, Any]]) -> None:
    for col, title in enumerate(LONG_HEADER, start=1):
        _put(ws, 1, col, title, bold=True)
        ws.cell(row=1, column=col).fill = HEAD_FILL
    row = 1
    for position in positions:
        first = True
        for goal in position.get("goals") or []:
            for indicator in goal.get("indicators") or []:
                row += 1
                values = (
                    row - 1, position.get("name"), position.get("key") or "",
                    position.get("unit") or "",
                    position.get("supervisor") or "",
                    "\n".join(position.get("tasks") or []) if first else "",
                    "\n".join(position.get("functions") or []) if first else "",
                    goal.get("statement"), indicator.get("name"),
                    indicator.get("formula") or indicator.get("numerator") or "",
                    _sources(indicator),
                )  # fmt: skip
                for col, value in enumerate(values, start=1):
                    _put(ws, row, col, value)
                first = False
    for col, width in enumerate((5, 32, 20, 28, 28, 40, 40, 40, 40, 50, 30), start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(LONG_HEADER))}{max(row, 1)}"
