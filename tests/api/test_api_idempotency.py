"""A retried push is not counted twice: the same Idempotency-Key with the same request gets the
stored answer; with a different request, a 422; keys belong to one token."""

from __future__ import annotations

import io

import pytest
from api_helpers import V1, YEAR, client_with, system_token, user_token
from factories import indicator_of

from kinerja.api.models import IdempotencyRecord
from kinerja.audit.models import AuditEntry
from kinerja.measurement.models import Evidence, Realization

pytestmark = pytest.mark.django_db


def _push(client, indicator, key: str, value=4806, period=1):
    return client.post(
        f"{V1}/realizations/",
        {"indicator": indicator.pk, "year": YEAR, "period": period, "value": value},
        format="json",
        HTTP_IDEMPOTENCY_KEY=key,
    )


def test_a_retry_gets_the_stored_answer_and_writes_nothing(org):
    indicator = indicator_of(org, "kasi")
    client = client_with(system_token(org, [indicator]))
    first = _push(client, indicator, "siak-2024-01-ktp")
    again = _push(client, indicator, "siak-2024-01-ktp")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json() and again["Idempotent-Replayed"] == "true"
    assert again["Location"] == first["Location"]
    assert Realization.objects.count() == 1
    assert AuditEntry.objects.filter(action="realisasi.buat").count() == 1
    # Without a key the same push is refused as a duplicate, not applied twice either.
    assert _push(client, indicator, "siak-2024-01-ktp-b").status_code == 409


def test_the_same_key_with_another_body_is_a_422_and_changes_nothing(org):
    indicator = indicator_of(org, "kasi")
    client = client_with(system_token(org, [indicator]))
    _push(client, indicator, "kunci-1", value=10)
    other = _push(client, indicator, "kunci-1", value=11)
    assert other.status_code == 422 and other["Content-Type"] == "application/problem+json"
    assert other.json()["code"] == "kunci_idempotensi_berbeda"
    assert Realization.objects.get().value == 10


def test_refusals_are_replayed_too_and_keys_belong_to_one_token(org):
    indicator = indicator_of(org, "kasi")
    first = client_with(system_token(org, [indicator], name="A"))
    second = client_with(user_token(org, "kasi"))
    refused = _push(first, indicator, "k", value=-1)
    assert refused.status_code == 400
    replay = _push(first, indicator, "k", value=-1)
    assert replay.status_code == 400 and replay.json() == refused.json()
    assert replay["Content-Type"] == "application/problem+json"
    assert _push(second, indicator, "k", value=-1).json() == refused.json()
    assert IdempotencyRecord.objects.filter(key="k").count() == 2  # one per token
    bad = _push(first, indicator, "spasi tidak boleh")
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "Idempotency-Key"


def test_an_evidence_upload_retried_is_stored_once(org):
    indicator = indicator_of(org, "kasi")
    client = client_with(user_token(org, "kasi"))
    row = _push(client, indicator, "r").json()

    def upload():
        data = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
        data.name = "rekap-januari.pdf"
        return client.post(
            f"{V1}/realizations/{row['id']}/evidence/",
            {"file": data, "source": indicator.sources.first().pk},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="bukti-1",
        )

    first, again = upload(), upload()
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert Evidence.objects.count() == 1
    assert first.json()["sha256"] == Evidence.objects.get().sha256
