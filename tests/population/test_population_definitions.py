"""Each definition against an independent plain-Python computation over the same synthetic extract
(ages by calendar arithmetic, not the SQL's birth-date cut-offs), per desa, on two reference
dates; and the desa -> kecamatan -> kabupaten sums."""

# ruff: noqa: F811  (pytest fixtures imported from population_helpers)

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest
from population_helpers import extract, summary  # noqa: F401  (fixtures)

from kinerja.population import DEFINITIONS, compute, render, service_counts
from kinerja.population.regions import desa_of

REFERENCE_DATES = [date(2024, 6, 30), date(2024, 12, 31), date(2023, 11, 15)]


def _d(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _age(birth: date, on: date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _load(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        for k, v in r.items():
            if k.startswith("tgl_"):
                r[k] = _d(v)
    return rows


def expected(residents, services, on: date) -> dict[str, dict[str, tuple[int, int]]]:
    start = date(on.year, 1, 1)
    out: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))

    def count(key, desa, hit):
        cell = out[key][desa]
        cell[0] += bool(hit)
        cell[1] += 1

    def by(doc_date, number=True):
        return bool(number) and doc_date is not None and doc_date <= on

    def cert(number, issued):
        return bool(number) and (issued is None or issued <= on)

    def resident(r):
        return (
            r["tgl_lahir"] <= on
            and (r["tgl_meninggal"] is None or r["tgl_meninggal"] >= on)
            and (r["tgl_terdaftar"] is None or r["tgl_terdaftar"] <= on)
        )

    def ever_married(r):
        return r["status_kawin"] != "BELUM KAWIN" and (
            r["tgl_kawin"] is None or r["tgl_kawin"] <= on
        )

    alive = [r for r in residents if resident(r)]
    married_heads = set()
    families: dict[str, list] = {}
    for r in alive:
        age, desa = _age(r["tgl_lahir"], on), r["kode_desa"]
        if age >= 17 or ever_married(r):
            count("ktp_el", desa, by(r["tgl_rekam_ktpel"]))
            count("ktp_el_cetak", desa, by(r["tgl_cetak_ktpel"]))
        elif not ever_married(r):
            count("kia", desa, by(r["tgl_terbit_kia"]))
        akta = cert(r["no_akta_lahir"], r["tgl_akta_lahir"])
        count("akta_lahir_0_18" if age < 18 else "akta_lahir_dewasa", desa, akta)
        if r["shdk"] == "KEPALA KELUARGA":
            families.setdefault(r["no_kk"], []).append(r)
            if r["status_kawin"] == "KAWIN":
                married_heads.add(r["no_kk"])
    for heads in families.values():
        printed = max((h["tgl_cetak_kk"] for h in heads if h["tgl_cetak_kk"]), default=None)
        count("kk", min(h["kode_desa"] for h in heads), by(printed))
    for r in alive:
        if (
            r["shdk"] in ("ISTRI", "SUAMI")
            and r["status_kawin"] == "KAWIN"
            and (r["tgl_kawin"] is None or r["tgl_kawin"] <= on)
            and r["no_kk"] in married_heads
        ):
            count("kawin_tercatat", r["kode_desa"], cert(r["no_akta_kawin"], r["tgl_akta_kawin"]))
    for r in residents:
        died = r["tgl_meninggal"]
        if (
            died
            and start <= died <= on
            and (r["tgl_terdaftar"] is None or r["tgl_terdaftar"] <= on)
        ):
            hit = cert(r["no_akta_kematian"], r["tgl_akta_kematian"])
            count("akta_kematian", r["kode_desa"], hit)
    for s in services:
        if s["jenis_layanan"] in ("Pindah", "Datang") and start <= s["tgl_permohonan"] <= on:
            count("pindah_datang", s["kode_desa"], by(s["tgl_selesai"]))
    populated = {r["kode_desa"] for r in alive}
    for d in desa_of("35.27"):
        out["database_kependudukan"][d.code] = [int(d.code in populated), 1]
    return {k: {d: tuple(v) for d, v in m.items()} for k, m in out.items()}


@pytest.fixture(scope="module")
def files(extract):
    return _load(extract.residents), _load(extract.services)


@pytest.mark.parametrize("on", REFERENCE_DATES, ids=str)
def test_definitions_match_independent_python(summary, files, on):
    want = expected(*files, on)
    got: dict[str, dict[str, tuple[int, int]]] = defaultdict(dict)
    for r in compute(summary, on):
        if r.area_level == "desa":
            got[r.indicator][r.area_code] = (r.numerator, r.denominator)
    assert set(got) == {d.key for d in DEFINITIONS}
    for key, per_desa in got.items():
        mine = {d: v for d, v in per_desa.items() if v != (0, 0)}
        theirs = {d: v for d, v in want.get(key, {}).items() if v != (0, 0)}
        assert mine == theirs, key
        assert sum(v[1] for v in mine.values()) > 0, f"{key} has an empty denominator"


def test_levels_add_up(summary):
    results = compute(summary, date(2024, 6, 30))
    totals: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    own: dict[tuple, tuple[int, int]] = {}
    for r in results:
        own[(r.indicator, r.area_code)] = (r.numerator, r.denominator)
        parent = {"desa": r.area_code[:8], "kecamatan": r.area_code[:5]}.get(r.area_level)
        if parent:
            totals[(r.indicator, parent)][0] += r.numerator
            totals[(r.indicator, parent)][1] += r.denominator
    assert totals, "no results"
    for key, (num, den) in totals.items():
        assert own[key] == (num, den), key
    levels = defaultdict(set)
    for r in results:
        levels[r.area_level].add(r.area_code)
    assert (len(levels["kabupaten"]), len(levels["kecamatan"]), len(levels["desa"])) == (1, 14, 186)


def test_subset_of_indicators_and_levels(summary):
    results = compute(summary, date(2024, 6, 30), indicators=["kia"], levels=["kabupaten"])
    assert [(r.indicator, r.area_code, r.area_level) for r in results] == [
        ("kia", "35.27", "kabupaten")
    ]
    with pytest.raises(ValueError):
        compute(summary, date(2024, 6, 30), indicators=["tidak_ada"])


def test_progress_callback(summary):
    calls = []
    compute(summary, date(2024, 6, 30), progress=lambda *a: calls.append(a))
    assert calls[-1][1] == calls[-1][2] == len(DEFINITIONS)


def test_service_counts_match_python(summary, files):
    _, services = files
    want: dict[tuple, list[int]] = defaultdict(lambda: [0, 0])
    for s in services:
        code = s["jenis_layanan"].upper().replace("-", "_").replace(" ", "_")
        want[(code, s["tgl_permohonan"].replace(day=1))][0] += 1
        if s["tgl_selesai"]:
            want[(code, s["tgl_selesai"].replace(day=1))][1] += 1
    got = {
        (c.service, c.month): [c.requested, c.completed]
        for c in service_counts(summary, levels=["kabupaten"])
    }
    assert got == dict(want)
    desa = service_counts(summary, start=date(2024, 1, 1), end=date(2024, 12, 31))
    assert {c.area_level for c in desa} == {"kabupaten", "kecamatan", "desa"}
    assert all(c.month.year == 2024 for c in desa)


def test_definitions_are_portable_sql():
    """No DuckDB-only syntax in the definitions, so they run on Trino or Spark SQL too."""
    exotic = ("::", "QUALIFY", "EXCLUDE", "list_", "struct", "regexp", "strptime", "hash(")
    for d in DEFINITIONS:
        sql = render(d.key, date(2024, 6, 30))
        assert "{" not in sql and not any(word.lower() in sql.lower() for word in exotic), d.key
