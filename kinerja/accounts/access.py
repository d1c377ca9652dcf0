"""Who may reach which position, derived from the organisation tree, today's assignments and the
per-agency roles (``AgencyRole``).

Nothing here is a hand-kept list of people: a user's reach is the positions they hold today
(including Plt./Plh.), the positions under those in the supervisor tree (to the agency's chosen
depth for verification), everything of their agency for the head and for the pimpinan, perencana
and operator roles, and everything of every agency for the inspektorat. ``is_staff`` and
``is_superuser`` grant no data: a superuser runs the site. The decisions built on this reach
(``can``, ``allowed_actions``, ``for_user``) live in ``kinerja.accounts.permissions``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from kinerja.accounts.models import AgencyRole, Assignment, Role
from kinerja.catalog.models import Position

# Roles that read every position of their agency.
READ_ROLES = {Role.PIMPINAN, Role.PERENCANA, Role.OPERATOR}


@dataclass
class Access:
    user_id: int | None
    employee_id: int | None = None
    reads_all: bool = False  # the inspektorat: every agency, read-only
    roles: dict[int, set[str]] = field(default_factory=dict)  # agency id -> roles
    head_decrees: set[int] = field(default_factory=set)
    held: set[int] = field(default_factory=set)
    # The positions of today's assignments only; ``held`` adds the same jabatan (stable key) in
    # the agency's other decrees, because the holder of a line answers for its earlier years too
    # (December entered in January, under the decree that has just ended).
    assigned: set[int] = field(default_factory=set)
    # position id -> distance below the nearest position the user holds (1 = direct report)
    below: dict[int, int] = field(default_factory=dict)
    depth_limit: dict[int, int | None] = field(default_factory=dict)  # position id -> agency depth
    decree_of: dict[int, int] = field(default_factory=dict)
    agency_of: dict[int, int] = field(default_factory=dict)
    supervisor_of: dict[int, int | None] = field(default_factory=dict)
    day: date | None = None
    _holders: dict[int, set[int]] | None = None  # position -> employee ids, loaded on first use

    @property
    def holders_of(self) -> dict[int, set[int]]:
        """Who holds each position of the loaded decrees today (for the verifier chain)."""
        if self._holders is None:
            self._holders = {}
            decrees = set(self.decree_of.values())
            for pid, employee in (
                Assignment.objects.active_on(self.day or timezone.localdate())
                .filter(position__decree__in=decrees)
                .values_list("position_id", "employee_id")
            ):
                self._holders.setdefault(pid, set()).add(employee)
        return self._holders

    @property
    def is_admin(self) -> bool:
        """Kept for callers that ask "reads every agency?" (the inspektorat)."""
        return self.reads_all

    @property
    def is_head(self) -> bool:
        return bool(self.head_decrees)

    @property
    def is_supervisor(self) -> bool:
        return bool(self.below)

    def has_role(self, role: str, agency_id: int | None) -> bool:
        return role in self.roles.get(agency_id, ())

    def role_agencies(self, *roles: str) -> set[int]:
        return {a for a, held in self.roles.items() if held & set(roles)}

    def heads(self, position_id: int) -> bool:
        """The user holds the head position of this position's decree."""
        return self.decree_of.get(position_id) in self.head_decrees

    def reads_everything_of(self, position_id: int) -> bool:
        if self.reads_all or self.heads(position_id):
            return True
        return bool(self.roles.get(self.agency_of.get(position_id), set()) & READ_ROLES)

    def can_view(self, position_id: int) -> bool:
        return (
            position_id in self.held
            or position_id in self.below
            or self.reads_everything_of(position_id)
        )

    def can_enter(self, position_id: int) -> bool:
        """Enter realizations: the holder (definitif, Plt. or Plh.), or an operator of the
        agency on the holder's behalf."""
        return position_id in self.held or self.has_role(
            Role.OPERATOR, self.agency_of.get(position_id)
        )

    def verifier_chain(self, position_id: int) -> list[int]:
        """The positions above ``position_id`` that verify it, nearest first, up to the agency's
        depth. A supervisor position held by the same person as this one (a Kasi who is also
        Plt. Kabid) is passed over: the next holder up takes its place."""
        own = self.holders_of.get(position_id, set())
        limit = self.depth_limit.get(position_id)
        chain: list[int] = []
        current = self.supervisor_of.get(position_id)
        while current is not None and (limit is None or len(chain) < limit):
            if not (own and self.holders_of.get(current, set()) & own):
                chain.append(current)
            current = self.supervisor_of.get(current)
        return chain

    def can_verify(self, position_id: int) -> bool:
        """Verify: a supervisor within the agency's verification depth, never one's own data."""
        if position_id in self.held:
            return False
        return any(p in self.held for p in self.verifier_chain(position_id))

    def can_reopen(self, position_id: int) -> bool:
        """Reopen verified data: a supervisor in the tree (the verifier or above), or the head."""
        if position_id in self.held:
            return False
        return position_id in self.below or self.heads(position_id)

    def head_positions_reach(self) -> set[int]:
        return {pid for pid, d in self.decree_of.items() if d in self.head_decrees}

    def visible_ids(self) -> set[int] | None:
        """Position ids this user may read, or None for "all of them" (the inspektorat)."""
        if self.reads_all:
            return None
        return (
            self.held
            | set(self.below)
            | {pid for pid in self.agency_of if self.reads_everything_of(pid)}
        )


def access_for(user, *, on: date | None = None) -> Access:
    """Compute (and cache on the user object for this request) the user's reach."""
    day = on or timezone.localdate()
    cache_key = f"_kinerja_access_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Access(user_id=None)
    access = Access(user_id=user.pk, employee_id=getattr(user, "employee_id", None), day=day)
    for agency_id, role in (
        AgencyRole.objects.active().filter(user=user).values_list("agency_id", "role")
    ):
        access.roles.setdefault(agency_id, set()).add(role)
        if role == Role.INSPEKTORAT:
            access.reads_all = True
    if access.employee_id:
        access.assigned, access.held = _held(access.employee_id, day)
    scope = Q(pk__in=Position.objects.filter(pk__in=access.held).values("decree"))
    if access.roles:
        scope |= Q(agency_id__in=list(access.roles))
    if access.held or access.roles:
        from kinerja.catalog.models import Decree

        decrees = Decree.objects.filter(scope).values("pk")
        rows = list(
            Position.objects.filter(decree__in=decrees).values_list(
                "pk",
                "supervisor_id",
                "decree_id",
                "decree__agency_id",
                "is_head",
                "decree__agency__supervision_depth",
            )
        )
        children: dict[int, list[int]] = defaultdict(list)
        for pk, supervisor_id, decree_id, agency_id, is_head, depth in rows:
            access.decree_of[pk] = decree_id
            access.agency_of[pk] = agency_id
            access.depth_limit[pk] = depth
            access.supervisor_of[pk] = supervisor_id
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


def _held(employee_id: int, day: date) -> tuple[set[int], set[int]]:
    """Today's positions, and with them the positions of other decrees that continue (or
    preceded) them by stable key, in one query."""
    mine = Assignment.objects.active_on(day).filter(employee_id=employee_id)
    rows = Position.objects.filter(
        Exists(
            mine.filter(
                position__stable_key=OuterRef("stable_key"),
                position__decree__agency_id=OuterRef("decree__agency_id"),
            )
        )
    ).annotate(today=Exists(mine.filter(position_id=OuterRef("pk"))))
    assigned, held = set(), set()
    for pk, today in rows.values_list("pk", "today"):
        held.add(pk)
        if today:
            assigned.add(pk)
    return assigned, held


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
