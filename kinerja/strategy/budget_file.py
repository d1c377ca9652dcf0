"""Reading a budget file (pure: openpyxl and the shared number reader, no Django).

The layout is that of a SIPD/DPA export reduced to what the office needs, and of the template
``budget_template`` writes: a header row (within the first ten rows) naming the columns

    Kode | Nama (or Uraian) | Pagu | Realisasi Januari ... Realisasi Desember
                                 (or Realisasi TW I ... Realisasi TW IV)

and one row per program (2.12.02), kegiatan (2.12.02.2.01) or sub kegiatan
(2.12.02.2.01.0001). Pagu and realisasi are stored for sub kegiatan; a program or kegiatan row
may repeat them as the export does, and then they must equal the sum of its sub kegiatan.
Every problem is collected with its row and column (as the spreadsheet shows them), so the
whole file is refused at once with all its errors, or taken whole.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from kinerja.core.numbers import NumberError, parse_number

MONTHS = (
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
)
QUARTERS = ("i", "ii", "iii", "iv")
CODE_RE = re.compile(r"\d\.\d{2}\.\d{2}(?:\.\d\.\d{2}(?:\.\d{4})?)?", re.ASCII)
LEVELS = {3: "program", 5: "kegiatan", 6: "sub"}
LEVEL_LABELS = {"program": "program", "kegiatan": "kegiatan", "sub": "sub kegiatan"}
MAX_NAME = 500
HEADER_SCAN = 10


@dataclass(frozen=True)
class Problem:
    row: int
    column: str  # the column letter and its header, "C (Pagu)"
    message: str

    def __str__(self) -> str:
        where = f"baris {self.row}" + (f", kolom {self.column}" if self.column else "")
        return f"{where}: {self.message}"


@dataclass
class BudgetRow:
    row: int
    code: str
    name: str
    level: str
    pagu: Decimal | None
    months: dict[int, Decimal] = field(default_factory=dict)  # month -> amount

    @property
    def parent_code(self) -> str | None:
        parts = self.code.split(".")
        if len(parts) == 3:
            return None
        return ".".join(parts[: 3 if len(parts) == 5 else 5])


@dataclass
class BudgetFile:
    rows: list[BudgetRow]
    problems: list[Problem]
    periods: str  # "bulan" or "triwulan"


def level_of(code: str) -> str | None:
    if not CODE_RE.fullmatch(code):
        return None
    return LEVELS.get(len(code.split(".")))


def _header_key(value: object) -> str:
    return re.sub(r"\s+", " ", str(value or "").strip().lower().replace("\u00a0", " "))


def _columns(header: tuple) -> tuple[dict[str, int], dict[int, int], str]:
    """Column index of kode/nama/pagu and month -> column index of the realization columns."""
    named: dict[str, int] = {}
    months: dict[int, int] = {}
    kind = ""
    for index, cell in enumerate(header):
        key = _header_key(cell)
        if key in ("kode", "kode rekening", "kode sub kegiatan"):
            named.setdefault("kode", index)
        elif key in ("nama", "uraian", "nama program/kegiatan/sub kegiatan", "nomenklatur"):
            named.setdefault("nama", index)
        elif key in ("pagu", "pagu anggaran", "anggaran"):
            named.setdefault("pagu", index)
        elif key.startswith("realisasi"):
            rest = key.removeprefix("realisasi").strip()
            if rest in MONTHS:
                months[MONTHS.index(rest) + 1] = index
                kind = kind or "bulan"
            else:
                quarter = re.fullmatch(r"(?:tw|triwulan) (i|ii|iii|iv)", rest)
                if quarter:
                    months[(QUARTERS.index(quarter.group(1)) + 1) * 3] = index
                    kind = kind or "triwulan"
                else:
                    named.setdefault("realisasi?", index)
    return named, months, kind


def _label(header: tuple, index: int) -> str:
    text = str(header[index]).strip() if index < len(header) and header[index] else ""
    return f"{get_column_letter(index + 1)} ({text})" if text else get_column_letter(index + 1)


def read_budget(content: bytes, *, max_rows: int) -> BudgetFile:
    """The rows of the first sheet and every problem found; raises ValueError (Indonesian) only
    when the file is not a workbook at all."""
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl and the XML parser raise many kinds for a damaged file
        raise ValueError("berkas tidak dapat dibaca sebagai XLSX") from None
    try:
        sheet = wb.worksheets[0]
        raw = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            if number > max_rows + HEADER_SCAN:
                raise ValueError(f"berkas berisi lebih dari {max_rows} baris")
            raw.append((number, tuple(values)))
    except ValueError:
        raise
    except Exception:
        raise ValueError("berkas tidak dapat dibaca sebagai XLSX") from None
    finally:
        wb.close()
    return parse_rows(raw)


def parse_rows(raw: list[tuple[int, tuple]]) -> BudgetFile:
    """Rows (spreadsheet row number, cell values) -> budget rows and problems."""
    problems: list[Problem] = []
    start = next(
        (
            i
            for i, (_, values) in enumerate(raw[:HEADER_SCAN])
            if {"kode", "pagu"} <= set(_columns(values)[0])
        ),
        None,
    )
    if start is None:
        return BudgetFile(
            [],
            [Problem(1, "", "baris judul kolom (Kode, Nama, Pagu, Realisasi ...) tidak ada")],
            "",
        )
    header_row, header = raw[start]
    named, months, kind = _columns(header)
    for key, what in (("nama", "Nama/Uraian"),):
        if key not in named:
            problems.append(Problem(header_row, "", f"kolom {what} tidak ada"))
    if "realisasi?" in named:
        problems.append(
            Problem(
                header_row,
                _label(header, named["realisasi?"]),
                "judul kolom realisasi harus menyebut bulan (Realisasi Januari) atau triwulan "
                "(Realisasi TW I)",
            )
        )
    if kind and any(
        (kind == "bulan") != (_header_key(header[i]).removeprefix("realisasi").strip() in MONTHS)
        for i in months.values()
    ):
        problems.append(Problem(header_row, "", "kolom realisasi bulanan dan triwulanan tercampur"))
    rows: list[BudgetRow] = []
    seen: dict[str, int] = {}
    for number, values in raw[start + 1 :]:
        if not any(v not in (None, "") for v in values):
            continue
        row = _row(number, values, header, named, months, problems)
        if row is None:
            continue
        if row.code in seen:
            problems.append(
                Problem(
                    number,
                    _label(header, named["kode"]),
                    f"kode {row.code} sudah ada di baris {seen[row.code]}",
                )
            )
            continue
        seen[row.code] = number
        rows.append(row)
    if not rows and not problems:
        problems.append(Problem(header_row + 1, "", "tidak ada baris program/kegiatan"))
    _check_sums(rows, header, named, months, problems)
    return BudgetFile(rows, problems, kind or "bulan")


def _cell(values: tuple, index: int | None) -> object:
    return values[index] if index is not None and index < len(values) else None


def _amount(value: object, number: int, column: str, problems: list[Problem]) -> Decimal | None:
    try:
        amount = parse_number(value)
    except NumberError as exc:
        problems.append(Problem(number, column, str(exc)))
        return None
    if amount is not None and amount < 0:
        problems.append(Problem(number, column, "tidak boleh negatif"))
        return None
    if amount is not None and amount != amount.quantize(Decimal("0.01")):
        problems.append(Problem(number, column, "rupiah paling banyak dua angka di belakang koma"))
        return None
    return amount


def _row(number, values, header, named, months, problems) -> BudgetRow | None:
    code_col = _label(header, named["kode"])
    code = str(_cell(values, named["kode"]) or "").strip()
    level = level_of(code)
    if level is None:
        problems.append(
            Problem(
                number,
                code_col,
                f"'{code[:30]}' bukan kode program (2.12.02), kegiatan (2.12.02.2.01) atau sub "
                "kegiatan (2.12.02.2.01.0001)",
            )
        )
        return None
    name = " ".join(str(_cell(values, named.get("nama")) or "").split())
    if not name:
        problems.append(Problem(number, _label(header, named.get("nama", 1)), "nama wajib diisi"))
    elif len(name) > MAX_NAME or not name.isprintable():
        problems.append(Problem(number, _label(header, named["nama"]), "nama tidak sah"))
    pagu_col = _label(header, named["pagu"])
    pagu = _amount(_cell(values, named["pagu"]), number, pagu_col, problems)
    if level == "sub" and pagu is None and _cell(values, named["pagu"]) in (None, ""):
        problems.append(Problem(number, pagu_col, "pagu sub kegiatan wajib diisi"))
    spent: dict[int, Decimal] = {}
    for month, index in months.items():
        amount = _amount(_cell(values, index), number, _label(header, index), problems)
        if amount is not None:
            spent[month] = amount
    if level == "sub" and pagu is not None and sum(spent.values(), Decimal(0)) > pagu:
        problems.append(
            Problem(number, pagu_col, "jumlah realisasi melebihi pagu sub kegiatan ini")
        )
    return BudgetRow(number, code, name, level, pagu, spent)


def _check_sums(rows, header, named, months, problems) -> None:
    """A program or kegiatan row that states pagu or realisasi states its sub kegiatan's sum."""
    subs = [r for r in rows if r.level == "sub"]
    for row in rows:
        if row.level == "sub":
            continue
        below = [s for s in subs if s.code.startswith(row.code + ".")]
        if row.pagu is not None:
            total = sum((s.pagu or Decimal(0) for s in below), Decimal(0))
            if total != row.pagu:
                problems.append(
                    Problem(
                        row.row,
                        _label(header, named["pagu"]),
                        f"pagu {LEVEL_LABELS[row.level]} {_rp(row.pagu)} tidak sama dengan jumlah "
                        f"pagu sub kegiatannya dalam berkas {_rp(total)}",
                    )
                )
        for month, amount in row.months.items():
            total = sum((s.months.get(month, Decimal(0)) for s in below), Decimal(0))
            if total != amount:
                problems.append(
                    Problem(
                        row.row,
                        _label(header, months[month]),
                        f"realisasi {_rp(amount)} tidak sama dengan jumlah sub kegiatannya "
                        f"{_rp(total)}",
                    )
                )


def _rp(value: Decimal) -> str:
    from kinerja.core.numbers import format_number

    places = 0 if value == value.to_integral_value() else 2
    return "Rp" + format_number(value, places)
