"""Who changed what, when, from what to what, and why: the Inspektorat's first question."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """Every action code the services write, with the words a history table shows."""

    REALIZATION_CREATE = "realisasi.buat", _("Realisasi diisi")
    REALIZATION_UPDATE = "realisasi.ubah", _("Realisasi diubah")
    REALIZATION_SUBMITTED = "realisasi.submitted", _("Dikirim untuk verifikasi")
    REALIZATION_VERIFIED = "realisasi.verified", _("Diverifikasi")
    REALIZATION_RETURNED = "realisasi.returned", _("Dikembalikan")
    REALIZATION_DRAFT = "realisasi.draft", _("Dijadikan konsep")
    EVIDENCE_ADD = "bukti.tambah", _("Bukti dukung ditambahkan")
    EVIDENCE_REMOVE = "bukti.hapus", _("Bukti dukung dihapus")
    TARGET_UPDATE = "target.ubah", _("Target diubah")
    PK_DRAFT = "pk.draft", _("PK disusun")
    PK_SIGNED = "pk.signed", _("PK ditandatangani")
    PK_SUPERSEDED = "pk.superseded", _("PK digantikan PK Perubahan")
    PK_ITEM = "pk.butir", _("Butir PK: ditargetkan atau tidak ditargetkan tahun ini")
    EMPLOYEE_SAVE = "pegawai.simpan", _("Data pegawai disimpan")
    ASSIGNMENT_CREATE = "penugasan.buat", _("Penugasan dibuat")
    ASSIGNMENT_END = "penugasan.akhiri", _("Penugasan diakhiri")
    POSITION_SUPERVISOR = "jabatan.atasan", _("Atasan jabatan diubah")
    POSITION_SETTINGS = "jabatan.pengaturan", _("Pengaturan jabatan diubah")
    AGENCY_SETTINGS = "perangkat.pengaturan", _("Pengaturan perangkat daerah diubah")
    INDICATOR_SETTINGS = "indikator.pengaturan", _("Pengaturan indikator diubah")
    USER_CREATE = "pengguna.buat", _("Pengguna dibuat")
    USER_UPDATE = "pengguna.ubah", _("Pengguna diubah")
    USER_PASSWORD = "pengguna.sandi", _("Kata sandi diatur ulang")
    USER_DEACTIVATE = "pengguna.nonaktif", _("Pengguna dinonaktifkan")
    ROLE_GRANT = "peran.beri", _("Peran diberikan")
    ROLE_END = "peran.akhiri", _("Peran diakhiri")
    REGIONAL_HEAD = "kepala_daerah.simpan", _("Kepala daerah disimpan")
    PERIOD_DEADLINE = "periode.batas", _("Batas pengisian periode diatur")
    PERIOD_CLOSE = "periode.tutup", _("Periode ditutup")
    PERIOD_REOPEN = "periode.buka", _("Periode dibuka kembali")
    EVALUATION_NOTE = "evaluation_note.save", _("Catatan evaluasi triwulan disimpan")
    LKJIP_TEXT = "lkjip_text.save", _("Naskah LKjIP disimpan")
    POPULATION_IMPORT = "penduduk.impor", _("Ekstrak penduduk diimpor")
    POPULATION_COMPUTE = "penduduk.hitung", _("Angka penduduk dihitung")
    POPULATION_POST = "penduduk.posting", _("Angka penduduk dikirim sebagai realisasi")
    ASSIGNMENT_CARRIED = "penugasan.lanjut", _("Penugasan dilanjutkan pada keputusan pengganti")
    CATALOG_REVIEW = "katalog.tinjau", _("Keputusan baru diunggah untuk ditinjau")
    CATALOG_REVIEW_MATCHES = "katalog.tinjau.padanan", _("Padanan keputusan baru diperbaiki")
    CATALOG_REVIEW_DISCARD = "katalog.tinjau.batal", _("Tinjauan keputusan dibatalkan")
    CATALOG_APPLY = "katalog.terapkan", _("Keputusan baru diterapkan")
    API_TOKEN_CREATE = "token_api.buat", _("Token API dibuat")
    API_TOKEN_REVOKE = "token_api.cabut", _("Token API dicabut")
    RENSTRA_SAVE = "renstra.save", _("Renstra disimpan")
    RENSTRA_IMPORT = "renstra.import", _("Renstra diimpor dari XLSX")
    IKU_SAVE = "iku.save", _("IKU disimpan")
    IKU_MEASURE = "iku.measure", _("Indikator pengukur IKU diatur")
    IKU_TARGET = "iku_target.set", _("Target IKU diatur")
    CASCADE_LINK = "cascade.link", _("Pohon kinerja: kinerja dikaitkan ke atasannya")
    BUDGET_IMPORT = "budget.import", _("Anggaran dan realisasi belanja diimpor")
    BUDGET_ITEM_LINK = "budget_item.link", _("Sub kegiatan dikaitkan ke kinerja dan jabatan")
    QUARTER_NOTE = "quarter_note.save", _("Catatan evaluasi triwulan disimpan")
    QUARTER_NOTE_FOLLOW_UP = "quarter_note.follow_up", _("Tindak lanjut evaluasi dicatat")
    EARLIER_SAVE = "earlier.save", _("Realisasi tahun sebelum sistem disimpan")


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
    agency = models.ForeignKey(
        "catalog.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("perangkat daerah"),
    )
    action = models.CharField(_("tindakan"), max_length=40, choices=Action.choices)
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

    @property
    def action_label(self) -> str:
        return Action(self.action).label if self.action in Action.values else self.action

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = list(dict.fromkeys([*before, *after]))
        return [(k, before.get(k), after.get(k)) for k in keys if before.get(k) != after.get(k)]
