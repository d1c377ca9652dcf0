"""The annex: one block per position (JABATAN) with its TUGAS, FUNGSI and indicator tables."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import DecreeParseError, Warnings
from .tables import DEFAULT_ROLES, Row, build_goals, header_roles
from .text import Line, label_of, slugify, split_items, squash

_HEADING_RE = re.compile(
    r"^(?:INDIKATOR\s+KINERJA\s+INDIVIDU|LAMPIRAN\b.*|[-–]?\s*\d{1,3}\s*[-–]?)$", re.IGNORECASE
)
_SUPERVISOR_RE = re.compile(
    r"\b(?:tugas|fungsi)(?:[- ](?:tugas|fungsi))?\s+(?:kedinasan\s+)?lain(?:nya)?\s+yang\s+"
    r"(?:diberikan|ditugaskan|diperintahkan)\s+(?:oleh\s+)?(.+)$",
    re.IGNORECASE,
)
_SUPERVISOR_END = re.compile(r"\s+(?:sesuai|dalam|untuk|agar|guna|berdasarkan)\b|[,;:(]")


@dataclass
class _Block:
    line: int
    name: str
    tasks: list[str] = field(default_factory=list)
    functions: list[str] = field(default_factory=list)
    labels: set[str] = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)
    header_line: int | None = None


def _cells_used(text: str) -> int:
    return sum(1 for c in text.split("\t") if c.strip())


class _Reader:
    """Walks the annex line by line; a small state machine keeps each line's meaning local."""

    def __init__(self, warnings: Warnings) -> None:
        self.warnings = warnings
        self.blocks: list[_Block] = []
        self.section: str | None = None
        self.roles: tuple[str | None, ...] | None = None
        self.prev_row = False  # the previous line was a table row (no blank line between)
        self.ignored_run = False

    def feed(self, line: Line) -> None:
        text = line.text
        was_row, self.prev_row = self.prev_row, False
        if not text.strip():
            if self.section == "name":
                self.section = None
            self.ignored_run = False
            return
        roles = header_roles(text)
        if roles is not None:
            self._block(line).header_line = line.no
            self.roles, self.section = roles, "table"
            return
        label = label_of(text) if _cells_used(text) < 3 else None
        if label is not None:
            self._label(line, *label)
            return
        if _HEADING_RE.match(squash(text)):
            self.section = None
            return
        block = self._block(line)
        if "\t" in text and (self.section == "table" or _cells_used(text) >= 3):
            if self.roles is None:
                self.roles = DEFAULT_ROLES
                self.warnings.add(
                    line.no,
                    "table rows without a header row; read as KINERJA, INDIKATOR KINERJA, "
                    "FORMULASI PENGHITUNGAN, SUMBER DATA",
                )
            block.rows.append(Row(line.no, text.split("\t"), self.roles))
            self.section, self.prev_row = "table", True
        elif self.section == "name":
            block.name = squash(f"{block.name} {text}")
        elif self.section == "tugas":
            block.tasks.append(text)
        elif self.section == "fungsi":
            block.functions.append(text)
        elif self.section == "table" and was_row:
            row = block.rows[-1]
            filled = [i for i, c in enumerate(row.cells) if c.strip()]
            at = filled[-1] if filled else len(row.cells) - 1
            row.cells[at] = f"{row.cells[at]} {squash(text)}"
            self.prev_row = True
            self.warnings.add(line.no, "line without tabs inside a table joined to the row above")
        elif not self.ignored_run:
            self.ignored_run = True
            self.warnings.add(
                line.no, f"text outside TUGAS, FUNGSI and tables ignored: {text[:60]!r}"
            )

    def _block(self, line: Line) -> _Block:
        if not self.blocks:  # parse_positions starts at a JABATAN line, so this cannot happen
            raise DecreeParseError(line.no, "text before any position (JABATAN)")
        return self.blocks[-1]

    def _label(self, line: Line, kind: str, rest: str) -> None:
        self.ignored_run = False
        if kind == "jabatan":
            self.blocks.append(_Block(line.no, squash(rest).strip(" .;:")))
            self.section, self.roles = "name", None
            return
        block = self._block(line)
        if kind in block.labels:
            self.warnings.add(line.no, f"{kind.upper()} given twice for '{block.name}'; merged")
        block.labels.add(kind)
        self.section = kind
        if rest:
            (block.tasks if kind == "tugas" else block.functions).append(rest)


def find_supervisor(items: list[str]) -> str | None:
    """The position that hands out "other tasks": the decree's own word for who leads whom."""
    for item in items:
        m = _SUPERVISOR_RE.search(item)
        if m:
            name = _SUPERVISOR_END.split(m.group(1), maxsplit=1)[0]
            name = squash(name).rstrip(" .")
            if name:
                return name
    return None


def _unique_key(name: str, used: set[str]) -> str:
    base = slugify(name)
    key, n = base, 1
    while key in used:
        n += 1
        key = f"{base}-{n}"
    used.add(key)
    return key


def parse_positions(
    lines: list[Line], warnings: Warnings
) -> tuple[list[dict[str, Any]], list[int]]:
    """Positions in the decree's order (and the line of each JABATAN); each must come with at
    least one indicator, or the catalog would hold a position nobody can be measured on."""
    reader = _Reader(warnings)
    for line in lines:
        reader.feed(line)
    positions: list[dict[str, Any]] = []
    starts: list[int] = []
    used: set[str] = set()
    for block in reader.blocks:
        if not block.name:
            raise DecreeParseError(block.line, "position (JABATAN) without a name")
        if not block.rows:
            if block.header_line is not None:
                msg = f"the indicator table of position '{block.name}' has no rows"
                raise DecreeParseError(block.header_line, msg)
            raise DecreeParseError(
                block.line,
                f"position '{block.name}' has no indicator table "
                "(header row KINERJA / INDIKATOR KINERJA / FORMULASI PENGHITUNGAN / SUMBER DATA)",
            )
        goals = build_goals(block.rows, warnings)
        if not any(goal["indicators"] for goal in goals):
            msg = f"the indicator table of position '{block.name}' has no indicator"
            raise DecreeParseError(block.rows[0].line, msg)
        if "tugas" not in block.labels:
            warnings.add(block.line, f"position '{block.name}' has no TUGAS (tasks)")
        tasks, functions = split_items(block.tasks), split_items(block.functions)
        starts.append(block.line)
        positions.append(
            {
                "key": _unique_key(block.name, used),
                "name": block.name,
                "unit": None,
                "supervisor": find_supervisor([*tasks, *functions]),
                "tasks": tasks,
                "functions": functions,
                "goals": goals,
            }
        )
    return positions, starts
