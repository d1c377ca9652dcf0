"""What kinerja keeps of a SIAK extract: who imported it and its fingerprint, and the aggregates per
area and per month. The extract itself is not kept (UU 27/2022): see docs/population.md."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ExtractImport(models.Model):
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="extract_imports",
        verbose_name=_("perangkat daerah"),
    )
    created_at = models.DateTimeField(_("waktu impor"), auto_now_add=True)
    actor = models.CharField(_("oleh"), max_length=150, blank=True)
    residents_sha256 = models.CharField(_("sidik berkas penduduk"), max_length=64)
    services_sha256 = models.CharField(_("sidik berkas layanan"), max_length=64, blank=True)
    residents_accepted = models.PositiveIntegerField(_("penduduk diterima"), default=0)
    residents_rejected = models.PositiveIntegerField(_("penduduk ditolak"), default=0)
    services_accepted = models.PositiveIntegerField(_("layanan diterima"), default=0)
    services_rejected = models.PositiveIntegerField(_("layanan ditolak"), default=0)
    reasons = models.JSONField(_("alasan penolakan (jumlah baris)"), default=dict, blank=True)
    warnings = models.JSONField(_("catatan (jumlah baris diterima)"), default=dict, blank=True)
    residents_noted = models.PositiveIntegerField(_("penduduk diterima dengan catatan"), default=0)
    families = models.PositiveIntegerField(_("keluarga (nomor KK)"), default=0)
    missing_columns = models.JSONField(_("kolom tidak ada"), default=dict, blank=True)
    kabupaten_code = models.CharField(_("kode kabupaten"), max_length=20, blank=True)
    extract_date = models.DateField(_("tanggal ekstrak"))
    # De-identified DuckDB working database (no NIK, no KK number, no names) and the quarantine
    # report (row number, masked NIK, reason), both under settings.KINERJA_POPULATION_DIR.
    work_path = models.CharField(_("basis data kerja"), max_length=500, blank=True)
    quarantine_path = models.CharField(_("laporan karantina"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("impor ekstrak SIAK")
        verbose_name_plural = _("impor ekstrak SIAK")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"Ekstrak {self.extract_date:%d/%m/%Y} #{self.pk}"

    @property
    def provenance(self) -> dict:
        return {
            "source": "SIAK",
            "import_id": self.pk,
            "residents_sha256": self.residents_sha256,
            "services_sha256": self.services_sha256 or None,
            "residents_accepted": self.residents_accepted,
            "residents_rejected": self.residents_rejected,
            "services_accepted": self.services_accepted,
            "services_rejected": self.services_rejected,
            "extract_date": self.extract_date.isoformat(),
        }


class AreaFigure(models.Model):
    class Level(models.TextChoices):
        KABUPATEN = "kabupaten", _("Kabupaten")
        KECAMATAN = "kecamatan", _("Kecamatan")
        DESA = "desa", _("Desa/kelurahan")

    extract = models.ForeignKey(ExtractImport, on_delete=models.CASCADE, related_name="figures")
    as_of = models.DateField(_("tanggal acuan"))
    indicator_key = models.CharField(_("kunci indikator"), max_length=40)
    area_code = models.CharField(_("kode wilayah"), max_length=20)
    area_level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    area_name = models.CharField(_("nama wilayah"), max_length=120)
    numerator = models.PositiveBigIntegerField(_("pembilang"))
    denominator = models.PositiveBigIntegerField(_("penyebut"))

    class Meta:
        verbose_name = _("angka wilayah")
        verbose_name_plural = _("angka wilayah")
        ordering = ["extract", "as_of", "indicator_key", "area_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["extract", "as_of", "indicator_key", "area_code"],
                name="areafigure_unique",
            )
        ]
        indexes = [
            models.Index(
                fields=["extract", "as_of", "indicator_key", "area_level"],
                name="areafigure_lookup",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator_key} {self.area_name} {self.as_of}"


class ServiceCount(models.Model):
    extract = models.ForeignKey(
        ExtractImport, on_delete=models.CASCADE, related_name="service_counts"
    )
    service = models.CharField(_("layanan"), max_length=20)  # the engine's key, e.g. KTP_EL
    month = models.DateField(_("bulan"))  # first day of the month
    area_code = models.CharField(_("kode wilayah"), max_length=20)
    requested = models.PositiveIntegerField(_("permohonan"))
    completed = models.PositiveIntegerField(_("selesai"))

    class Meta:
        verbose_name = _("hitungan layanan")
        verbose_name_plural = _("hitungan layanan")
        ordering = ["extract", "service", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["extract", "service", "month", "area_code"], name="servicecount_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service} {self.month:%m/%Y}: {self.completed}"


class Computation(models.Model):
    """The rules a reference date's figures were computed under (definitions.Rules), printed with
    them: the decree's formulas leave the age bands, KTP-el, KIA and KK readings open."""

    extract = models.ForeignKey(
        ExtractImport, on_delete=models.CASCADE, related_name="computations"
    )
    as_of = models.DateField(_("tanggal acuan"))
    rules = models.JSONField(_("aturan"), default=dict)
    computed_at = models.DateTimeField(_("waktu hitung"), auto_now=True)

    class Meta:
        verbose_name = _("perhitungan")
        verbose_name_plural = _("perhitungan")
        constraints = [
            models.UniqueConstraint(fields=["extract", "as_of"], name="computation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.extract} per {self.as_of:%d/%m/%Y}"


class ImportJob(models.Model):
    """An import started from the web, run by a background process (services.job_start): its
    progress for the progress bar, and its outcome. At most one queued or running job per agency
    (a constraint, so two uploads at once cannot both start)."""

    class State(models.TextChoices):
        QUEUED = "menunggu", _("Menunggu")
        RUNNING = "berjalan", _("Berjalan")
        DONE = "selesai", _("Selesai")
        FAILED = "gagal", _("Gagal")

    ACTIVE = (State.QUEUED, State.RUNNING)

    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.PROTECT, related_name="population_jobs"
    )
    actor = models.CharField(_("oleh"), max_length=150, blank=True)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default="menunggu")
    stage = models.CharField(_("tahap"), max_length=120, blank=True)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=1)
    message = models.TextField(_("pesan"), blank=True)  # Indonesian; never a line of the file
    work_dir = models.CharField(max_length=500, blank=True)  # private upload directory
    residents_name = models.CharField(max_length=200, blank=True)
    services_name = models.CharField(max_length=200, blank=True)
    extract_date = models.DateField(_("tanggal ekstrak"))
    pid = models.IntegerField(null=True, blank=True)
    extract = models.ForeignKey(
        ExtractImport, null=True, blank=True, on_delete=models.SET_NULL, related_name="jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("impor dari web")
        verbose_name_plural = _("impor dari web")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency"],
                condition=models.Q(state__in=["menunggu", "berjalan"]),
                name="importjob_one_active_per_agency",
            )
        ]

    def __str__(self) -> str:
        return f"Impor #{self.pk} ({self.get_state_display()})"

    @property
    def percent(self) -> int:
        return min(100, round(100 * self.done / self.total)) if self.total else 0

    @property
    def active(self) -> bool:
        return self.state in self.ACTIVE
