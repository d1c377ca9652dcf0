"""Who may do what, decided once (issue #12).

``can(user, action, obj)`` is the one decision: services call ``require`` (PermissionDenied),
views answer 403 through it, and templates show a control only when its action is in
``allowed_actions(user, obj)``. ``for_user(user, action, queryset)`` scopes lists, exports,
documents and the API the same way.

Actions are "<thing>.<verb>" strings; each takes one kind of object (see ``ACTIONS``). The rules
read the user's reach from ``kinerja.accounts.access`` (organisation tree, today's assignments,
agency roles). Whatever the assignment, nobody verifies a realization they entered (#18.7).
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Model, QuerySet

from kinerja.accounts.access import Access, access_for
from kinerja.accounts.models import Role

# The actions each kind of object answers to; allowed_actions() walks these.
ACTIONS: dict[str, tuple[str, ...]] = {
    "position": (
        "position.view",
        "realization.enter",
        "target.set",
        "agreement.create",
    ),
    "realization": (
        "realization.view",
        "realization.edit",
        "realization.submit",
        "realization.verify",
        "realization.return",
        "realization.reopen",
        "evidence.add",
    ),
    "evidence": ("evidence.view", "evidence.remove"),
    "agreement": ("agreement.view", "agreement.sign", "agreement.revise"),
    "agency": (
        "agency.read",
        "population.view",
        "population.import",
        "user.manage",
        "audit.view",
        "period.close",
        "catalog.settings",
        "catalog.import",
        "target.set",
        "strategy.view",
        "strategy.edit",
    ),
    "site": (
        "inbox.view",
        "spreadsheet.use",
        "population.view",
        "user.manage",
        "audit.view",
        "planning.view",
        "period.close",
        "admin.site",
        "catalog.import",
        "strategy.view",
        "strategy.edit",
    ),
}

STRUCTURAL_NAME = re.compile(r"^(kepala|sekretaris)\b", re.IGNORECASE)


def _kind(obj: Any) -> str:
    if obj is None:
        return "site"
    label = obj._meta.label_lower
    return {
        "catalog.position": "position",
        "catalog.indicator": "indicator",
        "catalog.agency": "agency",
        "measurement.realization": "realization",
        "measurement.evidence": "evidence",
        "planning.agreement": "agreement",
    }.get(label, label)


def is_structural(position: Any) -> bool:
    """A position that signs a PK by default: the head, the Sekretaris, Kabid, Kasi and Kasubbag
    (eselon II-IV). Staff have an SKP instead (PermenPAN-RB 6/2022)."""
    return bool(position.is_head or STRUCTURAL_NAME.match(position.name))


def pk_required(position: Any) -> bool:
    """Whether the agency's PKs reach this position (an agency setting widens it to all)."""
    from kinerja.accounts.models import AgencySetting

    if is_structural(position):
        return True
    setting = AgencySetting.objects.filter(agency_id=position.decree.agency_id).first()
    return bool(setting and setting.pk_scope == AgencySetting.PkScope.ALL)


def can(user: Any, action: str, obj: Any = None) -> bool:
    """The decision. ``obj`` is a Position, Indicator, Realization, Evidence, Agreement, Agency,
    or None for site-wide actions (the navigation)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    access = access_for(user)
    kind = _kind(obj)
    if kind == "indicator":
        obj, kind = obj.goal.position, "position"
    rule = _RULES.get((kind, action))
    if rule is None:
        raise ValueError(f"unknown action {action!r} for {kind}")
    return bool(rule(user, access, obj))


def require(user: Any, action: str, obj: Any = None, message: str | None = None) -> None:
    """``can`` or PermissionDenied, for services and views."""
    if not can(user, action, obj):
        raise PermissionDenied(message or "Anda tidak berwenang melakukan tindakan ini.")


def allowed_actions(user: Any, obj: Any = None) -> set[str]:
    """Every action of ``obj``'s kind this user may take on it now (what a page may show)."""
    kind = _kind(obj)
    if kind == "indicator":
        obj, kind = obj.goal.position, "position"
    return {action for action in ACTIONS[kind] if can(user, action, obj)}


# --- rules -------------------------------------------------------------------------------------


def _agency_id(position: Any) -> int:
    return position.decree.agency_id


def _plans(access: Access, position: Any) -> bool:
    return access.has_role(Role.PERENCANA, _agency_id(position)) or access.heads(position.pk)


def _entered_by_self(user: Any, realization: Any) -> bool:
    return realization.entered_by_id is not None and realization.entered_by_id == user.pk


def period_open(realization: Any) -> bool:
    """The realization's period is not closed (remembered on the object)."""
    cached = getattr(realization, "_period_open", None)
    if cached is None:
        from kinerja.measurement.periods_closing import period_is_open

        cached = period_is_open(
            realization.position_id, realization.year, realization.frequency, realization.period
        )
        realization._period_open = cached
    return cached


def _editable(user, access, r) -> bool:
    return access.can_enter(r.position_id) and r.editable and period_open(r)


def _submittable(user, access, r) -> bool:
    from kinerja.measurement.evidence_rules import changed_since_return, evidence_missing

    return (
        _editable(user, access, r)
        and not evidence_missing(r)
        and (r.status != "returned" or changed_since_return(r))
    )


def _verifies(user, access, r) -> bool:
    from kinerja.measurement.evidence_rules import evidence_missing

    return (
        r.status == "submitted"
        and access.can_verify(r.position_id)
        and not _entered_by_self(user, r)
        and not evidence_missing(r)
    )


def _returns(user, access, r) -> bool:
    return (
        r.status == "submitted"
        and access.can_verify(r.position_id)
        and not _entered_by_self(user, r)
    )


def _reopens(user, access, r) -> bool:
    if r.status != "verified" or not access.can_reopen(r.position_id):
        return False
    if r.verified_by_id is None or r.verified_by_id == user.pk or access.heads(r.position_id):
        return True
    from kinerja.accounts.models import User

    verifier = User.objects.filter(pk=r.verified_by_id).select_related("employee").first()
    theirs = access_for(verifier).below.get(r.position_id) if verifier else None
    mine = access.below.get(r.position_id)
    return mine is not None and (theirs is None or mine > theirs)


def _signs(user, access, a) -> bool:
    if a.status != "draft":
        return False
    if access.employee_id is not None and access.employee_id == a.first_party_id:
        return False  # one person is never on both sides
    position = a.position
    return _plans(access, position) or (
        a.second_party_id is not None and a.second_party_id == access.employee_id
    )


def _revises(user, access, a) -> bool:
    from kinerja.planning.models import Agreement

    return (
        a.status == Agreement.Status.SIGNED
        and not Agreement.objects.filter(replaces=a).exists()
        and _plans(access, a.position)
    )


def _reads_agency(access: Access, agency: Any) -> bool:
    return (
        access.reads_all
        or bool(access.roles.get(agency.pk, set()) & {Role.PIMPINAN, Role.PERENCANA})
        or any(access.agency_of.get(pid) == agency.pk for pid in access.head_positions_reach())
    )


def _population_view(user, access, agency) -> bool:
    from kinerja.population.selectors import agencies_for

    agencies = agencies_for(user)
    if agency is None:
        return agencies is None or bool(agencies)
    return agencies is None or agency.pk in agencies


def _role(*roles: str):
    def rule(user, access, agency) -> bool:
        return bool(access.roles.get(agency.pk, set()) & set(roles))

    return rule


def _any_role(*roles: str):
    def rule(user, access, _obj) -> bool:
        return bool(access.role_agencies(*roles))

    return rule


_RULES = {
    ("position", "position.view"): lambda u, a, p: a.can_view(p.pk),
    ("position", "realization.enter"): lambda u, a, p: a.can_enter(p.pk),
    ("position", "target.set"): lambda u, a, p: _plans(a, p),
    ("position", "agreement.create"): lambda u, a, p: (
        (_plans(a, p) or p.pk in a.held) and pk_required(p)
    ),
    ("realization", "realization.view"): lambda u, a, r: a.can_view(r.position_id),
    ("realization", "realization.edit"): _editable,
    ("realization", "realization.submit"): _submittable,
    ("realization", "realization.verify"): _verifies,
    ("realization", "realization.return"): _returns,
    ("realization", "realization.reopen"): _reopens,
    ("realization", "evidence.add"): _editable,
    ("evidence", "evidence.view"): lambda u, a, e: a.can_view(e.realization.position_id),
    ("evidence", "evidence.remove"): lambda u, a, e: _editable(u, a, e.realization),
    ("agreement", "agreement.view"): lambda u, a, ag: a.can_view(ag.position_id),
    ("agreement", "agreement.sign"): _signs,
    ("agreement", "agreement.revise"): _revises,
    ("agency", "agency.read"): lambda u, a, ag: _reads_agency(a, ag),
    ("agency", "population.view"): _population_view,
    ("agency", "population.import"): _role(Role.ADMINISTRATOR, Role.PERENCANA),
    ("agency", "user.manage"): _role(Role.ADMINISTRATOR),
    ("agency", "audit.view"): lambda u, a, ag: (
        a.reads_all or _role(Role.ADMINISTRATOR, Role.PIMPINAN)(u, a, ag) or _reads_agency(a, ag)
    ),
    ("agency", "period.close"): _role(Role.PERENCANA),
    ("agency", "catalog.settings"): _role(Role.ADMINISTRATOR),
    ("agency", "catalog.import"): _role(Role.ADMINISTRATOR, Role.PERENCANA),
    ("agency", "target.set"): _role(Role.PERENCANA),
    ("site", "inbox.view"): lambda u, a, _: a.is_supervisor,
    ("site", "spreadsheet.use"): lambda u, a, _: (
        bool(a.held) or bool(a.role_agencies(Role.OPERATOR))
    ),
    ("site", "population.view"): _population_view,
    ("site", "user.manage"): _any_role(Role.ADMINISTRATOR),
    ("site", "audit.view"): lambda u, a, _: (
        a.reads_all
        or bool(a.role_agencies(Role.ADMINISTRATOR, Role.PIMPINAN, Role.PERENCANA))
        or a.is_head
    ),
    ("site", "planning.view"): lambda u, a, _: bool(a.held or a.roles),
    ("site", "period.close"): _any_role(Role.PERENCANA),
    ("site", "admin.site"): lambda u, a, _: bool(u.is_staff),
    ("site", "catalog.import"): _any_role(Role.ADMINISTRATOR, Role.PERENCANA),
    # Renstra, cascade, budget and evaluation notes (#14): the perencana edits; pimpinan, the
    # head, Kabid/Sekretaris (positions under the head) and the inspektorat read.
    ("agency", "strategy.view"): lambda u, a, ag: _reads_agency(a, ag) or _under_head(a, ag.pk),
    ("agency", "strategy.edit"): _role(Role.PERENCANA),
    ("site", "strategy.view"): lambda u, a, _: (
        a.reads_all
        or bool(a.role_agencies(Role.PERENCANA, Role.PIMPINAN))
        or a.is_head
        or _under_head(a, None)
    ),
    ("site", "strategy.edit"): _any_role(Role.PERENCANA),
}


def _under_head(access: Access, agency_id: int | None) -> bool:
    """Holds a position reporting to the head (Kabid, Sekretaris) in the agency (any if None):
    its supervisor is the top of the organisation tree. Read from the loaded tree, no query."""
    for pid in access.held:
        if agency_id is not None and access.agency_of.get(pid) != agency_id:
            continue
        supervisor = access.supervisor_of.get(pid)
        if supervisor in access.supervisor_of and access.supervisor_of[supervisor] is None:
            return True
    return False


# --- querysets ---------------------------------------------------------------------------------


def for_user(user: Any, action: str, queryset: QuerySet | type[Model]) -> QuerySet:
    """``queryset`` narrowed to the rows on which ``user`` may take ``action`` (NetBox's
    ``restrict()``): positions, realizations, evidence, agreements and audit entries."""
    qs = queryset.objects.all() if isinstance(queryset, type) else queryset
    label = qs.model._meta.label_lower
    access = access_for(user)
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    if action == "realization.verify" and label == "measurement.realization":
        candidates = [pid for pid in access.below if access.can_verify(pid)]
        return qs.filter(position_id__in=candidates, status="submitted").exclude(entered_by=user)
    field = {
        "catalog.position": "pk",
        "measurement.realization": "position_id",
        "planning.agreement": "position_id",
        "measurement.evidence": "realization__position_id",
    }.get(label)
    if label == "audit.auditentry":
        if access.reads_all:
            return qs
        agencies = [
            ag
            for ag in {*access.roles, *access.agency_of.values()}
            if _reads_agency(access, _AgencyRef(ag)) or access.has_role(Role.ADMINISTRATOR, ag)
        ]
        return qs.filter(agency_id__in=agencies)
    if field is None:
        raise ValueError(f"for_user does not scope {label}")
    visible = access.visible_ids()
    return qs if visible is None else qs.filter(**{f"{field}__in": visible})


class _AgencyRef:
    def __init__(self, pk: int):
        self.pk = pk
