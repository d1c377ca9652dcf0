"""Stacked bars: how many indicators are on track, at risk, off track or not yet assessable at
each quarter. Each part has its tone's pattern and prints its count when it is wide enough; the
table gives every count."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from kinerja.charts.base import (
    TONES,
    Chart,
    esc,
    fill_of,
    legend_row,
    num,
    open_svg,
    pattern_defs,
    text,
    uid,
)

ROW = 30
BAR = 18


def stacked(
    rows: Sequence[tuple[str, Sequence[int]]],
    keys: Sequence[tuple[str, str]],
    *,
    title: str,
    first_column: str = "Periode",
    width: int = 480,
    fixed: bool = False,
) -> Chart:
    """``rows``: (label, one count per key); ``keys``: (tone key, words) in drawing order."""
    ident = uid("stacked", title, [(lab, tuple(c)) for lab, c in rows])
    label_w = 70
    plot = width - label_w - 8
    legend_svg, legend_h = legend_row(ident, list(keys), 0, width)
    top = legend_h + 8
    height = top + len(rows) * ROW + 4
    desc = "; ".join(
        f"{lab}: " + ", ".join(f"{words} {c}" for (_, words), c in zip(keys, counts, strict=True))
        for lab, counts in rows
    )
    out = [open_svg(ident, width, height, title, desc or title, fixed=fixed)]
    out.append(pattern_defs(ident, {k for k, _ in keys}))
    out.append(legend_svg)
    for i, (label, counts) in enumerate(rows):
        y = top + i * ROW
        out.append(text(0, y + 14, label, size=12))
        total = sum(counts)
        x = Decimal(label_w)
        for (key, words), count in zip(keys, counts, strict=True):
            if not count or not total:
                continue
            w = Decimal(plot) * count / total
            tone = TONES[key]
            out.append(
                f'<rect x="{num(x)}" y="{y}" width="{num(w)}" height="{BAR}" '
                f'fill="{fill_of(ident, key)}" stroke="{tone.ink}" stroke-width="1">'
                f"<title>{esc(label)}: {esc(words)} {count}</title></rect>"
            )
            if w >= 22:
                # the count on a white plate, legible over any pattern
                cx = x + w / 2
                out.append(
                    f'<rect x="{num(cx - 10)}" y="{y + 2}" width="20" height="14" rx="3" '
                    'fill="#ffffff" stroke="none"/>'
                )
                out.append(text(cx, y + 13, str(count), size=11, anchor="middle"))
            x += w
        if not total:
            out.append(text(label_w, y + 14, "tidak ada indikator", size=12))
    out.append("</svg>")
    return Chart(
        svg="".join(out),
        title=title,
        columns=(first_column, *(words for _, words in keys)),
        rows=[(lab, *(str(c) for c in counts)) for lab, counts in rows],
        legend=list(keys),
    )
