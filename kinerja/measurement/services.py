"""Realization writes: entry, the verification workflow and evidence. Every page, the
spreadsheet upload, the API and the population import call these; each audits itself."""

from __future__ import annotations

import hashlib
from datetime import date
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from kinerja.accounts.access import access_for
from kinerja.accounts.permissions import period_open, require
from kinerja.audit.services import audit_record, snapshot
from kinerja.catalog.measures import is_discrete
from kinerja.catalog.models import DataSource, Indicator
from kinerja.core.actor import system_actor
from kinerja.core.inputs import clean_text, parse_decimal, parse_reason
from kinerja.core.numbers import format_bytes
from kinerja.core.periods import period_bounds
from kinerja.core.uploads import sniff_content_type
from kinerja.measurement.evidence_rules import changed_since_return, evidence_missing
from kinerja.measurement.models import Evidence, Realization, Status, Transition
from kinerja.measurement.periods_closing import period_is_open

AUDITED = ["numerator", "denominator", "value", "note", "status"]

# The workflow: (from, to) -> (the action of kinerja.accounts.permissions it needs, whether a
# reason is required).
TRANSITIONS: dict[tuple[str, str], tuple[str, bool]] = {
    (Status.DRAFT, Status.SUBMITTED): ("realization.submit", False),
    (Status.RETURNED, Status.SUBMITTED): ("realization.submit", False),
    (Status.SUBMITTED, Status.VERIFIED): ("realization.verify", False),
    (Status.SUBMITTED, Status.RETURNED): ("realization.return", True),
    (Status.VERIFIED, Status.RETURNED): ("realization.reopen", True),
}
# The reach each action needs first (a 403 before any business rule is explained).
REACH = {
    "realization.submit": "can_enter",
    "realization.verify": "can_verify",
    "realization.return": "can_verify",
    "realization.reopen": "can_reopen",
}


class RealizationConflict(Exception):
    """Someone saved this realization after the page was loaded."""

    def __init__(self, current: Realization):
        self.current = current
        super().__init__(
            "Data ini sudah diubah oleh pengguna lain sejak halaman dibuka. Nilai terbaru: "
            f"{_describe(current)}. Periksa lalu simpan ulang bila perlu."
        )


def _describe(r: Realization) -> str:
    if r.value is not None:
        return f"nilai {r.value.normalize():f}"
    if r.numerator is not None:
        return f"pembilang {r.numerator.normalize():f}, penyebut {r.denominator.normalize():f}"
    return "kosong"


def validate_numbers(
    indicator: Indicator,
    *,
    numerator: Decimal | None,
    denominator: Decimal | None,
    value: Decimal | None,
) -> None:
    errors: dict[str, str] = {}
    if indicator.kind == Indicator.Kind.COUNT:
        if value is None:
            errors["value"] = "nilai wajib diisi untuk indikator jumlah"
        elif value < 0:
            errors["value"] = "jumlah tidak boleh negatif"
        elif is_discrete(indicator.kind, indicator.measure_unit) and value != value.to_integral():
            errors["value"] = f"jumlah {indicator.measure_unit} harus bilangan bulat, tanpa pecahan"
        if numerator is not None or denominator is not None:
            errors["numerator"] = (
                "indikator jumlah diisi pada kolom nilai, bukan pembilang/penyebut"
            )
    else:
        if numerator is None:
            errors["numerator"] = "pembilang wajib diisi"
        elif numerator < 0:
            errors["numerator"] = "pembilang tidak boleh negatif"
        if denominator is None:
            errors["denominator"] = "penyebut wajib diisi"
        elif denominator < 0:
            errors["denominator"] = "penyebut tidak boleh negatif"
        if value is not None:
            errors["value"] = "indikator persentase/rasio diisi dengan pembilang dan penyebut"
        if (
            not errors
            and indicator.kind == Indicator.Kind.PERCENTAGE
            and not indicator.can_exceed_100
            and numerator > denominator
        ):
            errors["numerator"] = (
                f"pembilang ({numerator.normalize():f}) melebihi penyebut "
                f"({denominator.normalize():f}); persentase ini tidak dapat melebihi 100%"
            )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def realization_save(
    *,
    actor: Any,
    indicator: Indicator,
    year: int,
    period: int,
    numerator: Any = None,
    denominator: Any = None,
    value: Any = None,
    note: str = "",
    expected_version: int | None = None,
    today: date | None = None,
    provenance: dict[str, Any] | None = None,
    check_access: bool = True,
) -> Realization:
    """Create or update one period's realization of an indicator, as its holder.

    ``expected_version`` is the version the person saw; if the row moved on since, nothing is
    written and ``RealizationConflict`` carries the newer value."""
    position = indicator.goal.position
    if check_access:
        require(actor, "realization.enter", position, "Anda bukan pemegang jabatan ini.")
    frequency = indicator.frequency
    limit = 4 if frequency == Indicator.Frequency.QUARTERLY else 12
    if not 1 <= int(period) <= limit:
        raise ValidationError({"period": f"periode harus 1 sampai {limit}"})
    start, _ = period_bounds(year, frequency, period)
    if start > (today or timezone.localdate()):
        raise ValidationError({"period": "periode ini belum dimulai; realisasi belum dapat diisi"})
    decree = position.decree
    if not decree.period_start <= int(year) <= decree.period_end:
        raise ValidationError(
            {
                "period": f"tahun {year} di luar periode keputusan {decree.period_start}-"
                f"{decree.period_end}"
            }
        )
    if not period_is_open(position, int(year), frequency, int(period)):
        raise ValidationError(
            {"period": "periode ini sudah ditutup perencana; minta dibuka kembali dengan alasan"}
        )
    num = parse_decimal(numerator, "numerator")
    den = parse_decimal(denominator, "denominator")
    val = parse_decimal(value, "value")
    note = clean_text(note, "note", max_length=2000)
    validate_numbers(indicator, numerator=num, denominator=den, value=val)
    for name, number in (("numerator", num), ("denominator", den), ("value", val)):
        if number is not None:  # the column's digits: 14 before the decimal point, 4 after
            try:
                Realization._meta.get_field(name).run_validators(number)
            except ValidationError as exc:
                raise ValidationError({name: exc.messages}) from None

    realization = (
        # order_by("pk"): the default ordering joins the catalog, and FOR UPDATE would then lock
        # catalog rows too, serialising every entry of the agency on PostgreSQL.
        Realization.objects.select_for_update()
        .filter(indicator=indicator, year=year, frequency=frequency, period=period)
        .order_by("pk")
        .first()
    )
    if (
        realization is not None
        and expected_version is not None
        and realization.version != expected_version
    ):
        raise RealizationConflict(realization)
    if realization is None and expected_version not in (None, 0):
        raise ValidationError({"version": "data yang diubah sudah tidak ada"})
    if realization is not None and not realization.editable:
        raise ValidationError(
            {"status": f"realisasi berstatus '{realization.get_status_display()}' terkunci"}
        )
    before = snapshot(realization, AUDITED)
    if realization is None:
        realization = Realization(
            indicator=indicator, position=position, year=year, frequency=frequency, period=period
        )
    realization.numerator, realization.denominator, realization.value = num, den, val
    realization.note = note or ""
    if provenance is not None:
        realization.provenance = provenance
    after = snapshot(realization, AUDITED)
    if before == after and provenance is None:
        # Nothing changed: keep the version, so a colleague's open page does not go stale.
        return realization
    if before is not None:
        realization.version += 1
    # A command or the register posting passes a text actor: recorded as the system's account.
    realization.entered_by = actor if getattr(actor, "pk", None) else system_actor()
    if realization.pk is None:
        try:
            with transaction.atomic():
                realization.save()
        except IntegrityError:
            # Another session created this period's row between our read and our insert (two
            # first entries at once on PostgreSQL): the same answer as any newer version, 409.
            current = (
                Realization.objects.select_for_update()
                .filter(indicator=indicator, year=year, frequency=frequency, period=period)
                .order_by("pk")
                .first()
            )
            if current is None:
                raise
            raise RealizationConflict(current) from None
    else:
        realization.save()
    if before != after:
        action = "realisasi.buat" if before is None else "realisasi.ubah"
        audit_record(actor=actor, action=action, obj=realization, before=before, after=after)
    return realization


@transaction.atomic
def realization_transition(
    *,
    actor: Any,
    realization: Realization,
    to_status: str,
    reason: str = "",
    expected_version: int | None = None,
    check_access: bool = True,
) -> Realization:
    given = realization
    realization = (
        Realization.objects.select_for_update(of=("self",))
        .select_related("indicator", "position__decree")
        .get(pk=realization.pk)
    )
    if "indicator" in given._state.fields_cache and given.indicator_id == realization.indicator_id:
        realization.indicator = given.indicator  # keeps what was worked out about it (evidence)
    if expected_version is not None and realization.version != expected_version:
        raise RealizationConflict(realization)
    rule = TRANSITIONS.get((realization.status, to_status))
    if rule is None:
        raise ValidationError(
            {
                "status": f"tidak dapat berpindah dari '{realization.get_status_display()}' "
                f"ke '{Status(to_status).label if to_status in Status.values else to_status}'"
            }
        )
    action, needs_reason = rule
    if check_access:
        if not getattr(access_for(actor), REACH[action])(realization.position_id):
            raise PermissionDenied(
                "Anda tidak berwenang melakukan tindakan ini pada data tersebut."
            )
        _explain_refusal(actor, action, realization)
        require(
            actor,
            action,
            realization,
            {
                "realization.reopen": "Hanya pemverifikasi atau atasannya yang dapat membuka "
                "kembali data ini.",
            }.get(action, "Anda tidak berwenang melakukan tindakan ini pada data tersebut."),
        )
    # Letters required: a zero-width space or "..." is not a reason (kinerja.core.inputs).
    reason = parse_reason(reason, "reason", required=needs_reason)
    before = snapshot(realization, AUDITED)
    from_status = realization.status
    realization.status = to_status
    realization.version += 1
    if from_status == Status.VERIFIED:
        realization.verified_by, realization.verified_at = None, None
    if to_status == Status.VERIFIED:
        realization.verified_by = actor
        realization.verified_at = timezone.now()
    realization.save()
    Transition.objects.create(
        realization=realization,
        from_status=from_status,
        to_status=to_status,
        actor=actor,
        reason=reason.strip(),
    )
    audit_record(
        actor=actor,
        action=f"realisasi.{to_status}",
        obj=realization,
        before=before,
        after=snapshot(realization, AUDITED),
        reason=reason.strip(),
    )
    return realization


def _explain_refusal(actor: Any, action: str, realization: Realization) -> None:
    """The workflow rules that are not about who the actor is, said in words (a 400, not a 403):
    a closed period, missing required evidence, a returned item resubmitted unchanged, and the
    separation of duties."""
    if action == "realization.submit":
        if not period_open(realization):
            raise ValidationError({"period": "periode ini sudah ditutup perencana"})
        if realization.status == Status.RETURNED and not changed_since_return(realization):
            raise ValidationError(
                {
                    "status": "data yang dikembalikan harus diperbaiki (nilai atau bukti) "
                    "sebelum dikirim ulang"
                }
            )
    if action in {"realization.submit", "realization.verify"} and evidence_missing(realization):
        raise ValidationError({"file": "bukti dukung wajib dilampirkan untuk indikator ini"})
    if action in {
        "realization.verify",
        "realization.return",
    } and realization.entered_by_id == getattr(actor, "pk", None):
        raise PermissionDenied("Anda tidak dapat memverifikasi realisasi yang Anda isi sendiri.")


@transaction.atomic
def evidence_add(
    *, actor: Any, realization: Realization, name: str, content: bytes, source: DataSource
) -> Evidence:
    if not access_for(actor).can_enter(realization.position_id):
        raise PermissionDenied("Anda bukan pemegang jabatan ini.")
    if not realization.editable:
        raise ValidationError({"file": "bukti tidak dapat ditambahkan pada data yang terkunci"})
    require(actor, "evidence.add", realization, "periode ini sudah ditutup")
    limit = settings.KINERJA_MAX_EVIDENCE_BYTES
    if len(content) > limit:
        raise ValidationError(
            {"file": f"berkas {format_bytes(len(content))} melebihi batas {format_bytes(limit)}"}
        )
    if not content:
        raise ValidationError({"file": "berkas kosong"})
    content_type = sniff_content_type(content)
    if content_type is None:
        raise ValidationError({"file": "jenis berkas tidak diterima (hanya PDF, JPG, PNG, XLSX)"})
    if not realization.indicator.sources.filter(pk=source.pk).exists():
        raise ValidationError({"source": "sumber data bukan salah satu sumber indikator ini"})
    digest = hashlib.sha256(content).hexdigest()
    evidence = Evidence(
        realization=realization,
        source=source,
        original_name=name[-255:],
        content_type=content_type,
        size=len(content),
        sha256=digest,
        uploaded_by=actor,
    )
    evidence.file.save(digest, ContentFile(content), save=False)
    evidence.save()
    realization._evidence_missing = False
    audit_record(
        actor=actor,
        action="bukti.tambah",
        obj=realization,
        before=None,
        after={"bukti": evidence.original_name, "sha256": digest, "sumber": source.name},
    )
    return evidence


@transaction.atomic
def evidence_remove(*, actor: Any, evidence: Evidence) -> None:
    realization = evidence.realization
    if not access_for(actor).can_enter(realization.position_id):
        raise PermissionDenied("Anda bukan pemegang jabatan ini.")
    if not realization.editable:
        raise ValidationError({"file": "bukti pada data yang terkunci tidak dapat dihapus"})
    require(actor, "evidence.remove", evidence)
    audit_record(
        actor=actor,
        action="bukti.hapus",
        obj=realization,
        before={"bukti": evidence.original_name, "sha256": evidence.sha256},
        after=None,
    )
    evidence.delete()
    realization._evidence_missing = None
