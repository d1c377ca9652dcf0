"""The agency's name and logo for the layout (kinerja.web.branding), and the menu's link to the
agency's documents when the user may read them; each computed only when a template reads it."""

from __future__ import annotations

from django.utils.functional import SimpleLazyObject


def branding(request) -> dict:
    user = getattr(request, "user", None)

    def compute():
        from kinerja.web.branding import branding_for

        return branding_for(user)

    shown = SimpleLazyObject(compute)

    def documents() -> str:
        from django.urls import reverse

        from kinerja.accounts.permissions import can
        from kinerja.catalog.models import Agency

        if not getattr(user, "is_authenticated", False) or shown.agency_id is None:
            return ""
        agency = Agency.objects.filter(pk=shown.agency_id).first()
        if agency is None or not can(user, "agency.read", agency):
            return ""
        return reverse("reports:documents_latest", args=[agency.pk])

    return {"branding": shown, "documents_url": SimpleLazyObject(documents)}
