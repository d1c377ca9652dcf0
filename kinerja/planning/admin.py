"""Read-only views for admins: targets and PKs change through the pages and services, which
check the locks and write the audit trail."""

from django.contrib import admin

from kinerja.planning.models import Agreement, AgreementItem, Target


class ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Target)
class TargetAdmin(ReadOnly):
    list_display = ["indicator", "year", "plan", "quarter", "value", "value_max"]
    list_filter = ["plan", "year"]
    search_fields = ["indicator__name"]


class ItemInline(admin.TabularInline):
    model = AgreementItem
    extra = 0
    fields = ["goal_statement", "indicator_name", "target_value", "target_max", "measure_unit"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(ReadOnly):
    list_display = ["position", "year", "revision", "status", "first_party", "signed_on"]
    list_filter = ["year", "status"]
    inlines = [ItemInline]
