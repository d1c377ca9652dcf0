"""Realizations per indicator per period, their evidence, and the verification workflow."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.core.uploads import EXTENSIONS
from kinerja.scoring.periods import MONTH_NAMES


class Status(models.TextChoices):
    DRAFT = "draft", _("Konsep")
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    VERIFIED = "verified", _("Terverifikasi")
    RETURNED = "returned", _("Dikembalikan")


class Realization(models.Model):
    indicator = models.ForeignKey(
        "catalog.Indicator",
        on_delete=models.PROTECT,
        related_name="realizations",
        verbose_name=_("indikator"),
    )
    # Copied from indicator.goal.position so that scoping by the organisation tree is one join.
    position = models.ForeignKey(
        "catalog.Position",
        on_delete=models.PROTECT,
        related_name="realizations",
        verbose_name=_("jabatan"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    frequency = models.CharField(_("periode"), max_length=10)  # Indicator.Frequency
    period = models.PositiveSmallIntegerField(_("bulan/triwulan"))
    numerator = models.DecimalField(
        _("pembilang"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    denominator = models.DecimalField(
        _("penyebut"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    value = models.DecimalField(_("nilai"), max_digits=18, decimal_places=4, null=True, blank=True)
    note = models.TextField(_("catatan"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    provenance = models.JSONField(
        _("asal data"),
        null=True,
        blank=True,
        help_text=_(
            "Untuk data yang dihitung sistem, mis. dari ekstrak SIAK: sidik berkas, jumlah baris."
        ),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("realisasi")
        verbose_name_plural = _("realisasi")
        ordering = ["indicator", "year", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "frequency", "period"], name="realization_unique"
            ),
            models.CheckConstraint(
                condition=Q(period__gte=1, period__lte=12), name="realization_period_range"
            ),
        ]
        indexes = [models.Index(fields=["position", "status"], name="realization_pos_status")]

    def __str__(self) -> str:
        return f"{self.indicator} {self.period_label}"

    @property
    def period_label(self) -> str:
        if self.frequency == "quarterly":
            return f"Triwulan {self.period} {self.year}"
        return f"{MONTHS[self.period - 1]} {self.year}"

    @property
    def editable(self) -> bool:
        return self.status in {Status.DRAFT, Status.RETURNED}


# One list of Indonesian month names for the whole project (the engine's).
MONTHS = MONTH_NAMES


class Transition(models.Model):
    """A history row of the workflow (django-oscar's order pipeline pattern)."""

    realization = models.ForeignKey(
        Realization, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(max_length=10, choices=Status.choices)
    to_status = models.CharField(max_length=10, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["realization", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.realization_id}: {self.from_status} -> {self.to_status}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    # Stored under its digest and the extension of the type its content was detected as (a PDF
    # uploaded as "bukti.html" is a .pdf): the original name is kept in the row, never trusted.
    ext = EXTENSIONS.get(instance.content_type)
    suffix = f".{ext}" if ext else ""
    return f"bukti/{instance.realization.year}/{instance.sha256[:2]}/{instance.sha256}{suffix}"


class Evidence(models.Model):
    realization = models.ForeignKey(
        Realization, on_delete=models.CASCADE, related_name="evidence", verbose_name=_("realisasi")
    )
    source = models.ForeignKey(
        "catalog.DataSource",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("sumber data"),
    )
    file = models.FileField(_("berkas"), upload_to=evidence_path, max_length=255)
    original_name = models.CharField(_("nama berkas"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("ukuran (bita)"))
    sha256 = models.CharField(max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("bukti dukung")
        verbose_name_plural = _("bukti dukung")
        ordering = ["realization", "uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class PeriodSchedule(models.Model):
    """An agency's entry deadline for one period, and whether the perencana has closed it."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    frequency = models.CharField(_("periode"), max_length=10)
    period = models.PositiveSmallIntegerField(_("bulan/triwulan"))
    deadline = models.DateField(_("batas pengisian"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("jadwal periode")
        verbose_name_plural = _("jadwal periode")
        ordering = ["agency", "year", "frequency", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "frequency", "period"], name="periodschedule_unique"
            )
        ]

    def __str__(self) -> str:
        label = (
            f"Triwulan {self.period}" if self.frequency == "quarterly" else MONTHS[self.period - 1]
        )
        return f"{label} {self.year}"
