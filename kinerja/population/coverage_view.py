"""The coverage page's chart and spreadsheet, built from the same rows as its table.

The chart is drawn by the one chart code path (``kinerja.charts``): each bar carries its figure
as text, and its band has a pattern as well as a colour, named in the legend (``BANDS``). The
bands only help the eye find low areas; the figures are the page's.
"""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.http import urlencode
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from kinerja.charts import Bar, Chart, hbars
from kinerja.population.models import AreaFigure
from kinerja.population.selectors import AreaRow, coverage, persen, sort_rows

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# (lowest coverage in the band, tone, words of the legend), highest band first
BANDS: tuple[tuple[Decimal | None, str, str], ...] = (
    (Decimal(95), "p0", "cakupan 95% atau lebih"),
    (Decimal(80), "p2", "cakupan 80% sampai di bawah 95%"),
    (Decimal(0), "p4", "cakupan di bawah 80%"),
    (None, "kosong", "tidak dapat dihitung (penyebut nol)"),
)


def kabupaten_and_kecamatan(extract, as_of, key: str) -> tuple[AreaRow | None, list[AreaRow]]:
    """The kabupaten total and every kecamatan of one indicator, in one query (by name)."""
    rows = [
        AreaRow(c, n, lv, a, b, coverage(a, b))
        for c, n, lv, a, b in AreaFigure.objects.filter(
            extract=extract,
            as_of=as_of,
            indicator_key=key,
            area_level__in=[AreaFigure.Level.KABUPATEN, AreaFigure.Level.KECAMATAN],
        )
        .order_by()
        .values_list("area_code", "area_name", "area_level", "numerator", "denominator")
    ]
    total = next((r for r in rows if r.level == AreaFigure.Level.KABUPATEN), None)
    return total, sort_rows([r for r in rows if r.level == AreaFigure.Level.KECAMATAN], "wilayah")


def band_of(value: Decimal | None) -> str:
    if value is None:
        return "kosong"
    return next(tone for low, tone, _ in BANDS if low is not None and value >= low)


def coverage_bars(
    rows: list[AreaRow], total: AreaRow | None, kecamatan: AreaRow | None, query: dict
) -> Chart:
    """The kabupaten (and the chosen kecamatan) first, then each area; a kecamatan's bar opens
    its desa."""
    bars = []
    if total is not None:
        bars.append(
            Bar(
                f"{total.name} (total)",
                total.coverage,
                persen(total.coverage),
                band_of(total.coverage),
            )
        )
    if kecamatan is not None:
        bars.append(
            Bar(
                f"Kecamatan {kecamatan.name} (total)",
                kecamatan.coverage,
                persen(kecamatan.coverage),
                band_of(kecamatan.coverage),
            )
        )
    for row in rows:
        href = ""
        if row.level == "kecamatan":
            href = "?" + urlencode({**query, "tingkat": "desa", "kecamatan": row.code})
        bars.append(Bar(row.name, row.coverage, persen(row.coverage), band_of(row.coverage), href))
    return hbars(
        bars,
        title="Cakupan per wilayah",
        columns=("Wilayah", "Cakupan"),
        legend=[(tone, words) for _, tone, words in BANDS],
        limit=Decimal(100),
        reference=None,
    )


def coverage_workbook(context: dict) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Cakupan"
    ws.append([f"{context['indicator_name']}"])
    ws["A1"].font = Font(bold=True)
    ws.append(
        [
            f"Ekstrak SIAK {context['extract'].extract_date.isoformat()}, tanggal acuan "
            f"{context['as_of'].isoformat()}; cakupan = pembilang / penyebut × 100%"
        ]
    )
    ws.append([])
    ws.append(
        ["Kode wilayah", "Wilayah", "Tingkat", "Pembilang", "Penyebut", "Cakupan (%)", "Keterangan"]
    )
    for cell in ws[4]:
        cell.font = Font(bold=True)
    lines = [r for r in (context.get("total"), context.get("kecamatan_row")) if r is not None]
    for row in [*lines, *context["rows"]]:
        ws.append(
            [
                row.code,
                row.name,
                row.level,
                row.numerator,
                row.denominator,
                float(row.coverage) if row.coverage is not None else None,
                "" if row.coverage is not None else "tidak dapat dihitung: penyebut nol",
            ]
        )
        ws.cell(ws.max_row, 4).number_format = "#,##0"
        ws.cell(ws.max_row, 5).number_format = "#,##0"
        ws.cell(ws.max_row, 6).number_format = "0.00"
    for i, width in enumerate((16, 34, 12, 14, 14, 14, 34), start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
