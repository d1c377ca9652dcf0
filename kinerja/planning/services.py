"""Targets and Perjanjian Kinerja writes, audited."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.access import access_for
from kinerja.accounts.models import Assignment
from kinerja.audit.services import audit_record, snapshot
from kinerja.catalog.models import Indicator, Position
from kinerja.core.inputs import parse_decimal
from kinerja.planning.models import Agreement, AgreementItem, AgreementTransition, Target

TARGET_AUDITED = ["value", "value_max"]


class TargetLocked(ValidationError):
    pass


def can_plan(user: Any, position: Position) -> bool:
    """Targets and PK drafts are prepared by admins (the planning sub-division) and the head."""
    access = access_for(user)
    return access.is_admin or access.reads_everything_of(position.pk)


def signed_agreement_locking(indicator: Indicator, year: int) -> Agreement | None:
    """The signed PK that fixes this indicator's target for the year, unless a PK Perubahan
    draft has reopened it."""
    position = indicator.goal.position
    latest = Agreement.objects.filter(position=position, year=year).order_by("-revision").first()
    if latest is None or latest.status != Agreement.Status.SIGNED:
        return None
    return latest if latest.items.filter(indicator=indicator).exists() else None


@transaction.atomic
def target_set(
    *,
    actor: Any,
    indicator: Indicator,
    year: int,
    plan: str,
    value: Any,
    value_max: Any = None,
    quarter: int = 0,
    reason: str = "",
    check_access: bool = True,
) -> Target:
    position = indicator.goal.position
    if check_access and not can_plan(actor, position):
        raise PermissionDenied("Hanya admin perencanaan atau kepala yang dapat mengubah target.")
    decree = position.decree
    if not decree.period_start <= int(year) <= decree.period_end:
        raise ValidationError(
            {"year": f"tahun {year} di luar periode {decree.period_start}-{decree.period_end}"}
        )
    if not 0 <= quarter <= 4 or (quarter and plan != Target.Plan.RENJA):
        raise ValidationError({"quarter": "triwulan 1-4 hanya untuk rencana aksi (Renja)"})
    number = parse_decimal(value, "value")
    upper = parse_decimal(value_max, "value_max")
    if number is None:
        raise ValidationError({"value": "target wajib diisi"})
    if number < 0:
        raise ValidationError({"value": "target tidak boleh negatif"})
    if indicator.polarity == Indicator.Polarity.RANGE:
        if upper is None or upper < number:
            raise ValidationError({"value_max": "target rentang butuh batas atas >= batas bawah"})
    elif upper is not None:
        raise ValidationError({"value_max": "batas atas hanya untuk indikator dengan rentang"})
    if plan == Target.Plan.RENJA or quarter:
        locking = signed_agreement_locking(indicator, year)
        if locking is not None:
            raise TargetLocked(
                {
                    "value": f"target {year} dikunci oleh {locking} yang sudah ditandatangani; "
                    "buat PK Perubahan untuk mengubahnya"
                }
            )
    target = (
        Target.objects.select_for_update()
        .filter(indicator=indicator, year=year, plan=plan, quarter=quarter)
        .order_by("pk")
        .first()
    )
    before = snapshot(target, TARGET_AUDITED)
    if target is None:
        target = Target(indicator=indicator, year=year, plan=plan, quarter=quarter)
    else:
        target.version += 1
    target.value, target.value_max = number, upper
    target.full_clean()
    target.save()
    after = snapshot(target, TARGET_AUDITED)
    if before != after:
        audit_record(
            actor=actor, action="target.ubah", obj=target, before=before, after=after, reason=reason
        )
    return target


def effective_target(indicator: Indicator, year: int) -> Target | None:
    """The year's Renja target, else the Renstra target for that year."""
    targets = {t.plan: t for t in Target.objects.filter(indicator=indicator, year=year, quarter=0)}
    return targets.get(Target.Plan.RENJA) or targets.get(Target.Plan.RENSTRA)


def _holder(position: Position, day: date) -> Assignment | None:
    order = {"definitif": 0, "plt": 1, "plh": 2}
    active = list(
        Assignment.objects.active_on(day).filter(position=position).select_related("employee")
    )
    return min(active, key=lambda a: (order[a.kind], -a.starts_on.toordinal()), default=None)


def _fill_items(agreement: Agreement) -> None:
    agreement.items.all().delete()
    items = []
    order = 0
    position = agreement.position
    for goal in position.goals.prefetch_related("indicators"):
        for indicator in goal.indicators.all():
            target = effective_target(indicator, agreement.year)
            items.append(
                AgreementItem(
                    agreement=agreement,
                    indicator=indicator,
                    goal_statement=goal.statement,
                    indicator_name=indicator.name,
                    measure_unit=indicator.measure_unit
                    or ("%" if indicator.kind == Indicator.Kind.PERCENTAGE else ""),
                    target_value=target.value if target else None,
                    target_max=target.value_max if target else None,
                    order=order,
                )
            )
            order += 1
    AgreementItem.objects.bulk_create(items)


def _record(agreement: Agreement, actor: Any, from_status: str, reason: str = "") -> None:
    AgreementTransition.objects.create(
        agreement=agreement,
        from_status=from_status,
        to_status=agreement.status,
        actor=actor if getattr(actor, "pk", None) else None,
        reason=reason,
    )
    audit_record(
        actor=actor,
        action=f"pk.{agreement.status}",
        obj=agreement,
        before={"status": from_status} if from_status else None,
        after={"status": agreement.status, "revision": agreement.revision},
        reason=reason,
    )


@transaction.atomic
def agreement_create(
    *, actor: Any, position: Position, year: int, day: date | None = None, check_access: bool = True
) -> Agreement:
    """Draft a PK for the position's current holder, with the supervisor (or, for the head,
    the Bupati) as second party."""
    if check_access and not (can_plan(actor, position) or access_for(actor).can_enter(position.pk)):
        raise PermissionDenied("Anda tidak berwenang menyusun PK jabatan ini.")
    decree = position.decree
    if not decree.period_start <= int(year) <= decree.period_end:
        raise ValidationError(
            {"year": f"tahun {year} di luar periode {decree.period_start}-{decree.period_end}"}
        )
    if Agreement.objects.filter(position=position, year=year).exists():
        raise ValidationError({"year": f"PK {year} untuk jabatan ini sudah ada"})
    if not position.goals.exists():
        raise ValidationError({"position": "jabatan ini tidak memiliki indikator kinerja"})
    day = day or timezone.localdate()
    first = _holder(position, day)
    if first is None:
        raise ValidationError({"position": f"jabatan {position.name} sedang kosong"})
    agreement = Agreement(
        position=position,
        year=year,
        first_party=first.employee,
        first_party_acting=first.acting_prefix,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _set_second_party(agreement, position, day)
    agreement.save()
    _fill_items(agreement)
    _record(agreement, actor, "")
    return agreement


def _set_second_party(agreement: Agreement, position: Position, day: date) -> None:
    supervisor = position.supervisor
    if supervisor is None:
        if position.is_head:
            region = position.decree.agency.region
            if region.startswith("Kota "):  # a kota's head is the Wali Kota, not a Bupati
                agreement.second_party_title = f"Wali Kota {region.removeprefix('Kota ')}"
            else:
                agreement.second_party_title = f"Bupati {region.removeprefix('Kabupaten ')}"
            return
        raise ValidationError(
            {"position": f"atasan jabatan {position.name} belum ditetapkan (lihat katalog)"}
        )
    second = _holder(supervisor, day)
    if second is None:
        raise ValidationError({"position": f"jabatan atasan {supervisor.name} sedang kosong"})
    agreement.second_party = second.employee
    agreement.second_party_acting = second.acting_prefix
    agreement.second_party_title = supervisor.name


@transaction.atomic
def agreement_sign(
    *, actor: Any, agreement: Agreement, signed_on: date, signed_at: str
) -> Agreement:
    """Record the signing. Targets are copied into the annex now: what was signed stays."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    access = access_for(actor)
    allowed = (
        access.is_admin
        or access.reads_everything_of(agreement.position_id)
        or (agreement.position.supervisor_id in access.held)
    )
    if not allowed:
        raise PermissionDenied("Penandatanganan dicatat oleh pihak kedua, kepala, atau admin.")
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError({"status": "hanya konsep PK yang dapat ditandatangani"})
    _fill_items(agreement)
    missing = [i.indicator_name for i in agreement.items.all() if i.target_value is None]
    if missing:
        raise ValidationError(
            {"items": f"{len(missing)} indikator belum bertarget, mis. '{missing[0]}'"}
        )
    agreement.status = Agreement.Status.SIGNED
    agreement.signed_on, agreement.signed_at = signed_on, signed_at
    agreement.save()
    _record(agreement, actor, Agreement.Status.DRAFT)
    if agreement.replaces_id:
        old = agreement.replaces
        old.status = Agreement.Status.SUPERSEDED
        old.save(update_fields=["status"])
        _record(old, actor, Agreement.Status.SIGNED, f"digantikan oleh {agreement}")
    return agreement


@transaction.atomic
def agreement_revise(*, actor: Any, agreement: Agreement, reason: str) -> Agreement:
    """Open a PK Perubahan: a new draft revision; the signed one stays until the new is signed."""
    if not can_plan(actor, agreement.position):
        raise PermissionDenied(
            "Hanya admin perencanaan atau kepala yang dapat membuat PK Perubahan."
        )
    if agreement.status != Agreement.Status.SIGNED:
        raise ValidationError({"status": "hanya PK yang sudah ditandatangani yang dapat diubah"})
    if hasattr(agreement, "replaced_by"):
        raise ValidationError({"status": "PK Perubahan untuk PK ini sudah ada"})
    if not reason.strip():
        raise ValidationError({"reason": "alasan perubahan wajib diisi"})
    revision = Agreement(
        position=agreement.position,
        year=agreement.year,
        revision=agreement.revision + 1,
        replaces=agreement,
        first_party=agreement.first_party,
        first_party_acting=agreement.first_party_acting,
        second_party=agreement.second_party,
        second_party_title=agreement.second_party_title,
        second_party_acting=agreement.second_party_acting,
        reason=reason.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    revision.save()
    _fill_items(revision)
    _record(revision, actor, "", reason.strip())
    return revision


def decimal_or_none(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"
