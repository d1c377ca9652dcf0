"""The agency's branding in the admin: read-only (changed on /tampilan/ through the audited
service)."""

from django.contrib import admin

from kinerja.web.admin_base import ReadOnlyAdmin
from kinerja.web.models import AgencyBranding


@admin.register(AgencyBranding)
class AgencyBrandingAdmin(ReadOnlyAdmin):
    list_display = ["agency", "title", "subtitle", "updated_at"]
    fields = ["agency", "title", "subtitle", "logo_sha256", "updated_at"]
