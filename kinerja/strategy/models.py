"""The plan above the IKI (issue #14): the office's Renstra with its tujuan, sasaran and IKU, the
Renja targets per year, the cascade (pohon kinerja) linking every decree goal to what it serves,
programs/kegiatan/sub kegiatan with pagu and spending, quarterly evaluation notes with their
follow-up, and realizations of years before the system.

Nothing here adds a field to the catalog: a decree goal is linked from this app
(``CascadeLink``), so a successor decree gets its own links and the catalog stays the lead's.
Every write goes through ``kinerja.strategy.services`` (audited).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Renstra(models.Model):
    """A Rencana Strategis of an agency. Its period need not match a decree's (Sampang had a
    Renstra 2024-2026 under Inmendagri 52/2022, then 2025-2029)."""

    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    title = models.CharField(_("judul"), max_length=255)
    number = models.CharField(_("nomor penetapan"), max_length=120, blank=True)
    period_start = models.PositiveSmallIntegerField(_("awal periode"))
    period_end = models.PositiveSmallIntegerField(_("akhir periode"))

    class Meta:
        verbose_name = _("Renstra")
        verbose_name_plural = _("Renstra")
        ordering = ["agency", "-period_start"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "period_start", "period_end"], name="renstra_unique_period"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="renstra_period_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"Renstra {self.period_start}-{self.period_end}"

    @property
    def baseline_year(self) -> int:
        return self.period_start - 1

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))


class Tujuan(models.Model):
    renstra = models.ForeignKey(Renstra, on_delete=models.CASCADE, related_name="tujuan")
    code = models.CharField(_("kode"), max_length=20)
    statement = models.TextField(_("tujuan"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("tujuan")
        verbose_name_plural = _("tujuan")
        ordering = ["renstra", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["renstra", "code"], name="tujuan_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:80]}"


class Sasaran(models.Model):
    tujuan = models.ForeignKey(Tujuan, on_delete=models.CASCADE, related_name="sasaran")
    code = models.CharField(_("kode"), max_length=20)
    statement = models.TextField(_("sasaran strategis"))
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("sasaran strategis")
        verbose_name_plural = _("sasaran strategis")
        ordering = ["tujuan", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["tujuan", "code"], name="sasaran_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:80]}"


class Iku(models.Model):
    """An indikator kinerja utama of the office: how it is computed, its baseline (the year
    before the period), yearly and end-of-period targets and the unit answering for it."""

    class Polarity(models.TextChoices):
        HIGHER = "higher", _("Semakin tinggi semakin baik")
        LOWER = "lower", _("Semakin rendah semakin baik")

    sasaran = models.ForeignKey(Sasaran, on_delete=models.CASCADE, related_name="iku")
    code = models.CharField(_("kode"), max_length=20)
    name = models.TextField(_("indikator kinerja utama"))
    formula = models.TextField(_("formulasi"), blank=True)
    satuan = models.CharField(_("satuan"), max_length=60)
    data_source = models.CharField(_("sumber data"), max_length=255, blank=True)
    polarity = models.CharField(
        _("polaritas"), max_length=8, choices=Polarity.choices, default=Polarity.HIGHER
    )
    decimals = models.PositiveSmallIntegerField(_("desimal tampilan"), default=2)
    baseline = models.DecimalField(
        _("kondisi awal"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    end_target = models.DecimalField(
        _("target akhir periode"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    responsible_unit = models.ForeignKey(
        "catalog.Unit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("unit penanggung jawab"),
    )
    responsible_text = models.CharField(_("penanggung jawab"), max_length=255, blank=True)
    order = models.PositiveIntegerField(_("urutan"), default=0)

    class Meta:
        verbose_name = _("IKU")
        verbose_name_plural = _("IKU")
        ordering = ["sasaran", "order", "code"]
        constraints = [models.UniqueConstraint(fields=["sasaran", "code"], name="iku_unique_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.name[:100]}"

    @property
    def responsible_label(self) -> str:
        return self.responsible_unit.name if self.responsible_unit else self.responsible_text


class IkuTarget(models.Model):
    """A yearly target of an IKU: the Renstra's, or the Renja's for that year (linked to the
    Renstra's through the IKU)."""

    class Plan(models.TextChoices):
        RENSTRA = "renstra", _("Renstra")
        RENJA = "renja", _("Renja")

    iku = models.ForeignKey(Iku, on_delete=models.CASCADE, related_name="targets")
    year = models.PositiveSmallIntegerField(_("tahun"))
    plan = models.CharField(_("dokumen"), max_length=8, choices=Plan.choices)
    value = models.DecimalField(_("target"), max_digits=18, decimal_places=4)

    class Meta:
        verbose_name = _("target IKU")
        verbose_name_plural = _("target IKU")
        ordering = ["iku", "year", "plan"]
        constraints = [
            models.UniqueConstraint(fields=["iku", "year", "plan"], name="ikutarget_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_plan_display()} {self.year}: {self.iku.code}"


class IkuMeasure(models.Model):
    """The decree indicator whose figure measures an IKU (one per decree: a successor decree
    gets its own row). The IKU's realization and capaian are that indicator's, from the
    achievement read model; the page says which indicator it is."""

    iku = models.ForeignKey(Iku, on_delete=models.CASCADE, related_name="measures")
    indicator = models.ForeignKey("catalog.Indicator", on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("indikator pengukur IKU")
        verbose_name_plural = _("indikator pengukur IKU")
        constraints = [
            models.UniqueConstraint(fields=["iku", "indicator"], name="ikumeasure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.iku.code} <- {self.indicator_id}"


class CascadeLink(models.Model):
    """What a decree goal serves: a goal of the position above (Kasi -> Kabid, staff -> Kasi),
    or one or more office IKU (a Kabid goal whose indicators measure several IKU of a sasaran).
    Each row names exactly one parent; a goal has one parent goal, or IKU only."""

    goal = models.ForeignKey(
        "catalog.Goal", on_delete=models.CASCADE, related_name="+", verbose_name=_("kinerja")
    )
    parent_goal = models.ForeignKey(
        "catalog.Goal",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("mendukung kinerja"),
    )
    parent_iku = models.ForeignKey(
        Iku,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="cascade_links",
        verbose_name=_("mendukung IKU"),
    )

    class Meta:
        verbose_name = _("tautan pohon kinerja")
        verbose_name_plural = _("tautan pohon kinerja")
        ordering = ["goal", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(parent_goal__isnull=True) & Q(parent_iku__isnull=False))
                | (Q(parent_goal__isnull=False) & Q(parent_iku__isnull=True)),
                name="cascadelink_one_parent",
            ),
            models.CheckConstraint(
                condition=~Q(parent_goal=models.F("goal")), name="cascadelink_not_self"
            ),
            models.UniqueConstraint(
                fields=["goal"],
                condition=Q(parent_goal__isnull=False),
                name="cascadelink_one_parent_goal",
            ),
            models.UniqueConstraint(fields=["goal", "parent_iku"], name="cascadelink_unique_iku"),
        ]

    def __str__(self) -> str:
        return f"{self.goal_id} -> {self.parent_goal_id or f'IKU {self.parent_iku_id}'}"


# --- programs and budget (Permendagri 90/2019) -------------------------------------------------


class BudgetItem(models.Model):
    """A program (2.12.02), kegiatan (2.12.02.2.01) or sub kegiatan (2.12.02.2.01.0001) of the
    agency; the code decides the level and the parent."""

    class Level(models.TextChoices):
        PROGRAM = "program", _("Program")
        KEGIATAN = "kegiatan", _("Kegiatan")
        SUB = "sub", _("Sub kegiatan")

    agency = models.ForeignKey("catalog.Agency", on_delete=models.PROTECT, related_name="+")
    code = models.CharField(_("kode"), max_length=40)
    name = models.CharField(_("nama"), max_length=500)
    level = models.CharField(_("tingkat"), max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="children"
    )
    responsible = models.ForeignKey(
        "catalog.Position",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("jabatan penanggung jawab"),
    )
    goals = models.ManyToManyField(
        "catalog.Goal", blank=True, related_name="+", verbose_name=_("kinerja yang didanai")
    )

    class Meta:
        verbose_name = _("program/kegiatan/sub kegiatan")
        verbose_name_plural = _("program, kegiatan dan sub kegiatan")
        ordering = ["agency", "code"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "code"], name="budgetitem_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Pagu(models.Model):
    """The budget ceiling of a sub kegiatan for a year (DPA)."""

    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="pagu")
    year = models.PositiveSmallIntegerField(_("tahun"))
    amount = models.DecimalField(_("pagu (Rp)"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("pagu")
        verbose_name_plural = _("pagu")
        constraints = [models.UniqueConstraint(fields=["item", "year"], name="pagu_unique_year")]

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}"


class Spending(models.Model):
    """Spending (realisasi belanja) of a sub kegiatan in one month (1-12) of a year. A file with
    quarterly columns is stored on the last month of each quarter, so every sum is by month."""

    item = models.ForeignKey(BudgetItem, on_delete=models.CASCADE, related_name="spending")
    year = models.PositiveSmallIntegerField(_("tahun"))
    month = models.PositiveSmallIntegerField(_("bulan"))
    amount = models.DecimalField(_("realisasi (Rp)"), max_digits=18, decimal_places=2)

    class Meta:
        verbose_name = _("realisasi belanja")
        verbose_name_plural = _("realisasi belanja")
        ordering = ["item", "year", "month"]
        constraints = [
            models.UniqueConstraint(fields=["item", "year", "month"], name="spending_unique"),
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12), name="spending_month_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item.code} {self.year}-{self.month:02d}"


class BudgetImport(models.Model):
    """One budget file that changed something (a second import of the same file leaves none)."""

    agency = models.ForeignKey("catalog.Agency", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("tahun"))
    sha256 = models.CharField(max_length=64)
    filename = models.CharField(max_length=255, blank=True)
    summary = models.JSONField(default=dict)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"Impor anggaran {self.year} ({self.filename})"


# --- quarterly evaluation notes ----------------------------------------------------------------


class QuarterNote(models.Model):
    """What the quarterly evaluation meeting concluded about one goal or one indicator of a
    unit (or about an IKU), and whether the previous quarter's follow-up was done."""

    agency = models.ForeignKey("catalog.Agency", on_delete=models.CASCADE, related_name="+")
    unit = models.ForeignKey(
        "catalog.Unit", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    quarter = models.PositiveSmallIntegerField(_("triwulan"))
    goal = models.ForeignKey(
        "catalog.Goal", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    indicator = models.ForeignKey(
        "catalog.Indicator", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    iku = models.ForeignKey(Iku, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    pendorong = models.TextField(_("faktor pendorong"), blank=True)
    penghambat = models.TextField(_("faktor penghambat"), blank=True)
    tindak_lanjut = models.TextField(_("tindak lanjut"), blank=True)
    # The follow-up, checked at the next quarter's meeting.
    follow_up_done = models.BooleanField(_("tindak lanjut terlaksana"), null=True, blank=True)
    follow_up_by = models.CharField(_("dilaksanakan oleh"), max_length=255, blank=True)
    follow_up_note = models.TextField(_("catatan pelaksanaan"), blank=True)
    follow_up_checked_in = models.CharField(_("diperiksa pada"), max_length=20, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("catatan evaluasi kinerja")
        verbose_name_plural = _("catatan evaluasi kinerja")
        ordering = ["agency", "year", "quarter", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quarter__gte=1, quarter__lte=4), name="quarternote_quarter_range"
            ),
            models.CheckConstraint(
                condition=Q(goal__isnull=False) | Q(indicator__isnull=False) | Q(iku__isnull=False),
                name="quarternote_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"Catatan TW {self.quarter} {self.year}"


# --- earlier years -----------------------------------------------------------------------------


class EarlierRealization(models.Model):
    """A realization of a year before the system (N-1, N-2, the baseline), typed or imported with
    where it comes from. Never a monthly figure and never verified in the workflow: pages and
    documents print it apart, with its source."""

    agency = models.ForeignKey("catalog.Agency", on_delete=models.CASCADE, related_name="+")
    iku = models.ForeignKey(Iku, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    indicator = models.ForeignKey(
        "catalog.Indicator", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("tahun"))
    value = models.DecimalField(_("realisasi"), max_digits=18, decimal_places=4)
    source = models.CharField(_("sumber"), max_length=500)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("realisasi tahun sebelumnya")
        verbose_name_plural = _("realisasi tahun sebelumnya")
        ordering = ["agency", "year"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(iku__isnull=False) & Q(indicator__isnull=True))
                | (Q(iku__isnull=True) & Q(indicator__isnull=False)),
                name="earlier_one_subject",
            ),
            models.UniqueConstraint(
                fields=["iku", "year"], condition=Q(iku__isnull=False), name="earlier_unique_iku"
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=Q(indicator__isnull=False),
                name="earlier_unique_indicator",
            ),
        ]

    def __str__(self) -> str:
        return f"Realisasi {self.year} (sebelum sistem)"
