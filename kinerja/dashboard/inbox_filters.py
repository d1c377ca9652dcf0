"""More filters for the verifier's inbox (``measurement.inbox``): by unit (a bidang or seksi
with the staff under it), by whether the evidence is attached, and by words of the indicator.

A selector over the inbox's own queryset, so the inbox keeps one scope (what the user may
verify) and these only narrow it; the choices offered are the units of the user's scope.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, Q, QuerySet

from kinerja.catalog.models import Position, Unit
from kinerja.measurement.models import Evidence

EVIDENCE = (("ada", "Bukti sudah dilampirkan"), ("belum", "Bukti belum dilampirkan"))
MAX_WORDS = 100


@dataclass
class InboxFilters:
    units: list[tuple[int, str]] = field(default_factory=list)
    unit: str = ""
    evidence: str = ""
    evidence_choices: tuple[tuple[str, str], ...] = EVIDENCE
    words: str = ""


def _unit_members(scope: list[int], unit_id: int) -> set[int]:
    """Positions of ``scope`` in the unit or its sub-units, and staff without a unit under
    such a position (as ``dashboard.unit.members``)."""
    rows = list(Position.objects.filter(pk__in=scope).values_list("pk", "unit_id", "supervisor_id"))
    parents = dict(Unit.objects.values_list("pk", "parent_id"))

    def inside(unit: int | None) -> bool:
        seen = set()
        while unit is not None and unit not in seen:
            if unit == unit_id:
                return True
            seen.add(unit)
            unit = parents.get(unit)
        return False

    chosen = {pk for pk, unit, _ in rows if inside(unit)}
    grew = True
    while grew:
        grew = False
        for pk, unit, supervisor in rows:
            if pk not in chosen and unit is None and supervisor in chosen:
                chosen.add(pk)
                grew = True
    return chosen


def inbox_filter(qs: QuerySet, params, scope: list[int]) -> tuple[QuerySet, InboxFilters]:
    """``qs`` narrowed by ``?unit=``, ``?bukti=`` and ``?cari=``, and the filters' state."""
    state = InboxFilters()
    unit_ids = set(
        Position.objects.filter(pk__in=scope, unit__isnull=False).values_list("unit_id", flat=True)
    )
    parents = dict(Unit.objects.values_list("pk", "parent_id"))
    for uid in list(unit_ids):  # the units above them too (a Kabid's bidang)
        current = parents.get(uid)
        while current is not None and current not in unit_ids:
            unit_ids.add(current)
            current = parents.get(current)
    state.units = list(
        Unit.objects.filter(pk__in=unit_ids)
        .exclude(kind=Unit.Kind.DINAS)
        .order_by("order", "name")
        .values_list("pk", "name")
    )
    raw = params.get("unit", "")
    if raw.isdigit() and int(raw) in {pk for pk, _ in state.units}:
        state.unit = raw
        qs = qs.filter(position_id__in=_unit_members(scope, int(raw)))
    evidence = params.get("bukti", "")
    if evidence in dict(EVIDENCE):
        state.evidence = evidence
        attached = Exists(Evidence.objects.filter(realization=OuterRef("pk")))
        qs = qs.filter(attached) if evidence == "ada" else qs.filter(~attached)
    words = " ".join(params.get("cari", "").split())[:MAX_WORDS]
    if words:
        state.words = words
        condition = Q()
        for word in words.split():
            condition &= Q(indicator__name__icontains=word)
        qs = qs.filter(condition)
    return qs, state
