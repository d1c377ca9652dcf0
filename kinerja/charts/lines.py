"""Trends over the months or quarters of a year, and the small trend of one indicator.

Each series has its own marker shape (circle, square, triangle) and line style (solid, dashed),
so two series are told apart without colour; every point prints its figure; a period whose
figure cannot be computed breaks the line and is named in the table with its reason.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from kinerja.charts.base import AXIS, MUTED, TONES, Chart, num, open_svg, text, uid

MARKERS = ("circle", "square", "triangle")


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[Decimal | None]
    texts: Sequence[str]  # as printed, one per period ("85,50%", "tidak dapat dihitung")
    tone: str = "utama"
    dashed: bool = False


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{num(x - 4)}" y="{num(y - 4)}" width="8" height="8" fill="{colour}"/>'
    if shape == "triangle":
        return (
            f'<path d="M{num(x)} {num(y - 5)}L{num(x + 5)} {num(y + 4)}'
            f'L{num(x - 5)} {num(y + 4)}Z" fill="{colour}"/>'
        )
    return f'<circle cx="{num(x)}" cy="{num(y)}" r="4" fill="{colour}"/>'


def trend(
    labels: Sequence[str],
    series: Sequence[Series],
    *,
    title: str,
    reference: Decimal | None = Decimal(100),
    reference_label: str = "100%",
    ymax: Decimal | None = None,
    width: int = 480,
    height: int = 220,
    fixed: bool = False,
) -> Chart:
    """A line per series over ``labels`` (periods). The y scale runs from 0 to ``ymax`` (by
    default the largest figure or the reference, rounded up to 50)."""
    ident = uid("trend", title, labels, [(s.name, tuple(s.values)) for s in series])
    known = [v for s in series for v in s.values if v is not None]
    top_value = max([*known, reference or Decimal(0), Decimal(1)])
    ymax = ymax or Decimal(int((top_value + 49) // 50 * 50) or 50)
    left, right, top, legend_h, axis_h = 40, 16, 10, 22 * len(series), 22
    plot_h = height - top - legend_h - axis_h
    plot_w = width - left - right
    step = plot_w / max(len(labels), 1)

    def xy(i: int, v: Decimal) -> tuple[float, float]:
        clipped = min(max(v, Decimal(0)), ymax)
        return left + step * (i + 0.5), top + plot_h - float(clipped / ymax) * plot_h

    desc_parts = []
    for s in series:
        shown = ", ".join(f"{lab} {t}" for lab, t in zip(labels, s.texts, strict=True))
        desc_parts.append(f"{s.name}: {shown}")
    out = [open_svg(ident, width, height, title, "; ".join(desc_parts) or title, fixed=fixed)]
    base_y = top + plot_h
    for frac in (0, 0.5, 1):
        y = top + plot_h - plot_h * frac
        value = ymax * Decimal(str(frac))
        out.append(
            f'<line x1="{left}" y1="{num(y)}" x2="{width - right}" y2="{num(y)}" '
            f'stroke="#dee2e6" stroke-width="1"/>'
        )
        out.append(text(left - 4, y + 4, f"{value:.0f}%", size=11, anchor="end", fill=MUTED))
    if reference is not None and reference <= ymax:
        y = top + plot_h - float(reference / ymax) * plot_h
        out.append(
            f'<line x1="{left}" y1="{num(y)}" x2="{width - right}" y2="{num(y)}" '
            f'stroke="{AXIS}" stroke-width="1" stroke-dasharray="4,3"/>'
        )
        out.append(text(left + 4, y - 4, reference_label, size=11, fill=MUTED))
    out.append(
        f'<line x1="{left}" y1="{base_y}" x2="{width - right}" y2="{base_y}" stroke="{AXIS}"/>'
    )
    for i, label in enumerate(labels):
        out.append(text(left + step * (i + 0.5), base_y + 16, label, size=12, anchor="middle"))
    for n, s in enumerate(series):
        colour = TONES[s.tone].ink
        shape = MARKERS[n % len(MARKERS)]
        dash = ' stroke-dasharray="6,4"' if s.dashed else ""
        run: list[str] = []
        for i, v in enumerate(s.values):
            if v is None:
                if len(run) > 1:
                    out.append(_polyline(run, colour, dash))
                run = []
                continue
            x, y = xy(i, v)
            run.append(f"{num(x)},{num(y)}")
        if len(run) > 1:
            out.append(_polyline(run, colour, dash))
        for i, (v, shown) in enumerate(zip(s.values, s.texts, strict=True)):
            if v is None:
                continue
            x, y = xy(i, v)
            out.append(_marker(shape, x, y, colour))
            offset = -8 if n % 2 == 0 else 16
            out.append(text(x, y + offset, shown, size=11, anchor="middle"))
        ly = height - legend_h + 22 * n + 8
        out.append(
            f'<line x1="{left}" y1="{ly}" x2="{left + 24}" y2="{ly}" stroke="{colour}" '
            f'stroke-width="2"{dash}/>'
        )
        out.append(_marker(shape, left + 12, ly, colour))
        out.append(text(left + 32, ly + 4, s.name, size=12))
    out.append("</svg>")
    rows = [(label, *(s.texts[i] for s in series)) for i, label in enumerate(labels)]
    return Chart(
        svg="".join(out),
        title=title,
        columns=("Periode", *(s.name for s in series)),
        rows=rows,
    )


def _polyline(points: list[str], colour: str, dash: str) -> str:
    return (
        f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
        f'stroke-width="2"{dash}/>'
    )


def sparkline(
    labels: Sequence[str],
    values: Sequence[Decimal | None],
    texts: Sequence[str],
    *,
    title: str,
    width: int = 120,
    height: int = 30,
) -> Chart:
    """A small trend of one indicator's period values (no axes): the last known value is
    marked; the words of the title and the table say what it shows."""
    ident = uid("spark", title, tuple(values))
    known = [v for v in values if v is not None]
    high = max(known, default=Decimal(1)) or Decimal(1)
    low = min(known, default=Decimal(0))
    low = min(low, Decimal(0))
    span = (high - low) or Decimal(1)
    step = (width - 8) / max(len(values) - 1, 1)
    points = []
    for i, v in enumerate(values):
        if v is None:
            continue
        y = 4 + (height - 8) * float((high - v) / span)
        points.append((4 + step * i, y))
    desc = ", ".join(f"{lab} {t}" for lab, t in zip(labels, texts, strict=True) if t)
    out = [open_svg(ident, width, height, title, desc or "belum ada data", fixed=True)]
    colour = TONES["utama"].ink
    out.append(
        f'<line x1="4" y1="{height - 4}" x2="{width - 4}" y2="{height - 4}" stroke="#dee2e6"/>'
    )
    if len(points) > 1:
        out.append(
            f'<polyline points="{" ".join(f"{num(x)},{num(y)}" for x, y in points)}" '
            f'fill="none" stroke="{colour}" stroke-width="1.5"/>'
        )
    if points:
        x, y = points[-1]
        out.append(_marker("circle", x, y, colour).replace('r="4"', 'r="2.5"'))
    out.append("</svg>")
    return Chart(
        svg="".join(out),
        title=title,
        columns=("Periode", "Nilai"),
        rows=[(lab, t) for lab, t in zip(labels, texts, strict=True)],
    )
