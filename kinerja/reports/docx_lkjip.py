"""The LKjIP as an editable DOCX: the same chapters and tables as the PDF (no chart: the office
pastes its own figure if it wants one)."""

from __future__ import annotations

from kinerja.core.numbers import format_percent
from kinerja.reports import docx_out, docx_strategy
from kinerja.reports.builders_lkjip import LkjipDocument


def _text(d, doc: LkjipDocument, key: str) -> None:
    for part in doc.texts[key].split("\n\n"):
        docx_out.paragraph(d, part.strip(), italic=key not in doc.filled)


def _summary(doc: LkjipDocument) -> str:
    office = doc.office
    if office is None:
        return ""
    text = (
        f"Rata-rata capaian {office.counted} indikator kinerja {doc.agency.name} tahun "
        f"{doc.year} adalah {format_percent(office.capaian) or 'tidak dapat dihitung'}"
    )
    if office.predicate:
        text += f" dengan predikat {office.predicate}"
    if office.not_computed:
        text += f"; {office.not_computed} indikator tidak dapat dihitung"
    if office.not_targeted:
        text += f"; {office.not_targeted} indikator tidak ditargetkan"
    return text + "."


def lkjip_docx(doc: LkjipDocument) -> bytes:
    d = docx_out.new_document()
    for _ in range(6):
        d.add_paragraph()
    docx_out.centered(d, "LAPORAN KINERJA INSTANSI PEMERINTAH (LKjIP)", bold=True, size=16)
    docx_out.centered(d, f"TAHUN {doc.year}", bold=True, size=16)
    docx_out.centered(d, f"{doc.agency.name} {doc.agency.region}".upper(), bold=True, size=13)
    docx_out.page_break(d)
    d.add_heading("KATA PENGANTAR", level=1)
    _text(d, doc, "kata_pengantar")
    docx_out.signatures(d, f"{doc.place}, ....................", None, ("", doc.head))
    docx_out.page_break(d)
    d.add_heading("IKHTISAR EKSEKUTIF", level=1)
    docx_out.paragraph(d, _summary(doc))
    _text(d, doc, "ikhtisar")
    d.add_heading("BAB I PENDAHULUAN", level=1)
    _text(d, doc, "pendahuluan")
    d.add_heading("BAB II PERENCANAAN KINERJA", level=1)
    if doc.pk:
        docx_out.paragraph(
            d,
            f"Perjanjian Kinerja tahun {doc.year} ditandatangani {doc.pk.first.name} selaku "
            f"{doc.pk.first.title} dan {doc.pk.second.name} selaku {doc.pk.second.title} pada "
            f"{doc.pk.date_text}.",
        )
    docx_out.grid(
        d,
        ("No", "Sasaran", "Indikator Kinerja", "Target"),
        [
            (str(i), f.goal_statement, f.name, f.target_text if f.targeted else "tidak ditargetkan")
            for i, f in enumerate(doc.rows, start=1)
        ],
        widths=(1, 6.5, 7, 3),
        numeric=(3,),
    )
    d.add_heading("BAB III AKUNTABILITAS KINERJA", level=1)
    d.add_heading("A. Capaian Kinerja Organisasi", level=2)
    rows = [
        (
            str(i),
            f.goal_statement,
            f.name + (f" ({f.reason})" if f.reason else ""),
            f.satuan,
            f.target_text,
            f.value_text + ("*" if f.provisional else ""),
            format_percent(f.capaian),
            f.predicate or "",
        )
        for i, f in enumerate(doc.rows, start=1)
    ]
    office = doc.office
    rows.append(
        (
            "",
            "Rata-rata capaian",
            "",
            "",
            "",
            "",
            format_percent(office.capaian) if office else "",
            (office.predicate or "") if office else "",
        )
    )
    docx_out.grid(
        d,
        ("No", "Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Predikat"),
        rows,
        widths=(0.8, 3.5, 4.5, 1.5, 2, 2, 1.8, 1.8),
        numeric=(4, 5, 6),
        size=8,
    )
    d.add_paragraph()
    n2, n1, n = doc.years
    docx_out.grid(
        d,
        ("No", "Indikator", f"Realisasi {n2}", f"Realisasi {n1}", f"Realisasi {n}",
         f"Capaian {n1}", f"Capaian {n}"),
        [
            (
                str(i),
                c.figure.name,
                c.before[0].value_text if c.before[0] else "–",
                c.before[1].value_text if c.before[1] else "–",
                c.figure.value_text or "–",
                format_percent(c.before[1].capaian, empty="–") if c.before[1] else "–",
                format_percent(c.figure.capaian, empty="–"),
            )
            for i, c in enumerate(doc.comparisons, start=1)
        ],
        widths=(0.8, 6, 2, 2, 2, 2, 2),
        numeric=(2, 3, 4, 5, 6),
        size=8,
    )  # fmt: skip
    docx_strategy.before_analysis(d, doc.strategy)
    _text(d, doc, "analisis")
    docx_strategy.notes(d, doc.strategy)
    d.add_heading("B. Realisasi Anggaran", level=2)
    docx_strategy.budget(d, doc.strategy)
    _text(d, doc, "anggaran")
    d.add_heading("BAB IV PENUTUP", level=1)
    _text(d, doc, "penutup")
    for line in doc.rules:
        docx_out.paragraph(d, line, italic=True)
    if doc.pk:
        docx_out.page_break(d)
        d.add_heading(f"LAMPIRAN: {doc.pk.title}", level=1)
        docx_out.pk_body(d, doc.pk)
        docx_out.pk_annex(d, doc.pk)
    return docx_out.to_bytes(d)
