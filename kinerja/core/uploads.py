"""What an uploaded file really is, read from its first bytes: a name or a browser's claim is
not evidence. Pure module."""

from __future__ import annotations

import io
import re
import zipfile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED = {"application/pdf", "image/png", "image/jpeg", XLSX}
# A file is stored and served under the extension of what it is, never of what it was called.
EXTENSIONS = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg", XLSX: "xlsx"}


def named_as_type(name: str, content_type: str) -> str:
    """ "bukti.html" holding a PDF is served as "bukti.pdf"; path parts are dropped."""
    stem = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem.lstrip(".") else stem
    stem = "".join(ch for ch in stem if ch.isprintable() and ch not in '"<>:|?*').strip(" .")
    return f"{stem[:200] or 'bukti'}.{EXTENSIONS[content_type]}"


def sniff_content_type(content: bytes) -> str | None:
    """The accepted type the bytes are, or None."""
    if content.startswith(b"%PDF-"):
        return "application/pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if content.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if content.startswith(b"PK\x03\x04") and is_xlsx(content):
        return XLSX
    return None


def is_xlsx(content: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
    except Exception:  # a damaged archive raises BadZipFile, NotImplementedError, zlib.error...
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)


class XlsxRefused(ValueError):
    """The archive would cost more to open than any real template; the message is Indonesian."""


# An XLSX is a ZIP of XML parts; these bound what opening one may cost, checked from the ZIP's
# directory before any part is decompressed (zipfile never inflates a part past the size the
# directory declares, so the declared sizes are a real bound).
MAX_PARTS = 200
MAX_SHEET_COLUMNS = 64
# Parsing time grows with the number of XML elements, not bytes: "<si><t>a</t></si>" repeated
# compresses a thousandfold and took 11 s per 470.000 strings. Elements are counted with a
# C-speed scan of the decompressed stream before parsing.
MAX_SHARED_STRINGS = 50_000
_SHARED_RE = re.compile(rb"<(?:\w{1,8}:)?si[\s>/]")
_CELL_RE = re.compile(rb"<(?:\w{1,8}:)?c[\s>/]")
_OVERLAP = 16
_DIMENSION_RE = re.compile(
    rb'<(?:\w+:)?dimension\s+ref="([A-Z]{1,3})?(\d+)?(?::([A-Z]{1,3})(\d+))?"'
)


def check_xlsx_limits(
    content: bytes,
    *,
    max_uncompressed: int,
    max_shared_strings: int,
    max_rows: int,
    max_columns: int = MAX_SHEET_COLUMNS,
) -> None:
    """Raise XlsxRefused when the workbook's parts would expand past the limits, or a sheet
    says (or has) more than max_rows x max_columns cells, before openpyxl reads anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_PARTS:
                raise XlsxRefused(f"berkas berisi {len(infos)} bagian; templat hanya beberapa")
            total = sum(info.file_size for info in infos)
            if total > max_uncompressed:
                raise XlsxRefused(
                    f"isi berkas mengembang menjadi {total // (1024 * 1024)} MB; batasnya "
                    f"{max_uncompressed // (1024 * 1024)} MB"
                )
            for info in infos:
                name = info.filename.lower()
                if name.endswith("sharedstrings.xml"):
                    if info.file_size > max_shared_strings:
                        raise XlsxRefused(
                            f"teks bersama berkas terlalu besar ({info.file_size // 1024} KB)"
                        )
                    if _count(archive, info, _SHARED_RE) > MAX_SHARED_STRINGS:
                        raise XlsxRefused("berkas berisi terlalu banyak teks bersama")
                if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                    with archive.open(info) as part:
                        head = part.read(4096)
                    _check_dimension(head, max_rows)
                    if _count(archive, info, _CELL_RE) > max_rows * max_columns:
                        raise XlsxRefused(
                            f"lembar berisi terlalu banyak sel; paling banyak {max_rows} baris"
                        )
    except XlsxRefused:
        raise
    except Exception:  # BadZipFile, NotImplementedError ("zip file version"), zlib.error...
        raise XlsxRefused("berkas tidak dapat dibaca sebagai XLSX") from None


def _count(archive: zipfile.ZipFile, info: zipfile.ZipInfo, pattern: re.Pattern) -> int:
    """Occurrences of a (short) pattern in a part, read in 1 MB pieces."""
    count, tail = 0, b""
    with archive.open(info) as part:
        while True:
            data = part.read(1024 * 1024)
            buffer = tail + data
            if not data:
                return count + len(pattern.findall(buffer))
            cut = max(len(buffer) - _OVERLAP, 0)
            count += sum(1 for m in pattern.finditer(buffer) if m.start() < cut)
            tail = buffer[cut:]


def _check_dimension(head: bytes, max_rows: int) -> None:
    match = _DIMENSION_RE.search(head)
    if match is None:
        return  # optional in the format; the rows read are bounded anyway
    last_col, last_row = match.group(3) or match.group(1), match.group(4) or match.group(2)
    if last_row is not None and int(last_row) > max_rows:
        raise XlsxRefused(f"lembar berisi {int(last_row)} baris; paling banyak {max_rows}")
    if last_col is not None and _column_number(last_col.decode()) > MAX_SHEET_COLUMNS:
        raise XlsxRefused(f"lembar selebar kolom {last_col.decode()}; templat hanya 10 kolom")


def _column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
