"""Horizontal bars: capaian per goal, per bidang, coverage per kecamatan.

One row per item: its label and its printed figure on one line (long names fit a phone), the
bar under them. Bars are scaled to 0..``limit``; a longer bar is drawn to the edge and its text
says the rest; an item whose figure cannot be computed gets no bar and its reason as text. A
dashed line marks the reference (100% of the target, or the office's goal).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from xml.sax.saxutils import quoteattr

from kinerja.charts.base import (
    AXIS,
    MUTED,
    TONES,
    Chart,
    clip,
    esc,
    fill_of,
    legend_row,
    num,
    open_svg,
    pattern_defs,
    text,
    uid,
)

ROW = 40  # label line + bar line
BAR = 14
CHAR = 8.2  # width of a bold 13-unit character, generously (DejaVu Sans)
LABEL_CHAR = 6.8  # of a 12-unit character


@dataclass(frozen=True)
class Bar:
    label: str
    value: Decimal | None  # the length, in the chart's unit (percent)
    text: str  # the figure as printed: "85,50%", "tidak dapat dihitung"
    tone: str = "utama"
    href: str = ""  # pages: the bar links to the page the figure comes from


def hbars(
    bars: Sequence[Bar],
    *,
    title: str,
    columns: tuple[str, str] = ("Uraian", "Angka"),
    legend: Sequence[tuple[str, str]] = (),
    limit: Decimal = Decimal(150),
    reference: Decimal | None = Decimal(100),
    reference_label: str = "100%",
    width: int = 480,
    fixed: bool = False,
    show_title: bool = False,
) -> Chart:
    """``show_title`` prints the title above the bars (documents, where no heading names the
    chart); pages name it in their own heading and the SVG's ``<title>``."""
    ident = uid("hbars", title, [(b.label, b.value, b.text, b.tone) for b in bars])
    plot = width - 20
    scale = Decimal(plot) / limit
    legend = list(legend)
    head = 22 if show_title else 0
    legend_svg, legend_height = legend_row(ident, legend, head, width)
    top = head + legend_height + (6 if legend else 0)
    height = top + len(bars) * ROW + 22
    desc = "; ".join(f"{b.label}: {b.text}" for b in bars) or "tidak ada data"
    links = any(b.href for b in bars)
    out = [open_svg(ident, width, height, title, desc, fixed=fixed, links=links)]
    out.append(pattern_defs(ident, {b.tone for b in bars} | {k for k, _ in legend}))
    if show_title:
        out.append(text(0, 14, title, size=13, weight="bold"))
    out.append(legend_svg)
    for i, bar in enumerate(bars):
        y = top + i * ROW
        # the figure on the label line, right-aligned: it never runs past the chart's edge
        room = max(int((width - len(bar.text) * CHAR - 12) / LABEL_CHAR), 12)
        row = [
            text(0, y + 13, clip(bar.label, room), size=12, fill=MUTED),
            text(width, y + 13, bar.text, size=13, anchor="end", weight="bold"),
        ]
        if bar.value is not None and bar.value > 0:
            length = min(bar.value, limit) * scale
            tone = TONES[bar.tone]
            row.append(
                f'<rect x="0" y="{y + 18}" width="{num(length)}" height="{BAR}" '
                f'fill="{fill_of(ident, bar.tone)}" stroke="{tone.ink}" stroke-width="1">'
                f"<title>{esc(bar.label)}: {esc(bar.text)}</title></rect>"
            )
        body = "".join(row)
        if bar.href:
            body = f"<a href={quoteattr(bar.href)}>{body}</a>"
        out.append(f"<g>{body}</g>")
    bottom = top + len(bars) * ROW
    out.append(f'<line x1="0" y1="{top}" x2="0" y2="{bottom}" stroke="{AXIS}" stroke-width="1"/>')
    if reference is not None and reference <= limit:
        x = reference * scale
        out.append(
            f'<line x1="{num(x)}" y1="{top}" x2="{num(x)}" y2="{bottom}" stroke="{AXIS}" '
            'stroke-width="1" stroke-dasharray="4,3"/>'
        )
        out.append(text(x, bottom + 15, reference_label, size=12, anchor="middle", fill=MUTED))
    out.append("</svg>")
    return Chart(
        svg="".join(out),
        title=title,
        columns=columns,
        rows=[(b.label, b.text) for b in bars],
        legend=legend,
    )
