"""Read-only catalog pages. Every signed-in official may read the whole catalog; editing is the
admins' job in the Django admin."""

import json

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.text import slugify

from kinerja.accounts.permissions import can
from kinerja.catalog.exports import document_to_xlsx
from kinerja.catalog.models import Decree, Position
from kinerja.catalog.quality import check_document
from kinerja.catalog.selectors import (
    decree_document,
    indicator_search,
    organisation_tree,
    positions_full,
    source_search,
)
from kinerja.catalog.selectors import (
    decree_list as select_decrees,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _decree(pk: int) -> Decree:
    return get_object_or_404(Decree.objects.select_related("agency"), pk=pk)


@login_required
def decree_list(request: HttpRequest) -> HttpResponse:
    return render(request, "catalog/decree_list.html", {"decrees": select_decrees()})


@login_required
def decree_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(pk)
    positions = list(positions_full(decree))
    for p in positions:
        p.indicator_total = sum(len(g.indicators.all()) for g in p.goals.all())
    goals = [g for p in positions for g in p.goals.all()]
    indicators = [i for g in goals for i in g.indicators.all()]
    context = {
        "decree": decree,
        "positions": positions,
        "goal_count": len(goals),
        "indicator_count": len(indicators),
        "percentage_count": sum(1 for i in indicators if i.kind != "count"),
        "last_import": decree.imports.first(),
    }
    return render(request, "catalog/decree_detail.html", context)


@login_required
def organisation(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(pk)
    roots, unplaced = organisation_tree(decree)
    head = decree.positions.filter(is_head=True).first()
    context = {"decree": decree, "roots": roots, "unplaced": unplaced, "head": head}
    return render(request, "catalog/organisation.html", context)


@login_required
def position_detail(request: HttpRequest, pk: int) -> HttpResponse:
    position = get_object_or_404(Position.objects.select_related("decree__agency"), pk=pk)
    full = positions_full(position.decree, include_unlisted=True).get(pk=pk)
    duties = list(full.duties.all())
    context = {
        "decree": position.decree,
        "position": full,
        "tasks": [d for d in duties if d.kind == "task"],
        "functions": [d for d in duties if d.kind == "function"],
        "subordinates": position.subordinates.order_by("order"),
        # The Target and Realisasi links only for who may open them (issue #12).
        "can_view_data": can(request.user, "position.view", position),
    }
    return render(request, "catalog/position_detail.html", context)


@login_required
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    context = {
        "query": query,
        "indicators": list(indicator_search(query)) if query else [],
        "sources": list(source_search(query)) if query else [],
    }
    template = "catalog/_search_results.html" if request.headers.get("HX-Request") else None
    return render(request, template or "catalog/search.html", context)


@login_required
def quality_check(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(pk)
    findings = check_document(decree_document(decree))
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity] = counts.get(finding.severity, 0) + 1
    context = {"decree": decree, "findings": findings, "counts": counts}
    return render(request, "catalog/check.html", context)


def _filename(decree: Decree, ext: str) -> str:
    return f"katalog-iki-{slugify(decree.number.replace('/', '-'))}.{ext}"


@login_required
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(pk)
    body = json.dumps(decree_document(decree), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(decree, "json")}"'
    return response


@login_required
def export_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    decree = _decree(pk)
    response = HttpResponse(document_to_xlsx(decree_document(decree)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{_filename(decree, "xlsx")}"'
    return response
