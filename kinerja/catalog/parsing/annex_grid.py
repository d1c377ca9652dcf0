"""The annex of a decree laid out as paragraphs and grids (Word tables, spreadsheet sheets),
turned into the lines the text parser reads. Shared by the DOCX and XLSX readers so both apply
the same rules: labels (JABATAN, TUGAS, FUNGSI, Unit kerja, Atasan) as paragraphs or rows, the
indicator header anywhere, tables continued without a header, merged cells as continuations of
the cell they start in, one long grid with a JABATAN column; errors name the grid, row, column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from openpyxl.utils import get_column_letter

from .errors import Warnings
from .files import FileParseError, Lines
from .tables import header_roles
from .text import label_of, readable_case, squash

COLUMN_TITLES = {
    "goal": "KINERJA",
    "indicator": "INDIKATOR KINERJA",
    "formula": "PENJELASAN/FORMULASI",
    "source": "SUMBER DATA",
    "jabatan": "JABATAN",
    "unit": "UNIT KERJA",
    "supervisor": "ATASAN",
    "tugas": "TUGAS",
    "fungsi": "FUNGSI",
}
CANONICAL = ("goal", "indicator", "formula", "source")
HEADER_TEXT = {
    "goal": "KINERJA",
    "indicator": "INDIKATOR KINERJA",
    "formula": "PENJELASAN / FORMULASI PENGHITUNGAN",
    "source": "SUMBER DATA",
}
EXPECTED = "KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI | SUMBER DATA"
# Columns of one long grid besides the four: the position's own fields, and what the catalog
# export adds (kind, numerator, denominator, unit) which the formula already decides.
EXTRA_COLUMNS = {
    "JABATAN": "jabatan", "NAMA JABATAN": "jabatan", "UNIT KERJA": "unit", "UNIT": "unit",
    "ATASAN": "supervisor", "ATASAN LANGSUNG": "supervisor", "TUGAS": "tugas",
    "FUNGSI": "fungsi", "JENIS": None, "PEMBILANG": None, "PENYEBUT": None, "SATUAN": None,
}  # fmt: skip
HEADING_NAME = re.compile(r"^INDIKATOR\s+KINERJA\s+INDIVIDU\s+(\S.*)$", re.IGNORECASE)
STATED = re.compile(r"^(unit\s+kerja|atasan(?:\s+langsung)?)\s*(?::\s*(.*))?$", re.IGNORECASE)
_LABEL_CELL = re.compile(
    r"^(nama\s+jabatan|jabatan|tugas\s+pokok|uraian\s+tugas|tugas|fungsi)\s*(?::\s*(.*))?$",
    re.IGNORECASE,
)
_NUMBER_CELL = re.compile(r"^\(?\d{1,3}[.)]?\)?$")
_MARKED = re.compile(r"^(?:[-•*–]|(?:[a-zA-Z]|\d{1,2})[.)])\s")
_BULLET = re.compile(r"^(?:[-•*–]\s*|(?:[a-zA-Z]|\d{1,2})[.)]\s+)")


@dataclass
class Cell:
    lines: list[str]
    origin: tuple[int, int]  # (row, column) where the (merged) cell starts
    continued: bool = False  # a vertical-merge continuation of the cell above


@dataclass
class Table:
    """A Word table (``where`` "tabel 3") or a sheet (``where`` "lembar 'X'", letters=True)."""

    no: int
    rows: list[list[Cell | None]]
    where: str = ""
    letters: bool = False

    def place(self, row: int, role: str | None = None, col: int | None = None) -> str:
        place = f"{self.where or f'tabel {self.no}'}, baris {row + 1}"
        if self.letters and col is not None:
            return f"{place}, kolom {get_column_letter(col + 1)}"
        return f"{place}, kolom {COLUMN_TITLES[role]}" if role else place


@dataclass
class Para:
    no: int
    text: str
    listed: bool = False


@dataclass
class _Row:
    place: str
    values: dict[str, Any] = field(default_factory=dict)


def distinct(row: list[Cell | None]) -> list[tuple[int, int, Cell]]:
    """(first column, span, cell) once per cell of the row."""
    out: list[tuple[int, int, Cell]] = []
    for col, cell in enumerate(row):
        if cell is None:
            continue
        if out and out[-1][2] is cell:
            out[-1] = (out[-1][0], out[-1][1] + 1, cell)
        else:
            out.append((col, 1, cell))
    return out


def flat_text(cell: Cell | None) -> str:
    return squash(" ".join(cell.lines)) if cell else ""


def norm_title(text: str) -> str:
    norm = squash(text.replace("*", "")).upper().strip(" :.")
    return re.sub(r"\s*/\s*", " / ", norm)


class AnnexReader:
    """Feeds paragraphs and grids in document order; ``lines`` then holds the annex as text."""

    def __init__(self, lines: Lines, warnings: Warnings) -> None:
        self.lines = lines
        self.warnings = warnings
        self.stated: dict[int, dict[str, str]] = {}
        self.jabatan: int | None = None  # line of the current JABATAN
        self.pending: tuple[str, str] | None = None  # heading name waiting for its position
        self.pending_stated: dict[str, str] = {}
        self.section: str | None = None
        self.columns: dict[int, str] | None = None  # column -> role, kept for continuations
        self.width = 0
        self.origins: dict[tuple[int, int, int], tuple[int | None, str]] = {}

    # ---------------------------------------------------------------- paragraphs

    def paragraph(self, text: str, place: str) -> None:
        text = squash(text)
        if not text:
            return
        stated = STATED.match(text)
        if stated and stated.group(2) is not None:
            self._state(stated.group(1), stated.group(2))
            return
        heading = HEADING_NAME.match(text)
        if heading and not is_jabatan(text):
            self.pending = (readable_case(heading.group(1)).strip(" .;:"), place)
            self.pending_stated = {}
            self.section = None
            return
        label = label_of(text)
        if label is not None:
            self._label(label[0], label[1], place)
            return
        if self.section in ("tugas", "fungsi") and not _MARKED.match(text):
            text = f"- {text}"  # a paragraph or a cell is an item, whether numbered or not
        self.lines.add(text, place)

    def finish(self, place: str) -> None:
        self._flush_pending(place)

    def _label(self, kind: str, rest: str, place: str) -> None:
        if kind == "jabatan":
            self.pending = None
            self._jabatan(rest, place)
            return
        self._flush_pending(place)
        self.section = kind
        self.lines.add(f"{kind.upper()} : {rest}", place)

    def _jabatan(self, name: str, place: str, *, keep_columns: bool = False) -> None:
        self.lines.add("", place)
        self.lines.add(f"JABATAN : {name}", place)
        self.lines.add("", place)
        self.jabatan = len(self.lines.lines) - 1  # the JABATAN line's number
        self.stated[self.jabatan] = dict(self.pending_stated)
        self.pending_stated = {}
        self.section = None
        if not keep_columns:
            self.columns = None

    def _flush_pending(self, place: str) -> None:
        if self.pending is not None:
            name, where = self.pending
            self.pending = None
            self._jabatan(name, where)

    def _state(self, label: str, value: str) -> None:
        key = "unit" if label.lower().startswith("unit") else "supervisor"
        value = squash(value).strip(" .;:")
        if not value:
            return
        if self.pending is not None or self.jabatan is None:
            self.pending_stated[key] = value
        else:
            self.stated[self.jabatan][key] = value

    # ---------------------------------------------------------------- grids

    def grid(self, table: Table) -> None:
        width = max((len(row) for row in table.rows), default=0)
        content = [[flat_text(c) for _, _, c in distinct(row) if c.lines] for row in table.rows]
        if not any(content):
            if width >= 3:
                message = f"tabel kosong; isi baris judul {EXPECTED} dan indikatornya"
                raise FileParseError(table.where or f"tabel {table.no}", message)
            return
        if self.columns is not None and width != self.width:
            self.columns = None  # a new layout: only its own header row can say what it holds
        if all(len(cells) < 3 for cells in content) and not any(
            label_row(c) or header(c) or _stated_row(c) for c in content
        ):
            self._loose(table)  # a layout table (signature, notes): its text as lines
            return
        self._rows(table, width)
        self.lines.add("", table.where or f"tabel {table.no}")

    def _rows(self, table: Table, width: int) -> None:
        long: dict[str, int] = {}  # role -> column of the position fields in one long grid
        name = ""
        rows: list[_Row] = []
        for r, row in enumerate(table.rows):
            cells_ = distinct(row)
            cells = [flat_text(c) for _, _, c in cells_]
            if not any(cells) or (rows == [] and all(_NUMBER_CELL.match(c) for c in cells if c)):
                continue
            found = header(cells)
            if found is not None:
                rows = self._emit(rows)
                long = self._set_columns(cells_, found, width)
                if "jabatan" in long:
                    self.pending, name = None, ""  # the grid names its own positions
                else:
                    self._flush_pending(table.place(r))
                    self._emit_header(table, r)
                continue
            stated = _stated_row(cells)
            if stated is not None and self.columns is None:
                self._state(*stated)
                continue
            label = label_row(cells)
            if label is not None and not long:
                rows = self._emit(rows)
                self._label_row(label, table, r)
                continue
            items = self.section in ("tugas", "fungsi") and sum(1 for c in cells if c) <= 2
            if self.columns is None and items:
                for _, _, cell in cells_:  # list items continuing a TUGAS/FUNGSI label row
                    for line in cell.lines:
                        self.paragraph(line, table.place(r))
                continue
            if self.columns is None:
                raise FileParseError(table.place(r, col=0), header_problem(cells))
            if long:
                rows, name = self._long_position(table, r, row, long, rows, name)
            values = self._values(table, r, cells_)
            self._check_merges(table, r, row, name)
            rows = self._add(rows, values, table, r)
        self._emit(rows)

    def _long_position(
        self, table: Table, r: int, row: list, long: dict[str, int], rows: list, name: str
    ) -> tuple[list, str]:
        """In one long grid a new JABATAN text starts a position; its fields come along."""
        col = long["jabatan"]
        text = flat_text(row[col] if col < len(row) else None)
        if not text:
            if not name:
                raise FileParseError(table.place(r, "jabatan", col), "nama jabatan kosong")
            return rows, name
        if text == name:
            return rows, name
        rows = self._emit(rows)
        self._jabatan(text, table.place(r, "jabatan", col), keep_columns=True)
        for role in ("unit", "supervisor"):
            cell = row[long[role]] if role in long and long[role] < len(row) else None
            if flat_text(cell):
                self._state(role, flat_text(cell))
        for role in ("tugas", "fungsi"):
            cell = row[long[role]] if role in long and long[role] < len(row) else None
            if cell is not None and cell.lines:
                self.section = role
                self.lines.add(f"{role.upper()} :", table.place(r, role, long[role]))
                for line in cell.lines:
                    self.paragraph(line, table.place(r, role, long[role]))
        self._emit_header(table, r)
        return rows, text

    def _loose(self, table: Table) -> None:
        for r, row in enumerate(table.rows):
            for _, _, cell in distinct(row):
                for line in cell.lines:
                    self.paragraph(line, table.place(r))
        self.lines.add("", table.where or f"tabel {table.no}")

    def _label_row(self, label: tuple[str, str, list[str]], table: Table, r: int) -> None:
        kind, first, more = label
        place = table.place(r)
        if kind == "jabatan":
            self.pending = None
            name = squash(" ".join([first, *more])).strip(" .;:")
            keep = self.columns is not None  # the next position in the same table
            self._jabatan(name, place, keep_columns=keep)
            if keep:
                self._emit_header(table, r)
            return
        self._label(kind, first, place)
        for line in more:
            self.paragraph(line, place)

    def _set_columns(self, cells: list, found: dict[int, str], width: int) -> dict[str, int]:
        self.columns, self.width = {}, width
        long: dict[str, int] = {}
        for i, (start, span, _) in enumerate(cells):
            role = found.get(i)
            if role in CANONICAL:
                for col in range(start, start + span):
                    self.columns[col] = role
            elif role:
                long[role] = start
        return long

    def _emit_header(self, table: Table, r: int) -> None:
        roles = [role for role in CANONICAL if role in (self.columns or {}).values()]
        self.lines.add("\t".join(HEADER_TEXT[role] for role in roles), table.place(r))
        self.section = "table"

    def _values(self, table: Table, r: int, cells: list) -> dict[str, Any]:
        values: dict[str, Any] = {}
        columns = self.columns or {}
        for start, span, cell in cells:
            roles = {columns.get(col) for col in range(start, start + span)} - {None}
            if len(roles) > 1:
                titles = " dan ".join(COLUMN_TITLES[x] for x in CANONICAL if x in roles)
                raise FileParseError(
                    table.place(r, col=start),
                    f"sel digabung mendatar melintasi kolom {titles}; pisahkan selnya",
                )
            if roles:
                role = roles.pop()
                values.setdefault(role, []).extend(cell.lines)
                values.setdefault("at", {})[role] = start
                if cell.continued:
                    values[f"{role}+"] = True
        return values

    def _check_merges(self, table: Table, r: int, row: list, name: str) -> None:
        """A merged KINERJA belongs to one position; remember who owns each cell it starts."""
        for col, role in (self.columns or {}).items():
            cell = row[col] if col < len(row) else None
            if cell is None or role != "goal":
                continue
            key = (table.no, *cell.origin)
            owner = (self.jabatan, name)
            if not cell.continued:
                self.origins[key] = owner
            elif key in self.origins and self.origins[key] != owner:
                before = self.origins[key][1]
                names = f" ('{before}' dan '{name}')" if before and name and before != name else ""
                raise FileParseError(
                    table.place(r, "goal", col),
                    f"sel KINERJA digabung dari baris {cell.origin[0] + 1} melintasi dua jabatan"
                    f"{names}; pisahkan sel KINERJA per jabatan",
                )

    def _add(self, rows: list[_Row], values: dict[str, Any], table: Table, r: int) -> list:
        if values.get("indicator+") and rows:  # a merged indicator: more formula or sources
            previous = rows[-1].values
            for role in ("formula", "source"):
                if values.get(role) and not values.get(f"{role}+"):
                    previous.setdefault(role, []).extend(values[role])
            return rows
        stray = [x for x in ("formula", "source") if joined(values.get(x))]
        stray = [x for x in stray if not values.get(f"{x}+")]
        if not joined(values.get("indicator")) and stray:
            col = values["at"].get("indicator", values["at"][stray[0]])
            raise FileParseError(
                table.place(r, "indicator", col),
                "indikator tanpa nama: kolom PENJELASAN/FORMULASI atau SUMBER DATA terisi, "
                "INDIKATOR KINERJA kosong",
            )
        if values.get("goal+"):
            values["goal"] = []  # continues the goal above
        rows.append(_Row(table.place(r), values))
        return rows

    def _emit(self, rows: list[_Row]) -> list[_Row]:
        roles = [role for role in CANONICAL if role in (self.columns or {}).values()]
        for row in rows:
            cells = [cell_value(role, row.values.get(role) or []) for role in roles]
            self.lines.add("\t".join(cells), row.place)
        return []


def cell_value(role: str, lines: list[str]) -> str:
    """One table cell as one tab-free text; sources of several lines become a dash list, one
    source per line (a bullet that groups "Renstra, Renja" stays one, as in the text decrees)."""
    if role == "source" and len(lines) > 1:
        items = [_BULLET.sub("", squash(line), count=1) for line in lines]
        return " ".join(f"- {item}" for item in items if item)
    return squash(" ".join(lines))


def joined(lines: list[str] | None) -> str:
    return squash(" ".join(lines or []))


def is_jabatan(text: str) -> bool:
    label = label_of(text)
    return label is not None and label[0] == "jabatan"


def _stated_row(cells: list[str]) -> tuple[str, str] | None:
    rest = [c for c in cells if c]
    if not rest or len(rest) > 2:
        return None
    m = STATED.match(rest[0])
    if not m or (len(rest) == 2 and m.group(2)):
        return None
    return m.group(1), (m.group(2) or (rest[1] if len(rest) == 2 else "")).lstrip(": ")


def label_row(cells: list[str]) -> tuple[str, str, list[str]] | None:
    """(kind, text after the label, later cells) when a row is a JABATAN/TUGAS/FUNGSI row."""
    rest = [c for c in cells if c]
    while rest and _NUMBER_CELL.match(rest[0]):
        rest = rest[1:]
    if not rest:
        return None
    m = _LABEL_CELL.match(rest[0])
    if not m:
        return None
    label = label_of(f"{m.group(1)} : {m.group(2) or ''}")
    if label is None:
        return None
    more = [squash(c).lstrip(": ").strip() for c in rest[1:]]
    more = [c for c in more if c and c != ":"]
    if label[0] == "jabatan" or label[1]:
        return label[0], label[1], more
    return label[0], more[0] if more else "", more[1:]


def header(cells: list[str]) -> dict[int, str] | None:
    """Cell index -> role when the row is an indicator header; with a JABATAN column (and the
    other position fields) it is one long grid for all positions."""
    titles = [norm_title(c) for c in cells]
    extra = {i: EXTRA_COLUMNS[t] for i, t in enumerate(titles) if t in EXTRA_COLUMNS}
    if "jabatan" not in extra.values():
        extra = {i: role for i, role in extra.items() if role is None}  # export-only columns
    roles = header_roles("\t".join(t for i, t in enumerate(titles) if i not in extra))
    if roles is None or list(extra.values()).count("jabatan") > 1:
        return None
    out: dict[int, str] = {}
    it = iter(roles)
    for i in range(len(titles)):
        role = extra[i] if i in extra else next(it)
        if role and role != "no":
            out[i] = role
    return out


def _role_of(title: str) -> str | None:
    """The column a header title names, through the text parser's own header rules."""
    if title in EXTRA_COLUMNS:
        return "extra"
    for probe, at in (
        (f"{title}\tKINERJA\tINDIKATOR KINERJA", 0),
        (f"{title}\tINDIKATOR KINERJA", 0),
        (f"KINERJA\t{title}", 1),
    ):
        roles = header_roles(probe)
        if roles is not None:
            return roles[at]
    return None


def header_problem(cells: list[str]) -> str:
    """Why a grid's first row is not the indicator header, in words a clerk can act on."""
    titles = [norm_title(c) for c in cells if c.strip()]
    roles = [_role_of(t) for t in titles]
    unknown = [t for t, role in zip(titles, roles, strict=True) if role is None]
    if len(unknown) == len(titles):
        return f"tabel tanpa baris judul kolom; baris pertamanya harus {EXPECTED}"
    if unknown:
        listed = ", ".join(f"'{t[:40]}'" for t in unknown[:4])
        return f"kolom {listed} tidak dikenal; kolom tabel indikator: {EXPECTED}"
    missing = [COLUMN_TITLES[r] for r in ("goal", "indicator") if r not in roles]
    if missing:
        return f"kolom {' dan '.join(missing)} tidak ada; kolom tabel indikator: {EXPECTED}"
    return f"ada kolom yang tertulis dua kali; kolom tabel indikator: {EXPECTED}"
