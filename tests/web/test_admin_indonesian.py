"""The Django admin in Indonesian (issue #16.6): years as "2024" (not "2.024"), decimals without
padding ("90", not "90,0000"), the annual target's quarter as "tahunan", a measuring period
stored as a code as its word, column titles in Indonesian."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.catalog.models import Decree, Indicator
from kinerja.measurement.services import realization_save
from kinerja.planning.services import target_set
from kinerja.web.admin_display import format_decimal, indonesian_value

pytestmark = pytest.mark.django_db


def test_target_list_and_page(client, org):
    indicator = Indicator.objects.filter(goal__position=org.pos["kabid"]).first()  # a %
    target = target_set(actor=org.admin, indicator=indicator, year=2024, plan="renja", value="92,5")
    client.force_login(org.admin)
    listing = client.get(reverse("admin:planning_target_changelist")).content.decode()
    assert '<td class="field-year">2024</td>' in listing
    assert '<td class="field-quarter">tahunan</td>' in listing
    assert '<td class="field-value">92,5</td>' in listing
    assert "2.024" not in listing and "92,5000" not in listing
    page = client.get(reverse("admin:planning_target_change", args=[target.pk])).content.decode()
    assert '<div class="readonly">2024</div>' in page
    assert '<div class="readonly">92,5</div>' in page


def test_realization_page(client, org):
    indicator = Indicator.objects.filter(goal__position=org.pos["staff"]).first()
    realization = realization_save(
        actor=org.staff, indicator=indicator, year=2024, period=3, value=12
    )
    client.force_login(org.admin)
    listing = client.get(reverse("admin:measurement_realization_changelist")).content.decode()
    assert '<a href="?o=5.0.2.3">Versi</a>' in listing
    assert ">version<" not in listing.lower()
    assert '<a href="?frequency=monthly">Bulanan</a>' in listing  # the list filter
    assert "monthly<" not in listing
    page = client.get(
        reverse("admin:measurement_realization_change", args=[realization.pk])
    ).content.decode()
    assert '<div class="readonly">Bulanan</div>' in page
    assert "monthly" not in page


def test_decree_years(client, org):
    client.force_login(org.admin)
    listing = client.get(reverse("admin:catalog_decree_changelist")).content.decode()
    decree = Decree.objects.get()
    assert f'<td class="field-period_start">{decree.period_start}</td>' in listing


def test_values():
    from django.db import models

    assert format_decimal(Decimal("90.0000")) == "90"
    assert format_decimal(Decimal("97.8000")) == "97,8"
    assert format_decimal(Decimal("1234567.2500")) == "1.234.567,25"
    year = models.PositiveSmallIntegerField(name="year")
    year.name = "year"
    assert indonesian_value(2024, year) == "2024"
    amount = models.PositiveIntegerField()
    amount.name = "accepted"
    assert indonesian_value(1998, amount) is None  # left to Django: "1.998"
    status = models.CharField(choices=[("a", "Satu")])
    status.name = "action"
    assert indonesian_value("a", status) is None
    assert indonesian_value("earlier.save", status) == "earlier.save"
