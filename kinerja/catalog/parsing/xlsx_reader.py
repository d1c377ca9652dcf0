"""XLSX decrees: the template of ``kinerja.catalog.xlsx_template`` (and the catalog's own XLSX
export) read back into the catalog document.

The "Keputusan" sheet gives the decree's fields as label/value rows; every other sheet is either
one position (Jabatan, Unit Kerja, Atasan, Tugas, Fungsi, then the indicator table) or one long
sheet with a Jabatan column. The sheets become the same grids as Word tables
(``annex_grid``), so merged cells, continued goals and the text parser's rules for formulas,
sources and units apply unchanged. Errors name the sheet, row and column letter.

The workbook is loaded in full, not ``read_only``: merged ranges, which say whether a KINERJA
cell spans two positions, exist only there. The size is bounded before loading instead.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date, datetime
from typing import Any

from .annex_cells import Cell, Table, header, label_row
from .annex_grid import AnnexReader
from .errors import Warnings
from .files import ZIP_ERRORS, FileParseError, Lines, annex_document
from .preamble import parse_date
from .text import squash

MAX_SHEET_XML = 40 * 1024 * 1024  # all worksheets and shared strings, unpacked
MAX_SHEETS = 300
MAX_ROWS = 5000
MAX_COLUMNS = 30
BOOK = "buku kerja Excel"
FIELDS = {
    "nomor": "number", "nomor keputusan": "number", "tentang": "title", "judul": "title",
    "perangkat daerah": "agency", "instansi": "agency", "daerah": "region",
    "kabupaten/kota": "region", "wilayah": "region", "periode": "period", "tahun": "period",
    "ditetapkan di": "enacted_at", "tanggal ditetapkan": "enacted_on", "tanggal": "enacted_on",
    "pada tanggal": "enacted_on", "nama penandatangan": "name", "penandatangan": "name",
    "nip penandatangan": "nip", "nip": "nip", "pangkat penandatangan": "rank", "pangkat": "rank",
    "jabatan penandatangan": "title_sig", "jabatan": "title_sig", "plt./plh./pj.": "acting",
    "plt/plh/pj": "acting", "menimbang": "considerations", "mengingat": "legal_basis",
    "pemanfaatan": "uses", "dimanfaatkan untuk": "uses", "keterangan": None,
}  # fmt: skip
LISTS = {"considerations", "legal_basis", "uses"}
_REGION_RE = re.compile(r"^(.*?)\s+((?:Kabupaten|Kota|Provinsi)\b.*)$", re.IGNORECASE)
_ACTING_RE = re.compile(r"^((?:P[lI1i][thT]|Pjs?)\.?)\s+(\S.*)$", re.IGNORECASE)
_PERIOD_RE = re.compile(r"^((?:19|20|21)\d\d)(?:\s*[-–—/]\s*((?:19|20|21)\d\d))?$")


def read_xlsx(raw: bytes) -> dict[str, Any]:
    """The catalog document of an XLSX decree (checked by ``files.read_decree_file`` first)."""
    from openpyxl import load_workbook

    _check_size(raw)
    try:
        book = load_workbook(io.BytesIO(raw), data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many types for a damaged or foreign workbook
        raise FileParseError(
            BOOK, "bagian buku kerja hilang atau rusak; buka dan simpan ulang di Excel"
        ) from exc
    sheets = book.worksheets
    if len(sheets) > MAX_SHEETS:
        raise FileParseError(BOOK, f"berisi {len(sheets)} lembar; batasnya {MAX_SHEETS}")
    for ws in sheets:
        if ws.max_row > MAX_ROWS:
            raise FileParseError(
                f"lembar '{ws.title}'", f"berisi {ws.max_row} baris; batasnya {MAX_ROWS}"
            )
    titles = {ws.title.strip().casefold(): ws for ws in sheets}
    if "keputusan" not in titles:
        raise FileParseError(
            BOOK, "lembar 'Keputusan' tidak ada; pakai templat keputusan IKI dari aplikasi"
        )
    lines, warnings = Lines(), Warnings()
    decree = _decree(_grid(titles["keputusan"], 0), lines, warnings)
    first = len(lines.lines)
    annex = AnnexReader(lines, warnings)
    found = False
    for n, ws in enumerate(sheets, start=1):
        if ws.title.strip().casefold() in ("keputusan", "petunjuk"):
            continue
        table = _grid(ws, n)
        kind = _kind(table)
        if kind is None:
            if any(cell and cell.lines for row in table.rows for cell in row):
                lines.add("", table.where)
                warnings.add(len(lines.lines), f"{table.where} bukan lembar jabatan; diabaikan")
            continue
        found = True
        annex.columns, annex.section = None, None  # a sheet never continues another sheet
        before = annex.jabatan
        annex.grid(table)
        if annex.jabatan == before:
            raise FileParseError(
                table.where,
                "tidak ada baris 'Jabatan' di atas tabel indikator; tiap lembar menyebut "
                "jabatannya (atau pakai satu lembar dengan kolom Jabatan)",
            )
    if not found:
        raise FileParseError(
            BOOK,
            "tidak ada lembar jabatan (baris 'Jabatan' lalu tabel KINERJA | INDIKATOR KINERJA, "
            "atau satu lembar dengan kolom Jabatan)",
        )
    annex.finish(BOOK)
    return annex_document(decree, lines, first, warnings, annex.stated)


def _check_size(raw: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            infos = archive.infolist()
    except ZIP_ERRORS:
        raise FileParseError(BOOK, "bukan buku kerja Excel (.xlsx)") from None
    sheets = sum(
        info.file_size
        for info in infos
        if info.filename.startswith("xl/worksheets/") or info.filename == "xl/sharedStrings.xml"
    )
    if sheets > MAX_SHEET_XML:
        raise FileParseError(
            BOOK, f"isi lembar {sheets // 2**20} MB melebihi batas {MAX_SHEET_XML // 2**20} MB"
        )


def _lines(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return [value.isoformat()]
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)
    lines: list[str] = []
    for line in str(value).splitlines():
        text = squash(line)
        if text and not (lines and lines[-1].casefold() == text.casefold()):
            lines.append(text)
    return lines


def _grid(ws: Any, no: int) -> Table:
    """The sheet as a grid: a merged range's other cells point at its top-left cell."""
    merged: dict[tuple[int, int], tuple[int, int]] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row - 1, min(rng.max_row, MAX_ROWS)):
            for c in range(rng.min_col - 1, min(rng.max_col, MAX_COLUMNS)):
                if (r, c) != (rng.min_row - 1, rng.min_col - 1):
                    merged[(r, c)] = (rng.min_row - 1, rng.min_col - 1)
    rows: list[list[Cell | None]] = []
    for r, values in enumerate(ws.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
        row: list[Cell | None] = []
        for c, value in enumerate(values):
            origin = merged.get((r, c))
            if origin is None:
                row.append(Cell(_lines(value), (r, c)))
            elif origin[0] == r:
                row.append(row[origin[1]])  # the same cell spanning columns
            elif c > origin[1] and row and row[-1] is not None and row[-1].origin == origin:
                row.append(row[-1])
            else:
                above = rows[origin[0]][origin[1]]
                row.append(Cell(above.lines, origin, True) if above else None)
        rows.append(row)
    return Table(no, rows, f"lembar '{ws.title}'", letters=True)


def _kind(table: Table) -> str | None:
    """'jabatan' for a sheet with a Jabatan row or an indicator header; None for other sheets."""
    for row in table.rows[:60]:
        cells = [squash(" ".join(c.lines)) if c else "" for c in _unique(row)]
        label = label_row(cells)
        if (label and label[0] == "jabatan") or header(cells) is not None:
            return "jabatan"
    return None


def _unique(row: list[Cell | None]) -> list[Cell | None]:
    out: list[Cell | None] = []
    for cell in row:
        if not out or cell is None or out[-1] is not cell:
            out.append(cell)
    return out


def _decree(table: Table, lines: Lines, warnings: Warnings) -> dict[str, Any]:
    values: dict[str, tuple[str, str, int]] = {}  # field -> (text, place, line)
    lists: dict[str, list[str]] = {key: [] for key in LISTS}
    current: str | None = None
    for r, row in enumerate(table.rows):
        label = squash(" ".join(row[0].lines)).strip(" :").casefold() if row and row[0] else ""
        value = [line for cell in _unique(row[1:]) if cell for line in cell.lines]
        place = table.place(r, col=1)
        lines.add("", place)  # one line per row: warnings sort in the sheet's order
        if label:
            if label not in FIELDS:
                if value:
                    warnings.add(len(lines.lines), f"keterangan '{label}' tidak dikenal; diabaikan")
                current = None
                continue
            current = FIELDS[label]
        if current in LISTS:
            lists[current].extend(value)
        elif current and value and label:
            values[current] = (squash(" ".join(value)), place, len(lines.lines))
            _check_nip(current, row, place)
    return _decree_fields(values, lists, table, lines, warnings)


def _check_nip(key: str, row: list[Cell | None], place: str) -> None:
    cell = row[1] if len(row) > 1 else None
    if key == "nip" and cell is not None and cell.lines and "e+" in cell.lines[0].lower():
        raise FileParseError(
            place, "NIP tertulis sebagai angka dan kehilangan digit; format selnya sebagai Teks"
        )


def _decree_fields(
    values: dict[str, tuple[str, str, int]],
    lists: dict[str, list[str]],
    table: Table,
    lines: Lines,
    warnings: Warnings,
) -> dict[str, Any]:
    def text(key: str) -> str | None:
        return values[key][0] if key in values else None

    def required(key: str, label: str) -> str:
        if not text(key):
            raise FileParseError(table.where, f"{label} kosong; isi kolom B di samping '{label}'")
        return text(key) or ""

    number, title = required("number", "Nomor"), required("title", "Tentang")
    agency, region = required("agency", "Perangkat Daerah"), text("region")
    if not region:  # the catalog export writes "Dinas ... Kabupaten ..." in one cell
        m = _REGION_RE.match(agency)
        if not m:
            raise FileParseError(table.where, "Daerah kosong; isi kolom B di samping 'Daerah'")
        agency, region = m.group(1), m.group(2)
    period = _period(required("period", "Periode"), values["period"][1])
    acting, sig_title = None, text("title_sig")
    if text("acting"):
        acting = text("acting")
    elif sig_title and _ACTING_RE.match(sig_title):
        m = _ACTING_RE.match(sig_title)
        acting, sig_title = m.group(1), m.group(2)
    nip = re.sub(r"\D", "", text("nip") or "") or None
    if nip and len(nip) != 18:
        message = f"NIP berisi {len(nip)} angka, seharusnya 18; disimpan seperti tertulis"
        warnings.add(values["nip"][2], message)
    return {
        "number": number,
        "title": title,
        "agency": agency,
        "region": region,
        "period": period,
        "enacted_on": _date(values.get("enacted_on")),
        "enacted_at": text("enacted_at"),
        "signatory": {
            "name": text("name"),
            "nip": nip,
            "rank": text("rank"),
            "title": sig_title,
            "acting": acting,
        },
        "legal_basis": lists["legal_basis"],
        "considerations": lists["considerations"],
        "uses": lists["uses"],
    }


def _period(value: str, place: str) -> dict[str, int]:
    m = _PERIOD_RE.match(value.replace(" ", ""))
    start = int(m.group(1)) if m else 0
    end = int(m.group(2) or start) if m else 0
    if not m or not 1945 <= start <= end <= 2200:
        raise FileParseError(place, f"periode '{value}' tidak dikenali; tulis seperti 2025-2029")
    return {"start": start, "end": end}


def _date(found: tuple[str, str, int] | None) -> str | None:
    if found is None:
        return None
    value, place, _ = found
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        pass
    parsed = parse_date(value)
    if parsed is None:
        raise FileParseError(
            place, f"tanggal '{value}' tidak dikenali; tulis seperti 26 Agustus 2019"
        )
    return parsed.isoformat()
