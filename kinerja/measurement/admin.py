"""Read-only: realizations change only through the workflow, which audits each step."""

from django.contrib import admin

from kinerja.measurement.models import Evidence, Realization, Transition
from kinerja.web.admin_base import ReadOnlyAdmin, ReadOnlyInline


class TransitionInline(ReadOnlyInline):
    model = Transition
    readonly_fields = ["from_status", "to_status", "actor", "at", "reason"]


class EvidenceInline(ReadOnlyInline):
    model = Evidence
    readonly_fields = ["original_name", "source", "content_type", "size", "sha256", "uploaded_by"]
    exclude = ["file"]


@admin.register(Realization)
class RealizationAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "position", "year", "period", "status", "version"]
    list_filter = ["status", "year", "frequency"]
    search_fields = ["indicator__name", "position__name"]
    list_select_related = ["indicator", "position"]
    inlines = [TransitionInline, EvidenceInline]
