"""The period cells of an indicator (one link per month or quarter, its status in words), drawn
in Python: a bidang page has a few hundred of them, and the template loop with a ``{% url %}``
and several ``{% translate %}`` per cell was the largest part of its rendering time."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

from kinerja.core.numbers import format_number

register = template.Library()

STATUS_WORDS = {
    "": "belum diisi",
    "draft": "konsep",
    "submitted": "menunggu verifikasi",
    "returned": "dikembalikan",
    "verified": "terverifikasi",
}


def cell_url(indicator_id: int, year: int, period: int) -> str:
    return reverse("measurement:realization", args=[indicator_id, year, period])


@register.simple_tag
def period_cells(figure, year: int) -> str:
    """The same markup as the position page's cell loop, one ``reverse`` per indicator."""
    first = cell_url(figure.indicator_id, year, 1)
    stem = first[: -len("1/")]
    parts = []
    for c in figure.cells:
        value = ""
        if c.status and c.value is not None:
            value = f"{format_number(c.value, figure.decimals)} · "
        title = escape(f"{c.label}: {value}{STATUS_WORDS.get(c.status, c.status)}")
        parts.append(
            f'<a class="cell status-{c.status or "empty"}" href="{stem}{c.period}/" '
            f'title="{title}">{c.period}</a>'
        )
    return mark_safe("".join(parts))
