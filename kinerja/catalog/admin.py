"""Catalog editing for admins. Validation lives in the models' ``clean`` (shared with the
importer through kinerja.catalog.validation), so a hand edit obeys the decree's rules."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from kinerja.catalog.models import (
    Agency,
    CatalogImport,
    DataSource,
    Decree,
    Duty,
    Goal,
    Indicator,
    IndicatorSource,
    Position,
    Unit,
)
from kinerja.catalog.settings_services import INDICATOR_SETTINGS, indicator_settings_update
from kinerja.core.errors import error_text
from kinerja.web.admin_base import ReadOnlyAdmin


@admin.register(Agency)
class AgencyAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "region_code"]
    search_fields = ["name", "region"]
    # Verification depth and scoring rules through kinerja.catalog.settings_services (audited;
    # the catalog page "Satuan dan aturan hitung").
    readonly_fields = ["supervision_depth", "lower_formula", "zero_target", "predicate_scale"]


@admin.register(Decree)
class DecreeAdmin(admin.ModelAdmin):
    list_display = ["number", "agency", "period_start", "period_end", "enacted_on"]
    list_filter = ["agency"]
    search_fields = ["number", "title"]
    readonly_fields = ["source_sha256", "imported_at"]


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "agency"]
    list_filter = ["agency", "kind"]
    search_fields = ["name"]


class DutyInline(admin.TabularInline):
    model = Duty
    extra = 0


class GoalInline(admin.StackedInline):
    model = Goal
    extra = 0
    show_change_link = True


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "key", "unit", "supervisor", "decree"]
    list_filter = ["decree", "unit"]
    search_fields = ["name", "key"]
    # Who verifies and who signs follow from these: changed only through the audited
    # kinerja.catalog.structure_services (issue #12).
    readonly_fields = ["supervisor", "is_head", "stable_key"]
    list_select_related = ["unit", "supervisor", "decree"]
    inlines = [DutyInline, GoalInline]


class IndicatorInline(admin.StackedInline):
    model = Indicator
    extra = 0
    show_change_link = True
    fields = ["order", "name", "kind", "formula", "numerator", "denominator", "measure_unit"]
    # scoring settings change on the indicator's own page (through the audited service)
    readonly_fields = ["kind", "measure_unit"]


@admin.register(Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["statement", "position"]
    search_fields = ["statement", "position__name"]
    list_select_related = ["position"]
    inlines = [IndicatorInline]


class IndicatorSourceInline(admin.TabularInline):
    model = IndicatorSource
    extra = 0
    autocomplete_fields = ["source"]


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "polarity", "aggregation", "measure_unit", "goal"]
    list_filter = ["kind", "polarity", "aggregation", "goal__position__decree"]
    search_fields = ["name", "formula", "numerator", "denominator"]
    list_select_related = ["goal"]
    inlines = [IndicatorSourceInline]
    # Identity across decrees comes from the review; the register feed from the settings page.
    readonly_fields = ["stable_key", "register_figure"]

    def save_model(self, request, obj, form, change):
        """Scoring settings (kind, polarity, aggregation, frequency, satuan) go through the
        audited service, with its permission check; the rest is saved as usual."""
        settings = {f: form.cleaned_data[f] for f in INDICATOR_SETTINGS if f in form.changed_data}
        if not change or not settings:
            return super().save_model(request, obj, form, change)
        with transaction.atomic():
            original = Indicator.objects.get(pk=obj.pk)
            for field in settings:
                setattr(obj, field, getattr(original, field))
            super().save_model(request, obj, form, change)
            try:
                indicator_settings_update(actor=request.user, indicator=obj, **settings)
            except (PermissionDenied, ValidationError) as exc:
                transaction.set_rollback(True)
                text = error_text(exc) if isinstance(exc, ValidationError) else str(exc)
                self.message_user(request, f"Tidak disimpan: {text}", messages.ERROR)


@admin.register(DataSource)
class DataSourceAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(CatalogImport)
class CatalogImportAdmin(ReadOnlyAdmin):
    list_display = ["decree", "imported_at", "actor", "source_sha256"]
    readonly_fields = ["decree", "imported_at", "actor", "source_sha256", "changes", "warnings"]
