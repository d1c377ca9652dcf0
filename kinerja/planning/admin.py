"""Read-only views for admins: targets and PKs change through the pages and services, which
check the locks and write the audit trail."""

from django.contrib import admin

from kinerja.planning.models import Agreement, AgreementItem, Target
from kinerja.web.admin_base import ReadOnlyAdmin, ReadOnlyInline


@admin.register(Target)
class TargetAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "year", "plan", "quarter", "value", "value_max"]
    list_filter = ["plan", "year"]
    search_fields = ["indicator__name"]


class ItemInline(ReadOnlyInline):
    model = AgreementItem
    fields = ["goal_statement", "indicator_name", "target_value", "target_max", "measure_unit"]
    readonly_fields = fields


@admin.register(Agreement)
class AgreementAdmin(ReadOnlyAdmin):
    list_display = ["position", "year", "revision", "status", "first_party", "signed_on"]
    list_filter = ["year", "status"]
    inlines = [ItemInline]
