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
from typing import Any

from .annex_cells import HEADING_NAME, Cell, Para, Table, distinct, is_jabatan, label_row
from .annex_cells import header as header_of
from .annex_grid import AnnexReader
from .errors import DecreeParseError, Warnings
from .files import ZIP_ERRORS, FileParseError, Lines, annex_document, indonesian
from .preamble import parse_preamble
from .text import squash

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
M = "{http://schemas.openxmlformats.org/officeDocument/2006/math}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_SKIP = {
    f"{W}{t}"
    for t in (
        "del",
        "delText",
        "moveFrom",
        "instrText",
        "rPr",
        "pPr",
        "drawing",
        "pict",
        "object",
        "fldChar",
    )
} | {f"{MC}AlternateContent", f"{W}footnoteReference", f"{W}commentReference"}
_WRAPPERS = {f"{W}sdt", f"{W}sdtContent", f"{W}customXml", f"{W}ins", f"{W}smartTag"}
MAX_DOCUMENT_XML = 40 * 1024 * 1024
_USES = re.compile(r"\b(sebagai|untuk)\s+bahan\s*:", re.IGNORECASE)


def read_docx(raw: bytes) -> dict[str, Any]:
    """The catalog document of a DOCX decree (checked by ``files.read_decree_file`` first)."""
    from docx import Document

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            size = archive.getinfo("word/document.xml").file_size
    except ZIP_ERRORS:
        raise FileParseError("dokumen Word", "bukan dokumen Word (.docx)") from None
    if size > MAX_DOCUMENT_XML:  # python-docx holds the whole tree in memory
        raise FileParseError(
            "dokumen Word",
            f"isi dokumen {size // 2**20} MB; batasnya {MAX_DOCUMENT_XML // 2**20} MB",
        )
    try:
        document = Document(io.BytesIO(raw))
        body = document.element.body
        letterhead = _letterhead(document)
    except Exception as exc:  # python-docx raises many types for a damaged or foreign package
        raise FileParseError(
            "dokumen Word", "bagian dokumen hilang atau rusak; buka dan simpan ulang di Word"
        ) from exc
    try:
        elements = list(_elements(body))
    except RecursionError:
        raise FileParseError("dokumen Word", "susunan XML terlalu dalam") from None
    return _Reader(elements, letterhead).document()


def _letterhead(document: Any) -> list[str]:
    """The first page's header: offices often put the letterhead (PEMERINTAH KABUPATEN ...,
    DINAS ...) there, and the issuer is read from it when the title does not name the region."""
    if not document.sections:
        return []
    section = document.sections[0]
    header = section.first_page_header if section.different_first_page_header_footer else None
    if header is None or header.is_linked_to_previous:
        header = section.header
    if header.is_linked_to_previous:
        return []
    return [_text(p) for p in header._element.iter(f"{W}p")]


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
    return Table(no, rows, f"tabel {no}")


class _Reader:
    """The preamble goes to the text parser's preamble rules, the annex to ``AnnexReader``."""

    def __init__(self, elements: list[Para | Table], letterhead: list[str]) -> None:
        self.elements = elements
        self.letterhead = letterhead
        self.lines = Lines()
        self.warnings = Warnings()

    def document(self) -> dict[str, Any]:
        start = next((i for i, el in enumerate(self.elements) if _starts_annex(el)), None)
        if start is None:
            raise FileParseError(
                "dokumen Word",
                "tidak ada JABATAN maupun tabel indikator (KINERJA | INDIKATOR KINERJA); "
                "apakah ini keputusan IKI?",
            )
        for text in self.letterhead:
            for line in text.split("\n"):
                self.lines.add(line, "kop halaman (header)")
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
        annex = AnnexReader(self.lines, self.warnings)
        for el in self.elements[start:]:
            if isinstance(el, Table):
                annex.grid(el)
                continue
            for text in el.text.split("\n"):
                annex.paragraph(text, f"paragraf {el.no}")
        annex.finish("dokumen Word")
        return annex_document(decree, self.lines, first, self.warnings, annex.stated)

    def _preamble(self, el: Para | Table) -> None:
        """Lines as the text decrees have them: a paragraph per line (Word's own numbering
        becomes a "- " item), a table row per line with its cells tab-separated."""
        if isinstance(el, Para):
            for line in el.text.split("\n"):
                text = _USES.sub(r"\1 :", line)  # "sebagai bahan:" lists the uses too
                mark = "- " if el.listed and text.strip() else ""
                self.lines.add(mark + text, f"paragraf {el.no}")
            return
        for r, row in enumerate(el.rows):
            cells = [c.lines for _, _, c in distinct(row)]
            depth = max((len(lines) for lines in cells), default=0)
            for i in range(depth):
                text = "\t".join(lines[i] if i < len(lines) else "" for lines in cells)
                self.lines.add(_USES.sub(r"\1 :", text), el.place(r))
        self.lines.add("", el.where)


def _starts_annex(el: Para | Table) -> bool:
    if isinstance(el, Para):
        texts = el.text.split("\n")
        return any(is_jabatan(t) or HEADING_NAME.match(squash(t)) for t in texts)
    for row in el.rows:
        cells = [squash(" ".join(c.lines)) for _, _, c in distinct(row)]
        label = label_row(cells)
        if (label and label[0] == "jabatan") or header_of(cells) is not None:
            return True
    return False


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
