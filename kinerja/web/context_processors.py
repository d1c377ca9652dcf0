"""The agency's name and logo for the layout (kinerja.web.branding), computed only when a
template reads it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def branding(request) -> dict:
    def compute():
        from kinerja.web.branding import branding_for

        return branding_for(getattr(request, "user", None))

    return {"branding": SimpleLazyObject(compute)}
