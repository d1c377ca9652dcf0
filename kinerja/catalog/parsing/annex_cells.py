"""The pieces of a decree annex laid out in grids (Word tables, spreadsheet sheets): cells with
their merge origin, the recognisers for header, label and "Unit kerja/Atasan" rows, and the
words that say why a header is wrong. ``annex_grid`` walks the grids with them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from openpyxl.utils import get_column_letter

from .tables import header_roles
from .text import label_of, squash

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
    "key": "KUNCI",
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
    "FUNGSI": "fungsi", "KUNCI": "key", "KUNCI JABATAN": "key",
    "JENIS": None, "PEMBILANG": None, "PENYEBUT": None, "SATUAN": None,
}  # fmt: skip
HEADING_NAME = re.compile(r"^INDIKATOR\s+KINERJA\s+INDIVIDU\s+(\S.*)$", re.IGNORECASE)
STATED = re.compile(
    r"^(unit\s+kerja|atasan(?:\s+langsung)?|kunci(?:\s+jabatan)?)\s*(?::\s*(.*))?$", re.IGNORECASE
)
_LABEL_CELL = re.compile(
    r"^(nama\s+jabatan|jabatan|tugas\s+pokok|uraian\s+tugas|tugas|fungsi)\s*(?::\s*(.*))?$",
    re.IGNORECASE,
)
NUMBER_CELL = re.compile(r"^\(?\d{1,3}[.)]?\)?$")
MARKED = re.compile(r"^(?:[-•*–]|(?:[a-zA-Z]|\d{1,2})[.)])\s")
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


def stated_row(cells: list[str]) -> tuple[str, str] | None:
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
    while rest and NUMBER_CELL.match(rest[0]):
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
    fields = [t for t in titles if EXTRA_COLUMNS.get(t) not in (None, "jabatan")]
    if fields and not any(EXTRA_COLUMNS.get(t) == "jabatan" for t in titles):
        listed = ", ".join(f"'{t}'" for t in fields)
        return f"kolom {listed} hanya dipakai bersama kolom JABATAN (satu tabel semua jabatan)"
    return f"ada kolom yang tertulis dua kali; kolom tabel indikator: {EXPECTED}"
