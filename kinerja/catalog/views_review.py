"""Pages of the decree review: upload a successor or an amendment, confirm or correct each match,
apply or discard. Nothing touches the catalog until "Terapkan"."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from kinerja.accounts.permissions import can
from kinerja.catalog.models import CatalogReview, Decree
from kinerja.catalog.review_selectors import review_page
from kinerja.catalog.review_services import (
    MAX_BYTES,
    review_apply,
    review_create,
    review_discard,
    review_matches_set,
)
from kinerja.catalog.selectors import decree_document
from kinerja.catalog.xlsx_template import LAYOUTS, template_xlsx
from kinerja.core.errors import error_text
from kinerja.core.inputs import parse_reason

LABELS = {"file": "Berkas", "kind": "Jenis", "status": "Status"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _base_or_403(request: HttpRequest, pk: int) -> Decree:
    decree = get_object_or_404(Decree.objects.select_related("agency"), pk=pk)
    if not can(request.user, "catalog.import", decree.agency):
        raise PermissionDenied
    return decree


def _review_or_403(request: HttpRequest, pk: int) -> CatalogReview:
    review = get_object_or_404(
        CatalogReview.objects.select_related("agency", "base", "result"), pk=pk
    )
    if not can(request.user, "catalog.import", review.agency):
        raise PermissionDenied
    return review


@login_required
def review_upload(request: HttpRequest, pk: int) -> HttpResponse:
    base = _base_or_403(request, pk)
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            messages.error(request, "Berkas: pilih berkas keputusan.")
        elif upload.size > MAX_BYTES:
            messages.error(request, f"Berkas: lebih dari {MAX_BYTES // (1024 * 1024)} MB.")
        else:
            kind = request.POST.get("kind") or None
            try:
                review = review_create(
                    actor=request.user,
                    base=base,
                    raw=upload.read(),
                    filename=upload.name,
                    kind=kind,
                )
            except ValidationError as exc:
                messages.error(request, error_text(exc, LABELS))
            else:
                return redirect("catalog:review", review.pk)
    context = {
        "base": base,
        "kinds": CatalogReview.Kind.choices,
        "reviews": CatalogReview.objects.filter(base=base).select_related("result")[:20],
        "max_mb": MAX_BYTES // (1024 * 1024),
    }
    return render(request, "catalog/review_upload.html", context)


@login_required
def review_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The XLSX template for a new decree: empty, or filled with this decree to edit into its
    successor or amendment (one sheet per jabatan, or ``?tata=satu_lembar``)."""
    base = _base_or_403(request, pk)
    layout = request.GET.get("tata") if request.GET.get("tata") in LAYOUTS else "per_jabatan"
    document = decree_document(base) if request.GET.get("isi") == "1" else None
    body = template_xlsx(document, layout=layout)
    response = HttpResponse(body, content_type=XLSX)
    name = "templat-keputusan-iki" + ("-" + str(base.period_start) if document else "")
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


@login_required
def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_or_403(request, pk)
    if request.method == "POST":
        positions = {k.removeprefix("p:"): v for k, v in request.POST.items() if k.startswith("p:")}
        indicators = {
            k.removeprefix("i:"): v for k, v in request.POST.items() if k.startswith("i:")
        }
        try:
            review_matches_set(
                actor=request.user,
                review=review,
                positions={**review.matches["positions"], **positions},
                indicators={**review.matches["indicators"], **indicators},
            )
            messages.success(request, "Padanan disimpan.")
        except ValidationError as exc:
            messages.error(request, error_text(exc, LABELS))
        return redirect("catalog:review", review.pk)
    context = {"review": review, **review_page(review)}
    return render(request, "catalog/review_detail.html", context)


@login_required
@require_POST
def review_apply_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_or_403(request, pk)
    if request.POST.get("confirm") != "1":
        messages.error(request, "Centang pernyataan bahwa padanan sudah diperiksa.")
        return redirect("catalog:review", review.pk)
    try:
        decree = review_apply(actor=request.user, review=review)
    except ValidationError as exc:
        messages.error(request, f"Tidak ada yang diterapkan. {error_text(exc, LABELS)}")
        return redirect("catalog:review", review.pk)
    messages.success(request, f"Keputusan {decree.number} diterapkan.")
    return redirect("catalog:decree_detail", decree.pk)


@login_required
@require_POST
def review_discard_view(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review_or_403(request, pk)
    try:
        reason = parse_reason(request.POST.get("reason"), "reason", required=False)
        review_discard(actor=request.user, review=review, reason=reason)
        messages.success(request, "Tinjauan dibatalkan.")
    except ValidationError as exc:
        messages.error(request, error_text(exc, LABELS))
    return redirect("catalog:review_upload", review.base_id)
