"""Texts the documents print that the figures cannot say: the quarterly evaluation's factors
(faktor pendorong, faktor penghambat, tindak lanjut) and the LKjIP narrative. Written through
``kinerja.reports.services`` (audited)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class EvaluationNote(models.Model):
    """The footer of the quarterly Renja evaluation for an agency (or one of its units)."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    unit = models.ForeignKey(
        "catalog.Unit",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit kerja"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    pendorong = models.TextField(_("faktor pendorong"), blank=True)
    penghambat = models.TextField(_("faktor penghambat"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catatan evaluasi triwulan")
        verbose_name_plural = _("catatan evaluasi triwulan")
        ordering = ["agency", "year", "quarter"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "quarter"],
                condition=Q(unit__isnull=True),
                name="evaluationnote_one_per_agency",
            ),
            models.UniqueConstraint(
                fields=["agency", "unit", "year", "quarter"], name="evaluationnote_one_per_unit"
            ),
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="evaluationnote_quarter_range"
            ),
        ]

    def __str__(self) -> str:
        return f"Catatan evaluasi TW {self.quarter} {self.year}"


class LkjipText(models.Model):
    """The LKjIP narrative of an agency for a year, one text per chapter; empty ones print a
    placeholder saying what belongs there."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    kata_pengantar = models.TextField(_("kata pengantar"), blank=True)
    ikhtisar = models.TextField(_("ikhtisar eksekutif"), blank=True)
    pendahuluan = models.TextField(_("Bab I pendahuluan"), blank=True)
    analisis = models.TextField(_("analisis capaian (penyebab, efisiensi, program)"), blank=True)
    anggaran = models.TextField(_("realisasi anggaran"), blank=True)
    penutup = models.TextField(_("Bab IV penutup"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("naskah LKjIP")
        verbose_name_plural = _("naskah LKjIP")
        constraints = [
            models.UniqueConstraint(fields=["agency", "year"], name="lkjiptext_one_per_year")
        ]

    def __str__(self) -> str:
        return f"Naskah LKjIP {self.year}"


LKJIP_FIELDS = ("kata_pengantar", "ikhtisar", "pendahuluan", "analisis", "anggaran", "penutup")
NOTE_FIELDS = ("pendorong", "penghambat", "tindak_lanjut")
