from django.contrib import admin

from kinerja.measurement.models import Evidence, Realization, Transition


class TransitionInline(admin.TabularInline):
    model = Transition
    extra = 0
    readonly_fields = ["from_status", "to_status", "actor", "at", "reason"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


class EvidenceInline(admin.TabularInline):
    model = Evidence
    extra = 0
    readonly_fields = ["original_name", "source", "content_type", "size", "sha256", "uploaded_by"]
    exclude = ["file"]
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Realization)
class RealizationAdmin(admin.ModelAdmin):
    """Read-only: realizations change only through the workflow, which audits each step."""

    list_display = ["indicator", "position", "year", "period", "status", "version"]
    list_filter = ["status", "year", "frequency"]
    search_fields = ["indicator__name", "position__name"]
    list_select_related = ["indicator", "position"]
    inlines = [TransitionInline, EvidenceInline]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
