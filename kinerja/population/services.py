"""Population writes: import an extract, compute and store its aggregates, post them as
realizations. The engine (kinerja.population, no Django) does the work; this module keeps the
aggregates and the fingerprint of the files, never the extract (UU 27/2022)."""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from kinerja.audit.services import audit_record
from kinerja.catalog.models import Agency, Indicator
from kinerja.core.periods import period_of_day
from kinerja.measurement.models import Realization, Status
from kinerja.measurement.services import realization_save, realization_transition
from kinerja.population import (
    ExtractFormatError,
    ProgressCallback,
    Rules,
    compute,
    import_extract,
    service_counts,
    workfiles,
)
from kinerja.population.models import AreaFigure, Computation, ExtractImport, ServiceCount
from kinerja.population.regions import name_of
from kinerja.population.selectors import (
    DECREE_INDICATORS,
    SERVICE_INDICATORS,
    current_decree,
    mapped_indicators,
)

log = logging.getLogger(__name__)


def work_dir() -> Path:
    """The population directory (settings.KINERJA_POPULATION_DIR), private to the service user."""
    return workfiles.private_dir(settings.KINERJA_POPULATION_DIR)


def configured_rules() -> Rules:
    """The rules set in settings.KINERJA_POPULATION_RULES (a dict; default: Rules())."""
    return Rules.from_dict(getattr(settings, "KINERJA_POPULATION_RULES", None))


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def extract_import(
    *,
    actor: Any,
    agency: Agency,
    residents_path: str | Path,
    services_path: str | Path | None = None,
    progress: ProgressCallback | None = None,
    extract_date: date | None = None,
    work: workfiles.WorkDir | None = None,
) -> ExtractImport:
    """Validate the extract into a de-identified working database under KINERJA_POPULATION_DIR and
    record the import. First removes what killed imports left behind (workfiles.clean_stale).
    Raises ExtractFormatError when a file as a whole cannot be read or when no resident row is
    accepted (nothing is recorded then: the previous import stays the current one)."""
    root = work_dir()
    for name in workfiles.clean_stale(root):
        log.warning("berkas kerja impor yang terhenti dihapus: %s", name)
    residents_sha = file_sha256(residents_path)
    services_sha = file_sha256(services_path) if services_path else ""
    work = work or workfiles.create(root)
    quarantine = root / f"karantina-{work.token}.csv"
    try:
        summary = import_extract(
            residents_path,
            services_path,
            work.database,
            extract_date=extract_date,
            progress=progress,
            memory_limit=getattr(settings, "KINERJA_POPULATION_MEMORY_LIMIT", None),
        )
        if summary.residents_accepted == 0:
            summary.close()
            raise ExtractFormatError(
                f"tidak ada baris penduduk yang diterima ({summary.residents_rejected} ditolak): "
                "impor tidak dicatat; lihat alasan penolakan"
            )
        summary.write_quarantine(quarantine)
        # The report has it; the working database keeps only what the definitions read.
        summary.con.execute("DROP TABLE karantina")
        summary.con.execute("CHECKPOINT")
        counts = {
            "residents_accepted": summary.residents_accepted,
            "residents_rejected": summary.residents_rejected,
            "services_accepted": summary.services_accepted,
            "services_rejected": summary.services_rejected,
            "residents_noted": summary.residents_noted,
            "families": summary.families,
        }
        summary.con.close()  # not summary.close(): that deletes the working file
        kept = workfiles.keep_database(work)
        with transaction.atomic():
            record = ExtractImport.objects.create(
                agency=agency,
                actor=_label(actor),
                residents_sha256=residents_sha,
                services_sha256=services_sha,
                reasons=summary.reasons,
                warnings={**summary.warnings, **{n: 0 for n in summary.notes}},
                missing_columns=summary.missing_columns,
                kabupaten_code=",".join(summary.kabupaten)[:20],
                extract_date=summary.extract_date,
                work_path=str(kept),
                quarantine_path=str(quarantine),
                **counts,
            )
            audit_record(
                actor=actor,
                action="penduduk.impor",
                obj=record,
                before=None,
                after={**record.provenance, "reasons": summary.reasons},
            )
    except BaseException:
        work.remove()
        kept_file = root / f"{workfiles.PREFIX}{work.token}.duckdb"
        kept_file.unlink(missing_ok=True)
        quarantine.unlink(missing_ok=True)
        raise
    return record


def _label(actor: Any) -> str:
    if getattr(actor, "pk", None):
        return actor.get_username()[:150]
    return (str(actor) if actor else "sistem")[:150]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "pk", None) else None


@transaction.atomic
def figures_compute(
    *, actor: Any, extract: ExtractImport, as_of: date, rules: Rules | None = None
) -> int:
    """Compute every indicator for the kabupaten, each kecamatan and each desa on ``as_of`` under
    ``rules`` (default: settings) and the service counts per month of that year up to ``as_of``;
    replaces what an earlier run for the same date stored, and records the rules
    (``Computation``). Returns the number of area figures."""
    rules = rules or configured_rules()
    if as_of > extract.extract_date:
        raise ValidationError(
            {
                "as_of": f"tanggal acuan {as_of:%d/%m/%Y} sesudah tanggal ekstrak "
                f"{extract.extract_date:%d/%m/%Y}"
            }
        )
    con = duckdb.connect(extract.work_path, read_only=True)
    try:
        results = compute(con, as_of, rules=rules)
        counts = service_counts(
            con, start=as_of.replace(month=1, day=1), end=as_of, levels=("kabupaten",)
        )
    finally:
        con.close()
    AreaFigure.objects.filter(extract=extract, as_of=as_of).delete()
    Computation.objects.update_or_create(
        extract=extract, as_of=as_of, defaults={"rules": rules.as_dict()}
    )
    AreaFigure.objects.bulk_create(
        AreaFigure(
            extract=extract,
            as_of=as_of,
            indicator_key=r.indicator,
            area_code=r.area_code,
            area_level=r.area_level,
            area_name=name_of(r.area_code)[:120],
            numerator=r.numerator,
            denominator=r.denominator,
        )
        for r in results
    )
    # Service counts are kept for the year of the latest computation.
    ServiceCount.objects.filter(extract=extract).delete()
    ServiceCount.objects.bulk_create(
        ServiceCount(
            extract=extract,
            service=c.service,
            month=c.month,
            area_code=c.area_code,
            requested=c.requested,
            completed=c.completed,
        )
        for c in counts
    )
    audit_record(
        actor=actor,
        action="penduduk.hitung",
        obj=extract,
        before=None,
        after={
            "as_of": as_of.isoformat(),
            "figures": len(results),
            "service_counts": len(counts),
            "rules": rules.as_dict(),
        },
    )
    return len(results)


@dataclass
class PostReport:
    posted: list[str] = field(default_factory=list)  # "indicator, period"
    skipped: list[str] = field(default_factory=list)  # "indicator, period: reason"
    missing: list[str] = field(default_factory=list)  # mapped names not in the decree

    def lines(self) -> list[str]:
        return (
            [f"diposting: {p}" for p in self.posted]
            + [f"dilewati: {s}" for s in self.skipped]
            + [f"tidak ada di katalog: {m}" for m in self.missing]
        )


def _period_of(indicator: Indicator, day: date) -> int:
    return period_of_day(indicator.frequency, day)


def _post_one(
    *,
    actor: Any,
    indicator: Indicator,
    year: int,
    period: int,
    numbers: dict[str, Any],
    provenance: dict[str, Any],
    note: str,
    report: PostReport,
) -> None:
    label = f"{indicator.name}, {year} periode {period}"
    existing = (
        Realization.objects.filter(
            indicator=indicator, year=year, frequency=indicator.frequency, period=period
        )
        .order_by("pk")
        .first()
    )
    if existing is not None and not existing.editable:
        report.skipped.append(
            f"{label}: sudah berstatus '{existing.get_status_display()}', tidak ditimpa"
        )
        return
    try:
        with transaction.atomic():
            realization = realization_save(
                actor=actor,
                indicator=indicator,
                year=year,
                period=period,
                note=note,
                provenance=provenance,
                check_access=False,
                **numbers,
            )
            realization_transition(
                actor=_user(actor),
                realization=realization,
                to_status=Status.SUBMITTED,
                check_access=False,
            )
    except ValidationError as exc:
        messages = "; ".join(exc.messages)
        report.skipped.append(f"{label}: {messages}")
        return
    report.posted.append(label)


@transaction.atomic
def figures_post(*, actor: Any, extract: ExtractImport, as_of: date) -> PostReport:
    """Post the kabupaten figures on ``as_of`` to the Kabid indicators and the monthly completed
    service counts of that year to the Kasi indicators, as submitted realizations carrying the
    extract's provenance. Verified or submitted realizations are reported, never overwritten."""
    report = PostReport()
    decree = current_decree(extract.agency, as_of)
    if decree is None:
        report.missing = [*DECREE_INDICATORS.values(), *SERVICE_INDICATORS.values()]
        return report
    by_figure: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in mapped_indicators(decree).select_related("goal__position"):
        by_figure[indicator.register_figure].append(indicator)

    def find(key: str, name: str) -> Indicator | None:
        found = by_figure.get(key, [])
        if len(found) != 1:
            report.missing.append(name if not found else f"{name} (lebih dari satu)")
            return None
        return found[0]

    base = {**extract.provenance, "as_of": as_of.isoformat()}
    kabupaten = _kabupaten_code(extract)
    figures = {
        f.indicator_key: f
        for f in AreaFigure.objects.filter(
            extract=extract, as_of=as_of, area_level="kabupaten", area_code=kabupaten
        )
    }
    if not figures:
        raise ValidationError(
            {"as_of": f"belum ada perhitungan untuk {as_of:%d/%m/%Y}; jalankan compute dulu"}
        )
    note = f"Dihitung dari ekstrak SIAK per {as_of:%d/%m/%Y} (impor #{extract.pk})."
    for key, name in DECREE_INDICATORS.items():
        indicator = find(key, name)
        figure = figures.get(key)
        if indicator is None or figure is None:
            continue
        if indicator.kind == Indicator.Kind.COUNT:
            # Database kependudukan: one document when every desa has data on the reference date.
            complete = figure.denominator > 0 and figure.numerator == figure.denominator
            numbers = {"value": int(complete)}
        else:
            numbers = {"numerator": figure.numerator, "denominator": figure.denominator}
        provenance = {
            **base,
            "indicator_key": key,
            "area_code": kabupaten,
            "numerator": figure.numerator,
            "denominator": figure.denominator,
        }
        _post_one(
            actor=actor,
            indicator=indicator,
            year=as_of.year,
            period=_period_of(indicator, as_of),
            numbers=numbers,
            provenance=provenance,
            note=note,
            report=report,
        )

    today = timezone.localdate()
    months = [
        date(as_of.year, m, 1) for m in range(1, as_of.month + 1) if date(as_of.year, m, 1) <= today
    ]
    completed: dict[tuple[str, date], int] = defaultdict(int)
    for c in ServiceCount.objects.filter(extract=extract, area_code=kabupaten):
        completed[(c.service, c.month)] += c.completed
    for service, name in SERVICE_INDICATORS.items():
        indicator = find(f"layanan:{service}", name)
        if indicator is None:
            continue
        per_period: dict[int, int] = defaultdict(int)
        for month in months:  # months without a completed request count as 0
            per_period[_period_of(indicator, month)] += completed.get((service, month), 0)
        for period, value in sorted(per_period.items()):
            _post_one(
                actor=actor,
                indicator=indicator,
                year=as_of.year,
                period=period,
                numbers={"value": value},
                provenance={**base, "service": service, "area_code": kabupaten},
                note=f"Permohonan selesai menurut ekstrak SIAK (impor #{extract.pk}).",
                report=report,
            )
    audit_record(
        actor=actor,
        action="penduduk.posting",
        obj=extract,
        before=None,
        after={
            "as_of": as_of.isoformat(),
            "posted": len(report.posted),
            "skipped": len(report.skipped),
            "missing": report.missing,
        },
    )
    log.info(
        "posting ekstrak #%s per %s: %d diposting, %d dilewati",
        extract.pk,
        as_of,
        len(report.posted),
        len(report.skipped),
    )
    return report


def _kabupaten_code(extract: ExtractImport) -> str:
    """The agency's kabupaten among those in the extract (a one-kabupaten extract: that one)."""
    codes = [c for c in extract.kabupaten_code.split(",") if c]
    region = extract.agency.region_code
    if region:
        dotted = region if "." in region else f"{region[:2]}.{region[2:4]}"
        if dotted in codes:
            return dotted
    if len(codes) != 1:
        raise ValidationError(
            {
                "kabupaten": "ekstrak memuat lebih dari satu kabupaten; isi kode wilayah perangkat "
                "daerah"
            }
        )
    return codes[0]
