"""Settings that change who verifies or how figures are computed: written only here, audited.

An indicator's unit, aggregation, kind, polarity and frequency, and an agency's scoring rules,
change every capaian computed from them; an Inspektorat evaluator asks who changed them and
when. The admin and the catalog pages call these services; nothing writes the fields directly.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.accounts.permissions import can
from kinerja.audit.services import audit_change, snapshot
from kinerja.catalog.models import Agency, Indicator
from kinerja.catalog.register_figures import figure_keys
from kinerja.core.inputs import clean_text

INDICATOR_SETTINGS = [
    "kind",
    "polarity",
    "aggregation",
    "frequency",
    "measure_unit",
    "measure_confirmed",
    "can_exceed_100",
    "register_figure",
]
AGENCY_SETTINGS = ["supervision_depth", "lower_formula", "zero_target", "predicate_scale"]


def _choices(model: type, field: str) -> set[str]:
    return {value for value, _ in model._meta.get_field(field).choices}


@transaction.atomic
def indicator_settings_update(
    *, actor: Any, indicator: Indicator, reason: str = "", **changes: Any
) -> Indicator:
    """Change an indicator's scoring settings. Setting the unit or the aggregation of a count
    confirms them (the catalog check stops listing the guess)."""
    unknown = sorted(set(changes) - set(INDICATOR_SETTINGS))
    if unknown:
        raise ValidationError({unknown[0]: "pengaturan ini tidak dapat diubah di sini"})
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    agency = Agency.objects.get(decrees__positions__goals__indicators=indicator)
    if not can(actor, "catalog.settings", agency):
        raise PermissionDenied("Hanya administrator perangkat daerah yang mengubah pengaturan.")
    errors: dict[str, str] = {}
    for field in ("kind", "polarity", "aggregation", "frequency"):
        if field in changes and changes[field] not in _choices(Indicator, field):
            errors[field] = f"pilihan tidak dikenal: {changes[field]!r}"
    if changes.get("register_figure") and changes["register_figure"] not in figure_keys():
        errors["register_figure"] = f"angka register tidak dikenal: {changes['register_figure']!r}"
    if "measure_unit" in changes:
        try:
            changes["measure_unit"] = clean_text(
                changes["measure_unit"], "measure_unit", max_length=60
            ).strip()
        except ValidationError as exc:
            errors.update({k: v[0] for k, v in exc.message_dict.items()})
    kind = changes.get("kind", indicator.kind)
    unit = changes.get("measure_unit", indicator.measure_unit)
    touches_unit = "kind" in changes or "measure_unit" in changes
    if touches_unit and kind == Indicator.Kind.COUNT and not unit and "measure_unit" not in errors:
        errors["measure_unit"] = "indikator jumlah wajib mempunyai satuan (orang, dokumen, ...)"
    if errors:
        raise ValidationError(errors)
    if kind == Indicator.Kind.COUNT and ({"measure_unit", "aggregation"} & set(changes)):
        changes.setdefault("measure_confirmed", True)
    before = snapshot(indicator, INDICATOR_SETTINGS)
    for field, value in changes.items():
        setattr(indicator, field, value)
    indicator.save(update_fields=list(changes))
    audit_change(
        actor=actor,
        action="indikator.pengaturan",
        obj=indicator,
        before=before,
        fields=INDICATOR_SETTINGS,
        reason=reason,
        agency=agency,
    )
    return indicator


@transaction.atomic
def agency_settings_update(
    *, actor: Any, agency: Agency, reason: str = "", **changes: Any
) -> Agency:
    """Change an agency's verification depth or scoring rules (printed with every figure)."""
    unknown = sorted(set(changes) - set(AGENCY_SETTINGS))
    if unknown:
        raise ValidationError({unknown[0]: "pengaturan ini tidak dapat diubah di sini"})
    agency = Agency.objects.select_for_update().get(pk=agency.pk)
    if not can(actor, "catalog.settings", agency):
        raise PermissionDenied("Hanya administrator perangkat daerah yang mengubah pengaturan.")
    errors = {
        field: f"pilihan tidak dikenal: {changes[field]!r}"
        for field in ("lower_formula", "zero_target", "predicate_scale")
        if field in changes and changes[field] not in _choices(Agency, field)
    }
    depth = changes.get("supervision_depth")
    if depth is not None and (not isinstance(depth, int) or not 1 <= depth <= 9):
        errors["supervision_depth"] = "kedalaman verifikasi 1 sampai 9, atau kosong untuk semua"
    if errors:
        raise ValidationError(errors)
    before = snapshot(agency, AGENCY_SETTINGS)
    for field, value in changes.items():
        setattr(agency, field, value)
    agency.save(update_fields=list(changes))
    audit_change(
        actor=actor,
        action="perangkat.pengaturan",
        obj=agency,
        before=before,
        fields=AGENCY_SETTINGS,
        reason=reason,
        agency=agency,
    )
    return agency


@transaction.atomic
def register_figure_assign(
    *, actor: Any, decree: Any, figure: str, indicator: Indicator | None, reason: str = ""
) -> list[Indicator]:
    """Let one indicator of the decree take a register figure (or none): the population posting
    feeds exactly one indicator per figure, so the figure leaves any other that had it."""
    if figure not in figure_keys():
        raise ValidationError({"register_figure": f"angka register tidak dikenal: {figure!r}"})
    if indicator is not None and indicator.goal.position.decree_id != decree.pk:
        raise ValidationError({"indicator": "indikator bukan bagian keputusan ini"})
    changed = []
    holders = Indicator.objects.filter(goal__position__decree=decree, register_figure=figure)
    for other in holders.exclude(pk=getattr(indicator, "pk", None)):
        changed.append(
            indicator_settings_update(
                actor=actor, indicator=other, register_figure="", reason=reason
            )
        )
    if indicator is not None and indicator.register_figure != figure:
        changed.append(
            indicator_settings_update(
                actor=actor, indicator=indicator, register_figure=figure, reason=reason
            )
        )
    return changed
