"""The documents' charts: drawn by the one chart code path the pages use (``kinerja.charts``),
at a fixed size for the PDF. Kept as a module so the document builders need not change.

``capaian_bars`` draws one horizontal bar per item (capaian in percent) with a line at 100%;
an item whose capaian cannot be computed gets no bar and the text it is given instead.
"""

from __future__ import annotations

from decimal import Decimal

from kinerja.charts import Bar, hbars

WIDTH = 610


def capaian_bars(
    items: list[tuple[str, Decimal | None, str]], *, title: str = "", limit: Decimal = Decimal(150)
) -> str:
    """``items``: (label, capaian or None, printed figure such as "85,50%" or "belum ada data").
    Bars are scaled to 0..``limit`` percent (a longer bar is drawn to the edge and its figure
    says the rest). Returns an ``<svg>`` element as text."""
    bars = [Bar(label, capaian, shown) for label, capaian, shown in items]
    return hbars(
        bars, title=title, limit=limit, width=WIDTH, fixed=True, show_title=bool(title)
    ).svg
