from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from kinerja.accounts.nip import NipError, normalize_nip, parse_nip


class Grade(models.TextChoices):
    """Pangkat/golongan ruang of a civil servant (PP 99/2000), stored as the golongan code."""

    I_A = "I/a", "Juru Muda, I/a"
    I_B = "I/b", "Juru Muda Tingkat I, I/b"
    I_C = "I/c", "Juru, I/c"
    I_D = "I/d", "Juru Tingkat I, I/d"
    II_A = "II/a", "Pengatur Muda, II/a"
    II_B = "II/b", "Pengatur Muda Tingkat I, II/b"
    II_C = "II/c", "Pengatur, II/c"
    II_D = "II/d", "Pengatur Tingkat I, II/d"
    III_A = "III/a", "Penata Muda, III/a"
    III_B = "III/b", "Penata Muda Tingkat I, III/b"
    III_C = "III/c", "Penata, III/c"
    III_D = "III/d", "Penata Tingkat I, III/d"
    IV_A = "IV/a", "Pembina, IV/a"
    IV_B = "IV/b", "Pembina Tingkat I, IV/b"
    IV_C = "IV/c", "Pembina Utama Muda, IV/c"
    IV_D = "IV/d", "Pembina Utama Madya, IV/d"
    IV_E = "IV/e", "Pembina Utama, IV/e"


class Employee(models.Model):
    """A pegawai. The NIP is checked against its own layout (birth date, appointment, sex)."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="employees",
        verbose_name=_("perangkat daerah"),
    )
    nip = models.CharField(_("NIP"), max_length=18, unique=True)
    name = models.CharField(_("nama"), max_length=150)
    front_title = models.CharField(_("gelar depan"), max_length=40, blank=True)
    back_title = models.CharField(_("gelar belakang"), max_length=60, blank=True)
    grade = models.CharField(_("pangkat/golongan"), max_length=6, choices=Grade.choices, blank=True)

    class Meta:
        verbose_name = _("pegawai")
        verbose_name_plural = _("pegawai")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        """As printed under a signature: "Dr. Een Subinto, S.Pd., M.M."."""
        name = f"{self.front_title} {self.name}".strip()
        return f"{name}, {self.back_title}" if self.back_title else name

    @property
    def rank_label(self) -> str:
        return self.get_grade_display() if self.grade else ""

    def clean(self) -> None:
        self.nip = normalize_nip(self.nip)
        try:
            parse_nip(self.nip)
        except NipError as exc:
            raise ValidationError({"nip": str(exc)}) from None


class User(AbstractUser):
    """The project's own user model from day one; linked to the employee it acts for."""

    employee = models.OneToOneField(
        Employee,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="user",
        verbose_name=_("pegawai"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")


class AssignmentQuerySet(models.QuerySet):
    def active_on(self, day: date) -> "AssignmentQuerySet":
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day), starts_on__lte=day)


class Assignment(models.Model):
    """An employee holding a position over a span of days. Acting holders (Plt., Plh.) are
    assignments too; ending one keeps it as history."""

    class Kind(models.TextChoices):
        DEFINITIF = "definitif", _("Definitif")
        PLT = "plt", _("Pelaksana Tugas (Plt.)")
        PLH = "plh", _("Pelaksana Harian (Plh.)")

    employee = models.ForeignKey(
        Employee, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("pegawai")
    )
    position = models.ForeignKey(
        "catalog.Position",
        on_delete=models.PROTECT,
        related_name="assignments",
        verbose_name=_("jabatan"),
    )
    kind = models.CharField(_("jenis"), max_length=10, choices=Kind.choices, default=Kind.DEFINITIF)
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"), null=True, blank=True)
    reference = models.CharField(_("nomor SK/surat perintah"), max_length=120, blank=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("penugasan")
        verbose_name_plural = _("penugasan")
        ordering = ["position", "-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_dates_ordered",
            )
        ]

    def __str__(self) -> str:
        prefix = {"plt": "Plt. ", "plh": "Plh. "}.get(self.kind, "")
        return f"{prefix}{self.position} — {self.employee}"

    @property
    def acting_prefix(self) -> str:
        return {"plt": "Plt.", "plh": "Plh."}.get(self.kind, "")
