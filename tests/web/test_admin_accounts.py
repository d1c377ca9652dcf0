"""Employee and assignment admin: same rules and audit as the services."""

import pytest
from django.urls import reverse

from kinerja.accounts.models import Assignment, Employee
from kinerja.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_employee_with_wrong_nip_is_refused(client, org):
    client.force_login(org.admin)
    response = client.post(
        reverse("admin:accounts_employee_add"),
        {
            "agency": org.agency.pk,
            "nip": "198013012005011001",
            "name": "Salah Tanggal",
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "bukan tanggal lahir yang sah" in response.content.decode()
    assert not Employee.objects.filter(name="Salah Tanggal").exists()


def test_assignment_added_in_admin_is_audited_and_exclusive(client, org):
    client.force_login(org.admin)
    newcomer = Employee.objects.create(agency=org.agency, nip="199001012015031002", name="Baru")
    url = reverse("admin:accounts_assignment_add")
    data = {
        "employee": newcomer.pk,
        "position": org.pos["sekretaris"].pk,
        "kind": "definitif",
        "starts_on": "2024-02-01",
    }
    assert client.post(url, data).status_code == 302
    assignment = Assignment.objects.get(employee=newcomer)
    entry = AuditEntry.objects.get(model="accounts.assignment", object_id=str(assignment.pk))
    assert (entry.action, entry.actor_label, entry.after["starts_on"]) == (
        "penugasan.buat",
        "admin",
        "2024-02-01",
    )
    other = Employee.objects.create(agency=org.agency, nip="199001012015031003", name="Kedua")
    data["employee"] = other.pk
    response = client.post(url, data)
    assert response.status_code == 200
    assert "sudah dijabat definitif oleh Baru sejak 01-02-2024" in response.content.decode()
    assert not Assignment.objects.filter(employee=other).exists()


def test_staff_user_cannot_reach_accounts_admin(client, org):
    client.force_login(org.kasi)
    response = client.get(reverse("admin:accounts_assignment_changelist"))
    assert response.status_code == 302
