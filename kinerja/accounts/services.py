"""Account writes shared by commands and pages."""

import secrets

from django.db import transaction

from kinerja.accounts.models import User


@transaction.atomic
def demo_admin_ensure(*, username: str = "admin", password: str | None = None) -> tuple[User, str]:
    """Create the demo administrator once; a second call keeps the existing password.

    Returns the user and the password to print (kept by the caller under ``var/``, because the
    database only stores its hash)."""
    user = User.objects.filter(username=username).first()
    if user is None:
        password = password or secrets.token_urlsafe(9)
        user = User.objects.create_superuser(
            username=username, password=password, first_name="Administrator", email=""
        )
    return user, password or ""
