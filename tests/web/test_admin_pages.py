"""Every admin list and record page opens for an admin on real data (the seed plus a worked
month), and the read-only ones offer no way to change what the services own."""

import pytest
from django.contrib import admin
from django.urls import reverse

from kinerja.measurement.services import realization_save, realization_transition

pytestmark = pytest.mark.django_db


def test_every_admin_page_opens(client, org):
    indicator = org.pos["staff"].goals.first().indicators.first()
    r = realization_save(actor=org.staff, indicator=indicator, year=2024, period=1, value=3)
    realization_transition(actor=org.staff, realization=r, to_status="submitted")
    client.force_login(org.admin)
    for model in admin.site._registry:
        opts = model._meta
        listing = client.get(reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"))
        assert listing.status_code == 200, opts.label
        first = model.objects.order_by("pk").first()
        if first is not None:
            page = client.get(
                reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[first.pk])
            )
            assert page.status_code == 200, opts.label


@pytest.mark.parametrize(
    "label", ["measurement.realization", "planning.target", "audit.auditentry"]
)
def test_service_owned_records_are_read_only(label, client, org):
    client.force_login(org.admin)
    app_label, model_name = label.split(".")
    response = client.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert response.status_code == 403
