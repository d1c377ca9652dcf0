"""PDF documents: a Django template (HTML + CSS, charts as inline SVG) printed by WeasyPrint."""

from __future__ import annotations

import logging
from typing import Any

from django.template.loader import render_to_string

for _name in ("weasyprint", "fontTools"):
    logging.getLogger(_name).setLevel(logging.WARNING)


def render_pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported on use: loading Pango takes a moment

    html = render_to_string(template, context)
    return HTML(string=html).write_pdf()
