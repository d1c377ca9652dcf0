"""The permission matrix of the pages (tests/accounts/test_permissions.py) extended to the API:
its URL-pattern generator and its two-agency organisation, every API route declared with the
action that governs it, every role (people, a second agency, the inspektorat, system tokens),
and 0 bypasses: a 403 exactly when ``can`` says no, a list holding only what ``for_user`` gives.

Writes run inside a savepoint rolled back after each request, so every role meets the same
rows."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from api_helpers import YEAR, client_with, raw_token, system_token, user_token
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from factories import fresh_user, indicators_of

from kinerja.accounts.permissions import can, for_user
from kinerja.catalog.models import DataSource, Position
from kinerja.measurement.models import Realization
from kinerja.measurement.services import evidence_add, realization_save
from kinerja.planning.models import Agreement
from kinerja.planning.services import agreement_create, target_set

pytestmark = pytest.mark.django_db

_spec = importlib.util.spec_from_file_location(
    "page_matrix", Path(__file__).parents[1] / "accounts" / "test_permissions.py"
)
page_matrix = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(page_matrix)

# Routes that take an object: (action, kind of object, methods). GET answers 403 exactly when
# ``can`` refuses; a write is refused (403) or explained (400) when ``can`` refuses, and goes
# through (2xx) when it allows.
OBJECT_ROUTES = {
    "api:position": ("position.view", "position", ["get"]),
    "api:indicator": ("position.view", "indicator", ["get"]),
    "api:agreement": ("agreement.view", "agreement", ["get"]),
    "api:realization": ("realization.view", "realization", ["get"]),
    "api:realization#put": ("realization.edit", "realization", ["put"]),
    "api:realization_submit": ("realization.submit", "realization", ["post"]),
    "api:evidence": ("realization.view", "realization", ["get"]),
    "api:evidence#post": ("evidence.add", "realization", ["post"]),
    "api:evidence_file": ("evidence.view", "evidence", ["get"]),
}
# Lists: every id they return passes ``for_user``/``can``; the action scoping them.
LIST_ROUTES = {
    "api:agencies": "agency",
    "api:decrees": "decree",
    "api:units": "unit",
    "api:positions": "position",
    "api:indicators": "indicator",
    "api:targets": "target",
    "api:agreements": "agreement",
    "api:realizations": "realization",
    "api:evidence_index": "evidence",
    "api:fig_ind": "figure",
    "api:fig_pos": "figure",
    "api:fig_unit": "figure",
    "api:fig_agency": "figure",
    "api:register": "register",
}
# Routes with no agency data: the description, its page, the 404 for unknown paths, and the
# token page (an HTML page checked in test_api_tokens.py).
NO_DATA = {"api:schema", "api:docs", "api:not_found", "api:tokens"}
# The create route is a list route with a POST: realization.enter on the indicator's position.
CREATE = "api:realizations#post"


def _api_patterns(resolver=None, prefix=""):
    """Every named pattern of the API namespace (the page generator yields only those that
    take an object)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            name = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            yield from _api_patterns(entry, name)
        elif isinstance(entry, URLPattern) and prefix == "api:":
            yield f"{prefix}{entry.name}"


def test_every_api_route_is_in_the_matrix():
    declared = {name.split("#")[0] for name in OBJECT_ROUTES} | set(LIST_ROUTES) | NO_DATA
    assert set(_api_patterns()) == declared
    with_object = {p for p in page_matrix._patterns() if p.startswith("api:")}
    assert with_object == {name.split("#")[0] for name in OBJECT_ROUTES}


def _people(org, other_users):
    """Clients per role: a token for each person (the administrator's, or made directly for
    those outside the agency), and two system tokens."""
    clients = {}
    for role in org.users:
        user = org.users[role]
        secret = raw_token(user, org.agency) if role == "outsider" else user_token(org, role)
        clients[role] = (user, client_with(secret))
    for role, user in other_users.items():
        clients[role] = (user, client_with(raw_token(user, org.agency)))
    staff_indicators = indicators_of(org.pos["staff"])
    for role in ("operator", "pimpinan"):
        secret = system_token(org, staff_indicators if role == "operator" else [], role=role)
        from kinerja.api.models import ApiToken

        token = ApiToken.objects.filter(kind="system", role=role).latest("pk")
        clients[f"sistem-{role}"] = (token.user, client_with(secret))
    return clients


def _write_body(route: str, obj, source):
    if route == "api:realization#put":
        return {"value": 6, "version": obj.version}, "json"
    if route == "api:realization_submit":
        return {"version": obj.version}, "json"
    if route == "api:evidence#post":
        import io

        upload = io.BytesIO(b"%PDF-1.4\n%%EOF\n")
        upload.name = "bukti.pdf"
        return {"file": upload, "source": source.pk}, "multipart"
    return None, None


def _call(client, method, url, body=None, fmt=None):
    with transaction.atomic():
        response = getattr(client, method)(url, body, format=fmt) if body else client.get(url)
        transaction.set_rollback(True)
    return response


def test_api_matrix_zero_bypasses(org):
    other, other_users = page_matrix._other_agency(org)
    indicator = indicators_of(org.pos["staff"])[0]
    realization = realization_save(
        actor=org.staff, indicator=indicator, year=YEAR, period=1, value=5
    )
    source = indicator.sources.first() or DataSource.objects.first()
    evidence = evidence_add(
        actor=org.staff,
        realization=realization,
        name="a.pdf",
        content=b"%PDF-1.4\n%%EOF\n",
        source=source,
    )
    for kasi_indicator in indicators_of(org.pos["kasi"]):
        target_set(actor=org.admin, indicator=kasi_indicator, year=YEAR, plan="renja", value="1")
    agreement = agreement_create(actor=org.admin, position=org.pos["kasi"], year=YEAR)
    theirs = Position.objects.get(decree=other, key="kepala-seksi-identitas-penduduk")
    objects = {
        "position": [org.pos[r] for r in ("kasi", "staff", "kabid", "other_kasi", "head")]
        + [theirs],
        "indicator": [indicators_of(org.pos["kasi"])[0], indicators_of(theirs)[0]],
        "agreement": [agreement],
        "realization": [realization],
        "evidence": [evidence],
    }
    clients = _people(org, other_users)
    bypasses, checked = [], 0
    for route, (action, kind, methods) in OBJECT_ROUTES.items():
        name = route.split("#")[0]
        for obj in objects[kind]:
            url = reverse(name, args=[obj.pk])
            target = obj.goal.position if kind == "indicator" else obj
            for role, (user, client) in clients.items():
                fresh = type(target).objects.get(pk=target.pk)
                allowed = can(fresh_user(user), action, fresh)
                body, fmt = _write_body(route, fresh, source)
                status = _call(client, methods[0], url, body, fmt).status_code
                checked += 1
                if methods[0] == "get":
                    wrong = (status == 403) == allowed or status >= 500
                else:
                    wrong = (allowed and status >= 300) or (not allowed and status < 300)
                    wrong = wrong or status >= 500
                if wrong:
                    bypasses.append((role, route, obj.pk, status, allowed))
    # Create: realization.enter on the indicator's position (and the token's own list).
    for position in objects["position"]:
        if not indicators_of(position):
            continue  # the synthesized head of agency has none
        first = indicators_of(position)[0]
        numbers = {"value": 1} if first.kind == "count" else {"numerator": 1, "denominator": 2}
        body = {"indicator": first.pk, "year": YEAR, "period": 3, **numbers}
        for role, (user, client) in clients.items():
            allowed = can(fresh_user(user), "realization.enter", position)
            status = _call(client, "post", reverse("api:realizations"), body, "json").status_code
            checked += 1
            limited = role == "sistem-operator" and first.goal.position_id != org.pos["staff"].pk
            if status >= 500 or (allowed and not limited) != (status == 201):
                bypasses.append((role, CREATE, position.pk, status, allowed))
    assert checked > 200 and not bypasses, bypasses


def _ids(response) -> set[int]:
    body = response.json()
    return {row.get("id", row.get("indicator")) for row in body["results"]}


def test_api_lists_hold_only_what_for_user_gives(org):
    other, other_users = page_matrix._other_agency(org)
    realization_save(
        actor=org.staff, indicator=indicators_of(org.pos["staff"])[0], year=YEAR, period=1, value=5
    )
    clients = _people(org, other_users)
    checked = 0
    for role, (user, client) in clients.items():
        user = fresh_user(user)
        positions = set(for_user(user, "position.view", Position).values_list("pk", flat=True))
        realizations = set(
            for_user(user, "realization.view", Realization).values_list("pk", flat=True)
        )
        agreements = set(for_user(user, "agreement.view", Agreement).values_list("pk", flat=True))
        for name, kind in LIST_ROUTES.items():
            response = client.get(reverse(name), {"year": YEAR, "page_size": 500})
            checked += 1
            if kind == "register":
                assert (response.status_code == 403) == (not can(user, "population.view")), role
                continue
            assert response.status_code == 200, (role, name, response.content[:200])
            body = response.json()
            if kind == "position":
                assert _ids(response) <= positions, (role, name)
            elif kind == "indicator":
                assert {r["position"] for r in body["results"]} <= positions, (role, name)
            elif kind == "realization":
                assert _ids(response) <= realizations, (role, name)
            elif kind == "agreement":
                assert _ids(response) <= agreements, (role, name)
            elif kind == "evidence":
                assert {r["realization"] for r in body["results"]} <= realizations, (role, name)
            elif kind == "target":
                assert {r["position"] for r in body["results"]} <= positions, (role, name)
            elif kind == "figure":
                rows = body["results"]
                if name == "api:fig_ind":
                    assert {r["position"] for r in rows} <= positions, (role, name)
                elif name == "api:fig_pos":
                    assert {r["id"] for r in rows} <= positions, (role, name)
                elif name == "api:fig_agency":
                    for row in rows:
                        decree_positions = set(
                            Position.objects.filter(
                                decree__agency_id=row["id"],
                                decree__period_start__lte=YEAR,
                                decree__period_end__gte=YEAR,
                            ).values_list("pk", flat=True)
                        )
                        assert decree_positions <= positions, (role, name)
            elif kind in {"agency", "decree", "unit"}:
                agencies = set(
                    Position.objects.filter(pk__in=positions).values_list(
                        "decree__agency_id", flat=True
                    )
                )
                field = "id" if kind == "agency" else "agency"
                assert {r[field] for r in body["results"]} <= agencies, (role, name)
    assert checked == len(clients) * len(LIST_ROUTES)
    assert other is not None
