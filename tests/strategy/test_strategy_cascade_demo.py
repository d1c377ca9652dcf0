"""Done when (#14): the demo's cascade, built on the seed decree, brings every Kasi/Kasubag goal
to an office IKU, and every node's capaian is the read model's."""

import re
from datetime import date

import pytest
from strategy_data import YEAR, figures

from kinerja.catalog.models import Goal
from kinerja.demo.demo_strategy import load_strategy
from kinerja.measurement.achievement import achievement
from kinerja.strategy.models import CascadeLink, IkuMeasure, Renstra
from kinerja.strategy.selectors import cascade

KASI = re.compile(r"^Kepala (Seksi|Sub Bagian)\b")


@pytest.fixture
def plan(org):
    figures(org.decree)
    assert load_strategy(agency=org.agency, today=date(2024, 12, 31)) is True
    return cascade(org.agency, YEAR)


def test_every_kasi_goal_reaches_an_office_iku(org, plan):
    kasi_goals = Goal.objects.filter(position__decree=org.decree).select_related("position")
    kasi_goals = [g for g in kasi_goals if KASI.match(g.position.name)]
    assert len(kasi_goals) == 15  # 7 Kasi with a goal each, 2 Kasubag with 5 and 3
    reached = {n.id for root in plan.roots for n in _walk(root) if n.kind == "goal"}
    assert {g.pk for g in kasi_goals} <= reached
    # each Kasi goal hangs under its own Kabid's (or the Sekretaris') goal
    for g in kasi_goals:
        link = CascadeLink.objects.get(goal=g)
        assert link.parent_goal.position_id == g.position.supervisor_id
    assert plan.renstra.period_start == 2024  # the Renstra covering 2024: 2024-2026
    assert plan.unserved == []
    # staff without a supervisor in the decree serve nothing, and the page says why
    unlinked = {node.owner for node, why in plan.unlinked}
    assert org.pos["staff"].name not in unlinked  # the fixture gave it the Kasi
    assert "Pengemudi" in unlinked
    assert {why for _, why in plan.unlinked} == {"belum menyebut kinerja atau IKU yang didukung"}
    # loading twice changes nothing
    links = CascadeLink.objects.count()
    assert load_strategy(agency=org.agency, today=date(2024, 12, 31)) is False
    assert CascadeLink.objects.count() == links
    assert Renstra.objects.filter(agency=org.agency).count() == 2


def test_node_capaian_is_the_read_models_and_the_page_shows_it(org, plan, client):
    positions = list(org.decree.positions.all())
    figures_ = achievement(positions, YEAR)
    goal_nodes = [n for root in plan.roots for n in _walk(root) if n.kind == "goal"]
    assert len(goal_nodes) >= 20
    computed = 0
    for node in goal_nodes:
        rollup = figures_.goals.get(node.id)
        assert node.capaian == (rollup.capaian if rollup else None)
        assert node.predicate == (rollup.predicate if rollup else None)
        computed += node.capaian is not None
    assert computed >= 15
    assert len({n.predicate for n in goal_nodes if n.predicate}) >= 2  # colours differ
    for root in plan.roots:
        measure = IkuMeasure.objects.filter(iku_id=root.id).first()
        if measure is None:
            assert root.capaian is None
            assert root.reason == "IKU ini belum diukur oleh indikator IKI keputusan yang berlaku"
        else:
            assert root.capaian == figures_.of_indicator(measure.indicator_id).capaian
    assert sum(r.capaian is not None for r in plan.roots) == 5  # all but the IKM

    # the tree page draws it, collapsible, the predicate in words beside the colour
    client.force_login(org.admin)
    html = client.get(f"/renstra/{org.agency.pk}/{YEAR}/pohon/").content.decode()
    assert html.count("<details") >= 6
    node = next(n for n in plan.roots[0].children if n.capaian is not None)
    assert f'class="pred {node.css}">{node.capaian_text} · {node.predicate}' in html
    assert "<script>" not in html and "onclick" not in html  # CSP: no inline script


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)
