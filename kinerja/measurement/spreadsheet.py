"""Bulk entry by spreadsheet: a prefilled XLSX template per unit and month, and an upload that
applies every row or none.

Every row is checked before anything is written (numbers, the indicator's rules, the uploader's
right to enter for that position, the row still being editable, nobody having changed it since
the template was made); the errors come back as (row, column, message) so the person can fix the
file and upload it again."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Indicator, Position
from kinerja.core.inputs import (
    MAX_ID,
    clean_text,
    parse_decimal,
    parse_int,
    parse_month,
    parse_year,
)
from kinerja.core.periods import period_closed_by_month
from kinerja.core.uploads import XlsxRefused, check_xlsx_limits, is_xlsx
from kinerja.measurement import services
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import MONTHS, Realization

SHEET = "Realisasi"
COLUMNS = [
    ("ID Indikator", 12),
    ("Jabatan", 34),
    ("Indikator", 50),
    ("Jenis", 11),
    ("Periode", 16),
    ("Pembilang", 14),
    ("Penyebut", 14),
    ("Nilai", 14),
    ("Catatan", 30),
    ("Versi", 7),
]
HEADER = [name for name, _ in COLUMNS]
# Read-only, after the columns the upload reads: the figures the position page shows (the
# achievement read model), so the person filling the sheet sees the same target and capaian.
INFO_COLUMNS = [
    ("Satuan", 10),
    ("Target tahunan", 15),
    ("Dasar target", 26),
    ("Capaian resmi (%) s.d. data terakhir", 18),
]
INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
KIND_LABELS = {"percentage": "Persentase", "ratio": "Rasio", "count": "Jumlah"}


@dataclass
class RowError:
    row: int
    column: str
    message: str


@dataclass
class UploadResult:
    applied: int = 0
    skipped: int = 0
    errors: list[RowError] = field(default_factory=list)


def _period_for(indicator: Indicator, month: int) -> int | None:
    """The period a month's template fills: the month, or the quarter it closes."""
    return period_closed_by_month(indicator.frequency, month)


def template_positions(user: Any, unit_or_position: Position | None) -> list[Position]:
    """The positions whose rows the user's template carries: the ones they hold (optionally
    narrowed to one)."""
    access = access_for(user)
    qs = Position.objects.filter(pk__in=access.held, listed=True).order_by("order")
    if unit_or_position is not None:
        qs = qs.filter(pk=unit_or_position.pk)
    return list(qs)


def template_workbook(*, positions: list[Position], year: int, month: int) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    for col, (title, width) in enumerate(COLUMNS + INFO_COLUMNS, start=1):
        ws.cell(row=1, column=col, value=title).font = Font(bold=True)
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    indicators = (
        Indicator.objects.filter(goal__position__in=positions)
        .select_related("goal__position")
        .order_by("goal__position__order", "goal__order", "order")
    )
    existing = {
        (r.indicator_id, r.frequency, r.period): r
        for r in Realization.objects.filter(position__in=positions, year=year)
    }
    figures = achievement(positions, year, with_cells=False, with_quarters=False)
    row = 2
    for indicator in indicators:
        period = _period_for(indicator, month)
        if period is None:
            continue
        current = existing.get((indicator.pk, indicator.frequency, period))
        label = (
            f"Triwulan {period} {year}"
            if indicator.frequency == Indicator.Frequency.QUARTERLY
            else f"{MONTHS[month - 1]} {year}"
        )
        values = [
            indicator.pk,
            indicator.goal.position.name,
            indicator.name,
            KIND_LABELS[indicator.kind],
            label,
            _num(current.numerator) if current else None,
            _num(current.denominator) if current else None,
            _num(current.value) if current else None,
            current.note if current else None,
            current.version if current else 0,
        ]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            if isinstance(value, str) and value.startswith(("=", "+", "-", "@")):
                cell.data_type = "s"
        for col in (6, 7, 8, 9):
            ws.cell(row=row, column=col).fill = INPUT_FILL
        figure = figures.of_indicator(indicator.pk)
        if figure is not None:
            info = [figure.satuan, figure.target, figure.basis.label, figure.capaian]
            for col, value in enumerate(info, start=len(COLUMNS) + 1):
                number = isinstance(value, Decimal)
                cell = ws.cell(row=row, column=col, value=_num(value) if number else value)
                if col == 14 and value is not None:
                    cell.number_format = "0.00"
        row += 1
    meta = wb.create_sheet("Petunjuk")
    meta["A1"] = f"Realisasi {MONTHS[month - 1]} {year}"
    meta["A2"] = (
        "Isi kolom berwarna: Pembilang dan Penyebut untuk persentase/rasio, Nilai untuk jumlah."
    )
    meta["A3"] = "Jangan ubah kolom ID Indikator, Periode dan Versi. Baris kosong dilewati."
    meta["A4"] = f"tahun={year};bulan={month}"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _num(value: Any) -> Any:
    if value is None:
        return None
    return int(value) if value == value.to_integral() else float(value)


def _cell(row: tuple, index: int) -> Any:
    return row[index] if index < len(row) else None


_COLUMN_OF = {"note": "Catatan", "version": "Versi"}


def _row_id(row: tuple) -> int | None:
    """The row's indicator id when it is one (an int, or digits typed as text), else None."""
    raw = _cell(row, 0)
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        return None
    try:
        return parse_int(raw, "id", minimum=1, maximum=MAX_ID)
    except ValidationError:
        return None


def _read_rows(content: bytes) -> tuple[list[tuple[int, tuple]], tuple[int, int] | None]:
    """The data rows and the (year, month) the template was made for. Every limit is checked
    from the ZIP directory before openpyxl opens anything; anything openpyxl or the XML parser
    (defusedxml: no DOCTYPE entities) raises while reading is a message."""
    limit = settings.KINERJA_MAX_UPLOAD_ROWS
    try:
        check_xlsx_limits(
            content,
            max_uncompressed=settings.KINERJA_MAX_XLSX_UNCOMPRESSED,
            max_shared_strings=settings.KINERJA_MAX_XLSX_SHARED_STRINGS,
            max_rows=limit + 1,
            max_columns=len(HEADER) + 2,
        )
    except XlsxRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
    try:
        wb = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        try:
            return _sheet_rows(wb, limit)
        finally:
            wb.close()
    except ValidationError:
        raise
    except Exception:  # openpyxl and the XML parser raise many kinds for a damaged file
        raise ValidationError(
            {"file": "berkas tidak dapat dibaca sebagai XLSX (rusak atau bukan dari templat)"}
        ) from None


def _sheet_rows(wb: Any, limit: int) -> tuple[list[tuple[int, tuple]], tuple[int, int] | None]:
    if SHEET not in wb.sheetnames:
        raise ValidationError({"file": f"lembar '{SHEET}' tidak ditemukan; gunakan templat"})
    ws = wb[SHEET]
    rows = list(ws.iter_rows(values_only=True, max_row=limit + 2, max_col=len(HEADER) + 2))
    if len(rows) > limit + 1:
        raise ValidationError({"file": f"lebih dari {limit} baris; bagi berkasnya"})
    header = [str(c).strip() if c is not None else "" for c in (rows[0] if rows else ())]
    if header[: len(HEADER)] != HEADER:
        raise ValidationError({"file": "baris judul tidak sesuai templat; unduh templat baru"})
    period = None
    if "Petunjuk" in wb.sheetnames:
        cells = wb["Petunjuk"].iter_rows(min_row=4, max_row=4, max_col=1, values_only=True)
        marker = next(cells, ())
        period = _stamp(marker[0] if marker else None)
    return [(n, r) for n, r in enumerate(rows[1:], start=2)], period


def _stamp(marker: Any) -> tuple[int, int] | None:
    """The template's "tahun=2024;bulan=3" cell, read with the input layer: a damaged stamp is
    a message, not a guess."""
    if marker in (None, ""):
        return None
    try:
        parts = dict(p.split("=", 1) for p in str(marker)[:100].split(";"))
        return parse_year(parts.get("tahun"), "file"), parse_month(parts.get("bulan"), "file")
    except (ValueError, ValidationError):
        raise ValidationError(
            {"file": "sel Petunjuk!A4 (tahun dan bulan templat) rusak; unduh templat baru"}
        ) from None


@transaction.atomic
def upload_apply(*, actor: Any, content: bytes, year: int, month: int) -> UploadResult:
    """Validate every row, then apply all of them, or none when any row is wrong."""
    access = access_for(actor)
    if not any(access.can_enter(pk) for pk in access.held):
        # Checked before the file is opened: no one parses a workbook they may not apply.
        raise PermissionDenied("Anda tidak memegang jabatan yang dapat mengisi realisasi.")
    if len(content) > settings.KINERJA_MAX_EVIDENCE_BYTES:
        raise ValidationError({"file": "berkas melebihi batas ukuran"})
    if not is_xlsx(content):
        raise ValidationError({"file": "berkas bukan XLSX"})
    rows, stamped = _read_rows(content)
    if stamped is not None and stamped != (year, month):
        raise ValidationError(
            {
                "file": f"templat ini untuk {MONTHS[stamped[1] - 1]} {stamped[0]}, bukan "
                f"{MONTHS[month - 1]} {year}"
            }
        )
    result = UploadResult()
    ids = {_row_id(r) for _, r in rows} - {None}
    indicators = {
        i.pk: i for i in Indicator.objects.filter(pk__in=ids).select_related("goal__position")
    }
    plans: list[dict[str, Any]] = []
    seen: dict[tuple[int, int], int] = {}
    for number, row in rows:
        if all(v in (None, "") for v in row[:10]):
            continue
        values = [_cell(row, i) for i in (5, 6, 7)]
        if all(v in (None, "") for v in values) and not _cell(row, 8):
            result.skipped += 1
            continue
        indicator = indicators.get(_row_id(row))
        if indicator is None:
            result.errors.append(RowError(number, "ID Indikator", "indikator tidak dikenal"))
            continue
        position = indicator.goal.position
        if not access.can_enter(position.pk):
            result.errors.append(
                RowError(number, "ID Indikator", f"Anda bukan pemegang jabatan {position.name}")
            )
            continue
        period = _period_for(indicator, month)
        if period is None:
            result.errors.append(
                RowError(number, "Periode", "indikator triwulanan: bukan bulan akhir triwulan")
            )
            continue
        first = seen.setdefault((indicator.pk, period), number)
        if first != number:
            result.errors.append(
                RowError(
                    number,
                    "ID Indikator",
                    f"indikator dan periode ini sudah diisi di baris {first}",
                )
            )
            continue
        parsed: dict[str, Any] = {}
        for column, key, raw in zip(
            ("Pembilang", "Penyebut", "Nilai"),
            ("numerator", "denominator", "value"),
            values,
            strict=True,
        ):
            try:
                parsed[key] = parse_decimal(raw, key)
            except ValidationError as exc:
                result.errors.append(RowError(number, column, exc.message_dict[key][0]))
        if len(parsed) < 3:
            continue
        try:
            services.validate_numbers(indicator, **parsed)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                column = {"numerator": "Pembilang", "denominator": "Penyebut"}.get(key, "Nilai")
                result.errors.append(RowError(number, column, messages[0]))
            continue
        try:
            note = clean_text(_cell(row, 8), "note", max_length=2000)
            version = parse_int(_cell(row, 9), "version", maximum=2**31 - 1, required=False)
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                result.errors.append(RowError(number, _COLUMN_OF[key], messages[0]))
            continue
        plans.append(
            {
                "row": number,
                "indicator": indicator,
                "period": period,
                "note": note,
                "version": version,
                **parsed,
            }
        )
    if result.errors:
        return result
    for plan in plans:
        try:
            services.realization_save(
                actor=actor,
                indicator=plan["indicator"],
                year=year,
                period=plan["period"],
                numerator=plan["numerator"],
                denominator=plan["denominator"],
                value=plan["value"],
                note=plan["note"],
                expected_version=plan["version"],
            )
        except services.RealizationConflict as exc:
            result.errors.append(RowError(plan["row"], "Versi", str(exc)))
        except (ValidationError, PermissionDenied) as exc:
            message = "; ".join(
                m for ms in getattr(exc, "message_dict", {"": [str(exc)]}).values() for m in ms
            )
            result.errors.append(RowError(plan["row"], "Status", message))
        else:
            result.applied += 1
    if result.errors:
        transaction.set_rollback(True)
        result.applied = 0
    return result
