"""Catalog reads: the export document, the organisation tree and the indicator search.

The catalog is read by every signed-in official, so these need no per-user scoping; they
are written to a fixed number of queries whatever the catalog's size."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from kinerja.catalog.models import (
    DataSource,
    Decree,
    Duty,
    Goal,
    Indicator,
    IndicatorSource,
    Position,
    Unit,
)

FORMAT = "kinerja.catalog/1"


def decree_list() -> QuerySet[Decree]:
    return Decree.objects.select_related("agency").annotate(
        position_count=Count("positions", filter=Q(positions__listed=True), distinct=True)
    )


def decree_in_force(agency: Any, year: int) -> Decree | None:
    """The decree that governs ``year`` for the agency: the one whose period covers it; when two
    do (an overlap a successor introduced), the later period, then the later enacted. Old years
    keep their own decree, so 2024 is read with the 2019-2024 decree after a 2025-2029 one."""
    agency_id = getattr(agency, "pk", agency)
    return (
        Decree.objects.filter(agency_id=agency_id, period_start__lte=year, period_end__gte=year)
        .order_by("-period_start", "-enacted_on", "-pk")
        .first()
    )


def position_in_year(position: Position, year: int) -> Position | None:
    """The same jabatan (by stable key) in the decree in force for ``year``: the 2024 page of
    a Kasi whose jabatan a 2025 decree renamed is the old decree's position, and back."""
    if position.decree.period_start <= year <= position.decree.period_end:
        return position
    decree = decree_in_force(position.decree.agency_id, year)
    if decree is None:
        return None
    return decree.positions.filter(stable_key=position.stable_key).first()


def line_years(position: Position) -> range:
    """Every year some decree of the agency covers for this jabatan (its stable key)."""
    spans = Decree.objects.filter(
        agency_id=position.decree.agency_id, positions__stable_key=position.stable_key
    ).values_list("period_start", "period_end")
    starts, ends = zip(*spans, strict=True) if spans else ((), ())
    return range(min(starts, default=position.decree.period_start), max(ends, default=0) + 1)


def positions_full(decree: Decree, *, include_unlisted: bool = False) -> QuerySet[Position]:
    """Positions with everything a page or an export shows, in five queries. The export and
    the decree page list the decree's positions; a position page may show an unlisted one (the
    synthesized head of agency) too."""
    indicators = Indicator.objects.prefetch_related(
        Prefetch(
            "indicatorsource_set",
            queryset=IndicatorSource.objects.select_related("source"),
            to_attr="source_links",
        )
    )
    return (
        (decree.positions.all() if include_unlisted else decree.positions.filter(listed=True))
        .select_related("unit", "supervisor")
        .prefetch_related(
            Prefetch("duties", queryset=Duty.objects.all()),
            Prefetch(
                "goals",
                queryset=Goal.objects.prefetch_related(Prefetch("indicators", queryset=indicators)),
            ),
        )
        .order_by("order")
    )


def decree_document(decree: Decree) -> dict[str, Any]:
    """The catalog as the documented JSON format (docs/catalog-format.md); importing it again
    reproduces the same catalog."""
    sig = {
        "name": decree.signatory_name,
        "nip": decree.signatory_nip,
        "rank": decree.signatory_rank,
        "title": decree.signatory_title,
        "acting": decree.signatory_acting or None,
    }
    units = Unit.objects.filter(agency=decree.agency).select_related("parent").order_by("order")
    positions = []
    for p in positions_full(decree):
        duties = list(p.duties.all())
        positions.append(
            {
                "key": p.key,
                "name": p.name,
                "unit": p.unit.name if p.unit else None,
                "supervisor": p.supervisor_text or None,
                "tasks": [d.text for d in duties if d.kind == Duty.Kind.TASK],
                "functions": [d.text for d in duties if d.kind == Duty.Kind.FUNCTION],
                "goals": [
                    {
                        "statement": g.statement,
                        "indicators": [_indicator_dict(i) for i in g.indicators.all()],
                    }
                    for g in p.goals.all()
                ],
            }
        )
    return {
        "format": FORMAT,
        "decree": {
            "number": decree.number,
            "title": decree.title,
            "agency": decree.agency.name,
            "region": decree.agency.region,
            "period": {"start": decree.period_start, "end": decree.period_end},
            "enacted_on": decree.enacted_on.isoformat() if decree.enacted_on else None,
            "enacted_at": decree.enacted_at,
            "signatory": sig,
            "legal_basis": decree.legal_basis,
            "considerations": decree.considerations,
            "uses": decree.uses,
        },
        "units": [
            {"name": u.name, "kind": u.kind, "parent": u.parent.name if u.parent else None}
            for u in units
        ],
        "positions": positions,
        "warnings": [],
    }


def _indicator_dict(i: Indicator) -> dict[str, Any]:
    return {
        "name": i.name,
        "kind": i.kind,
        "formula": i.formula,
        "numerator": i.numerator or None,
        "denominator": i.denominator or None,
        "measure_unit": i.measure_unit or None,
        "measure_confirmed": i.measure_confirmed,
        "aggregation": i.aggregation,
        "polarity": i.polarity,
        "sources": [link.source.name for link in i.source_links],
    }


@dataclass
class UnitNode:
    """A unit of the organisation tree with the positions placed in it."""

    name: str
    kind: str
    positions: list[Position] = field(default_factory=list)
    children: list[UnitNode] = field(default_factory=list)


def organisation_tree(decree: Decree) -> tuple[list[UnitNode], list[Position]]:
    """Root units (with nested children and their positions) and the positions whose unit the
    decree does not state, which the page lists separately instead of guessing."""
    positions = list(decree.positions.filter(listed=True).select_related("unit").order_by("order"))
    units = list(Unit.objects.filter(agency=decree.agency).order_by("order", "name"))
    nodes = {u.pk: UnitNode(u.name, u.get_kind_display()) for u in units}
    roots: list[UnitNode] = []
    for u in units:
        if u.parent_id and u.parent_id in nodes:
            nodes[u.parent_id].children.append(nodes[u.pk])
        else:
            roots.append(nodes[u.pk])
    unplaced = []
    for p in positions:
        if p.unit_id in nodes:
            nodes[p.unit_id].positions.append(p)
        else:
            unplaced.append(p)
    return roots, unplaced


# The search box asks on every keystroke: a query's cost must not grow with what is typed.
MAX_SEARCH_WORDS = 8
MAX_SEARCH_WORD = 60
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # a NUL cannot even be sent to PostgreSQL


def search_words(query: str) -> list[str]:
    """The distinct words of a query (case-insensitive, in order), at most MAX_SEARCH_WORDS,
    each at most MAX_SEARCH_WORD characters: "SIAK siak ktp" is two words."""
    words: dict[str, None] = {}
    for word in _CONTROL.sub(" ", query).split():
        word = word.lower()[:MAX_SEARCH_WORD]
        if word:
            words.setdefault(word, None)
        if len(words) >= MAX_SEARCH_WORDS:
            break
    return list(words)


def indicator_search(query: str, *, limit: int = 100) -> QuerySet[Indicator]:
    """Indicators whose name, formula, goal, position or data source mentions every word.

    One query: the goal and position are many-to-one joins (one row per indicator), and each
    word's data-source match is an EXISTS subquery rather than a join, so rows never multiply
    with the words (the old per-word join grew sevenfold per word; 31 words passed SQLite's 64
    tables)."""
    words = search_words(query)
    qs = Indicator.objects.select_related("goal__position__decree__agency").order_by(
        "goal__position__decree", "goal__position__order", "goal__order", "order"
    )
    if not words:
        return qs.none()
    for word in words:
        in_sources = IndicatorSource.objects.filter(
            indicator=OuterRef("pk"), source__name__icontains=word
        )
        qs = qs.filter(
            Q(name__icontains=word)
            | Q(formula__icontains=word)
            | Q(goal__statement__icontains=word)
            | Q(goal__position__name__icontains=word)
            | Exists(in_sources)
        )
    return qs[:limit]


def source_search(query: str, *, limit: int = 100) -> QuerySet[DataSource]:
    words = search_words(query)
    qs = DataSource.objects.annotate(indicator_count=Count("indicators", distinct=True))
    if not words:
        return qs.none()
    for word in words:
        qs = qs.filter(name__icontains=word)
    return qs.order_by("name")[:limit]
