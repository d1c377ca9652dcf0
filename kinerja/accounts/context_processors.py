"""The navigation shows a link only when its page opens for this user (issue #12)."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def nav(request) -> dict:
    def compute() -> set[str]:
        from kinerja.accounts.permissions import allowed_actions

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return set()
        return allowed_actions(user, None)

    return {"nav": SimpleLazyObject(compute)}
