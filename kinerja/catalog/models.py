"""The IKI catalog: what a decree (Keputusan Kepala Dinas) fixes for a planning period.

A kabupaten has about 40 perangkat daerah (agencies), and each can have several decrees side by
side (a new period, an amendment), so everything hangs off ``Agency`` and ``Decree``.
"""

from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from kinerja.catalog.validation import indicator_problems, nip_problem


class Agency(models.Model):
    """A perangkat daerah, e.g. Dinas Kependudukan dan Pencatatan Sipil Kabupaten Sampang."""

    name = models.CharField(_("nama"), max_length=255)
    region = models.CharField(_("wilayah"), max_length=255)
    region_code = models.CharField(_("kode wilayah"), max_length=20, blank=True)
    supervision_depth = models.PositiveSmallIntegerField(
        _("kedalaman verifikasi atasan"),
        null=True,
        blank=True,
        default=1,
        help_text=_(
            "1 = hanya atasan langsung yang memverifikasi; 2 = juga atasan dari atasan; "
            "kosong = semua atasan dalam pohon organisasi."
        ),
    )

    # How this agency scores (kinerja.scoring options); printed on every page and document that
    # shows a capaian, so a reader knows which rule produced it.
    class LowerFormula(models.TextChoices):
        DIFFERENCE = "difference", _("(2 × target − realisasi) / target × 100")
        DIFFERENCE_FLOORED = (
            "difference_floor0",
            _("(2 × target − realisasi) / target × 100, paling kecil 0"),
        )
        INVERSE = "inverse", _("target / realisasi × 100")

    class ZeroTarget(models.TextChoices):
        EQUAL_IS_100 = (
            "equal_is_100",
            _("target 0 dan realisasi 0 = 100%; realisasi di atas 0 tidak dapat dihitung"),
        )
        UNDEFINED = "undefined", _("capaian terhadap target 0 tidak dihitung")

    class Scale(models.TextChoices):
        PERMENDAGRI = (
            "permendagri-86-2017",
            _("Permendagri 86/2017: Sangat Tinggi, Tinggi, Sedang, Rendah, Sangat Rendah"),
        )
        SAMPANG = (
            "sampang-inspektorat-2019",
            _("Inspektorat Kab. Sampang: Sangat Baik, Baik, Cukup, Kurang, Sangat Kurang"),
        )

    lower_formula = models.CharField(
        _("rumus indikator semakin rendah semakin baik"),
        max_length=20,
        choices=LowerFormula.choices,
        default=LowerFormula.DIFFERENCE,
    )
    zero_target = models.CharField(
        _("aturan target nol"),
        max_length=20,
        choices=ZeroTarget.choices,
        default=ZeroTarget.EQUAL_IS_100,
    )
    predicate_scale = models.CharField(
        _("skala predikat"), max_length=40, choices=Scale.choices, default=Scale.PERMENDAGRI
    )

    class Meta:
        verbose_name = _("perangkat daerah")
        verbose_name_plural = _("perangkat daerah")
        ordering = ["region", "name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "region"], name="agency_unique_name_region")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.region}"


class Decree(models.Model):
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, related_name="decrees", verbose_name=_("perangkat daerah")
    )
    number = models.CharField(_("nomor"), max_length=120)
    title = models.TextField(_("tentang"))
    period_start = models.PositiveSmallIntegerField(_("awal periode"))
    period_end = models.PositiveSmallIntegerField(_("akhir periode"))
    enacted_on = models.DateField(_("tanggal ditetapkan"), null=True, blank=True)
    enacted_at = models.CharField(_("ditetapkan di"), max_length=120, blank=True)
    signatory_name = models.CharField(_("nama penandatangan"), max_length=255, blank=True)
    signatory_nip = models.CharField(_("NIP penandatangan"), max_length=18, blank=True)
    signatory_rank = models.CharField(_("pangkat penandatangan"), max_length=120, blank=True)
    signatory_title = models.CharField(_("jabatan penandatangan"), max_length=255, blank=True)
    signatory_acting = models.CharField(
        _("status pelaksana (Plt./Plh.)"), max_length=20, blank=True
    )
    legal_basis = models.JSONField(_("dasar hukum (mengingat)"), default=list, blank=True)
    considerations = models.JSONField(_("pertimbangan (menimbang)"), default=list, blank=True)
    uses = models.JSONField(_("pemanfaatan"), default=list, blank=True)
    source_sha256 = models.CharField(_("sidik teks sumber"), max_length=64, blank=True)
    imported_at = models.DateTimeField(_("diimpor pada"), null=True, blank=True)
    # The decree this one replaces for a later period (Renstra 2019-2024 -> 2025-2029); its
    # positions and indicators are matched to the predecessor's in a review (CatalogReview).
    predecessor = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        verbose_name=_("menggantikan keputusan"),
    )

    class Meta:
        verbose_name = _("keputusan")
        verbose_name_plural = _("keputusan")
        ordering = ["agency", "-period_start", "number"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "number"], name="decree_unique_number"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="decree_period_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} ({self.period_start}-{self.period_end})"

    def clean(self) -> None:
        errors = {}
        problem = nip_problem(self.signatory_nip)
        if problem:
            errors["signatory_nip"] = problem
        if self.period_start and self.period_end and self.period_end < self.period_start:
            errors["period_end"] = _("Akhir periode tidak boleh sebelum awal periode.")
        if errors:
            raise ValidationError(errors)


class Unit(models.Model):
    """An organisational unit; the tree is Dinas > Sekretariat/Bidang > Sub Bagian/Seksi."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        SEKRETARIAT = "sekretariat", _("Sekretariat")
        BIDANG = "bidang", _("Bidang")
        SUBBAGIAN = "subbagian", _("Sub Bagian")
        SEKSI = "seksi", _("Seksi")
        LAINNYA = "lainnya", _("Lainnya")

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="units", verbose_name=_("perangkat daerah")
    )
    name = models.CharField(_("nama"), max_length=255)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("unit induk"),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("unit kerja")
        verbose_name_plural = _("unit kerja")
        ordering = ["agency", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="unit_unique_name")]

    def __str__(self) -> str:
        return self.name


class DataSource(models.Model):
    """One record per source (SIAK, DPA, SPJ ...), shared by every indicator that names it."""

    name = models.CharField(_("nama"), max_length=255)

    class Meta:
        verbose_name = _("sumber data")
        verbose_name_plural = _("sumber data")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="datasource_unique_name_ci"),
        ]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A jabatan as the decree defines it (not the person holding it)."""

    decree = models.ForeignKey(
        Decree, on_delete=models.CASCADE, related_name="positions", verbose_name=_("keputusan")
    )
    key = models.SlugField(_("kunci"), max_length=120)
    # The same jabatan across decrees: a successor or amended decree may rename "Kepala Seksi
    # Identitas Penduduk", but its holders, targets and history follow this key, not the name.
    stable_key = models.SlugField(_("kunci tetap"), max_length=120, db_index=True, default="")
    name = models.CharField(_("nama jabatan"), max_length=255)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="positions",
        verbose_name=_("unit kerja"),
    )
    supervisor = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="subordinates",
        verbose_name=_("atasan"),
    )
    supervisor_text = models.CharField(
        _("atasan menurut keputusan"),
        max_length=255,
        blank=True,
        help_text=_("Sebagaimana tertulis: 'tugas lain yang diberikan oleh ...'."),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    is_head = models.BooleanField(
        _("kepala perangkat daerah"),
        default=False,
        help_text=_("Puncak pohon organisasi: membaca semua data dan menjadi pihak kedua PK."),
    )
    listed = models.BooleanField(
        _("tercantum dalam keputusan"),
        default=True,
        help_text=_("Tidak, untuk jabatan kepala yang hanya disebut sebagai atasan."),
    )

    class Meta:
        verbose_name = _("jabatan")
        verbose_name_plural = _("jabatan")
        ordering = ["decree", "order"]
        constraints = [
            models.UniqueConstraint(fields=["decree", "key"], name="position_unique_key")
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.stable_key:
            self.stable_key = self.key
        super().save(*args, **kwargs)


class Duty(models.Model):
    """A task (tugas) or function (fungsi) line of a position, kept in the decree's order."""

    class Kind(models.TextChoices):
        TASK = "task", _("Tugas")
        FUNCTION = "function", _("Fungsi")

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="duties", verbose_name=_("jabatan")
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    text = models.TextField(_("uraian"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("tugas/fungsi")
        verbose_name_plural = _("tugas dan fungsi")
        ordering = ["position", "kind", "order"]

    def __str__(self) -> str:
        return self.text[:80]


class Goal(models.Model):
    """A kinerja (sasaran) of a position."""

    position = models.ForeignKey(
        Position, on_delete=models.CASCADE, related_name="goals", verbose_name=_("jabatan")
    )
    statement = models.TextField(_("kinerja"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("kinerja")
        verbose_name_plural = _("kinerja")
        ordering = ["position", "order"]

    def __str__(self) -> str:
        return self.statement[:120]


class Indicator(models.Model):
    class Kind(models.TextChoices):
        PERCENTAGE = "percentage", _("Persentase")
        RATIO = "ratio", _("Rasio")
        COUNT = "count", _("Jumlah")

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("Semakin tinggi semakin baik")
        LOWER = "lower", _("Semakin rendah semakin baik")
        RANGE = "range", _("Rentang target")

    class Aggregation(models.TextChoices):
        FLOW = "flow", _("Dijumlahkan antarperiode (arus)")
        STOCK = "stock", _("Nilai akhir periode (posisi)")

    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, related_name="indicators", verbose_name=_("kinerja")
    )
    name = models.TextField(_("indikator kinerja"))
    # The same indicator across decrees (reworded, moved to another jabatan): its history of
    # figures for the LKjIP's earlier-year comparisons follows this key.
    stable_key = models.CharField(_("kunci tetap"), max_length=255, db_index=True, default="")
    # Which register (SIAK) figure feeds this indicator, e.g. "ktp_el" or "layanan:KK"; a setting,
    # not the wording, so a reworded indicator keeps its feed.
    register_figure = models.CharField(
        _("angka register (SIAK)"), max_length=40, blank=True, db_index=True
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    formula = models.TextField(_("formulasi sebagaimana tertulis"), blank=True)
    numerator = models.TextField(_("pembilang"), blank=True)
    denominator = models.TextField(_("penyebut"), blank=True)
    measure_unit = models.CharField(_("satuan"), max_length=60, blank=True)
    measure_confirmed = models.BooleanField(
        _("satuan dan agregasi dikonfirmasi"),
        default=True,
        help_text=_(
            "Tidak dicentang bila satuan dan agregasi indikator jumlah ditebak dari kata-katanya "
            "saat impor; pemeriksaan katalog mendaftarnya untuk dikonfirmasi."
        ),
    )
    polarity = models.CharField(
        _("polaritas"), max_length=8, choices=Polarity.choices, default=Polarity.HIGHER
    )
    aggregation = models.CharField(
        _("agregasi periode"), max_length=8, choices=Aggregation.choices, default=Aggregation.FLOW
    )

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Bulanan")
        QUARTERLY = "quarterly", _("Triwulanan")

    frequency = models.CharField(
        _("periode pengukuran"), max_length=10, choices=Frequency.choices, default=Frequency.MONTHLY
    )
    can_exceed_100 = models.BooleanField(
        _("boleh melebihi 100%"),
        default=False,
        help_text=_(
            "Misalnya cakupan Dukcapil yang melayani penduduk daerah lain: pembilang boleh "
            "melebihi penyebut dan ditandai, tidak dipotong."
        ),
    )
    order = models.PositiveIntegerField(_("urutan"), default=0)
    sources = models.ManyToManyField(
        DataSource,
        through="IndicatorSource",
        related_name="indicators",
        blank=True,
        verbose_name=_("sumber data"),
    )

    class Meta:
        verbose_name = _("indikator kinerja")
        verbose_name_plural = _("indikator kinerja")
        ordering = ["goal", "order"]

    def __str__(self) -> str:
        return self.name[:120]

    def save(self, *args, **kwargs) -> None:
        if not self.stable_key:  # rows made outside the importer (admin, tests): unique anyway
            self.stable_key = f"{slugify(self.name)[:100]}-{uuid4().hex[:10]}"
        super().save(*args, **kwargs)

    def clean(self) -> None:
        problems = indicator_problems(self.kind, self.numerator, self.denominator)
        if problems:
            raise ValidationError(problems)


class IndicatorSource(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE)
    source = models.ForeignKey(DataSource, on_delete=models.PROTECT, verbose_name=_("sumber data"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sumber data indikator")
        verbose_name_plural = _("sumber data indikator")
        ordering = ["indicator", "order"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "source"], name="indicatorsource_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator_id} <- {self.source_id}"


class CatalogImport(models.Model):
    """One run of the importer: kept so an auditor can see who loaded which text and what it
    changed."""

    decree = models.ForeignKey(
        Decree, on_delete=models.CASCADE, related_name="imports", verbose_name=_("keputusan")
    )
    imported_at = models.DateTimeField(_("waktu"), auto_now_add=True)
    actor = models.CharField(_("oleh"), max_length=150, blank=True)
    source_sha256 = models.CharField(_("sidik teks sumber"), max_length=64)
    changes = models.JSONField(_("perubahan"), default=list)
    warnings = models.JSONField(_("peringatan"), default=list)
    # An amendment is applied to the decree in force; its own number and date are kept here.
    amendment_number = models.CharField(_("nomor keputusan perubahan"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("riwayat impor")
        verbose_name_plural = _("riwayat impor")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.decree_id} @ {self.imported_at:%Y-%m-%d %H:%M}"


from kinerja.catalog.models_review import CatalogReview  # noqa: E402

__all__ = [
    "Agency",
    "CatalogImport",
    "CatalogReview",
    "DataSource",
    "Decree",
    "Duty",
    "Goal",
    "Indicator",
    "IndicatorSource",
    "Position",
    "Unit",
]
