"""How an agency presents itself on every page: its name as the header and the login page show it,
and its logo. Kept here, beside the layout that uses it, rather than on catalog.Agency: the
decree catalog describes the organisation; this is presentation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyBranding(models.Model):
    agency = models.OneToOneField(
        "catalog.Agency",
        on_delete=models.CASCADE,
        related_name="branding",
        verbose_name=_("perangkat daerah"),
    )
    title = models.CharField(
        _("nama pada kepala halaman"),
        max_length=120,
        blank=True,
        help_text=_("Kosong = nama perangkat daerah dari keputusan."),
    )
    subtitle = models.CharField(
        _("baris kedua"),
        max_length=120,
        blank=True,
        help_text=_("Mis. Pemerintah Kabupaten Sampang. Kosong = dari wilayah."),
    )
    # The logo as re-encoded PNG (at most 256 px): stored in the database so it is backed up with
    # it and served without a media server; the re-encoding drops anything but the pixels.
    logo = models.BinaryField(_("logo (PNG)"), blank=True, default=b"")
    logo_sha256 = models.CharField(_("sidik logo"), max_length=64, blank=True)
    updated_at = models.DateTimeField(_("diubah"), auto_now=True)

    class Meta:
        verbose_name = _("tampilan perangkat daerah")
        verbose_name_plural = _("tampilan perangkat daerah")

    def __str__(self) -> str:
        return self.title or str(self.agency)
