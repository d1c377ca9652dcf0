"""The inbox's extra filters (kinerja.dashboard.inbox_filters): by unit, by evidence attached,
by words of the indicator; only ever narrowing what the user may verify."""

import pytest
from dashboard_data import YEAR, indicators
from django.urls import reverse

from kinerja.measurement.models import Evidence, Realization, Status

pytestmark = pytest.mark.django_db


def submit(position, indicator, period=1):
    return Realization.objects.create(
        indicator=indicator,
        position=position,
        year=YEAR,
        frequency=indicator.frequency,
        period=period,
        value=5 if indicator.kind == "count" else None,
        numerator=None if indicator.kind == "count" else 4,
        denominator=None if indicator.kind == "count" else 5,
        status=Status.SUBMITTED,
    )


@pytest.fixture
def waiting(org):
    """Two items of the Kasi (the Kabid verifies his direct reports) and one of the staff
    member under the Kasi (verified by the Kasi, not in the Kabid's inbox)."""
    first = submit(org.pos["kasi"], indicators(org.pos["kasi"])[0])
    second = submit(org.pos["kasi"], indicators(org.pos["kasi"])[1])
    staff_item = submit(org.pos["staff"], indicators(org.pos["staff"])[0])
    return first, second, staff_item


def shown(client, **params):
    response = client.get(reverse("measurement:inbox"), params)
    assert response.status_code == 200
    return {item["r"].pk for item in response.context["items"]}, response.context["filters"]


def test_unit_filter_narrows_to_a_unit_of_the_scope(client, org, waiting):
    first, second, staff_item = waiting
    client.force_login(org.kabid)
    everything, filters = shown(client)
    assert everything == {first.pk, second.pk}
    units = dict(filters.units)
    seksi = org.pos["kasi"].unit
    assert seksi.pk in units and org.pos["kabid"].unit.pk in units
    assert shown(client, unit=seksi.pk)[0] == {first.pk, second.pk}
    other = org.pos["other_kasi"].unit.pk  # not in his scope: not offered, ignored
    assert other not in units
    assert shown(client, unit=other)[0] == {first.pk, second.pk}
    client.force_login(org.kasi)  # the Kasi verifies staff without a unit: no unit to choose
    found, filters = shown(client, unit=seksi.pk)
    assert found == {staff_item.pk} and filters.units == []


def test_evidence_and_words(client, org, waiting, tmp_path, settings):
    from django.core.files.base import ContentFile

    from kinerja.catalog.models import DataSource

    settings.MEDIA_ROOT = tmp_path
    first, second, _ = waiting
    Evidence.objects.create(
        realization=first,
        file=ContentFile(b"%PDF-1.4 rekap", name="rekap.pdf"),
        original_name="rekap.pdf",
        content_type="application/pdf",
        size=14,
        sha256="0" * 64,
        source=DataSource.objects.get_or_create(name="SIAK")[0],
    )
    client.force_login(org.kabid)
    assert shown(client, bukti="ada")[0] == {first.pk}
    assert shown(client, bukti="belum")[0] == {second.pk}
    word = first.indicator.name.split()[-1]
    found, filters = shown(client, cari=f"  {word.upper()}  ")
    assert first.pk in found and filters.words == word.upper()
    assert shown(client, cari="tidak-ada-indikator-begini")[0] == set()
