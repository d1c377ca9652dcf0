"""The IKI decree (Keputusan Kepala Dinas tentang Penetapan Indikator Kinerja Individu) printed
from the catalog: the decree's own text (menimbang, mengingat, diktum, signatory) and the annex
per position (tugas, fungsi, kinerja, indikator, formulasi, sumber data). It prints no figure."""

from __future__ import annotations

from dataclasses import dataclass

from kinerja.catalog.models import Decree
from kinerja.catalog.selectors import positions_full
from kinerja.planning.parties import tanggal
from kinerja.reports import docx_out
from kinerja.reports.builders import Letterhead, Signer, letterhead

LETTERS = "abcdefghijklmnopqrstuvwxyz"
DICTA = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT"]


@dataclass(frozen=True)
class AnnexRow:
    number: int
    goal: str
    indicator: str
    formula: str
    sources: str
    # One entry per source, so the DOCX can print them as lines and read back the same list
    # (a source named "Renstra, Renja" would split at its comma in the joined text).
    source_list: tuple[str, ...] = ()


@dataclass
class AnnexPosition:
    name: str
    unit: str
    supervisor: str
    tasks: list[str]
    functions: list[str]
    rows: list[AnnexRow]


@dataclass
class DecreeDocument:
    decree_id: int
    letterhead: Letterhead
    issuer: str  # KEPALA DINAS ... KABUPATEN SAMPANG
    number: str
    title: str
    considerations: list[str]
    legal_basis: list[str]
    dicta: list[tuple[str, str]]
    uses: list[str]
    place: str
    date_text: str
    signer: Signer
    positions: list[AnnexPosition]

    @property
    def filename(self) -> str:
        return f"keputusan-iki-{self.decree_id}"


def decree_document(decree: Decree) -> DecreeDocument:
    agency = decree.agency
    issuer = f"KEPALA {agency.name} {agency.region}".upper()
    positions = []
    for p in positions_full(decree):
        rows = []
        number = 0
        for goal in p.goals.all():
            for indicator in goal.indicators.all():
                number += 1
                formula = indicator.formula or indicator.numerator
                if indicator.denominator:
                    formula = f"{indicator.numerator} / {indicator.denominator}"
                    # a ratio is not multiplied by 100; the parentheses keep it a fraction
                    # when the decree is read back (docs/catalog-format.md, "Kind")
                    formula = (
                        f"{formula} × 100%" if indicator.kind == "percentage" else f"({formula})"
                    )
                names = tuple(link.source.name for link in indicator.source_links)
                sources = ", ".join(names)
                rows.append(
                    AnnexRow(number, goal.statement, indicator.name, formula, sources, names)
                )
        duties = list(p.duties.all())
        positions.append(
            AnnexPosition(
                name=p.name,
                unit=p.unit.name if p.unit else "",
                supervisor=p.supervisor.name if p.supervisor else p.supervisor_text,
                tasks=[d.text for d in duties if d.kind == "task"],
                functions=[d.text for d in duties if d.kind == "function"],
                rows=rows,
            )
        )
    uses = list(decree.uses or [])
    dicta = [
        (
            "KESATU",
            f"Menetapkan Indikator Kinerja Individu di lingkungan {agency.name} {agency.region} "
            f"Tahun {decree.period_start}-{decree.period_end} sebagaimana tercantum dalam "
            "Lampiran yang merupakan bagian tidak terpisahkan dari Keputusan ini.",
        ),
    ]
    if uses:
        dicta.append(
            (
                "KEDUA",
                "Indikator Kinerja Individu sebagaimana dimaksud pada Diktum KESATU dipergunakan "
                "sebagai bahan:",
            )
        )
    dicta.append((DICTA[len(dicta)], "Keputusan ini mulai berlaku pada tanggal ditetapkan."))
    title_holder = decree.signatory_title or issuer
    signer = Signer(
        f"{decree.signatory_acting} {title_holder}".strip(),
        decree.signatory_name,
        decree.signatory_rank,
        decree.signatory_nip,
    )
    return DecreeDocument(
        decree_id=decree.pk,
        letterhead=letterhead(agency),
        issuer=issuer,
        number=decree.number,
        title=decree.title,
        considerations=list(decree.considerations or []),
        legal_basis=list(decree.legal_basis or []),
        dicta=dicta,
        uses=uses,
        place=decree.enacted_at or agency.region.split()[-1],
        date_text=tanggal(decree.enacted_on) if decree.enacted_on else "",
        signer=signer,
        positions=positions,
    )


def decree_docx(doc: DecreeDocument) -> bytes:
    d = docx_out.new_document()
    docx_out.letterhead(d, doc.letterhead)
    docx_out.centered(d, f"KEPUTUSAN {doc.issuer}", bold=True)
    docx_out.centered(d, f"NOMOR: {doc.number}", bold=True)
    docx_out.centered(d, "TENTANG", bold=True)
    docx_out.centered(d, doc.title.upper(), bold=True)
    docx_out.centered(d, f"{doc.issuer},", bold=True)
    _listed(d, "Menimbang", doc.considerations, LETTERS)
    _listed(d, "Mengingat", doc.legal_basis, None)
    docx_out.centered(d, "MEMUTUSKAN:", bold=True)
    docx_out.paragraph(d, f"Menetapkan : {doc.title}")
    for label, text in doc.dicta:
        docx_out.paragraph(d, f"{label} : {text}")
        if label == "KEDUA":
            for i, use in enumerate(doc.uses):
                docx_out.paragraph(d, f"    {LETTERS[i]}. {use};")
    docx_out.signatures(
        d,
        f"Ditetapkan di {doc.place}\npada tanggal {doc.date_text or '....................'}",
        None,
        ("", doc.signer),
    )
    for p in doc.positions:
        docx_out.page_break(d)
        docx_out.paragraph(d, f"LAMPIRAN KEPUTUSAN {doc.issuer} NOMOR {doc.number}", bold=True)
        docx_out.centered(d, f"INDIKATOR KINERJA INDIVIDU {p.name.upper()}", bold=True)
        docx_out.paragraph(d, f"Jabatan: {p.name}")  # as written: the heading is upper case
        if p.unit:
            docx_out.paragraph(d, f"Unit kerja: {p.unit}")
        if p.supervisor:
            docx_out.paragraph(d, f"Atasan: {p.supervisor}")
        _listed(d, "Tugas", p.tasks, None)
        _listed(d, "Fungsi", p.functions, LETTERS)
        docx_out.grid(
            d,
            ("No", "Kinerja", "Indikator Kinerja", "Formulasi", "Sumber Data"),
            [(str(r.number), r.goal, r.indicator, r.formula, _sources(r)) for r in p.rows],
            widths=(1, 4.5, 4.5, 4.5, 3),
        )
    return docx_out.to_bytes(d)


def _sources(row: AnnexRow) -> str:
    """Each source on its own line as a dash item, as the decrees print them."""
    if not row.source_list:
        return row.sources
    return "\n".join(f"- {name}" for name in row.source_list)


def _listed(d, label: str, items: list[str], letters: str | None) -> None:
    if not items:
        return
    docx_out.paragraph(d, f"{label} :", bold=True)
    for i, text in enumerate(items):
        mark = f"{letters[i % len(letters)]}." if letters else f"{i + 1}."
        docx_out.paragraph(d, f"    {mark} {text}")
