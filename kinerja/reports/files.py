"""One entry per document: (object, format) -> (bytes, file name). The pages and the
``kinerja report`` command both call these, so a document is the same wherever it is made."""

from __future__ import annotations

from kinerja.catalog.models import Agency, Decree, Position, Unit
from kinerja.core.numbers import format_percent
from kinerja.measurement.achievement_types import Achievement
from kinerja.planning.models import Agreement
from kinerja.reports import builders, builders_lkjip, decree_doc, docx_out, xlsx_out
from kinerja.reports.pdf import render_pdf
from kinerja.reports.svg import capaian_bars

PK_FORMATS = ("pdf", "docx")
EVALUATION_FORMATS = ("xlsx", "pdf")
ACTION_PLAN_FORMATS = ("xlsx", "pdf")
LKJIP_FORMATS = ("pdf", "docx", "xlsx")
DECREE_FORMATS = ("docx", "pdf")


def agreement_file(agreement: Agreement, fmt: str) -> tuple[bytes, str]:
    doc = builders.pk_document(agreement)
    if fmt == "pdf":
        return render_pdf("reports/pk.html", {"doc": doc}), doc.filename
    return docx_out.pk_docx(doc), doc.filename


def evaluation_file(
    agency: Agency,
    year: int,
    quarter: int,
    fmt: str,
    *,
    verified_only: bool = True,
    unit: Unit | None = None,
) -> tuple[bytes, str]:
    doc = builders.evaluation_document(
        agency, year, quarter, verified_only=verified_only, unit=unit
    )
    if fmt == "xlsx":
        return xlsx_out.evaluation_xlsx(doc), doc.filename
    return render_pdf("reports/evaluation.html", {"doc": doc}), doc.filename


def action_plan_file(
    agency: Agency, year: int, fmt: str, *, positions: list[Position] | None = None
) -> tuple[bytes, str]:
    doc = builders.action_plan_document(agency, year, positions)
    name = doc.filename if positions is None else f"{doc.filename}-{positions[0].key}"
    if fmt == "xlsx":
        return xlsx_out.action_plan_xlsx(doc), name
    return render_pdf("reports/action_plan.html", {"doc": doc}), name


def lkjip_chart(doc: builders_lkjip.LkjipDocument) -> str:
    items = [(f.name, f.capaian, _capaian_text(f)) for f in doc.rows]
    return capaian_bars(items, title=f"Capaian indikator kinerja {doc.year}")


def _capaian_text(figure) -> str:
    if figure.capaian is not None:
        return format_percent(figure.capaian)
    return "tidak ditargetkan" if not figure.targeted else "tidak dapat dihitung"


def lkjip_file(
    agency: Agency, year: int, fmt: str, *, verified_only: bool = True
) -> tuple[bytes, str]:
    doc = builders_lkjip.lkjip_document(agency, year, verified_only=verified_only)
    if fmt == "xlsx":
        return xlsx_out.lkjip_xlsx(doc), doc.filename
    if fmt == "docx":
        from kinerja.reports.docx_lkjip import lkjip_docx

        return lkjip_docx(doc), doc.filename
    return render_pdf("reports/lkjip.html", {"doc": doc, "chart": lkjip_chart(doc)}), doc.filename


def decree_file(decree: Decree, fmt: str) -> tuple[bytes, str]:
    doc = decree_doc.decree_document(decree)
    if fmt == "docx":
        return decree_doc.decree_docx(doc), doc.filename
    return render_pdf("reports/decree.html", {"doc": doc}), doc.filename


def position_table(position: Position, year: int, figures: Achievement) -> bytes:
    rules = figures.the_rules
    which = "termasuk realisasi sementara (belum diverifikasi)"
    if figures.verified_only:
        which = "hanya realisasi terverifikasi"
    return xlsx_out.figures_xlsx(
        f"Capaian {position.name} tahun {year}",
        f"{figures.as_of_label}; {which}",
        figures.of_position(position.pk),
        rules.lines() if rules else [],
    )
