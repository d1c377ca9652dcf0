"""The coverage page: who may see it, lowest coverage first, sorting, and no personal data."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import factories
import pytest
from django.test import override_settings
from django.urls import reverse

from kinerja.population import synth
from kinerja.population.models import ExtractImport
from kinerja.population.services import extract_import, figures_compute

pytestmark = pytest.mark.django_db
# The organisation fixtures (tests/factories.py); this directory has no conftest of its own.
org, org_module = factories.org, factories.org_module
SNAPSHOT = date(2024, 12, 31)
URL = reverse("population:coverage")


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return synth(3000, seed=23, out_dir=tmp_path_factory.mktemp("synth"))


@pytest.fixture(scope="module")
def computed_module(org_module, files, django_db_blocker, tmp_path_factory):
    """Imported and computed once per module, inside org_module's transaction (rolled back at
    the module's end); the tests only read."""
    with (
        django_db_blocker.unblock(),
        override_settings(KINERJA_POPULATION_DIR=tmp_path_factory.mktemp("population")),
    ):
        record = extract_import(
            actor="tes",
            agency=org_module.agency,
            residents_path=files.residents,
            services_path=files.services,
            extract_date=SNAPSHOT,
        )
        figures_compute(actor="tes", extract=record, as_of=SNAPSHOT)
    return record


@pytest.fixture
def computed(org, computed_module):
    return computed_module


def get(client, user, **params):
    client.force_login(user)
    return client.get(URL, params)


def coverages(response) -> list[Decimal | None]:
    return [r.coverage for r in response.context["rows"]]


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("outsider", 403),
        ("staff", 403),
        ("head", 200),
        ("kabid", 200),
        ("kasi", 200),
        ("other_kasi", 200),
        ("admin", 200),
    ],
)
def test_reach(client, org, computed, role, status):
    assert get(client, org.users[role]).status_code == status


def test_head_sees_lowest_first_and_no_nik(client, org, computed, django_assert_max_num_queries):
    client.force_login(org.head)
    with django_assert_max_num_queries(14):
        response = client.get(URL)
    html = response.content.decode()
    values = coverages(response)
    assert len(values) == 14
    known = [v for v in values if v is not None]
    assert known == sorted(known) and values[: len(known)] == known
    lowest = response.context["rows"][0]
    assert lowest.name in html and "%" in html and "<svg" in html
    assert re.search(r"\d{2},\d{2}%", html)  # "85,50%"
    assert re.search(r"\d{16}", html) is None  # no NIK nor any 16-digit run
    assert "<script" not in html.split("<main", 1)[-1]


def test_sort_by_query_string(client, org, computed):
    desc = coverages(get(client, org.head, urut="-cakupan"))
    known = [v for v in desc if v is not None]
    assert known == sorted(known, reverse=True)
    names = [r.name for r in get(client, org.head, urut="wilayah").context["rows"]]
    assert names == sorted(names)
    dens = [r.denominator for r in get(client, org.head, urut="-penyebut").context["rows"]]
    assert dens == sorted(dens, reverse=True)


def test_desa_within_kecamatan_and_zero_denominator(client, org, computed):
    response = get(
        client, org.head, indikator="akta_kematian", tingkat="desa", kecamatan="35.27.01"
    )
    rows = response.context["rows"]
    assert rows and all(r.code.startswith("35.27.01.") and r.level == "desa" for r in rows)
    if any(r.denominator == 0 for r in rows):
        assert "tidak dapat dihitung" in response.content.decode()
        assert rows[-1].coverage is None
    assert len(get(client, org.head, tingkat="desa").context["rows"]) == 186


def test_page_without_import_says_how(client, org, computed):
    ExtractImport.objects.all().delete()  # the module's import, back after this test
    response = get(client, org.head)
    assert response.status_code == 200
    assert "kinerja population import" in response.content.decode()
