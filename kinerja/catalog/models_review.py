"""A decree waiting to be applied: a successor for a later period or an amendment of the decree
in force. The importer's automatic matching of positions and indicators is a proposal; a person
confirms or corrects it here before anything touches the catalog, the assignments or the data."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogReview(models.Model):
    class Kind(models.TextChoices):
        SUCCESSOR = "successor", _("Keputusan pengganti (periode baru)")
        AMENDMENT = "amendment", _("Perubahan keputusan yang berlaku")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Menunggu ditinjau")
        APPLIED = "applied", _("Diterapkan")
        DISCARDED = "discarded", _("Dibatalkan")

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.CASCADE,
        related_name="catalog_reviews",
        verbose_name=_("perangkat daerah"),
    )
    base = models.ForeignKey(
        "catalog.Decree",
        on_delete=models.CASCADE,
        related_name="reviews",
        verbose_name=_("keputusan yang diganti/diubah"),
    )
    kind = models.CharField(_("jenis"), max_length=12, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    filename = models.CharField(_("nama berkas"), max_length=255, blank=True)
    source_sha256 = models.CharField(_("sidik berkas"), max_length=64)
    document = models.JSONField(_("dokumen katalog"))
    # {"positions": {new key: old position id | null}, "indicators": {row id: old id | null}}
    matches = models.JSONField(_("padanan"), default=dict)
    # The automatic proposal, kept so the page and the audit show what a person changed.
    proposal = models.JSONField(_("usulan otomatis"), default=dict)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    applied_at = models.DateTimeField(_("diterapkan"), null=True, blank=True)
    result = models.ForeignKey(
        "catalog.Decree",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hasil"),
    )

    class Meta:
        verbose_name = _("tinjauan keputusan")
        verbose_name_plural = _("tinjauan keputusan")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        number = (self.document.get("decree") or {}).get("number", "")
        return f"{self.get_kind_display()}: {number}"
