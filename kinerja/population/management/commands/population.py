"""``kinerja population import|compute|synth``: thin wrappers over kinerja.population.services."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from kinerja.catalog.models import Agency
from kinerja.population import ExtractFormatError, FamilyIdError, Rules, synth
from kinerja.population.definitions import BY_KEY
from kinerja.population.models import ExtractImport
from kinerja.population.selectors import angka, coverage, kabupaten_figures, persen
from kinerja.population.services import (
    configured_rules,
    extract_import,
    figures_compute,
    figures_post,
)

ACTOR = "perintah population"


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"tanggal tidak sah (YYYY-MM-DD): {text}", returncode=2) from None


def _messages(exc: ValidationError) -> str:
    return "; ".join(exc.messages)


class Command(BaseCommand):
    help = "Impor ekstrak SIAK, hitung indikator kependudukan, posting realisasi, data sintetis."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        imp = sub.add_parser("import", help="impor dan periksa ekstrak SIAK")
        imp.add_argument("residents", nargs="?", help="berkas penduduk (.csv atau .parquet)")
        imp.add_argument("--job", type=int, help="jalankan impor dari web (id ImportJob)")
        imp.add_argument("--services", help="berkas layanan (.csv atau .parquet)")
        imp.add_argument("--extract-date", help="tanggal ekstrak diambil (bawaan: hari ini)")
        imp.add_argument("--agency", type=int, help="id perangkat daerah (bila lebih dari satu)")
        comp = sub.add_parser("compute", help="hitung indikator pada tanggal acuan")
        comp.add_argument("--as-of", required=True, help="tanggal acuan YYYY-MM-DD")
        comp.add_argument("--post", action="store_true", help="posting sebagai realisasi")
        comp.add_argument(
            "--aturan",
            action="append",
            default=[],
            metavar="KUNCI=NILAI",
            help="aturan perhitungan, mis. akta_anak=0_18, ktp_el=cetak, kk=cetak",
        )
        syn = sub.add_parser("synth", help="tulis ekstrak sintetis Sampang")
        syn.add_argument("--residents", type=int, required=True)
        syn.add_argument("--out", required=True)
        syn.add_argument("--seed", type=int, default=1)
        syn.add_argument("--format", choices=["csv", "parquet"], default="csv")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "import":
            self._import(options)
        elif action == "compute":
            self._compute(options)
        else:
            result = synth(
                options["residents"],
                seed=options["seed"],
                out_dir=options["out"],
                fmt=options["format"],
            )
            self.stdout.write(
                f"{result.residents} ({angka(result.resident_rows)} baris), "
                f"{result.services} ({angka(result.service_rows)} baris)"
            )

    def _agency(self, pk: int | None) -> Agency:
        if pk is not None:
            agency = Agency.objects.filter(pk=pk).first()
            if agency is None:
                raise CommandError(f"perangkat daerah {pk} tidak ada", returncode=2)
            return agency
        agencies = list(Agency.objects.all()[:2])
        if len(agencies) != 1:
            raise CommandError(
                "pilih perangkat daerah dengan --agency (ada "
                f"{'lebih dari satu' if agencies else 'belum ada'})",
                returncode=2,
            )
        return agencies[0]

    def _import(self, options) -> None:
        from tqdm import tqdm

        if options["job"]:
            from kinerja.population.jobs import job_run

            job = job_run(options["job"])
            if job.state != job.State.DONE:
                raise CommandError(job.message or "impor gagal", returncode=1)
            return
        if not options["residents"]:
            raise CommandError("berkas penduduk wajib diberikan", returncode=2)
        agency = self._agency(options["agency"])
        extract_date = _date(options["extract_date"]) if options["extract_date"] else None
        bar = tqdm(total=7, desc="Impor", unit="tahap", file=self.stderr._out, leave=False)

        def progress(stage: str, done: int, total: int) -> None:
            bar.total = total
            bar.set_description_str(stage)
            bar.n = done
            bar.refresh()

        try:
            record = extract_import(
                actor=ACTOR,
                agency=agency,
                residents_path=options["residents"],
                services_path=options["services"],
                progress=progress,
                extract_date=extract_date,
            )
        except (ExtractFormatError, FamilyIdError) as exc:
            # The message names the file and the problem only, never a line of the file.
            raise CommandError(str(exc).splitlines()[0], returncode=2) from None
        except OSError as exc:
            raise CommandError(f"berkas tidak dapat dibuka: {exc.filename}", returncode=2) from None
        finally:
            bar.close()
        self.stdout.write(
            f"Impor #{record.pk}, ekstrak {record.extract_date:%d/%m/%Y}, "
            f"kabupaten {record.kabupaten_code or '-'}"
        )
        self.stdout.write(
            f"Penduduk: {angka(record.residents_accepted)} diterima, "
            f"{angka(record.residents_rejected)} ditolak"
        )
        self.stdout.write(
            f"Layanan: {angka(record.services_accepted)} diterima, "
            f"{angka(record.services_rejected)} ditolak"
        )
        for reason, rows in record.reasons.items():
            self.stdout.write(f"  {reason}: {angka(rows)}")
        self.stdout.write(
            f"Diterima dengan catatan: {angka(record.residents_noted)}; keluarga (nomor KK): "
            f"{angka(record.families)}"
        )
        for note, rows in record.warnings.items():
            self.stdout.write(f"  {note}: {angka(rows)}" if rows else f"  {note}")
        for file, columns in record.missing_columns.items():
            if columns:
                self.stdout.write(f"Kolom tidak ada di berkas {file}: {', '.join(columns)}")
        self.stdout.write(f"Laporan karantina: {record.quarantine_path}")

    def _compute(self, options) -> None:
        as_of = _date(options["as_of"])
        extract = ExtractImport.objects.select_related("agency").first()
        if extract is None:
            raise CommandError("belum ada ekstrak yang diimpor", returncode=2)
        try:
            rules = configured_rules()
            if options["aturan"]:
                pairs = dict(a.split("=", 1) for a in options["aturan"] if "=" in a)
                rules = Rules.from_dict({**rules.as_dict(), **pairs})
            figures_compute(actor=ACTOR, extract=extract, as_of=as_of, rules=rules)
        except ValidationError as exc:
            raise CommandError(_messages(exc), returncode=2) from None
        except ValueError as exc:
            raise CommandError(str(exc), returncode=2) from None
        self.stdout.write(f"Impor #{extract.pk}, tanggal acuan {as_of:%d/%m/%Y}, kabupaten:")
        for f in kabupaten_figures(extract, as_of):
            definition = BY_KEY.get(f.indicator_key)
            if definition is not None and definition.unit == "persen":
                shown = persen(coverage(f.numerator, f.denominator))
            else:
                shown = f"{angka(f.numerator)} dari {angka(f.denominator)}"
            self.stdout.write(
                f"  {f.indicator_key}: {shown} ({angka(f.numerator)} / {angka(f.denominator)})"
            )
        self.stdout.write("Aturan:")
        for line in rules.describe():
            self.stdout.write(f"  {line}")
        if options["post"]:
            try:
                report = figures_post(actor=ACTOR, extract=extract, as_of=as_of)
            except ValidationError as exc:
                raise CommandError(_messages(exc), returncode=2) from None
            for line in report.lines():
                self.stdout.write(line)
            self.stdout.write(
                f"Realisasi diposting: {len(report.posted)}, dilewati: {len(report.skipped)}"
            )
