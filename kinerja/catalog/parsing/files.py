"""Read an IKI decree from the file an office holds: DOCX, XLSX, catalog JSON or plain text.

Contract (the import/review flow calls this; nothing here touches the database or Django):

    read_decree_file(raw: bytes, filename: str) -> dict

* Returns a ``kinerja.catalog/1`` document (docs/catalog-format.md, section "DOCX and XLSX")
  that has passed ``validate_document``. For DOCX and XLSX every ``warnings`` entry carries,
  besides ``line`` (a line of the text the file was turned into, meaningless to a person), a
  ``place`` in Indonesian: "tabel 3, baris 5" or "lembar 'Sekretaris', baris 12".
* Raises only ``DecreeParseError`` (a ``ValueError``); nothing is half-read. For DOCX, XLSX,
  JSON and file-level problems it is a ``FileParseError`` whose ``place`` names where and whose
  ``str()`` is "<place>: <message>" in Indonesian, e.g. "tabel 3, baris 5, kolom SUMBER DATA:
  ..." or "lembar 'Kasi Identitas', baris 12, kolom C: ...". A text decree keeps the text
  parser's "line N: message".
* The format is decided by the content, never by the name: a ZIP holding word/document.xml is
  DOCX, one holding xl/workbook.xml is XLSX, an OLE2 compound file (D0 CF 11 E0) is a
  password-protected Office file or an old .doc/.xls, ``{`` starts JSON, anything else is
  text. A name whose extension says another format is refused (the wrong file was picked).
* Size limits: ``MAX_FILE_BYTES`` for the upload, ``MAX_UNPACKED_BYTES``/``MAX_MEMBERS`` for
  the ZIP's declared contents (a zip bomb is refused before any XML is parsed), and a DOCTYPE
  in any XML part is refused (Office never writes one; it is how entity attacks start).
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from pathlib import PurePosixPath
from typing import Any

from kinerja.catalog.validation import KEY_RE, DocumentError, validate_document

from .decree import FORMAT, parse_decree
from .errors import DecreeParseError, Warnings
from .positions import parse_positions
from .text import Line, same_text
from .units import derive_units

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_UNPACKED_BYTES = 150 * 1024 * 1024
MAX_MEMBERS = 3000
# What a damaged archive raises while it is opened or a part is inflated.
ZIP_ERRORS = (
    zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, KeyError, NotImplementedError,
)  # fmt: skip
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
PROTECTED = (
    "file dilindungi kata sandi atau format Word/Excel lama; simpan ulang sebagai .docx/.xlsx "
    "tanpa kata sandi"
)
KIND_NAMES = {
    "docx": "dokumen Word",
    "xlsx": "buku kerja Excel",
    "ole": "berkas Word/Excel lama atau bersandi",
    "json": "JSON katalog",
    "text": "teks biasa",
    "pdf": "PDF",
    "odf": "dokumen OpenDocument (LibreOffice)",
    "zip": "arsip ZIP lain",
    "binary": "data biner",
}
# Which contents each extension may hold, the one it names first; an extension not listed
# accepts any content.
EXTENSIONS = {
    ".docx": ("docx",), ".docm": ("docx",), ".dotx": ("docx",),
    ".xlsx": ("xlsx",), ".xlsm": ("xlsx",), ".xltx": ("xlsx",),
    ".doc": ("ole",), ".xls": ("ole",),
    ".json": ("json",), ".txt": ("text", "json"), ".text": ("text", "json"), ".md": ("text",),
    ".pdf": ("pdf",), ".odt": ("odf",), ".ods": ("odf",), ".zip": ("zip", "docx", "xlsx"),
}  # fmt: skip


class FileParseError(DecreeParseError):
    """A located problem in a DOCX/XLSX/JSON file: ``place`` says where, in Indonesian."""

    def __init__(self, place: str, message: str, line: int = 1) -> None:
        super().__init__(line, message)
        self.place = " ".join(str(place).split())

    def __str__(self) -> str:
        return f"{self.place}: {self.message}"


def read_decree_file(raw: bytes, filename: str) -> dict[str, Any]:
    """The decree document of an uploaded file; see the module docstring for the contract."""
    name = PurePosixPath(str(filename or "").replace("\\", "/")).name or "berkas"
    where = f"berkas '{name}'"
    if not isinstance(raw, (bytes, bytearray, memoryview)):
        raise FileParseError(where, f"isi berkas harus bytes, bukan {type(raw).__name__}")
    raw = bytes(raw)
    if len(raw) > MAX_FILE_BYTES:
        raise FileParseError(
            where, f"berkas {len(raw):,} byte; batasnya {MAX_FILE_BYTES:,} byte".replace(",", ".")
        )
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):  # Notepad's "Unicode": UTF-16 text
        try:
            raw = raw.decode("utf-16").encode("utf-8")
        except UnicodeError:
            raise FileParseError(where, "teks UTF-16 rusak; simpan ulang sebagai UTF-8") from None
    if not raw.strip():
        raise FileParseError(where, "berkas kosong; unggah keputusan IKI (.docx, .xlsx atau teks)")
    kind = sniff(raw, where)
    if kind == "ole":
        raise FileParseError(where, PROTECTED)
    ext = PurePosixPath(name.lower()).suffix
    allowed = EXTENSIONS.get(ext)
    if allowed is not None and kind not in allowed:
        expected = KIND_NAMES[allowed[0]]
        raise FileParseError(
            where,
            f"namanya berakhiran {ext} ({expected}) tetapi isinya {KIND_NAMES[kind]}; "
            "periksa apakah berkas yang dipilih benar",
        )
    if kind == "docx":
        from .docx_reader import read_docx

        return finish(read_docx(raw), where)
    if kind == "xlsx":
        from .xlsx_reader import read_xlsx

        return finish(read_xlsx(raw), where)
    if kind == "json":
        return finish(_read_json(raw, where), where)
    if kind in ("pdf", "odf", "zip", "binary"):
        raise FileParseError(
            where,
            f"isinya {KIND_NAMES[kind]}, yang tidak dapat dibaca; unggah keputusan sebagai "
            ".docx, .xlsx atau teks biasa",
        )
    document = parse_decree(raw)  # text: the parser's own "line N: ..." errors
    return finish(document, where)


def sniff(raw: bytes, where: str) -> str:
    """The content's format: docx, xlsx, ole, pdf, odf, zip, json, binary or text."""
    if raw.startswith(OLE2):
        return "ole"
    if raw.startswith(b"%PDF"):
        return "pdf"
    if raw.startswith(b"PK\x03\x04") or raw.startswith(b"PK\x05\x06"):
        archive = open_zip(raw, where)
        names = set(archive.namelist())
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "mimetype" in names:
            try:
                if b"opendocument" in archive.read("mimetype")[:100]:
                    return "odf"
            except ZIP_ERRORS:
                raise FileParseError(where, "bagian 'mimetype' rusak") from None
        return "zip"
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "json"
    if b"\x00" in raw[:4096]:
        return "binary"
    return "text"


def open_zip(raw: bytes, where: str) -> zipfile.ZipFile:
    """Open the ZIP and check what it declares before anything is unpacked or parsed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except ZIP_ERRORS:
        raise FileParseError(where, "berkas ZIP/Office rusak atau terpotong") from None
    if len(infos) > MAX_MEMBERS:
        raise FileParseError(where, f"berisi {len(infos)} bagian; batasnya {MAX_MEMBERS}")
    unpacked = sum(info.file_size for info in infos)
    if unpacked > MAX_UNPACKED_BYTES:
        mb = unpacked // (1024 * 1024)
        raise FileParseError(
            where, f"isi terurai {mb} MB melebihi batas {MAX_UNPACKED_BYTES // 2**20} MB"
        )
    if any(info.flag_bits & 0x1 for info in infos):
        raise FileParseError(where, PROTECTED)
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size:
            try:
                with archive.open(info) as part:
                    head = part.read(2048)
            except ZIP_ERRORS:
                raise FileParseError(where, f"bagian '{info.filename}' rusak") from None
            if b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper():
                raise FileParseError(where, f"bagian '{info.filename}' memuat DOCTYPE; ditolak")
    return archive


def _read_json(raw: bytes, where: str) -> dict[str, Any]:
    stripped = raw.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        document = json.loads(stripped.decode("utf-8"))
    except UnicodeDecodeError:
        raise FileParseError(where, "JSON bukan teks UTF-8") from None
    except json.JSONDecodeError as exc:
        raise FileParseError(
            f"{where}, baris {exc.lineno}, kolom {exc.colno}", f"JSON tidak sah ({exc.msg})"
        ) from None
    if not isinstance(document, dict):
        raise FileParseError(where, "JSON katalog harus berupa objek")
    return document


def finish(document: dict[str, Any], where: str) -> dict[str, Any]:
    """Validate like every other import path, so a file never yields a document the importer
    would refuse later, with the validation message kept as written."""
    try:
        validate_document(document)
    except DocumentError as exc:
        raise FileParseError(where, f"dokumen katalog tidak sah: {exc}") from None
    return document


# ------------------------------------------------------------ shared by the DOCX/XLSX readers


class Lines:
    """Decree text lines made from a file's elements, each remembering its place in the file.

    The readers turn paragraphs, table rows and cells into the lines the text parser reads, so
    one set of rules (labels, tables, goals, formulas, sources, units) serves every format;
    this class translates the parser's line numbers back into the file's places.
    """

    def __init__(self) -> None:
        self.lines: list[Line] = []
        self._places: list[str] = []

    def add(self, text: str, place: str) -> None:
        # Trailing tabs stay: a row whose last cells are empty is still a table row.
        self.lines.append(Line(len(self.lines) + 1, text.rstrip(" \r\n")))
        self._places.append(place)

    def place(self, line: int) -> str:
        if not self._places:
            return "dokumen"
        return self._places[min(max(line, 1), len(self._places)) - 1]


_MESSAGES = (
    (re.compile(r"position \(JABATAN\) without a name"), "JABATAN tanpa nama jabatan"),
    (
        re.compile(r"position '(.*)' has no indicator table.*"),
        r"jabatan '\1' tidak punya tabel indikator (baris judul KINERJA | INDIKATOR KINERJA | "
        r"PENJELASAN/FORMULASI | SUMBER DATA)",
    ),
    (
        re.compile(r"the indicator table of position '(.*)' has no rows"),
        r"tabel indikator jabatan '\1' kosong: tidak ada baris di bawah baris judul",
    ),
    (
        re.compile(r"the indicator table of position '(.*)' has no indicator"),
        r"tabel indikator jabatan '\1' tidak berisi satu pun indikator",
    ),
    (
        re.compile(r"text before any position \(JABATAN\)"),
        "tabel atau teks lampiran sebelum JABATAN mana pun; tulis 'JABATAN : ...' di atasnya",
    ),
    (re.compile(r"decree number not found.*"), "nomor keputusan tidak ditemukan ('Nomor : ...')"),
)


def indonesian(message: str) -> str:
    """The text parser speaks English to developers; a person uploading a file reads this."""
    for pattern, replacement in _MESSAGES:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return message


def annex_document(
    decree: dict[str, Any],
    lines: Lines,
    first: int,
    warnings: Warnings,
    stated: dict[int, dict[str, str]],
) -> dict[str, Any]:
    """Positions, goals and units from ``lines.lines[first:]`` with the text parser's rules.

    ``stated`` maps the line of a JABATAN to the unit (``unit``) and superior (``supervisor``)
    the file states outright; they fill what the names and tasks do not tell.
    """
    try:
        positions, starts = parse_positions(lines.lines[first:], warnings)
    except DecreeParseError as exc:
        if isinstance(exc, FileParseError):
            raise
        raise FileParseError(lines.place(exc.line), indonesian(exc.message)) from None
    units = derive_units(positions, starts, warnings)
    known = {unit["name"] for unit in units}
    for position, start in zip(positions, starts, strict=True):
        said = stated.get(start, {})
        for key, label, source in (
            ("supervisor", "Atasan", "atasan yang disebut tugasnya"),
            ("unit", "Unit kerja", "unit menurut nama jabatan"),
        ):
            value, derived = said.get(key), position[key]
            if value and derived and not same_text(value, derived):
                message = (
                    f"{label} '{value}' tidak sama dengan {source} ('{derived}'); "
                    f"dipakai '{derived}'"
                )
                warnings.add(start, message)
        if not position["supervisor"] and said.get("supervisor"):
            position["supervisor"] = said["supervisor"]
        unit = said.get("unit")
        if not position["unit"] and unit:
            position["unit"] = unit
            if unit not in known:
                known.add(unit)
                units.append({"name": unit, "kind": unit_kind(unit), "parent": None})
    _stated_keys(positions, starts, stated, lines)
    return {
        "format": FORMAT,
        "decree": decree,
        "units": units,
        "positions": positions,
        "warnings": [{**w, "place": lines.place(int(w["line"]))} for w in warnings.as_list()],
    }


def _stated_keys(
    positions: list[dict[str, Any]],
    starts: list[int],
    stated: dict[int, dict[str, str]],
    lines: Lines,
) -> None:
    """A key the file states (the template's "Kunci") wins over the one derived from the name,
    so a position renamed in the spreadsheet is still the same position when re-imported."""
    owners: dict[str, int] = {}
    for position, start in zip(positions, starts, strict=True):
        key = stated.get(start, {}).get("key")
        if key:
            if not KEY_RE.match(key):
                raise FileParseError(
                    lines.place(start),
                    f"kunci '{key}' tidak sah: huruf kecil, angka dan tanda hubung saja",
                )
            position["key"] = key
    for n, (position, start) in enumerate(zip(positions, starts, strict=True)):
        other = positions[owners.setdefault(position["key"], n)]
        if other is not position:
            raise FileParseError(
                lines.place(start),
                f"kunci '{position['key']}' dipakai dua jabatan ('{other['name']}' dan "
                f"'{position['name']}'); kosongkan atau ganti salah satunya",
            )


def unit_kind(name: str) -> str:
    first = name.split(" ")[0].casefold()
    if first == "sub" or first.startswith("subbag"):
        return "subbagian"
    return first if first in ("sekretariat", "bidang", "seksi") else "lainnya"
