"""DOCX decrees: the body read in order (paragraphs and tables interleaved) and turned into the
lines the text parser reads, so a Word decree and its text export follow one set of rules.

What Word adds over text is handled here: vertically merged cells (a KINERJA spanning several
indicator rows arrives as a continuation of the cell above, never as a guess), tables split over
pages (a repeated header row, or a second table without one), cells of several paragraphs
(sources as lines or a list), list numbering Word draws itself, equations (OMML fractions become
``\\frac{..}{..}`` for the formula reader), labels and lists laid out in tables, and one long
table with a JABATAN column. Every error names the table, row and column, or the paragraph.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from .errors import DecreeParseError, Warnings
from .files import FileParseError, Lines, annex_document, indonesian
from .preamble import parse_preamble
from .tables import header_roles
from .text import label_of, readable_case, squash

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {
    f"{W}{t}"
    for t in ("del", "delText", "instrText", "rPr", "pPr", "drawing", "pict", "object", "fldChar")
} | {f"{MC}AlternateContent", f"{W}footnoteReference", f"{W}commentReference"}
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag"}
COLUMN_TITLES = {
    "goal": "KINERJA",
    "indicator": "INDIKATOR KINERJA",
    "formula": "PENJELASAN/FORMULASI",
    "source": "SUMBER DATA",
    "jabatan": "JABATAN",
}
CANONICAL = ("goal", "indicator", "formula", "source")
HEADER_TEXT = {
    "goal": "KINERJA",
    "indicator": "INDIKATOR KINERJA",
    "formula": "PENJELASAN / FORMULASI PENGHITUNGAN",
    "source": "SUMBER DATA",
}
EXPECTED = "KINERJA | INDIKATOR KINERJA | PENJELASAN/FORMULASI | SUMBER DATA"
_HEADING_NAME = re.compile(r"^INDIKATOR\s+KINERJA\s+INDIVIDU\s+(\S.*)$", re.IGNORECASE)
_STATED = re.compile(r"^(unit\s+kerja|atasan(?:\s+langsung)?)\s*:\s*(.*)$", re.IGNORECASE)
_LABEL_CELL = re.compile(
    r"^(nama\s+jabatan|jabatan|tugas\s+pokok|uraian\s+tugas|tugas|fungsi)\s*:?\s*(.*)$",
    re.IGNORECASE,
)
_NUMBER_CELL = re.compile(r"^\(?\d{1,3}[.)]?\)?$")
_MARKED = re.compile(r"^(?:[-•*–]|(?:[a-zA-Z]|\d{1,2})[.)])\s")
_BULLET = re.compile(r"^(?:[-•*–]\s*|(?:[a-zA-Z]|\d{1,2})[.)]\s+)")
_USES = re.compile(r"\b(sebagai|untuk)\s+bahan\s*:", re.IGNORECASE)
_JABATAN_TITLES = {"JABATAN", "NAMA JABATAN"}


@dataclass
class Cell:
    lines: list[str]
    origin: tuple[int, int]  # (row, grid column) where the (merged) cell starts
    continued: bool = False  # a vertical-merge continuation of the cell above


@dataclass
class Table:
    no: int
    rows: list[list[Cell | None]]


@dataclass
class Para:
    no: int
    text: str
    listed: bool


@dataclass
class Column:
    role: str
    start: int  # grid column
    cell: Cell


@dataclass
class _Row:
    place: str
    values: dict[str, list[str]] = field(default_factory=dict)


def read_docx(raw: bytes) -> dict[str, Any]:
    """The catalog document of a DOCX decree (checked by ``files.read_decree_file`` first)."""
    from docx import Document
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import LxmlError

    try:
        body = Document(io.BytesIO(raw)).element.body
        elements = list(_elements(body))
    except (PackageNotFoundError, LxmlError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise FileParseError("dokumen Word", f"tidak dapat dibuka ({type(exc).__name__})") from None
    except RecursionError:
        raise FileParseError("dokumen Word", "susunan XML terlalu dalam") from None
    return _Reader(elements).document()


# ------------------------------------------------------------------ the body as elements


def _elements(body: Any) -> Any:
    paragraphs = tables = 0
    for el in _flat(body):
        if el.tag == f"{W}p":
            paragraphs += 1
            yield Para(paragraphs, _text(el), _listed(el))
        elif el.tag == f"{W}tbl":
            tables += 1
            yield _table(el, tables)


def _flat(parent: Any) -> Any:
    """Children with content-control and custom-XML wrappers opened."""
    for el in parent:
        if not isinstance(el.tag, str):
            continue
        if el.tag in _WRAPPERS:
            yield from _flat(el)
        else:
            yield el


def _text(el: Any) -> str:
    out: list[str] = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            out.append(child.text or "")
        elif tag == f"{W}tab":
            out.append("\t")
        elif tag in (f"{W}br", f"{W}cr"):
            out.append("\n")
        elif tag == f"{W}noBreakHyphen":
            out.append("-")
        elif tag in (f"{M}oMath", f"{M}oMathPara"):
            out.append(f" {_math(child)} ")
        else:
            out.append(_text(child))
    return "".join(out)


def _math(el: Any) -> str:
    """An equation as LaTeX-ish text: fractions as \\frac{num}{den}, the rest as typed."""
    out: list[str] = []
    for child in el:
        tag = child.tag
        if not isinstance(tag, str) or tag.endswith("Pr"):
            continue
        if tag == f"{M}f":
            num, den = child.find(f"{M}num"), child.find(f"{M}den")
            num_text = _math(num) if num is not None else ""
            den_text = _math(den) if den is not None else ""
            out.append(f"\\frac{{{num_text}}}{{{den_text}}}")
        elif tag in (f"{M}t", f"{W}t"):
            out.append(child.text or "")
        elif tag == f"{M}d":
            out.append("(" + " ".join(_math(e) for e in child.findall(f"{M}e")) + ")")
        else:
            out.append(_math(child))
    return "".join(out)


def _listed(p: Any) -> bool:
    """Word numbers list paragraphs itself; the text then has no "a." to split items on."""
    ppr = p.find(f"{W}pPr")
    if ppr is None:
        return False
    if ppr.find(f"{W}numPr") is not None:
        return True
    style = ppr.find(f"{W}pStyle")
    return style is not None and str(style.get(f"{W}val", "")).lower().startswith("list")


def _cell_lines(tc: Any) -> list[str]:
    """The cell's lines; a line repeating the one before is dropped, because merging cells in
    Word keeps every merged cell's text ("Pengemudi" twice in the merged JABATAN cell)."""
    lines: list[str] = []
    for p in tc.iter(f"{W}p"):
        mark = "- " if _listed(p) else ""
        for line in _text(p).split("\n"):
            text = mark + squash(line)
            if line.strip() and not (lines and lines[-1].casefold() == text.casefold()):
                lines.append(text)
    return lines


def _int_attr(el: Any, path: str) -> int:
    found = el.find(path)
    try:
        return max(1, min(int(found.get(f"{W}val")), 64)) if found is not None else 0
    except (TypeError, ValueError):
        return 1


def _table(tbl: Any, no: int) -> Table:
    """The table on its grid: spans repeat the cell, vertical merges point at their origin."""
    rows: list[list[Cell | None]] = []
    for r, tr in enumerate(el for el in _flat(tbl) if el.tag == f"{W}tr"):
        row: list[Cell | None] = [None] * _int_attr(tr, f"{W}trPr/{W}gridBefore")
        for tc in (el for el in _flat(tr) if el.tag == f"{W}tc"):
            span = _int_attr(tc, f"{W}tcPr/{W}gridSpan") or 1
            vmerge = tc.find(f"{W}tcPr/{W}vMerge")
            col = len(row)
            above = rows[-1][col] if rows and col < len(rows[-1]) else None
            if vmerge is not None and vmerge.get(f"{W}val", "continue") == "continue" and above:
                cell = Cell(above.lines, above.origin, True)
            else:
                cell = Cell(_cell_lines(tc), (r, col))
            row.extend([cell] * span)
        rows.append(row)
    return Table(no, rows)


def _distinct(row: list[Cell | None]) -> list[tuple[int, int, Cell]]:
    """(first grid column, span, cell) once per cell of the row."""
    out: list[tuple[int, int, Cell]] = []
    for col, cell in enumerate(row):
        if cell is None:
            continue
        if out and out[-1][2] is cell:
            out[-1] = (out[-1][0], out[-1][1] + 1, cell)
        else:
            out.append((col, 1, cell))
    return out


def _flat_text(cell: Cell) -> str:
    return squash(" ".join(cell.lines))


def _norm_title(text: str) -> str:
    norm = squash(text.replace("*", "")).upper().strip(" :.")
    return re.sub(r"\s*/\s*", " / ", norm)


def _place(table: Table, row: int, role: str | None = None) -> str:
    place = f"tabel {table.no}, baris {row + 1}"
    return f"{place}, kolom {COLUMN_TITLES[role]}" if role else place


# ------------------------------------------------------------------ reading


class _Reader:
    def __init__(self, elements: list[Para | Table]) -> None:
        self.elements = elements
        self.lines = Lines()
        self.warnings = Warnings()
        self.stated: dict[int, dict[str, str]] = {}
        self.jabatan: int | None = None  # line of the current JABATAN
        self.pending: tuple[str, str] | None = None  # heading name waiting for its position
        self.pending_stated: dict[str, str] = {}
        self.section: str | None = None
        self.columns: dict[int, str] | None = None  # grid column -> role, kept for continuations
        self.width = 0
        self.jab_col: int | None = None
        self.origins: dict[tuple[int, int, int], tuple[int | None, str]] = {}

    def document(self) -> dict[str, Any]:
        start = next((i for i, el in enumerate(self.elements) if self._starts_annex(el)), None)
        if start is None:
            raise FileParseError(
                "dokumen Word",
                "tidak ada JABATAN maupun tabel indikator (KINERJA | INDIKATOR KINERJA); "
                "apakah ini keputusan IKI?",
            )
        for el in self.elements[:start]:
            self._preamble(el)
        first = len(self.lines.lines)
        try:
            decree = parse_preamble(self.lines.lines[:first], self.warnings) if first else None
        except DecreeParseError as exc:
            raise FileParseError("bagian pembuka keputusan", indonesian(exc.message)) from None
        if decree is None:
            raise FileParseError("bagian pembuka keputusan", "kosong: nomor dan judul tidak ada")
        _check_decree(decree)
        for el in self.elements[start:]:
            if isinstance(el, Para):
                for text in el.text.split("\n"):
                    self._paragraph(text, el.listed, f"paragraf {el.no}")
            else:
                self._annex_table(el)
        self._flush_pending("dokumen Word")
        return annex_document(decree, self.lines, first, self.warnings, self.stated)

    # ---------------------------------------------------------------- preamble

    def _starts_annex(self, el: Para | Table) -> bool:
        if isinstance(el, Para):
            texts = el.text.split("\n")
            return any(_is_jabatan(t) or _HEADING_NAME.match(squash(t)) for t in texts)
        for row in el.rows:
            cells = [_flat_text(c) for _, _, c in _distinct(row)]
            if _label_row(cells) and _label_row(cells)[0] == "jabatan":
                return True
            if _header(cells) is not None:
                return True
        return False

    def _preamble(self, el: Para | Table) -> None:
        if isinstance(el, Para):
            for line in el.text.split("\n"):
                text = _USES.sub(r"\1 :", line)
                mark = "- " if el.listed and text.strip() else ""
                self.lines.add(mark + text, f"paragraf {el.no}")
            return
        for r, row in enumerate(el.rows):
            cells = [c.lines for _, _, c in _distinct(row)]
            depth = max((len(lines) for lines in cells), default=0)
            for i in range(depth):
                text = "\t".join(lines[i] if i < len(lines) else "" for lines in cells)
                self.lines.add(_USES.sub(r"\1 :", text), _place(el, r))
        self.lines.add("", f"tabel {el.no}")

    # ---------------------------------------------------------------- annex paragraphs

    def _paragraph(self, text: str, listed: bool, place: str) -> None:
        text = squash(text)
        if not text:
            return
        stated = _STATED.match(text)
        if stated:
            key = "unit" if stated.group(1).lower().startswith("unit") else "supervisor"
            self._state(key, squash(stated.group(2)).strip(" .;"))
            return
        heading = _HEADING_NAME.match(text)
        if heading and not _is_jabatan(text):
            self.pending = (readable_case(heading.group(1)).strip(" .;:"), place)
            self.pending_stated = {}
            self.section = None
            return
        label = label_of(text)
        if label is not None:
            self._label(label[0], label[1], place)
            return
        if self.section in ("tugas", "fungsi") and not _MARKED.match(text):
            text = f"- {text}"  # a paragraph is an item, whether Word numbers it or not
        self.lines.add(text, place)

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
        self.jabatan = len(self.lines.lines) - 1
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

    def _state(self, key: str, value: str) -> None:
        if not value:
            return
        if self.pending is not None or self.jabatan is None:
            self.pending_stated[key] = value
        else:
            self.stated[self.jabatan][key] = value

    # ---------------------------------------------------------------- annex tables

    def _annex_table(self, table: Table) -> None:
        width = max((len(row) for row in table.rows), default=0)
        content = [
            [_flat_text(c) for _, _, c in _distinct(row) if _flat_text(c)] for row in table.rows
        ]
        if not any(content):
            if width >= 3:
                message = f"tabel kosong; isi baris judul {EXPECTED} dan indikatornya"
                raise FileParseError(f"tabel {table.no}", message)
            return
        if self.columns is not None and width != self.width:
            self.columns = None  # a new layout: only its own header row can say what it holds
        if all(len(cells) < 3 for cells in content) and not any(
            _label_row(c) or _header(c) for c in content
        ):
            self._loose_table(table)  # a layout table (signature, notes): its text as lines
            return
        jab_col: int | None = None
        jab_name = ""
        rows: list[_Row] = []
        for r, row in enumerate(table.rows):
            distinct = _distinct(row)
            cells = [_flat_text(c) for _, _, c in distinct]
            if not any(cells) or (all(_NUMBER_CELL.match(c) for c in cells if c) and rows == []):
                continue
            header = _header(cells)
            if header is not None:
                rows = self._emit_rows(table, rows)
                self._set_columns(distinct, header, width)
                jab_col = self.jab_col
                if jab_col is None:
                    self._flush_pending(_place(table, r))
                    self._emit_header(table, r)
                else:
                    self.pending = None  # one long table names its own positions
                    jab_name = ""  # and each JABATAN gets its own header line
                continue
            label = _label_row(cells)
            if label is not None:
                rows = self._emit_rows(table, rows)
                self._label_from_row(label, distinct, table, r)
                continue
            if self.columns is None:
                raise FileParseError(_place(table, r), _header_problem(cells))
            values = self._row_values(table, r, distinct)
            if jab_col is not None:
                name = _flat_text(row[jab_col]) if row[jab_col] else ""
                if name and name != jab_name:
                    rows = self._emit_rows(table, rows)
                    jab_name = name
                    self._jabatan(name, _place(table, r, "jabatan"), keep_columns=True)
                    self._emit_header(table, r)
                elif not name and not jab_name:
                    raise FileParseError(_place(table, r, "jabatan"), "nama jabatan kosong")
            self._check_merges(table, r, row, jab_name)
            rows = self._add_row(rows, values, table, r)
        self._emit_rows(table, rows)
        self.lines.add("", f"tabel {table.no}")

    def _loose_table(self, table: Table) -> None:
        for r, row in enumerate(table.rows):
            for _, _, cell in _distinct(row):
                for line in cell.lines:
                    self._paragraph(line, False, _place(table, r))
        self.lines.add("", f"tabel {table.no}")

    def _label_from_row(
        self, label: tuple[str, str, list[str]], distinct: list, table: Table, r: int
    ) -> None:
        kind, first, more = label
        place = _place(table, r)
        if kind == "jabatan":
            self.pending = None
            self._jabatan(squash(" ".join([first, *more])).strip(" .;:"), place)
            return
        self._label(kind, first, place)
        for line in more:
            self._paragraph(line, False, place)

    def _set_columns(self, distinct: list, header: dict[int, str], width: int) -> None:
        self.columns, self.width, self.jab_col = {}, width, None
        for i, (start, span, _) in enumerate(distinct):
            role = header.get(i)
            if role == "jabatan":
                self.jab_col = start
            elif role:
                for col in range(start, start + span):
                    self.columns[col] = role

    def _emit_header(self, table: Table, r: int) -> None:
        roles = [role for role in CANONICAL if role in (self.columns or {}).values()]
        self.lines.add("\t".join(HEADER_TEXT[role] for role in roles), _place(table, r))
        self.section = "table"

    def _row_values(self, table: Table, r: int, distinct: list) -> dict[str, Any]:
        values: dict[str, Any] = {}
        columns = self.columns or {}
        for start, span, cell in distinct:
            roles = {columns.get(col) for col in range(start, start + span)} - {None}
            if len(roles) > 1:
                titles = " dan ".join(COLUMN_TITLES[x] for x in CANONICAL if x in roles)
                raise FileParseError(
                    _place(table, r),
                    f"sel digabung mendatar melintasi kolom {titles}; pisahkan selnya",
                )
            if roles:
                role = roles.pop()
                values.setdefault(role, []).extend(cell.lines)
                if cell.continued:
                    values[f"{role}+"] = True
        return values

    def _check_merges(self, table: Table, r: int, row: list[Cell | None], jab_name: str) -> None:
        """A merged KINERJA belongs to one position; remember who owns each cell it starts."""
        for col, role in (self.columns or {}).items():
            cell = row[col] if col < len(row) else None
            if cell is None or role != "goal":
                continue
            key = (table.no, *cell.origin)
            owner = (self.jabatan, jab_name)
            if not cell.continued:
                self.origins[key] = owner
            elif key in self.origins and self.origins[key] != owner:
                raise FileParseError(
                    _place(table, r, "goal"),
                    f"sel KINERJA digabung dari baris {cell.origin[0] + 1} melintasi dua jabatan"
                    f"{_names(self.origins[key][1], jab_name)}; pisahkan sel KINERJA per jabatan",
                )

    def _add_row(self, rows: list[_Row], values: dict[str, Any], table: Table, r: int) -> list:
        name_continued = values.get("indicator+", False)
        if name_continued and rows:
            previous = rows[-1].values
            for role in ("formula", "source"):
                if values.get(role) and not values.get(f"{role}+"):
                    previous.setdefault(role, []).extend(values[role])
            return rows
        stray = [
            r for r in ("formula", "source") if _joined(values.get(r)) and not values.get(f"{r}+")
        ]
        if not _joined(values.get("indicator")) and stray:
            raise FileParseError(
                _place(table, r, "indicator"),
                "indikator tanpa nama: kolom PENJELASAN/FORMULASI atau SUMBER DATA terisi, "
                "INDIKATOR KINERJA kosong",
            )
        if values.get("goal+"):
            values["goal"] = []  # continues the goal above
        rows.append(_Row(_place(table, r), values))
        return rows

    def _emit_rows(self, table: Table, rows: list[_Row]) -> list[_Row]:
        roles = [role for role in CANONICAL if role in (self.columns or {}).values()]
        for row in rows:
            cells = [_cell_value(role, row.values.get(role) or []) for role in roles]
            self.lines.add("\t".join(cells), row.place)
        return []


def _cell_value(role: str, lines: list[str]) -> str:
    """One table cell as one tab-free text; sources of several lines become a dash list, one
    source per line (a bullet that groups "Renstra, Renja" stays one, as in the text decrees)."""
    if role == "source" and len(lines) > 1:
        items = [_BULLET.sub("", squash(line), count=1) for line in lines]
        return " ".join(f"- {item}" for item in items if item)
    return squash(" ".join(lines))


def _joined(lines: list[str] | None) -> str:
    return squash(" ".join(lines or []))


def _names(a: str, b: str) -> str:
    return f" ('{a}' dan '{b}')" if a and b and a != b else ""


def _is_jabatan(text: str) -> bool:
    label = label_of(text)
    return label is not None and label[0] == "jabatan"


def _label_row(cells: list[str]) -> tuple[str, str, list[str]] | None:
    """(kind, text after the label, later cells) when a table row is a JABATAN/TUGAS/FUNGSI row."""
    rest = [c for c in cells if c]
    while rest and _NUMBER_CELL.match(rest[0]):
        rest = rest[1:]
    if not rest:
        return None
    m = _LABEL_CELL.match(rest[0])
    if not m:
        return None
    label = label_of(f"{m.group(1)} : {m.group(2)}")
    if label is None:
        return None
    more = [squash(c).lstrip(": ").strip() for c in rest[1:]]
    more = [c for c in more if c and c != ":"]
    if label[0] == "jabatan" or label[1]:
        return label[0], label[1], more
    return label[0], more[0] if more else "", more[1:]


def _header(cells: list[str]) -> dict[int, str] | None:
    """Cell index -> role when the row is an indicator table's header, with an optional
    JABATAN column (one long table for all positions)."""
    titles = [_norm_title(c) for c in cells]
    jab = [i for i, t in enumerate(titles) if t in _JABATAN_TITLES]
    rest = [t for i, t in enumerate(titles) if i not in jab]
    roles = header_roles("\t".join(rest)) if len(jab) <= 1 else None
    if roles is None:
        return None
    out: dict[int, str] = {}
    it = iter(roles)
    for i in range(len(titles)):
        role = "jabatan" if i in jab else next(it)
        if role and role != "no":
            out[i] = role
    return out


def _role_of(title: str) -> str | None:
    """The column a header title names, through the text parser's own header rules."""
    for probe, at in (
        (f"{title}\tKINERJA\tINDIKATOR KINERJA", 0),
        (f"{title}\tINDIKATOR KINERJA", 0),
        (f"KINERJA\t{title}", 1),
    ):
        roles = header_roles(probe)
        if roles is not None:
            return roles[at]
    return None


def _header_problem(cells: list[str]) -> str:
    """Why a table's first row is not the indicator header, in the words a clerk can act on."""
    titles = [_norm_title(c) for c in cells if c.strip()]
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


def _check_decree(decree: dict[str, Any]) -> None:
    where = "bagian pembuka keputusan"
    checks = (
        ("agency", "instansi penerbit (KEPUTUSAN KEPALA DINAS ... KABUPATEN ...) tidak ditemukan"),
        ("title", "judul (TENTANG ...) tidak ditemukan"),
    )
    for key, message in checks:
        if not decree.get(key):
            raise FileParseError(where, message)
    if not decree.get("region"):
        raise FileParseError(where, "daerah (KABUPATEN/KOTA ...) tidak ditemukan")
    if decree["period"].get("start") is None:
        raise FileParseError(where, "periode (TAHUN yyyy-yyyy) tidak ditemukan pada judul")
