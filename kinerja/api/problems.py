"""Every failure of the API as JSON problem details (RFC 9457, ``application/problem+json``).

One exception handler turns what the services and Django REST Framework raise into a problem
with an Indonesian ``title`` and ``detail``, a machine ``code``, and for a 400 the ``errors``
per field (``field``, ``code``, ``message``); a 409 carries the row as it is now. Nothing under
/api/ answers with an HTML page: unknown paths end in :func:`not_found`, and an unexpected
exception is logged and answered with a 500 problem.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, ValidationError
from django.db import IntegrityError, OperationalError
from django.http import Http404, JsonResponse
from rest_framework import exceptions as drf
from rest_framework.views import set_rollback

from kinerja.core.errors import NON_FIELD

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: "Permintaan tidak valid",
    401: "Perlu autentikasi",
    403: "Tidak berwenang",
    404: "Tidak ditemukan",
    405: "Metode tidak diizinkan",
    406: "Format jawaban tidak tersedia",
    409: "Data bentrok",
    413: "Permintaan terlalu besar",
    415: "Jenis isi tidak didukung",
    422: "Kunci idempotensi dipakai ulang",
    429: "Terlalu banyak permintaan",
    500: "Kesalahan server",
    503: "Server sibuk",
}
CODES = {
    400: "tidak_valid",
    401: "perlu_autentikasi",
    403: "tidak_berwenang",
    404: "tidak_ditemukan",
    405: "metode_tidak_diizinkan",
    406: "format_tidak_tersedia",
    409: "bentrok",
    413: "terlalu_besar",
    415: "jenis_isi_tidak_didukung",
    422: "kunci_idempotensi_berbeda",
    429: "batas_permintaan",
    500: "kesalahan_server",
    503: "server_sibuk",
}


class PayloadTooLarge(drf.APIException):
    status_code = 413
    default_detail = "Permintaan terlalu besar."
    default_code = "terlalu_besar"


class IdempotencyMismatch(drf.APIException):
    status_code = 422
    default_detail = (
        "Idempotency-Key ini sudah dipakai untuk permintaan lain (isi atau alamat berbeda); "
        "pakai kunci baru untuk permintaan baru."
    )
    default_code = "kunci_idempotensi_berbeda"


class Conflict(drf.APIException):
    """A 409 that carries the row as it is now (``current``)."""

    status_code = 409
    default_code = "bentrok"

    def __init__(self, detail: str, current: dict[str, Any] | None = None, code: str = "bentrok"):
        super().__init__(detail, code)
        self.current = current
        self.problem_code = code


def problem(
    status: int,
    detail: str,
    *,
    instance: str = "",
    code: str | None = None,
    errors: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
    **extra: Any,
) -> JsonResponse:
    code = code or CODES.get(status, "galat")
    body: dict[str, Any] = {
        "type": f"urn:kinerja:problem:{code}",
        "title": TITLES.get(status, "Galat"),
        "status": status,
        "detail": detail,
        "code": code,
    }
    if instance:
        body["instance"] = instance
    if errors is not None:
        body["errors"] = errors
    body.update({k: v for k, v in extra.items() if v is not None})
    response = JsonResponse(body, status=status, content_type=CONTENT_TYPE)
    response["Content-Language"] = "id"
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_name(path: str) -> str:
    return "" if path in (NON_FIELD, "non_field_errors") else path


def _drf_errors(detail: Any, path: str = "") -> list[dict[str, str]]:
    """DRF's nested error detail flattened to one item per message, the field as a dotted path."""
    if isinstance(detail, dict):
        out = []
        for key, value in detail.items():
            name = _field_name(str(key))
            out += _drf_errors(value, f"{path}.{name}" if path and name else path or name)
        return out
    if isinstance(detail, list):
        out = []
        for index, value in enumerate(detail):
            nested = isinstance(value, dict | list)
            out += _drf_errors(value, f"{path}.{index}" if nested else path)
        return out
    return [
        {
            "field": path,
            "code": getattr(detail, "code", None) or "invalid",
            "message": str(detail),
        }
    ]


def validation_errors(exc: ValidationError) -> list[dict[str, str]]:
    """A service's ValidationError as items: each message with its field and its code (the code
    the service gave, else ``tidak_valid``)."""
    out = []
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            for error in errors:
                for message in error.messages:
                    out.append(
                        {
                            "field": _field_name(field),
                            "code": error.code or "invalid",
                            "message": message,
                        }
                    )
    else:
        for error in exc.error_list:
            for message in error.messages:
                out.append({"field": "", "code": error.code or "invalid", "message": message})
    return out


def _summary(errors: list[dict[str, str]]) -> str:
    parts = [f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors]
    return "; ".join(parts) or TITLES[400]


def exception_handler(exc: Exception, context: dict[str, Any]) -> JsonResponse:
    """REST framework's EXCEPTION_HANDLER: every exception becomes a problem response."""
    request = context.get("request")
    instance = request.path if request is not None else ""
    set_rollback()
    if isinstance(exc, ValidationError):
        errors = validation_errors(exc)
        return problem(400, _summary(errors), instance=instance, errors=errors)
    if isinstance(exc, drf.ValidationError):
        errors = _drf_errors(exc.detail)
        return problem(400, _summary(errors), instance=instance, errors=errors)
    if isinstance(exc, Conflict):
        return problem(
            409, str(exc.detail), instance=instance, code=exc.problem_code, current=exc.current
        )
    if isinstance(exc, drf.NotAuthenticated | drf.AuthenticationFailed):
        detail = (
            "Kirim token API di kepala Authorization: Bearer <token>."
            if isinstance(exc, drf.NotAuthenticated)
            else str(exc.detail)
        )
        return problem(
            401, detail, instance=instance, headers={"WWW-Authenticate": 'Bearer realm="kinerja"'}
        )
    if isinstance(exc, PermissionDenied | drf.PermissionDenied):
        detail = str(getattr(exc, "detail", "") or exc) or "Anda tidak berwenang."
        if (
            isinstance(exc, drf.PermissionDenied)
            and exc.detail == drf.PermissionDenied.default_detail
        ):
            detail = "Anda tidak berwenang melakukan tindakan ini."
        return problem(403, detail, instance=instance)
    if isinstance(exc, Http404 | drf.NotFound):
        detail = str(getattr(exc, "detail", "") or exc)
        if not detail or detail.endswith("matches the given query.") or detail == "Not found.":
            detail = "Data tidak ditemukan, atau tidak ada di jangkauan Anda."
        return problem(404, detail, instance=instance)
    if isinstance(exc, drf.MethodNotAllowed):
        method = request.method if request is not None else ""
        view = context.get("view")
        allow = ", ".join(getattr(view, "allowed_methods", []) or [])
        return problem(
            405,
            f"Metode {method} tidak tersedia di alamat ini.",
            instance=instance,
            headers={"Allow": allow} if allow else None,
        )
    if isinstance(exc, drf.UnsupportedMediaType):
        sent = (getattr(request, "content_type", "") or "").split(";")[0].strip() or "(kosong)"
        return problem(
            415,
            f"Jenis isi {sent} tidak didukung; kirim application/json (atau multipart/form-data "
            "untuk berkas bukti).",
            instance=instance,
        )
    if isinstance(exc, drf.NotAcceptable):
        return problem(406, "Jawaban hanya tersedia sebagai application/json.", instance=instance)
    if isinstance(exc, drf.Throttled):
        wait = int(exc.wait or 1)
        return problem(
            429,
            f"Batas permintaan token ini terlampaui; coba lagi dalam {wait} detik.",
            instance=instance,
            headers={"Retry-After": str(max(wait, 1))},
        )
    if isinstance(exc, RequestDataTooBig | PayloadTooLarge):
        detail = str(getattr(exc, "detail", "")) or "Isi permintaan melebihi batas ukuran."
        return problem(413, detail, instance=instance)
    if isinstance(exc, drf.ParseError):
        return problem(
            400,
            f"Isi permintaan tidak dapat dibaca: {exc.detail}",
            instance=instance,
            code="tidak_terbaca",
            errors=[{"field": "", "code": "tidak_terbaca", "message": str(exc.detail)}],
        )
    if isinstance(exc, drf.APIException):
        return problem(exc.status_code, str(exc.detail), instance=instance, code=exc.default_code)
    if isinstance(exc, IntegrityError):
        log.warning("API integrity conflict on %s: %s", instance, exc)
        return problem(
            409,
            "Data yang sama baru saja disimpan oleh permintaan lain; baca ulang lalu kirim lagi.",
            instance=instance,
        )
    if isinstance(exc, OperationalError):
        log.warning("API database refusal on %s: %s", instance, exc)
        return problem(
            503,
            "Server sedang sibuk atau permintaan melebihi batas waktu; coba lagi sebentar lagi.",
            instance=instance,
            headers={"Retry-After": "5"},
        )
    log.exception("API error on %s", instance)
    return problem(500, "Terjadi kesalahan di server; sudah dicatat.", instance=instance)
