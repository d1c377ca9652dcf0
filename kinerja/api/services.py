"""Token writes by the agency administrator (``can(actor, "user.manage", agency)``), audited.

A system token gets an account of its own (no password, no employee) holding one agency role
through ``kinerja.accounts.services.role_grant``, so what it may read and write is decided by
``kinerja.accounts.permissions`` like for a person; an operator token must be given the
indicators it may post. Revoking ends the role and deactivates that account."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from kinerja.accounts.models import AgencyRole, Role, User
from kinerja.accounts.permissions import require
from kinerja.accounts.services import role_end, role_grant
from kinerja.api.models import ApiToken
from kinerja.api.tokens import make_token
from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency, Indicator
from kinerja.core.inputs import clean_text

# Roles a system token may be given: an operator posts, a pimpinan reads the whole agency.
SYSTEM_ROLES = {
    Role.OPERATOR: "Operator: mengirim realisasi indikator yang diberikan",
    Role.PIMPINAN: "Pimpinan: membaca seluruh data perangkat daerah",
}
MANAGER_ONLY = "Hanya administrator perangkat daerah ini yang mengelola token API."


def _manager(actor: Any, agency: Agency) -> None:
    if isinstance(actor, str):
        return  # a command run by whoever runs the site (kinerja api_token)
    require(actor, "user.manage", agency, MANAGER_ONLY)


def agency_users(agency: Agency):
    """Active accounts of the agency: its employees' and those holding a role in it."""
    roles = AgencyRole.objects.active().filter(agency=agency).values("user_id")
    return (
        User.objects.filter(is_active=True)
        .filter(Q(employee__agency=agency) | Q(pk__in=roles))
        .exclude(api_tokens__kind=ApiToken.Kind.SYSTEM)
        .distinct()
        .order_by("username")
    )


def _reaches_beyond(user: User, agency: Agency) -> bool:
    """A token an agency's administrator makes must not read more than that agency: refused for
    an account with a role elsewhere or the inspektorat's (which reads every agency)."""
    roles = AgencyRole.objects.active().filter(user=user)
    return roles.exclude(agency=agency).exists() or roles.filter(role=Role.INSPEKTORAT).exists()


def _indicators(agency: Agency, ids: Iterable[Any]) -> list[Indicator]:
    wanted = {int(i) for i in ids}
    found = list(Indicator.objects.filter(pk__in=wanted, goal__position__decree__agency=agency))
    if len(found) != len(wanted):
        raise ValidationError({"indicators": "ada indikator yang bukan milik perangkat daerah ini"})
    return found


@transaction.atomic
def token_create(
    *,
    actor: Any,
    agency: Agency,
    name: str,
    kind: str,
    user: User | None = None,
    role: str = "",
    indicators: Iterable[Any] = (),
) -> tuple[ApiToken, str]:
    """A new token and its secret (shown once; only its digest is kept)."""
    _manager(actor, agency)
    name = clean_text(name, "name", max_length=120) or ""
    if not name.strip():
        raise ValidationError({"name": "nama token wajib diisi (mis. nama aplikasi pengirim)"})
    chosen = _indicators(agency, indicators)
    if kind == ApiToken.Kind.USER:
        if user is None or not agency_users(agency).filter(pk=user.pk).exists():
            raise ValidationError({"user": "pilih pengguna aktif perangkat daerah ini"})
        if not isinstance(actor, str) and _reaches_beyond(user, agency):
            raise ValidationError(
                {
                    "user": "pengguna ini menjangkau perangkat daerah lain (mis. inspektorat); "
                    "tokennya dibuat pengelola situs dengan perintah kinerja api_token --site"
                }
            )
        role = ""
    elif kind == ApiToken.Kind.SYSTEM:
        if role not in SYSTEM_ROLES:
            raise ValidationError({"role": "pilih peran token sistem: operator atau pimpinan"})
        if role == Role.OPERATOR and not chosen:
            raise ValidationError(
                {"indicators": "token operator harus diberi indikator yang boleh dikirimnya"}
            )
    else:
        raise ValidationError({"kind": "jenis token tidak dikenal"})
    secret, prefix, digest = make_token()
    if kind == ApiToken.Kind.SYSTEM:
        user = User(
            username=f"api-{slugify(name)[:100] or 'sistem'}-{prefix}",
            first_name=name[:150],
            last_name="(token API)",
        )
        user.set_unusable_password()
        user.save()
        role_grant(actor=actor, user=user, agency=agency, role=role, reason=f"token API {name}")
    token = ApiToken.objects.create(
        agency=agency,
        name=name,
        kind=kind,
        user=user,
        role=role,
        prefix=prefix,
        digest=digest,
        created_by=actor if getattr(actor, "pk", None) else None,
    )
    token.indicators.set(chosen)
    audit_record(
        actor=actor,
        action="token_api.buat",
        obj=token,
        before=None,
        after={
            "name": name,
            "kind": kind,
            "username": user.get_username(),
            "role": role,
            "indikator": [i.pk for i in chosen],
            "prefix": prefix,
        },
        agency=agency,
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor: Any, token: ApiToken, reason: str = "") -> ApiToken:
    """Stop a token at once (a revoked token answers 401); a system token's account and role end
    with it. Revoking twice changes nothing."""
    token = ApiToken.objects.select_for_update().select_related("agency", "user").get(pk=token.pk)
    _manager(actor, token.agency)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.revoked_by = actor if getattr(actor, "pk", None) else None
    token.save(update_fields=["revoked_at", "revoked_by"])
    if token.kind == ApiToken.Kind.SYSTEM:
        for grant in AgencyRole.objects.active().filter(user=token.user, agency=token.agency):
            role_end(actor=actor, grant=grant, reason=f"token API {token.name} dicabut")
        User.objects.filter(pk=token.user_id).update(is_active=False)
    audit_record(
        actor=actor,
        action="token_api.cabut",
        obj=token,
        before={"name": token.name, "prefix": token.prefix},
        after=None,
        reason=clean_text(reason, "reason", max_length=1000) or "",
        agency=token.agency,
    )
    return token
