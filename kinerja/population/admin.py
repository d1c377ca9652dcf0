"""Read-only: imports and figures change only through ``kinerja population``, which audits."""

from django.contrib import admin

from kinerja.population.models import AreaFigure, ExtractImport
from kinerja.web.admin_base import ReadOnlyAdmin


@admin.register(ExtractImport)
class ExtractImportAdmin(ReadOnlyAdmin):
    list_display = [
        "created_at",
        "agency",
        "extract_date",
        "residents_accepted",
        "residents_rejected",
        "actor",
    ]
    exclude = ["work_path", "quarantine_path"]


@admin.register(AreaFigure)
class AreaFigureAdmin(ReadOnlyAdmin):
    list_display = ["indicator_key", "area_name", "area_level", "as_of", "numerator", "denominator"]
    list_filter = ["indicator_key", "area_level", "as_of"]
    search_fields = ["area_name", "area_code"]
