"""Every failure under /api/ is a JSON problem (RFC 9457, application/problem+json) with an
Indonesian title and detail and a code: 400, 401, 403, 404, 405, 409, 413, 415, 422, 429, 500.
Never an HTML page."""

from __future__ import annotations

import io

import pytest
from api_helpers import V1, YEAR, client_with, user_token
from factories import indicator_of

from kinerja.api.models import ApiToken
from kinerja.api.services import token_revoke
from kinerja.measurement.services import realization_save

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _problem(response, status: int) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == status and body["title"] and body["detail"] and body["code"]
    assert "<html" not in response.content.decode().lower()
    return body


def test_401_without_a_token_with_a_wrong_one_and_after_revocation(org):
    body = _problem(client_with(None).get(f"{V1}/positions/"), 401)
    assert "Authorization: Bearer" in body["detail"]
    response = client_with("knj_000000000000_salah").get(f"{V1}/positions/")
    assert response["WWW-Authenticate"] == 'Bearer realm="kinerja"'
    _problem(response, 401)
    _problem(client_with("bukan-token").get(f"{V1}/positions/"), 401)
    secret = user_token(org, "kasi")
    client = client_with(secret)
    assert client.get(f"{V1}/positions/").status_code == 200
    token_revoke(actor=org.admin, token=ApiToken.objects.get())
    assert "dicabut" in _problem(client.get(f"{V1}/positions/"), 401)["detail"]


def test_403_404_405_and_unknown_paths(org):
    client = client_with(user_token(org, "other_kasi"))
    _problem(client.get(f"{V1}/positions/{org.pos['kasi'].pk}/"), 403)
    body = _problem(client.get(f"{V1}/positions/987654321/"), 404)
    assert "tidak ditemukan" in body["detail"]
    _problem(client.get(f"{V1}/positions/99999999999999999999/"), 404)  # past a 64-bit id
    _problem(client.delete(f"{V1}/positions/"), 405)
    for path in ("/api/", "/api/v2/positions/", f"{V1}tidak-ada", f"{V1}positions"):
        _problem(client.post(path, {}, format="json"), 404)
    _problem(client.get(f"{V1}/positions/", {"year": "abc", "unit": "-1"}), 400)


def test_400_unreadable_json_and_415_other_content_types(org):
    client = client_with(user_token(org, "kasi"))
    body = _problem(
        client.generic("POST", f"{V1}/realizations/", "{bukan json", "application/json"), 400
    )
    assert body["code"] == "tidak_terbaca"
    body = _problem(client.generic("POST", f"{V1}/realizations/", "x=1", "text/plain"), 415)
    assert "text/plain" in body["detail"]


def test_413_request_and_evidence_too_large(org, settings):
    client = client_with(user_token(org, "kasi"))
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    big = {"indicator": 1, "year": YEAR, "period": 1, "note": "x" * 5000}
    _problem(client.post(f"{V1}/realizations/", big, format="json"), 413)
    settings.KINERJA_MAX_EVIDENCE_BYTES = 100
    indicator = indicator_of(org, "kasi")
    realization = realization_save(
        actor=org.kasi, indicator=indicator, year=YEAR, period=1, value=1
    )
    upload = io.BytesIO(b"%PDF-1.4\n" + b"0" * 500 + b"\n%%EOF\n")
    upload.name = "besar.pdf"
    response = client.post(
        f"{V1}/realizations/{realization.pk}/evidence/",
        {"file": upload, "source": indicator.sources.first().pk},
        format="multipart",
    )
    assert "melebihi batas" in _problem(response, 413)["detail"]


def test_429_past_the_rate_with_retry_after(org, settings):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"token": "3/min"},
    }
    first, second = client_with(user_token(org, "kasi")), client_with(user_token(org, "kabid"))
    for _ in range(3):
        assert first.get(f"{V1}/agencies/").status_code == 200
    response = first.get(f"{V1}/agencies/")
    _problem(response, 429)
    assert int(response["Retry-After"]) >= 1
    assert second.get(f"{V1}/agencies/").status_code == 200  # counted per token


def test_500_is_a_logged_problem_not_a_page(org, monkeypatch):
    import logging

    from kinerja.api import views_catalog

    def broken(self):
        raise RuntimeError("uji")

    monkeypatch.setattr(views_catalog.AgencyList, "get_queryset", broken)
    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("kinerja.api.problems")
    logger.addHandler(handler)
    try:
        body = _problem(client_with(user_token(org, "kasi")).get(f"{V1}/agencies/"), 500)
    finally:
        logger.removeHandler(handler)
    assert "uji" not in body["detail"]  # no internals in the answer
    assert [r.exc_info[1].args for r in records] == [("uji",)]
