"""A holder's day: returned items with the reason first, overdue and due, drafts, his own
indicators with capaian and a small trend, his PK and Rencana Aksi."""

import pytest
from dashboard_data import YEAR, indicators, realize, targets_everywhere
from django.urls import reverse
from queries import own_queries

from kinerja.measurement import services
from kinerja.measurement.models import Realization, Status

pytestmark = pytest.mark.django_db


@pytest.fixture
def kasi_year(org):
    targets_everywhere(org)
    realize(org.pos["kasi"])
    return org


def test_kasi_home_lists_the_returned_item_with_its_reason(client, kasi_year):
    org = kasi_year
    indicator = indicators(org.pos["kasi"])[1]
    r = Realization.objects.get(indicator=indicator, year=YEAR, period=4)
    Realization.objects.filter(pk=r.pk).update(status=Status.SUBMITTED, entered_by=org.kasi)
    r.refresh_from_db()
    services.realization_transition(
        actor=org.kabid, realization=r, to_status=Status.RETURNED, reason="Angka beda dengan SIAK."
    )
    Realization.objects.filter(indicator=indicator, year=YEAR, period=5).update(status=Status.DRAFT)
    client.force_login(org.kasi)
    response = client.get(f"/?tahun={YEAR}")
    assert response.templates[0].name == "dashboard/mine.html"
    data = response.context["data"]
    assert [(d.indicator.pk, d.period, d.reason) for d in data.returned] == [
        (indicator.pk, 4, "Angka beda dengan SIAK.")
    ]
    assert [(d.indicator_id, d.period, d.label) for d in data.drafts] == [
        (indicator.pk, 5, "Mei 2024")
    ]
    html = response.content.decode()
    page = reverse("measurement:realization", args=[indicator.pk, YEAR, 4])
    assert f'href="{page}"' in html and "Angka beda dengan SIAK." in html


def test_own_indicators_with_capaian_and_trend(client, kasi_year):
    org = kasi_year
    client.force_login(org.kasi)
    data = client.get(reverse("dashboard:mine") + f"?tahun={YEAR}").context["data"]
    [held] = data.held
    assert held.position == org.pos["kasi"]
    assert held.rollup.capaian == 45
    first = held.indicators[0]
    assert first.figure.capaian == 45
    assert "<svg" in first.trend.svg
    assert first.trend.rows[:7] == [
        ("Jan", "90 layanan"), ("Feb", "90 layanan"), ("Mar", "90 layanan"),
        ("Apr", "90 layanan"), ("Mei", "90 layanan"), ("Jun", "90 layanan"), ("Jul", ""),
    ]  # fmt: skip
    plan = reverse("reports:position_action_plan", args=[org.pos["kasi"].pk, YEAR, "pdf"])
    html = client.get(reverse("dashboard:mine") + f"?tahun={YEAR}").content.decode()
    assert f'href="{plan}"' in html


def test_signed_pk_is_linked(client, kasi_year):
    from datetime import date

    from kinerja.planning.services import agreement_create, agreement_sign

    org = kasi_year
    agreement = agreement_create(
        actor=org.admin, position=org.pos["kasi"], year=YEAR, day=date(2024, 1, 5)
    )
    agreement_sign(
        actor=org.admin,
        agreement=agreement,
        signed_on=date(2024, 1, 5),
        signed_at="Sampang",
        today=date(2024, 2, 1),
    )
    client.force_login(org.kasi)
    html = client.get(reverse("dashboard:mine") + f"?tahun={YEAR}").content.decode()
    assert f'href="{reverse("planning:agreement", args=[agreement.pk])}"' in html


def test_account_without_position(client, org):
    client.force_login(org.outsider)
    response = client.get(reverse("dashboard:mine"))
    assert "Akun ini tidak sedang memegang jabatan." in response.content.decode()
    assert client.get("/").templates[0].name == "web/home.html"  # the general home page


def test_query_count_is_pinned(client, kasi_year):
    org = kasi_year
    client.force_login(org.kasi)
    page = reverse("dashboard:mine") + f"?tahun={YEAR}"
    assert own_queries(client, page) == 18  # the figures and the to-do list computed
    assert own_queries(client, page) == 8  # both from the cache
