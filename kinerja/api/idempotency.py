"""Idempotency keys (the IETF "Idempotency-Key" header draft, as Stripe uses it).

A write sent with ``Idempotency-Key: <key>`` is recorded with a digest of the request (method,
path, query, body; an uploaded file by its SHA-256). The same key with the same request again
gets the stored answer (``Idempotent-Replayed: true``) instead of being applied twice; the same
key with a different request is a 422. Keys belong to one token (or one account) and are kept
for ``KEEP``; answers of 5xx are not stored, so a retry after a server error runs again.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.db import transaction
from django.http import HttpResponseBase, JsonResponse
from django.utils import timezone
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from kinerja.api.models import ApiToken, IdempotencyRecord
from kinerja.api.problems import CONTENT_TYPE, IdempotencyMismatch, exception_handler, problem

HEADER = "Idempotency-Key"
KEEP = timedelta(hours=24)
KEY_RE = re.compile(r"[\x21-\x7e]{1,255}", re.ASCII)
KEPT_HEADERS = ("Location", "Content-Type")


def _owner(request: Any) -> str:
    if isinstance(request.auth, ApiToken):
        return f"token:{request.auth.pk}"
    return f"user:{request.user.pk}"


def _canonical(data: Any) -> Any:
    if hasattr(data, "lists"):  # a QueryDict (form or multipart)
        return {k: [_canonical(v) for v in values] for k, values in sorted(data.lists())}
    if hasattr(data, "read") and hasattr(data, "chunks"):  # an uploaded file
        digest = hashlib.sha256()
        for chunk in data.chunks():
            digest.update(chunk)
        data.seek(0)
        return {"file": data.name, "sha256": digest.hexdigest()}
    if isinstance(data, dict):
        return {str(k): _canonical(v) for k, v in sorted(data.items(), key=lambda i: str(i[0]))}
    if isinstance(data, list | tuple):
        return [_canonical(v) for v in data]
    return data


def request_hash(request: Any) -> str:
    files = {k: _canonical(f) for k, f in sorted(request.FILES.items())}
    payload = {
        "method": request.method,
        "path": request.path,
        "query": sorted(request.query_params.lists()),
        "data": _canonical(request.data),
        "files": files,
    }
    encoded = json.dumps(payload, sort_keys=True, default=str, ensure_ascii=True)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _body(response: HttpResponseBase) -> Any:
    if isinstance(response, Response):
        return json.loads(JSONRenderer().render(response.data) or b"null")
    return json.loads(response.content or b"null")


def _replay(record: IdempotencyRecord) -> HttpResponseBase:
    headers = dict(record.headers or {})
    content_type = headers.pop("Content-Type", "application/json")
    if content_type.startswith(CONTENT_TYPE):
        response: HttpResponseBase = JsonResponse(
            record.body, status=record.status, content_type=CONTENT_TYPE, safe=False
        )
    else:
        response = Response(record.body, status=record.status)
    for name, value in headers.items():
        response[name] = value
    response["Idempotent-Replayed"] = "true"
    return response


def idempotent(request: Any, handler: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    """Run ``handler`` once per Idempotency-Key (none given: just run it)."""
    key = request.headers.get(HEADER)
    if key is None:
        return handler()
    if not KEY_RE.fullmatch(key):
        return problem(
            400,
            "Idempotency-Key harus 1-255 karakter ASCII yang terlihat (tanpa spasi).",
            instance=request.path,
            errors=[{"field": HEADER, "code": "tidak_valid", "message": "format kunci salah"}],
        )
    fingerprint = request_hash(request)
    owner = _owner(request)
    with transaction.atomic():
        record, created = IdempotencyRecord.objects.select_for_update().get_or_create(
            owner=owner, key=key, defaults={"request_hash": fingerprint}
        )
        if not created:
            if record.created_at < timezone.now() - KEEP:
                record.delete()
                record = IdempotencyRecord.objects.create(
                    owner=owner, key=key, request_hash=fingerprint
                )
            elif record.request_hash != fingerprint:
                raise IdempotencyMismatch()
            elif record.status:
                return _replay(record)
        try:
            with transaction.atomic():
                response = handler()
        except Exception as exc:  # the answer to store is the problem the client gets
            response = exception_handler(exc, {"request": request})
        if response.status_code >= 500:
            record.delete()
            return response
        if isinstance(response, Response) and not response.is_rendered:
            response.accepted_renderer = getattr(request, "accepted_renderer", JSONRenderer())
        record.status = response.status_code
        record.body = _body(response)
        headers = {name: response[name] for name in KEPT_HEADERS if response.has_header(name)}
        if isinstance(response, Response):
            headers["Content-Type"] = "application/json"
        record.headers = headers
        record.save(update_fields=["status", "body", "headers"])
    return response
