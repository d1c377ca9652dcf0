"""The one input layer: what a page, the spreadsheet or the API receives becomes a value or a
ValidationError naming the field, never a 500.

Numbers go through kinerja.core.numbers; ids, years, months, dates, free text and reasons are
read here. Every reader refuses what would crash a database or a later step: a NUL byte (that
PostgreSQL cannot store), control characters, digits that are not ASCII ("²".isdigit() is True),
ids past a 64-bit integer, years outside the window the application plans for.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import ValidationError

from kinerja.core.numbers import NumberError, parse_number

# The years the application plans, measures and signs in; anything else is a typing slip or a
# probe (and year 10000 is not a date at all).
YEAR_MIN = 2000
YEAR_MAX = 2100
MAX_ID = 2**63 - 1  # a 64-bit primary key; past it SQLite raises OverflowError
MAX_TEXT = 10_000
MAX_REASON = 1_000
MIN_REASON_LETTERS = 3

_INT_RE = re.compile(r"[+]?[0-9]{1,19}", re.ASCII)
# C0 and C1 control characters; a tab, a newline and a carriage return are allowed in text
# that has lines.
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROL_LINE_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_DATE_FORMATS = (
    re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})", re.ASCII),
    re.compile(r"(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})[-/.](?P<y>\d{4})", re.ASCII),
)


def _error(field: str, message: str) -> ValidationError:
    return ValidationError({field: message})


def _short(raw: object) -> str:
    text = _CONTROL_LINE_RE.sub("?", str(raw))
    return text if len(text) <= 24 else text[:21] + "..."


def parse_decimal(raw: object, field: str) -> Decimal | None:
    """Read an Indonesian or plain number: "1.234,5", "85,5", "85.5", 12. Never "85,5" -> 85."""
    try:
        return parse_number(raw)
    except NumberError as exc:
        raise ValidationError({field: str(exc)}) from None


def parse_int(
    raw: object,
    field: str,
    *,
    minimum: int = 0,
    maximum: int = MAX_ID,
    required: bool = True,
) -> int | None:
    """A whole number typed with ASCII digits (or an int from a spreadsheet cell), within
    [minimum, maximum]. Empty is None when not required."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise _error(field, "wajib diisi")
        return None
    if isinstance(raw, bool):
        raise _error(field, "harus berupa bilangan bulat")
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float):
        if not (raw == raw and abs(raw) < 2**63 and raw == int(raw)):
            raise _error(field, f"'{_short(raw)}' bukan bilangan bulat")
        value = int(raw)
    else:
        text = str(raw).strip()
        if not _INT_RE.fullmatch(text):
            raise _error(field, f"'{_short(raw)}' bukan bilangan bulat")
        value = int(text)
    if not minimum <= value <= maximum:
        raise _error(field, f"harus antara {minimum} dan {maximum}")
    return value


def parse_id(raw: object, field: str) -> int:
    """A record id: a positive whole number that fits a 64-bit key."""
    value = parse_int(raw, field, minimum=1, maximum=MAX_ID)
    assert value is not None
    return value


def parse_year(raw: object, field: str = "year") -> int:
    """A year the application works in: YEAR_MIN..YEAR_MAX."""
    value = parse_int(raw, field, minimum=YEAR_MIN, maximum=YEAR_MAX)
    assert value is not None
    return value


def parse_month(raw: object, field: str = "month") -> int:
    value = parse_int(raw, field, minimum=1, maximum=12)
    assert value is not None
    return value


def parse_date(
    raw: object,
    field: str,
    *,
    earliest: date | None = None,
    latest: date | None = None,
    required: bool = True,
) -> date | None:
    """A date as "2024-01-31", "31-01-2024" or "31/01/2024" (or a date object), within the
    application's years and, when given, [earliest, latest]. 9999-12-31 and 0001-01-01 are not
    dates an office signs on."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            raise _error(field, "tanggal wajib diisi")
        return None
    if isinstance(raw, date):
        value = raw.date() if isinstance(raw, datetime) else raw
    else:
        text = str(raw).strip()
        match = next((m for r in _DATE_FORMATS if (m := r.fullmatch(text))), None)
        if match is None:
            raise _error(field, f"'{_short(raw)}' bukan tanggal (contoh: 31-01-2024)")
        try:
            value = date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            raise _error(field, f"'{_short(raw)}' bukan tanggal yang ada") from None
    if not YEAR_MIN <= value.year <= YEAR_MAX:
        raise _error(field, f"tahun tanggal harus antara {YEAR_MIN} dan {YEAR_MAX}")
    if earliest is not None and value < earliest:
        raise _error(field, f"tidak boleh sebelum {earliest:%d-%m-%Y}")
    if latest is not None and value > latest:
        raise _error(field, f"tidak boleh setelah {latest:%d-%m-%Y}")
    return value


def clean_text(
    raw: object,
    field: str,
    *,
    max_length: int = MAX_TEXT,
    multiline: bool = True,
    required: bool = False,
) -> str:
    """Free text, stripped: no NUL or other control character (a tab and line breaks are kept
    where the text has lines), at most max_length characters."""
    text = "" if raw is None else str(raw)
    pattern = _CONTROL_RE if multiline else _CONTROL_LINE_RE
    if pattern.search(text):
        raise _error(field, "mengandung karakter kendali yang tidak diizinkan")
    text = text.strip()
    if len(text) > max_length:
        raise _error(field, f"paling banyak {max_length} karakter (ada {len(text)})")
    if required and not _visible(text):
        raise _error(field, "wajib diisi")
    return text


def parse_reason(
    raw: object, field: str = "reason", *, required: bool = True, max_length: int = MAX_REASON
) -> str:
    """A reason a person gives (returning, reopening, revising): text with words in it. A
    zero-width space, dots or digits alone are not a reason."""
    text = clean_text(raw, field, max_length=max_length)
    visible = _visible(text)
    if not visible:
        if required:
            raise _error(field, "alasan wajib diisi")
        return ""
    if sum(1 for ch in visible if ch.isalpha()) < MIN_REASON_LETTERS:
        raise _error(field, "alasan harus berupa kata-kata (paling sedikit 3 huruf)")
    return visible


def _visible(text: str) -> str:
    """The text without invisible format characters (zero-width space, joiners, BOM) and
    without surrounding white space."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()
