"""Realization writes through the API: the pages' services, their per-field messages with a code,
optimistic locking (409 with the current row), audit, the token's indicator list, and submit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from api_helpers import V1, YEAR, client_with, system_token, user_token
from factories import indicator_of

from kinerja.audit.models import AuditEntry
from kinerja.measurement.models import Realization

pytestmark = pytest.mark.django_db


def _post(client, indicator, period=1, **values):
    body = {"indicator": indicator.pk, "year": YEAR, "period": period, **values}
    return client.post(f"{V1}/realizations/", body, format="json")


def test_holder_creates_updates_and_submits_a_draft_audited(org):
    client = client_with(user_token(org, "kasi"))
    indicator = indicator_of(org, "kasi")
    created = _post(client, indicator, value=1234, note="dari aplikasi layanan")
    assert created.status_code == 201, created.content
    data = created.json()
    assert (data["status"], data["value"], data["version"]) == ("draft", "1234", 1)
    assert created["Location"] == f"{V1}/realizations/{data['id']}/"
    row = Realization.objects.get(pk=data["id"])
    assert row.value == Decimal(1234) and row.entered_by == org.kasi
    entry = AuditEntry.objects.get(action="realisasi.buat", object_id=str(row.pk))
    assert entry.actor == org.kasi and entry.after["value"] == "1234"

    updated = client.put(
        f"{V1}/realizations/{row.pk}/", {"value": "1250.0", "version": 1}, format="json"
    )
    assert updated.status_code == 200, updated.content
    assert (updated.json()["value"], updated.json()["version"]) == ("1250", 2)
    assert AuditEntry.objects.filter(action="realisasi.ubah", object_id=str(row.pk)).count() == 1

    submitted = client.post(f"{V1}/realizations/{row.pk}/submit/", {"version": 2}, format="json")
    assert submitted.status_code == 200, submitted.content
    assert submitted.json()["status"] == "submitted"
    assert Realization.objects.get(pk=row.pk).status == "submitted"
    # A submitted row is locked: the service's message, per field, in a problem.
    locked = client.put(f"{V1}/realizations/{row.pk}/", {"value": 1, "version": 3}, format="json")
    assert locked.status_code == 400
    assert locked.json()["errors"][0]["field"] == "status"
    assert "terkunci" in locked.json()["errors"][0]["message"]


def test_stale_version_is_a_409_with_the_current_row_and_nothing_written(org):
    client = client_with(user_token(org, "kasi"))
    indicator = indicator_of(org, "kasi")
    row_id = _post(client, indicator, value=10).json()["id"]
    client.put(f"{V1}/realizations/{row_id}/", {"value": 11, "version": 1}, format="json")
    stale = client.put(f"{V1}/realizations/{row_id}/", {"value": 99, "version": 1}, format="json")
    assert stale.status_code == 409
    assert stale["Content-Type"] == "application/problem+json"
    problem = stale.json()
    assert problem["current"]["value"] == "11" and problem["current"]["version"] == 2
    assert "sudah diubah oleh pengguna lain" in problem["detail"]
    assert Realization.objects.get(pk=row_id).value == Decimal(11)
    again = _post(client, indicator, value=12)
    assert again.status_code == 409 and again.json()["code"] == "sudah_ada"
    assert again.json()["current"]["id"] == row_id


def test_field_messages_are_indonesian_with_a_code(org):
    client = client_with(user_token(org, "kabid"))
    percentage = indicator_of(org, "kabid")
    response = _post(client, percentage, numerator=120, denominator=100)
    assert response.status_code == 400
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert "melebihi penyebut" in errors["numerator"]["message"]
    assert errors["numerator"]["code"] == "invalid"
    response = _post(client, percentage, value=5)
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"numerator", "denominator", "value"} <= fields
    response = client.post(f"{V1}/realizations/", {"year": 1999, "period": 13}, format="json")
    errors = {e["field"]: e for e in response.json()["errors"]}
    assert errors["indicator"]["code"] == "required"
    assert errors["year"]["code"] == "min_value" and errors["period"]["code"] == "max_value"
    assert "1,5" in _post(client, percentage, numerator="1,5", denominator=2).json()["detail"]
    assert not Realization.objects.exists()


def test_a_system_token_posts_only_its_indicators_and_is_recorded_as_itself(org):
    given, other = indicator_of(org, "kasi", 0), indicator_of(org, "kasi", 1)
    client = client_with(system_token(org, [given], name="SIAK Sampang"))
    ok = _post(client, given, value=7)
    assert ok.status_code == 201, ok.content
    assert ok.json()["entered_by"] == "SIAK Sampang (token API)"
    refused = _post(client, other, value=7)
    assert refused.status_code == 403
    assert "indikator yang diberikan" in refused.json()["detail"]
    # It reads the agency like the operator role does, and verifies nothing.
    assert client.get(f"{V1}/realizations/{ok.json()['id']}/").status_code == 200
    assert Realization.objects.count() == 1


def test_someone_else_s_position_is_refused_before_anything_is_written(org):
    client = client_with(user_token(org, "other_kasi"))
    response = _post(client, indicator_of(org, "kasi"), value=3)
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    assert not Realization.objects.exists()
    missing = client.post(
        f"{V1}/realizations/",
        {"indicator": 987654321, "year": YEAR, "period": 1, "value": 1},
        format="json",
    )
    assert missing.status_code == 400 and missing.json()["errors"][0]["field"] == "indicator"
