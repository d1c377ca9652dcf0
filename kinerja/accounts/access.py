"""Who may do what, derived from the organisation tree and today's assignments.

Nothing here is a hand-kept list: a user's reach is the positions they hold today (including
Plt./Plh.), the positions under those in the supervisor tree (to the agency's chosen depth for
verification), everything for the head of the agency, and the catalog for admins. Because it is
computed per request from the assignments, a change of assignment changes access the same day.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kinerja.accounts.models import Assignment
from kinerja.catalog.models import Position


@dataclass
class Access:
    user_id: int | None
    is_admin: bool = False
    head_decrees: set[int] = field(default_factory=set)
    held: set[int] = field(default_factory=set)
    # position id -> distance below the nearest position the user holds (1 = direct report)
    below: dict[int, int] = field(default_factory=dict)
    depth_limit: dict[int, int | None] = field(default_factory=dict)  # position id -> agency depth
    decree_of: dict[int, int] = field(default_factory=dict)

    @property
    def is_head(self) -> bool:
        return bool(self.head_decrees)

    @property
    def is_supervisor(self) -> bool:
        return bool(self.below)

    def reads_everything_of(self, position_id: int) -> bool:
        return self.is_admin or self.decree_of.get(position_id) in self.head_decrees

    def can_view(self, position_id: int) -> bool:
        return (
            position_id in self.held
            or position_id in self.below
            or self.reads_everything_of(position_id)
        )

    def can_enter(self, position_id: int) -> bool:
        """Enter realizations: only the holder (definitif, Plt. or Plh.) of the position."""
        return position_id in self.held

    def can_verify(self, position_id: int) -> bool:
        """Verify: a supervisor within the agency's verification depth, never one's own data."""
        if position_id in self.held:
            return False
        distance = self.below.get(position_id)
        if distance is None:
            return False
        limit = self.depth_limit.get(position_id)
        return limit is None or distance <= limit

    def can_reopen(self, position_id: int) -> bool:
        """Reopen verified data: the verifier or anyone above them, or the head."""
        if position_id in self.held:
            return False
        return position_id in self.below or position_id in self.head_positions_reach()

    def head_positions_reach(self) -> set[int]:
        return {pid for pid, d in self.decree_of.items() if d in self.head_decrees}

    def visible_ids(self) -> set[int] | None:
        """Position ids this user may read, or None for "all of them" (admin)."""
        if self.is_admin:
            return None
        return self.held | set(self.below) | self.head_positions_reach()


def access_for(user, *, on: date | None = None) -> Access:
    """Compute (and cache on the user object for this request) the user's reach."""
    day = on or timezone.localdate()
    cache_key = f"_kinerja_access_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Access(user_id=None)
    access = Access(user_id=user.pk, is_admin=bool(user.is_superuser or user.is_staff))
    employee_id = getattr(user, "employee_id", None)
    if employee_id:
        held = Assignment.objects.active_on(day).filter(employee_id=employee_id)
        access.held = set(held.values_list("position_id", flat=True))
    if access.held:
        rows = list(
            Position.objects.filter(
                decree__in=Position.objects.filter(pk__in=access.held).values("decree")
            ).values_list(
                "pk", "supervisor_id", "decree_id", "is_head", "decree__agency__supervision_depth"
            )
        )
        children: dict[int, list[int]] = defaultdict(list)
        for pk, supervisor_id, decree_id, is_head, depth in rows:
            access.decree_of[pk] = decree_id
            access.depth_limit[pk] = depth
            if supervisor_id:
                children[supervisor_id].append(pk)
            if is_head and pk in access.held:
                access.head_decrees.add(decree_id)
        frontier = [(pid, 0) for pid in access.held]
        while frontier:
            pid, distance = frontier.pop()
            for child in children.get(pid, []):
                if child in access.held:
                    continue
                known = access.below.get(child)
                if known is None or distance + 1 < known:
                    access.below[child] = distance + 1
                    frontier.append((child, distance + 1))
    setattr(user, cache_key, access)
    return access


def position_or_403(user, pk: int) -> Position:
    """A position by id for a page, refused (403) unless this user may read it: the check that
    stops someone editing the id in a URL."""
    position = get_object_or_404(Position.objects.select_related("decree__agency"), pk=pk)
    if not access_for(user).can_view(position.pk):
        raise PermissionDenied
    return position


def positions_for_user(user, *, on: date | None = None) -> QuerySet[Position]:
    """The one selector that scopes positions by user; other apps filter through it."""
    access = access_for(user, on=on)
    visible = access.visible_ids()
    qs = Position.objects.select_related("decree__agency", "unit")
    if visible is None:
        return qs
    return qs.filter(Q(pk__in=visible))
