"""A small year of data on the seed decree for the document tests: Renja and Rencana Aksi
targets, a signed PK for the Kasi and the Kabid (real parties through the planning services),
and realizations of the first half-year."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal as D

from docx import Document
from openpyxl import load_workbook
from pypdf import PdfReader

from kinerja.measurement.models import Realization, Status
from kinerja.planning.models import Agreement, Target
from kinerja.planning.services import agreement_create, agreement_sign

YEAR = 2024


def indicators(position):
    return [i for g in position.goals.order_by("order") for i in g.indicators.order_by("order")]


def targets(position, annual=1200, quarters=(200, 400, 300, 300), pct=95, year=YEAR):
    """Renja targets and the four Rencana Aksi quarters of every indicator of ``position``."""
    rows = []
    for indicator in indicators(position):
        value = D(pct) if indicator.kind != "count" else D(annual)
        shares = [value] * 4 if indicator.kind != "count" else [D(q) for q in quarters]
        for q, qv in enumerate([value, *shares]):
            rows.append(
                Target(indicator=indicator, year=year, plan=Target.Plan.RENJA, quarter=q, value=qv)
            )
    Target.objects.filter(indicator__goal__position=position, year=year).delete()
    Target.objects.bulk_create(rows)


def targets_everywhere(org):
    for position in org.decree.positions.all():
        targets(position)


def realize(position, months=6, count=90, num=45, den=50, status=Status.VERIFIED, year=YEAR):
    for indicator in indicators(position):
        quarters = range(1, months // 3 + 1)
        for p in range(1, months + 1) if indicator.frequency == "monthly" else quarters:
            Realization.objects.create(
                indicator=indicator,
                position=position,
                year=year,
                frequency=indicator.frequency,
                period=p,
                value=D(count) if indicator.kind == "count" else None,
                numerator=None if indicator.kind == "count" else D(num),
                denominator=None if indicator.kind == "count" else D(den),
                status=status,
            )


def signed_pk(org, role, day=date(2024, 1, 5), place="Sampang") -> Agreement:
    agreement = agreement_create(actor=org.admin, position=org.pos[role], year=YEAR, day=day)
    return agreement_sign(
        actor=org.admin, agreement=agreement, signed_on=day, signed_at=place, today=date(2024, 2, 1)
    )


def pdf_text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join((page.extract_text() or "").split()) for page in reader.pages)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def workbook(data: bytes):
    return load_workbook(io.BytesIO(data))


def rows_of(ws) -> list[tuple]:
    return [tuple(c.value for c in row) for row in ws.iter_rows()]
