"""What the review page shows: each new row beside the old one it continues, the old rows nothing
continues with the data hanging on them, and the holders who will move."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Count

from kinerja.accounts.carry import carry_plan
from kinerja.catalog import matching
from kinerja.catalog.models import CatalogReview, Position
from kinerja.catalog.review_services import old_positions, summary


@dataclass
class Row:
    row: str
    name: str
    verdict: str
    old_id: int | None
    old_name: str
    changed: bool  # a person changed the automatic proposal
    choices: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class PositionBlock:
    row: Row
    indicators: list[Row]


@dataclass
class Dropped:
    kind: str  # "jabatan" | "indikator"
    name: str
    where: str
    data: str  # "3 target, 12 realisasi" or ""


def review_page(review: CatalogReview) -> dict[str, Any]:
    old = old_positions(review.base)
    old_pos = {p.id: p for p in old}
    old_ind = {i.id: i for p in old for i in p.indicators}
    matches = review.matches
    proposal = review.proposal or {}
    used_i = {v for v in matches["indicators"].values() if v}
    used_p = {v for v in matches["positions"].values() if v}
    free = [i for i in old_ind.values() if i.id not in used_i]
    blocks = []
    rows_by_position: dict[str, list[tuple[str, str]]] = {}
    for row_id, pkey, name in matching.indicator_rows(review.document):
        rows_by_position.setdefault(pkey, []).append((row_id, name))
    for p in review.document["positions"]:
        old_id = matches["positions"].get(p["key"])
        o = old_pos.get(old_id) if old_id else None
        verdict = (
            matching.Verdict.NEW
            if o is None
            else matching.Verdict.SAME
            if matching.norm(o.name) == matching.norm(p["name"])
            else matching.Verdict.RENAMED
        )
        prow = Row(
            p["key"],
            p["name"],
            verdict,
            old_id,
            o.name if o else "",
            proposal.get("positions", {}).get(p["key"]) != old_id,
            [(x.id, x.name) for x in old],
        )
        indicators = []
        for row_id, name in rows_by_position.get(p["key"], []):
            iid = matches["indicators"].get(row_id)
            i = old_ind.get(iid) if iid else None
            pool = {x.id: x for x in (o.indicators if o else ())}
            pool.update({x.id: x for x in free})
            if i is not None:
                pool[i.id] = i
            indicators.append(
                Row(
                    row_id,
                    name,
                    matching.verdict_for(name, i, o),
                    iid,
                    i.name if i else "",
                    proposal.get("indicators", {}).get(row_id) != iid,
                    [
                        (x.id, f"{old_pos[x.position_id].name}: {x.name}")
                        for x in sorted(pool.values(), key=lambda x: x.id)
                    ],
                )
            )
        blocks.append(PositionBlock(prow, indicators))
    dropped = _dropped([p for p in old if p.id not in used_p], [i for i in free], old_pos)
    carry = []
    if review.kind == CatalogReview.Kind.SUCCESSOR and review.status == CatalogReview.Status.DRAFT:
        start = int(review.document["decree"]["period"]["start"])
        by_line = {
            v: p["name"]
            for p in review.document["positions"]
            if (v := matches["positions"].get(p["key"]))
        }
        positions = list(review.base.positions.filter(listed=True))
        head = [p for p in review.base.positions.filter(is_head=True)]
        pairs = [(p, _Named(by_line.get(p.pk))) for p in positions] + [
            (h, _Named(h.name)) for h in head
        ]
        carry = [c.message() for _a, _n, c in carry_plan(pairs, date(start, 1, 1))]
    return {
        "blocks": blocks,
        "dropped": dropped,
        "carry": carry,
        "summary": summary(review),
        "decree": review.document["decree"],
    }


class _Named:
    """Stands for a position the successor will create (only its name is known before)."""

    def __init__(self, name: str | None):
        self.name = name

    def __bool__(self) -> bool:
        return self.name is not None


def _dropped(positions, indicators, old_pos) -> list[Dropped]:
    from kinerja.measurement.models import Realization
    from kinerja.planning.models import Target

    ids = [i.id for i in indicators]
    targets = dict(
        Target.objects.filter(indicator_id__in=ids)
        .values_list("indicator_id")
        .annotate(n=Count("pk"))
    )
    realizations = dict(
        Realization.objects.filter(indicator_id__in=ids)
        .values_list("indicator_id")
        .annotate(n=Count("pk"))
    )
    out = [Dropped("jabatan", p.name, "", _data(assignments=_assignments(p.id))) for p in positions]
    for i in indicators:
        out.append(
            Dropped(
                "indikator",
                i.name,
                old_pos[i.position_id].name,
                _data(targets=targets.get(i.id, 0), realizations=realizations.get(i.id, 0)),
            )
        )
    return out


def _assignments(position_id: int) -> int:
    return Position.objects.get(pk=position_id).assignments.count()


def _data(*, targets: int = 0, realizations: int = 0, assignments: int = 0) -> str:
    parts = []
    if targets:
        parts.append(f"{targets} target")
    if realizations:
        parts.append(f"{realizations} realisasi")
    if assignments:
        parts.append(f"{assignments} penugasan")
    return ", ".join(parts)
