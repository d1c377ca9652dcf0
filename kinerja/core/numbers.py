"""Indonesian numbers, read and written the way offices type and print them.

Reading: "1.234,5", "85,5", "85.5" and 12 are all numbers; "85,5" is never 85. Writing:
"1.234", "85,50", "85,50%". Everything is Decimal: a float never decides a figure.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

THOUSANDS_RE = re.compile(r"^-?[1-9]\d{0,2}(\.\d{3})+$")
# A typed figure longer than this is not a figure (and "1e999999999" must never be expanded).
MAX_TEXT = 40
MAX_ABS = Decimal("1e14")


class NumberError(ValueError):
    """The text is not a number an official could mean; the message says why, in Indonesian."""


def parse_number(raw: object) -> Decimal | None:
    """A Decimal from what a person typed or a spreadsheet held; None for an empty cell.

    Raises NumberError with an Indonesian message for anything else, including exponents so
    large that expanding them would stall the server.
    """
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, bool):
        raise NumberError("harus berupa angka")
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    elif isinstance(raw, float):
        value = Decimal(repr(raw)) if raw == raw and abs(raw) != float("inf") else Decimal("NaN")
    else:
        text = str(raw).strip().replace(" ", "").replace("\u00a0", "")
        if len(text) > MAX_TEXT or not text.isascii():
            raise NumberError(f"'{_short(raw)}' bukan angka")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif THOUSANDS_RE.match(text):
            text = text.replace(".", "")  # "1.234" is one thousand two hundred thirty-four
        if not re.fullmatch(r"[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d{1,3})?", text):
            raise NumberError(f"'{_short(raw)}' bukan angka")
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise NumberError(f"'{_short(raw)}' bukan angka") from None
    if not value.is_finite():
        raise NumberError(f"'{_short(raw)}' bukan angka")
    if abs(value) >= MAX_ABS:
        raise NumberError(f"'{_short(raw)}' terlalu besar (paling banyak 14 angka di depan koma)")
    return value


def _short(raw: object) -> str:
    text = str(raw)
    return text if len(text) <= 24 else text[:21] + "..."


def format_number(value: Decimal | int | None, places: int = 0, empty: str = "") -> str:
    """ "1.234", "85,50": thousands with a dot, decimals with a comma, half up."""
    if value is None:
        return empty
    number = Decimal(value)
    quantum = Decimal(1).scaleb(-places)
    number = number.quantize(quantum, rounding=ROUND_HALF_UP)
    sign = "-" if number < 0 else ""
    whole, _, frac = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = ".".join(groups)
    if places > 0:
        text += "," + frac.ljust(places, "0")
    return sign + text


def format_percent(value: Decimal | None, places: int = 2, empty: str = "") -> str:
    """ "85,50%"."""
    return empty if value is None else format_number(value, places) + "%"


def format_bytes(size: int) -> str:
    """ "11 MB", "512 KB", "900 bita": sizes as a person reads them (1 MB = 1.048.576 bita)."""
    if size >= 1024 * 1024:
        return (
            format_number(Decimal(size) / (1024 * 1024), 0 if size >= 10 * 1024**2 else 1) + " MB"
        )
    if size >= 1024:
        return format_number(Decimal(size) / 1024, 0) + " KB"
    return format_number(size) + " bita"
