"""Reads of realizations scoped by the organisation tree. Scored figures (targets, capaian,
predicates, roll-ups) come only from the achievement read model (``achievement.py``)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import QuerySet

from kinerja.accounts.access import access_for
from kinerja.catalog.models import Indicator
from kinerja.core.periods import periods_of as core_periods_of
from kinerja.measurement.models import Realization
from kinerja.scoring import Kind
from kinerja.scoring.values import value_of


def realizations_for_user(user) -> QuerySet[Realization]:
    """The one selector scoping realizations by user."""
    visible = access_for(user).visible_ids()
    qs = Realization.objects.select_related("indicator", "position")
    return qs if visible is None else qs.filter(position_id__in=visible)


def inbox_for(user) -> list[Realization]:
    """Submitted realizations this user may verify, oldest first."""
    from kinerja.accounts.permissions import for_user  # one decision, also separation of duties

    if not access_for(user).below:
        return []
    return list(
        for_user(user, "realization.verify", Realization.objects.all())
        .select_related("indicator", "position", "entered_by__employee")
        .order_by("updated_at", "pk")
    )


def periods_of(indicator: Indicator) -> list[int]:
    return core_periods_of(indicator.frequency)


def cell_value(realization: Realization, indicator: Indicator | None = None) -> Decimal | None:
    """A period's own value rounded to two places, or None when it cannot be computed (no
    data, or a zero denominator: the page then says "tidak dapat dihitung")."""
    if realization.value is not None:
        return realization.value
    if realization.numerator is None or not realization.denominator:
        return None
    kind = Kind((indicator or realization.indicator).kind)
    return value_of(kind, realization.numerator, realization.denominator).rounded()
