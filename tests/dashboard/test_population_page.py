"""The population page (#16.5): the kabupaten total first, a legend for every colour, sorting,
the XLSX of the same rows, kecamatan and desa drill-down; the register headline of the head's
dashboard reads the same figures."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from django.test import override_settings
from django.urls import reverse
from openpyxl import load_workbook
from queries import own_queries

from kinerja.core.numbers import format_percent
from kinerja.dashboard.coverage import coverage_headline
from kinerja.population import synth
from kinerja.population.models import AreaFigure
from kinerja.population.selectors import coverage
from kinerja.population.services import extract_import, figures_compute

pytestmark = pytest.mark.django_db
SNAPSHOT = date(2024, 12, 31)
URL = reverse("population:coverage")


@pytest.fixture(scope="module")
def computed_module(org_module, django_db_blocker, tmp_path_factory):
    files = synth(2000, seed=7, out_dir=tmp_path_factory.mktemp("synth"))
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


def kabupaten(extract, key):
    return AreaFigure.objects.get(
        extract=extract, as_of=SNAPSHOT, indicator_key=key, area_level="kabupaten"
    )


def test_kabupaten_total_first_then_areas_with_legend(client, org, computed):
    client.force_login(org.head)
    response = client.get(URL, {"indikator": "kk"})
    html = response.content.decode()
    total = kabupaten(computed, "kk")
    shown = format_percent(coverage(total.numerator, total.denominator))
    assert response.context["total"].coverage == coverage(total.numerator, total.denominator)
    body = html.split("<tbody>", 1)[1]
    first_row = body.split("</tr>", 1)[0]
    assert "(total)" in first_row and shown in first_row  # the kabupaten before any area
    for words in ("cakupan 95% atau lebih", "cakupan di bawah 80%", "tidak dapat dihitung"):
        assert words in html  # a legend for every colour of the chart
    chart = response.context["chart"]
    assert chart.rows[0] == (f"{total.area_name} (total)", shown)
    assert len(chart.rows) == 1 + len(response.context["rows"])


def test_drill_down_to_the_desa_of_a_kecamatan(client, org, computed):
    client.force_login(org.head)
    html = client.get(URL).content.decode()
    link = re.search(r'href="\?indikator=ktp_el&amp;tingkat=desa&amp;kecamatan=([0-9.]+)', html)
    code = link.group(1)
    response = client.get(URL, {"indikator": "ktp_el", "kecamatan": code})
    assert response.context["level"] == "desa"  # choosing a kecamatan opens its desa
    rows = response.context["rows"]
    assert rows and all(r.code.startswith(code + ".") for r in rows)
    kecamatan = response.context["kecamatan_row"]
    assert kecamatan.code == code
    assert sum(r.numerator for r in rows) == kecamatan.numerator  # its desa add up to it
    assert f"Kecamatan {kecamatan.name}" in response.content.decode()


def test_sorting_by_each_column(client, org, computed):
    client.force_login(org.head)
    names = [r.name for r in client.get(URL, {"urut": "-wilayah"}).context["rows"]]
    assert names == sorted(names, reverse=True)
    html = client.get(URL, {"urut": "cakupan"}).content.decode()
    assert 'aria-sort="ascending"' in html


def test_xlsx_has_the_same_rows_in_the_same_order(client, org, computed):
    client.force_login(org.head)
    page = client.get(URL, {"indikator": "ktp_el", "urut": "-cakupan"})
    response = client.get(page.context["xlsx"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith('attachment; filename="cakupan-ktp_el-')
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=5, values_only=True))
    total = page.context["total"]
    assert rows[0][:5] == (total.code, total.name, "kabupaten", total.numerator, total.denominator)
    assert rows[0][5] == pytest.approx(float(total.coverage))
    assert [r[0] for r in rows[1:]] == [r.code for r in page.context["rows"]]
    assert sheet.cell(5, 4).number_format == "#,##0"


def test_xlsx_and_page_refused_without_reach(client, org, computed):
    client.force_login(org.staff)
    assert client.get(URL).status_code == 403
    assert client.get(reverse("population:coverage_xlsx")).status_code == 403


def test_head_dashboard_headline_reads_the_same_figures(client, org, computed):
    figures, as_of = coverage_headline(org.agency.pk)
    assert as_of == SNAPSHOT
    assert [f.key for f in figures] == ["ktp_el", "kk", "akta_lahir_0_18", "kia"]
    ktp = kabupaten(computed, "ktp_el")
    assert figures[0].value == coverage(ktp.numerator, ktp.denominator)
    client.force_login(org.head)
    html = client.get(reverse("dashboard:office", args=[org.agency.pk])).content.decode()
    assert figures[0].text in html and "31 Desember 2024" in html
    assert f'href="{URL}?indikator=ktp_el"' in html


def test_query_count_is_pinned(client, org, computed):
    client.force_login(org.head)
    assert own_queries(client, URL) == 5
