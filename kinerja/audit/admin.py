from django.contrib import admin

from kinerja.audit.models import AuditEntry
from kinerja.web.admin_base import ReadOnlyAdmin


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """An audit trail that can be edited is not one."""

    list_display = ["at", "actor_label", "action", "model", "object_repr"]
    list_filter = ["action", "model"]
    search_fields = ["object_repr", "actor_label", "reason"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]
