"""Evidence (bukti dukung): what the bytes really are decides, stored under the SHA-256, never the
uploaded name; only the holder adds or removes it, and only while the realization is editable."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from factories import indicator_of
from openpyxl import Workbook

from kinerja.audit.models import AuditEntry
from kinerja.catalog.models import DataSource
from kinerja.core.uploads import EXTENSIONS, XLSX
from kinerja.measurement.models import Evidence, Realization, Status
from kinerja.measurement.services import evidence_add, evidence_remove, realization_save


def pdf_bytes() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
        b"trailer<</Root 1 0 R>>\n%%EOF\n"
    )


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1x1, 8-bit greyscale
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def jpeg_bytes() -> bytes:
    app0 = b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    return b"\xff\xd8\xff\xe0" + struct.pack(">H", len(app0) + 2) + app0 + b"\xff\xd9"


def xlsx_bytes() -> bytes:
    book = Workbook()
    book.active.append(["Bulan", "Jumlah"])
    book.active.append(["Maret", 40])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def docx_like_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return out.getvalue()


EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def realization(org, media):
    """The staff member's March 2024 realization; its indicator's one source is Data Pelayanan."""
    return realization_save(
        actor=org.staff, indicator=indicator_of(org, "staff"), year=2024, period=3, value="40"
    )


@pytest.fixture
def source(realization):
    return realization.indicator.sources.get()


def add(org, realization, source, content, name="bukti.pdf", role="staff"):
    return evidence_add(
        actor=org.users[role], realization=realization, name=name, content=content, source=source
    )


def stored_files(root):
    return sorted(p for p in root.rglob("*") if p.is_file())


@pytest.mark.parametrize(
    ("build", "name", "content_type"),
    [
        (pdf_bytes, "Register Maret.pdf", "application/pdf"),
        (png_bytes, "foto loket.png", "image/png"),
        (jpeg_bytes, "foto loket.JPG", "image/jpeg"),
        (xlsx_bytes, "rekap.xlsx", XLSX),
        (pdf_bytes, "../../etc/passwd", "application/pdf"),
    ],
)
def test_accepted_files_are_stored_under_their_sha256(
    org, media, realization, source, build, name, content_type
):
    content = build()
    digest = hashlib.sha256(content).hexdigest()
    evidence = add(org, realization, source, content, name=name)
    row = Evidence.objects.get()
    assert row.pk == evidence.pk
    assert (row.content_type, row.size, row.sha256) == (content_type, len(content), digest)
    assert row.original_name == name
    assert (row.source, row.uploaded_by) == (source, org.staff)
    # Stored under the extension of the detected type, whatever the name said (issue #18).
    stored = f"{digest}.{EXTENSIONS[content_type]}"
    assert row.file.name == f"bukti/2024/{digest[:2]}/{stored}"
    assert stored_files(media) == [media / "bukti" / "2024" / digest[:2] / stored]
    assert (media / row.file.name).read_bytes() == content
    entry = AuditEntry.objects.get(action="bukti.tambah")
    assert (entry.actor, entry.model, entry.object_id) == (
        org.staff,
        "measurement.realization",
        str(realization.pk),
    )
    assert entry.before is None
    assert entry.after == {"bukti": name, "sha256": digest, "sumber": "Data Pelayanan"}


def test_the_name_is_not_trusted_for_the_type(org, realization, source):
    assert Evidence.objects.count() == 0
    add(org, realization, source, png_bytes(), name="laporan.pdf")
    assert Evidence.objects.get().content_type == "image/png"


@pytest.mark.parametrize(
    ("content", "name", "field", "message"),
    [
        (EXE, "laporan.pdf", "file", "jenis berkas tidak diterima (hanya PDF, JPG, PNG, XLSX)"),
        (b"PK\x03\x04 not a zip", "rekap.xlsx", "file", "jenis berkas tidak diterima"),
        (docx_like_bytes(), "rekap.xlsx", "file", "jenis berkas tidak diterima"),
        (b"<html><script>alert(1)</script>", "bukti.pdf", "file", "jenis berkas tidak diterima"),
        (b"", "kosong.pdf", "file", "berkas kosong"),
    ],
)
def test_refused_contents(org, media, realization, source, content, name, field, message):
    with pytest.raises(ValidationError) as caught:
        add(org, realization, source, content, name=name)
    assert message in caught.value.message_dict[field][0]
    assert not Evidence.objects.exists()
    assert stored_files(media) == []
    assert not AuditEntry.objects.filter(action="bukti.tambah").exists()


def test_an_oversized_file_is_refused(org, media, settings, realization, source):
    settings.KINERJA_MAX_EVIDENCE_BYTES = 1024
    content = pdf_bytes().ljust(2048, b"\n")
    with pytest.raises(ValidationError) as caught:
        add(org, realization, source, content)
    assert caught.value.message_dict == {"file": ["berkas 2 KB melebihi batas 1 KB"]}
    assert stored_files(media) == []
    # At the limit exactly, it is accepted.
    add(org, realization, source, content[:1024])
    assert Evidence.objects.get().size == 1024


def test_a_source_not_among_the_indicators_sources_is_refused(org, media, realization):
    siak = DataSource.objects.get(name="SIAK")
    with pytest.raises(ValidationError) as caught:
        add(org, realization, siak, pdf_bytes())
    assert caught.value.message_dict == {
        "source": ["sumber data bukan salah satu sumber indikator ini"]
    }
    assert stored_files(media) == []


@pytest.mark.parametrize("status", [Status.VERIFIED, Status.SUBMITTED])
def test_locked_realizations_take_no_evidence(org, media, realization, source, status):
    Realization.objects.filter(pk=realization.pk).update(status=status)
    realization.refresh_from_db()
    with pytest.raises(ValidationError) as caught:
        add(org, realization, source, pdf_bytes())
    assert caught.value.message_dict == {
        "file": ["bukti tidak dapat ditambahkan pada data yang terkunci"]
    }
    assert stored_files(media) == []


@pytest.mark.parametrize("role", ["kasi", "kabid", "head", "admin", "other_kasi", "outsider"])
def test_only_the_holder_adds_evidence(org, media, realization, source, role):
    with pytest.raises(PermissionDenied):
        add(org, realization, source, pdf_bytes(), role=role)
    assert stored_files(media) == []


class TestRemove:
    def test_the_holder_removes_and_it_is_audited(self, org, realization, source):
        evidence = add(org, realization, source, pdf_bytes(), name="salah.pdf")
        evidence_remove(actor=org.staff, evidence=evidence)
        assert not Evidence.objects.exists()
        entry = AuditEntry.objects.get(action="bukti.hapus")
        assert (entry.actor, entry.object_id) == (org.staff, str(realization.pk))
        assert entry.before == {"bukti": "salah.pdf", "sha256": evidence.sha256}
        assert entry.after is None

    @pytest.mark.parametrize("role", ["kasi", "admin", "outsider"])
    def test_others_cannot_remove(self, org, realization, source, role):
        evidence = add(org, realization, source, pdf_bytes())
        with pytest.raises(PermissionDenied):
            evidence_remove(actor=org.users[role], evidence=evidence)
        assert Evidence.objects.count() == 1
        assert not AuditEntry.objects.filter(action="bukti.hapus").exists()

    def test_evidence_of_verified_data_stays(self, org, realization, source):
        evidence = add(org, realization, source, pdf_bytes())
        Realization.objects.filter(pk=realization.pk).update(status=Status.VERIFIED)
        evidence = Evidence.objects.get(pk=evidence.pk)
        with pytest.raises(ValidationError) as caught:
            evidence_remove(actor=org.staff, evidence=evidence)
        assert caught.value.message_dict == {
            "file": ["bukti pada data yang terkunci tidak dapat dihapus"]
        }
        assert Evidence.objects.count() == 1
