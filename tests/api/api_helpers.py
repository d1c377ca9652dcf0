"""Tokens and clients for the API tests: every token is made by the agency administrator through
kinerja.api.services, like on the token page."""

from __future__ import annotations

from rest_framework.test import APIClient

from kinerja.api.models import ApiToken
from kinerja.api.services import token_create

YEAR = 2024
V1 = "/api/v1"


def user_token(org, role: str) -> str:
    _, secret = token_create(
        actor=org.admin,
        agency=org.agency,
        name=f"token {role}",
        kind=ApiToken.Kind.USER,
        user=org.users[role],
    )
    return secret


def system_token(org, indicators, role: str = "operator", name: str = "Aplikasi layanan") -> str:
    _, secret = token_create(
        actor=org.admin,
        agency=org.agency,
        name=name,
        kind=ApiToken.Kind.SYSTEM,
        role=role,
        indicators=[i.pk for i in indicators],
    )
    return secret


def client_with(secret: str | None) -> APIClient:
    client = APIClient()
    if secret:
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def raw_token(user, agency) -> str:
    """A token for an account the administrator could not pick (an outsider, another agency's
    official): made directly, to show that the token grants nothing the account lacks."""
    from kinerja.api.tokens import make_token

    secret, prefix, digest = make_token()
    ApiToken.objects.create(
        agency=agency, name="uji", kind=ApiToken.Kind.USER, user=user, prefix=prefix, digest=digest
    )
    return secret
