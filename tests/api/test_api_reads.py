"""Reads: the catalog with stable keys, filters and pages, realizations with evidence metadata
and download, scored figures identical to the read model, and register figures per area."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from api_helpers import V1, YEAR, client_with, user_token
from factories import indicators_of

from kinerja.catalog.models import Position
from kinerja.core.numbers import format_percent
from kinerja.measurement.achievement import achievement
from kinerja.measurement.services import evidence_add, realization_save
from kinerja.planning.services import target_set
from kinerja.population.models import AreaFigure, ExtractImport
from kinerja.scoring import Period

pytestmark = pytest.mark.django_db


def _kasi_figures(org):
    for number, indicator in enumerate(indicators_of(org.pos["kasi"])):
        target_set(actor=org.admin, indicator=indicator, year=YEAR, plan="renja", value="1200")
        for month in (1, 2, 3):
            realization_save(
                actor=org.kasi,
                indicator=indicator,
                year=YEAR,
                period=month,
                value=90 + 7 * number + month,
            )


def test_catalog_positions_with_stable_keys_goals_and_indicators(org):
    client = client_with(user_token(org, "head"))
    kasi = org.pos["kasi"]
    detail = client.get(f"{V1}/positions/{kasi.pk}/").json()
    assert detail["key"] == kasi.key and detail["stable_key"] == (kasi.stable_key or kasi.key)
    assert detail["supervisor"] == org.pos["kabid"].pk and detail["decree"] == org.decree.pk
    first = detail["goals"][0]["indicators"][0]
    indicator = indicators_of(kasi)[0]
    assert first["id"] == indicator.pk and first["kind"] == "count"
    assert first["satuan"] == indicator.measure_unit and first["aggregation"] == "flow"
    assert [s["name"] for s in first["sources"]] == [s.name for s in indicator.sources.all()]
    # Filters and pages: the decree in force for a year, a unit with the units under it.
    everything = Position.objects.filter(decree=org.decree).count()
    page = client.get(f"{V1}/positions/", {"year": YEAR, "page_size": 5}).json()
    assert page["count"] == everything and len(page["results"]) == 5 and page["next"]
    assert client.get(f"{V1}/positions/", {"year": 2099}).json()["count"] == 0
    unit = client.get(f"{V1}/positions/", {"unit": kasi.unit_id}).json()["results"]
    assert kasi.pk in {p["id"] for p in unit}
    same = client.get(f"{V1}/positions/", {"stable_key": kasi.stable_key or kasi.key})
    assert [p["id"] for p in same.json()["results"]] == [kasi.pk]


def test_figures_are_the_read_model_s(org):
    _kasi_figures(org)
    client = client_with(user_token(org, "head"))
    model = achievement([org.pos["kasi"]], YEAR, as_of=Period.parse(f"{YEAR}-03"))
    response = client.get(
        f"{V1}/figures/indicators/",
        {"year": YEAR, "as_of": f"{YEAR}-03", "position": org.pos["kasi"].pk},
    ).json()
    assert response["as_of_label"] == model.as_of_label and response["rules"][0]["lines"]
    assert len(response["results"]) == len(model.indicators) == 3
    for row, figure in zip(response["results"], model.indicators, strict=True):
        assert Decimal(row["capaian"]) == figure.capaian
        assert row["capaian_text"] == format_percent(figure.capaian)
        assert row["value_text"] == figure.value_text and row["target"] == "1200"
        assert row["target_basis"]["code"] == "renja" and row["reason"] is None
        assert [c["value"] for c in row["cells"][:3]] == [
            format(c.value.normalize(), "f") for c in figure.cells[:3]
        ]
    positions = client.get(
        f"{V1}/figures/positions/",
        {"year": YEAR, "as_of": f"{YEAR}-03", "position": org.pos["kasi"].pk},
    ).json()["results"]
    assert positions[0]["capaian"] == f"{model.positions[org.pos['kasi'].pk].capaian:f}"
    # The office figure only for whoever sees the whole office; a Kasi gets none.
    office = client.get(f"{V1}/figures/agencies/", {"year": YEAR}).json()["results"]
    whole = achievement(list(Position.objects.filter(decree=org.decree)), YEAR)
    assert office[0]["capaian"] == f"{whole.agencies[org.agency.pk].capaian:f}"
    kasi_view = client_with(user_token(org, "kasi")).get(f"{V1}/figures/agencies/")
    assert kasi_view.json()["results"] == []
    bad = client.get(f"{V1}/figures/indicators/", {"year": YEAR, "as_of": "2023-05"})
    assert bad.status_code == 400 and bad.json()["errors"][0]["field"] == "as_of"


def test_a_figure_that_cannot_be_computed_says_why(org):
    client = client_with(user_token(org, "kasi"))
    rows = client.get(f"{V1}/figures/indicators/", {"year": YEAR}).json()["results"]
    assert rows and all(r["capaian"] is None and r["reason"] for r in rows)
    assert all(r["capaian_text"] == "" for r in rows)


def test_realizations_carry_status_and_evidence_metadata(org):
    indicator = indicators_of(org.pos["kasi"])[0]
    realization = realization_save(
        actor=org.kasi, indicator=indicator, year=YEAR, period=2, value=5
    )
    evidence = evidence_add(
        actor=org.kasi,
        realization=realization,
        name="rekap.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        source=indicator.sources.first(),
    )
    client = client_with(user_token(org, "kabid"))
    rows = client.get(f"{V1}/realizations/", {"year": YEAR, "period": 2}).json()["results"]
    assert [r["id"] for r in rows] == [realization.pk]
    meta = rows[0]["evidence"][0]
    assert (meta["original_name"], meta["size"], meta["sha256"]) == (
        "rekap.pdf",
        15,
        evidence.sha256,
    )
    assert meta["content_type"] == "application/pdf" and meta["uploaded_by"] == "Pegawai kasi"
    download = client.get(meta["download"])
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")
    assert client.get(f"{V1}/realizations/", {"status": "verified"}).json()["count"] == 0
    listed = client.get(f"{V1}/evidence/", {"year": YEAR}).json()["results"]
    assert [(e["id"], e["realization"]) for e in listed] == [(evidence.pk, realization.pk)]
    outside = client_with(user_token(org, "other_kasi")).get(f"{V1}/evidence/").json()
    assert outside["count"] == 0


def test_register_figures_per_area(org):
    client = client_with(user_token(org, "head"))
    empty = client.get(f"{V1}/register/").json()
    assert empty["results"] == [] and "belum ada ekstrak" in empty["reason"]
    extract = ExtractImport.objects.create(
        agency=org.agency, residents_sha256="0" * 64, extract_date=date(2024, 12, 31)
    )
    for code, name, numerator, denominator in (
        ("35.27.01", "Sreseh", 171, 200),
        ("35.27.02", "Torjun", 0, 0),
    ):
        AreaFigure.objects.create(
            extract=extract,
            as_of=date(2024, 12, 31),
            indicator_key="ktp_el",
            area_code=code,
            area_level="kecamatan",
            area_name=name,
            numerator=numerator,
            denominator=denominator,
        )
    body = client.get(f"{V1}/register/", {"indicator_key": "ktp_el"}).json()
    assert body["as_of"] == "2024-12-31" and body["extract"] == extract.pk
    assert [(r["area_name"], r["coverage"]) for r in body["results"]] == [
        ("Sreseh", "85.50"),
        ("Torjun", None),
    ]
    assert client_with(user_token(org, "staff")).get(f"{V1}/register/").status_code == 403
