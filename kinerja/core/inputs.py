"""The one input layer: what a page, the spreadsheet or the API receives becomes a value or a
ValidationError naming the field, never a 500."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError

from kinerja.core.numbers import NumberError, parse_number


def parse_decimal(raw: object, field: str) -> Decimal | None:
    """Read an Indonesian or plain number: "1.234,5", "85,5", "85.5", 12. Never "85,5" -> 85."""
    try:
        return parse_number(raw)
    except NumberError as exc:
        raise ValidationError({field: str(exc)}) from None
