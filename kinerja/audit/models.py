"""Who changed what, when, from what to what, and why: the Inspektorat's first question."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEntry(models.Model):
    at = models.DateTimeField(_("waktu"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    actor_label = models.CharField(
        _("nama pelaku"), max_length=150, help_text=_("Tetap terbaca bila akun dihapus.")
    )
    action = models.CharField(_("tindakan"), max_length=40)
    model = models.CharField(_("jenis data"), max_length=60)
    object_id = models.CharField(_("id data"), max_length=40)
    object_repr = models.CharField(_("data"), max_length=255)
    before = models.JSONField(_("sebelum"), null=True, blank=True)
    after = models.JSONField(_("sesudah"), null=True, blank=True)
    reason = models.TextField(_("alasan"), blank=True)

    class Meta:
        verbose_name = _("catatan audit")
        verbose_name_plural = _("jejak audit")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["model", "object_id"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_label} {self.action} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
