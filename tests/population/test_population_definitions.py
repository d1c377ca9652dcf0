"""The definitions as SQL: each alone equals the single pass, the levels add up, subsets, service
counts against plain Python, portability. (The independent recomputation of every figure is in
test_population_independent.py.)"""

# ruff: noqa: F811  (pytest fixtures imported from population_helpers)

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date

import pytest
from population_helpers import extract, import_rows, person, summary  # noqa: F401  (fixtures)

from kinerja.population import DEFINITIONS, Rules, compute, render, service_counts, tally


def _d(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def _load(path):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        for k, v in r.items():
            if k.startswith("tgl_"):
                r[k] = _d(v)
    return rows


@pytest.fixture(scope="module")
def files(extract):
    return _load(extract.residents), _load(extract.services)


def test_each_definition_alone_equals_the_single_pass(summary):
    """render() (one query per definition, for reading) and compute() (one pass for all) agree."""
    on = date(2024, 6, 30)
    together = {
        (r.indicator, r.area_code): (r.numerator, r.denominator)
        for r in compute(summary, on)
        if r.area_level == "desa" and r.denominator
    }
    for d in DEFINITIONS:
        rows = summary.con.execute(render(d.key, on)).fetchall()
        alone = {(d.key, str(code)): (int(a), int(b)) for code, a, b in rows if b}
        assert alone == {k: v for k, v in together.items() if k[0] == d.key}, d.key


RULE_SETS = (
    Rules(),
    Rules(akta_anak="0_18"),
    Rules(ktp_el="cetak", kk="cetak"),
    Rules(kia_balita_kedaluwarsa=True),
    Rules(akta_tanpa_nomor=False),
    Rules(akta_anak="0_18", akta_tanpa_nomor=False, kia_balita_kedaluwarsa=True),
)


@pytest.mark.parametrize("rules", RULE_SETS, ids=lambda r: ",".join(map(str, r.as_dict().values())))
def test_running_counts_equal_the_definitions_sql(summary, rules):
    """compute() reads the running counts built at import (tally.py); the definitions' SQL over
    ``penduduk`` (via_sql) gives the same figures under every rule, on 29 February, mid-year,
    a date long ago (counted forwards from an earlier 1 January) and the extract date."""
    for on in (date(2024, 2, 29), date(2024, 7, 14), date(1990, 3, 1), date(2024, 12, 31)):
        fast = compute(summary, on, rules=rules)
        assert fast == compute(summary, on, rules=rules, via_sql=True), on
        assert sum(r.denominator for r in fast if r.area_level == "kabupaten") > 0


def test_working_database_without_running_counts_uses_the_sql(import_rows):
    """A working database written before the running counts existed is computed with the SQL."""
    s = import_rows([person(), person(serial=2, tgl_lahir=date(2010, 2, 28), shdk="ANAK")])
    on = date(2024, 12, 31)
    fast = compute(s, on)
    assert tally.available(s.con)
    s.con.execute("DROP TABLE hitung_info")
    assert not tally.available(s.con)
    assert compute(s, on) == fast
    kab = {r.indicator: (r.numerator, r.denominator) for r in fast if r.area_level == "kabupaten"}
    assert kab["kia"] == (0, 1) and kab["ktp_el"] == (0, 1)


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
    assert calls[0][1] == 0 and calls[-1][1] == calls[-1][2]


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
