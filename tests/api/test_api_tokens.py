"""Tokens: created and revoked by the agency administrator on /akses-api/ (``can`` decides,
audited), the secret shown once and stored as a digest, last use recorded, a system token an
account of its own with one agency role, revocation immediate."""

from __future__ import annotations

import pytest
from api_helpers import V1, client_with, user_token
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from factories import indicator_of

from kinerja.accounts.models import AgencyRole
from kinerja.api.models import ApiToken
from kinerja.api.services import token_create
from kinerja.api.tokens import digest_of
from kinerja.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_administrator_creates_a_system_token_shown_once_and_revokes_it(client, org):
    indicator = indicator_of(org, "kasi")
    client.force_login(org.admin)
    page = client.get(reverse("api:tokens"))
    assert page.status_code == 200 and "Token baru" in page.content.decode()
    created = client.post(
        reverse("api:tokens"),
        {
            "aksi": "buat",
            "name": "Aplikasi layanan KTP",
            "kind": "system",
            "role": "operator",
            "indicators": [indicator.pk],
        },
    )
    html = created.content.decode()
    token = ApiToken.objects.get()
    secret = html.split('<code class="secret">')[1].split("</code>")[0]
    assert secret.startswith(f"knj_{token.prefix}_")
    assert token.digest == digest_of(secret) and secret not in str(ApiToken.objects.values().get())
    assert secret not in client.get(reverse("api:tokens")).content.decode()
    assert AgencyRole.objects.active().filter(user=token.user, role="operator").exists()
    assert not token.user.has_usable_password() and token.user.employee is None
    entry = AuditEntry.objects.get(action="token_api.buat")
    assert entry.actor == org.admin and entry.agency == org.agency
    assert entry.after["indikator"] == [indicator.pk] and "digest" not in entry.after

    api = client_with(secret)
    assert api.get(f"{V1}/agencies/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None

    client.post(reverse("api:tokens"), {"aksi": "cabut", "token": token.pk})
    token.refresh_from_db()
    assert token.revoked_at is not None and not token.user.is_active
    assert api.get(f"{V1}/agencies/").status_code == 401
    assert not AgencyRole.objects.active().filter(user=token.user).exists()
    assert AuditEntry.objects.filter(action="token_api.cabut", agency=org.agency).count() == 1


def test_only_the_agency_administrator_opens_or_uses_the_page(client, org):
    for role in ("kabid", "head", "staff", "outsider"):
        client.force_login(org.users[role])
        assert client.get(reverse("api:tokens")).status_code == 403, role
        response = client.post(reverse("api:tokens"), {"aksi": "buat", "name": "x", "kind": "user"})
        assert response.status_code == 403, role
    assert not ApiToken.objects.exists()
    with pytest.raises(PermissionDenied):
        token_create(
            actor=org.kabid, agency=org.agency, name="x", kind="user", user=org.users["kabid"]
        )


def test_refusals_name_the_field(client, org):
    client.force_login(org.admin)
    response = client.post(
        reverse("api:tokens"),
        {"aksi": "buat", "name": "SIAK", "kind": "system", "role": "operator"},
    )
    assert "Indikator: token operator harus diberi indikator" in response.content.decode()
    with pytest.raises(ValidationError) as caught:
        token_create(
            actor=org.admin, agency=org.agency, name="x", kind="user", user=org.users["outsider"]
        )
    assert "user" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        token_create(
            actor=org.admin, agency=org.agency, name="x", kind="system", role="administrator"
        )
    assert "role" in caught.value.message_dict
    assert not ApiToken.objects.exists()


def test_a_user_token_acts_as_that_user_and_no_more(org):
    client = client_with(user_token(org, "staff"))
    positions = client.get(f"{V1}/positions/").json()["results"]
    assert {p["id"] for p in positions} == {org.pos["staff"].pk}
    assert client.get(f"{V1}/positions/{org.pos['kasi'].pk}/").status_code == 403


def test_an_administrator_cannot_mint_a_wider_reach_than_the_agency(org):
    from factories import make_user

    from kinerja.accounts.services import role_grant

    inspector = make_user("inspektur")
    role_grant(actor=org.admin, user=inspector, agency=org.agency, role="inspektorat")
    with pytest.raises(ValidationError) as caught:
        token_create(actor=org.admin, agency=org.agency, name="x", kind="user", user=inspector)
    assert "menjangkau perangkat daerah lain" in caught.value.message_dict["user"][0]
    # The site's operator makes it from the shell, audited as that command.
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command(
        "api_token", "create", "--site", "--name", "Inspektorat", "--user", "inspektur", stdout=out
    )
    secret = out.getvalue().strip()
    assert client_with(secret).get(f"{V1}/agencies/").status_code == 200
    entry = AuditEntry.objects.get(action="token_api.buat")
    assert entry.actor_label.startswith("Sistem (kinerja api_token")
    listed = StringIO()
    call_command("api_token", "list", stdout=listed)
    prefix = ApiToken.objects.get().prefix
    assert prefix in listed.getvalue() and "aktif" in listed.getvalue()
    call_command("api_token", "revoke", prefix, "--by", "admin", stdout=StringIO())
    assert client_with(secret).get(f"{V1}/agencies/").status_code == 401
