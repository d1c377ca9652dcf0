"""The API's reads, scoped by ``kinerja.accounts.permissions.for_user`` (never a rule of its own):
positions a caller may view, narrowed by agency, decree, year, unit; and the decree in force for
a year (``kinerja.catalog.selectors.decree_in_force``)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from kinerja.accounts.permissions import for_user
from kinerja.catalog.models import Agency, Position, Unit
from kinerja.catalog.selectors import decree_in_force


def stable_key(obj: Any) -> str:
    """The identity of a position (or indicator) across successor decrees."""
    return getattr(obj, "stable_key", "") or getattr(obj, "key", "") or ""


def visible_positions(user: Any) -> QuerySet[Position]:
    return for_user(user, "position.view", Position).select_related("decree__agency", "unit")


def visible_agencies(user: Any) -> QuerySet[Agency]:
    ids = visible_positions(user).order_by().values("decree__agency_id")
    return Agency.objects.filter(pk__in=ids)


def unit_and_below(unit_id: int) -> set[int]:
    """A unit and every unit under it (a Bidang with its Seksi)."""
    unit = Unit.objects.filter(pk=unit_id).first()
    if unit is None:
        return set()
    rows = list(Unit.objects.filter(agency_id=unit.agency_id).values_list("pk", "parent_id"))
    found, frontier = {unit_id}, [unit_id]
    while frontier:
        current = frontier.pop()
        for pk, parent in rows:
            if parent == current and pk not in found:
                found.add(pk)
                frontier.append(pk)
    return found


def decrees_for_year(agency_ids: list[int], year: int) -> list[int]:
    found = (decree_in_force(agency, year) for agency in agency_ids)
    return [decree.pk for decree in found if decree is not None]


def filter_positions(
    qs: QuerySet[Position],
    *,
    agency: int | None = None,
    decree: int | None = None,
    year: int | None = None,
    unit: int | None = None,
    position: int | None = None,
    key: str | None = None,
) -> QuerySet[Position]:
    """Positions narrowed by the usual query parameters; ``year`` keeps the decree in force,
    ``key`` is a stable key (the same jabatan in every decree)."""
    if agency is not None:
        qs = qs.filter(decree__agency_id=agency)
    if decree is not None:
        qs = qs.filter(decree_id=decree)
    if position is not None:
        qs = qs.filter(pk=position)
    if key:
        qs = qs.filter(stable_key=key)
    if unit is not None:
        qs = qs.filter(unit_id__in=unit_and_below(unit))
    if year is not None:
        agencies = list(qs.order_by().values_list("decree__agency_id", flat=True).distinct())
        qs = qs.filter(decree_id__in=decrees_for_year(agencies, year))
    return qs


def scoped_positions(user: Any, found: dict[str, Any]) -> QuerySet[Position]:
    """The positions ``user`` may view, narrowed by the query parameters in ``found``."""
    return filter_positions(
        visible_positions(user),
        agency=found.get("agency"),
        decree=found.get("decree"),
        year=found.get("year"),
        unit=found.get("unit"),
        position=found.get("position"),
        key=found.get("stable_key"),
    )
