"""Targets and Perjanjian Kinerja pages: who may change what, and what the database holds after."""

import pytest
from django.urls import reverse

from kinerja.catalog.models import Indicator
from kinerja.planning.models import Agreement, Target

pytestmark = pytest.mark.django_db
YEAR = 2024


def _as(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 200), ("head", 200), ("kasi", 200), ("staff", 403), ("outsider", 403)],
)
def test_targets_page_reach(client, org, role, status):
    url = reverse("planning:targets", args=[org.pos["kasi"].pk])
    assert _as(client, org.users[role]).get(url).status_code == status


@pytest.mark.parametrize(("role", "allowed"), [("admin", True), ("head", True), ("kasi", False)])
def test_target_save_permission(client, org, role, allowed):
    indicator = Indicator.objects.filter(goal__position=org.pos["kasi"]).first()
    url = reverse("planning:target_save", args=[indicator.pk])
    response = _as(client, org.users[role]).post(
        url, {"year": YEAR, "plan": "renja", "value": "1.200", "reason": "Renja 2024"}
    )
    target = Target.objects.filter(indicator=indicator, year=YEAR, plan="renja").first()
    if allowed:
        assert response.status_code == 302
        assert target.value == 1200
    else:
        assert response.status_code == 403
        assert target is None


def test_target_outside_period_is_refused_with_message(client, org):
    indicator = Indicator.objects.filter(goal__position=org.pos["kasi"]).first()
    c = _as(client, org.admin)
    response = c.post(
        reverse("planning:target_save", args=[indicator.pk]),
        {"year": 2030, "plan": "renja", "value": "5"},
        follow=True,
    )
    assert "di luar periode 2019-2024" in response.content.decode()
    assert not Target.objects.exists()


def test_agreement_create_sign_revise_through_pages(client, org):
    position = org.pos["kasi"]
    c = _as(client, org.admin)
    for indicator in Indicator.objects.filter(goal__position=position):
        c.post(
            reverse("planning:target_save", args=[indicator.pk]),
            {"year": YEAR, "plan": "renja", "value": "100"},
        )
    response = c.post(reverse("planning:agreement_create"), {"position": position.pk, "year": YEAR})
    agreement = Agreement.objects.get(position=position, year=YEAR)
    assert response["Location"] == reverse("planning:agreement", args=[agreement.pk])
    assert agreement.second_party == org.emp["kabid"]
    detail = c.get(response["Location"]).content.decode()
    assert "PERJANJIAN KINERJA TAHUN 2024" in detail
    assert "— → Konsep" in detail
    assert "selaku atasan langsung pihak pertama" in detail

    # The staff member cannot record the signing of his supervisor's PK.
    sign = reverse("planning:agreement_sign", args=[agreement.pk])
    _as(client, org.staff).post(sign, {"signed_on": "2024-01-03", "signed_at": "Sampang"})
    agreement.refresh_from_db()
    assert agreement.status == "draft"

    _as(client, org.kabid).post(sign, {"signed_on": "2024-01-03", "signed_at": "Sampang"})
    agreement.refresh_from_db()
    assert (agreement.status, agreement.signed_on.isoformat()) == ("signed", "2024-01-03")

    indicator = agreement.items.first().indicator
    locked = _as(client, org.admin).post(
        reverse("planning:target_save", args=[indicator.pk]),
        {"year": YEAR, "plan": "renja", "value": "90"},
        follow=True,
    )
    assert "buat PK Perubahan" in locked.content.decode()
    assert Target.objects.get(indicator=indicator, year=YEAR, plan="renja").value == 100

    response = client.post(
        reverse("planning:agreement_revise", args=[agreement.pk]), {"reason": "refocusing"}
    )
    revision = Agreement.objects.get(replaces=agreement)
    assert (revision.revision, revision.status, revision.reason) == (1, "draft", "refocusing")
    client.post(
        reverse("planning:target_save", args=[indicator.pk]),
        {"year": YEAR, "plan": "renja", "value": "90"},
    )
    assert Target.objects.get(indicator=indicator, year=YEAR, plan="renja").value == 90


def test_agreement_list_is_scoped(client, org):
    for role in ["kasi", "other_kasi"]:
        position = org.pos[role]
        for indicator in Indicator.objects.filter(goal__position=position):
            _as(client, org.admin).post(
                reverse("planning:target_save", args=[indicator.pk]),
                {"year": YEAR, "plan": "renstra", "value": "10"},
            )
    Agreement.objects.all().delete()
    c = _as(client, org.admin)
    c.post(reverse("planning:agreement_create"), {"position": org.pos["kasi"].pk, "year": YEAR})
    listed = _as(client, org.staff).get(reverse("planning:agreements")).context["agreements"]
    assert list(listed) == []
    listed = _as(client, org.kabid).get(reverse("planning:agreements")).context["agreements"]
    assert [a.position.name for a in listed] == ["Kepala Seksi Identitas Penduduk"]
    detail = reverse("planning:agreement", args=[listed[0].pk])
    assert _as(client, org.other_kasi).get(detail).status_code == 403


def test_agreement_create_with_garbage_ids_is_400_not_500(client, org):
    response = _as(client, org.admin).post(
        reverse("planning:agreement_create"), {"position": "abc", "year": "2024"}
    )
    assert response.status_code == 400
    assert not Agreement.objects.exists()


def test_quarterly_action_plan_target_and_history(client, org, django_assert_max_num_queries):
    indicator = Indicator.objects.filter(goal__position=org.pos["kasi"]).first()
    c = _as(client, org.admin)
    url = reverse("planning:target_save", args=[indicator.pk])
    c.post(url, {"year": YEAR, "plan": "renja", "quarter": "2", "value": "300", "reason": "TW II"})
    c.post(url, {"year": YEAR, "plan": "renstra", "quarter": "2", "value": "9"})
    target = Target.objects.get(indicator=indicator, year=YEAR)
    assert (target.plan, target.quarter, target.value) == ("renja", 2, 300)
    with django_assert_max_num_queries(12):
        page = c.get(reverse("planning:targets", args=[org.pos["kasi"].pk]))
    assert [t.quarter for t in page.context["quarterly"]] == [2]
    history = list(page.context["history"])  # (entry, the same in words)
    assert [(e.actor_label, e.after["value"], e.reason) for e, _ in history] == [
        ("admin", "300", "TW II")
    ]
    assert history[0][1].changes == ["Nilai: 300"]
