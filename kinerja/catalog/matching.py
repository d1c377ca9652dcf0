"""Propose how a new decree's positions and indicators continue the old one's (pure: no Django).

A successor or amended IKI decree renames a jabatan, rewords or moves indicators, adds and drops
some. Holders, targets and the history of figures must follow the *same* jabatan and indicator,
so the importer proposes a match for every row and a person confirms or corrects it
(``CatalogReview``). The proposal is deliberately conservative: a wrong "same" silently carries
data to the wrong place, a missed one only costs the reviewer a click.

Positions: same key (the slug of the name) first; then the best remaining pair by name
similarity and shared indicators. Indicators: the same wording under the matched jabatan, then
the same wording under another jabatan (moved), then similar wording under the matched jabatan
(reworded), then very similar wording anywhere (moved and reworded).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import Any

POSITION_SIMILAR = 0.55  # combined name + shared-indicator score for a renamed jabatan
INDICATOR_SIMILAR = 0.6  # wording similarity of a leftover pair under the same jabatan
INDICATOR_SIMILAR_ELSEWHERE = 0.9  # ... under another jabatan


class Verdict:
    SAME = "sama"
    RENAMED = "ganti nama"
    REWORDED = "diubah"
    MOVED = "pindah jabatan"
    NEW = "baru"
    DROPPED = "tidak ada lagi"


@dataclass(frozen=True)
class OldIndicator:
    id: int
    name: str
    position_id: int


@dataclass(frozen=True)
class OldPosition:
    id: int
    key: str
    name: str
    indicators: tuple[OldIndicator, ...] = ()


@dataclass
class Match:
    """One row of the review table: a new row and the old one it continues (or None)."""

    row: str  # position key, or "<position key>|<goal index>|<indicator index>"
    name: str
    old_id: int | None
    old_name: str
    verdict: str
    score: float = 1.0
    position: str = ""  # for indicators: the new position's key


@dataclass
class Proposal:
    positions: list[Match] = field(default_factory=list)
    indicators: list[Match] = field(default_factory=list)
    dropped_positions: list[OldPosition] = field(default_factory=list)
    dropped_indicators: list[OldIndicator] = field(default_factory=list)

    def as_matches(self) -> dict[str, dict[str, int | None]]:
        return {
            "positions": {m.row: m.old_id for m in self.positions},
            "indicators": {m.row: m.old_id for m in self.indicators},
        }


def norm(text: str) -> str:
    return " ".join(text.replace("-", " ").split()).casefold()


def similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, norm(a), norm(b), autojunk=False).ratio()


def indicator_rows(document: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(row id, position key, name) for every indicator of a catalog document, in order."""
    rows = []
    for p in document["positions"]:
        for g_index, goal in enumerate(p.get("goals") or []):
            for i_index, ind in enumerate(goal.get("indicators") or []):
                rows.append((f"{p['key']}|{g_index}|{i_index}", p["key"], ind["name"]))
    return rows


def _position_score(new: dict[str, Any], old: OldPosition) -> float:
    names_new = {norm(i["name"]) for g in new.get("goals") or [] for i in g.get("indicators") or []}
    names_old = {norm(i.name) for i in old.indicators}
    union = names_new | names_old
    shared = len(names_new & names_old) / len(union) if union else 0.0
    return 0.5 * similarity(new["name"], old.name) + 0.5 * shared


def propose(old: list[OldPosition], document: dict[str, Any]) -> Proposal:
    proposal = Proposal()
    by_key = {p.key: p for p in old}
    taken: set[int] = set()
    position_of: dict[str, OldPosition | None] = {}
    pending = []
    for p in document["positions"]:
        found = by_key.get(p["key"])
        if found is not None and found.id not in taken:
            taken.add(found.id)
            position_of[p["key"]] = found
        else:
            pending.append(p)
    pairs = sorted(
        (
            (_position_score(p, o), n, p, o)
            for n, p in enumerate(pending)
            for o in old
            if o.id not in taken
        ),
        key=lambda t: (-t[0], t[1], t[3].id),
    )
    for score, _, p, o in pairs:
        if score < POSITION_SIMILAR or p["key"] in position_of or o.id in taken:
            continue
        taken.add(o.id)
        position_of[p["key"]] = o
    for p in document["positions"]:
        o = position_of.get(p["key"])
        if o is None:
            proposal.positions.append(Match(p["key"], p["name"], None, "", Verdict.NEW, 0.0))
        else:
            same = norm(o.name) == norm(p["name"])
            proposal.positions.append(
                Match(
                    p["key"],
                    p["name"],
                    o.id,
                    o.name,
                    Verdict.SAME if same else Verdict.RENAMED,
                    1.0 if same else round(_position_score(p, o), 2),
                )
            )
    proposal.dropped_positions = [o for o in old if o.id not in taken]
    proposal.indicators = _indicators(old, document, position_of)
    used = {m.old_id for m in proposal.indicators if m.old_id is not None}
    proposal.dropped_indicators = [i for o in old for i in o.indicators if i.id not in used]
    return proposal


def _indicators(
    old: list[OldPosition], document: dict[str, Any], position_of: dict[str, OldPosition | None]
) -> list[Match]:
    rows = indicator_rows(document)
    all_old = [i for o in old for i in o.indicators]
    used: set[int] = set()
    chosen: dict[str, tuple[OldIndicator, str, float]] = {}

    def take(row: str, candidate: OldIndicator, verdict: str, score: float) -> None:
        used.add(candidate.id)
        chosen[row] = (candidate, verdict, score)

    # 1. same wording under the matched jabatan
    for row, pkey, name in rows:
        home = position_of.get(pkey)
        if home is None:
            continue
        hit = next(
            (i for i in home.indicators if i.id not in used and norm(i.name) == norm(name)), None
        )
        if hit:
            take(row, hit, Verdict.SAME, 1.0)
    # 2. same wording under another jabatan: moved
    for row, _pkey, name in rows:
        if row in chosen:
            continue
        hit = next((i for i in all_old if i.id not in used and norm(i.name) == norm(name)), None)
        if hit:
            take(row, hit, Verdict.MOVED, 1.0)
    # 3. similar wording under the matched jabatan: reworded; 4. very similar elsewhere
    for limit, local in ((INDICATOR_SIMILAR, True), (INDICATOR_SIMILAR_ELSEWHERE, False)):
        candidates = []
        for n, (row, pkey, name) in enumerate(rows):
            if row in chosen:
                continue
            home = position_of.get(pkey)
            pool = (home.indicators if home else ()) if local else all_old
            for i in pool:
                if i.id in used:
                    continue
                score = similarity(name, i.name)
                if score >= limit:
                    candidates.append((score, n, row, i))
        for score, _, row, i in sorted(candidates, key=lambda t: (-t[0], t[1], t[3].id)):
            if row in chosen or i.id in used:
                continue
            home = position_of.get(row.split("|", 1)[0])
            verdict = Verdict.REWORDED
            if home is None or home.id != i.position_id:
                verdict = f"{Verdict.MOVED}, {Verdict.REWORDED}"
            take(row, i, verdict, round(score, 2))
    out = []
    for row, pkey, name in rows:
        if row in chosen:
            i, verdict, score = chosen[row]
            home = position_of.get(pkey)
            if verdict == Verdict.SAME and (home is None or home.id != i.position_id):
                verdict = Verdict.MOVED
            out.append(Match(row, name, i.id, i.name, verdict, score, pkey))
        else:
            out.append(Match(row, name, None, "", Verdict.NEW, 0.0, pkey))
    return out


def verdict_for(new_name: str, old: OldIndicator | None, home: OldPosition | None) -> str:
    """The label of a pair a person chose (the review page shows it after a correction)."""
    if old is None:
        return Verdict.NEW
    moved = home is None or home.id != old.position_id
    same = norm(new_name) == norm(old.name)
    if moved and same:
        return Verdict.MOVED
    if moved:
        return f"{Verdict.MOVED}, {Verdict.REWORDED}"
    return Verdict.SAME if same else Verdict.REWORDED
