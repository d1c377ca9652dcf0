"""The system's own account, the actor of what no person did (register posting, imports run by a
schedule): a real user row, so the audit trail always names an actor, and one that cannot log in."""

from __future__ import annotations

from django.contrib.auth import get_user_model

SYSTEM_USERNAME = "sistem"


def system_actor():
    """The "sistem" user (inactive, no usable password), created on first use."""
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=SYSTEM_USERNAME,
        defaults={"first_name": "Sistem", "is_active": False},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user
