"""The 403 of every view that acts on one record, reached by someone outside its branch of the
tree, typically by editing an id in the URL or a form."""

import io
from datetime import date

import pytest
from django.urls import reverse

from kinerja.catalog.models import Indicator
from kinerja.measurement.models import Evidence, Realization
from kinerja.measurement.services import realization_save
from kinerja.planning.models import Agreement
from kinerja.planning.services import agreement_create, agreement_sign, target_set

pytestmark = pytest.mark.django_db
YEAR = 2024


def _signed_agreement(org):
    position = org.pos["kasi"]
    for indicator in Indicator.objects.filter(goal__position=position):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="10")
    agreement = agreement_create(actor=org.admin, position=position, year=YEAR)
    return agreement


def test_forbidden_everywhere(client, org):
    indicator = org.pos["staff"].goals.first().indicators.first()
    realization = realization_save(
        actor=org.staff, indicator=indicator, year=YEAR, period=1, value=1
    )
    agreement = _signed_agreement(org)
    upload = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
    upload.name = "a.pdf"
    cases = [
        ("outsider", "get", reverse("measurement:realization", args=[indicator.pk, YEAR, 1]), {}),
        ("other_kasi", "get", reverse("measurement:realization", args=[indicator.pk, YEAR, 1]), {}),
        (
            "kasi",
            "post",
            reverse("measurement:evidence_upload", args=[realization.pk]),
            {"file": upload, "source": indicator.sources.first().pk},
        ),
        (
            "staff",
            "post",
            reverse("planning:agreement_create"),
            {"position": org.pos["kabid"].pk, "year": YEAR},
        ),
        (
            "staff",
            "post",
            reverse("planning:agreement_sign", args=[agreement.pk]),
            {"signed_on": "2024-01-02", "signed_at": "Sampang"},
        ),
        ("other_kasi", "get", reverse("planning:agreement", args=[agreement.pk]), {}),
    ]
    for role, method, url, data in cases:
        client.force_login(org.users[role])
        response = getattr(client, method)(url, data)
        assert response.status_code == 403, (role, url)
    assert not Evidence.objects.exists()
    assert Agreement.objects.get().status == "draft"
    assert Realization.objects.get().status == "draft"


def test_revision_forbidden_for_the_holder(client, org):
    agreement = _signed_agreement(org)
    agreement_sign(
        actor=org.kabid,
        agreement=agreement,
        signed_on=date(YEAR, 1, 2),
        signed_at="Sampang",
    )
    client.force_login(org.kasi)
    response = client.post(
        reverse("planning:agreement_revise", args=[agreement.pk]), {"reason": "ubah"}
    )
    assert response.status_code == 403
    assert Agreement.objects.count() == 1
