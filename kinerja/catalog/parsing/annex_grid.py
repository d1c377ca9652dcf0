"""The annex of a decree laid out as paragraphs and grids (Word tables, spreadsheet sheets),
turned into the lines the text parser reads. Shared by the DOCX and XLSX readers so both apply
the same rules: labels (JABATAN, TUGAS, FUNGSI, Unit kerja, Atasan) as paragraphs or rows, the
indicator header anywhere, tables continued without a header, merged cells as continuations of
the cell they start in, one long grid with a JABATAN column; errors name the grid, row, column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .annex_cells import (
    CANONICAL,
    COLUMN_TITLES,
    EXPECTED,
    HEADER_TEXT,
    HEADING_NAME,
    MARKED,
    NUMBER_CELL,
    STATED,
    Table,
    cell_value,
    distinct,
    flat_text,
    header,
    header_problem,
    is_jabatan,
    joined,
    label_row,
    stated_row,
)
from .errors import Warnings
from .files import FileParseError, Lines
from .text import label_of, readable_case, squash


@dataclass
class _Row:
    place: str
    values: dict[str, Any] = field(default_factory=dict)


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
        if self.section in ("tugas", "fungsi") and not MARKED.match(text):
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
        word = label.lower()
        if word.startswith("unit"):
            key = "unit"
        elif word.startswith(("kunci", "key")):
            key = "key"
        else:
            key = "supervisor"
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
            label_row(c) or header(c) or stated_row(c) for c in content
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
            if not any(cells) or (rows == [] and all(NUMBER_CELL.match(c) for c in cells if c)):
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
            stated = stated_row(cells)
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
        for role in ("unit", "supervisor", "key"):
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
