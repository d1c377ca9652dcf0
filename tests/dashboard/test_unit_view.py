"""A whole bidang on one page: the Kabid's home page, every member position × indicator with
the read model's figures, the staff under a Kasi included, permissions and query count."""

import pytest
from dashboard_data import YEAR, indicators, realize, targets_everywhere
from django.urls import reverse
from queries import own_queries

from kinerja.dashboard.unit import members
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import Realization, Status

pytestmark = pytest.mark.django_db


def url(unit, year=YEAR):
    return reverse("dashboard:unit", args=[unit.pk]) + f"?tahun={year}"


@pytest.fixture
def bidang(org):
    targets_everywhere(org)
    realize(org.pos["kasi"])
    realize(org.pos["staff"], months=3)
    return org.pos["kabid"].unit


def test_members_are_the_unit_its_seksi_and_the_staff_under_them(org):
    unit = org.pos["kabid"].unit
    keys = [p.key for p in members(unit, org.decree)]
    assert keys[0] == org.pos["kabid"].key
    assert org.pos["kasi"].key in keys and org.pos["staff"].key in keys  # staff: no unit
    assert org.pos["other_kasi"].key not in keys  # another bidang
    assert org.pos["head"].key not in keys


def test_kabid_home_is_his_bidang_with_every_figure(client, org, bidang):
    client.force_login(org.kabid)
    response = client.get(f"/?tahun={YEAR}")
    assert response.templates[0].name == "dashboard/unit.html"
    data = response.context["data"]
    ids = [p.pk for p in members(bidang, org.decree)]
    model = achievement(ids, YEAR, with_quarters=False)
    assert data.rollup == model.units[bidang.pk]
    assert [b.position_id for b in data.blocks] == ids
    kasi = next(b for b in data.blocks if b.position_id == org.pos["kasi"].pk)
    assert kasi.rollup.capaian == 45
    assert [f.indicator_id for f in kasi.figures] == [i.pk for i in indicators(org.pos["kasi"])]
    html = response.content.decode()
    assert "45,00%" in html and "Pegawai kasi" in html  # the holder's name
    assert html.count('<a class="cell status-verified"') == sum(
        1 for f in model.indicators for c in f.cells if c.status == "verified"
    )
    inbox = reverse("measurement:inbox") + f"?unit={bidang.pk}"
    assert f'href="{inbox}"' in html  # the Kabid verifies: the inbox of this unit


def test_counts_waiting_in_the_unit(client, org, bidang):
    first = indicators(org.pos["staff"])[0]
    Realization.objects.filter(indicator=first, year=YEAR, period=1).update(status=Status.SUBMITTED)
    client.force_login(org.kabid)
    data = client.get(url(bidang)).context["data"]
    assert (data.submitted, data.returned) == (1, 0)


def test_head_reads_any_unit_but_no_inbox_link_without_subordinates_data(client, org, bidang):
    client.force_login(org.head)
    response = client.get(url(bidang))
    assert response.status_code == 200
    assert response.context["office"]  # back to the office overview


@pytest.mark.parametrize("role", ["kasi", "staff", "other_kasi", "outsider"])
def test_those_who_cannot_read_every_member_are_refused(client, org, bidang, role):
    client.force_login(org.users[role])
    assert client.get(url(bidang)).status_code == 403


def test_other_bidang_refused_and_unknown_unit_404(client, org, bidang):
    client.force_login(org.kabid)
    other = org.pos["other_kasi"].unit
    assert client.get(url(other)).status_code == 403
    assert client.get(reverse("dashboard:unit", args=[987654])).status_code == 404


def test_query_count_is_pinned(client, org, bidang):
    client.force_login(org.kabid)
    assert own_queries(client, url(bidang)) == 14  # computed
    assert own_queries(client, url(bidang)) == 4  # from the cache
