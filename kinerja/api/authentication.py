"""Who is calling: an API token (``Authorization: Bearer knj_…``) or a signed-in session (the
documentation page's "Try it out"). A token authenticates as its user; what that user may do is
decided by kinerja.accounts.permissions like on the pages."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from rest_framework import authentication, exceptions

from kinerja.api.models import ApiToken
from kinerja.api.tokens import matches, split_token

# last_used_at is written at most this often per token (not one UPDATE per request).
LAST_USE_GRANULARITY = timedelta(seconds=60)
REFUSED = "Token tidak dikenal, sudah dicabut, atau akunnya nonaktif."


class TokenAuthentication(authentication.BaseAuthentication):
    keywords = ("bearer", "token")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode("latin-1").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed("Format: Authorization: Bearer <token>.")
        try:
            raw = header[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(REFUSED) from None
        prefix = split_token(raw)
        token = (
            ApiToken.objects.select_related("user__employee", "agency")
            .filter(prefix=prefix, revoked_at__isnull=True)
            .first()
            if prefix
            else None
        )
        if token is None or not matches(raw, token.digest) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(REFUSED)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USE_GRANULARITY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
            token.last_used_at = now
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="kinerja"'
