"""Request-wide protections that belong to no page: no caching of private responses, idle
sessions that end, and database refusals answered with a message instead of a 500."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import patch_cache_control

from kinerja.ops.db import is_locked, is_timeout, is_unique_violation

log = logging.getLogger(__name__)

# The session's expiry is renewed when it is older than this: an idle official is signed out
# after SESSION_COOKIE_AGE, and an active one is not, without a session write on every request.
SESSION_REFRESH_SECONDS = 300
RENEWED = "_kinerja_renewed"


class NoStoreMiddleware:
    """Every response a view makes is private and never stored by a browser or a proxy: the
    pages show personal performance data, evidence is personal data, and the login form carries
    a CSRF token. Static files are served above this middleware and stay cacheable."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True, max_age=0)
        return response


def stamp_session(sender: object, request: HttpRequest, user: object, **kwargs: object) -> None:
    """At login the session is written anyway: stamp it, so the next request writes nothing."""
    session = getattr(request, "session", None)
    if session is not None:
        session[RENEWED] = int(time.time())


class IdleSessionMiddleware:
    """A rolling expiry: a signed-in session is renewed at most every few minutes of activity,
    so it ends SESSION_COOKIE_AGE after the last request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        user = getattr(request, "user", None)
        if session is not None and user is not None and user.is_authenticated:
            now = int(time.time())
            if now - int(session.get(RENEWED, 0)) > SESSION_REFRESH_SECONDS:
                session[RENEWED] = now  # marks the session modified: a new expiry is sent
        return self.get_response(request)


class DatabaseGuardMiddleware:
    """A query stopped by its time budget or a database too busy to answer is a 503 with a
    message; a unique constraint lost to a concurrent save is a 409 asking to reload. The cases
    a service can name precisely (RealizationConflict) are handled by the service; this is the
    net under every other write."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, IntegrityError) and is_unique_violation(exc):
            log.warning("unique race on %s: %s", request.path, exc)
            return _page(
                request,
                409,
                "Data bentrok",
                "Data yang sama baru saja disimpan oleh pengguna lain. Muat ulang halaman, "
                "periksa nilainya, lalu simpan lagi bila perlu.",
            )
        if isinstance(exc, OperationalError) and (is_timeout(exc) or is_locked(exc)):
            log.warning("query stopped on %s: %s", request.path, exc)
            budget = settings.KINERJA_QUERY_BUDGET_SECONDS
            return _page(
                request,
                503,
                "Permintaan terlalu berat",
                f"Permintaan ini melebihi batas waktu {budget:g} detik atau server sedang sibuk. "
                "Persempit pencarian atau coba lagi sebentar lagi.",
            )
        return None


def _page(request: HttpRequest, status: int, title: str, message: str) -> HttpResponse:
    body = render_to_string(
        "ops/problem.html", {"title": title, "message": message}, request=request
    )
    response = HttpResponse(body, status=status)
    if status == 503:
        response["Retry-After"] = "5"
    return response
