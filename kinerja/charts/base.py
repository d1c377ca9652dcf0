"""What every chart shares: the result type, the tones (colour plus pattern) and SVG text helpers.

A tone is never only a colour: each has its own fill pattern (solid, diagonal lines, horizontal
lines, dots, cross-hatch, outline) so a chart printed in black and white, or read by someone who
does not tell red from green, still separates the categories; the legend shows the same swatches
with words, and every bar or point carries its figure as text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from decimal import Decimal
from xml.sax.saxutils import escape, quoteattr

FONT = "DejaVu Sans, Verdana, sans-serif"
TEXT = "#212529"
MUTED = "#495057"
AXIS = "#6c757d"


@dataclass(frozen=True)
class Tone:
    """How one category is drawn: a fill colour, a pattern over it and the edge."""

    fill: str
    ink: str  # the pattern's lines/dots and the edge; at least 3:1 against white
    pattern: str  # "solid" | "diagonal" | "hlines" | "dots" | "cross" | "outline"


TONES: dict[str, Tone] = {
    # the levels of a predicate scale, best first (p0 .. p4), and "cannot be computed"
    "p0": Tone("#1f5f99", "#1f5f99", "solid"),
    "p1": Tone("#cfe2ff", "#1f5f99", "diagonal"),
    "p2": Tone("#fff3cd", "#8a6100", "dots"),
    "p3": Tone("#f8d7da", "#a61e2b", "hlines"),
    "p4": Tone("#f8d7da", "#a61e2b", "cross"),
    "kosong": Tone("#ffffff", "#6c757d", "outline"),
    # progress status of the read model (STATUS_LABELS)
    "on_track": Tone("#1f5f99", "#1f5f99", "solid"),
    "at_risk": Tone("#fff3cd", "#8a6100", "diagonal"),
    "off_track": Tone("#f8d7da", "#a61e2b", "cross"),
    "no_data": Tone("#ffffff", "#6c757d", "outline"),
    # series of a line chart / neutral bars
    "utama": Tone("#1f5f99", "#1f5f99", "solid"),
    "target": Tone("#ffffff", "#5c3d99", "dots"),
}


@dataclass
class Chart:
    """An ``<svg>`` element as text and the same numbers as a table (``columns``, ``rows``).

    Pages print the SVG with the table under it (a ``<details>`` "Angka"); documents embed the
    SVG and may print the table. Every text is already formatted by the caller."""

    svg: str
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[str, ...]] = field(default_factory=list)
    legend: list[tuple[str, str]] = field(default_factory=list)  # (tone key, words)

    def __str__(self) -> str:
        return Markup(self.svg)

    def __html__(self) -> str:
        return self.svg


class Markup(str):
    """Text that is already markup: template engines that honour ``__html__`` (Django, Jinja)
    print it as is. Every text inside the SVG was escaped when it was built."""

    def __html__(self) -> str:
        return str(self)


_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def esc(content: str) -> str:
    """Text for SVG markup: escaped, without the control characters XML forbids."""
    return escape(_NOT_XML.sub("", content))


def uid(*parts: object) -> str:
    """A short id for this chart's patterns, stable for the same content (several charts on
    one page never share an id)."""
    digest = hashlib.blake2s(repr(parts).encode(), digest_size=4).hexdigest()
    return f"k{digest}"


def num(value: Decimal | float | int) -> str:
    """An SVG coordinate: plain digits and a dot, never localized."""
    return f"{float(value):.1f}".rstrip("0").rstrip(".")


def text(
    x, y, content: str, *, size: int = 13, anchor: str = "start", weight: str = "", fill: str = TEXT
) -> str:
    bold = ' font-weight="bold"' if weight else ""
    return (
        f'<text x="{num(x)}" y="{num(y)}" font-size="{size}" text-anchor="{anchor}" '
        f'fill="{fill}"{bold}>{esc(content)}</text>'
    )


def clip(content: str, length: int) -> str:
    return content if len(content) <= length else content[: length - 1] + "…"


def pattern_defs(ident: str, keys: set[str]) -> str:
    """``<defs>`` with one pattern per tone used (ids prefixed by the chart's ``ident``)."""
    out = []
    for key in sorted(keys):
        tone = TONES[key]
        pid = f"{ident}-{key}"
        if tone.pattern == "diagonal":
            body = (
                f'<rect width="6" height="6" fill="{tone.fill}"/>'
                f'<line x1="0" y1="0" x2="0" y2="6" stroke="{tone.ink}" stroke-width="2.5"/>'
            )
            extra = ' patternTransform="rotate(45)"'
        elif tone.pattern == "hlines":
            body = (
                f'<rect width="6" height="6" fill="{tone.fill}"/>'
                f'<line x1="0" y1="3" x2="6" y2="3" stroke="{tone.ink}" stroke-width="2"/>'
            )
            extra = ""
        elif tone.pattern == "cross":
            body = (
                f'<rect width="6" height="6" fill="{tone.fill}"/>'
                f'<path d="M0 0L6 6M6 0L0 6" stroke="{tone.ink}" stroke-width="1.2"/>'
            )
            extra = ""
        elif tone.pattern == "dots":
            body = (
                f'<rect width="6" height="6" fill="{tone.fill}"/>'
                f'<circle cx="3" cy="3" r="1.4" fill="{tone.ink}"/>'
            )
            extra = ""
        else:
            continue
        out.append(
            f'<pattern id="{pid}" patternUnits="userSpaceOnUse" width="6" height="6"{extra}>'
            f"{body}</pattern>"
        )
    return f"<defs>{''.join(out)}</defs>" if out else ""


def fill_of(ident: str, key: str) -> str:
    tone = TONES[key]
    if tone.pattern in ("diagonal", "hlines", "cross", "dots"):
        return f"url(#{ident}-{key})"
    if tone.pattern == "outline":
        return "none"
    return tone.fill


def swatch(ident: str, key: str, x, y, w=14, h=12) -> str:
    tone = TONES[key]
    return (
        f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}" '
        f'fill="{fill_of(ident, key)}" stroke="{tone.ink}" stroke-width="1"/>'
    )


def legend_row(ident: str, legend: list[tuple[str, str]], y, width: int) -> tuple[str, int]:
    """The legend as swatches with words, wrapped onto as many lines as needed; returns the
    SVG and the height used."""
    out, x, line = [], 0.0, 0
    for key, words in legend:
        needed = 20 + len(words) * 7.2 + 14
        if x and x + needed > width:
            x, line = 0.0, line + 1
        top = y + line * 20
        out.append(swatch(ident, key, x, top))
        out.append(text(x + 20, top + 11, words, size=12))
        x += needed
    return "".join(out), (line + 1) * 20 if legend else 0


def open_svg(
    ident: str,
    width: int,
    height: int,
    title: str,
    desc: str,
    *,
    fixed: bool = False,
    links: bool = False,
) -> str:
    """The opening tag: ``fixed`` for documents (explicit size), else scaled to the box. A
    chart whose bars are links is a "group" (an "img" may hold no interactive element)."""
    size = f'width="{width}" height="{height}" ' if fixed else 'width="100%" '
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" {size}viewBox="0 0 {width} {height}" '
        f'class="chart" role="{"group" if links else "img"}" aria-labelledby="{ident}-t {ident}-d" '
        f"font-family={quoteattr(FONT)}>"
        f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
    )
