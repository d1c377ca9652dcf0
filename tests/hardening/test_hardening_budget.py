"""Bounded work per query: a statement past its time budget is stopped (a progress handler on
SQLite, statement_timeout on PostgreSQL) and the page says so with a 503; a unique insert lost
to a concurrent save is a 409, not a 500."""

import time

import pytest
from django.db import IntegrityError, OperationalError, connection
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from kinerja.ops.middleware import DatabaseGuardMiddleware

ENDLESS = "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's progress handler")
@override_settings(KINERJA_QUERY_BUDGET_SECONDS=0.3)
def test_sqlite_query_stopped_at_its_budget(db):
    started = time.monotonic()
    with pytest.raises(OperationalError, match="interrupted"), connection.cursor() as cursor:
        cursor.execute(ENDLESS)
    assert time.monotonic() - started < 2
    with connection.cursor() as cursor:  # the connection is still usable
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's statement_timeout")
def test_postgresql_statement_timeout_set(db):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "10s"


def _through_guard(exc):
    def view(request):
        raise exc

    request = RequestFactory().get("/katalog/cari/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    guard = DatabaseGuardMiddleware(lambda r: HttpResponse())
    return guard.process_exception(request, exc)


def test_timeout_is_503_with_message(db):
    response = _through_guard(OperationalError("interrupted"))
    assert response.status_code == 503
    assert "melebihi batas waktu 10 detik" in response.content.decode()
    assert _through_guard(OperationalError("database is locked")).status_code == 503


def test_unique_race_is_409(db):
    exc = IntegrityError("UNIQUE constraint failed: measurement_realization.indicator_id")
    response = _through_guard(exc)
    assert response.status_code == 409
    assert "pengguna lain" in response.content.decode()


def test_other_database_errors_are_not_hidden(db):
    assert _through_guard(OperationalError("no such table: x")) is None
    assert _through_guard(IntegrityError("NOT NULL constraint failed: x.y")) is None
