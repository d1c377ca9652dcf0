"""Entry deadlines and closed periods (#12.8): the perencana sets a deadline per period and closes
it; a closed period takes no entry until it is reopened with a reason. Audited."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.permissions import require
from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency
from kinerja.measurement.models import PeriodSchedule


def period_is_open(position: Any, year: int, frequency: str, period: int) -> bool:
    """``position`` is a Position or its id."""
    return not PeriodSchedule.objects.filter(
        agency__decrees__positions=position,
        year=year,
        frequency=frequency,
        period=period,
        closed_at__isnull=False,
    ).exists()


def deadline_of(agency_id: int, year: int, frequency: str, period: int) -> date | None:
    row = PeriodSchedule.objects.filter(
        agency_id=agency_id, year=year, frequency=frequency, period=period
    ).first()
    return row.deadline if row else None


def _row(agency: Agency, year: int, frequency: str, period: int) -> PeriodSchedule:
    limit = 4 if frequency == "quarterly" else 12
    if not 1 <= period <= limit:
        raise ValidationError({"period": f"periode harus 1 sampai {limit}"})
    row, _ = PeriodSchedule.objects.select_for_update().get_or_create(
        agency=agency, year=year, frequency=frequency, period=period
    )
    return row


def _audit(actor, action: str, row: PeriodSchedule, before: dict, reason: str = "") -> None:
    audit_record(
        actor=actor,
        action=action,
        obj=row,
        before=before,
        after={
            "deadline": row.deadline.isoformat() if row.deadline else None,
            "closed": row.closed_at is not None,
        },
        reason=reason,
    )


def _state(row: PeriodSchedule) -> dict:
    return {
        "deadline": row.deadline.isoformat() if row.deadline else None,
        "closed": row.closed_at is not None,
    }


@transaction.atomic
def period_deadline_set(
    *, actor: Any, agency: Agency, year: int, frequency: str, period: int, deadline: date
) -> PeriodSchedule:
    require(actor, "period.close", agency, "Hanya perencana yang mengatur batas pengisian.")
    row = _row(agency, year, frequency, period)
    before = _state(row)
    row.deadline = deadline
    row.save()
    _audit(actor, "periode.batas", row, before)
    return row


@transaction.atomic
def period_close(
    *, actor: Any, agency: Agency, year: int, frequency: str, period: int
) -> PeriodSchedule:
    require(actor, "period.close", agency, "Hanya perencana yang menutup periode.")
    row = _row(agency, year, frequency, period)
    if row.closed_at is not None:
        raise ValidationError({"period": "periode ini sudah ditutup"})
    before = _state(row)
    row.closed_at, row.closed_by = timezone.now(), actor
    row.save()
    _audit(actor, "periode.tutup", row, before)
    return row


@transaction.atomic
def period_reopen(
    *, actor: Any, agency: Agency, year: int, frequency: str, period: int, reason: str
) -> PeriodSchedule:
    require(actor, "period.close", agency, "Hanya perencana yang membuka kembali periode.")
    if not reason.strip():
        raise ValidationError({"reason": "alasan membuka kembali wajib diisi"})
    row = _row(agency, year, frequency, period)
    if row.closed_at is None:
        raise ValidationError({"period": "periode ini belum ditutup"})
    before = _state(row)
    row.closed_at, row.closed_by = None, None
    row.save()
    _audit(actor, "periode.buka", row, before, reason.strip())
    return row
