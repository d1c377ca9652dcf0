"""The shared XLSX limits (``core.uploads.check_xlsx_limits``: parts, uncompressed size,
shared strings, rows and columns checked from the ZIP directory before openpyxl opens anything)
for every strategy import, as a ValidationError on the file."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError

from kinerja.core.uploads import XlsxRefused, check_xlsx_limits


def check(content: bytes, *, max_rows: int, max_columns: int = 40) -> None:
    try:
        check_xlsx_limits(
            content,
            max_uncompressed=settings.KINERJA_MAX_XLSX_UNCOMPRESSED,
            max_shared_strings=settings.KINERJA_MAX_XLSX_SHARED_STRINGS,
            max_rows=max_rows,
            max_columns=max_columns,
        )
    except XlsxRefused as exc:
        raise ValidationError({"file": str(exc)}) from None
