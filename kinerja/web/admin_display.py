"""Indonesian values in the Django admin's lists and read-only pages (issue #16.6).

Django's admin formats every integer with the thousands separator and every decimal with all its
places, so a year reads "2.024", a target "90,0000", and a code stored without choices shows
as stored ("monthly"); a column named after a field without a verbose name shows in English
("VERSION"). The admin takes these from ``django.contrib.admin.utils.display_for_field`` and
``label_for_field``, which its list and read-only templates import by name; ``install()``
(from WebConfig.ready) puts a wrapper in front of both, in those two modules only:

- a year, month, quarter, period, version or revision (a small integer) as digits: "2024";
- a decimal without trailing zeros, in Indonesian: "90", "97,8", "1.234,5";
- a quarter of 0 (the annual target) as "tahunan";
- a measuring period stored as a code as its label: "Bulanan", "Triwulanan";
- an English field name as a column title in Indonesian ("versi", "perangkat daerah");
- a code its field's choices do not list as stored, instead of an empty "-";
- the list filter of a code stored without choices in words ("Bulanan", not "monthly").

Everything else goes to Django unchanged. Pages outside the admin format through
kinerja.core.numbers and never come here."""

from __future__ import annotations

from decimal import Decimal

from django.db import models

# Integer fields that are a calendar position or a counter, never an amount.
PLAIN_INTEGERS = {
    "year",
    "month",
    "quarter",
    "period",
    "period_start",
    "period_end",
    "start_year",
    "end_year",
    "version",
    "revision",
    "baseline_year",
    "id",
}
# Codes some models store without choices, and their words.
CODES = {"frequency": {"monthly": "Bulanan", "quarterly": "Triwulanan"}}
# Field names that reach the admin as column titles without a verbose name.
LABELS = {
    "version": "versi",
    "agency": "perangkat daerah",
    "goal": "sasaran",
    "indicator": "indikator",
    "iku": "IKU",
    "unit": "unit kerja",
    "position": "jabatan",
    "year": "tahun",
    "quarter": "triwulan",
    "created_at": "dibuat",
    "updated_at": "diubah",
}


def format_decimal(value: Decimal) -> str:
    """ "90", "97,8", "1.234,5": the places the value has, none padded."""
    from kinerja.core.numbers import format_number

    exponent = value.normalize().as_tuple().exponent
    places = max(0, -exponent) if isinstance(exponent, int) else 0
    return format_number(value, places)


def indonesian_value(value, field):
    """The admin's text for ``value`` of ``field``, or None to leave it to Django."""
    name = getattr(field, "name", "")
    choices = getattr(field, "flatchoices", None)
    if choices:
        try:
            known = value in dict(choices)
        except TypeError:
            return None
        # A code its choices do not list (yet) is shown as stored, not as an empty "-".
        return None if known or value in (None, "") else str(value)
    if value is None:
        return None
    if isinstance(field, models.IntegerField) and isinstance(value, int):
        if name == "quarter" and value == 0:
            return "tahunan"
        if name in PLAIN_INTEGERS or name.endswith("_year"):
            return str(value)
    if isinstance(field, models.DecimalField) and isinstance(value, Decimal):
        return format_decimal(value)
    if isinstance(field, models.CharField) and name in CODES:
        return CODES[name].get(value)
    return None


def install() -> None:
    from django.contrib.admin import helpers, utils
    from django.contrib.admin.templatetags import admin_list

    original_display = utils.display_for_field
    original_label = utils.label_for_field

    def display_for_field(value, field, empty_value_display, *args, **kwargs):
        shown = indonesian_value(value, field)
        if shown is not None:
            return shown
        return original_display(value, field, empty_value_display, *args, **kwargs)

    def label_for_field(name, model, *args, **kwargs):
        result = original_label(name, model, *args, **kwargs)
        text = result[0] if isinstance(result, tuple) else result
        if isinstance(name, str) and str(text) == name.replace("_", " ") and name in LABELS:
            text = LABELS[name]
            return (text, result[1]) if isinstance(result, tuple) else text
        return result

    for module in (admin_list, helpers):
        module.display_for_field = display_for_field
        module.label_for_field = label_for_field

    # The list filter of a code stored without choices ("Periode: monthly") shows its words.
    from django.contrib.admin.filters import AllValuesFieldListFilter

    original_choices = AllValuesFieldListFilter.choices

    def choices(self, changelist):
        words = CODES.get(self.field_path, {})
        for choice in original_choices(self, changelist):
            if choice.get("display") in words:
                choice = {**choice, "display": words[choice["display"]]}
            yield choice

    AllValuesFieldListFilter.choices = choices
