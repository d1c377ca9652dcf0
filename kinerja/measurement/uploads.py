"""What an uploaded file really is, read from its first bytes: a name or a browser's claim is
not evidence. Pure module."""

from __future__ import annotations

import io
import zipfile

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACCEPTED = {"application/pdf", "image/png", "image/jpeg", XLSX}


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
    except (zipfile.BadZipFile, ValueError):
        return False
    return "[Content_Types].xml" in names and any(n.startswith("xl/") for n in names)
