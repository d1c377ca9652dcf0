"""Indicator tables: header recognition, goal grouping, shifted-row repair, indicator records."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Warnings
from .formula import parse_formula, split_sources
from .text import same_text, squash

_ROLE_PATTERNS = (
    ("goal", re.compile(r"SASARAN(?: KINERJA| STRATEGIS)?|KINERJA(?: UTAMA)?|TUJUAN")),
    ("indicator", re.compile(r"INDIKATOR(?: KINERJA)?(?: INDIVIDU| UTAMA)?")),
    ("formula", re.compile(r"(?:PENJELASAN|FORMULASI|FORMULA|RUMUS|CARA|DEFINISI)[A-Z /]*")),
    ("source", re.compile(r"SUMBER(?: DATA)?")),
    ("no", re.compile(r"NO\.?|NOMOR")),
)
DEFAULT_ROLES: tuple[str | None, ...] = ("goal", "indicator", "formula", "source")
_BULLET_RE = re.compile(r"^[-•–]\s*")
_SIAK_RE = re.compile(r"\bSIAK\b", re.IGNORECASE)


@dataclass
class Row:
    line: int
    cells: list[str]
    roles: tuple[str | None, ...]


@dataclass
class _State:
    goals: list[dict[str, Any]] = field(default_factory=list)
    goal: dict[str, Any] | None = None
    goal_lines: list[int] = field(default_factory=list)
    names: set[str] = field(default_factory=set)


def header_roles(text: str) -> tuple[str | None, ...] | None:
    """Column roles when the line is a table header row, else None.

    Every non-empty cell must be a known column title and both the goal and the indicator
    columns must be there, so a data row that mentions "sasaran" is never taken for a header.
    """
    if "\t" not in text:
        return None
    roles: list[str | None] = []
    for cell in text.split("\t"):
        norm = squash(cell.replace("*", "")).upper().strip(" :.")
        norm = re.sub(r"\s*/\s*", " / ", norm)
        if not norm:
            roles.append(None)
            continue
        role = next((r for r, pat in _ROLE_PATTERNS if pat.fullmatch(norm)), None)
        if role is None or role in roles:
            return None
        roles.append(role)
    if "goal" not in roles or "indicator" not in roles:
        return None
    return tuple(roles)


def _strip_bullet(text: str) -> str:
    return _BULLET_RE.sub("", squash(text), count=1).strip()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def looks_like_indicator(first: str, second: str) -> bool:
    """Whether a goal cell really holds an indicator whose formula sits in the next cell.

    True when the two cells are the same text, one begins with the other, the first carries the
    "- " marker indicators have in these tables, the second is a fraction formula, or the two
    share at least 60 % of their words (formulas usually restate the indicator).
    """
    a, b = _strip_bullet(first).casefold(), _strip_bullet(second).casefold()
    if not a or not b:
        return False
    if a == b or b.startswith(a) or a.startswith(b) or _BULLET_RE.match(first.strip()):
        return True
    if parse_formula(second).kind != "count":
        return True
    wa, wb = _words(a), _words(b)
    return bool(wa and wb) and len(wa & wb) / len(wa | wb) >= 0.6


def _fit(row: Row, warnings: Warnings) -> list[str]:
    cells = [c.strip() for c in row.cells]
    width = len(row.roles)
    if len(cells) > width:
        if any(cells[width:]):
            warnings.add(row.line, f"row has {len(cells)} cells, the header {width}; extra joined")
            cells = [*cells[: width - 1], " ".join(c for c in cells[width - 1 :] if c)]
        else:
            cells = cells[:width]
    return cells + [""] * (width - len(cells))


def _repair_shift(row: Row, cells: list[str], state: _State, warnings: Warnings) -> list[str]:
    roles = row.roles
    g = roles.index("goal")
    if tuple(roles[g : g + 4]) != ("goal", "indicator", "formula", "source") or state.goal is None:
        return cells
    first, second, third, last = cells[g : g + 4]
    if not first or last or not third or same_text(first, state.goal["statement"]):
        return cells
    if not looks_like_indicator(first, second):
        return cells
    warnings.add(
        row.line,
        f"row shifted one cell left; repaired: '{_strip_bullet(first)}' read as an indicator of "
        f"goal '{state.goal['statement']}'",
    )
    return [*cells[:g], "", first, second, third, *cells[g + 4 :]]


def _indicator(name: str, formula_cell: str, source_cell: str) -> tuple[dict[str, Any], str | None]:
    formula = parse_formula(formula_cell)
    sources = split_sources(source_cell)
    fraction = formula.kind in ("percentage", "ratio")
    record = {
        "name": name,
        "kind": formula.kind,
        "formula": formula_cell.strip(),
        "numerator": formula.numerator,
        "denominator": formula.denominator,
        "measure_unit": "%" if formula.kind == "percentage" else None,
        "aggregation": "stock" if fraction and any(_SIAK_RE.search(s) for s in sources) else "flow",
        "polarity": "higher",
        "sources": sources,
    }
    return record, formula.note


def build_goals(rows: list[Row], warnings: Warnings) -> list[dict[str, Any]]:
    """Group a position's table rows into goals with their indicators, in the decree's order.

    An empty goal cell continues the current goal, also across a repeated header, because a
    table split over pages keeps the merged goal cell only on its first page.
    """
    state = _State()
    for row in rows:
        cells = _fit(row, warnings)
        if not any(cells):
            continue
        cells = _repair_shift(row, cells, state, warnings)
        get = {role: cells[i] for i, role in enumerate(row.roles) if role}
        goal_text = _strip_bullet(get.get("goal", ""))
        name = _strip_bullet(get.get("indicator", ""))
        if goal_text and not (state.goal and same_text(goal_text, state.goal["statement"])):
            state.goal = {"statement": goal_text, "indicators": []}
            state.goals.append(state.goal)
            state.goal_lines.append(row.line)
        elif not goal_text and state.goal is None and name:
            warnings.add(
                row.line, "indicator row without a goal (KINERJA); kept under an empty goal"
            )
            state.goal = {"statement": "", "indicators": []}
            state.goals.append(state.goal)
            state.goal_lines.append(row.line)
        if not name or state.goal is None:
            if get.get("formula") or get.get("source"):
                warnings.add(row.line, "row without an indicator name (INDIKATOR KINERJA) ignored")
            continue
        record, note = _indicator(name, get.get("formula", ""), get.get("source", ""))
        if note and ("formula" in row.roles or "no formula" not in note):
            warnings.add(row.line, f"indicator '{name}': {note}")
        if "source" in row.roles and not record["sources"]:
            warnings.add(row.line, f"indicator '{name}' has no data source (SUMBER DATA)")
        if name.casefold() in state.names:
            warnings.add(row.line, f"indicator '{name}' appears twice in this position")
        state.names.add(name.casefold())
        state.goal["indicators"].append(record)
    for goal, line in zip(state.goals, state.goal_lines, strict=True):
        if not goal["indicators"]:
            warnings.add(line, f"goal '{goal['statement']}' has no indicator")
    return state.goals
