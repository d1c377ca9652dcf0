"""Writes of the Renstra, its IKU and targets, and the cascade links. Every function checks the
one permission decision (``strategy.edit`` on the agency: the perencana), runs in a transaction
and writes the audit trail with before and after. Budget, notes and earlier years are in
``services_budget`` and ``services_notes``.
"""

from __future__ import annotations

import hashlib
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from kinerja.accounts.permissions import require
from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency, Goal, Indicator, Unit
from kinerja.core.inputs import YEAR_MAX, YEAR_MIN, clean_text
from kinerja.strategy import renstra_file, xlsx_limits
from kinerja.strategy.models import (
    CascadeLink,
    Iku,
    IkuMeasure,
    IkuTarget,
    Renstra,
    Sasaran,
    Tujuan,
)

DENIED = "Hanya perencana perangkat daerah yang dapat mengubah Renstra, pohon kinerja dan anggaran."
IKU_FIELDS = [
    "code",
    "name",
    "formula",
    "satuan",
    "data_source",
    "polarity",
    "decimals",
    "baseline",
    "end_target",
    "responsible_unit_id",
    "responsible_text",
    "order",
]


def _check(actor: Any, agency: Agency, check_access: bool) -> None:
    if check_access:
        require(actor, "strategy.edit", agency, DENIED)


def _json(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _snap(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {f: _json(getattr(obj, f)) for f in fields}


@transaction.atomic
def renstra_save(
    *,
    actor: Any,
    agency: Agency,
    period_start: int,
    period_end: int,
    title: str,
    number: str = "",
    check_access: bool = True,
) -> Renstra:
    """Create the agency's Renstra for a period, or update its title and number."""
    _check(actor, agency, check_access)
    if not (YEAR_MIN <= period_start <= period_end <= YEAR_MAX) or period_end - period_start > 9:
        raise ValidationError({"period_end": "periode Renstra tidak sah (paling lama 10 tahun)"})
    title = clean_text(title, "title", max_length=255, multiline=False, required=True)
    number = clean_text(number, "number", max_length=120, multiline=False)
    renstra, created = Renstra.objects.select_for_update().get_or_create(
        agency=agency,
        period_start=period_start,
        period_end=period_end,
        defaults={"title": title, "number": number},
    )
    before = None if created else {"title": renstra.title, "number": renstra.number}
    after = {"title": title, "number": number}
    if before != after:
        renstra.title, renstra.number = title, number
        renstra.save()
        audit_record(
            actor=actor,
            action="renstra.save",
            obj=renstra,
            before=before,
            after=after,
            agency=agency,
        )
    return renstra


def _unit_named(agency: Agency, name: str) -> Unit | None:
    return Unit.objects.filter(agency=agency, name__iexact=name.strip()).first() if name else None


@transaction.atomic
def iku_save(
    *,
    actor: Any,
    renstra: Renstra,
    tujuan: tuple[str, str],
    sasaran: tuple[str, str],
    values: dict[str, Any],
    targets: dict[int, Decimal] | None = None,
    check_access: bool = True,
) -> Iku:
    """Create or update an IKU (found by its sasaran and code) with its tujuan and sasaran
    (found by code, statement updated), and set its Renstra targets for the given years."""
    agency = renstra.agency
    _check(actor, agency, check_access)
    t, _ = Tujuan.objects.get_or_create(
        renstra=renstra, code=tujuan[0], defaults={"statement": tujuan[1]}
    )
    if t.statement != tujuan[1]:
        t.statement = tujuan[1]
        t.save()
    s, _ = Sasaran.objects.get_or_create(
        tujuan=t, code=sasaran[0], defaults={"statement": sasaran[1]}
    )
    if s.statement != sasaran[1]:
        s.statement = sasaran[1]
        s.save()
    iku = Iku.objects.filter(sasaran=s, code=values["code"]).first()
    before = _snap(iku, IKU_FIELDS) if iku else None
    if iku is None:
        iku = Iku(sasaran=s)
    responsible = values.pop("responsible", None)
    if responsible is not None:
        unit = _unit_named(agency, responsible)
        values["responsible_unit_id"] = unit.pk if unit else None
        values["responsible_text"] = "" if unit else responsible
    for name, value in values.items():
        setattr(iku, name, value)
    iku.full_clean(exclude=["sasaran"])
    iku.save()
    after = _snap(iku, IKU_FIELDS)
    if before != after:
        audit_record(
            actor=actor, action="iku.save", obj=iku, before=before, after=after, agency=agency
        )
    for year, value in (targets or {}).items():
        iku_target_set(
            actor=actor,
            iku=iku,
            year=year,
            plan=IkuTarget.Plan.RENSTRA,
            value=value,
            check_access=False,
        )
    return iku


@transaction.atomic
def iku_target_set(
    *, actor: Any, iku: Iku, year: int, plan: str, value: Decimal | None, check_access: bool = True
) -> IkuTarget | None:
    """A Renstra or Renja target of an IKU for a year of the Renstra's period (None removes)."""
    agency = iku.sasaran.tujuan.renstra.agency
    _check(actor, agency, check_access)
    renstra = iku.sasaran.tujuan.renstra
    if not renstra.period_start <= year <= renstra.period_end:
        raise ValidationError(
            {
                "year": f"tahun {year} di luar periode Renstra "
                f"{renstra.period_start}-{renstra.period_end}"
            }
        )
    if plan not in IkuTarget.Plan.values:
        raise ValidationError({"plan": "dokumen harus Renstra atau Renja"})
    if value is not None and value < 0:
        raise ValidationError({"value": "target tidak boleh negatif"})
    row = IkuTarget.objects.select_for_update().filter(iku=iku, year=year, plan=plan).first()
    before = {"value": _json(row.value)} if row else None
    if value is None:
        if row is not None:
            row.delete()
            audit_record(
                actor=actor,
                action="iku_target.set",
                obj=iku,
                before=before,
                after=None,
                agency=agency,
            )
        return None
    if row is None:
        row = IkuTarget(iku=iku, year=year, plan=plan, value=value)
    after = {"value": _json(value)}
    if before is None or Decimal(before["value"]) != value:
        row.value = value
        row.save()
        audit_record(
            actor=actor,
            action="iku_target.set",
            obj=row,
            before=before,
            after={**after, "year": year, "plan": plan},
            agency=agency,
        )
    return row


@transaction.atomic
def renstra_import(
    *, actor: Any, renstra: Renstra, content: bytes, max_rows: int = 500, check_access: bool = True
) -> dict[str, int]:
    """The Renstra template, all or nothing: a ValidationError lists every problem with row and
    column; otherwise every IKU is created or updated. Importing the same file again changes
    nothing."""
    _check(actor, renstra.agency, check_access)
    xlsx_limits.check(content, max_rows=max_rows + 1)
    try:
        rows, problems = renstra_file.read_renstra(content, renstra.years, max_rows=max_rows)
    except ValueError as exc:
        raise ValidationError({"file": str(exc)}) from None
    if problems:
        raise ValidationError({"file": [str(p) for p in problems]})
    count = 0
    for row in rows:
        iku_save(
            actor=actor,
            renstra=renstra,
            tujuan=(row.tujuan_code, row.tujuan),
            sasaran=(row.sasaran_code, row.sasaran),
            values={
                "code": row.code,
                "name": row.name,
                "formula": row.formula,
                "satuan": row.satuan,
                "data_source": row.source,
                "baseline": row.baseline,
                "end_target": row.end_target,
                "responsible": row.responsible,
                "order": row.row,
            },
            targets=row.targets,
            check_access=False,
        )
        count += 1
    audit_record(
        actor=actor,
        action="renstra.import",
        obj=renstra,
        before=None,
        after={"iku": count, "sha256": hashlib.sha256(content).hexdigest()},
        agency=renstra.agency,
    )
    return {"iku": count}


# --- the cascade -------------------------------------------------------------------------------


@transaction.atomic
def cascade_link_set(
    *,
    actor: Any,
    goal: Goal,
    parent_goal: Goal | None = None,
    parent_ikus: list[Iku] | None = None,
    check_access: bool = True,
) -> list[CascadeLink]:
    """Say what ``goal`` serves: one goal of a position above it in the same decree, or one or
    more IKU of the agency's Renstra covering the decree. Neither removes the links."""
    agency = goal.position.decree.agency
    _check(actor, agency, check_access)
    ikus = list(dict.fromkeys(parent_ikus or []))
    if parent_goal is not None and ikus:
        raise ValidationError({"parent": "pilih kinerja atasan atau IKU, tidak keduanya"})
    if parent_goal is not None:
        if parent_goal.position.decree_id != goal.position.decree_id:
            raise ValidationError(
                {"parent": "kinerja yang didukung harus dari keputusan yang sama"}
            )
        if parent_goal.position_id == goal.position_id:
            raise ValidationError(
                {"parent": "kinerja tidak dapat mendukung kinerja jabatannya sendiri"}
            )
        if _serves(parent_goal.pk, goal.pk):
            raise ValidationError({"parent": "tautan ini membuat lingkaran"})
    decree = goal.position.decree
    for iku in ikus:
        renstra = iku.sasaran.tujuan.renstra
        if (
            renstra.agency_id != agency.pk
            or renstra.period_end < decree.period_start
            or renstra.period_start > decree.period_end
        ):
            raise ValidationError(
                {
                    "parent": "IKU harus dari Renstra perangkat daerah ini yang periodenya "
                    "bersinggungan dengan keputusan"
                }
            )
    current = list(CascadeLink.objects.select_for_update().filter(goal=goal).order_by("pk"))
    before = {
        "goal": next((c.parent_goal_id for c in current if c.parent_goal_id), None),
        "iku": sorted(c.parent_iku_id for c in current if c.parent_iku_id),
    }
    after = {"goal": getattr(parent_goal, "pk", None), "iku": sorted(i.pk for i in ikus)}
    if before == after:
        return current
    CascadeLink.objects.filter(goal=goal).delete()
    links = []
    if parent_goal is not None:
        links.append(CascadeLink.objects.create(goal=goal, parent_goal=parent_goal))
    for iku in ikus:
        links.append(CascadeLink.objects.create(goal=goal, parent_iku=iku))
    audit_record(
        actor=actor,
        action="cascade.link",
        obj=goal,
        before=before if current else None,
        after=after,
        agency=agency,
    )
    return links


def _serves(goal_id: int, ancestor_id: int) -> bool:
    """Whether ``goal_id`` already serves ``ancestor_id`` through the links (a loop guard)."""
    seen = set()
    current = goal_id
    while current is not None and current not in seen:
        if current == ancestor_id:
            return True
        seen.add(current)
        current = (
            CascadeLink.objects.filter(goal_id=current, parent_goal__isnull=False)
            .values_list("parent_goal_id", flat=True)
            .first()
        )
    return False


@transaction.atomic
def iku_measure_set(
    *, actor: Any, iku: Iku, indicator: Indicator | None, decree_id: int, check_access: bool = True
) -> IkuMeasure | None:
    """The decree indicator that measures ``iku`` under decree ``decree_id`` (None: none)."""
    agency = iku.sasaran.tujuan.renstra.agency
    _check(actor, agency, check_access)
    if indicator is not None and (
        indicator.goal.position.decree_id != decree_id
        or indicator.goal.position.decree.agency_id != agency.pk
    ):
        raise ValidationError({"indicator": "indikator harus dari keputusan yang dipilih"})
    current = IkuMeasure.objects.filter(iku=iku, indicator__goal__position__decree_id=decree_id)
    before = list(current.values_list("indicator_id", flat=True))
    after = [indicator.pk] if indicator else []
    if before == after:
        return current.first()
    current.delete()
    row = IkuMeasure.objects.create(iku=iku, indicator=indicator) if indicator else None
    audit_record(
        actor=actor,
        action="iku.measure",
        obj=iku,
        before={"indicator": before},
        after={"indicator": after},
        agency=agency,
    )
    return row
