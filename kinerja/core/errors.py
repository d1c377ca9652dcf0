"""Validation errors as field -> messages, the one shape pages, the spreadsheet, commands and
the API turn into what a person reads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError

NON_FIELD = "__all__"


def error_messages(exc: ValidationError) -> dict[str, list[str]]:
    """Every message of the error, by field (NON_FIELD for those that name none)."""
    if hasattr(exc, "error_dict"):
        return {field: list(messages) for field, messages in exc.message_dict.items()}
    return {NON_FIELD: list(exc.messages)}


def error_text(exc: ValidationError, labels: dict[str, str] | None = None) -> str:
    """One line: "Nilai: bukan angka; Pembilang: wajib diisi"."""
    parts = []
    for field, messages in error_messages(exc).items():
        label = (labels or {}).get(field, field)
        for message in messages:
            parts.append(message if field == NON_FIELD else f"{label}: {message}")
    return "; ".join(parts)


def flash_errors(request: Any, exc: ValidationError, labels: dict[str, str] | None = None) -> None:
    """Each message of the error as a page message, "Label: message" (the field's label)."""
    from django.contrib import messages

    for field, items in error_messages(exc).items():
        label = (labels or {}).get(field, field)
        for item in items:
            messages.error(request, item if field in (NON_FIELD, "") else f"{label}: {item}")
