"""The Renstra template: reading and writing its XLSX (pure: openpyxl, no Django).

One row per IKU:

    Kode Tujuan | Tujuan | Kode Sasaran | Sasaran | Kode IKU | IKU | Formulasi | Satuan |
    Sumber Data | Penanggung Jawab | Kondisi Awal | Target <year> ... | Target Akhir

A tujuan or sasaran left blank repeats the one above (as merged cells print). Problems are
collected with row and column so that a file is refused whole, with every reason at once.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kinerja.core.numbers import NumberError, parse_number
from kinerja.strategy.budget_file import Problem

FIXED = (
    "Kode Tujuan",
    "Tujuan",
    "Kode Sasaran",
    "Sasaran",
    "Kode IKU",
    "IKU",
    "Formulasi",
    "Satuan",
    "Sumber Data",
    "Penanggung Jawab",
    "Kondisi Awal",
)
CODE_RE = re.compile(r"[A-Za-z0-9.\-]{1,20}", re.ASCII)


@dataclass
class IkuRow:
    row: int
    tujuan_code: str
    tujuan: str
    sasaran_code: str
    sasaran: str
    code: str
    name: str
    formula: str
    satuan: str
    source: str
    responsible: str
    baseline: Decimal | None
    targets: dict[int, Decimal] = field(default_factory=dict)
    end_target: Decimal | None = None


def template(years: list[int], rows: list[list[object]] | None = None) -> bytes:
    """An empty (or filled) Renstra template for the period's years."""
    wb = Workbook()
    ws = wb.active
    ws.title = "IKU"
    header = [*FIXED, *(f"Target {y}" for y in years), "Target Akhir"]
    ws.append(header)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows or []:
        ws.append(row)
    for index, title in enumerate(header, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(title) + 4))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def read_renstra(
    content: bytes, years: list[int], *, max_rows: int
) -> tuple[list[IkuRow], list[Problem]]:
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            raw = []
            for number, values in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1):
                if number > max_rows + 1:
                    raise ValueError(f"berkas berisi lebih dari {max_rows} baris")
                raw.append((number, tuple(values)))
        finally:
            wb.close()
    except ValueError:
        raise
    except Exception:
        raise ValueError("berkas tidak dapat dibaca sebagai XLSX") from None
    return parse_renstra(raw, years)


def _text(value: object) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def parse_renstra(
    raw: list[tuple[int, tuple]], years: list[int]
) -> tuple[list[IkuRow], list[Problem]]:
    problems: list[Problem] = []
    if not raw:
        return [], [Problem(1, "", "berkas kosong")]
    header = [_text(v) for v in raw[0][1]]
    expected = [*FIXED, *(f"Target {y}" for y in years), "Target Akhir"]
    for index, title in enumerate(expected):
        got = header[index] if index < len(header) else ""
        if got.lower() != title.lower():
            problems.append(
                Problem(
                    1, get_column_letter(index + 1), f"judul kolom harus '{title}' (ada '{got}')"
                )
            )
    if problems:
        return [], problems
    rows: list[IkuRow] = []
    last = ["", "", "", ""]
    seen: dict[tuple[str, str], int] = {}
    for number, values in raw[1:]:
        cells = [values[i] if i < len(values) else None for i in range(len(expected))]
        if not any(v not in (None, "") for v in cells):
            continue
        texts = [_text(v) for v in cells[:10]]
        for i in range(4):
            texts[i] = texts[i] or last[i]
        last = texts[:4]

        def col(i: int) -> str:
            return f"{get_column_letter(i + 1)} ({expected[i]})"

        for i, what in ((0, "kode tujuan"), (2, "kode sasaran"), (4, "kode IKU")):
            if not CODE_RE.fullmatch(texts[i]):
                problems.append(
                    Problem(number, col(i), f"{what} wajib diisi (huruf, angka, titik)")
                )
        for i, what in ((1, "tujuan"), (3, "sasaran"), (5, "nama IKU"), (7, "satuan")):
            if not texts[i]:
                problems.append(Problem(number, col(i), f"{what} wajib diisi"))
        if len(texts[7]) > 60:
            problems.append(Problem(number, col(7), "satuan paling banyak 60 karakter"))

        def number_at(i: int, cells=cells, number=number) -> Decimal | None:
            try:
                return parse_number(cells[i])
            except NumberError as exc:
                problems.append(Problem(number, col(i), str(exc)))
                return None

        baseline = number_at(10)
        targets = {}
        for offset, year in enumerate(years):
            value = number_at(11 + offset)
            if value is None and cells[11 + offset] in (None, ""):
                problems.append(Problem(number, col(11 + offset), "target tahun ini wajib diisi"))
            elif value is not None:
                targets[year] = value
        end = number_at(11 + len(years))
        key = (texts[2], texts[4])
        if key in seen:
            problems.append(
                Problem(number, col(4), f"IKU {texts[4]} sudah ada di baris {seen[key]}")
            )
        seen[key] = number
        rows.append(IkuRow(number, *texts[:10], baseline=baseline, targets=targets, end_target=end))
    if not rows and not problems:
        problems.append(Problem(2, "", "tidak ada baris IKU"))
    return rows, problems


EARLIER_HEADER = ("Kode IKU", "Tahun", "Realisasi", "Sumber")


@dataclass
class EarlierRow:
    row: int
    code: str
    year: int
    value: Decimal
    source: str


def read_earlier(content: bytes, *, max_rows: int) -> tuple[list[EarlierRow], list[Problem]]:
    """Earlier-year realizations: ``Kode IKU | Tahun | Realisasi | Sumber``, one per row."""
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            raw = []
            for number, values in enumerate(wb.worksheets[0].iter_rows(values_only=True), 1):
                if number > max_rows + 1:
                    raise ValueError(f"berkas berisi lebih dari {max_rows} baris")
                raw.append((number, tuple(values)))
        finally:
            wb.close()
    except ValueError:
        raise
    except Exception:
        raise ValueError("berkas tidak dapat dibaca sebagai XLSX") from None
    return parse_earlier(raw)


def parse_earlier(raw: list[tuple[int, tuple]]) -> tuple[list[EarlierRow], list[Problem]]:
    if not raw:
        return [], [Problem(1, "", "berkas kosong")]
    header = [_text(v) for v in raw[0][1]]
    problems = [
        Problem(1, get_column_letter(i + 1), f"judul kolom harus '{title}'")
        for i, title in enumerate(EARLIER_HEADER)
        if (header[i] if i < len(header) else "").lower() != title.lower()
    ]
    if problems:
        return [], problems
    rows = []
    for number, values in raw[1:]:
        cells = [values[i] if i < len(values) else None for i in range(4)]
        if not any(v not in (None, "") for v in cells):
            continue

        def col(i: int) -> str:
            return f"{get_column_letter(i + 1)} ({EARLIER_HEADER[i]})"

        code, source = _text(cells[0]), _text(cells[3])
        if not CODE_RE.fullmatch(code):
            problems.append(Problem(number, col(0), "kode IKU wajib diisi"))
        year_text = _text(cells[1])
        year = int(year_text) if year_text.isascii() and year_text.isdigit() else None
        if year is None or not 2000 <= year <= 2100:
            problems.append(Problem(number, col(1), f"'{year_text[:10]}' bukan tahun"))
        try:
            value = parse_number(cells[2])
        except NumberError as exc:
            problems.append(Problem(number, col(2), str(exc)))
            value = None
        else:
            if value is None:
                problems.append(Problem(number, col(2), "realisasi wajib diisi"))
        if not source:
            problems.append(Problem(number, col(3), "sumber wajib diisi (dokumen, halaman)"))
        if year is not None and value is not None and code and source:
            rows.append(EarlierRow(number, code, year, value, source[:500]))
    return rows, problems
