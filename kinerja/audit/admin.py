from django.contrib import admin

from kinerja.audit.models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """Read-only: an audit trail that can be edited is not one."""

    list_display = ["at", "actor_label", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "actor_label", "reason"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
