"""API tokens and the stored answers of idempotent writes.

A token is stored as a SHA-256 digest of its secret (the secret has 256 random bits, so a slow
password hash adds nothing) with a short public prefix to find it; the secret is shown once.
A *user* token acts as an existing account; a *system* token acts as an account of its own,
created with it and given one agency role, so every decision stays with
``kinerja.accounts.permissions.can``. A system token may also be limited to some indicators.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ApiToken(models.Model):
    class Kind(models.TextChoices):
        USER = "user", _("Pengguna (bertindak sebagai akun pengguna)")
        SYSTEM = "system", _("Sistem (aplikasi lain, akun dan peran sendiri)")

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    name = models.CharField(_("nama"), max_length=120)
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="api_tokens",
        verbose_name=_("bertindak sebagai"),
    )
    role = models.CharField(_("peran"), max_length=20, blank=True)
    indicators = models.ManyToManyField(
        "catalog.Indicator",
        blank=True,
        related_name="+",
        verbose_name=_("indikator yang boleh dikirim"),
    )
    prefix = models.CharField(max_length=16, unique=True)
    digest = models.CharField(max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("terakhir dipakai"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("token API")
        verbose_name_plural = _("token API")
        ordering = ["agency", "-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class IdempotencyRecord(models.Model):
    """The answer given to a write sent with an ``Idempotency-Key``: a retry with the same key and
    the same request gets it again instead of being applied twice."""

    owner = models.CharField(max_length=40)  # "token:<id>" or "user:<id>"
    key = models.CharField(max_length=255)
    request_hash = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField(default=0)  # 0 while the first request runs
    body = models.JSONField(null=True, blank=True)
    headers = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["owner", "key"], name="idempotency_unique_key"),
            models.CheckConstraint(condition=~Q(key=""), name="idempotency_key_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.owner} {self.key}"
