"""Admin edits obey the importer's rules; non-admins cannot reach the admin."""

import pytest
from django.urls import reverse

from kinerja.accounts.models import Role
from kinerja.accounts.services import role_grant
from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Decree, Indicator

pytestmark = pytest.mark.django_db


def _indicator_form(indicator, **changes):
    data = {
        "goal": indicator.goal_id,
        "name": indicator.name,
        "kind": indicator.kind,
        "formula": indicator.formula,
        "numerator": indicator.numerator,
        "denominator": indicator.denominator,
        "measure_unit": indicator.measure_unit,
        "polarity": indicator.polarity,
        "aggregation": indicator.aggregation,
        "frequency": indicator.frequency,
        "order": indicator.order,
        "indicatorsource_set-TOTAL_FORMS": "0",
        "indicatorsource_set-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return data


def test_percentage_without_denominator_is_refused(admin_client_, decree):
    indicator = Indicator.objects.get(name="Persentase penduduk ber KTP-el")
    url = reverse("admin:catalog_indicator_change", args=[indicator.pk])
    response = admin_client_.post(url, _indicator_form(indicator, denominator=""))
    assert response.status_code == 200
    assert "wajib punya penyebut" in response.content.decode()
    indicator.refresh_from_db()
    assert indicator.denominator == "Jumlah Penduduk wajib KTP – el"


def test_admin_changes_polarity_through_the_audited_service(admin_client_, admin_user, decree):
    indicator = Indicator.objects.get(name="Persentase penduduk ber KTP-el")
    url = reverse("admin:catalog_indicator_change", args=[indicator.pk])
    # a superuser runs the site but holds no agency's data: refused, nothing changed
    admin_client_.post(url, _indicator_form(indicator, polarity="lower"))
    indicator.refresh_from_db()
    assert indicator.polarity == "higher"
    role_grant(actor=None, user=admin_user, agency=decree.agency, role=Role.ADMINISTRATOR)
    response = admin_client_.post(url, _indicator_form(indicator, polarity="lower"))
    assert response.status_code == 302
    indicator.refresh_from_db()
    assert indicator.polarity == "lower"
    entry = AuditEntry.objects.get(action="indikator.pengaturan", object_id=str(indicator.pk))
    assert (entry.before["polarity"], entry.after["polarity"]) == ("higher", "lower")


def test_invalid_signatory_nip_is_refused(decree):
    decree.signatory_nip = "197113061993041001"
    with pytest.raises(Exception, match="bukan tanggal lahir yang sah"):
        decree.full_clean()
    Decree.objects.get(pk=decree.pk).full_clean()


def test_staff_cannot_open_admin(staff_client, decree):
    response = staff_client.get(reverse("admin:catalog_indicator_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
