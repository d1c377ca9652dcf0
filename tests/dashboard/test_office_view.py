"""The head of office's dashboard: the home page of the head, figures identical to the read
model, every number a link, what is waiting, the register headline, permissions, query count."""

import re

import pytest
from dashboard_data import YEAR, indicators, realize, targets_everywhere
from django.urls import reverse
from django.utils import timezone
from factories import make_holder
from queries import own_queries

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_grant
from kinerja.catalog.models import Agency, Decree, Position
from kinerja.core.numbers import format_percent
from kinerja.measurement import services
from kinerja.measurement.achievement import achievement
from kinerja.measurement.models import Realization, Status

pytestmark = pytest.mark.django_db


def url(org, year=YEAR):
    return reverse("dashboard:office", args=[org.agency.pk]) + f"?tahun={year}"


@pytest.fixture
def year_of_data(org):
    targets_everywhere(org)
    realize(org.pos["kasi"])  # counts: 6 × 90 = 540 of 1.200 -> 45,00%
    realize(org.pos["kabid"], num=38, den=50)  # percentages: 76% of 95% -> 80,00%
    realize(org.pos["staff"], months=3)
    return org


def test_head_home_is_the_office_dashboard_with_the_read_model_figures(client, year_of_data):
    org = year_of_data
    client.force_login(org.head)
    response = client.get(f"/?tahun={YEAR}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Ringkasan kinerja" in html and org.agency.name in html
    ids = list(Position.objects.filter(decree=org.decree).values_list("pk", flat=True))
    model = achievement(ids, YEAR, with_quarters=False)
    office = model.agencies[org.agency.pk]
    assert office.capaian is not None
    assert format_percent(office.capaian) in html  # the office figure, as the read model says
    kasi = model.positions[org.pos["kasi"].pk]
    assert kasi.capaian == 45  # every count indicator at 540 of 1.200
    data = response.context["data"]
    assert data.overall == office
    unit = org.pos["kabid"].unit
    assert {u.unit_id: u.rollup for u in data.units}[unit.pk] == model.units[unit.pk]
    # the indicator most behind is the lowest official capaian, and links to its position page
    lowest = min((f for f in model.indicators if f.capaian is not None), key=lambda f: f.capaian)
    assert data.lowest[0].capaian == lowest.capaian
    position_page = reverse("measurement:position_year", args=[lowest.position_id, YEAR])
    assert f'href="{position_page}"' in html


def test_trend_per_quarter_is_the_read_model_up_to_each_quarter(client, year_of_data):
    from kinerja.scoring import Period

    org = year_of_data
    client.force_login(org.head)
    data = client.get(url(org)).context["data"]
    assert [q.label for q in data.trend] == ["Tw I", "Tw II", "Tw III", "Tw IV"]  # a past year
    ids = list(Position.objects.filter(decree=org.decree).values_list("pk", flat=True))
    q1 = achievement(ids, YEAR, as_of=Period.parse(f"{YEAR}-Q1"), with_cells=False)
    assert data.trend[0].rollup == q1.agencies[org.agency.pk]
    assert sum(data.trend[0].statuses.values()) == len(q1.indicators)


def test_every_headline_number_is_a_link(client, year_of_data):
    org = year_of_data
    client.force_login(org.head)
    html = client.get(url(org)).content.decode()
    tiles = re.findall(r'<a class="tile" href="([^"]+)"', html)
    documents = reverse("reports:documents", args=[org.agency.pk, YEAR])
    assert tiles[:5] == [
        documents,
        "#tertinggal",
        "#menunggu-verifikasi",
        "#dikembalikan",
        "#belum-diisi",
    ]
    unit = org.pos["kabid"].unit
    assert f'href="{reverse("dashboard:unit", args=[unit.pk])}?tahun={YEAR}"' in html


def test_what_is_waiting(client, year_of_data):
    org = year_of_data
    indicator = indicators(org.pos["kasi"])[0]
    r = Realization.objects.get(indicator=indicator, year=YEAR, period=6)
    Realization.objects.filter(pk=r.pk).update(status=Status.SUBMITTED)
    r.refresh_from_db()
    services.realization_transition(
        actor=org.kabid, realization=r, to_status=Status.RETURNED, reason="Lampirkan rekap SIAK."
    )
    staff_indicator = indicators(org.pos["staff"])[0]
    Realization.objects.filter(indicator=staff_indicator, year=YEAR, period=3).update(
        status=Status.SUBMITTED
    )
    client.force_login(org.head)
    response = client.get(url(org))
    waiting = response.context["data"].waiting
    assert waiting.returned_total == 1
    assert waiting.returned[0].reason == "Lampirkan rekap SIAK."
    assert waiting.returned[0].period_label == "Juni 2024"
    # the staff member's verifier is his Kasi, held by "kasi"
    assert [(b.verifier_name, b.count) for b in waiting.backlog] == [(org.pos["kasi"].name, 1)]
    assert waiting.backlog_total == 1
    # months 7..12 of the staff member's monthly indicators (and the rest) are missing
    staff_missing = waiting.missing_by_position[org.pos["staff"].pk]
    monthly = [i for i in indicators(org.pos["staff"]) if i.frequency == "monthly"]
    quarterly = [i for i in indicators(org.pos["staff"]) if i.frequency == "quarterly"]
    assert staff_missing == 9 * len(monthly) + 3 * len(quarterly)  # months 4-12, Tw II-IV
    html = response.content.decode()
    assert "Lampirkan rekap SIAK." in html
    realization_page = reverse("measurement:realization", args=[indicator.pk, YEAR, 6])
    assert f'href="{realization_page}"' in html


def test_no_decree_for_the_year_says_why(client, org):
    client.force_login(org.head)
    response = client.get(reverse("dashboard:office", args=[org.agency.pk]))
    this_year = response.context["year"]
    assert this_year == timezone.localdate().year  # the current year by default
    assert f"Tidak ada keputusan IKI yang berlaku untuk tahun {this_year}." in (
        response.content.decode()
    )


def test_bad_year_is_said(client, org):
    client.force_login(org.head)
    response = client.get(reverse("dashboard:office", args=[org.agency.pk]) + "?tahun=abc")
    assert response.status_code == 200
    assert "Tahun:" in response.content.decode()


@pytest.mark.parametrize("role", ["kasi", "staff", "kabid", "outsider"])
def test_others_are_refused(client, org, role):
    client.force_login(org.users[role])
    assert client.get(url(org)).status_code == 403


def test_pimpinan_role_opens_it_and_another_agency_does_not(client, org):
    role_grant(actor=None, user=org.outsider, agency=org.agency, role=Role.PIMPINAN)
    client.force_login(org.outsider)
    assert client.get("/").context["data"].agency_id == org.agency.pk  # his home page
    other = Agency.objects.create(name="Dinas Lain", region="Kabupaten Lain")
    Decree.objects.create(
        agency=other, number="1/2020", title="IKI", period_start=2020, period_end=2024
    )
    assert client.get(reverse("dashboard:office", args=[other.pk])).status_code == 403
    assert client.get(reverse("dashboard:office", args=[999999])).status_code == 404


def test_plt_head_gets_the_dashboard(client, org):
    from kinerja.accounts.models import Assignment

    acting = make_holder(org, "plt_kepala", org.pos["head"], kind=Assignment.Kind.PLT)
    client.force_login(acting)
    assert client.get("/").templates[0].name == "dashboard/office.html"


def test_query_count_is_pinned(client, year_of_data):
    """Computed: the read model for the year and for each quarter end (6 queries each), what is
    waiting, the register; then from the cache: the data version and the per-user parts."""
    org = year_of_data
    client.force_login(org.head)
    assert own_queries(client, url(org)) == 39  # computes and fills the cache
    assert own_queries(client, url(org)) == 3  # from the cache
    # a change anywhere is a new data version: the next page computes again, never stale
    Realization.objects.filter(position=org.pos["kasi"]).first().save()
    assert own_queries(client, url(org)) == 39
