"""Read-only admin: the Renstra, cascade, budget and notes change through the pages and the
audited services."""

from django.contrib import admin

from kinerja.strategy.models import BudgetItem, CascadeLink, Iku, QuarterNote, Renstra
from kinerja.web.admin_base import ReadOnlyAdmin


@admin.register(Renstra)
class RenstraAdmin(ReadOnlyAdmin):
    list_display = ["agency", "period_start", "period_end", "title"]


@admin.register(Iku)
class IkuAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "satuan", "baseline", "end_target"]
    search_fields = ["name"]


@admin.register(CascadeLink)
class CascadeLinkAdmin(ReadOnlyAdmin):
    list_display = ["goal", "parent_goal", "parent_iku"]


@admin.register(BudgetItem)
class BudgetItemAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "responsible"]
    search_fields = ["code", "name"]


@admin.register(QuarterNote)
class QuarterNoteAdmin(ReadOnlyAdmin):
    list_display = ["agency", "year", "quarter", "unit", "follow_up_done"]
