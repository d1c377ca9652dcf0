"""Scoring settings written through audited services, and the catalog review page for them."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Agency, Indicator
from kinerja.catalog.settings_services import agency_settings_update, indicator_settings_update


def _guessed(org) -> Indicator:
    return Indicator.objects.filter(
        goal__position__decree=org.decree, kind="count", measure_confirmed=False
    ).first()


def test_administrator_confirms_a_guessed_unit_and_it_is_audited(org):
    indicator = _guessed(org)
    indicator_settings_update(
        actor=org.admin, indicator=indicator, measure_unit="unit", aggregation="stock"
    )
    indicator.refresh_from_db()
    assert (indicator.measure_unit, indicator.aggregation, indicator.measure_confirmed) == (
        "unit",
        "stock",
        True,
    )
    entry = AuditEntry.objects.get(action="indikator.pengaturan", object_id=str(indicator.pk))
    assert entry.before["measure_confirmed"] is False and entry.after["measure_unit"] == "unit"
    assert entry.agency_id == org.agency.pk


def test_refusals_change_nothing(org):
    indicator = _guessed(org)
    unit = indicator.measure_unit
    with pytest.raises(PermissionDenied):
        indicator_settings_update(actor=org.kasi, indicator=indicator, measure_unit="orang")
    with pytest.raises(ValidationError) as caught:
        indicator_settings_update(actor=org.admin, indicator=indicator, measure_unit="  ")
    assert "wajib mempunyai satuan" in caught.value.message_dict["measure_unit"][0]
    with pytest.raises(ValidationError):
        indicator_settings_update(actor=org.admin, indicator=indicator, aggregation="average")
    with pytest.raises(ValidationError):
        indicator_settings_update(actor=org.admin, indicator=indicator, name="x")
    indicator.refresh_from_db()
    assert (indicator.measure_unit, indicator.measure_confirmed) == (unit, False)
    assert not AuditEntry.objects.filter(action="indikator.pengaturan").exists()


def test_agency_scoring_rules_are_audited(org):
    agency_settings_update(
        actor=org.admin, agency=org.agency, predicate_scale="sampang-inspektorat-2019"
    )
    assert Agency.objects.get(pk=org.agency.pk).predicate_scale == "sampang-inspektorat-2019"
    entry = AuditEntry.objects.get(action="perangkat.pengaturan")
    assert (entry.before["predicate_scale"], entry.after["predicate_scale"]) == (
        "permendagri-86-2017",
        "sampang-inspektorat-2019",
    )
    with pytest.raises(ValidationError):
        agency_settings_update(actor=org.admin, agency=org.agency, lower_formula="sqrt")
    with pytest.raises(PermissionDenied):
        agency_settings_update(actor=org.head, agency=org.agency, zero_target="undefined")


def test_review_page_lists_guesses_and_confirms(client, org):
    url = reverse("catalog:measures", args=[org.decree.pk])
    client.force_login(org.admin)
    page = client.get(url)
    indicator = _guessed(org)
    assert page.status_code == 200 and indicator.name in page.content.decode()
    assert (
        page.context["unconfirmed"]
        == Indicator.objects.filter(
            goal__position__decree=org.decree, kind="count", measure_confirmed=False
        ).count()
    )
    client.post(url, {"indicator": indicator.pk, "measure_unit": "orang", "aggregation": "flow"})
    indicator.refresh_from_db()
    assert (indicator.measure_unit, indicator.measure_confirmed) == ("orang", True)
    client.post(
        url,
        {
            "what": "agency",
            "lower_formula": "difference_floor0",
            "zero_target": "equal_is_100",
            "predicate_scale": "permendagri-86-2017",
        },
    )
    assert Agency.objects.get(pk=org.agency.pk).lower_formula == "difference_floor0"
    check = client.get(reverse("catalog:check", args=[org.decree.pk])).content.decode()
    assert url in check  # the link is shown to whoever may use it


@pytest.mark.parametrize("role", ["kasi", "kabid", "outsider"])
def test_review_page_is_403_and_unlinked_for_others(client, org, role):
    url = reverse("catalog:measures", args=[org.decree.pk])
    client.force_login(org.users[role])
    assert client.get(url).status_code == 403
    assert client.post(url, {"what": "agency", "lower_formula": "inverse"}).status_code == 403
    assert Agency.objects.get(pk=org.agency.pk).lower_formula == "difference"
    check = client.get(reverse("catalog:check", args=[org.decree.pk]))
    assert url not in check.content.decode()


def test_pk_evidence_and_regional_head_from_the_settings_page(client, org):
    from kinerja.accounts.models import AgencySetting, RegionalHead

    url = reverse("catalog:measures", args=[org.decree.pk])
    client.force_login(org.admin)
    client.post(url, {"what": "pk", "pk_scope": "all", "evidence_rule": "none"})
    setting = AgencySetting.objects.get(agency=org.agency)
    assert (setting.pk_scope, setting.evidence_rule) == ("all", "none")
    client.post(
        url,
        {
            "what": "regional_head",
            "name": "H. Slamet Junaidi",
            "status": "definitif",
            "starts_on": "2024-02-26",
        },
    )
    head = RegionalHead.objects.get(agency=org.agency, name="H. Slamet Junaidi")
    assert (head.status, head.starts_on.isoformat(), head.ends_on) == (
        "definitif",
        "2024-02-26",
        None,
    )
    client.post(url, {"what": "regional_head", "name": "X", "status": "raja", "starts_on": "x"})
    assert not RegionalHead.objects.filter(name="X").exists()
    page = client.get(url).content.decode()
    assert "H. Slamet Junaidi" in page and "26 Februari 2024" in page
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"perangkat.pengaturan", "kepala_daerah.simpan"} <= actions
