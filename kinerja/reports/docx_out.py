"""DOCX documents (python-docx): the same builders' data as the PDFs, as editable Word files.

Layout only: every text and figure comes ready from :mod:`kinerja.reports.builders`.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.shared import Cm, Pt

from kinerja.reports.builders import Letterhead, PkDocument, Signer

EMPTY_NAME = "......................................"


def new_document(*, landscape: bool = False) -> Document:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(11)
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2))
    return doc


def to_bytes(doc: Document) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def centered(doc, text: str, *, bold: bool = False, size: int | None = None):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = p.add_run(text)
    run.bold = bold
    if size:
        run.font.size = Pt(size)
    return p


def letterhead(doc, head: Letterhead) -> None:
    centered(doc, head.government, bold=True, size=13)
    centered(doc, head.agency, bold=True, size=14)
    rule = doc.add_paragraph("_" * 78)
    rule.alignment = WD_ALIGN_PARAGRAPH.CENTER


def paragraph(doc, text: str, *, bold: bool = False, italic: bool = False):
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    run = p.add_run(text)
    run.bold, run.italic = bold, italic
    return p


def page_break(doc) -> None:
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def grid(
    doc,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    *,
    widths: Sequence[float] | None = None,
    numeric: Iterable[int] = (),
    size: int = 9,
):
    """A bordered table; ``numeric`` columns right-aligned."""
    numeric = set(numeric)
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.size = Pt(size)
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for values in rows:
        cells = table.add_row().cells
        for i, (cell, text) in enumerate(zip(cells, values, strict=True)):
            run = cell.paragraphs[0].add_run(str(text))
            run.font.size = Pt(size)
            if i in numeric:
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=False):
                cell.width = Cm(width)
    return table


def signatures(doc, place_date: str, left: tuple[str, Signer] | None, right: tuple[str, Signer]):
    """Two signature blocks side by side (PIHAK KEDUA left, PIHAK PERTAMA right)."""
    table = doc.add_table(rows=2, cols=2)
    table.cell(0, 1).text = place_date
    table.cell(0, 1).paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for col, block in ((0, left), (1, right)):
        if block is None:
            continue
        role, s = block
        cell = table.cell(1, col)
        lines = [role, s.title, "", "", "", s.name or EMPTY_NAME]
        if s.rank:
            lines.append(s.rank)
        if s.nip:
            lines.append(f"NIP. {s.nip}")
        cell.text = ""
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        for i, line in enumerate(lines):
            run = p.add_run(line)
            run.bold = i == 0 or line == (s.name or EMPTY_NAME)
            if i < len(lines) - 1:
                run.add_break()
    return table


def pk_docx(pk: PkDocument) -> bytes:
    doc = new_document()
    letterhead(doc, pk.letterhead)
    if pk.draft:
        centered(doc, "KONSEP — belum ditandatangani", bold=True)
    centered(doc, pk.title, bold=True, size=12)
    if pk.revision:
        centered(doc, f"Perubahan ke-{pk.revision}", bold=True)
    pk_body(doc, pk)
    page_break(doc)
    pk_annex(doc, pk)
    return to_bytes(doc)


def pk_body(doc, pk: PkDocument) -> None:
    paragraph(
        doc,
        "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel "
        "serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
    )
    parties = doc.add_table(rows=6, cols=3)
    lines = [
        ("Nama", ":", pk.first.name),
        ("Jabatan", ":", pk.first.title),
        ("selanjutnya disebut PIHAK PERTAMA", "", ""),
        ("Nama", ":", pk.second.name),
        ("Jabatan", ":", pk.second.title),
        ("selaku atasan langsung pihak pertama, selanjutnya disebut PIHAK KEDUA", "", ""),
    ]
    for row, values in zip(parties.rows, lines, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
        if not values[1]:
            row.cells[0].merge(row.cells[2])
    for cell, width in zip(parties.columns[0].cells, [3] * 6, strict=True):
        cell.width = Cm(width)
    paragraph(
        doc,
        "Pihak pertama berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran "
        "perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah "
        "ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target "
        "kinerja tersebut menjadi tanggung jawab kami.",
    )
    paragraph(
        doc,
        "Pihak kedua akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi "
        "terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan "
        "dalam rangka pemberian penghargaan dan sanksi.",
    )
    if pk.reason:
        paragraph(doc, f"Perjanjian ini merupakan perubahan dengan alasan: {pk.reason}.")
    if pk.valid_text:
        paragraph(doc, f"{pk.valid_text}.")
    _pk_signatures(doc, pk)


def _pk_signatures(doc, pk: PkDocument) -> None:
    when = f"{pk.place}, {pk.date_text or '....................'}"
    signatures(doc, when, ("PIHAK KEDUA", pk.second), ("PIHAK PERTAMA", pk.first))


def pk_annex(doc, pk: PkDocument) -> None:
    centered(doc, f"LAMPIRAN {pk.title}", bold=True)
    centered(doc, pk.first.title)
    rows = [
        (
            str(r.number),
            r.goal,
            r.indicator,
            f"tidak ditargetkan tahun ini ({r.not_targeted})" if r.not_targeted else r.target,
        )
        for r in pk.rows
    ]
    grid(
        doc,
        ("No", "Sasaran", "Indikator Kinerja", "Target"),
        rows,
        widths=(1, 6, 7, 3),
        numeric=(3,),
    )
    doc.add_paragraph()
    grid(
        doc,
        ("No", "Program", "Anggaran", "Keterangan"),
        [(str(p.number), p.name, p.amount, p.note) for p in pk.programs]
        or [("1", "[program dan anggaran belum tercatat dalam aplikasi; diisi dari DPA]", "", "")],
        widths=(1, 9, 3, 4),
    )
    paragraph(doc, f"Target menurut: {pk.basis}.", italic=True)
    _pk_signatures(doc, pk)
