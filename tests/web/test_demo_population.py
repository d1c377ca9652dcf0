"""The demo's synthetic register: imported once, figures for every kecamatan, nothing kept of the
synthetic files."""

import io

import pytest

from kinerja.demo.demo_population import demo_population
from kinerja.population.models import AreaFigure, ExtractImport

pytestmark = pytest.mark.django_db


def test_demo_population_once(decree, settings, tmp_path):
    settings.KINERJA_POPULATION_DIR = tmp_path / "population"
    out = io.StringIO()
    first = demo_population(agency=decree.agency, year=2024, stdout=out, residents=2_000)
    assert "diterima" in out.getvalue() and "31-12-2024" in out.getvalue()
    kecamatan = AreaFigure.objects.filter(
        extract=first, indicator_key="ktp_el", area_level="kecamatan"
    )
    assert kecamatan.count() == 14
    kabupaten = AreaFigure.objects.get(
        extract=first, indicator_key="ktp_el", area_level="kabupaten"
    )
    assert kabupaten.numerator == sum(f.numerator for f in kecamatan)
    assert kabupaten.denominator == sum(f.denominator for f in kecamatan)
    rows = AreaFigure.objects.count()
    second = demo_population(agency=decree.agency, year=2024, stdout=io.StringIO())
    assert second.pk == first.pk
    assert (ExtractImport.objects.count(), AreaFigure.objects.count()) == (1, rows)
    kept = sorted(p.name for p in (tmp_path / "population").iterdir())
    assert [name.split("-")[0] for name in kept] == ["karantina", "kerja"]
