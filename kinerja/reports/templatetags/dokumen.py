"""Figures of the read model in document templates: ``{{ figure|tampil:q.value }}`` prints a
value of that indicator with its satuan ("4.806 dokumen", "96,86%")."""

from __future__ import annotations

from django import template

register = template.Library()


@register.filter
def tampil(figure, value) -> str:
    return figure.show(value)


@register.filter
def butir(mapping, key):
    """``mapping[key]`` or None: a row's entry in a document's lookup (the Rencana Aksi's
    sub kegiatan and budget per goal)."""
    return mapping.get(key) if mapping else None
