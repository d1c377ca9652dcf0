"""No personal data in results, quarantine output or logs (UU 27/2022); and the synthetic extract
looks like Sampang."""

# ruff: noqa: F811  (pytest fixtures imported from population_helpers)

from __future__ import annotations

import csv
import logging
import re
from datetime import date

import pytest
from population_helpers import SNAPSHOT, extract, summary  # noqa: F401  (fixtures)

from kinerja.population import compute, import_extract, service_counts, synth
from kinerja.population.regions import desa_of, kecamatan_of


def _personal(path) -> tuple[set[str], set[str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return {r["nik"] for r in rows}, {r["tgl_lahir"] for r in rows}


def test_no_personal_data_in_results_quarantine_or_logs(tmp_path, caplog):
    result = synth(2000, seed=3, out_dir=tmp_path, invalid_share=0.05)
    niks, births = _personal(result.residents)
    caplog.set_level(logging.DEBUG)
    s = import_extract(result.residents, result.services, extract_date=SNAPSHOT)
    try:
        out = tmp_path / "karantina.csv"
        s.write_quarantine(out)
        texts = [
            repr(compute(s, date(2024, 6, 30))),
            repr(service_counts(s)),
            repr(s),
            repr(s.quarantine()),
            out.read_text(encoding="utf-8"),
            caplog.text,
        ]
        tables = {t for (t,) in s.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        columns = s.con.execute("SELECT column_name FROM duckdb_columns()").fetchall()
    finally:
        s.close()
    assert "impor ekstrak: penduduk" in caplog.text
    for text in texts:
        found = set(re.findall(r"\d{16}", text))
        assert not found & niks
        assert not any(b in text for b in births if b)
        assert not re.search(r"\d{5}\*|\d{16}", text.replace("3527************", ""))
    # The working database keeps no NIK and no raw extract once validated.
    assert "tahap_penduduk" not in tables and "periksa_penduduk" not in tables
    assert ("nik",) not in columns and ("no_kk",) not in columns


def test_sampang_regions_and_rates(summary):
    results = compute(summary, date(2024, 12, 31), levels=["kabupaten", "kecamatan"])
    kecamatan = {r.area_code for r in results if r.area_level == "kecamatan"}
    assert kecamatan == {k.code for k in kecamatan_of("35.27")}
    assert len(kecamatan) == 14 and len(desa_of("35.27")) == 186
    rate = {
        r.indicator: r.numerator / r.denominator
        for r in results
        if r.area_level == "kabupaten" and r.denominator
    }
    assert 0.93 < rate["ktp_el"] < 0.995
    assert 0.80 < rate["akta_lahir_0_18"] < 0.95
    assert 0.08 < rate["kia"] < 0.32
    assert rate["database_kependudukan"] > 0.98  # a tiny desa may be empty at 5,000 residents
    kia_by_kec = [
        r.numerator / r.denominator
        for r in results
        if r.indicator == "kia" and r.area_level == "kecamatan" and r.denominator
    ]
    assert max(kia_by_kec) - min(kia_by_kec) > 0.05  # coverage differs by kecamatan


def test_sex_ratio_and_families(summary):
    (men, women, families, people) = summary.con.execute(
        "SELECT count(*) FILTER (WHERE jenis_kelamin = 'L'), "
        "count(*) FILTER (WHERE jenis_kelamin = 'P'), count(DISTINCT kk_id), count(*) FROM penduduk"
    ).fetchall()[0]
    assert abs(men / (men + women) - 512_140 / 1_033_926) < 0.02
    assert 2.8 < people / families < 4.0


def test_same_seed_same_files_and_parquet_equals_csv(tmp_path, extract):
    again = synth(5000, seed=11, out_dir=tmp_path / "csv", invalid_share=0)
    assert again.residents.read_bytes() == extract.residents.read_bytes()
    other = synth(5000, seed=12, out_dir=tmp_path / "other", invalid_share=0)
    assert other.residents.read_bytes() != extract.residents.read_bytes()
    pq = synth(5000, seed=11, out_dir=tmp_path / "pq", fmt="parquet", invalid_share=0)
    a = import_extract(extract.residents, extract.services, extract_date=SNAPSHOT)
    b = import_extract(pq.residents, pq.services, extract_date=SNAPSHOT)
    try:
        assert compute(a, date(2024, 6, 30)) == compute(b, date(2024, 6, 30))
    finally:
        a.close()
        b.close()


def test_jawa_timur_sizes(tmp_path):
    result = synth(20_000, seed=1, out_dir=tmp_path, fmt="parquet", invalid_share=0, area="35")
    s = import_extract(result.residents, result.services, extract_date=SNAPSHOT)
    try:
        assert s.residents_rejected == 0 and len(s.kabupaten) == 38
        sizes = dict(
            s.con.execute(
                "SELECT substr(kode_desa, 1, 5), count(*) FROM penduduk GROUP BY 1"
            ).fetchall()
        )
        # Kota Surabaya (2.9 million of 41.9) is far larger than Kota Mojokerto (0.13 million).
        assert sizes["35.78"] > 10 * sizes["35.76"]
    finally:
        s.close()


def test_db_path_file_is_deleted_on_close(tmp_path, extract):
    db = tmp_path / "kerja.duckdb"
    s = import_extract(extract.residents, None, db_path=db, extract_date=SNAPSHOT)
    assert db.exists() and s.services_accepted == 0
    s.close()
    assert not db.exists()


def test_unknown_area_and_format(tmp_path):
    with pytest.raises(ValueError):
        synth(10, seed=1, out_dir=tmp_path, area="99.99")
    with pytest.raises(ValueError):
        synth(10, seed=1, out_dir=tmp_path, fmt="xlsx")
