"""Reads of the Renstra, its IKU with their figures, and the cascade (pohon kinerja), as plain
data for the pages, the documents and tests.

Figures come only from the achievement read model (``measurement.achievement.achievement``): a
goal node shows the read model's goal roll-up; an IKU shows the figure of the decree indicator
that measures it (``IkuMeasure``) and says which one, or why it has none. Nothing here computes a
capaian or a predicate.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kinerja.catalog.models import Agency, Decree, Goal, Position
from kinerja.core.numbers import format_number
from kinerja.measurement.achievement import achievement
from kinerja.measurement.achievement_types import Achievement, IndicatorFigure, Rollup
from kinerja.scoring import Period
from kinerja.strategy import tree as cascade_tree
from kinerja.strategy.models import CascadeLink, Iku, IkuMeasure, IkuTarget, Renstra


def decree_for(agency: Agency | int, year: int) -> Decree | None:
    """The decree in force for ``year`` (the catalog's rule), else the latest covering it."""
    try:
        from kinerja.catalog.selectors import decree_in_force
    except ImportError:  # older catalog: the same rule, read here
        decree_in_force = None
    if decree_in_force is not None:
        found = decree_in_force(agency, year)
        if found is not None:
            return found
    agency_id = getattr(agency, "pk", agency)
    return (
        Decree.objects.filter(agency_id=agency_id, period_start__lte=year, period_end__gte=year)
        .order_by("-period_start", "-pk")
        .first()
    )


def renstra_for(agency: Agency | int, year: int) -> Renstra | None:
    """The Renstra covering ``year`` (the later period when two overlap)."""
    agency_id = getattr(agency, "pk", agency)
    return (
        Renstra.objects.filter(agency_id=agency_id, period_start__lte=year, period_end__gte=year)
        .order_by("-period_start", "-pk")
        .first()
    )


def show(value: Decimal | None, satuan: str, decimals: int = 2) -> str:
    if value is None:
        return ""
    text = format_number(value, decimals)
    if not satuan:
        return text
    return f"{text}%" if satuan == "%" else f"{text} {satuan}"


def level_class(predicate: str | None, figures: Achievement) -> str:
    """A CSS class for a predicate (pred-1 best ... pred-5), the text label always beside it."""
    rules = figures.the_rules
    if predicate is None or rules is None:
        return "pred-none"
    labels = [label for _, label in rules.levels]
    return f"pred-{labels.index(predicate) + 1}" if predicate in labels else "pred-none"


# --- IKU ---------------------------------------------------------------------------------------


@dataclass
class IkuRow:
    iku: Iku
    number: int
    tujuan: str
    sasaran: str
    baseline_text: str
    end_text: str
    renstra: dict[int, str]  # year -> target text
    renja: dict[int, str]
    target_renstra: Decimal | None  # of the year asked
    target_renja: Decimal | None
    measured_by: str  # "Persentase penduduk ber KTP-el (Kepala Bidang ...)" or ""
    figure: IndicatorFigure | None
    reason: str | None
    target_differs: bool = False
    css: str = "pred-none"

    @property
    def capaian_text(self) -> str:
        capaian = self.figure.capaian if self.figure else None
        return format_number(capaian, 2) + "%" if capaian is not None else ""

    @property
    def year_cells(self) -> list[tuple[int, str, str]]:
        """(year, Renstra target, Renja target) for every year of the Renstra."""
        years = self.iku.sasaran.tujuan.renstra.years
        return [(y, self.renstra.get(y, ""), self.renja.get(y, "")) for y in years]

    @property
    def target_text(self) -> str:
        value = self.target_renja if self.target_renja is not None else self.target_renstra
        return show(value, self.iku.satuan, self.iku.decimals)


@dataclass
class RenstraView:
    renstra: Renstra | None
    year: int
    decree: Decree | None
    rows: list[IkuRow]
    figures: Achievement | None


def iku_rows(
    renstra: Renstra, year: int, decree: Decree | None, *, as_of: Period | None = None
) -> tuple[list[IkuRow], Achievement | None]:
    """Every IKU of the Renstra with its targets and, for ``year``, the figure of the decree
    indicator measuring it under ``decree`` (from the read model)."""
    ikus = list(
        Iku.objects.filter(sasaran__tujuan__renstra=renstra)
        .select_related("sasaran__tujuan__renstra", "responsible_unit")
        .order_by(
            "sasaran__tujuan__order",
            "sasaran__tujuan__code",
            "sasaran__order",
            "sasaran__code",
            "order",
            "code",
        )
    )
    targets: dict[int, dict[str, dict[int, Decimal]]] = {}
    for t in IkuTarget.objects.filter(iku__in=ikus):
        targets.setdefault(t.iku_id, {}).setdefault(t.plan, {})[t.year] = t.value
    measures: dict[int, object] = {}
    if decree is not None:
        for m in IkuMeasure.objects.filter(
            iku__in=ikus, indicator__goal__position__decree=decree
        ).select_related("indicator__goal__position"):
            measures[m.iku_id] = m.indicator
    figures = None
    if measures:
        owners = sorted({ind.goal.position_id for ind in measures.values()})
        figures = achievement(
            owners,
            year,
            as_of=as_of,
            with_cells=False,
            with_quarters=False,
        )
    rows = []
    for number, iku in enumerate(ikus, start=1):
        plans = targets.get(iku.pk, {})
        indicator = measures.get(iku.pk)
        figure = figures.of_indicator(indicator.pk) if figures and indicator else None
        if indicator is None:
            reason = "IKU ini belum diukur oleh indikator IKI keputusan yang berlaku"
        elif figure is None:
            reason = "indikator pengukur tidak ada dalam data tahun ini"
        else:
            reason = figure.reason
        renja = plans.get("renja", {}).get(year)
        renstra_target = plans.get("renstra", {}).get(year)
        wanted = renja if renja is not None else renstra_target
        rows.append(
            IkuRow(
                iku=iku,
                number=number,
                tujuan=f"{iku.sasaran.tujuan.code} {iku.sasaran.tujuan.statement}",
                sasaran=f"{iku.sasaran.code} {iku.sasaran.statement}",
                baseline_text=show(iku.baseline, iku.satuan, iku.decimals),
                end_text=show(iku.end_target, iku.satuan, iku.decimals),
                renstra={
                    y: show(v, iku.satuan, iku.decimals)
                    for y, v in plans.get("renstra", {}).items()
                },
                renja={
                    y: show(v, iku.satuan, iku.decimals) for y, v in plans.get("renja", {}).items()
                },
                target_renstra=renstra_target,
                target_renja=renja,
                measured_by=(
                    f"{indicator.name} ({indicator.goal.position.name})" if indicator else ""
                ),
                figure=figure,
                reason=reason,
                css=level_class(figure.predicate, figures) if figure and figures else "pred-none",
                target_differs=bool(
                    figure is not None
                    and figure.target is not None
                    and wanted is not None
                    and figure.target != wanted
                ),
            )
        )
    return rows, figures


def renstra_view(agency: Agency, year: int) -> RenstraView:
    renstra = renstra_for(agency, year)
    decree = decree_for(agency, year)
    if renstra is None:
        return RenstraView(None, year, decree, [], None)
    rows, figures = iku_rows(renstra, year, decree)
    return RenstraView(renstra, year, decree, rows, figures)


# --- the cascade -------------------------------------------------------------------------------


@dataclass
class CascadeNode:
    kind: str  # "iku" | "goal"
    id: int
    label: str
    owner: str  # the position's name, or the IKU's sasaran
    capaian: Decimal | None
    capaian_text: str
    predicate: str | None
    css: str
    reason: str | None
    children: list[CascadeNode] = field(default_factory=list)
    depth: int = 0


@dataclass
class CascadePage:
    agency: Agency
    year: int
    decree: Decree | None
    renstra: Renstra | None
    roots: list[CascadeNode]
    unlinked: list[tuple[CascadeNode, str]]
    unserved: list[CascadeNode]
    figures: Achievement | None
    iku_rows: list[IkuRow]
    goals_total: int = 0
    goals_linked: int = 0

    def nodes(self):
        def walk(node):
            yield node
            for child in node.children:
                yield from walk(child)

        for root in self.roots:
            yield from walk(root)


def _rollup_node(goal: Goal, rollup: Rollup | None, figures: Achievement) -> CascadeNode:
    capaian = rollup.capaian if rollup else None
    reason = None if capaian is not None else (rollup.reason if rollup else "tidak ada indikator")
    return CascadeNode(
        kind="goal",
        id=goal.pk,
        label=goal.statement,
        owner=goal.position.name,
        capaian=capaian,
        capaian_text=format_number(capaian, 2) + "%" if capaian is not None else "",
        predicate=rollup.predicate if rollup else None,
        css=level_class(rollup.predicate if rollup else None, figures),
        reason=reason,
    )


def cascade(agency: Agency, year: int, *, as_of: Period | None = None) -> CascadePage:
    """The tree for ``year``: the Renstra covering it, the decree in force, every goal of the
    decree with the read model's goal roll-up, the goals that serve nothing and the IKU that
    nothing serves."""
    decree = decree_for(agency, year)
    renstra = renstra_for(agency, year)
    positions = list(decree.positions.all()) if decree else []
    goals = list(
        Goal.objects.filter(position__in=positions)
        .select_related("position")
        .order_by("position__order", "order", "pk")
    )
    figures = (
        achievement(
            positions,
            year,
            as_of=as_of,
            with_cells=False,
            with_quarters=False,
        )
        if positions
        else None
    )
    rows, iku_figures = iku_rows(renstra, year, decree, as_of=as_of) if renstra else ([], None)
    links: dict[int, list[tuple[str, int]]] = {}
    for link in CascadeLink.objects.filter(goal__in=goals).order_by("pk"):
        parent = (
            ("goal", link.parent_goal_id) if link.parent_goal_id else ("iku", link.parent_iku_id)
        )
        links.setdefault(link.goal_id, []).append(parent)
    built = cascade_tree.build(
        [cascade_tree.IkuInfo(r.iku.pk, r.iku.code, r.iku.name, r.sasaran) for r in rows],
        [
            cascade_tree.GoalInfo(
                g.pk, g.statement, g.position_id, g.position.name, (g.position.order, g.order)
            )
            for g in goals
        ],
        links,
    )
    by_goal = {g.pk: g for g in goals}
    by_iku = {r.iku.pk: r for r in rows}

    def make(node: cascade_tree.Node, depth: int) -> CascadeNode:
        if node.kind == "iku":
            row = by_iku[node.id]
            f = row.figure
            out = CascadeNode(
                kind="iku",
                id=node.id,
                label=f"{row.iku.code} {row.iku.name}",
                owner=row.sasaran,
                capaian=f.capaian if f else None,
                capaian_text=format_number(f.capaian, 2) + "%"
                if f and f.capaian is not None
                else "",
                predicate=f.predicate if f else None,
                css=level_class(f.predicate if f else None, iku_figures)
                if iku_figures
                else "pred-none",
                reason=row.reason if not (f and f.capaian is not None) else None,
            )
        else:
            goal = by_goal[node.id]
            out = _rollup_node(goal, figures.goals.get(goal.pk) if figures else None, figures)
        out.depth = depth
        out.children = [make(child, depth + 1) for child in node.children]
        return out

    detached = {n.id: make(n, 0) for n in built.detached}
    unlinked = [
        (detached.get(gid) or make(cascade_tree.Node("goal", gid), 0), why)
        for gid, why in built.unlinked
    ]
    return CascadePage(
        agency=agency,
        year=year,
        decree=decree,
        renstra=renstra,
        roots=[make(root, 0) for root in built.roots],
        unlinked=unlinked,
        unserved=[make(cascade_tree.Node("iku", i), 0) for i in built.unserved_ikus],
        figures=figures,
        iku_rows=rows,
        goals_total=len(goals),
        goals_linked=len(built.reaches),
    )


def goal_choices(decree: Decree) -> list[tuple[Position, list[Goal]]]:
    """The decree's positions with their goals, in the decree's order (the link forms)."""
    goals: dict[int, list[Goal]] = {}
    for goal in Goal.objects.filter(position__decree=decree).order_by("order", "pk"):
        goals.setdefault(goal.position_id, []).append(goal)
    return [
        (p, goals[p.pk])
        for p in decree.positions.select_related("supervisor").order_by("order", "pk")
        if p.pk in goals
    ]


def links_of(decree: Decree) -> dict[int, list[CascadeLink]]:
    out: dict[int, list[CascadeLink]] = {}
    for link in CascadeLink.objects.filter(goal__position__decree=decree).select_related(
        "parent_goal__position", "parent_iku"
    ):
        out.setdefault(link.goal_id, []).append(link)
    return out


@dataclass(frozen=True)
class HeadPkItem:
    """One row of the head's Perjanjian Kinerja as the IKU give it (for the planning app)."""

    sasaran: str
    iku: str
    target: Decimal | None  # the Renja target of the year, else the Renstra's
    satuan: str
    indicator_id: int | None  # the decree indicator measuring it, when there is one


def head_pk_items(agency: Agency, year: int) -> list[HeadPkItem]:
    """The head's PK rows from the office IKU of the Renstra covering ``year``: the head's
    position has no indicators in the decree, its PK is the IKU (PermenPAN-RB 53/2014)."""
    plan = renstra_for(agency, year)
    if plan is None:
        return []
    decree = decree_for(agency, year)
    measures = {}
    if decree is not None:
        measures = dict(
            IkuMeasure.objects.filter(
                iku__sasaran__tujuan__renstra=plan, indicator__goal__position__decree=decree
            ).values_list("iku_id", "indicator_id")
        )
    targets: dict[int, dict[str, Decimal]] = {}
    for t in IkuTarget.objects.filter(iku__sasaran__tujuan__renstra=plan, year=year):
        targets.setdefault(t.iku_id, {})[t.plan] = t.value
    out = []
    for iku in (
        Iku.objects.filter(sasaran__tujuan__renstra=plan)
        .select_related("sasaran")
        .order_by("sasaran__tujuan__code", "sasaran__code", "order", "code")
    ):
        mine = targets.get(iku.pk, {})
        out.append(
            HeadPkItem(
                sasaran=iku.sasaran.statement,
                iku=iku.name,
                target=mine.get("renja", mine.get("renstra")),
                satuan=iku.satuan,
                indicator_id=measures.get(iku.pk),
            )
        )
    return out
