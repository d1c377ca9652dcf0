"""Indonesian numbers in templates: ``{{ x|angka:0 }}`` "1.234", ``{{ x|persen }}`` "85,50%",
``{{ target|sasaran:2 }}`` for a number or a range "80,00–100,00"."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kinerja.core.numbers import format_bytes, format_number, format_percent
from kinerja.scoring import Range

register = template.Library()


@register.filter
def angka(value, places=2) -> str:
    if value is None or value == "":
        return ""
    if hasattr(value, "rounded"):  # an exact quotient from the engine
        value = value.rounded()
    return format_number(Decimal(value), int(places))


@register.filter
def persen(value, places=2) -> str:
    return "" if value is None else format_percent(Decimal(value), int(places))


@register.filter
def sasaran(value, places=2) -> str:
    """A target: a number, or a range "min–max"."""
    if isinstance(value, Range):
        return f"{angka(value.min, places)}–{angka(value.max, places)}"
    return angka(value, places)


@register.filter
def ukuran(size) -> str:
    return "" if size is None else format_bytes(int(size))


@register.filter
def satuan(indicator) -> str:
    """The indicator's unit as printed next to its figures: "%", "surat", "orang"."""
    from kinerja.catalog.measures import satuan_of

    return satuan_of(indicator.kind, indicator.measure_unit)


@register.filter
def nilai(value, indicator) -> str:
    """A figure of ``indicator`` with its unit: "96,86%", "4.806 surat", "12,50 jam"."""
    from kinerja.catalog.measures import display_decimals, satuan_of

    if value is None or value == "":
        return ""
    text = angka(value, display_decimals(indicator.kind, indicator.measure_unit))
    unit = satuan_of(indicator.kind, indicator.measure_unit)
    if not unit:
        return text
    return f"{text}%" if unit == "%" else f"{text} {unit}"
