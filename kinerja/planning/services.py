"""Targets and Perjanjian Kinerja writes, audited."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.accounts.models import Assignment
from kinerja.accounts.permissions import can, pk_required, require
from kinerja.audit.services import audit_record, snapshot
from kinerja.catalog.measures import is_discrete
from kinerja.catalog.models import Indicator, Position
from kinerja.core.inputs import parse_decimal
from kinerja.planning import parties
from kinerja.planning.models import Agreement, AgreementItem, AgreementTransition, Target

TARGET_AUDITED = ["value", "value_max"]


class TargetLocked(ValidationError):
    pass


def can_plan(user: Any, position: Position) -> bool:
    """Targets and PK drafts are prepared by the perencana (Subbag Perencanaan) and the head."""
    return can(user, "target.set", position)


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
        raise PermissionDenied("Hanya perencana atau kepala yang dapat mengubah target.")
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
    if indicator.kind == Indicator.Kind.COUNT and not indicator.measure_unit:
        raise ValidationError(
            {"value": "satuan indikator belum ditetapkan; tetapkan satuannya di katalog dahulu"}
        )
    if is_discrete(indicator.kind, indicator.measure_unit) and any(
        n is not None and n != n.to_integral() for n in (number, upper)
    ):
        raise ValidationError(
            {"value": f"target dalam {indicator.measure_unit} harus bilangan bulat, tanpa pecahan"}
        )
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
    return parties.holder(position, day)


def _fill_items(agreement: Agreement) -> None:
    """(Re)write the annex from the effective targets; a row the planner marked "tidak
    ditargetkan tahun ini" keeps its reason and stays without a target."""
    skipped = dict(
        agreement.items.exclude(not_targeted_reason="").values_list(
            "indicator_id", "not_targeted_reason"
        )
    )
    agreement.items.all().delete()
    items = []
    order = 0
    position = agreement.position
    for goal in _annex_goals(position):
        for indicator in goal.indicators.all():
            reason = skipped.get(indicator.pk, "")
            target = None if reason else effective_target(indicator, agreement.year)
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
                    not_targeted_reason=reason,
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


def _annex_goals(position: Position):
    """The goals a PK lists: the position's own; for a head the decree lists no indicators for,
    the goals of the positions directly under him (the agency's cascaded IKU)."""
    own = position.goals.prefetch_related("indicators")
    if own.exists() or not position.is_head:
        return own
    from kinerja.catalog.models import Goal

    return (
        Goal.objects.filter(position__supervisor=position)
        .order_by("position__order", "order")
        .prefetch_related("indicators")
    )


def _parties(agreement: Agreement, position: Position, day: date) -> None:
    first = _holder(position, day)
    if first is None:
        raise ValidationError({"position": f"jabatan {position.name} sedang kosong"})
    agreement.first_party = first.employee
    agreement.first_party_acting = first.acting_prefix
    second = parties.second_party(position, first.employee, day)
    agreement.second_party = second.employee
    agreement.second_party_acting = second.acting
    agreement.second_party_title = second.title
    agreement.second_party_name = second.name


def _check_year(position: Position, year: int) -> None:
    decree = position.decree
    if not decree.period_start <= int(year) <= decree.period_end:
        raise ValidationError(
            {"year": f"tahun {year} di luar periode {decree.period_start}-{decree.period_end}"}
        )


@transaction.atomic
def agreement_create(
    *, actor: Any, position: Position, year: int, day: date | None = None, check_access: bool = True
) -> Agreement:
    """Draft a PK for the position's holder on ``day``, with the supervisor's holder (or, for the
    head, the Bupati) as second party. When a signed PK of another official exists for the year,
    the draft is the successor's own PK, valid from the day he took office (see parties.py)."""
    if check_access and not can(actor, "position.view", position):
        raise PermissionDenied("Anda tidak berwenang menyusun PK jabatan ini.")
    _check_year(position, year)
    if not pk_required(position):
        raise ValidationError(
            {
                "position": f"{position.name} bukan jabatan struktural: pegawai ini memakai SKP, "
                "bukan PK (pengaturan perangkat daerah dapat memperluasnya)"
            }
        )
    if check_access:
        require(
            actor, "agreement.create", position, "Anda tidak berwenang menyusun PK jabatan ini."
        )
    if not _annex_goals(position).exists():
        raise ValidationError({"position": "jabatan ini tidak memiliki indikator kinerja"})
    day = day or timezone.localdate()
    latest = Agreement.objects.filter(position=position, year=year).order_by("-revision").first()
    current = _holder(position, day)
    if latest is not None:
        if (
            latest.status == Agreement.Status.SIGNED
            and current is not None
            and (current.employee_id != latest.first_party_id)
        ):
            return _successor(actor, latest, current, day)
        raise ValidationError({"year": f"PK {year} untuk jabatan ini sudah ada"})
    agreement = Agreement(
        position=position,
        year=year,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _parties(agreement, position, day)
    agreement.save()
    _fill_items(agreement)
    _record(agreement, actor, "")
    agreement.warnings = [parties.PLH_WARNING] if agreement.first_party_acting == "Plh." else []
    return agreement


def _successor(actor: Any, latest: Agreement, current: Assignment, day: date) -> Agreement:
    """The new official's own PK: from the day his assignment started (within the year)."""
    starts = max(current.starts_on, date(latest.year, 1, 1))
    revision = Agreement(
        position=latest.position,
        year=latest.year,
        revision=latest.revision + 1,
        replaces=latest,
        valid_from=starts,
        reason=f"Pergantian pejabat: {current.acting_prefix} {current.employee.full_name} "
        f"sejak {parties.tanggal(starts)}".replace("  ", " "),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _parties(revision, latest.position, day)
    revision.save()
    _fill_items(revision)
    _record(revision, actor, "", revision.reason)
    revision.warnings = []
    return revision


def _signing_day(agreement: Agreement, signed_on: Any, today: date) -> date:
    from kinerja.core.inputs import parse_date

    if not isinstance(signed_on, date):
        signed_on = parse_date(signed_on, "signed_on")
    problems = parties.signing_date_problems(year=agreement.year, signed_on=signed_on, today=today)
    if agreement.valid_from and signed_on < agreement.valid_from:
        problems["signed_on"] = (
            f"PK pejabat pengganti berlaku sejak {parties.tanggal(agreement.valid_from)}; "
            "tidak dapat ditandatangani sebelumnya"
        )
    if problems:
        raise ValidationError(problems)
    return signed_on


@transaction.atomic
def agreement_sign(
    *, actor: Any, agreement: Agreement, signed_on: Any, signed_at: str, today: date | None = None
) -> Agreement:
    """Record the signing. Targets are copied into the annex now: what was signed stays.
    ``agreement.warnings`` carries what the page should say besides (a Plh. first party)."""
    agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
    if not can(actor, "agreement.view", agreement) and not can(actor, "agreement.sign", agreement):
        raise PermissionDenied("Penandatanganan dicatat oleh pihak kedua, kepala, atau perencana.")
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError({"status": "hanya konsep PK yang dapat ditandatangani"})
    require(
        actor,
        "agreement.sign",
        agreement,
        "Penandatanganan dicatat oleh pihak kedua, "
        "kepala, atau perencana; pihak pertama tidak mencatat tanda tangannya sendiri.",
    )
    signed_on = _signing_day(agreement, signed_on, today or timezone.localdate())
    _fill_items(agreement)
    missing = [
        i.indicator_name
        for i in agreement.items.all()
        if i.target_value is None and not i.not_targeted_reason
    ]
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
        fields = ["status"]
        if agreement.valid_from:  # a change of official: the old PK holds up to the day before
            old.valid_until = agreement.valid_from - timedelta(days=1)
            fields.append("valid_until")
        old.save(update_fields=fields)
        _record(old, actor, Agreement.Status.SIGNED, f"digantikan oleh {agreement}")
    agreement.warnings = parties.signing_warnings(agreement=agreement, signed_on=signed_on)
    return agreement


@transaction.atomic
def agreement_revise(
    *, actor: Any, agreement: Agreement, reason: str, day: date | None = None
) -> Agreement:
    """Open a PK Perubahan: a new draft revision; the signed one stays until the new is signed.
    The parties are today's holders: after a change of official the successor signs his own PK,
    valid from the day he took office."""
    if not can(actor, "agreement.view", agreement) or not can_plan(actor, agreement.position):
        raise PermissionDenied("Hanya perencana atau kepala yang dapat membuat PK Perubahan.")
    if agreement.status != Agreement.Status.SIGNED:
        raise ValidationError({"status": "hanya PK yang sudah ditandatangani yang dapat diubah"})
    if hasattr(agreement, "replaced_by"):
        raise ValidationError({"status": "PK Perubahan untuk PK ini sudah ada"})
    if not reason.strip():
        raise ValidationError({"reason": "alasan perubahan wajib diisi"})
    day = day or timezone.localdate()
    revision = Agreement(
        position=agreement.position,
        year=agreement.year,
        revision=agreement.revision + 1,
        replaces=agreement,
        reason=reason.strip(),
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    _parties(revision, agreement.position, day)
    if revision.first_party_id != agreement.first_party_id:
        current = _holder(agreement.position, day)
        revision.valid_from = max(current.starts_on, date(agreement.year, 1, 1))
    revision.save()
    _fill_items(revision)
    _record(revision, actor, "", reason.strip())
    return revision


def decimal_or_none(value: Decimal | None) -> str | None:
    return None if value is None else f"{value.normalize():f}"


AGREEMENT_ITEM_AUDITED = ["not_targeted_reason", "target_value", "target_max"]


@transaction.atomic
def agreement_item_set_targeted(
    *, actor: Any, item: AgreementItem, not_targeted_reason: str = ""
) -> AgreementItem:
    """Mark a PK annex row "tidak ditargetkan tahun ini" (with the reason: no budget, activity
    moved) or bring it back with the effective target. Only on a draft: a signed PK changes
    through a PK Perubahan. Such a row is printed, never scored (docs/scoring.md)."""
    item = (
        AgreementItem.objects.select_for_update()
        .select_related("agreement__position")
        .get(pk=item.pk)
    )
    agreement = item.agreement
    if not can_plan(actor, agreement.position):
        raise PermissionDenied("Hanya perencana atau kepala yang dapat menyusun butir PK.")
    if agreement.status != Agreement.Status.DRAFT:
        raise ValidationError(
            {"status": "butir PK yang sudah ditandatangani diubah melalui PK Perubahan"}
        )
    before = snapshot(item, AGREEMENT_ITEM_AUDITED)
    if not_targeted_reason:
        item.not_targeted_reason = not_targeted_reason
        item.target_value = item.target_max = None
    else:
        target = effective_target(item.indicator, agreement.year)
        item.not_targeted_reason = ""
        item.target_value = target.value if target else None
        item.target_max = target.value_max if target else None
    item.save(update_fields=["not_targeted_reason", "target_value", "target_max"])
    after = snapshot(item, AGREEMENT_ITEM_AUDITED)
    if before != after:  # recorded on the PK: its history is where a reader looks
        audit_record(
            actor=actor,
            action="pk.butir",
            obj=agreement,
            before=before,
            after=after,
            reason=not_targeted_reason,
        )
    return item
