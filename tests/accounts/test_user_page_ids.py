"""Ids in the user page's forms stay plain digits above 999 (the thousands separator is on for
figures): the PostgreSQL demo walk posted '1.253' and got a 500 (session 3)."""

from datetime import date

import pytest
from django.urls import reverse

from kinerja.accounts.models import Assignment

pytestmark = pytest.mark.django_db


def test_an_assignment_id_above_999_is_written_and_read_back_as_digits(client, org):
    holder = org.staff
    assignment = Assignment.objects.filter(employee=holder.employee, ends_on=None).first()
    big = Assignment.objects.create(
        pk=1253, employee=assignment.employee, position=assignment.position,
        kind="plh", starts_on=date(2024, 3, 1),
    )  # fmt: skip
    client.force_login(org.admin)
    page = client.get(reverse("accounts:user", args=[holder.pk])).content.decode()
    assert f'name="assignment" value="{big.pk}"' in page and "1.253" not in page
    url = reverse("accounts:user_action", args=[holder.pk])
    refused = client.post(
        url, {"aksi": "akhiri-penugasan", "assignment": "1.253", "ends_on": "2024-03-05"}
    )
    assert refused.status_code == 302  # a message, never a 500
    client.post(url, {"aksi": "akhiri-penugasan", "assignment": "1253", "ends_on": "2024-03-05"})
    big.refresh_from_db()
    assert big.ends_on == date(2024, 3, 5)
