"""The dashboards' charts, built from the read model's objects with :mod:`kinerja.charts`.

A bar's tone is its predicate on the agency's own scale (best level first), so the legend reads
with the scale's words ("Sangat Tinggi" ... "Sangat Rendah"); a figure that cannot be computed
gets no bar and its reason as text.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from kinerja.charts import Bar, Chart, Series, hbars, stacked, trend
from kinerja.core.numbers import format_percent
from kinerja.dashboard.coverage import Coverage
from kinerja.dashboard.office import STATUS_ORDER, Office
from kinerja.measurement.achievement_types import STATUS_LABELS, Rollup, Rules

NOT_COMPUTED = "kosong"


def predicate_tone(rules: Rules | None, predicate: str | None) -> str:
    if rules is None or predicate is None:
        return NOT_COMPUTED
    labels = [label for _, label in rules.levels]
    index = labels.index(predicate) if predicate in labels else len(labels) - 1
    return f"p{min(index, 4)}"


def predicate_legend(rules: Rules | None) -> list[tuple[str, str]]:
    if rules is None:
        return []
    levels = [(f"p{min(i, 4)}", label) for i, (_, label) in enumerate(rules.levels)]
    return [*levels, (NOT_COMPUTED, "tidak dapat dihitung")]


def rollup_text(rollup: Rollup | None) -> str:
    if rollup is None:
        return "tidak ada indikator"
    if rollup.capaian is None:
        return rollup.reason or "tidak dapat dihitung"
    return f"{format_percent(rollup.capaian)} · {rollup.predicate}"


def rollup_bar(label: str, rollup: Rollup | None, rules: Rules | None, href: str = "") -> Bar:
    return Bar(
        label,
        rollup.capaian if rollup else None,
        rollup_text(rollup),
        predicate_tone(rules, rollup.predicate if rollup else None),
        href,
    )


def office_charts(office: Office, link: Callable[[str, int], str]) -> dict[str, Chart]:
    """``link(kind, pk)`` gives the page a bar opens ("unit", "position"), or "" when the
    viewer may not open it."""
    if office.figures is None:
        return {}
    rules = office.figures.the_rules
    legend = predicate_legend(rules)
    charts = {
        "units": hbars(
            [rollup_bar(u.name, u.rollup, rules, link("unit", u.unit_id)) for u in office.units],
            title="Capaian per bidang dan sekretariat",
            columns=("Unit", "Capaian · predikat"),
            legend=legend,
        ),
        "goals": hbars(
            [
                rollup_bar(
                    f"{g.rollup.label} ({g.position_name})",
                    g.rollup,
                    rules,
                    link("position", g.position_id),
                )
                for g in office.goals
            ],
            title=f"Capaian per sasaran ({office.goals_of})",
            columns=("Sasaran", "Capaian · predikat"),
            legend=legend,
        ),
    }
    if office.trend:
        labels = [q.label for q in office.trend]
        charts["trend"] = trend(
            labels,
            [
                Series(
                    "Capaian kantor (kumulatif terhadap target tahunan)",
                    [q.rollup.capaian if q.rollup else None for q in office.trend],
                    [
                        format_percent(q.rollup.capaian)
                        if q.rollup and q.rollup.capaian is not None
                        else "tidak dapat dihitung"
                        for q in office.trend
                    ],
                )
            ],
            title=f"Tren capaian kantor per triwulan {office.year}",
            reference_label="target tahunan 100%",
        )
        charts["progress"] = stacked(
            [(q.label, [q.statuses.get(k, 0) for k in STATUS_ORDER]) for q in office.trend],
            [(k, STATUS_LABELS[k]) for k in STATUS_ORDER],
            title="Progres indikator terhadap target s.d. akhir triwulan",
        )
    return charts


def coverage_chart(figures: list[Coverage], href: Callable[[str], str]) -> Chart:
    return hbars(
        [Bar(f.label, f.value, f.text, "utama", href(f.key)) for f in figures],
        title="Cakupan dokumen kependudukan (kabupaten)",
        columns=("Dokumen", "Cakupan"),
        limit=Decimal(100),
        reference=None,
    )
