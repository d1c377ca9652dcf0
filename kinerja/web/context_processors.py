"""The agency's name and logo for the layout (kinerja.web.branding), and the menu's link to the
agency's documents when the user may read them: one query (the agency with its branding), made
only when a template reads either."""

from __future__ import annotations

from functools import cache

from django.utils.functional import SimpleLazyObject


def branding(request) -> dict:
    user = getattr(request, "user", None)

    @cache
    def agency():
        from kinerja.web.branding import agency_for

        return agency_for(user)

    def shown():
        from kinerja.web.branding import DEFAULT, _of, _row

        found = agency()
        return DEFAULT if found is None else _of(found, _row(found))

    def documents() -> str:
        from django.urls import reverse

        from kinerja.accounts.permissions import can

        found = agency()
        if not getattr(user, "is_authenticated", False) or found is None:
            return ""
        if not can(user, "agency.read", found):
            return ""
        return reverse("reports:documents_latest", args=[found.pk])

    return {"branding": SimpleLazyObject(shown), "documents_url": SimpleLazyObject(documents)}
