"""Targets (Renstra per year, Renja per year, rencana aksi per quarter) and the yearly
Perjanjian Kinerja (PK) that fixes them for a position holder."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Target(models.Model):
    class Plan(models.TextChoices):
        RENSTRA = "renstra", _("Renstra (lima tahunan)")
        RENJA = "renja", _("Renja (tahunan)")

    indicator = models.ForeignKey(
        "catalog.Indicator",
        on_delete=models.PROTECT,
        related_name="targets",
        verbose_name=_("indikator"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    plan = models.CharField(_("dokumen"), max_length=8, choices=Plan.choices)
    quarter = models.PositiveSmallIntegerField(
        _("triwulan"), default=0, help_text=_("0 = target tahunan; 1-4 = rencana aksi triwulan.")
    )
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)
    value_max = models.DecimalField(
        _("batas atas rentang"),
        max_digits=18,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("Hanya untuk indikator dengan target rentang; 'target' menjadi batas bawah."),
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("target")
        ordering = ["indicator", "year", "plan", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "year", "plan", "quarter"], name="target_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=0, quarter__lte=4), name="target_quarter_range"
            ),
            models.CheckConstraint(
                condition=Q(quarter=0) | Q(plan="renja"), name="target_quarters_only_renja"
            ),
        ]

    def __str__(self) -> str:
        period = f" TW{self.quarter}" if self.quarter else ""
        return f"{self.get_plan_display()} {self.year}{period}: {self.indicator}"


class Agreement(models.Model):
    """A Perjanjian Kinerja. A signed one is never edited: a change is a new revision
    (PK Perubahan) that supersedes it once signed."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Konsep")
        SIGNED = "signed", _("Ditandatangani")
        SUPERSEDED = "superseded", _("Digantikan PK Perubahan")

    position = models.ForeignKey(
        "catalog.Position",
        on_delete=models.PROTECT,
        related_name="agreements",
        verbose_name=_("jabatan"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    revision = models.PositiveSmallIntegerField(_("perubahan ke"), default=0)
    replaces = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="replaced_by",
        verbose_name=_("menggantikan"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    first_party = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.PROTECT,
        related_name="agreements_as_first",
        verbose_name=_("pihak pertama"),
    )
    first_party_acting = models.CharField(_("status pihak pertama"), max_length=5, blank=True)
    second_party = models.ForeignKey(
        "accounts.Employee",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agreements_as_second",
        verbose_name=_("pihak kedua"),
    )
    second_party_title = models.CharField(_("jabatan pihak kedua"), max_length=255)
    second_party_acting = models.CharField(_("status pihak kedua"), max_length=5, blank=True)
    second_party_name = models.CharField(
        _("nama pihak kedua"),
        max_length=150,
        blank=True,
        help_text=_(
            "Untuk kepala daerah (Bupati, Pj. Bupati) yang bukan pegawai perangkat daerah."
        ),
    )
    valid_from = models.DateField(
        _("berlaku mulai"),
        null=True,
        blank=True,
        help_text=_("Untuk PK pejabat pengganti: tanggal pergantian pejabat."),
    )
    valid_until = models.DateField(
        _("berlaku sampai"),
        null=True,
        blank=True,
        help_text=_("Untuk PK pejabat lama: sehari sebelum pejabat pengganti mulai."),
    )
    signed_on = models.DateField(_("tanggal tanda tangan"), null=True, blank=True)
    signed_at = models.CharField(_("tempat"), max_length=120, blank=True)
    reason = models.TextField(_("alasan perubahan"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("perjanjian kinerja")
        verbose_name_plural = _("perjanjian kinerja")
        ordering = ["-year", "position", "-revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["position", "year", "revision"], name="agreement_unique_revision"
            ),
        ]

    def __str__(self) -> str:
        suffix = f" (Perubahan {self.revision})" if self.revision else ""
        return f"PK {self.year} {self.position}{suffix}"


class AgreementItem(models.Model):
    """One row of the PK annex. Names and targets are copied at signing, so later catalog edits
    never rewrite what was signed."""

    agreement = models.ForeignKey(
        Agreement, on_delete=models.CASCADE, related_name="items", verbose_name=_("PK")
    )
    indicator = models.ForeignKey(
        "catalog.Indicator", on_delete=models.PROTECT, related_name="+", verbose_name=_("indikator")
    )
    goal_statement = models.TextField(_("sasaran"))
    indicator_name = models.TextField(_("indikator kinerja"))
    measure_unit = models.CharField(_("satuan"), max_length=60, blank=True)
    target_value = models.DecimalField(
        _("target"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    target_max = models.DecimalField(max_digits=18, decimal_places=4, null=True, blank=True)
    not_targeted_reason = models.TextField(
        _("alasan tidak ditargetkan"),
        blank=True,
        help_text=_(
            "Diisi bila indikator tidak ditargetkan tahun ini (mis. tidak ada anggaran): butir "
            "ini tampil tetapi tidak dihitung dalam capaian maupun rata-rata."
        ),
    )
    order = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("butir PK")
        verbose_name_plural = _("butir PK")
        ordering = ["agreement", "order"]

    def __str__(self) -> str:
        return self.indicator_name[:80]


class AgreementTransition(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="transitions")
    from_status = models.CharField(max_length=12, blank=True, choices=Agreement.Status.choices)
    to_status = models.CharField(max_length=12, choices=Agreement.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["agreement", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.from_status or '-'} -> {self.to_status}"
