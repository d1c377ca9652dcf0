"""PDF documents: a Django template (HTML + CSS, charts as inline SVG) printed by WeasyPrint."""

from __future__ import annotations

import logging
from typing import Any

from django.template.loader import render_to_string

for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def _no_fetch(url: str, *args, **kwargs):
    """Documents carry everything inline (CSS, SVG): nothing is fetched, whatever a text says."""
    raise ValueError(f"sumber luar tidak dimuat: {url[:80]}")


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported on use: loading Pango takes a moment

    html = render_to_string(template, context)
    return HTML(string=html, url_fetcher=_no_fetch).write_pdf()
