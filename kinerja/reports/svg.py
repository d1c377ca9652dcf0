"""Small server-side SVG charts for the PDF documents (no JavaScript, no Django).

``capaian_bars`` draws one horizontal bar per item (capaian in percent) with a line at 100%;
an item whose capaian cannot be computed gets no bar and the text it is given instead.
"""

from __future__ import annotations

from decimal import Decimal
from xml.sax.saxutils import escape

BAR = 14
GAP = 6
LABEL_WIDTH = 250
CHART_WIDTH = 240
TEXT_WIDTH = 120


def _clip(text: str, length: int = 48) -> str:
    return text if len(text) <= length else text[: length - 1] + "…"


def capaian_bars(
    items: list[tuple[str, Decimal | None, str]], *, title: str = "", limit: Decimal = Decimal(150)
) -> str:
    """``items``: (label, capaian or None, printed figure such as "85,50%" or "belum ada data").

    Bars are scaled to 0..``limit`` percent (a longer bar is drawn to the edge and its figure
    says the rest); negative capaian draws no bar. Returns an ``<svg>`` element as text."""
    top = 22 if title else 4
    height = top + len(items) * (BAR + GAP) + 18
    width = LABEL_WIDTH + CHART_WIDTH + TEXT_WIDTH
    scale = Decimal(CHART_WIDTH) / limit
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="DejaVu Sans, sans-serif" font-size="9">'
    ]
    if title:
        out.append(f'<text x="0" y="12" font-size="10" font-weight="bold">{escape(title)}</text>')
    for i, (label, capaian, shown) in enumerate(items):
        y = top + i * (BAR + GAP)
        out.append(
            f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR - 3}" text-anchor="end">'
            f"{escape(_clip(label))}</text>"
        )
        if capaian is not None and capaian > 0:
            length = min(capaian, limit) * scale
            out.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR}" '
                'fill="#1f5f99"/>'
            )
        out.append(
            f'<text x="{LABEL_WIDTH + CHART_WIDTH + 4}" y="{y + BAR - 3}">{escape(shown)}</text>'
        )
    x100 = LABEL_WIDTH + Decimal(100) * scale
    bottom = top + len(items) * (BAR + GAP)
    out.append(
        f'<line x1="{x100:.1f}" y1="{top - 2}" x2="{x100:.1f}" y2="{bottom}" stroke="#333" '
        'stroke-dasharray="3,2"/>'
    )
    out.append(f'<text x="{x100:.1f}" y="{bottom + 12}" text-anchor="middle">100%</text>')
    out.append(
        f'<line x1="{LABEL_WIDTH}" y1="{top - 2}" x2="{LABEL_WIDTH}" y2="{bottom}" stroke="#333"/>'
    )
    out.append("</svg>")
    return "".join(out)
