"""read_decree_file: the format comes from the content, a file that is not what its name says
or cannot be read safely is refused with a message naming the file, and text and JSON read
exactly as the existing import does."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from docx import Document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.catalog.parsing import DecreeParseError, docx_reader, files, parse_decree
from kinerja.catalog.parsing.files import PROTECTED, read_decree_file, sniff
from kinerja.catalog.xlsx_template import template_xlsx

OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")


def error(raw: bytes, name: str) -> str:
    with pytest.raises(DecreeParseError) as caught:
        read_decree_file(raw, name)
    return str(caught.value)


@pytest.fixture(scope="module")
def docx_bytes() -> bytes:
    doc = Document()
    doc.add_paragraph("Catatan")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_text_and_json_read_as_the_importer_does(seed_bytes, seed_document):
    assert read_decree_file(seed_bytes, "sampang-188-2019.txt") == parse_decree(seed_bytes)
    raw = json.dumps(seed_document, ensure_ascii=False).encode("utf-8")
    assert read_decree_file(raw, "katalog.json") == seed_document
    assert read_decree_file(raw, "katalog.txt") == seed_document  # JSON is text too
    assert read_decree_file(seed_bytes, "tanpa-akhiran") == seed_document  # by content
    utf16 = seed_bytes.decode("utf-8").encode("utf-16")  # Notepad's "Unicode"
    assert read_decree_file(utf16, "sampang.txt") == seed_document


def test_content_decides_the_format(seed_bytes, docx_bytes, seed_document):
    assert sniff(seed_bytes, "x") == "text"
    assert sniff(b'\xef\xbb\xbf  {"format": 1}', "x") == "json"
    assert sniff(docx_bytes, "x") == "docx"
    assert sniff(template_xlsx(seed_document), "x") == "xlsx"
    assert sniff(OLE2 + bytes(600), "x") == "ole"
    assert sniff(b"%PDF-1.7\n", "x") == "pdf"


def test_password_protected_or_old_office_file():
    for name in ("keputusan.docx", "keputusan.xlsx", "keputusan.doc", "keputusan.xls"):
        assert error(OLE2 + bytes(1000), name) == f"berkas '{name}': {PROTECTED}"
    assert PROTECTED == (
        "file dilindungi kata sandi atau format Word/Excel lama; simpan ulang sebagai "
        ".docx/.xlsx tanpa kata sandi"
    )


def test_a_file_that_is_not_what_its_name_says(seed_bytes, docx_bytes, seed_document):
    assert error(seed_bytes, "keputusan.docx") == (
        "berkas 'keputusan.docx': namanya berakhiran .docx (dokumen Word) tetapi isinya teks "
        "biasa; periksa apakah berkas yang dipilih benar"
    )
    assert error(docx_bytes, "C:\\Unduhan\\iki.xlsx") == (
        "berkas 'iki.xlsx': namanya berakhiran .xlsx (buku kerja Excel) tetapi isinya dokumen "
        "Word; periksa apakah berkas yang dipilih benar"
    )
    assert error(template_xlsx(seed_document), "iki.json").startswith(
        "berkas 'iki.json': namanya berakhiran .json (JSON katalog) tetapi isinya buku kerja"
    )
    assert error(docx_bytes, "iki.txt") == (
        "berkas 'iki.txt': namanya berakhiran .txt (teks biasa) tetapi isinya dokumen Word; "
        "periksa apakah berkas yang dipilih benar"
    )
    assert error(b"%PDF-1.4 ...", "iki.pdf") == (
        "berkas 'iki.pdf': isinya PDF, yang tidak dapat dibaca; unggah keputusan sebagai .docx, "
        ".xlsx atau teks biasa"
    )


def zip_of(parts: dict[str, bytes], *, flag: int = 0) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    raw = bytearray(out.getvalue())
    if flag:  # the "encrypted" bit in the local and the central header
        raw[6] |= flag
        central = raw.find(b"PK\x01\x02")
        raw[central + 8] |= flag
    return bytes(raw)


def test_damaged_foreign_and_unsafe_archives(monkeypatch):
    assert error(b"PK\x03\x04 terpotong", "iki.docx") == (
        "berkas 'iki.docx': berkas ZIP/Office rusak atau terpotong"
    )
    odt = zip_of({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<a/>"})
    assert error(odt, "iki.odt") == (
        "berkas 'iki.odt': isinya dokumen OpenDocument (LibreOffice), yang tidak dapat dibaca; "
        "unggah keputusan sebagai .docx, .xlsx atau teks biasa"
    )
    doctype = b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaa">]><w:document/>'
    assert error(zip_of({"word/document.xml": doctype}), "iki.docx") == (
        "berkas 'iki.docx': bagian 'word/document.xml' memuat DOCTYPE; ditolak"
    )
    bomb = zip_of({"word/document.xml": b"<w:document/>" + b" " * 4_000_000})
    monkeypatch.setattr(files, "MAX_UNPACKED_BYTES", 3 * 1024 * 1024)
    assert error(bomb, "iki.docx") == "berkas 'iki.docx': isi terurai 3 MB melebihi batas 3 MB"
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1000)
    assert (
        error(b"x" * 1001, "iki.txt") == "berkas 'iki.txt': berkas 1.001 byte; batasnya 1.000 byte"
    )


def test_a_word_body_too_large_to_hold_in_memory(monkeypatch):
    doc = Document()
    doc.add_paragraph("x" * (3 * 1024 * 1024))
    out = io.BytesIO()
    doc.save(out)
    monkeypatch.setattr(docx_reader, "MAX_DOCUMENT_XML", 2 * 1024 * 1024)
    assert error(out.getvalue(), "iki.docx") == "dokumen Word: isi dokumen 3 MB; batasnya 2 MB"


def test_zip_bomb_refused_before_unpacking():
    """160 MB of spaces packs into a few hundred KB; only the declared size is looked at."""
    bomb = zip_of({"word/document.xml": b"<w:document/>" + b" " * (160 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert error(bomb, "iki.docx") == "berkas 'iki.docx': isi terurai 160 MB melebihi batas 150 MB"


def test_encrypted_zip_member():
    raw = zip_of({"word/document.xml": b"<w:document/>"}, flag=0x1)
    assert error(raw, "iki.docx") == f"berkas 'iki.docx': {PROTECTED}"


def test_empty_json_and_broken_json():
    assert error(b"  \n", "iki.txt") == (
        "berkas 'iki.txt': berkas kosong; unggah keputusan IKI (.docx, .xlsx atau teks)"
    )
    assert error(b'{"format": "kinerja.catalog/1",\n "decree": }', "k.json") == (
        "berkas 'k.json', baris 2, kolom 12: JSON tidak sah (Expecting value)"
    )
    assert error(b'{"format": "kinerja.catalog/1"}', "k.json") == (
        "berkas 'k.json': dokumen katalog tidak sah: document: field 'decree' is missing"
    )
    assert error(b"[1, 2]", "k.json").startswith("berkas 'k.json': ")


def test_text_errors_keep_the_text_parsers_line():
    assert error(b"Nomor : 1/2020\nJABATAN : Sekretaris\n", "k.txt") == (
        "line 2: position 'Sekretaris' has no indicator table (header row KINERJA / "
        "INDIKATOR KINERJA / FORMULASI PENGHITUNGAN / SUMBER DATA)"
    )


@pytest.fixture(scope="module")
def small_files(docx_bytes) -> dict[str, bytes]:
    doc = Document()
    for text in ("Nomor : 1/2020", "TENTANG", "IKI TAHUN 2020-2024", "JABATAN : Sekretaris"):
        doc.add_paragraph(text)
    grid = doc.add_table(rows=2, cols=4)
    for cell, text in zip(
        grid.rows[0].cells,
        ("KINERJA", "INDIKATOR KINERJA", "FORMULASI", "SUMBER DATA"),
        strict=True,
    ):
        cell.text = text
    grid.rows[1].cells[1].text = "Jumlah surat"
    out = io.BytesIO()
    doc.save(out)
    return {"iki.docx": out.getvalue(), "iki.xlsx": template_xlsx()}


def flipped(raw: bytes, data) -> bytes:
    out = bytearray(raw)
    for _ in range(data.draw(st.integers(1, 4))):
        out[data.draw(st.integers(0, len(out) - 1))] = data.draw(st.integers(0, 255))
    return bytes(out)


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(data=st.data())
def test_damaged_office_files_give_only_located_errors(small_files, data):
    """Bytes flipped anywhere in a DOCX or XLSX (headers, deflate streams, XML): a document or
    a DecreeParseError, never another exception."""
    name = data.draw(st.sampled_from(sorted(small_files)))
    raw = small_files[name]
    if data.draw(st.booleans()):  # damage the XML itself, inside a sound archive
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            parts = {info.filename: archive.read(info) for info in archive.infolist()}
        xml = [n for n in sorted(parts) if n.endswith(".xml")]
        part = data.draw(st.sampled_from(xml))
        raw = zip_of({**parts, part: flipped(parts[part], data)})
    else:
        raw = flipped(raw, data)
    try:
        read_decree_file(raw, name)
    except DecreeParseError as exc:
        assert "\n" not in str(exc)
