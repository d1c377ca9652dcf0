"""Formula cells: kind (percentage / ratio / count), numerator and denominator; data sources."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .text import squash

_FRAC_RE = re.compile(r"\\[dt]?frac(?![a-zA-Z])")
_MULT_RE = re.compile(
    r"(?:\\times|\\cdot|×|\*|\bx\b|\bX\b|\bdikali(?:\s+dengan)?\b|\bkali\b)\s*100\s*(?:\\?%|persen\b)?",
)
_TEX_WRAPPERS = re.compile(r"\\(?:text|textrm|mathrm|mbox|textbf|textit|mathit|operatorname)\s*\{")
_TEX_SIZING = re.compile(r"\\(?:left|right|Bigg|bigg|Big|big)(?![a-zA-Z])\s*(?:[()[\].|]|\\[{}])?")
_TEX_SPACES = re.compile(r"\\[,;:! ]|~|\\quad|\\qquad")
_WORD_DIV_RE = re.compile(r"\s+dibagi(?:\s+dengan)?\s+", re.IGNORECASE)
_DENOMINATOR_START = re.compile(r"(?:jumlah|total|banyaknya)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Formula:
    kind: str  # percentage | ratio | count
    numerator: str | None
    denominator: str | None
    note: str | None = None  # a reason worth a warning


def clean_math(text: str) -> str:
    """Plain words from a LaTeX-ish fragment: drop \\text{}, \\left(, braces and dollars."""
    text = text.replace("$", " ")
    text = _TEX_WRAPPERS.sub(" ", text)
    text = _TEX_SIZING.sub(" ", text)
    text = _TEX_SPACES.sub(" ", text)
    text = text.replace("\\%", "%").replace("\\times", " x ").replace("\\cdot", " x ")
    text = text.replace("{", " ").replace("}", " ")
    text = squash(text)
    text = re.sub(r"\(\s+", "(", text)
    return re.sub(r"\s+\)", ")", text)


def _group(text: str, pos: int) -> tuple[str, int] | None:
    """Braced argument starting at or after pos: (content, end index) or None if unbalanced."""
    while pos < len(text) and text[pos].isspace():
        pos += 1
    if pos >= len(text):
        return None
    if text[pos] != "{":
        return text[pos], pos + 1
    depth = 0
    for i in range(pos, len(text)):
        if text[i] == "{" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif text[i] == "}" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                return text[pos + 1 : i], i + 1
    return None


def _strip_mult(text: str) -> tuple[str, bool]:
    matches = list(_MULT_RE.finditer(text))
    if not matches:
        return text, False
    m = matches[-1]  # the multiplier comes last: "... x 100%"
    return text[: m.start()] + " " + text[m.end() :], True


def _residue_empty(text: str) -> bool:
    rest = clean_math(text)
    rest = re.sub(r"^[^=]*=", "", rest) if "=" in rest else rest
    return not re.sub(r"[()\[\]\s.]", "", rest)


def _unwrap(text: str) -> str:
    """Remove parentheses that enclose the whole text ("((A / B))" -> "A / B")."""
    text = text.strip()
    match: dict[int, int] = {}
    stack: list[int] = []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            match[stack.pop()] = i
    lo, hi = 0, len(text) - 1
    while lo < hi and text[lo] == "(" and match.get(lo) == hi:
        lo, hi = lo + 1, hi - 1
        while lo <= hi and text[lo].isspace():
            lo += 1
        while hi >= lo and text[hi].isspace():
            hi -= 1
    return text[lo : hi + 1]


def _pick_slash(body: str) -> re.Match[str] | None:
    """The "/" that divides numerator from denominator, or None when it is not clear.

    Slashes also join words ("bimtek/sosialisasi", "e-Aset / SIPKD"), so the dividing slash
    is the one whose right side starts like the left side ("Jumlah ... / Jumlah ..."), then a
    slash with spaces on both sides; a tie means we do not guess.
    """
    words = body.split()
    first = words[0].casefold() if words else ""
    first = first if first.isalpha() and len(first) <= 40 else ""
    scored: list[tuple[int, re.Match[str]]] = []
    for m in re.finditer(r"\s*/\s*", body):
        score = 0
        if first and body[m.end() : m.end() + len(first) + 4].casefold().startswith(first):
            score += 2
        if m.group().startswith((" ", "\t")) and m.group().endswith((" ", "\t")):
            score += 1
        scored.append((score, m))
    if not scored:
        return None
    best = max(s for s, _ in scored)
    winners = [m for s, m in scored if s == best]
    if best == 0 or len(winners) > 1:
        return None
    return winners[0]


def parse_formula(cell: str) -> Formula:
    """Read the formula cell as a fraction when it is one; otherwise it is a count.

    Percentages are what the achievement engine divides and multiplies, so only a clear
    fraction gets that kind; anything unclear stays a count with its text as the numerator.
    """
    raw = cell.strip()
    if not raw:
        return Formula("count", None, None, "no formula (FORMULASI PENGHITUNGAN)")
    count = Formula("count", clean_math(raw) or None, None)
    fm = _FRAC_RE.search(raw)
    if fm:
        num = _group(raw, fm.end())
        den = _group(raw, num[1]) if num else None
        if not num or not den:
            return Formula(count.kind, count.numerator, None, "unbalanced \\frac; read as a count")
        rest, mult = _strip_mult(raw[: fm.start()] + " " + raw[den[1] :])
        if not _residue_empty(rest):
            return Formula(count.kind, count.numerator, None, "fraction with other terms; count")
        numerator, denominator = clean_math(num[0]), clean_math(den[0])
        if not numerator or not denominator:
            return Formula(count.kind, count.numerator, None, "empty \\frac part; count")
        return Formula("percentage" if mult else "ratio", numerator, denominator)
    text = clean_math(raw)
    body, mult = _strip_mult(text)
    body = squash(body)
    wrapped = body.startswith("(") and _unwrap(body) != body
    body = _unwrap(body)
    words = _WORD_DIV_RE.search(body)
    if words and (mult or _DENOMINATOR_START.match(body[words.end() :])):
        numerator, denominator = body[: words.start()], body[words.end() :]
    elif mult or wrapped:
        slash = _pick_slash(body)
        if slash is None:
            if "/" in body and mult:
                return Formula("count", count.numerator, None, "cannot tell which '/' divides")
            return count
        numerator, denominator = body[: slash.start()], body[slash.end() :]
    else:
        return count
    numerator, denominator = _unwrap(squash(numerator)), _unwrap(squash(denominator))
    if not numerator or not denominator:
        return count
    return Formula("percentage" if mult else "ratio", numerator, denominator)


# ---------------------------------------------------------------- sources

_TAG_RE = re.compile(r"<[^<>]*>")
_LI_RE = re.compile(r"<\s*li\b[^<>]*>|<\s*br\s*/?\s*>|<\s*/\s*(?:li|p|div)\s*>", re.IGNORECASE)
_HTML_RE = re.compile(r"<\s*/?\s*(?:ul|ol|li|br|p|div|span)\b[^<>]*>", re.IGNORECASE)
_DASH_RE = re.compile(r"(?:^|\s)[-•]\s+")


def _split_commas(text: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch in ",;" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def _split_plain(text: str) -> list[str]:
    text = squash(text)
    if _DASH_RE.match(text) or re.search(r"\s-\s", text):
        return _DASH_RE.split(text)
    return _split_commas(text)


def split_sources(cell: str) -> list[str]:
    """One list level: the cell's outer style (HTML, dashes or commas) decides the items.

    A bullet that groups two documents ("Renstra, Renja") is kept as the decree grouped it.
    """
    if _HTML_RE.search(cell):
        if _LI_RE.search(cell):
            chunks = _LI_RE.split(cell)
            parts = [p for chunk in chunks for p in _split_plain(_TAG_RE.sub(" ", chunk))]
        else:
            parts = _split_plain(_TAG_RE.sub(" ", cell))
    else:
        parts = _split_plain(cell)
    out: list[str] = []
    seen: set[str] = set()
    for part in parts:
        item = squash(part).strip(" ;,.")
        item = re.sub(r"^[-•]\s*", "", item).strip()
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out
