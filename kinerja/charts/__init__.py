"""Charts drawn on the server as SVG text: one code path for pages and documents.

Pure Python (no Django, no JavaScript library): the dashboards print the SVG inline and the
documents (LKjIP) embed the same element as vector graphics. Each function returns a
:class:`Chart`: the SVG plus the same numbers as a table, so a figure is never only in a
picture. Categories are drawn with a pattern as well as a colour and named in a legend
(:mod:`kinerja.charts.base`). Callers pass figures already formatted ("85,50%"): the charts do
not format numbers, so a page, its chart and its document print the same text.
"""

from kinerja.charts.bars import Bar, hbars
from kinerja.charts.base import TONES, Chart, Tone
from kinerja.charts.lines import Series, sparkline, trend
from kinerja.charts.stacked import stacked

__all__ = ["TONES", "Bar", "Chart", "Series", "Tone", "hbars", "sparkline", "stacked", "trend"]
