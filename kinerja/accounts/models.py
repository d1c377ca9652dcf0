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


class Role(models.TextChoices):
    """What a user does for an agency besides holding a position (issue #12)."""

    ADMINISTRATOR = "administrator", _("Administrator (pengguna, penugasan, pengaturan katalog)")
    PERENCANA = "perencana", _("Perencana (target, PK, rencana aksi, penutupan periode)")
    OPERATOR = "operator", _("Operator (mengisi realisasi atas nama pemegang jabatan)")
    PIMPINAN = "pimpinan", _("Pimpinan (membaca seluruh data perangkat daerah)")
    INSPEKTORAT = "inspektorat", _("Inspektorat (membaca seluruh perangkat daerah, hanya baca)")


class AgencyRoleQuerySet(models.QuerySet):
    def active(self) -> "AgencyRoleQuerySet":
        return self.filter(ended_at__isnull=True)


class AgencyRole(models.Model):
    """A role a user holds for one agency. Granted and ended through
    ``kinerja.accounts.services`` (audited); an ended row stays as history."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="agency_roles")
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="user_roles",
        verbose_name=_("perangkat daerah"),
    )
    role = models.CharField(_("peran"), max_length=20, choices=Role.choices)
    granted_at = models.DateTimeField(_("diberikan"), auto_now_add=True)
    ended_at = models.DateTimeField(_("diakhiri"), null=True, blank=True)

    objects = AgencyRoleQuerySet.as_manager()

    class Meta:
        verbose_name = _("peran pengguna")
        verbose_name_plural = _("peran pengguna")
        ordering = ["agency", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "agency", "role"],
                condition=Q(ended_at__isnull=True),
                name="agencyrole_one_active",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} — {self.agency}"


class AgencySetting(models.Model):
    """Per-agency rules of the PK and of verification, changed through an audited service."""

    class PkScope(models.TextChoices):
        STRUCTURAL = "structural", _("Jabatan struktural (staf memakai SKP)")
        ALL = "all", _("Semua jabatan dalam keputusan")

    class EvidenceRule(models.TextChoices):
        DOCUMENT = "document", _("Wajib untuk indikator bersumber dokumen")
        ALL = "all", _("Wajib untuk semua indikator")
        NONE = "none", _("Tidak wajib")

    agency = models.OneToOneField(
        "catalog.Agency", on_delete=models.CASCADE, related_name="setting"
    )
    pk_scope = models.CharField(
        _("cakupan PK"), max_length=12, choices=PkScope.choices, default=PkScope.STRUCTURAL
    )
    evidence_rule = models.CharField(
        _("bukti dukung"),
        max_length=10,
        choices=EvidenceRule.choices,
        default=EvidenceRule.DOCUMENT,
    )
    evidence_required_indicators = models.ManyToManyField(
        "catalog.Indicator",
        blank=True,
        related_name="+",
        verbose_name=_("indikator yang selalu wajib bukti"),
    )

    class Meta:
        verbose_name = _("pengaturan perangkat daerah")
        verbose_name_plural = _("pengaturan perangkat daerah")

    def __str__(self) -> str:
        return str(self.agency)


class RegionalHead(models.Model):
    """The Bupati (or Pj./Plt. Bupati, Wali Kota) who is the second party of the head's PK."""

    class Status(models.TextChoices):
        DEFINITIF = "definitif", _("Bupati/Wali Kota")
        PJ = "pj", _("Penjabat (Pj.)")
        PLT = "plt", _("Pelaksana Tugas (Plt.)")

    agency = models.ForeignKey(
        "catalog.Agency", on_delete=models.CASCADE, related_name="regional_heads"
    )
    name = models.CharField(_("nama"), max_length=150)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DEFINITIF
    )
    starts_on = models.DateField(_("mulai"))
    ends_on = models.DateField(_("selesai"), null=True, blank=True)

    class Meta:
        verbose_name = _("kepala daerah")
        verbose_name_plural = _("kepala daerah")
        ordering = ["agency", "-starts_on"]

    def __str__(self) -> str:
        return f"{self.prefix} {self.name}".strip()

    @property
    def prefix(self) -> str:
        return {"pj": "Pj.", "plt": "Plt."}.get(self.status, "")
