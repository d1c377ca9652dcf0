"""The population engine wired into Django: the command's import, compute and posting, what is kept
(aggregates and fingerprints, not the extract), and what is never overwritten."""

from __future__ import annotations

import io
from collections import defaultdict
from datetime import date
from pathlib import Path

import duckdb
import factories
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import Indicator
from kinerja.measurement.models import Realization, Status
from kinerja.measurement.services import realization_save, realization_transition
from kinerja.population import import_extract, synth
from kinerja.population.models import AreaFigure, ExtractImport, ServiceCount
from kinerja.population.selectors import DECREE_INDICATORS, SERVICE_INDICATORS
from kinerja.population.services import figures_post, file_sha256

pytestmark = pytest.mark.django_db
# The organisation fixtures (tests/factories.py); this directory has no conftest of its own.
org, org_module = factories.org, factories.org_module
SNAPSHOT = date(2024, 12, 31)
AS_OF = "2024-12-31"


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    return synth(3000, seed=17, out_dir=tmp_path_factory.mktemp("synth"))


@pytest.fixture(autouse=True)
def var_dir(settings, tmp_path):
    settings.KINERJA_POPULATION_DIR = tmp_path / "population"
    return tmp_path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("population", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def do_import(files) -> ExtractImport:
    run(
        "import",
        str(files.residents),
        "--services",
        str(files.services),
        "--extract-date",
        SNAPSHOT.isoformat(),
    )
    return ExtractImport.objects.get()


def indicator(org, name: str) -> Indicator:
    return Indicator.objects.get(goal__position__decree=org.decree, name=name)


def test_import_records_engine_counts_and_keeps_no_nik(org, files, var_dir):
    out, err = run(
        "import",
        str(files.residents),
        "--services",
        str(files.services),
        "--extract-date",
        SNAPSHOT.isoformat(),
    )
    record = ExtractImport.objects.get()
    engine = import_extract(files.residents, files.services, extract_date=SNAPSHOT)
    try:
        expected = (
            engine.residents_accepted,
            engine.residents_rejected,
            engine.services_accepted,
            engine.services_rejected,
            engine.reasons,
        )
    finally:
        engine.close()
    assert (
        record.residents_accepted,
        record.residents_rejected,
        record.services_accepted,
        record.services_rejected,
        record.reasons,
    ) == expected
    assert record.residents_rejected > 0
    assert record.residents_sha256 == file_sha256(files.residents)
    assert record.kabupaten_code == "35.27" and record.agency == org.agency
    assert f"Laporan karantina: {record.quarantine_path}" in out
    assert "Impor" in err  # the progress bar
    work, report = Path(record.work_path), Path(record.quarantine_path)
    assert work.parent == report.parent == var_dir / "population"
    assert report.read_text().startswith("berkas,baris,nik_samaran,alasan")
    con = duckdb.connect(str(work), read_only=True)
    try:
        tables = [
            t for (t,) in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        ]
        columns = {c for t in tables for (c, *_) in con.execute(f"DESCRIBE {t}").fetchall()}
        text_hits = [
            t
            for t in ("penduduk", "layanan")
            if con.execute(
                f"SELECT COUNT(*) FROM {t} WHERE regexp_matches(CAST(COLUMNS(*) AS "
                "VARCHAR), '[0-9]{16}')"
            ).fetchone()[0]
        ]
    finally:
        con.close()
    assert "karantina" not in tables
    assert not {"nik", "no_kk", "nik_samaran", "no_akta_lahir"} & columns
    assert text_hits == []
    assert AuditEntry.objects.filter(action="penduduk.impor", object_id=str(record.pk)).exists()


def test_compute_levels_add_up_and_is_idempotent(org, files):
    record = do_import(files)
    out, _ = run("compute", "--as-of", AS_OF)
    run("compute", "--as-of", AS_OF)
    figures = AreaFigure.objects.filter(extract=record, as_of=SNAPSHOT)
    sums: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
    for f in figures:
        sums[(f.indicator_key, f.area_level)][0] += f.numerator
        sums[(f.indicator_key, f.area_level)][1] += f.denominator
    for key in DECREE_INDICATORS:
        assert sums[(key, "kabupaten")] == sums[(key, "kecamatan")] == sums[(key, "desa")]
    assert figures.filter(area_level="kecamatan", indicator_key="ktp_el").count() == 14
    assert figures.filter(area_level="desa", indicator_key="ktp_el").count() == 186
    ktp = figures.get(area_level="kabupaten", indicator_key="ktp_el")
    percent = f"{ktp.numerator * 100 / ktp.denominator:.2f}".replace(".", ",")
    assert f"ktp_el: {percent}%" in out
    assert ServiceCount.objects.filter(extract=record, month__year=2024).exists()


def test_post_submits_kabid_realization_with_provenance(org, files):
    record = do_import(files)
    out, _ = run("compute", "--as-of", AS_OF, "--post")
    ktp = indicator(org, DECREE_INDICATORS["ktp_el"])
    figure = AreaFigure.objects.get(
        extract=record, as_of=SNAPSHOT, area_level="kabupaten", indicator_key="ktp_el"
    )
    r = Realization.objects.get(indicator=ktp, year=2024, period=12)
    assert (r.status, r.numerator, r.denominator) == (
        Status.SUBMITTED,
        figure.numerator,
        figure.denominator,
    )
    assert r.position == org.pos["kabid"]
    assert r.provenance["source"] == "SIAK"
    assert r.provenance["residents_sha256"] == file_sha256(files.residents)
    assert r.provenance["services_sha256"] == file_sha256(files.services)
    assert r.provenance["residents_accepted"] == record.residents_accepted
    assert (r.provenance["as_of"], r.provenance["import_id"]) == (AS_OF, record.pk)
    actions = set(
        AuditEntry.objects.filter(object_id=str(r.pk), model="measurement.realization").values_list(
            "action", flat=True
        )
    )
    assert actions == {"realisasi.buat", "realisasi.submitted"}
    assert r.transitions.get().to_status == Status.SUBMITTED
    assert "Realisasi diposting:" in out
    # The kabid's inbox sees nothing new; the head (the Kabid's supervisor) can verify it.
    realization_transition(actor=org.head, realization=r, to_status=Status.VERIFIED)


def test_second_post_does_not_duplicate(org, files):
    record = do_import(files)
    run("compute", "--as-of", AS_OF, "--post")
    before = Realization.objects.count()
    report = figures_post(actor="tes", extract=record, as_of=SNAPSHOT)
    assert Realization.objects.count() == before
    assert report.posted == []
    assert any(
        "Persentase penduduk ber KTP-el" in s and "tidak ditimpa" in s for s in report.skipped
    )


def test_verified_realization_is_not_overwritten(org, files):
    record = do_import(files)
    run("compute", "--as-of", AS_OF)
    ktp = indicator(org, DECREE_INDICATORS["ktp_el"])
    mine = realization_save(
        actor=org.kabid, indicator=ktp, year=2024, period=12, numerator=90, denominator=100
    )
    realization_transition(actor=org.kabid, realization=mine, to_status=Status.SUBMITTED)
    realization_transition(actor=org.head, realization=mine, to_status=Status.VERIFIED)
    report = figures_post(actor="tes", extract=record, as_of=SNAPSHOT)
    mine.refresh_from_db()
    assert (mine.numerator, mine.denominator, mine.status, mine.provenance) == (
        90,
        100,
        Status.VERIFIED,
        None,
    )
    assert any("Terverifikasi" in s for s in report.skipped)
    assert any(p.startswith(DECREE_INDICATORS["kk"]) for p in report.posted)


def test_service_counts_posted_per_month_to_kasi(org, files):
    record = do_import(files)
    run("compute", "--as-of", AS_OF, "--post")
    ktp = indicator(org, SERVICE_INDICATORS["KTP_EL"])
    assert ktp.goal.position == org.pos["kasi"]
    posted = {r.period: r for r in Realization.objects.filter(indicator=ktp, year=2024)}
    assert sorted(posted) == list(range(1, 13))
    expected = defaultdict(int)
    for c in ServiceCount.objects.filter(extract=record, service="KTP_EL"):
        expected[c.month.month] += c.completed
    assert sum(expected.values()) > 0
    for month, r in posted.items():
        assert (r.value, r.status) == (expected[month], Status.SUBMITTED)
        assert r.provenance["service"] == "KTP_EL"


def test_broken_extract_exits_2_with_one_line(org, tmp_path, var_dir):
    bad = tmp_path / "penduduk.csv"
    bad.write_text("nama,alamat\nSITI AMINAH 3527014507800001,JL MAWAR\n", encoding="utf-8")
    with pytest.raises(CommandError) as caught:
        run("import", str(bad))
    message = str(caught.value)
    assert caught.value.returncode == 2
    assert "\n" not in message and "kolom wajib tidak ada" in message
    assert "SITI" not in message and "3527014507800001" not in message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert not ExtractImport.objects.exists()
    assert not list((var_dir / "population").glob("*.duckdb"))


def test_unreadable_file_message_does_not_quote_content(org, tmp_path):
    bad = tmp_path / "penduduk.parquet"
    bad.write_bytes(b"3527014507800001 bukan parquet")
    with pytest.raises(CommandError) as caught:
        run("import", str(bad))
    assert caught.value.returncode == 2
    assert str(caught.value) == (
        "berkas penduduk.parquet bukan Parquet yang utuh (terpotong atau bukan Parquet)"
    )
    assert "3527" not in str(caught.value)
