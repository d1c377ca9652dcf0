"""PK annex rows "tidak ditargetkan tahun ini": set on a draft by the planner, audited, printed,
never scored (the read model's side is in tests/measurement/test_achievement.py)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Indicator
from kinerja.planning.models import Agreement, AgreementItem, Target
from kinerja.planning.services import (
    agreement_create,
    agreement_item_set_targeted,
    agreement_sign,
)

YEAR = 2024


@pytest.fixture
def draft(org):
    position = org.pos["kabid"]
    for indicator in Indicator.objects.filter(goal__position=position):
        Target.objects.create(
            indicator=indicator, year=YEAR, plan=Target.Plan.RENJA, value=D("95.5")
        )
    return agreement_create(actor=org.admin, position=position, year=YEAR, day=date(2024, 1, 3))


def test_planner_marks_a_row_not_targeted_and_back(org, draft):
    item = draft.items.order_by("order").first()
    agreement_item_set_targeted(actor=org.admin, item=item, not_targeted_reason="tidak ada DPA")
    item.refresh_from_db()
    assert (item.not_targeted_reason, item.target_value) == ("tidak ada DPA", None)
    entry = AuditEntry.objects.filter(action="pk.butir").get()
    assert entry.before["target_value"] == "95.5" and entry.after["not_targeted_reason"] == (
        "tidak ada DPA"
    )
    agreement_item_set_targeted(actor=org.admin, item=item)
    item.refresh_from_db()
    assert (item.not_targeted_reason, item.target_value) == ("", D("95.5"))
    assert AuditEntry.objects.filter(action="pk.butir").count() == 2


def test_holder_may_not_and_a_signed_pk_changes_by_pk_perubahan(org, draft):
    item = draft.items.first()
    with pytest.raises(PermissionDenied):
        agreement_item_set_targeted(actor=org.kasi, item=item, not_targeted_reason="x")
    Agreement.objects.filter(pk=draft.pk).update(status=Agreement.Status.SIGNED)
    with pytest.raises(ValidationError) as caught:
        agreement_item_set_targeted(actor=org.admin, item=item, not_targeted_reason="x")
    assert "PK Perubahan" in caught.value.message_dict["status"][0]
    assert AgreementItem.objects.get(pk=item.pk).not_targeted_reason == ""


def test_page_form_needs_a_reason_and_shows_the_row(client, org, draft):
    item = draft.items.order_by("order").first()
    client.force_login(org.admin)
    url = reverse("planning:agreement_item", args=[item.pk])
    client.post(url, {"action": "exclude", "reason": "  "})
    assert AgreementItem.objects.get(pk=item.pk).not_targeted_reason == ""
    client.post(url, {"action": "exclude", "reason": "kegiatan dipindah ke bidang lain"})
    assert AgreementItem.objects.get(pk=item.pk).not_targeted_reason == (
        "kegiatan dipindah ke bidang lain"
    )
    page = client.get(reverse("planning:agreement", args=[draft.pk])).content.decode()
    assert "tidak ditargetkan tahun ini" in page and "kegiatan dipindah ke bidang lain" in page
    client.force_login(org.outsider)
    assert client.post(url, {"action": "include"}).status_code in (403, 404)


def test_signing_keeps_a_row_not_targeted_and_does_not_ask_for_its_target(org, draft):
    item = draft.items.order_by("order").first()
    agreement_item_set_targeted(actor=org.admin, item=item, not_targeted_reason="tidak ada DPA")
    signed = agreement_sign(
        actor=org.admin,
        agreement=draft,
        signed_on=date(2024, 1, 5),
        signed_at="Sampang",
        today=date(2024, 1, 5),
    )
    assert signed.status == Agreement.Status.SIGNED
    row = signed.items.get(indicator_id=item.indicator_id)
    assert (row.not_targeted_reason, row.target_value) == ("tidak ada DPA", None)
    assert signed.items.exclude(pk=row.pk).filter(target_value=D("95.5")).count() == (
        signed.items.count() - 1
    )
